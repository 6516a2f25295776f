//! Letters from the window: the choices offered, a draft to edit, and saving the rendered PDF.

use std::path::Path;
use std::sync::atomic::Ordering;

use casebook::app::letters::{self, Batch, Choice, Progress, Which};
use casebook::letter::{template, Lang, LetterText, Paper};
use casebook::store::LetterRecord;
use serde::Serialize;

use crate::error::UiError;
use crate::state::AppState;

/// The templates, languages and paper sizes the letter screen offers.
#[derive(Debug, Clone, Serialize)]
pub struct LetterOptions {
    pub templates: &'static [&'static str],
    pub languages: Vec<&'static str>,
    pub papers: [&'static str; 2],
}

impl LetterOptions {
    pub fn new() -> Self {
        LetterOptions {
            templates: template::NAMES,
            languages: Lang::ALL.iter().map(|l| l.code()).collect(),
            papers: [Paper::A4.as_str(), Paper::Letter.as_str()],
        }
    }
}

impl Default for LetterOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// A letter that was stored and written.
#[derive(Debug, Clone, Serialize)]
pub struct SavedLetter {
    pub record: LetterRecord,
    pub file_name: String,
}

impl AppState {
    pub fn draft_letter(&self, reference: &str, template: &str, lang: &str) -> Result<LetterText, UiError> {
        let choice = Choice { template: template.into(), lang: lang.into(), paper: None };
        self.with_store(|s| Ok(letters::draft(s, reference, &choice)?.0))
    }

    /// Renders the (edited) text, writes it to `path` and stores it with the case; the file is
    /// removed again if storing fails, so the two never disagree.
    pub fn save_letter(
        &self,
        reference: &str,
        text: &LetterText,
        paper: &str,
        path: &Path,
    ) -> Result<SavedLetter, UiError> {
        // The save dialog has already asked before replacing a file.
        self.with_store(|s| {
            let (record, _) = letters::save(s, reference, text, Paper::parse(paper)?, path, true)?;
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Ok(SavedLetter { record, file_name })
        })
    }
}

impl AppState {
    /// The same letter for every case `which` names, one `<reference>.pdf` each in `folder`, all
    /// stored or none; `progress` hears of each letter made, and `cancel_letters` stops it.
    pub fn batch_letters(
        &self,
        which: &Which,
        choice: &Choice,
        folder: &Path,
        replace: bool,
        progress: Progress<'_>,
    ) -> Result<Batch, UiError> {
        self.cancel_letters.store(false, Ordering::Relaxed);
        self.with_store(|s| {
            let cases = letters::cases_for(s, which)?;
            letters::batch(s, &cases, choice, folder, replace, progress, &self.cancel_letters)
        })
    }

    /// Asks a running batch to stop: nothing of it is kept.
    pub fn cancel_letters(&self) {
        self.cancel_letters.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casebook::model::{CaseInput, OrganisationProfile};

    #[test]
    fn draft_edit_and_save_a_letter() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        let input = CaseInput {
            kind: "request".into(),
            regime: "gdpr".into(),
            received: "2026-03-06".into(),
            name: "Zoë Ångström".into(),
            ..CaseInput::default()
        };
        let case = state.add_case(&input).unwrap();
        let mut text = state.draft_letter(&case.reference, "acknowledgement", "en").unwrap();
        assert!(text.body.starts_with("Dear Zoë Ångström,"));
        text.body.push_str("\n\nAn added line from the officer.");
        let path = dir.path().join("letter.pdf");
        let saved = state.save_letter(&case.reference, &text, "a4", &path).unwrap();
        assert_eq!(saved.file_name, "letter.pdf");
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(saved.record.size as usize, bytes.len());
        assert!(bytes.starts_with(b"%PDF"));
        let e = state.draft_letter(&case.reference, "nonsense", "en").unwrap_err();
        assert_eq!(e.code, crate::error::Code::Validation);
    }
}
