//! docker 28's `run`/`create` flags that berth does not implement (yet): accepted by the
//! parser, so a script gets a clear one-line reason (exit 125) or a warning where the
//! flag has no meaning here — never "unexpected argument". docs/flags.md lists every
//! flag and its state, generated from this table and the clap definition.

use anyhow::{bail, Result};
use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Refused with this reason.
    Refused(&'static str),
    /// Accepted with a warning (or silently when the reason is empty): no meaning here.
    Ignored(&'static str),
    /// A limit berth never sets (realtime CPU: cgroup v1 only): values that limit nothing
    /// pass, others are refused (`container::create::refuse_resource_limit`).
    Limit,
}

pub struct Flag {
    pub name: &'static str,
    pub takes_value: bool,
    pub state: State,
}

const fn refused(name: &'static str, why: &'static str) -> Flag {
    Flag {
        name,
        takes_value: true,
        state: State::Refused(why),
    }
}

const fn limit(name: &'static str) -> Flag {
    Flag {
        name,
        takes_value: true,
        state: State::Limit,
    }
}

const USER_NETWORKS: &str = "needs user networks, which berth does not have yet";
const WINDOWS_ONLY: &str = "is only supported on a Docker daemon running on windows";

pub const RUN_FLAGS: &[Flag] = &[
    refused("cpu-count", WINDOWS_ONLY),
    refused("cpu-percent", WINDOWS_ONLY),
    limit("cpu-rt-period"),
    limit("cpu-rt-runtime"),
    refused(
        "device-cgroup-rule",
        "needs a delegated cgroup v2 tree with the devices controller",
    ),
    Flag {
        name: "disable-content-trust",
        takes_value: false,
        state: State::Ignored(""),
    },
    refused("gpus", "GPU devices are not supported by berth"),
    refused("io-maxbandwidth", WINDOWS_ONLY),
    refused("io-maxiops", WINDOWS_ONLY),
    refused("ip", USER_NETWORKS),
    refused("ip6", USER_NETWORKS),
    Flag {
        name: "isolation",
        takes_value: true,
        state: State::Ignored("--isolation has no meaning on Linux: ignored"),
    },
    Flag {
        name: "kernel-memory",
        takes_value: true,
        state: State::Ignored(
            "Specifying a kernel memory limit is deprecated and will be removed in a future release.",
        ),
    },
    refused("link", USER_NETWORKS),
    refused("link-local-ip", USER_NETWORKS),
    refused(
        "mac-address",
        "the default network's device has no MAC address (a TUN)",
    ),
    Flag {
        name: "memory-swappiness",
        takes_value: true,
        state: State::Ignored("cgroup v2 has no memory swappiness: --memory-swappiness discarded"),
    },
    refused("network-alias", USER_NETWORKS),
    Flag {
        name: "oom-kill-disable",
        takes_value: false,
        state: State::Ignored("cgroup v2 cannot disable the OOM killer: --oom-kill-disable discarded"),
    },
    Flag {
        name: "quiet",
        takes_value: false,
        state: State::Ignored(""),
    },
    refused("runtime", "berth is its own runtime"),
    refused(
        "storage-opt",
        "per-container storage options are not supported",
    ),
    Flag {
        name: "use-api-socket",
        takes_value: false,
        state: State::Refused("berth has no daemon and no API socket"),
    },
    refused("volume-driver", "only local volumes exist"),
];

/// The flags of RUN_FLAGS given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Unsupported {
    /// The flags given, with their values (none for switches).
    pub given: Vec<(&'static str, Vec<String>)>,
}

/// A resource flag's value that sets no limit (docker's "unlimited": 0, -1, `0m`...):
/// accepted where no cgroup can enforce limits.
pub fn is_unlimited(v: &str) -> bool {
    let v = v.trim();
    match v.parse::<f64>() {
        Ok(n) => n == 0.0 || n == -1.0,
        // A size with a unit (`0m`).
        Err(_) => crate::container::units::parse_bytes(v).is_ok_and(|n| n == 0),
    }
}

impl Unsupported {
    /// Refuse the first refused flag given; the warnings for ignored ones.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut warnings = Vec::new();
        for (name, values) in &self.given {
            let Some(f) = RUN_FLAGS.iter().find(|f| f.name == *name) else {
                continue;
            };
            match f.state {
                State::Refused(why) => bail!("--{name}: {why}"),
                // `--oom-kill-disable=false` and values that limit nothing are fine.
                State::Limit if !f.takes_value && values.iter().all(|v| v == "false") => {}
                State::Limit if f.takes_value && values.iter().all(|v| is_unlimited(v)) => {}
                State::Limit => {
                    crate::container::create::refuse_resource_limit(&format!("--{name}"))?
                }
                State::Ignored(_) if !f.takes_value && values.iter().all(|v| v == "false") => {}
                State::Ignored("") => {}
                State::Ignored(why) => warnings.push(why.to_string()),
            }
        }
        Ok(warnings)
    }
}

impl FromArgMatches for Unsupported {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let given = RUN_FLAGS
            .iter()
            .filter(|f| m.value_source(f.name) == Some(clap::parser::ValueSource::CommandLine))
            .map(|f| {
                let values = if f.takes_value {
                    m.get_many::<String>(f.name)
                        .map(|v| v.cloned().collect())
                        .unwrap_or_default()
                } else if m.get_flag(f.name) {
                    vec!["true".to_string()]
                } else {
                    vec!["false".to_string()]
                };
                (f.name, values)
            })
            .collect();
        Ok(Unsupported { given })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for Unsupported {
    fn augment_args(cmd: Command) -> Command {
        cmd.args(RUN_FLAGS.iter().map(|f| {
            let help = match f.state {
                State::Refused(why) => format!("Not supported: {why}"),
                State::Limit => "Not supported without a delegated cgroup v2 tree".to_string(),
                State::Ignored("") => "Accepted, no effect".to_string(),
                State::Ignored(why) => format!("Accepted: {why}"),
            };
            let a = Arg::new(f.name).long(f.name).help(help);
            if f.takes_value {
                a.action(ArgAction::Append)
                    .value_name("VALUE")
                    .allow_hyphen_values(true)
            } else {
                a.action(ArgAction::SetTrue)
            }
        }))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

/// docs/flags.md: every long flag of `berth run` and what berth does with it.
pub fn flags_table(run: &Command) -> String {
    let mut out = String::from(
        "# `berth run` / `berth create` flags\n\n\
         Generated from the CLI definition (`src/cli/unsupported.rs` and the clap\n\
         arguments) by `BERTH_UPDATE_DOCS=1 cargo test --test docs`; a test keeps it true.\n\
         Every flag of docker 28's `run` is here: implemented, accepted without effect\n\
         (with the reason), or refused with a one-line reason and exit 125.\n\n\
         | flag | state | notes |\n|---|---|---|\n",
    );
    let mut args: Vec<&Arg> = run
        .get_arguments()
        .filter(|a| a.get_long().is_some() && !a.is_hide_set())
        .collect();
    args.sort_by_key(|a| a.get_long());
    for a in args {
        let long = a.get_long().unwrap_or_default();
        let (state, note) = match RUN_FLAGS.iter().find(|f| f.name == long).map(|f| f.state) {
            Some(State::Refused(why)) => ("refused", why.to_string()),
            Some(State::Limit) => (
                "refused",
                "realtime CPU limits: cgroup v1 only, not set by berth (values that limit nothing pass)".to_string(),
            ),
            Some(State::Ignored(why)) => ("accepted, no effect", why.to_string()),
            None => (
                "implemented",
                a.get_help().map(|h| h.to_string()).unwrap_or_default(),
            ),
        };
        let short = a.get_short().map(|c| format!("-{c}, ")).unwrap_or_default();
        out.push_str(&format!(
            "| `{short}--{long}` | {state} | {} |\n",
            note.replace('|', "\\|").replace('\n', " ")
        ));
    }
    out
}
