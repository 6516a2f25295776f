//! `casebook report ccpa-7102|annual --year YYYY [--regime R] [--format csv|json|pdf] [--out FILE]`.

use std::path::Path;

use casebook::app::reports;
use casebook::{Error, Result};

use super::{open, output};

pub fn run(
    db: &Path,
    kind: &str,
    year: i32,
    regime: Option<&str>,
    format: &str,
    out: Option<&Path>,
    force: bool,
) -> Result<()> {
    if let Some(path) = out {
        casebook::files::check_target(path, force)?;
    }
    if out.is_none() && format == "pdf" {
        return Err(Error::validation("a PDF report needs --out FILE"));
    }
    let mut store = open(db)?;
    let regime = regime.map(str::parse).transpose()?;
    let made = reports::make(&mut store, kind, year, regime, format)?;
    match out {
        Some(path) => {
            casebook::files::write_output(path, &made.bytes, force)?;
            outln!("{}: written to {}", made.title, path.display());
        }
        None if format == "json" => output::print_json(&made.value),
        None => out!("{}", String::from_utf8_lossy(&made.bytes)),
    }
    Ok(())
}
