//! The breach register in the window: the list, a breach's page, a new breach, a notification
//! and an entry on its timeline, each through `casebook::app::breaches`.

use casebook::app::breaches::{self, EventInput};
use casebook::model::breach::{BreachInput, NoticeInput};
use casebook::model::{BreachSummary, BreachView};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, UiError>;

#[tauri::command(async)]
pub fn list_breaches(state: State<'_, AppState>) -> Result<Vec<BreachSummary>> {
    state.with_store(|s| s.breaches())
}

#[tauri::command(async)]
pub fn get_breach(state: State<'_, AppState>, reference: String) -> Result<BreachView> {
    state.with_store(|s| s.breach(&reference))
}

#[tauri::command(async)]
pub fn add_breach(state: State<'_, AppState>, input: BreachInput) -> Result<BreachView> {
    state.with_store(|s| breaches::record(s, &input))
}

#[tauri::command(async)]
pub fn notify_breach(state: State<'_, AppState>, reference: String, input: NoticeInput) -> Result<BreachView> {
    state.with_store(|s| breaches::notify(s, &reference, &input))
}

#[tauri::command(async)]
pub fn record_breach_event(state: State<'_, AppState>, reference: String, input: EventInput) -> Result<BreachView> {
    state.with_store(|s| breaches::event(s, &reference, &input))
}

/// Saves the register (every breach) as CSV or PDF where the user chooses in the native dialog;
/// how many breaches it holds, or `None` when cancelled.
#[tauri::command(async)]
pub fn export_breach_register<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
) -> Result<Option<usize>> {
    let kind = if format == "csv" { "CSV" } else { "PDF" };
    let name = format!("breach-register.{}", if format == "csv" { "csv" } else { "pdf" });
    let Some(path) = crate::dialogs::save_as(&app, kind, &[&format], &name) else {
        return Ok(None);
    };
    state.with_store(|s| {
        let (bytes, n) = breaches::register(s, None, None, &format)?;
        casebook::files::write_output(&path, &bytes, true)?;
        Ok(Some(n))
    })
}

/// Links a request or complaint the breach caused.
#[tauri::command(async)]
pub fn link_breach(state: State<'_, AppState>, reference: String, case: String) -> Result<BreachView> {
    state.with_store(|s| s.link_breach(&reference, case.trim()))
}

/// Drafts a breach letter and saves it as PDF where the user chooses; the file's name, or `None`
/// when cancelled.
#[tauri::command(async)]
pub fn save_breach_letter<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    reference: String,
    choice: breaches::LetterChoice,
) -> Result<Option<String>> {
    // Drafted first, so a letter the breach cannot fill says why before any dialog opens.
    let (text, pdf) = state.with_store(|s| breaches::letter(s, &reference, &choice))?;
    let name = format!("{reference}-{}.pdf", text.template.trim_start_matches("breach-"));
    let Some(path) = crate::dialogs::save_as(&app, "PDF", &["pdf"], &name) else {
        return Ok(None);
    };
    casebook::files::write_output(&path, &pdf, true)?;
    Ok(Some(casebook::files::display_name(&path)))
}

/// A breach's facts as the form edits them (times in its own zone).
#[tauri::command(async)]
pub fn breach_input(state: State<'_, AppState>, reference: String) -> Result<BreachInput> {
    state.with_store(|s| breaches::input_of(s, &reference))
}

/// Corrects or completes a breach's facts; audited field by field.
#[tauri::command(async)]
pub fn edit_breach(state: State<'_, AppState>, reference: String, input: BreachInput) -> Result<BreachView> {
    state.with_store(|s| breaches::edit(s, &reference, &input))
}
