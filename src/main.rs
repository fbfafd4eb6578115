#![deny(clippy::undocumented_unsafe_blocks)]

use berth::cli::{self, Cli, ExitCode};
use berth::sandbox::StartError;
use clap::Parser;
use std::io::Write;

fn main() {
    close_inherited_fds_on_exec();
    // A bug must still end as one `Error:` line and docker's engine-failure code, never a
    // raw panic message (the release build aborts right after the hook).
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        // `berth ps | head -1`: the reader went away. Go's CLI dies of SIGPIPE there,
        // silently; so do we (128 + SIGPIPE), without calling it a bug.
        if what.starts_with("failed printing to stdout") && what.contains("Broken pipe") {
            std::process::exit(141);
        }
        let what = what.replace('\n', " ");
        // Not eprintln!: it panics itself when stderr is gone.
        let _ = writeln!(std::io::stderr(), "Error: internal error: {what}{at}");
        std::process::exit(125);
    }));
    if std::env::var_os("BERTH_TEST_PANIC").is_some() {
        panic!("BERTH_TEST_PANIC is set");
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    std::process::exit(0)
                }
                ErrorKind::InvalidSubcommand => {
                    // docker 28: not a usage error; exit 1 with its own words.
                    let args: Vec<String> = std::env::args().skip(1).collect();
                    eprint!("{}", cli::unknown_command_message(&args));
                    std::process::exit(1)
                }
                _ => {
                    let _ = e.print();
                    // docker: usage errors exit 125.
                    std::process::exit(125)
                }
            }
        }
    };
    let code = match cli::dispatch(cli) {
        Ok(c) => c,
        Err(e) => {
            if let Some(ExitCode(c)) = e.downcast_ref::<ExitCode>() {
                *c
            } else if let Some(se) = e.downcast_ref::<StartError>() {
                eprintln!("Error: {}", se.message);
                se.code
            } else {
                eprintln!("Error: {e:#}");
                1
            }
        }
    };
    std::process::exit(code);
}

/// fds above 2 that our caller left open (a script's fd 3, a terminal) must not reach
/// any process berth starts: a container's, fuse-overlayfs (which runs where the
/// container can see it), a helper. Marking them close-on-exec once covers every path.
fn close_inherited_fds_on_exec() {
    let _ = berth::sys::fd::close_range_cloexec(3);
}
