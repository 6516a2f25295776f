//! The native file dialogs where the user says where a file goes: the only way a path to write
//! reaches the shell. End-to-end tests cannot drive GTK's file chooser: with
//! `CASEBOOK_TEST_DIALOG_DIR` set, a save dialog answers `<dir>/<suggested name>` and a folder
//! dialog `<dir>`.

use std::path::PathBuf;

use tauri_plugin_dialog::DialogExt;

const TEST_ANSWER: &str = "CASEBOOK_TEST_DIALOG_DIR";

/// Where to save a new file, suggested as `suggested`; `None` when the user cancels.
pub fn save_as<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    kind: &str,
    extensions: &[&str],
    suggested: &str,
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(TEST_ANSWER) {
        return Some(PathBuf::from(dir).join(suggested));
    }
    let chosen = app.dialog().file().add_filter(kind, extensions).set_file_name(suggested).blocking_save_file();
    chosen.and_then(|p| p.into_path().ok())
}

/// A folder to write into; `None` when the user cancels.
pub fn pick_folder<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(TEST_ANSWER) {
        return Some(dir.into());
    }
    app.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok())
}
