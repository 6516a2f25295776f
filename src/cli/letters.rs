//! `casebook letter` and `casebook letters`: fill, render, store, and write PDF files.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{open, output};
use casebook::letter::{document, draft, render, Lang, LetterText, Paper};
use casebook::store::CaseFilter;
use casebook::{Error, Result, Store};

pub struct Options {
    pub template: String,
    pub lang: String,
    pub paper: Option<String>,
    /// Replace files already there.
    pub force: bool,
}

/// One letter for one case, written to `out`.
pub fn one(db: &Path, reference: &str, o: &Options, out: &Path) -> Result<()> {
    check_folder(out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))?;
    let mut store = open(db)?;
    let (text, paper, pdf) = make(&store, reference, o)?;
    let tmp = output::write_part(out, &pdf, o.force)?;
    let stored = store.record_letter(reference, &text, paper, &pdf);
    finish(&tmp, out, stored.map(|_| ()))?;
    outln!("{}: {} ({} bytes) → {}", reference, text.template, pdf.len(), out.display());
    Ok(())
}

/// The same letter for every case with `status`, one file per case in `dir`, stored all at once.
pub fn batch(db: &Path, status: &str, o: &Options, dir: &Path, json: bool) -> Result<()> {
    check_folder(dir)?;
    let mut store = open(db)?;
    let filter = CaseFilter { status: Some(status.parse()?), ..CaseFilter::default() };
    let cases = store.list_cases(&filter)?;
    let progress = std::io::stderr().is_terminal() && !json;
    let mut made = Vec::new();
    let mut skipped = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if progress {
            eprint!("\r{}/{} letters", i + 1, cases.len());
        }
        match make(&store, &case.reference, o) {
            Ok(letter) => made.push((case.reference.clone(), letter)),
            Err(e) if e.kind == casebook::ErrorKind::Validation && e.message.contains(" letter needs ") => {
                skipped.push(e.message)
            }
            Err(e) => return Err(e),
        }
    }
    if progress {
        eprintln!();
    }
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(made.len());
    let kinds: std::collections::HashMap<&str, casebook::model::Kind> =
        cases.iter().map(|c| (c.reference.as_str(), c.kind)).collect();
    for (reference, (_, _, pdf)) in &made {
        // A file name is built only from a reference of Casebook's own shape, never a path.
        casebook::store::check_reference(reference, kinds[reference.as_str()]).map_err(casebook::Error::validation)?;
        let out = dir.join(format!("{reference}.pdf"));
        match output::write_part(&out, pdf, o.force) {
            Ok(tmp) => files.push((tmp, out)),
            Err(e) => {
                files.iter().for_each(|(t, _)| drop(std::fs::remove_file(t)));
                return Err(e);
            }
        }
    }
    let rows: Vec<(&str, &LetterText, Paper, &[u8])> =
        made.iter().map(|(r, (text, paper, pdf))| (r.as_str(), text, *paper, pdf.as_slice())).collect();
    let stored = store.record_letters(&rows).map(|_| ());
    if let Err(e) = stored {
        files.iter().for_each(|(t, _)| drop(std::fs::remove_file(t)));
        return Err(e);
    }
    for (tmp, out) in &files {
        std::fs::rename(tmp, out)?;
    }
    if json {
        output::print_json(&serde_json::json!({ "written": files.len(), "skipped": skipped }));
    } else {
        outln!("Wrote {} letter(s) to {}", files.len(), dir.display());
        for reason in &skipped {
            outln!("skipped {reason}");
        }
    }
    Ok(())
}

fn make(store: &Store, reference: &str, o: &Options) -> Result<(LetterText, Paper, Vec<u8>)> {
    let lang = Lang::parse(&o.lang)?;
    let facts = store.letter_facts(reference)?;
    let paper = Paper::parse(o.paper.as_deref().unwrap_or(&facts.profile.paper))?;
    let text = draft(&facts, &o.template, lang, Some(&store.template_dir()))?;
    let pdf = render(&document(&facts, &text, paper, Utc::now())?)?;
    Ok((text, paper, pdf))
}

fn check_folder(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::validation(format!("the folder {} does not exist", dir.display())))
    }
}

/// Keeps the file if the letter was stored, removes it if not.
fn finish(tmp: &Path, out: &Path, stored: Result<()>) -> Result<()> {
    match stored {
        Ok(()) => Ok(std::fs::rename(tmp, out)?),
        Err(e) => {
            let _ = std::fs::remove_file(tmp);
            Err(e)
        }
    }
}
