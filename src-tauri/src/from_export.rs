//! Starting the first database from a Casebook export on the set-up screen: the export picked
//! and described, then the database created with it under a new passphrase, all or nothing.

use std::path::PathBuf;

use casebook::app::from_export::{self, ExportSummary};
use tauri::State;

use crate::error::UiError;
use crate::state::{AppState, NewKeys};

impl AppState {
    /// Keeps the export picked and says what it holds.
    pub fn choose_export(&self, path: PathBuf) -> Result<ExportSummary, UiError> {
        let summary = from_export::describe(&from_export::read(&path)?)?;
        *self.export.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(summary)
    }

    /// Creates the database from the picked export; it is then open.
    pub fn set_up_from_export(&self, passphrase: &str) -> Result<NewKeys, UiError> {
        let picked = self.export.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let path = picked.ok_or_else(|| casebook::Error::validation("choose the export file first"))?;
        let (store, recovery) = from_export::start(self.path(), passphrase, &from_export::read(&path)?)?;
        self.export.lock().unwrap_or_else(|p| p.into_inner()).take();
        Ok(NewKeys { status: self.opened(store), recovery_key: recovery.as_str().to_string() })
    }
}

/// Asks for the export file; `None` when the user cancels.
#[tauri::command(async)]
pub fn pick_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<ExportSummary>, UiError> {
    let Some(path) = crate::dialogs::pick_files(&app, "Casebook export", &["json"]).and_then(|p| p.into_iter().next())
    else {
        return Ok(None);
    };
    state.choose_export(path).map(Some)
}

#[tauri::command(async)]
pub fn set_up_from_export(state: State<'_, AppState>, passphrase: String) -> Result<NewKeys, UiError> {
    state.set_up_from_export(&passphrase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use casebook::model::CaseFilter;
    use casebook::model::OrganisationProfile;

    const PASSPHRASE: &str = "copper lantern orchard seventeen";

    #[test]
    fn a_new_database_starts_from_an_export_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        // An office's database with a few cases, exported.
        let old = AppState::new(dir.path().join("old.db"));
        old.set_up(&OrganisationProfile::sample(), PASSPHRASE).unwrap();
        old.with_store(|s| casebook::app::demo::fill(s, 30, 3)).unwrap();
        let export = dir.path().join("export.json");
        let doc = old.with_store(|s| s.export_json()).unwrap();
        std::fs::write(&export, serde_json::to_vec(&doc).unwrap()).unwrap();

        let new = AppState::new(dir.path().join("new.db"));
        assert!(new.set_up_from_export(PASSPHRASE).unwrap_err().message.contains("choose"));
        let summary = new.choose_export(export.clone()).unwrap();
        assert_eq!(summary.cases, 30);
        assert_eq!(summary.organisation.as_deref(), Some(OrganisationProfile::sample().name.as_str()));

        // A damaged row refuses the whole export and leaves no database behind.
        let mut damaged = doc.clone();
        damaged["tables"]["cases"][3]["regime"] = "lgpd".into();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, serde_json::to_vec(&damaged).unwrap()).unwrap();
        new.choose_export(bad).unwrap();
        assert!(new.set_up_from_export(PASSPHRASE).is_err());
        assert_eq!(new.status().state, "setup");
        assert!(!dir.path().join("new.db").exists() && !dir.path().join("new.db.kdf").exists());

        new.choose_export(export).unwrap();
        let done = new.set_up_from_export(PASSPHRASE).unwrap();
        assert_eq!(done.status.state, "unlocked");
        let count = |state: &AppState| state.with_store(|s| s.count_cases(&CaseFilter::default())).unwrap();
        assert_eq!(count(&new), 30);
        new.lock();
        new.unlock(PASSPHRASE).unwrap();
        assert_eq!(count(&new), 30);
    }
}
