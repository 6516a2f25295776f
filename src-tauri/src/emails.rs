//! Emails saved as `.eml`, brought in by drag and drop or the open dialog: logged on a case, or
//! each opened as a new case. The window never names a path: dropped files wait here until the
//! user says where they go.

use std::path::PathBuf;

use casebook::app::emails::{self, Target};
use casebook::files::display_name;
use casebook::model::Regime;
use serde::{Deserialize, Serialize};

use crate::error::UiError;
use crate::state::AppState;
use tauri::State;

/// Where imported emails go: onto an existing case, or each into a new case under a regime.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(optional_fields = nullable)]
pub struct EmailTarget {
    #[serde(default)]
    pub case: Option<String>,
    #[serde(default)]
    pub regime: Option<Regime>,
}

/// An email waiting to be imported, as the address book reads its sender: shown for the user to
/// confirm before anything is written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct EmailPreview {
    pub file: String,
    pub subject: String,
    pub from: String,
    pub sender: casebook::model::EmailSender,
}

/// What an import did: the cases the emails went to, in the order of the files.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct EmailImport {
    pub references: Vec<String>,
}

impl AppState {
    /// Keeps the `.eml` files among `paths` for `import_dropped_emails`; returns their file names.
    pub fn stash_dropped(&self, paths: &[PathBuf]) -> Vec<String> {
        let emails: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml")) && p.is_file())
            .cloned()
            .collect();
        let names = emails.iter().map(|p| display_name(p)).collect();
        *self.dropped.lock().unwrap_or_else(|p| p.into_inner()) = emails;
        names
    }

    /// The waiting emails with who each is from (unreadable ones are named by the import's error).
    pub fn preview_emails(&self) -> Result<Vec<EmailPreview>, UiError> {
        let paths = self.dropped.lock().unwrap_or_else(|p| p.into_inner()).clone();
        self.with_store(|s| {
            let mut previews = Vec::with_capacity(paths.len());
            for path in &paths {
                let Ok(email) = emails::read_one(path) else {
                    continue;
                };
                let sender = s.email_sender(&email)?;
                previews.push(EmailPreview {
                    file: display_name(path),
                    subject: email.subject,
                    from: email.from_email,
                    sender,
                });
            }
            Ok(previews)
        })
    }

    /// Imports the files dropped last.
    pub fn import_dropped_emails(&self, target: &EmailTarget) -> Result<EmailImport, UiError> {
        let paths = std::mem::take(&mut *self.dropped.lock().unwrap_or_else(|p| p.into_inner()));
        if paths.is_empty() {
            return Err(casebook::Error::validation("no email files were dropped on the window").into());
        }
        self.import_emails(&paths, target)
    }

    /// Reads and checks every file first, so one malformed email stops the import before anything
    /// is written; the error names the file, never its content.
    pub fn import_emails(&self, paths: &[PathBuf], target: &EmailTarget) -> Result<EmailImport, UiError> {
        let target = match (&target.case, target.regime) {
            (Some(reference), _) => Target::Case(reference),
            (None, Some(regime)) => Target::NewRequest(regime.as_str()),
            (None, None) => return Err(casebook::Error::validation("choose a case or a regime for the emails").into()),
        };
        let emails = emails::read(paths)?;
        let logged = self.with_store(|s| emails::log(s, &emails, &target))?;
        Ok(EmailImport { references: logged.into_iter().map(|l| l.reference).collect() })
    }
}

/// Imports the `.eml` files last dropped on the window.
#[tauri::command(async)]
pub fn import_dropped_emails(state: State<'_, AppState>, target: EmailTarget) -> Result<EmailImport, UiError> {
    state.import_dropped_emails(&target)
}

/// The waiting emails (dropped or picked) with who each is from, for the user to confirm.
#[tauri::command(async)]
pub fn preview_emails(state: State<'_, AppState>) -> Result<Vec<EmailPreview>, UiError> {
    state.preview_emails()
}

/// `.eml` files the user picks in the native open dialog wait like dropped ones; answers their
/// previews, or `None` when cancelled.
#[tauri::command(async)]
pub fn pick_emails<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Vec<EmailPreview>>, UiError> {
    let Some(paths) = crate::dialogs::pick_files(&app, "Email", &["eml"]) else {
        return Ok(None);
    };
    state.stash_dropped(&paths);
    state.preview_emails().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ListRequest;
    use casebook::model::OrganisationProfile;

    fn eml(name: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/eml")).join(name)
    }

    #[test]
    fn dropped_emails_open_cases_and_a_malformed_one_stops_the_import_before_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        let not_email = dir.path().join("notes.txt");
        std::fs::write(&not_email, "not an email").unwrap();

        let names = state.stash_dropped(&[eml("request.eml"), not_email, eml("no-from.eml")]);
        assert_eq!(names, ["request.eml", "no-from.eml"], "only .eml files are kept");
        let e = state.import_dropped_emails(&EmailTarget { case: None, regime: Some(Regime::Gdpr) }).unwrap_err();
        assert!(e.message.starts_with("no-from.eml: not a usable email: no From header"), "{}", e.message);
        assert_eq!(state.list_cases(&ListRequest::default()).unwrap().total, 0, "nothing written");

        state.stash_dropped(&[eml("request.eml")]);
        let done = state.import_dropped_emails(&EmailTarget { case: None, regime: Some(Regime::Gdpr) }).unwrap();
        assert_eq!(done.references, ["DSR-2026-0001"]);
        let e = state.import_dropped_emails(&EmailTarget { case: None, regime: Some(Regime::Gdpr) }).unwrap_err();
        assert_eq!(e.message, "no email files were dropped on the window", "a drop is imported once");

        state.stash_dropped(&[eml("reply.eml"), eml("from-eu-representative.eml")]);
        let previews = state.preview_emails().unwrap();
        assert_eq!(previews[0].sender.counterpart, casebook::model::Counterpart::DataSubject);
        assert!(!previews[0].sender.known, "an unknown sender is shown as such");
        assert_eq!(previews[1].sender.counterpart, casebook::model::Counterpart::EuRepresentative);
        assert_eq!(state.case_view("DSR-2026-0001").unwrap().correspondence.len(), 1, "a preview writes nothing");
        let target = EmailTarget { case: Some("DSR-2026-0001".into()), regime: None };
        state.import_dropped_emails(&target).unwrap();
        let view = state.case_view("DSR-2026-0001").unwrap();
        assert_eq!(view.correspondence.len(), 3);
        assert!(view.correspondence.iter().any(|c| !c.attachments.is_empty()), "attachments kept");
    }
}
