//! `casebook`, the command-line face of the core: parses arguments, calls the core, prints.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("casebook: {}", e.message);
            ExitCode::FAILURE
        }
    }
}
