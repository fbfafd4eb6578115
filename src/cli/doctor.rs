//! `berth doctor`: the host checks of `crate::doctor`, one line each, fixes indented.

use crate::doctor::Outcome;
use crate::store::Paths;
use anyhow::Result;

pub fn doctor(paths: &Paths) -> Result<i32> {
    let checks = crate::doctor::run(paths);
    let mut problems = 0;
    for c in &checks {
        let mark = match c.outcome {
            Outcome::Ok => "ok  ",
            Outcome::Warn => "WARN",
            Outcome::Fail => "FAIL",
        };
        println!("{mark}  {}: {}", c.name, c.detail);
        if let Some(f) = &c.fix {
            println!("      fix: {f}");
        }
        if c.outcome != Outcome::Ok {
            problems += 1;
        }
    }
    if problems == 0 {
        println!("all {} checks hold", checks.len());
        Ok(0)
    } else {
        println!("{problems} of {} checks do not hold", checks.len());
        Ok(1)
    }
}
