//! Pull/push progress on stderr, in docker's words: one indicatif bar per layer when
//! stderr is a terminal, otherwise one plain line per status change
//! (`a3ed95caeb02: Pulling fs layer`, `... Download complete`), nothing with `quiet`.
//! No ticker thread is used: bars redraw when bytes arrive.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

pub struct Progress {
    mode: Mode,
}

enum Mode {
    Quiet,
    Plain,
    Bars(MultiProgress),
}

pub struct Item {
    id: String,
    bar: Option<ProgressBar>,
    plain: bool,
}

/// The 12 hex characters docker shows for a digest.
pub fn short(digest: &str) -> String {
    let h = digest.split_once(':').map_or(digest, |(_, h)| h);
    h.chars().take(12).collect()
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        let mode = if quiet {
            Mode::Quiet
        } else if std::io::stderr().is_terminal()
            && std::env::var_os("TERM").is_some_and(|t| t != "dumb")
        {
            Mode::Bars(MultiProgress::with_draw_target(ProgressDrawTarget::stderr()))
        } else {
            Mode::Plain
        };
        Progress { mode }
    }

    /// A whole line such as `latest: Pulling from library/busybox`.
    pub fn line(&self, msg: &str) {
        match &self.mode {
            Mode::Quiet => {}
            Mode::Plain => {
                let _ = writeln!(std::io::stderr().lock(), "{msg}");
            }
            Mode::Bars(mp) => {
                let _ = mp.println(msg);
            }
        }
    }

    /// A per-layer line/bar, identified by `digest`'s short form.
    pub fn item(&self, digest: &str, total: u64, status: &str) -> Item {
        let id = short(digest);
        match &self.mode {
            Mode::Quiet => Item {
                id,
                bar: None,
                plain: false,
            },
            Mode::Plain => {
                let _ = writeln!(std::io::stderr().lock(), "{id}: {status}");
                Item {
                    id,
                    bar: None,
                    plain: true,
                }
            }
            Mode::Bars(mp) => {
                let bar = mp.add(ProgressBar::new(total));
                bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix}: {msg:<18} {wide_bar:.cyan/blue} {binary_bytes:>10}/{binary_total_bytes:<10}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_prefix(id.clone());
                bar.set_message(status.to_string());
                Item {
                    id,
                    bar: Some(bar),
                    plain: false,
                }
            }
        }
    }
}

impl Progress {
    /// A layer that needs no work: one final line (`id: Already exists`).
    pub fn done(&self, digest: &str, msg: &str) {
        match &self.mode {
            Mode::Quiet => {}
            Mode::Plain => {
                let _ = writeln!(std::io::stderr().lock(), "{}: {msg}", short(digest));
            }
            Mode::Bars(mp) => {
                let _ = mp.println(format!("{}: {msg}", short(digest)));
            }
        }
    }
}

impl Item {
    pub fn status(&self, msg: &str) {
        if let Some(b) = &self.bar {
            b.set_message(msg.to_string());
        } else if self.plain {
            let _ = writeln!(std::io::stderr().lock(), "{}: {msg}", self.id);
        }
    }

    pub fn set_position(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_position(n);
        }
    }

    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    /// Final status: the bar becomes a plain `id: msg` line.
    pub fn finish(&self, msg: &str) {
        if let Some(b) = &self.bar {
            b.set_style(
                ProgressStyle::with_template("{prefix}: {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b.finish_with_message(msg.to_string());
        } else if self.plain {
            let _ = writeln!(std::io::stderr().lock(), "{}: {msg}", self.id);
        }
    }
}
