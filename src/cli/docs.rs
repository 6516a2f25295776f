//! The CLI's own documentation, made from its argument definitions: shell completions and
//! manual pages (installed by the packages).

use std::path::Path;

use clap::CommandFactory;

use super::args::Cli;
use casebook::{Error, Result};

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "casebook", &mut script);
    out!("{}", String::from_utf8_lossy(&script));
    Ok(())
}

/// Writes `casebook.1` and a page for each command into `dir`, which must exist.
pub fn man_pages(dir: &Path) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::validation(format!("{} is not a folder", dir.display())));
    }
    clap_mangen::generate_to(Cli::command(), dir)
        .map_err(|e| Error::storage(format!("cannot write the manual pages into {}: {e}", dir.display())))
}
