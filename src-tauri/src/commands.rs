//! The commands the window may invoke: each unpacks its arguments and calls `AppState`.

use casebook::model::{
    letter_flow::DispatchInput, validate, AuditRecord, BackupInfo, CalendarEntry, CalendarId, Case, CaseInput,
    ChainReport, Closure, Dashboard, EventInput, Filing, LetterRecord, LetterText, OrganisationProfile, Reminder,
    RowReport, SealReport,
};
use tauri::State;

use crate::dialogs;
use crate::error::UiError;
use crate::letters::{LetterOptions, SavedLetter};
use crate::state::{AppState, AppStatus, CalendarRequest, CasePage, CaseView, ListRequest, NewKeys, Vocabulary};
use casebook::app::exports::Format;
use casebook::app::letters::{Batch, Choice, Which};
use serde::Serialize;

/// The database's health: SQLite's integrity check, the audit chain, the rows against it, the seals.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Verification {
    pub integrity: Option<String>,
    pub chain: ChainReport,
    pub rows: RowReport,
    pub seals: SealReport,
}

type Result<T> = std::result::Result<T, UiError>;

#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    state.status()
}

#[tauri::command(async)]
pub fn sample_profile() -> OrganisationProfile {
    OrganisationProfile::sample()
}

#[tauri::command(async)]
pub fn vocabulary() -> Vocabulary {
    Vocabulary::new()
}

#[tauri::command(async)]
pub fn set_up(state: State<'_, AppState>, profile: OrganisationProfile, passphrase: String) -> Result<NewKeys> {
    state.set_up(&profile, &passphrase)
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> Result<AppStatus> {
    state.unlock(&passphrase)
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> AppStatus {
    state.lock()
}

#[tauri::command(async)]
pub fn list_cases(state: State<'_, AppState>, request: ListRequest) -> Result<CasePage> {
    state.list_cases(&request)
}

#[tauri::command(async)]
pub fn get_case(state: State<'_, AppState>, reference: String) -> Result<CaseView> {
    state.case_view(&reference)
}

#[tauri::command(async)]
pub fn add_case(state: State<'_, AppState>, input: CaseInput) -> Result<Case> {
    state.add_case(&input)
}

#[tauri::command(async)]
pub fn update_case(state: State<'_, AppState>, reference: String, input: CaseInput) -> Result<CaseView> {
    state.update_case(&reference, &input)
}

#[tauri::command(async)]
pub fn record_event(state: State<'_, AppState>, reference: String, input: EventInput) -> Result<CaseView> {
    state.record_event(&reference, &input)
}

#[tauri::command(async)]
pub fn letter_options() -> LetterOptions {
    LetterOptions::new()
}

#[tauri::command(async)]
pub fn draft_letter(
    state: State<'_, AppState>,
    reference: String,
    template: String,
    lang: String,
) -> Result<LetterText> {
    state.draft_letter(&reference, &template, &lang)
}

/// Asks where to save with the native dialog (the only path written), then renders, stores and writes.
#[tauri::command(async)]
pub fn save_letter<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    reference: String,
    text: LetterText,
    paper: String,
    revise: Option<usize>,
) -> Result<Option<SavedLetter>> {
    let Some(path) = dialogs::save_as(&app, "PDF", &["pdf"], &format!("{reference}-{}.pdf", text.template)) else {
        return Ok(None);
    };
    state.save_letter(&reference, &text, &paper, &path, revise).map(Some)
}

/// Approves a stored letter: who, when, a comment; the approval binds its SHA-256.
#[tauri::command(async)]
pub fn approve_letter(
    state: State<'_, AppState>,
    reference: String,
    number: usize,
    by: Option<String>,
    note: Option<String>,
) -> Result<LetterRecord> {
    state.approve_letter(&reference, number, by.as_deref(), note.as_deref())
}

/// The breach clocks running out between two dates, for the calendar.
#[tauri::command(async)]
pub fn breach_calendar(
    state: State<'_, AppState>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<casebook::model::BreachClock>> {
    state.with_store(|s| s.breach_clocks_between(from, to))
}

/// Records why a case was answered after its due date.
#[tauri::command(async)]
pub fn set_late_reason(
    state: State<'_, AppState>,
    reference: String,
    reason: String,
    note: String,
) -> Result<CaseView> {
    state.set_late_reason(&reference, &reason, &note)
}

/// Records how and when a stored letter left; a response answers the request that day.
#[tauri::command(async)]
pub fn dispatch_letter(
    state: State<'_, AppState>,
    reference: String,
    number: usize,
    input: DispatchInput,
) -> Result<LetterRecord> {
    state.dispatch_letter(&reference, number, &input)
}

/// The same letter for every case with a status, or for the cases picked, one PDF per case in a
/// folder chosen in the native dialog; the letters made are announced as `progress`. `None` when no
/// folder was chosen.
#[tauri::command(async)]
pub fn batch_letters<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    which: Which,
    template: String,
    lang: String,
    replace: bool,
    draft: bool,
) -> Result<Option<Batch>> {
    let Some(folder) = dialogs::pick_folder(&app) else {
        return Ok(None);
    };
    let choice = Choice { template, lang, paper: None };
    let filing = if draft { Filing::Draft } else { Filing::SentToday };
    state.batch_letters(&which, &choice, &folder, replace, filing).map(Some)
}

/// Stops the batch of letters being made; nothing of it is kept.
#[tauri::command]
pub fn cancel_letters(state: State<'_, AppState>) {
    state.cancel_letters();
}

/// Audit records newest first, 50 at a time (older than `before`): all of them, or one case's.
#[tauri::command(async)]
pub fn audit_log(state: State<'_, AppState>, case: Option<String>, before: Option<i64>) -> Result<Vec<AuditRecord>> {
    state.with_store(|s| s.audit_page(case.as_deref(), before, 50))
}

/// Walks the audit chain from its first record: how many verify, and the first that does not.
#[tauri::command(async)]
pub fn verify_chain(state: State<'_, AppState>) -> Result<ChainReport> {
    state.with_store(|s| s.verify_audit_chain())
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> Result<Dashboard> {
    state.with_store(|s| s.dashboard())
}

#[tauri::command(async)]
pub fn calendar(state: State<'_, AppState>, request: CalendarRequest) -> Result<Vec<CalendarEntry>> {
    state.calendar(&request)
}

#[tauri::command(async)]
pub fn assignees(state: State<'_, AppState>) -> Result<Vec<String>> {
    state.with_store(|s| s.assignees())
}

/// Writes the open deadlines as iCalendar where the user chooses in the native save dialog;
/// the number of deadlines, or `None` when cancelled.
#[tauri::command(async)]
pub fn export_calendar<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<usize>> {
    let Some(path) = dialogs::save_as(&app, "iCalendar", &["ics"], "casebook-deadlines.ics") else {
        return Ok(None);
    };
    state.export(Format::Ics { alarm_days: 3, with_names: false }, &path).map(Some)
}

/// Writes the cases as CSV (`csv`) or everything but the audit log as JSON (`json`, the format
/// `casebook import json` reads) where the user chooses; how many cases, or `None` when cancelled.
#[tauri::command(async)]
pub fn export_data<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
) -> Result<Option<usize>> {
    let today = chrono::Local::now().format("%Y-%m-%d");
    let (parsed, kind, name) = match format.as_str() {
        "csv" => (Format::Csv, "CSV", format!("casebook-cases-{today}.csv")),
        "json" => (Format::Json, "JSON", format!("casebook-export-{today}.json")),
        _ => return Err(casebook::Error::validation("the export format is csv or json").into()),
    };
    let Some(path) = dialogs::save_as(&app, kind, &[format.as_str()], &name) else {
        return Ok(None);
    };
    state.export(parsed, &path).map(Some)
}

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>) -> Result<OrganisationProfile> {
    state.with_store(|s| s.profile())
}

/// Saves the profile; open requests' deadlines are recomputed. Returns how many moved.
#[tauri::command(async)]
pub fn update_profile(state: State<'_, AppState>, profile: OrganisationProfile) -> Result<usize> {
    state.with_store(|s| s.update_profile(&profile))
}

#[tauri::command(async)]
pub fn list_closures(state: State<'_, AppState>) -> Result<Vec<Closure>> {
    state.with_store(|s| s.closures())
}

#[tauri::command(async)]
pub fn add_closure(state: State<'_, AppState>, day: String, note: String) -> Result<usize> {
    state.with_store(|s| s.add_closure(validate::date("day", &day)?, &note))
}

#[tauri::command(async)]
pub fn remove_closure(state: State<'_, AppState>, day: String) -> Result<usize> {
    state.with_store(|s| s.remove_closure(validate::date("day", &day)?))
}

#[tauri::command(async)]
pub fn verify_database(state: State<'_, AppState>, seal_key: Option<String>) -> Result<Verification> {
    let seal_key = seal_key.filter(|k| !k.trim().is_empty());
    state.with_store(|s| {
        Ok(Verification {
            integrity: s.integrity_problem()?,
            chain: s.verify_audit_chain()?,
            rows: s.verify_rows()?,
            seals: s.verify_seals(seal_key.as_deref())?,
        })
    })
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    state.with_store(|s| s.rolling_backups())
}

/// Backs up to where the user chooses in the native save dialog; the backup is verified first.
#[tauri::command(async)]
pub fn backup_now<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<BackupInfo>> {
    let name = format!("casebook-backup-{}.db", chrono::Local::now().format("%Y-%m-%d"));
    let Some(path) = dialogs::save_as(&app, "Casebook backup", &["db"], &name) else {
        return Ok(None);
    };
    state.with_store(|s| s.backup_to(&path)).map(Some)
}

#[tauri::command(async)]
pub fn calendar_ids() -> Vec<&'static str> {
    CalendarId::ALL.iter().map(|c| c.as_str()).collect()
}

/// Notifies the deadlines and tasks due within the profile's warning window or overdue, each once
/// a day (remembered across launches); the text holds the case reference, what is due and the date
/// only. Returns how many were announced.
#[tauri::command(async)]
pub fn check_due_soon<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>) -> Result<usize> {
    use tauri_plugin_notification::NotificationExt;
    state.until_checked();
    let fresh = state.with_store(|s| s.take_reminders())?;
    for reminder in &fresh {
        let title = if reminder.overdue { "Casebook: overdue" } else { "Casebook: due soon" };
        // No notification service (a headless session) is not an error worth showing.
        let _ = app.notification().builder().title(title).body(notification_text(reminder)).show();
    }
    Ok(fresh.len())
}

/// What a reminder says: no personal data.
pub fn notification_text(r: &Reminder) -> String {
    let what = match r.what.as_str() {
        "task" => "task",
        breach if breach.starts_with("breach ") => breach,
        kind => casebook::export::ics::deadline_phrase(kind),
    };
    let when = if r.overdue { "was due" } else { "due" };
    format!("{}: {what} {when} {}", r.reference, r.due.format("%-d %b %Y"))
}
