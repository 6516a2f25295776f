//! The native file dialogs where the user says where a file goes: the only way a path to write
//! reaches the shell. End-to-end tests cannot drive GTK's file chooser: with
//! `CASEBOOK_TEST_DIALOG_DIR` set, a save dialog answers `<dir>/<suggested name>`, a folder
//! dialog `<dir>`, and an open dialog the files in `<dir>/to-open/` with a wanted extension.

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

/// Files to read, of the kinds `extensions` names (any file when empty); `None` when cancelled.
pub fn pick_files<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    kind: &str,
    extensions: &[&str],
) -> Option<Vec<PathBuf>> {
    if let Some(dir) = std::env::var_os(TEST_ANSWER) {
        let wanted = |p: &PathBuf| {
            extensions.is_empty() || p.extension().is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(PathBuf::from(dir).join("to-open"))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(wanted)
            .collect();
        files.sort();
        return Some(files);
    }
    let mut dialog = app.dialog().file();
    if !extensions.is_empty() {
        dialog = dialog.add_filter(kind, extensions);
    }
    let chosen = dialog.blocking_pick_files()?;
    Some(chosen.into_iter().filter_map(|p| p.into_path().ok()).collect())
}
