//! Letters from the window: the choices offered, a draft to edit, and saving the rendered PDF.

use std::path::Path;
use std::sync::atomic::Ordering;

use casebook::app::letters::{self, Batch, Choice, Which};
use casebook::model::{
    letter::NAMES as TEMPLATES, letter_flow::DispatchInput, Filing, Lang, LetterRecord, LetterText, Paper,
};
use serde::Serialize;

use crate::error::UiError;
use crate::state::{AppState, CaseView};

/// The templates, languages and paper sizes the letter screen offers.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LetterOptions {
    pub templates: &'static [&'static str],
    pub languages: Vec<&'static str>,
    pub papers: [&'static str; 2],
}

impl LetterOptions {
    pub fn new() -> Self {
        LetterOptions {
            templates: TEMPLATES,
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SavedLetter {
    pub record: LetterRecord,
    pub file_name: String,
}

impl AppState {
    pub fn draft_letter(&self, reference: &str, template: &str, lang: &str) -> Result<LetterText, UiError> {
        let choice = Choice { template: template.into(), lang: lang.into(), paper: None };
        self.with_store(|s| Ok(letters::draft(s, reference, &choice)?.0))
    }

    /// Renders the (edited) text, writes it to `path` and stores it with the case as a draft (or
    /// in place of draft `revise`, which then needs approving anew); the file is removed again if
    /// storing fails, so the two never disagree.
    pub fn save_letter(
        &self,
        reference: &str,
        text: &LetterText,
        paper: &str,
        path: &Path,
        revise: Option<usize>,
    ) -> Result<SavedLetter, UiError> {
        // The save dialog has already asked before replacing a file.
        self.with_store(|s| {
            let paper = Paper::parse(paper)?;
            let (record, _) = match revise {
                Some(number) => letters::revise(s, reference, number, text, paper, path, true)?,
                None => letters::save(s, reference, text, paper, path, true, Filing::Draft)?,
            };
            let file_name = casebook::files::display_name(path);
            Ok(SavedLetter { record, file_name })
        })
    }

    /// Approves letter `number` of a case (by the operating-system user unless `by` names someone).
    pub fn approve_letter(
        &self,
        reference: &str,
        number: usize,
        by: Option<&str>,
        note: Option<&str>,
    ) -> Result<LetterRecord, UiError> {
        let by = by.map(str::trim).filter(|b| !b.is_empty());
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if let Some(b) = by {
            casebook::model::validate::line("by", b)?;
        }
        if let Some(n) = note {
            casebook::model::validate::line("note", n)?;
        }
        self.with_store(|s| s.approve_letter(reference, number, by, note))
    }

    /// Records why a case was answered late.
    pub fn set_late_reason(&self, reference: &str, reason: &str, note: &str) -> Result<CaseView, UiError> {
        let late = casebook::model::letter_flow::lateness(Some(reason), Some(note))?
            .ok_or_else(|| casebook::Error::invalid_field("late_reason", "choose a reason for lateness"))?;
        self.with_store(|s| {
            s.set_late_reason(reference, &late)?;
            CaseView::read(s, reference)
        })
    }

    /// Records how and when letter `number` left.
    pub fn dispatch_letter(
        &self,
        reference: &str,
        number: usize,
        input: &DispatchInput,
    ) -> Result<LetterRecord, UiError> {
        self.with_store(|s| {
            let dispatch = input.validate(s.today())?;
            s.dispatch_letter(reference, number, &dispatch)
        })
    }
}

impl AppState {
    /// The same letter for every case `which` names, one `<reference>.pdf` each in `folder`, all
    /// stored or none (each letter made is reported as progress); `cancel_letters` stops it.
    pub fn batch_letters(
        &self,
        which: &Which,
        choice: &Choice,
        folder: &Path,
        replace: bool,
        filing: Filing,
    ) -> Result<Batch, UiError> {
        self.cancel_letters.store(false, Ordering::Relaxed);
        self.with_store(|s| {
            let cases = letters::cases_for(s, which)?;
            letters::batch(s, &cases, choice, folder, replace, filing, &self.cancel_letters)
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
    use casebook::model::{CaseInput, LetterState, OrganisationProfile};

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
        let saved = state.save_letter(&case.reference, &text, "a4", &path, None).unwrap();
        assert_eq!(saved.file_name, "letter.pdf");
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(saved.record.size as usize, bytes.len());
        assert!(bytes.starts_with(b"%PDF"));
        // The window stores a draft; a revision replaces it, a dispatch sends it.
        assert_eq!((saved.record.number, saved.record.state), (1, LetterState::Draft));
        text.body.push_str("\n\nA second thought.");
        let revised = state.save_letter(&case.reference, &text, "a4", &path, Some(1)).unwrap();
        assert_eq!(revised.record.number, 1);
        assert_ne!(revised.record.sha256, saved.record.sha256);
        let approved = state.approve_letter(&case.reference, 1, Some("  "), None).unwrap();
        assert_eq!(approved.state, LetterState::Approved);
        let bad = DispatchInput { method: "fax".into(), ..Default::default() };
        assert_eq!(state.dispatch_letter(&case.reference, 1, &bad).unwrap_err().field.as_deref(), Some("method"));
        let post = DispatchInput { method: "post".into(), ..Default::default() };
        assert_eq!(state.dispatch_letter(&case.reference, 1, &post).unwrap().state, LetterState::Sent);
        let e = state.draft_letter(&case.reference, "nonsense", "en").unwrap_err();
        assert_eq!(e.code, crate::error::Code::Validation);
    }
}
