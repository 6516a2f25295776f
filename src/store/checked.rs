//! When the whole file was last read through (`PRAGMA quick_check` at open, `integrity_check` in
//! `verify`): recorded as the day's date in `<db>.checked`, so that the first command of a day reads
//! every page and the others open at the same cost whatever the file's size. A command still never
//! reads a damaged page unnoticed: SQLCipher authenticates every page it reads, and a page that fails
//! is reported as damage with the way to restore.

use std::path::{Path, PathBuf};

use chrono::Utc;

pub fn path(db: &Path) -> PathBuf {
    crate::files::with_suffix(db, ".checked")
}

fn today() -> String {
    Utc::now().date_naive().to_string()
}

/// Whether the whole file was found sound today.
pub(super) fn today_already(db: &Path) -> bool {
    std::fs::read_to_string(path(db)).is_ok_and(|day| day.trim() == today())
}

/// Records that the whole file was found sound now (best effort: without the record, the next
/// command checks again).
pub(super) fn record(db: &Path) {
    let _ = crate::files::replace_private(&path(db), today().as_bytes());
}
