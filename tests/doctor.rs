//! `berth doctor`: one line per check, every problem with its fix, exit 0 only when
//! all hold — as the test user (whose setup tests/setup.sh made), as a user without
//! subordinate ids, and as root.

mod common;
use common::*;

/// (mark, name) of each check line, and whether each problem line has a fix after it.
fn parse(out: &str) -> (Vec<(String, String)>, bool) {
    let lines: Vec<&str> = out.lines().collect();
    let mut checks = Vec::new();
    let mut fixes_follow = true;
    for (i, l) in lines.iter().enumerate() {
        let Some((mark, rest)) = l.split_once("  ") else {
            continue;
        };
        if !["ok", "WARN", "FAIL"].contains(&mark.trim()) {
            continue;
        }
        let name = rest.trim_start().split(':').next().unwrap().to_string();
        if mark.trim() != "ok"
            && !lines
                .get(i + 1)
                .is_some_and(|n| n.trim_start().starts_with("fix: "))
        {
            fixes_follow = false;
        }
        checks.push((mark.trim().to_string(), name));
    }
    (checks, fixes_follow)
}

fn consistent(o: &Out) -> Vec<(String, String)> {
    let (checks, fixes) = parse(&o.stdout);
    assert!(fixes, "a problem without its fix:\n{}", o.stdout);
    let problems = checks.iter().filter(|(m, _)| m != "ok").count();
    assert_eq!(o.code, if problems == 0 { 0 } else { 1 }, "{}", o.stdout);
    let summary = o.stdout.lines().last().unwrap_or_default();
    if problems == 0 {
        assert_eq!(summary, format!("all {} checks hold", checks.len()));
    } else {
        assert_eq!(
            summary,
            format!("{problems} of {} checks do not hold", checks.len())
        );
    }
    checks
}

fn mark<'a>(checks: &'a [(String, String)], name: &str) -> &'a str {
    checks
        .iter()
        .find(|(_, n)| n == name)
        .map(|(m, _)| m.as_str())
        .unwrap_or_else(|| panic!("no {name} check in {checks:?}"))
}

#[test]
fn doctor_as_the_test_user() {
    let b = Berth::user("doctor");
    let o = b.run(&["doctor"]);
    let checks = consistent(&o);
    let names: Vec<&str> = checks.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "user namespaces",
            "subordinate ids",
            "newuidmap, newgidmap",
            "overlay",
            "/dev/net/tun",
            "cgroup v2",
            "ping",
            "linger"
        ]
    );
    // What tests/setup.sh provides holds.
    for n in [
        "user namespaces",
        "subordinate ids",
        "newuidmap, newgidmap",
        "/dev/net/tun",
        "ping",
    ] {
        assert_eq!(mark(&checks, n), "ok", "{n}:\n{}", o.stdout);
    }
    // cgroup v2 holds only where /sys/fs/cgroup is cgroup2 (never on the hybrid CI hosts).
    let v2 = nix::sys::statfs::statfs("/sys/fs/cgroup")
        .unwrap()
        .filesystem_type()
        == nix::sys::statfs::CGROUP2_SUPER_MAGIC;
    if !v2 {
        assert_eq!(mark(&checks, "cgroup v2"), "FAIL");
        assert!(
            o.stdout
                .contains("fix: boot with systemd.unified_cgroup_hierarchy=1"),
            "{}",
            o.stdout
        );
    }
}

#[test]
fn doctor_without_subordinate_ids() {
    let Some(b) = Berth::solo("doctor-solo") else {
        return;
    };
    let o = b.run(&["doctor"]);
    let checks = consistent(&o);
    assert_eq!(mark(&checks, "subordinate ids"), "FAIL");
    assert!(
        o.stdout.contains(
            "fix: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 berthsolo"
        ),
        "{}",
        o.stdout
    );
    assert_eq!(o.code, 1);
}

#[test]
fn root_pass_doctor() {
    let Some(b) = Berth::root("doctor-root") else {
        return;
    };
    let o = b.run(&["doctor"]);
    let checks = consistent(&o);
    let names: Vec<&str> = checks.iter().map(|(_, n)| n.as_str()).collect();
    // As root berth uses no user namespace: those checks are not made.
    assert_eq!(names, ["overlay", "/dev/net/tun", "cgroup v2"]);
}
