//! The container's first process, from clone to exec. Every failure is reported to the
//! parent over the CLOEXEC error pipe as "<exit code>\n<message>".

use super::{caps, mounts, SandboxConfig};
use crate::sys::msg::Message;
use anyhow::{Context, Result};
use nix::mount::{mount, MsFlags};
use nix::sys::prctl;
use nix::sys::signal::{sigprocmask, SigHandler, SigSet, SigmaskHow, Signal};
use std::ffi::CString;
use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

pub(super) struct Fail {
    pub code: i32,
    pub message: String,
}

impl From<anyhow::Error> for Fail {
    fn from(e: anyhow::Error) -> Self {
        Fail {
            code: 125,
            message: format!("{e:#}"),
        }
    }
}

pub fn run(
    cfg: &SandboxConfig,
    sync: OwnedFd,
    err: OwnedFd,
    console: Option<OwnedFd>,
    net: Option<OwnedFd>,
) -> ! {
    let errfd = err.as_raw_fd();
    let res = setup_and_exec(cfg, sync, errfd, console, net);
    let f = match res {
        Ok(never) => match never {},
        Err(f) => f,
    };
    let _ = Message::Failed {
        code: f.code,
        message: f.message,
    }
    .send(&mut File::from(err));
    // Leave without unwinding into the parent's copy of the stack.
    crate::sys::process::exit_now(f.code)
}

enum Never {}

fn setup_and_exec(
    cfg: &SandboxConfig,
    sync: OwnedFd,
    errfd: i32,
    console: Option<OwnedFd>,
    net: Option<OwnedFd>,
) -> Result<Never, Fail> {
    // Signals blocked by the supervisor must not stay blocked in the container.
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
    // Signal names 1-31: every standard signal.
    for s in Signal::iterator().filter(|s| !matches!(s, Signal::SIGKILL | Signal::SIGSTOP)) {
        // SAFETY: SIG_DFL installs no handler, so no code of ours can run on a signal.
        let _ = unsafe { nix::sys::signal::signal(s, SigHandler::SigDfl) };
    }
    if cfg.die_with_parent {
        let _ = prctl::set_pdeathsig(Signal::SIGKILL);
    }
    // Wait until the parent has written our id maps (EOF: the parent died).
    if !matches!(
        Message::recv(&mut File::from(sync)),
        Ok(Some(Message::Proceed))
    ) {
        return Err(Fail {
            code: 125,
            message: "supervisor went away during setup".into(),
        });
    }
    if cfg.cgroup.is_some() && !cfg.namespaces.cgroup_host {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWCGROUP)
            .context("creating the cgroup namespace")?;
    }
    let userns = cfg.idmap.is_some();
    nix::unistd::setsid().context("setsid")?;
    // The default network's device, while the host's /dev/net/tun is still in view.
    if let (Some(tc), Some(sock)) = (&cfg.tun, net) {
        let tun = super::nettun::create(tc)?;
        crate::sys::fd::send_fd(&sock, &tun).context("handing over the network device")?;
        for s in crate::sys::nsock::tcp_sockets(tc.sockets).context("socket")? {
            crate::sys::fd::send_fd(&sock, &s).context("handing over a socket")?;
        }
    }

    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_SLAVE | MsFlags::MS_REC,
        None::<&str>,
    )
    .context("making / a slave mount")?;
    let root = mounts::mount_rootfs(&cfg.rootfs, userns)?;
    let rootfd = mounts::open_root(&root)?;
    // Before any mount covers the image's content at a volume's mount point.
    for v in &cfg.volumes {
        super::volprep::prepare(&rootfd, v)?;
    }
    mounts::mount_all(&rootfd, &cfg.spec, &cfg.namespaces)?;
    if let Some(shm) = &cfg.shared_shm {
        mounts::attach(&rootfd, shm, std::path::Path::new("/dev/shm"))?;
    }
    mounts::populate_dev(&rootfd)?;
    drop(rootfd);
    let linux = cfg.spec.linux().clone().unwrap_or_default();
    let readonly_root = cfg
        .spec
        .root()
        .as_ref()
        .and_then(|r| r.readonly())
        .unwrap_or(false);
    if readonly_root {
        mounts::make_readonly(&root.to_string_lossy(), false)?;
    }
    mounts::pivot(&root)?;
    // `--sysctl`s, in the container's own namespaces, before /proc/sys turns read-only.
    for (k, v) in linux.sysctl().iter().flatten() {
        let path = format!("/proc/sys/{}", k.replace('.', "/"));
        std::fs::write(&path, v).map_err(|e| Fail {
            code: 125,
            message: format!("setting sysctl {k}={v}: {e}"),
        })?;
    }
    let masked = linux.masked_paths().clone().unwrap_or_default();
    let ro = linux.readonly_paths().clone().unwrap_or_default();
    mounts::mask_paths(&masked, &ro)?;

    // A uts namespace not of its own keeps its names (`--uts host|container:X`).
    let own_uts = cfg.namespaces.uts == super::Share::Own;
    if let Some(h) = cfg.spec.hostname().as_ref().filter(|_| own_uts) {
        nix::unistd::sethostname(h).context("sethostname")?;
    }
    let domain = cfg
        .spec
        .domainname()
        .as_ref()
        .filter(|d| own_uts && !d.is_empty());
    if let Some(d) = domain {
        rustix::system::setdomainname(d.as_bytes())
            .map_err(std::io::Error::from)
            .context("setdomainname")?;
    }
    // Rootless, lowering it below the supervisor's own is refused by the kernel.
    if let Some(n) = cfg.spec.process().as_ref().and_then(|p| p.oom_score_adj()) {
        std::fs::write("/proc/self/oom_score_adj", n.to_string())
            .with_context(|| format!("setting oom_score_adj {n}"))?;
    }
    if cfg.namespaces.net == super::Share::Own {
        super::nettun::loopback_up().context("bringing up lo")?;
    }
    let process = cfg.spec.process().clone().context("spec has no process")?;
    // Docker raises the soft open-files limit to the hard limit.
    if let Ok((_, hard)) =
        nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
    {
        let _ =
            nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE, hard, hard);
    }
    // `--ulimit`s (raising a hard limit needs privilege over the host: EPERM rootless).
    for r in process.rlimits().iter().flatten() {
        let res = super::rlimit::resource(r.typ());
        nix::sys::resource::setrlimit(res, r.soft(), r.hard()).map_err(|e| Fail {
            code: 125,
            message: format!("setting the ulimit {}: {e}", super::rlimit::name(r.typ())),
        })?;
    }
    let cwd = process.cwd();
    if std::fs::create_dir_all(cwd).is_err() || nix::unistd::chdir(cwd).is_err() {
        return Err(Fail {
            code: 125,
            message: format!("cannot enter working directory {}", cwd.display()),
        });
    }

    // stdio: the pty slave with a terminal, else what the supervisor gave us.
    if let Some(sock) = console {
        let size = cfg.spec.process().as_ref().and_then(|p| {
            p.console_size()
                .as_ref()
                .map(|b| (b.height() as u16, b.width() as u16))
        });
        super::tty::setup_in_container(sock.as_raw_fd(), size)?;
    }
    for (i, fd) in cfg.stdio.iter().enumerate() {
        if cfg
            .spec
            .process()
            .as_ref()
            .and_then(|p| p.terminal())
            .unwrap_or(false)
        {
            break;
        }
        if *fd != i as i32 {
            nix::unistd::dup2(*fd, i as i32)
                .map_err(std::io::Error::from)
                .context("dup2")?;
        }
    }

    let user = process.user();
    let env: Vec<String> = process.env().clone().unwrap_or_default();
    let args: Vec<String> = process.args().clone().unwrap_or_default();
    let path_var = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .to_string();
    let cargs = cstrings(&args, "argument")?;
    let cenv = cstrings(&env, "environment variable")?;
    let program = resolve_program(&args, &path_var)?;

    let groups = user.additional_gids().clone().unwrap_or_default();
    let nnp = process.no_new_privileges().unwrap_or(false);
    // No setgroups with a one-id mapping (denied), nor with crun's keep-groups
    // annotation (podman's `--group-add keep-groups`: the creator's groups stay).
    let keep_groups = cfg.spec.annotations().as_ref().is_some_and(|a| {
        a.get("run.oci.keep_original_groups")
            .is_some_and(|v| v == "1")
    });
    let mapped_groups = cfg.idmap.as_ref().is_none_or(|m| m.sub.is_some()) && !keep_groups;
    drop_privileges(
        &cfg.caps,
        nnp,
        cfg.seccomp.as_ref(),
        mapped_groups.then_some(&groups[..]),
        user.uid(),
        user.gid(),
    )?;
    if cfg.die_with_parent {
        // Changing credentials cleared it.
        let _ = prctl::set_pdeathsig(Signal::SIGKILL);
    }
    // Everything but stdio and the error pipe (already CLOEXEC) closes at exec.
    let _ = crate::sys::fd::close_range_cloexec(3);
    if cfg.init {
        super::init::fork_command(errfd);
    }

    let e = nix::unistd::execve(&program, &cargs, &cenv).unwrap_err();
    Err(exec_failure(&args[0], e))
}

/// Arguments or environment for execve: one with a NUL byte is refused, never cut or
/// turned into "".
pub(super) fn cstrings(v: &[String], what: &str) -> Result<Vec<CString>, Fail> {
    v.iter()
        .map(|a| {
            CString::new(a.as_str()).map_err(|_| Fail {
                code: 125,
                message: format!("invalid {what} {a:?}: it contains a NUL byte"),
            })
        })
        .collect()
}

/// Find the program like execvp would, with the container's PATH.
pub(super) fn resolve_program(args: &[String], path_var: &str) -> Result<CString, Fail> {
    let Some(cmd) = args.first() else {
        return Err(Fail {
            code: 125,
            message: "no command specified".into(),
        });
    };
    if cmd.contains('/') {
        return CString::new(cmd.as_str()).map_err(|_| Fail {
            code: 125,
            message: "NUL in command".into(),
        });
    }
    let mut denied = None;
    for dir in path_var.split(':').filter(|d| !d.is_empty()) {
        let p = Path::new(dir).join(cmd);
        if let Ok(meta) = std::fs::metadata(&p) {
            if meta.is_file() {
                if nix::unistd::access(&p, nix::unistd::AccessFlags::X_OK).is_ok() {
                    return Ok(CString::new(p.as_os_str().as_encoded_bytes()).unwrap_or_default());
                }
                denied = Some(p);
            }
        }
    }
    match denied {
        Some(p) => Err(Fail {
            code: 126,
            message: format!("exec: \"{cmd}\": stat {}: permission denied", p.display()),
        }),
        None => Err(Fail {
            code: 127,
            message: format!("exec: \"{cmd}\": executable file not found in $PATH"),
        }),
    }
}

/// The shell's exit code for a wait status: the exit status, or 128 + the signal that
/// killed it.
pub(super) fn exit_code(status: i32) -> i32 {
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    }
}

pub(super) fn exec_failure(cmd: &str, e: nix::errno::Errno) -> Fail {
    use nix::errno::Errno;
    match e {
        Errno::ENOENT | Errno::ENOTDIR => Fail {
            code: 127,
            message: format!("exec: \"{cmd}\": no such file or directory"),
        },
        Errno::EACCES | Errno::ENOEXEC | Errno::EISDIR | Errno::EPERM => Fail {
            code: 126,
            message: format!("exec: \"{cmd}\": {}", e.desc().to_lowercase()),
        },
        other => Fail {
            code: 126,
            message: format!("exec: \"{cmd}\": {}", other.desc()),
        },
    }
}

/// The last steps before exec, shared with `exec`: bound the capabilities, switch to
/// the container user, and install seccomp. As in runc, crun and youki: without
/// no_new_privs the filter goes in before the user switch, while CAP_SYS_ADMIN is still
/// held (the kernel requires it then); with no_new_privs it goes in last, after
/// PR_SET_NO_NEW_PRIVS, so the profile need not allow setgroups/setresuid. `groups`
/// None: setgroups is denied (one-id mapping).
pub(super) fn drop_privileges(
    keep_caps: &[String],
    nnp: bool,
    seccomp: Option<&super::seccomp::Program>,
    groups: Option<&[u32]>,
    uid: u32,
    gid: u32,
) -> Result<(), Fail> {
    let install = |prog: &super::seccomp::Program| {
        prog.install().map_err(|e| Fail {
            code: 125,
            message: if !nnp && e.errno() == Some(libc::EACCES) {
                format!("installing seccomp filter (without no-new-privileges this needs CAP_SYS_ADMIN): {e}")
            } else {
                format!("installing seccomp filter: {e}")
            },
        })
    };
    caps::apply(keep_caps)?;
    if let Some(prog) = seccomp.filter(|_| !nnp) {
        install(prog)?;
    }
    if let Some(groups) = groups {
        let g: Vec<nix::unistd::Gid> = groups
            .iter()
            .map(|g| nix::unistd::Gid::from_raw(*g))
            .collect();
        nix::unistd::setgroups(&g).context("setgroups")?;
    }
    let gid = nix::unistd::Gid::from_raw(gid);
    let uid = nix::unistd::Uid::from_raw(uid);
    nix::unistd::setresgid(gid, gid, gid).with_context(|| format!("setgid {gid}"))?;
    nix::unistd::setresuid(uid, uid, uid).with_context(|| format!("setuid {uid}"))?;
    if nnp {
        prctl::set_no_new_privs()
            .map_err(std::io::Error::from)
            .context("setting no-new-privileges (prctl PR_SET_NO_NEW_PRIVS)")?;
        if let Some(prog) = seccomp {
            install(prog)?;
        }
    }
    Ok(())
}
