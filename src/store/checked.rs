//! When the whole file was last read through (`PRAGMA quick_check` at open, `integrity_check` in
//! `verify`): recorded as the day's date in `<db>.checked`, so that the first command of a day reads
//! every page and the others open at the same cost whatever the file's size. A command still never
//! reads a damaged page unnoticed: SQLCipher authenticates every page it reads, and a page that fails
//! is reported as damage with the way to restore.
//!
//! Also what a store knows of the file's integrity: sound, damaged, or still being checked on a
//! connection of its own while the window's first reads go ahead (`Integrity`, `PendingCheck`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::Utc;
use rusqlite::{Connection, OpenFlags};

use super::key::Key;
use crate::error::{Error, Result};

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

/// The file's integrity as a store knows it.
pub(super) enum Integrity {
    Sound,
    /// Still being checked on a connection of its own (the window's first reads go ahead).
    Pending(PendingCheck),
    Damaged(Error),
}

impl Integrity {
    /// Checks the file on a thread and connection of its own, recording the day when it is sound.
    pub(super) fn check_in_background(db: &Path, key: &Key) -> Integrity {
        let outcome = Arc::new(OnceLock::new());
        let (done, db, key) = (outcome.clone(), db.to_path_buf(), key.clone());
        std::thread::spawn(move || {
            let check = || {
                let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                super::apply_key(&conn, &key)?;
                quick_check(&conn)?;
                record(&db);
                Ok(())
            };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(check))
                .unwrap_or_else(|_| Err(Error::storage("the integrity check stopped")));
            let _ = done.set(result);
        });
        Integrity::Pending(PendingCheck(outcome))
    }

    /// Waits for a pending check to end; a damaged file refuses every write.
    pub(super) fn settle(&mut self) -> Result<()> {
        if let Integrity::Pending(PendingCheck(outcome)) = self {
            *self = match outcome.wait() {
                Ok(()) => Integrity::Sound,
                Err(e) => Integrity::Damaged(e.clone()),
            };
        }
        match self {
            Integrity::Damaged(e) => Err(e.clone()),
            _ => Ok(()),
        }
    }
}

/// An integrity check still running, which can be waited for without the store: a caller sharing
/// the store waits for it before a write without holding the store, so reads go on meanwhile.
#[derive(Clone)]
pub struct PendingCheck(Arc<OnceLock<Result<()>>>);

impl PendingCheck {
    /// Whether the check has ended.
    pub fn is_done(&self) -> bool {
        self.0.get().is_some()
    }

    /// Blocks until the check has ended (its outcome is the store's to report, at the next write).
    pub fn wait(&self) {
        self.0.wait();
    }
}

/// `PRAGMA quick_check`: an error that says how to restore when the file is damaged.
pub(super) fn quick_check(conn: &Connection) -> Result<()> {
    let quick: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(super::damaged)?;
    if quick != "ok" {
        // SQLite lists every problem on a line of its own; the first one says enough.
        let problems = quick.lines().count();
        let first = quick.lines().next().unwrap_or_default();
        let more = if problems > 1 { format!(" and {} more problems", problems - 1) } else { String::new() };
        return Err(Error::damaged_file(format!("{first}{more}")));
    }
    Ok(())
}
