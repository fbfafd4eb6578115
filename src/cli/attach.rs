//! attach, and the attach-related flags that run and start share.

use crate::container::attach::{self, keys};
use crate::container::monitor::{self, SessionOptions};
use crate::container::Containers;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use clap::Args;

#[derive(Args, Debug)]
pub struct AttachArgs {
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Do not attach STDIN
    #[arg(long)]
    pub no_stdin: bool,
    /// Proxy all received signals to the process (without a terminal)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    pub container: String,
}

pub fn attach(paths: &Paths, a: AttachArgs) -> Result<i32> {
    let keys = detach_keys(a.detach_keys.as_deref())?;
    let ctrs = Containers::new(paths);
    let id = ctrs.resolve(&a.container)?;
    let l = ctrs.load(&id)?;
    if l.state.restarting {
        bail!("You cannot attach to a restarting container, wait until it is running");
    }
    if !l.state.running {
        bail!("You cannot attach to a stopped container, start it first");
    }
    if l.state.paused {
        bail!("You cannot attach to a paused container, unpause it first");
    }
    let stdin = !a.no_stdin && l.rec.config.open_stdin;
    if stdin && l.rec.config.tty {
        check_tty()?;
    }
    let so = SessionOptions {
        stdin,
        stdout: true,
        stderr: true,
        detach_keys: keys,
        sig_proxy: a.sig_proxy,
    };
    attach_running(paths, &id, &so, true)
}

/// Attach to a running container's supervisor. `announce`: say so on detaching and
/// exit 1, as `docker attach` does (`start -a` detaches quietly with 0).
pub fn attach_running(paths: &Paths, id: &str, so: &SessionOptions, announce: bool) -> Result<i32> {
    let rec = Containers::new(paths).dir(id).read_record()?;
    let sock = attach::connect(&attach::socket_path(paths, id))
        .with_context(|| format!("cannot attach to container {}", rec.name))?;
    let _raw = (rec.config.tty && so.stdin)
        .then(|| crate::container::attach::RawMode::enter(0))
        .flatten();
    use attach::client::Outcome;
    Ok(match monitor::session(paths, id, sock, so)? {
        Outcome::Exited(c) => c,
        Outcome::Detached if announce => {
            drop(_raw);
            eprintln!("read escape sequence");
            1
        }
        Outcome::Detached => 0,
        Outcome::Lost => monitor::last_exit_code(paths, id),
        Outcome::Signaled(s) => 128 + s,
    })
}

/// docker's --detach-keys; without the flag, `detachKeys` of ~/.docker/config.json,
/// else ctrl-p,ctrl-q.
pub fn detach_keys(spec: Option<&str>) -> Result<Vec<u8>> {
    match spec {
        Some(s) => keys::parse(s),
        None => keys::parse(configured_detach_keys().as_deref().unwrap_or("")),
    }
}

fn configured_detach_keys() -> Option<String> {
    let path = crate::registry::auth::docker_config()?;
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    v.get("detachKeys")?.as_str().map(String::from)
}

/// `run -a`: the stream names, lowercased.
pub fn streams(names: &[String]) -> Result<Vec<String>> {
    names
        .iter()
        .map(|n| {
            let l = n.to_ascii_lowercase();
            match l.as_str() {
                "stdin" | "stdout" | "stderr" => Ok(l),
                _ => bail!(
                    "invalid argument {n:?} for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR"
                ),
            }
        })
        .collect()
}

/// A terminal session needs a terminal to read from.
pub fn check_tty() -> Result<()> {
    if !nix::unistd::isatty(0).unwrap_or(false) {
        bail!("the input device is not a TTY");
    }
    Ok(())
}
