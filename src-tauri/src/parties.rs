//! The address book as the Parties screen edits it, and a party's thread across cases.

use casebook::model::{validate, CorrespondenceItem, Party, PartyInput};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

type Result<T> = std::result::Result<T, UiError>;

#[tauri::command(async)]
pub fn list_parties(state: State<'_, AppState>) -> Result<Vec<Party>> {
    state.with_store(|s| s.parties())
}

#[tauri::command(async)]
pub fn add_party(state: State<'_, AppState>, input: PartyInput) -> Result<Party> {
    state.with_store(|s| s.add_party(&input))
}

#[tauri::command(async)]
pub fn edit_party(state: State<'_, AppState>, id: i64, input: PartyInput) -> Result<Party> {
    state.with_store(|s| s.edit_party(id, &input))
}

/// Retires a party, or with `retired: false` brings it back.
#[tauri::command(async)]
pub fn retire_party(state: State<'_, AppState>, id: i64, retired: bool) -> Result<Party> {
    state.with_store(|s| s.retire_party(id, retired))
}

/// Every item with the party, newest first, between two optional dates.
#[tauri::command(async)]
pub fn party_thread(
    state: State<'_, AppState>,
    id: i64,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<CorrespondenceItem>> {
    let date =
        |field: &str, d: Option<String>| d.filter(|d| !d.is_empty()).map(|d| validate::date(field, &d)).transpose();
    let (from, to) = (date("from", from)?, date("to", to)?);
    state.with_store(|s| s.party_correspondence(id, from, to))
}
