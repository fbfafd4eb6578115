//! The JSON profile format: the embedded default, errors, the API callers use.

use super::*;

#[test]
fn parses_embedded_default() {
    let d = default_profile();
    assert_eq!(d.default_action, Action::Errno);
    assert_eq!(d.default_errno_ret, Some(1));
    assert!(d.syscalls.len() > 40);
    let all: Vec<&str> = d.syscalls.iter().flat_map(|s| s.all_names()).collect();
    for n in [
        "clone3",
        "close_range",
        "epoll_pwait2",
        "faccessat2",
        "landlock_create_ruleset",
        "memfd_secret",
        "process_mrelease",
        "pidfd_getfd",
        "futex_waitv",
        "cachestat",
        "fchmodat2",
        "map_shadow_stack",
        "futex_wake",
        "futex_wait",
        "futex_requeue",
        "mseal",
        "statmount",
        "listmount",
        "lsm_get_self_attr",
        "setxattrat",
        "removexattrat",
    ] {
        assert!(all.contains(&n), "{n} missing from the default profile");
        assert!(
            syscall_number(n).is_some(),
            "{n} missing from the x86_64 table"
        );
    }
    // Round trip through serde keeps the meaning.
    let again = Profile::from_json(&serde_json::to_string(d).unwrap()).unwrap();
    assert_eq!(&again, d);
}

#[test]
fn default_names_unknown_on_x86_64_are_only_other_abis() {
    let mut unknown: Vec<&str> = default_profile()
        .syscalls
        .iter()
        .flat_map(|s| s.all_names())
        .filter(|n| syscall_number(n).is_none())
        .collect();
    unknown.sort();
    unknown.dedup();
    let suffix_32 = |n: &str| {
        n.ends_with("32") || n.ends_with("_time64") || n.ends_with("64_64") || n.ends_with("64")
    };
    let other_abi = [
        "_llseek",
        "_newselect",
        "arm_fadvise64_64",
        "arm_sync_file_range",
        "breakpoint",
        "cacheflush",
        "ipc",
        "mmap2",
        "recv",
        "riscv_flush_icache",
        "riscv_hwprobe",
        "s390_pci_mmio_read",
        "s390_pci_mmio_write",
        "s390_runtime_instr",
        "select",
        "send",
        "set_tls",
        "sigprocmask",
        "sigreturn",
        "socketcall",
        "stime",
        "swapcontext",
        "sync_file_range2",
        "ugetrlimit",
        "umount",
        "waitpid",
    ];
    for n in unknown {
        assert!(
            other_abi.contains(&n) || suffix_32(n),
            "{n} is in the default profile but not in syscalls_x86_64.rs"
        );
    }
}

#[test]
fn profile_errors_are_one_line() {
    let cases = [
        (
            r#"{"defaultAction":"SCMP_ACT_FOO","syscalls":[]}"#,
            r#"seccomp profile: unknown action "SCMP_ACT_FOO""#,
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
               "action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_XX"}]}]}"#,
            r#"seccomp profile: unknown operator "SCMP_CMP_XX""#,
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"read","names":["write"],
               "action":"SCMP_ACT_ALLOW"}]}"#,
            "seccomp profile: syscalls[0]: 'name' and 'names' were both specified",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
               "action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8.1"}}]}"#,
            r#"seccomp profile: invalid minKernel "4.8.1""#,
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
               "action":"SCMP_ACT_ALLOW","args":[{"index":6,"value":1,"op":"SCMP_CMP_EQ"}]}]}"#,
            "seccomp profile: syscalls[0]: argument index 6 out of range",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
               "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":[]}]}"#,
            "seccomp profile: 'architectures' and 'archMap' were both specified",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_Z80"]}"#,
            r#"seccomp profile: unknown architecture "SCMP_ARCH_Z80""#,
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],
               "action":"SCMP_ACT_NOTIFY"}]}"#,
            "seccomp profile: syscalls[0]: SCMP_ACT_NOTIFY is not supported",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":[],"action":"SCMP_ACT_ALLOW"}]}"#,
            "seccomp profile: syscalls[0]: no syscall names",
        ),
        (
            r#"{"defaultAction":"SCMP_ACT_ERRNO","flags":["SECCOMP_FILTER_FLAG_NEW_LISTENER"]}"#,
            "seccomp profile: unknown or unsupported flag",
        ),
        (
            r#"{"syscalls":[]}"#,
            "seccomp profile: missing field `defaultAction`",
        ),
        ("{", "seccomp profile: EOF while parsing"),
    ];
    for (json, want) in cases {
        let msg = Profile::from_json(json).unwrap_err().to_string();
        assert!(
            msg.starts_with(want),
            "{msg:?} does not start with {want:?}"
        );
        assert!(!msg.contains('\n'), "{msg:?}");
    }
    // Tolerated like docker: nulls, unknown keys, legacy "name".
    let p = Profile::from_json(
        r#"{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"architectures":null,
            "listenerPath":"","syscalls":[{"name":"read","action":"SCMP_ACT_ALLOW",
            "args":null,"includes":null,"excludes":{"minKernel":""}}]}"#,
    )
    .unwrap();
    assert_eq!(p.syscalls[0].all_names().collect::<Vec<_>>(), ["read"]);
}

#[test]
fn program_for_matches_callers() {
    let caps: Vec<String> = DOCKER_DEFAULT_CAPS.iter().map(|c| c.to_string()).collect();
    let a = program_for(None, &caps).unwrap();
    let b = default_program(&caps).unwrap();
    assert_eq!(insns(&a.insns), insns(&b));
    assert_eq!(a.flags, 0);
    let custom = program_for(Some(DEFAULT_PROFILE_JSON), &caps).unwrap();
    assert_eq!(insns(&custom.insns), insns(&b));
    let Err(err) = program_for(Some(r#"{"defaultAction":"SCMP_ACT_FOO"}"#), &caps) else {
        panic!("bad profile accepted");
    };
    assert!(err
        .to_string()
        .starts_with("seccomp profile: unknown action"));
    let e: anyhow::Error = parse_profile("42").unwrap_err().into();
    let msg = format!("{e:#}");
    assert!(msg.starts_with("seccomp profile: invalid type"), "{msg}");
}
