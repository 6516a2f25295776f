//! `casebook letter` and `casebook letters`: parse, call `app::letters`, print.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::{open, output};
use casebook::app::letters::{self, Choice, Which};
use casebook::{Error, Result};

pub struct Options {
    pub choice: Choice,
    /// Replace files already there.
    pub force: bool,
}

/// One letter for one case, written to `out`.
pub fn one(db: &Path, reference: &str, o: &Options, out: &Path) -> Result<()> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::validation(format!("the folder {} does not exist", folder.display())));
    }
    let mut store = open(db)?;
    let (text, paper) = letters::draft(&store, reference, &o.choice)?;
    let (_, bytes) = letters::save(&mut store, reference, &text, paper, out, o.force)?;
    outln!("{}: {} ({} bytes) → {}", reference, text.template, bytes, out.display());
    Ok(())
}

/// The same letter for every case with `status`, one file per case in `dir`, stored all at once.
pub fn batch(db: &Path, status: &str, o: &Options, dir: &Path, json: bool) -> Result<()> {
    let mut store = open(db)?;
    let cases = letters::cases_for(&store, &Which::Status(status.into()))?;
    let shown = std::io::stderr().is_terminal() && !json;
    let progress = |done: usize, total: usize| {
        if shown {
            eprint!("\r{done}/{total} letters");
            let _ = std::io::stderr().flush();
        }
    };
    let made = letters::batch(&mut store, &cases, &o.choice, dir, o.force, &progress, &AtomicBool::new(false));
    if shown {
        eprintln!();
    }
    let made = made?;
    if json {
        output::print_json(&serde_json::json!({ "written": made.written.len(), "skipped": made.skipped }));
    } else {
        outln!("Wrote {} letter(s) to {}", made.written.len(), dir.display());
        for reason in &made.skipped {
            outln!("skipped {reason}");
        }
    }
    Ok(())
}
