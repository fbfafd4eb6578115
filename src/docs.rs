//! Man pages (clap_mangen) and shell completions (clap_complete) generated from the
//! clap definitions; `tests/docs.rs` fails when the checked-in copies are stale.

use anyhow::Result;
use std::collections::BTreeMap;

/// Every generated file: relative path → content.
pub fn render() -> Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    let cmd = crate::cli::command();
    man_pages(&cmd, "berth", &mut out)?;
    if let Some(run) = cmd.find_subcommand("run") {
        out.insert(
            "docs/flags.md".into(),
            crate::cli::unsupported::flags_table(run).into_bytes(),
        );
    }
    for (shell, name) in [
        (clap_complete::Shell::Bash, "berth.bash"),
        (clap_complete::Shell::Zsh, "_berth"),
        (clap_complete::Shell::Fish, "berth.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd.clone(), "berth", &mut buf);
        out.insert(format!("completions/{name}"), buf);
    }
    Ok(out)
}

fn man_pages(cmd: &clap::Command, name: &str, out: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    let mut buf = Vec::new();
    let page = cmd.clone().name(clap::builder::Str::from(
        name.to_string().leak() as &'static str
    ));
    clap_mangen::Man::new(page).render(&mut buf)?;
    out.insert(format!("man/{name}.1"), buf);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), out)?;
    }
    Ok(())
}
