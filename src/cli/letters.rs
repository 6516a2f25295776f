//! `casebook letter` and `casebook letters`: parse, call `app::letters`, print.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::args::{LetterArgs, LetterMade, LetterStep};
use super::{open, output};
use casebook::app::letters::{self, Choice, Which};
use casebook::model::letter_flow::DispatchInput;
use casebook::model::Filing;
use casebook::{Error, Result};

pub struct Options {
    pub choice: Choice,
    /// Replace files already there.
    pub force: bool,
}

/// `casebook letter`: make one letter, or take a stored one a step further.
pub fn run(db: &Path, args: LetterArgs) -> Result<()> {
    let mut store = open(db)?;
    let (reference, record, json) = match args.step {
        None => {
            let reference = args.reference.unwrap_or_default();
            let (choice, out, force) = made(args.made)?;
            let (text, paper) = letters::draft(&store, &reference, &choice)?;
            let filing = if args.draft { Filing::Draft } else { Filing::SentToday };
            let (record, bytes) = letters::save(&mut store, &reference, &text, paper, &out, force, filing)?;
            outln!(
                "{reference}: letter {} {} ({bytes} bytes, {}) → {}",
                record.number,
                text.template,
                record.state,
                out.display()
            );
            return Ok(());
        }
        Some(LetterStep::Approve { reference, number, by, note, json }) => {
            let record = store.approve_letter(&reference, number, by.as_deref(), note.as_deref())?;
            (reference, record, json)
        }
        Some(LetterStep::Dispatch { reference, number, method, on, tracking, late_reason, late_note, json }) => {
            let input = DispatchInput { method, on, tracking, late_reason, late_note };
            let record = store.dispatch_letter(&reference, number, &input.validate(store.today())?)?;
            (reference, record, json)
        }
        Some(LetterStep::Revise { reference, number, made: m }) => {
            let (choice, out, force) = made(m)?;
            let (text, paper) = letters::draft(&store, &reference, &choice)?;
            let (record, bytes) = letters::revise(&mut store, &reference, number, &text, paper, &out, force)?;
            outln!(
                "{reference}: letter {number} {} revised ({bytes} bytes, {}) → {}",
                text.template,
                record.state,
                out.display()
            );
            return Ok(());
        }
    };
    if json {
        output::print_json(&record);
    } else {
        outln!("{reference}: {}", output::letter_line(&record));
    }
    Ok(())
}

/// The letter and the file a command names, the file's folder checked first.
fn made(m: LetterMade) -> Result<(Choice, std::path::PathBuf, bool)> {
    let out = m.out.unwrap_or_default();
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::validation(format!("the folder {} does not exist", folder.display())));
    }
    Ok((Choice { template: m.template.unwrap_or_default(), lang: m.lang, paper: m.paper }, out, m.force))
}

/// The same letter for every case with `status`, one file per case in `dir`, stored all at once.
pub fn batch(db: &Path, status: &str, o: &Options, dir: &Path, filing: Filing, json: bool) -> Result<()> {
    let mut store = open(db)?;
    let cases = letters::cases_for(&store, &Which::Status(status.into()))?;
    let made = letters::batch(&mut store, &cases, &o.choice, dir, o.force, filing, &AtomicBool::new(false))?;
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
