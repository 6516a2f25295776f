//! Importing a register kept in a spreadsheet: the CSV picked in the native dialog, its columns
//! matched to case fields, the dry run shown, then every case written or none (`app::register`).

use std::path::PathBuf;

use casebook::app::register::Mapping;
use casebook::app::register::{self, Columns, DryRun};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

impl AppState {
    /// Keeps the register picked and reads its columns.
    pub fn choose_register(&self, path: PathBuf) -> Result<Columns, UiError> {
        let columns = register::columns(&read(&path)?)?;
        *self.register.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(columns)
    }

    /// Every row of the picked register checked under `mapping`; nothing is written.
    pub fn register_dry_run(&self, mapping: &Mapping) -> Result<DryRun, UiError> {
        let csv = self.picked_register()?;
        self.with_store(|s| Ok(register::dry_run(&register::check(s, &csv, mapping)?)))
    }

    /// Writes every case of the picked register, or none.
    pub fn import_register(&self, mapping: &Mapping) -> Result<Vec<String>, UiError> {
        let csv = self.picked_register()?;
        let references = self.with_store(|s| {
            let plan = register::check(s, &csv, mapping)?;
            register::import(s, plan)
        })?;
        self.register.lock().unwrap_or_else(|p| p.into_inner()).take();
        Ok(references)
    }

    fn picked_register(&self) -> Result<Vec<u8>, UiError> {
        let picked = self.register.lock().unwrap_or_else(|p| p.into_inner()).clone();
        read(&picked.ok_or_else(|| casebook::Error::validation("choose the register's CSV file first"))?)
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, UiError> {
    let name = casebook::files::display_name(path);
    Ok(std::fs::read(path).map_err(|e| casebook::Error::validation(format!("cannot read {name}: {e}")))?)
}

/// Asks for the register's CSV file; `None` when the user cancels.
#[tauri::command(async)]
pub fn pick_register<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Columns>, UiError> {
    let Some(path) = crate::dialogs::pick_files(&app, "CSV", &["csv"]).and_then(|p| p.into_iter().next()) else {
        return Ok(None);
    };
    state.choose_register(path).map(Some)
}

#[tauri::command(async)]
pub fn register_dry_run(state: State<'_, AppState>, mapping: Mapping) -> Result<DryRun, UiError> {
    state.register_dry_run(&mapping)
}

#[tauri::command(async)]
pub fn import_register(state: State<'_, AppState>, mapping: Mapping) -> Result<Vec<String>, UiError> {
    state.import_register(&mapping)
}

#[cfg(test)]
mod tests {
    use super::*;
    use casebook::model::OrganisationProfile;
    use std::collections::BTreeMap;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/register")).join(name)
    }

    #[test]
    fn a_register_is_checked_row_by_row_then_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        assert!(state.register_dry_run(&Mapping::default()).unwrap_err().message.contains("choose"));

        let columns = state.choose_register(fixture("register.csv")).unwrap();
        assert_eq!(columns.guessed.get("E-mail").map(String::as_str), Some("email"));
        let mut mapping = Mapping {
            columns: columns.guessed.clone(),
            defaults: BTreeMap::from([("channel".to_string(), "email".to_string())]),
            date_format: columns.date_format.clone(),
        };
        let run = state.register_dry_run(&mapping).unwrap();
        assert!(!run.rejected.is_empty(), "the fixture has rows to reject");
        let cases = |state: &AppState| state.with_store(|s| s.count_cases(&Default::default())).unwrap();
        let e = state.import_register(&mapping).unwrap_err();
        assert!(e.message.contains("nothing imported"), "{}", e.message);
        assert_eq!(cases(&state), 0);

        // Two columns for one field are refused before any row is read.
        mapping.columns.insert("Handler".into(), "name".into());
        assert!(state.register_dry_run(&mapping).unwrap_err().message.contains("two columns"));

        let clean = dir.path().join("clean.csv");
        let csv = "Requester,Date received,Law,Rights asked\nAnna Schmidt,03/02/2025,gdpr,access\n\"Smith, John\",15/02/2025,uk-gdpr,erasure\n";
        std::fs::write(&clean, csv).unwrap();
        let columns = state.choose_register(clean).unwrap();
        let mapping = Mapping { columns: columns.guessed, defaults: BTreeMap::new(), date_format: columns.date_format };
        let run = state.register_dry_run(&mapping).unwrap();
        assert_eq!((run.accepted.len(), run.rejected.len()), (2, 0));
        assert_eq!((run.accepted[1].name.as_str(), run.accepted[1].received.as_str()), ("Smith, John", "2025-02-15"));
        assert_eq!(state.import_register(&mapping).unwrap().len(), 2);
        assert_eq!(cases(&state), 2);
    }
}
