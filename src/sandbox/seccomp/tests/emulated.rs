//! Compiled programs run in the BPF interpreter: the default profile's
//! decisions, rule selection by capability and kernel version, compile time.

use super::*;
use crate::sandbox::seccomp::compile::compile_for_kernel;
use crate::sandbox::seccomp::profile::{host_kernel, KernelVersion};

#[test]
fn compiles_default_with_docker_caps() {
    let prog = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    assert!(
        prog.len() > 50 && prog.len() < 1000,
        "{} instructions",
        prog.len()
    );
    let x86 = 0xC000_003E;
    let run = |name: &str, args: [u64; 6]| emulate(&prog, x86, nr(name), args);
    assert_eq!(run("getpid", [0; 6]), RET_ALLOW);
    assert_eq!(run("write", [0; 6]), RET_ALLOW);
    assert_eq!(run("keyctl", [0; 6]), errno_ret(1));
    assert_eq!(run("unshare", [0; 6]), errno_ret(1));
    assert_eq!(run("mount", [0; 6]), errno_ret(1));
    assert_eq!(run("io_uring_setup", [0; 6]), errno_ret(1));
    assert_eq!(run("clone3", [0; 6]), errno_ret(38));
    assert_eq!(
        run("clone", [libc::SIGCHLD as u64, 0, 0, 0, 0, 0]),
        RET_ALLOW
    );
    let newuser = (libc::CLONE_NEWUSER | libc::SIGCHLD) as u64;
    assert_eq!(run("clone", [newuser, 0, 0, 0, 0, 0]), errno_ret(1));
    assert_eq!(run("clone", [1 << 32, 0, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(run("personality", [0xffff_ffff, 0, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(run("personality", [8, 0, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(run("personality", [0x0040008, 0, 0, 0, 0, 0]), errno_ret(1));
    assert_eq!(
        run("personality", [(1 << 32) | 8, 0, 0, 0, 0, 0]),
        errno_ret(1)
    );
    assert_eq!(run("socket", [1, 1, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(run("socket", [40, 1, 0, 0, 0, 0]), errno_ret(1));
    assert_eq!(run("socket", [38, 5, 0, 0, 0, 0]), errno_ret(1));
    assert_eq!(run("socket", [39, 1, 0, 0, 0, 0]), RET_ALLOW);
    assert_eq!(run("socket", [(1 << 32) | 2, 1, 0, 0, 0, 0]), errno_ret(1));
    assert_eq!(run("chroot", [0; 6]), RET_ALLOW);
    assert_eq!(run("arch_prctl", [0; 6]), RET_ALLOW);
    // ptrace needs kernel >= 4.8 (host) in the default profile.
    assert_eq!(run("ptrace", [0; 6]), RET_ALLOW);
    // Newer than anything the profile names: ENOSYS; holes: EPERM.
    assert_eq!(
        emulate(&prog, x86, nr("open_tree_attr"), [0; 6]),
        errno_ret(38)
    );
    assert_eq!(emulate(&prog, x86, 1000, [0; 6]), errno_ret(38));
    assert_eq!(emulate(&prog, x86, 400, [0; 6]), errno_ret(1));
    // x32 and i386 follow the same rules with their own numbers (see
    // arch.rs for more); other architectures kill the thread.
    assert_eq!(emulate(&prog, x86, 0x4000_0000 | 39, [0; 6]), RET_ALLOW);
    assert_eq!(emulate(&prog, AUDIT_ARCH_I386, 20, [0; 6]), RET_ALLOW);
    assert_eq!(emulate(&prog, AUDIT_ARCH_I386, 286, [0; 6]), errno_ret(1));
    assert_eq!(emulate(&prog, 0xC000_00B7, 172, [0; 6]), RET_KILL_THREAD);
}

#[test]
fn cap_sys_admin_changes_rule_selection() {
    let x86 = 0xC000_003E;
    let dflt = default_program(DOCKER_DEFAULT_CAPS).unwrap();
    let admin = default_program(&admin_caps()).unwrap();
    let newuser = (libc::CLONE_NEWUSER | libc::SIGCHLD) as u64;
    for (name, arg0) in [
        ("unshare", 0),
        ("setns", 0),
        ("mount", 0),
        ("clone", newuser),
        ("lsm_list_modules", 0),
    ] {
        let args = [arg0, 0, 0, 0, 0, 0];
        assert_eq!(emulate(&dflt, x86, nr(name), args), errno_ret(1), "{name}");
        assert_eq!(emulate(&admin, x86, nr(name), args), RET_ALLOW, "{name}");
    }
    assert_eq!(emulate(&dflt, x86, nr("clone3"), [0; 6]), errno_ret(38));
    assert_eq!(emulate(&admin, x86, nr("clone3"), [0; 6]), RET_ALLOW);
    // Capability names may omit CAP_ and be lower case.
    let short = default_program(&["sys_admin"]).unwrap();
    assert_eq!(emulate(&short, x86, nr("unshare"), [0; 6]), RET_ALLOW);
    // Without CAP_SYS_CHROOT, chroot is refused.
    let none = default_program::<&str>(&[]).unwrap();
    assert_eq!(emulate(&none, x86, nr("chroot"), [0; 6]), errno_ret(1));
}

#[test]
fn includes_and_excludes() {
    let x86 = 0xC000_003E;
    let prof = Profile::from_json(
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
            {"names":["getpid"],"action":"SCMP_ACT_ERRNO","errnoRet":10,
             "excludes":{"caps":["CAP_SYS_ADMIN"]}},
            {"names":["getppid"],"action":"SCMP_ACT_ERRNO","errnoRet":11,
             "includes":{"caps":["CAP_SYS_ADMIN","CAP_NET_ADMIN"]}},
            {"names":["getuid"],"action":"SCMP_ACT_ERRNO","errnoRet":12,
             "includes":{"arches":["arm64","amd64"]}},
            {"names":["geteuid"],"action":"SCMP_ACT_ERRNO","errnoRet":13,
             "includes":{"arches":["x32","x86"]}},
            {"names":["getgid"],"action":"SCMP_ACT_ERRNO","errnoRet":14,
             "excludes":{"arches":["amd64"]}},
            {"names":["getegid"],"action":"SCMP_ACT_ERRNO","errnoRet":15,
             "includes":{"minKernel":"5.10"}},
            {"names":["gettid"],"action":"SCMP_ACT_ERRNO","errnoRet":16,
             "excludes":{"minKernel":"5.10"}}]}"#,
    )
    .unwrap();
    let k = |kernel, major| KernelVersion { kernel, major };
    let outcome = |caps: &[&str], kv: KernelVersion| -> Vec<u32> {
        let prog = compile_for_kernel(&prof, caps, kv).unwrap();
        OPS_SYSCALLS
            .iter()
            .map(|n| match emulate(&prog, x86, nr(n), [0; 6]) {
                RET_ALLOW => 0,
                r => r & RET_DATA,
            })
            .collect()
    };
    assert_eq!(outcome(&[], k(5, 9)), [10, 0, 12, 0, 0, 0, 16]);
    assert_eq!(
        outcome(&["CAP_SYS_ADMIN"], k(5, 10)),
        [0, 0, 12, 0, 0, 15, 0]
    );
    assert_eq!(
        outcome(&["CAP_NET_ADMIN", "CAP_SYS_ADMIN"], k(6, 1)),
        [0, 11, 12, 0, 0, 15, 0]
    );
    assert_eq!(outcome(&[], k(4, 19)), [10, 0, 12, 0, 0, 0, 16]);
}

#[test]
fn min_kernel_is_evaluated() {
    let x86 = 0xC000_003E;
    let old = KernelVersion {
        kernel: 4,
        major: 7,
    };
    let new = KernelVersion {
        kernel: 4,
        major: 8,
    };
    let caps = DOCKER_DEFAULT_CAPS;
    let p_old = compile_for_kernel(default_profile(), caps, old).unwrap();
    let p_new = compile_for_kernel(default_profile(), caps, new).unwrap();
    assert_eq!(emulate(&p_old, x86, nr("ptrace"), [0; 6]), errno_ret(1));
    assert_eq!(emulate(&p_new, x86, nr("ptrace"), [0; 6]), RET_ALLOW);
    assert_eq!(
        KernelVersion::from_release("6.18.44-fc-v657"),
        Some(KernelVersion {
            kernel: 6,
            major: 18
        })
    );
    assert_eq!(
        KernelVersion::from_release("5.4-rc1"),
        Some(KernelVersion {
            kernel: 5,
            major: 4
        })
    );
    assert!(host_kernel().kernel >= 3);
}

#[test]
fn compile_time() {
    let caps = DOCKER_DEFAULT_CAPS;
    let prof = default_profile();
    let n = 300;
    let t = std::time::Instant::now();
    let mut len = 0;
    for _ in 0..n {
        len = compile(prof, caps).unwrap().len();
    }
    let per = t.elapsed() / n;
    let t = std::time::Instant::now();
    let _ = Profile::from_json(DEFAULT_PROFILE_JSON).unwrap();
    let parse = t.elapsed();
    eprintln!("default profile: {len} instructions, compile {per:?}, parse {parse:?}");
    assert!(per < std::time::Duration::from_millis(20), "{per:?}");
}
