//! The breach register in the window: the list, a breach's page, a new breach, a notification
//! and an entry on its timeline, each through `casebook::app::breaches`.

use casebook::app::breaches::{self, EventInput};
use casebook::model::breach::{BreachInput, NoticeInput};
use casebook::store::{BreachSummary, BreachView};
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
