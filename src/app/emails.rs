//! Emails saved as `.eml` files, imported from either face: logged on one case, or each opening a
//! new request under a regime.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::files::display_name;
use crate::import::eml;
use crate::model::{Email, Kind};
use crate::store::Store;

/// Where imported emails go.
pub enum Target<'a> {
    /// Logged on this case.
    Case(&'a str),
    /// Each opening a new request under this regime.
    NewRequest(&'a str),
}

/// An email as logged: the case it is on and what the face reports of it.
pub struct Logged {
    pub reference: String,
    pub subject: String,
    pub attachments: usize,
    /// Whether the email opened the case.
    pub opened: bool,
}

/// Reads and parses every file before anything is written, so one that is not a usable email
/// stops the import; the error names the file, never its content.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Email>> {
    paths.iter().map(|path| read_one(path)).collect()
}

/// The email a file holds; an error names the file, never its content.
pub fn read_one(path: &Path) -> Result<Email> {
    let named = |e: Error| Error::validation(format!("{}: {}", display_name(path), e.message));
    let raw = std::fs::read(path).map_err(|e| named(e.into()))?;
    eml::parse(&raw).map_err(named)
}

/// Logs each email where `target` says, in order, each in its own write.
pub fn log(store: &mut Store, emails: &[Email], target: &Target) -> Result<Vec<Logged>> {
    emails
        .iter()
        .map(|email| {
            let (reference, opened) = match target {
                Target::Case(reference) => {
                    store.add_email(reference, email)?;
                    (reference.to_string(), false)
                }
                Target::NewRequest(regime) => (store.add_case_from_email(email, Kind::Request, regime)?, true),
            };
            Ok(Logged { reference, subject: email.subject.clone(), attachments: email.attachments.len(), opened })
        })
        .collect()
}
