//! Correspondence logged from the case screen: files picked to attach wait in the state (the
//! window never names a path), the item is logged with them, and any stored file is saved again
//! where the user chooses.

use std::path::PathBuf;

use casebook::app::correspondence as items;
use casebook::model::ItemInput;
use serde::Serialize;
use tauri::State;

use crate::dialogs;
use crate::error::UiError;
use crate::state::{AppState, CaseView};

type Result<T> = std::result::Result<T, UiError>;

/// A file picked to attach, as the form lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PickedFile {
    pub name: String,
    pub size: u64,
}

impl AppState {
    pub(crate) fn picked(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        self.attachments.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds files to attach; answers every file waiting.
    pub fn add_attachments(&self, paths: Vec<PathBuf>) -> Vec<PickedFile> {
        let mut picked = self.picked();
        picked.extend(paths);
        picked
            .iter()
            .map(|p| PickedFile {
                name: casebook::files::display_name(p),
                size: std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            })
            .collect()
    }

    /// Logs an item on a case with the files waiting; they are let go once it is logged.
    pub fn log_correspondence(&self, reference: &str, input: &ItemInput) -> Result<CaseView> {
        let files = self.picked().clone();
        let view = self.with_store(|s| {
            items::log(s, reference, input, &files)?;
            CaseView::read(s, reference)
        })?;
        self.picked().clear();
        Ok(view)
    }

    pub fn edit_correspondence(&self, reference: &str, id: i64, input: &ItemInput) -> Result<CaseView> {
        self.with_store(|s| {
            s.edit_item(reference, id, &input.validate()?)?;
            CaseView::read(s, reference)
        })
    }
}

/// Opens the file dialog to attach files; answers every file waiting, or `None` when cancelled.
#[tauri::command(async)]
pub fn pick_attachments<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Option<Vec<PickedFile>> {
    dialogs::pick_files(&app, "Any file", &[]).map(|paths| state.add_attachments(paths))
}

/// Lets go of the files waiting (the form was closed or cleared).
#[tauri::command(async)]
pub fn clear_attachments(state: State<'_, AppState>) {
    state.picked().clear();
}

#[tauri::command(async)]
pub fn log_correspondence(state: State<'_, AppState>, reference: String, input: ItemInput) -> Result<CaseView> {
    state.log_correspondence(&reference, &input)
}

#[tauri::command(async)]
pub fn edit_correspondence(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    input: ItemInput,
) -> Result<CaseView> {
    state.edit_correspondence(&reference, id, &input)
}

/// Saves a copy of an item's stored file (attachment `k` from 1, or its first file) where the
/// user chooses, checked against its SHA-256 first; answers the path, or `None` when cancelled.
#[tauri::command(async)]
pub fn save_stored_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    reference: String,
    item: i64,
    k: Option<usize>,
) -> Result<Option<String>> {
    let (info, bytes) = state.with_store(|s| s.stored_file(&reference, item, k))?;
    let extension = info.name.rsplit_once('.').map(|(_, e)| e.to_string()).unwrap_or_default();
    let filter: Vec<&str> = if extension.is_empty() { vec![] } else { vec![extension.as_str()] };
    let Some(path) = dialogs::save_as(&app, "File", &filter, &info.name) else {
        return Ok(None);
    };
    casebook::files::write_output(&path, &bytes, true)?;
    Ok(Some(path.display().to_string()))
}
