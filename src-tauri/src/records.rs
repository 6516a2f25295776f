//! Reports, retention and restore as the window asks for them.

use std::path::Path;

use casebook::app::reports::{self, Report};
use casebook::app::session::{self, Store};
use casebook::model::{BackupInfo, Expired, Regime};
use serde::Deserialize;

use crate::dialogs;
use crate::error::UiError;
use crate::state::{AppState, AppStatus, CaseView};
use tauri::State;

/// Which report, for which year (and, for the annual one, optionally one regime).
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(optional_fields = nullable)]
pub struct ReportRequest {
    pub kind: String,
    pub year: i32,
    #[serde(default)]
    pub regime: Option<Regime>,
}

impl AppState {
    /// The same report, figure for figure, as `casebook report KIND --year Y --format json`.
    pub fn report(&self, r: &ReportRequest) -> Result<Report> {
        self.with_store(|s| reports::figures(s, &r.kind, r.year, r.regime))
    }

    /// Writes the report as CSV or PDF to `path` (the save dialog has asked before replacing a
    /// file), carrying the audit chain as it stood, sealed first.
    pub fn save_report(&self, r: &ReportRequest, format: &str, path: &Path) -> Result<String> {
        self.with_store(|s| {
            let made = casebook::app::reports::make(s, &r.kind, r.year, r.regime, format)?;
            casebook::files::write_output(path, &made.bytes, true)?;
            Ok(made.title)
        })
    }

    /// The closed cases past retention that a purge would redact.
    pub fn retention_preview(&self) -> Result<Vec<Expired>> {
        self.with_store(|s| s.expired_cases())
    }

    /// Redacts the personal data of every case past retention and not on hold; returns them.
    pub fn purge_expired(&self) -> Result<Vec<Expired>> {
        self.with_store(|s| s.purge_expired())
    }

    pub fn set_legal_hold(&self, reference: &str, hold: bool) -> Result<CaseView> {
        self.with_store(|s| {
            s.set_legal_hold(reference, hold)?;
            CaseView::read(s, reference)
        })
    }

    /// Replaces the database with the backup at `from` once the backup has been verified with
    /// `passphrase`; then opens the restored database with it. A backup that does not verify
    /// changes nothing and leaves the database open.
    pub fn restore(&self, from: &Path, passphrase: &str) -> Result<(BackupInfo, AppStatus)> {
        session::verify_backup(from, passphrase)?;
        let mut guard = self.guard();
        // Close the current database (its key is wiped) before its file is replaced.
        guard.take();
        let info = session::restore(self.path(), from, passphrase)?;
        *guard = Some(Store::open(self.path(), passphrase)?);
        drop(guard);
        Ok((info, self.status()))
    }

    /// Restores the rolling backup of `date` (one the app lists), after verifying it.
    pub fn restore_rolling(&self, date: chrono::NaiveDate, passphrase: &str) -> Result<(BackupInfo, AppStatus)> {
        let backups = self.with_store(|s| s.rolling_backups())?;
        let chosen = backups
            .into_iter()
            .find(|b| b.date == Some(date))
            .ok_or_else(|| UiError::from(casebook::Error::not_found(format!("no rolling backup of {date}"))))?;
        self.restore(&chosen.path, passphrase)
    }
}

/// The answer to a restore: the backup used and the app's status afterwards.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct Restored {
    pub backup: BackupInfo,
    pub status: AppStatus,
}

type Result<T> = std::result::Result<T, UiError>;

#[tauri::command(async)]
pub fn report(state: State<'_, AppState>, request: ReportRequest) -> Result<Report> {
    state.report(&request)
}

/// Saves the report as CSV or PDF where the user chooses; its title, or `None` when cancelled.
#[tauri::command(async)]
pub fn save_report<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: ReportRequest,
    format: String,
) -> Result<Option<String>> {
    let kind = match format.as_str() {
        "csv" => "CSV",
        "pdf" => "PDF",
        _ => return Err(casebook::Error::validation("a report is saved as csv or pdf").into()),
    };
    let suggested = format!("casebook-{}-{}.{format}", request.kind, request.year);
    let Some(path) = dialogs::save_as(&app, kind, &[format.as_str()], &suggested) else {
        return Ok(None);
    };
    state.save_report(&request, &format, &path).map(Some)
}

#[tauri::command(async)]
pub fn retention_preview(state: State<'_, AppState>) -> Result<Vec<Expired>> {
    state.retention_preview()
}

#[tauri::command(async)]
pub fn purge_expired(state: State<'_, AppState>) -> Result<Vec<Expired>> {
    state.purge_expired()
}

#[tauri::command(async)]
pub fn set_legal_hold(state: State<'_, AppState>, reference: String, hold: bool) -> Result<CaseView> {
    state.set_legal_hold(&reference, hold)
}

/// Restores a backup file the user picks in the native open dialog; `None` when cancelled.
#[tauri::command(async)]
pub fn restore_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<Option<Restored>> {
    use tauri_plugin_dialog::DialogExt;
    let chosen = app.dialog().file().add_filter("Casebook backup", &["db"]).blocking_pick_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let (backup, status) = state.restore(&path, &passphrase)?;
    Ok(Some(Restored { backup, status }))
}

/// Restores the rolling backup of `date`, one of those the settings screen lists.
#[tauri::command(async)]
pub fn restore_rolling(state: State<'_, AppState>, date: chrono::NaiveDate, passphrase: String) -> Result<Restored> {
    let (backup, status) = state.restore_rolling(date, &passphrase)?;
    Ok(Restored { backup, status })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;
    use crate::state::ListRequest;
    use casebook::model::{CaseInput, OrganisationProfile};

    const PASSPHRASE: &str = "a long passphrase";

    fn unlocked(dir: &Path) -> AppState {
        let state = AppState::new(dir.join("c.db"));
        state.set_up(&OrganisationProfile::sample(), PASSPHRASE).unwrap();
        state
    }

    fn add(state: &AppState, name: &str) -> String {
        let input = CaseInput {
            kind: "request".into(),
            regime: "gdpr".into(),
            rights: vec!["access".into()],
            received: "2026-06-01T09:30".into(),
            name: name.into(),
            ..CaseInput::default()
        };
        state.add_case(&input).unwrap().reference
    }

    fn total(state: &AppState) -> u64 {
        state.list_cases(&ListRequest::default()).unwrap().total
    }

    #[test]
    fn restoring_a_rolling_backup_verifies_it_first_and_reopens_the_restored_database() {
        let dir = tempfile::tempdir().unwrap();
        let state = unlocked(dir.path());
        add(&state, "Ann Lee");
        state.lock();
        state.unlock(PASSPHRASE).unwrap();
        add(&state, "Ben Ito");
        assert_eq!(total(&state), 2);
        // Rolling backups are dated by the office's day (the sample office is in Tokyo), not this machine's.
        let today = state.with_store(|s| Ok(s.today())).unwrap();

        let wrong = state.restore_rolling(today, "not the passphrase").unwrap_err();
        assert_eq!(wrong.code, Code::WrongPassphrase);
        assert_eq!(total(&state), 2, "a refused restore leaves the database open and as it was");
        let missing = state.restore_rolling(today - chrono::Duration::days(400), PASSPHRASE).unwrap_err();
        assert_eq!(missing.code, Code::NotFound);

        let (backup, status) = state.restore_rolling(today, PASSPHRASE).unwrap();
        assert_eq!((backup.cases, status.state), (1, "unlocked"));
        assert_eq!(total(&state), 1, "the case added after the backup is gone");
        assert!(dir.path().join("c.db.before-restore").exists(), "the replaced database is kept");
    }

    #[test]
    fn a_legal_hold_shows_on_the_case_and_the_report_matches_the_core() {
        let dir = tempfile::tempdir().unwrap();
        let state = unlocked(dir.path());
        let reference = add(&state, "Ann Lee");
        let view = state.set_legal_hold(&reference, true).unwrap();
        assert!(view.retention.legal_hold);
        assert!(!state.set_legal_hold(&reference, false).unwrap().retention.legal_hold);
        assert_eq!(state.set_legal_hold("DSR-1999-0001", true).unwrap_err().code, Code::NotFound);

        let report = state.report(&ReportRequest { kind: "annual".into(), year: 2026, regime: None }).unwrap();
        let gdpr_access = report.lines.iter().find(|l| l.regime == "gdpr" && l.right == "access").unwrap();
        assert_eq!(gdpr_access.figures.received, 1);
        assert_eq!(report.value["regimes"]["gdpr"]["access"]["received"], 1);
        let bad = state.report(&ReportRequest { kind: "weekly".into(), year: 2026, regime: None }).unwrap_err();
        assert_eq!(bad.code, Code::Validation);
    }
}
