use berth::cli::{self, Cli, ExitCode};
use berth::sandbox::StartError;
use clap::Parser;

fn main() {
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
