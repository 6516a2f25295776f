//! Letters: drafted from a case, rendered, written where the user asked and stored with the case,
//! the file and the stored copy both or neither; or the same letter for many cases at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::Utc;

use crate::error::{Error, ErrorKind, Result};
use crate::files::Output;
use crate::letter::{document, draft as fill, render, Lang, LetterDoc, LetterFacts, LetterText, Paper};
use crate::model::{CaseFilter, Filing, LetterRecord};
use crate::progress::{report, Stage};
use crate::store::Store;

/// Which letter, in which language, on which paper (the profile's when `None`).
#[derive(Debug, Clone)]
pub struct Choice {
    pub template: String,
    pub lang: String,
    pub paper: Option<String>,
}

/// The editable text of the letter `choice` for a case, with the paper it goes on.
pub fn draft(store: &Store, reference: &str, choice: &Choice) -> Result<(LetterText, Paper)> {
    let (_, text, paper) = drafted(store, reference, choice)?;
    Ok((text, paper))
}

fn drafted(store: &Store, reference: &str, choice: &Choice) -> Result<(LetterFacts, LetterText, Paper)> {
    let facts = store.letter_facts(reference)?;
    let paper = Paper::parse(choice.paper.as_deref().unwrap_or(&facts.profile.paper))?;
    let text = fill(&facts, &choice.template, Lang::parse(&choice.lang)?, Some(&store.template_dir()))?;
    Ok((facts, text, paper))
}

/// Renders `text` for a case, writes it to `out` and stores it with the case, as a draft or as
/// sent today: the file appears only once the letter is stored, and is gone if storing fails.
pub fn save(
    store: &mut Store,
    reference: &str,
    text: &LetterText,
    paper: Paper,
    out: &Path,
    replace: bool,
    filing: Filing,
) -> Result<(LetterRecord, usize)> {
    let pdf = render(&document(&store.letter_facts(reference)?, text, paper, Utc::now())?)?;
    let file = Output::write(out, &pdf, replace)?;
    let record = store.record_letter(reference, text, paper, &pdf, filing)?;
    file.commit()?;
    Ok((record, pdf.len()))
}

/// Renders `text` again for letter `number` of a case, not yet sent: its new PDF replaces the old
/// one (a draft again, to be approved anew) and is written to `out`, both or neither.
#[allow(clippy::too_many_arguments)]
pub fn revise(
    store: &mut Store,
    reference: &str,
    number: usize,
    text: &LetterText,
    paper: Paper,
    out: &Path,
    replace: bool,
) -> Result<(LetterRecord, usize)> {
    let pdf = render(&document(&store.letter_facts(reference)?, text, paper, Utc::now())?)?;
    let file = Output::write(out, &pdf, replace)?;
    let record = store.revise_letter(reference, number, text, paper, &pdf)?;
    file.commit()?;
    Ok((record, pdf.len()))
}

/// The cases a batch of letters is for.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Which {
    /// Every case with this status.
    Status(String),
    /// These cases, by reference.
    Cases(Vec<String>),
}

/// The cases `which` names, with their kinds (a status's in the list's order).
pub fn cases_for(store: &Store, which: &Which) -> Result<Vec<String>> {
    match which {
        Which::Status(status) => {
            let filter = CaseFilter { status: Some(status.parse()?), ..CaseFilter::default() };
            Ok(store.list_cases(&filter)?.into_iter().map(|c| c.reference).collect())
        }
        Which::Cases(references) => references.iter().map(|r| Ok(store.case(r)?.reference)).collect(),
    }
}

/// What a batch made.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Batch {
    /// The files written, one per case, named by reference.
    pub written: Vec<PathBuf>,
    /// Why a case got no letter (this letter does not fit its kind), by reference.
    pub skipped: Vec<String>,
}

/// The same letter for each of `cases`, one `<reference>.pdf` per case in `dir`, rendered on every
/// core and stored in one transaction: all of them or, on any failure or when `cancel` is set
/// before they are stored, none (no file, nothing stored).
#[allow(clippy::too_many_arguments)]
pub fn batch(
    store: &mut Store,
    cases: &[String],
    choice: &Choice,
    dir: &Path,
    replace: bool,
    filing: Filing,
    cancel: &AtomicBool,
) -> Result<Batch> {
    if !dir.is_dir() {
        return Err(Error::validation(format!("the folder {} does not exist", dir.display())));
    }
    let mut ready = Vec::with_capacity(cases.len());
    let mut skipped = Vec::new();
    for reference in cases {
        // A file name is built only from a reference of Casebook's own shape, never a path.
        crate::store::check_reference(reference).map_err(Error::validation)?;
        match drafted(store, reference, choice) {
            Ok((facts, text, paper)) => {
                let doc = document(&facts, &text, paper, Utc::now())?;
                ready.push((reference.as_str(), text, paper, doc));
            }
            Err(e) if e.kind == ErrorKind::Validation && e.message.contains(" letter needs ") => {
                skipped.push(e.message)
            }
            Err(e) => return Err(e),
        }
    }
    let jobs: Vec<(&LetterDoc, PathBuf)> =
        ready.iter().map(|(reference, _, _, doc)| (doc, dir.join(format!("{reference}.pdf")))).collect();
    let made = make_all(&jobs, replace, cancel)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    let rows: Vec<(&str, &LetterText, Paper, &[u8])> =
        ready.iter().zip(&made).map(|((r, text, paper, _), (pdf, _))| (*r, text, *paper, pdf.as_slice())).collect();
    store.record_letters(&rows, filing)?;
    let (written, files): (Vec<PathBuf>, Vec<Output>) =
        made.into_iter().map(|(_, file)| (file.path().to_path_buf(), file)).unzip();
    Output::commit_all(files)?;
    Ok(Batch { written, skipped })
}

fn cancelled() -> Error {
    Error::validation("cancelled: no letter was written or stored")
}

/// A rendered letter and its file, written but not yet in place.
type Made = (Vec<u8>, Output);

/// Renders every letter and writes its file (not yet in place), spread over the available cores,
/// in order; stops at the first failure or when `cancel` is set.
fn make_all(jobs: &[(&LetterDoc, PathBuf)], replace: bool, cancel: &AtomicBool) -> Result<Vec<Made>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
    let per_thread = jobs.len().div_ceil(threads).max(1);
    let done = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let chunks: Vec<Result<Vec<Made>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(per_thread)
            .map(|chunk| {
                let (done, failed) = (&done, &failed);
                scope.spawn(move || {
                    let mut out = Vec::with_capacity(chunk.len());
                    for (doc, path) in chunk {
                        if cancel.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                            return Err(cancelled());
                        }
                        let made = render(doc).and_then(|pdf| {
                            let file = Output::write(path, &pdf, replace)?;
                            Ok((pdf, file))
                        });
                        out.push(made.inspect_err(|_| failed.store(true, Ordering::Relaxed))?);
                        report(Stage::Letters, done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
                    }
                    Ok(out)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err(Error::storage("a letter could not be made"))))
            .collect()
    });
    // The first real failure explains the batch; a worker that only stopped because of it does not.
    let mut made = Vec::with_capacity(jobs.len());
    let mut stopped = None;
    for chunk in chunks {
        match chunk {
            Ok(chunk) => made.extend(chunk),
            Err(e) if e == cancelled() => stopped = stopped.or(Some(e)),
            Err(e) => return Err(e),
        }
    }
    match stopped {
        Some(e) => Err(e),
        None => Ok(made),
    }
}
