//! Backups through the SQLite online backup API, encrypted with the database's own key and
//! verified by reopening before they count; restore that verifies first and keeps the old file;
//! rolling backups (14 daily, 8 weekly) beside the database.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::key::{sidecar_path, Key, KeyFile};
use super::{apply_key, Store};
use crate::error::{Error, ErrorKind, Result};
use crate::files::with_suffix;
use crate::model::BackupInfo;

const ROLLING_PREFIX: &str = "casebook-";
const DAILY_KEPT: i64 = 14;
const WEEKLY_KEPT: usize = 8;

impl Store {
    /// Copies the open database to `dest` (and its key parameters to `dest.kdf`), then reopens the
    /// copy and checks its integrity and audit chain before reporting success.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupInfo> {
        copy_database(&self.conn, &self.key, self.path(), dest, Check::Whole)
    }

    /// The upgrade this open made, with the copy kept before it: to be said once.
    pub fn take_upgrade(&mut self) -> Option<super::Upgrade> {
        self.upgrade.take()
    }

    /// Where rolling backups live: `backups/` beside the database.
    pub fn backup_dir(&self) -> PathBuf {
        self.path().parent().unwrap_or(Path::new(".")).join("backups")
    }

    /// Makes today's rolling backup unless there is one, then prunes to 14 daily and 8 weekly.
    /// Returns the new backup, if one was made.
    pub fn rolling_backup(&self) -> Result<Option<BackupInfo>> {
        let dir = self.backup_dir();
        crate::files::create_private_dir(&dir)?;
        let today = self.today();
        let path = dir.join(format!("{ROLLING_PREFIX}{today}.db"));
        let made = if path.exists() { None } else { Some(self.backup_to(&path)?) };
        for old in to_prune(&rolling_dates(&dir)?, today) {
            let file = dir.join(format!("{ROLLING_PREFIX}{old}.db"));
            let _ = std::fs::remove_file(sidecar_path(&file));
            std::fs::remove_file(&file)?;
        }
        Ok(made)
    }

    /// The rolling backups, newest first.
    pub fn rolling_backups(&self) -> Result<Vec<BackupInfo>> {
        let dir = self.backup_dir();
        Ok(rolling_dates(&dir)?
            .into_iter()
            .rev()
            .map(|date| {
                let path = dir.join(format!("{ROLLING_PREFIX}{date}.db"));
                let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                BackupInfo { path, date: Some(date), bytes, cases: -1, audit_records: -1 }
            })
            .collect())
    }
}

/// How far a copy is checked before it counts.
#[derive(Clone, Copy)]
enum Check {
    /// Integrity and the audit chain: a backup of this Casebook's database.
    Whole,
    /// Integrity only: a copy of an older schema, whose chain this Casebook reads after upgrading it.
    Integrity,
}

/// Copies the database open on `conn` to `dest` (and its key parameters to `dest.kdf`) through a
/// private `.part`, then reopens the copy and checks it before it takes its name.
fn copy_database(conn: &Connection, key: &Key, db: &Path, dest: &Path, check: Check) -> Result<BackupInfo> {
    if dest.exists() {
        return Err(Error::validation(format!("{} already exists; choose a new file name", dest.display())));
    }
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::validation(format!("the folder {} does not exist", dir.display())));
    }
    let part = with_suffix(dest, ".part");
    let result = (|| {
        {
            // A leftover or a link planted at the temporary name is removed, never followed.
            let _ = std::fs::remove_file(&part);
            crate::files::create_new_private(&part)?;
            let mut target = Connection::open(&part)?;
            apply_key(&target, key)?;
            Backup::new(conn, &mut target)?.run_to_completion(512, Duration::ZERO, Some(copied))?;
        }
        let mut keys = KeyFile::read(db)?;
        keys.set_database_salt(super::key::database_salt(&part)?);
        keys.write(&part)?;
        let info = verify(&part, key, check)?;
        std::fs::rename(sidecar_path(&part), sidecar_path(dest))?;
        std::fs::rename(&part, dest)?;
        Ok(BackupInfo { path: dest.to_path_buf(), ..info })
    })();
    if result.is_err() {
        for leftover in [part.clone(), sidecar_path(&part), with_suffix(&part, "-wal"), with_suffix(&part, "-shm")] {
            let _ = std::fs::remove_file(leftover);
        }
    }
    result
}

/// Reports a backup's pages copied (a plain function: what SQLite's backup step takes).
fn copied(p: rusqlite::backup::Progress) {
    let total = p.pagecount.max(0) as usize;
    crate::progress::report(crate::progress::Stage::Backup, total.saturating_sub(p.remaining.max(0) as usize), total);
}

/// Before a migration: the database as it is, kept as `backups/before-upgrade-<from>-to-<to>-<time>.db`
/// beside it, so an upgrade that goes wrong can be undone with `casebook restore`.
pub(super) fn before_upgrade(conn: &Connection, key: &Key, db: &Path, from: u32, to: u32) -> Result<BackupInfo> {
    let dir = db.parent().unwrap_or(Path::new(".")).join("backups");
    let time = chrono::Utc::now().format("%Y-%m-%dT%H%M%SZ");
    let dest = dir.join(format!("before-upgrade-{from}-to-{to}-{time}.db"));
    crate::files::create_private_dir(&dir)
        .map_err(Error::from)
        .and_then(|()| copy_database(conn, key, db, &dest, Check::Integrity))
        .map_err(|e| {
            Error::storage(format!(
                "the database was not upgraded: a copy could not be made first in {} ({})",
                dir.display(),
                e.message
            ))
        })
}

fn rolling_dates(dir: &Path) -> Result<BTreeSet<NaiveDate>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(BTreeSet::new());
    };
    Ok(entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix(ROLLING_PREFIX)?.strip_suffix(".db")?.parse().ok()
        })
        .collect())
}

/// The backups to delete: keep every one of the last 14 days, and the newest of each of the
/// 8 most recent earlier weeks.
pub fn to_prune(dates: &BTreeSet<NaiveDate>, today: NaiveDate) -> Vec<NaiveDate> {
    let mut weeks_kept = BTreeSet::new();
    let mut prune = Vec::new();
    for date in dates.iter().rev() {
        if (today - *date).num_days() < DAILY_KEPT {
            continue;
        }
        // Newest first, so the first date seen of a week is the one kept for it.
        let week = (date.iso_week().year(), date.iso_week().week());
        if !weeks_kept.contains(&week) && weeks_kept.len() < WEEKLY_KEPT {
            weeks_kept.insert(week);
        } else {
            prune.push(*date);
        }
    }
    prune
}

/// Opens a database file with `key` and checks it as far as `how` asks.
fn verify(path: &Path, key: &Key, how: Check) -> Result<BackupInfo> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    apply_key(&conn, key)?;
    check(conn, path, how)
}

fn check(conn: Connection, path: &Path, how: Check) -> Result<BackupInfo> {
    let bad =
        |what: String| Error::new(ErrorKind::Incompatible, format!("{} is not a sound backup: {what}", path.display()));
    let integrity: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| bad(e.to_string()))?;
    if integrity != "ok" {
        return Err(bad(integrity));
    }
    let mut audit_records = -1;
    if let Check::Whole = how {
        let chain = super::audit::verify_chain(&conn)?;
        if let (Some(seq), Some(problem)) = (chain.first_broken, chain.problem) {
            return Err(bad(format!("audit record {seq}: {problem}")));
        }
        audit_records = chain.records;
    }
    let cases: i64 = conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo { path: path.to_path_buf(), date: None, bytes, cases, audit_records })
}

/// Checks that the backup `from` opens with `passphrase`, is sound and its audit chain verifies.
pub fn verify_backup(from: &Path, passphrase: &str) -> Result<BackupInfo> {
    if !from.is_file() {
        return Err(Error::not_found(format!("no backup at {}", from.display())));
    }
    let keys = KeyFile::read(from)?;
    let key = keys.unlock(passphrase)?;
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    apply_key(&conn, &key)?;
    // The passphrase unwrapped the key, so a file that does not open is damaged, not mistyped.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => super::key::diagnose_mismatch(from, &keys),
        _ => Error::from(e),
    })?;
    check(conn, from, Check::Whole)
}

/// Replaces the database at `db` with the backup `from`, after checking the backup opens with
/// `passphrase` and is sound. The replaced file is kept as `<db>.before-restore`.
pub fn restore(db: &Path, from: &Path, passphrase: &str) -> Result<BackupInfo> {
    let info = verify_backup(from, passphrase)?;
    // Replacing the file under another open Casebook would lose what it writes next.
    let _alone = super::lock::DbLock::exclusive(db)?;
    let part = with_suffix(db, ".restore-part");
    std::fs::copy(from, &part)?;
    std::fs::File::open(&part)?.sync_all()?;
    KeyFile::read(from)?.write(&part)?;
    if db.exists() {
        let kept = with_suffix(db, ".before-restore");
        std::fs::rename(db, &kept)?;
        if sidecar_path(db).exists() {
            std::fs::rename(sidecar_path(db), sidecar_path(&kept))?;
        }
    }
    // A write-ahead log of the replaced database must never be applied to the restored one.
    for stale in [with_suffix(db, "-wal"), with_suffix(db, "-shm")] {
        let _ = std::fs::remove_file(stale);
    }
    std::fs::rename(sidecar_path(&part), sidecar_path(db))?;
    std::fs::rename(&part, db)?;
    Ok(BackupInfo { path: db.to_path_buf(), ..info })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_fourteen_days_and_eight_weeks() {
        let today: NaiveDate = "2026-11-30".parse().unwrap();
        let dates: BTreeSet<NaiveDate> = (0..200).map(|d| today - chrono::Duration::days(d)).collect();
        let prune = to_prune(&dates, today);
        let kept: Vec<NaiveDate> = dates.iter().filter(|d| !prune.contains(d)).copied().collect();
        assert_eq!(kept.iter().filter(|d| (today - **d).num_days() < 14).count(), 14);
        let weekly: Vec<&NaiveDate> = kept.iter().filter(|d| (today - **d).num_days() >= 14).collect();
        assert_eq!(weekly.len(), 8);
        let weeks: BTreeSet<u32> = weekly.iter().map(|d| d.iso_week().week()).collect();
        assert_eq!(weeks.len(), 8, "one per week");
    }
}
