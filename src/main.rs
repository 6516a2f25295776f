//! `casebook`, the command-line face of the core: parses arguments, calls the core, prints.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Output piped into `head` and the like ends quietly, as Unix tools do, instead of panicking.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Always one line, whatever a message carries.
            let message: Vec<&str> = e.message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            eprintln!("casebook: {}", message.join("; "));
            ExitCode::FAILURE
        }
    }
}
