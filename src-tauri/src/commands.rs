//! The commands the window may invoke: each unpacks its arguments and calls `AppState`.

use casebook::model::{Case, CaseInput, EventInput, OrganisationProfile, Party};
use tauri::State;

use crate::error::UiError;
use crate::state::{AppState, AppStatus, CasePage, CaseView, ListRequest, Vocabulary};

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
pub fn set_up(state: State<'_, AppState>, profile: OrganisationProfile, passphrase: String) -> Result<AppStatus> {
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
pub fn record_event(state: State<'_, AppState>, reference: String, input: EventInput) -> Result<CaseView> {
    state.record_event(&reference, &input)
}

#[tauri::command(async)]
pub fn list_parties(state: State<'_, AppState>) -> Result<Vec<Party>> {
    state.with_store(|s| s.parties())
}
