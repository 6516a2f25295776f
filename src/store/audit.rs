//! The audit chain: each record's hash covers its content and the previous record's hash, and
//! `audit_head` remembers the newest, so any edit, insertion, deletion or reordering is detected.
//!
//! The hash covers a SHA-256 digest of the record's changes rather than the text itself, so a
//! retention purge can blank the changes of a purged case (they hold personal data) and the chain
//! still verifies: a blanked record is accepted only for a case that a later purge record names.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::Result;
use crate::model::{AuditRecord, ChainReport};

/// A write that indexes at least this many cases reports its progress.
const PROGRESS_FROM: usize = 1000;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a purged case's audit records say instead of their changes.
pub(super) const REDACTED: &str = r#"{"redacted":"retention purge"}"#;

/// The action of a purge record, whose changes name the purged cases.
pub(super) const PURGE_ACTION: &str = "retention.purge";

const SELECT_RECORD: &str =
    "SELECT seq, at, actor, action, case_ref, changes, prev_hash, hash, changes_sha256, rows_sha256 FROM audit_log";

/// The same query for a database of any version (a backup is checked before it is migrated).
fn select_records(conn: &rusqlite::Connection) -> Result<String> {
    let has = |column: &str| -> Result<bool> {
        Ok(conn
            .query_row("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = ?1", [column], |r| r.get(0))?)
    };
    let or_null = |column: &'static str| -> Result<&'static str> { Ok(if has(column)? { column } else { "NULL" }) };
    Ok(format!(
        "SELECT seq, at, actor, action, case_ref, changes, prev_hash, hash, {}, {} FROM audit_log",
        or_null("changes_sha256")?,
        or_null("rows_sha256")?
    ))
}

fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        seq: row.get(0)?,
        at: row.get(1)?,
        actor: row.get(2)?,
        action: row.get(3)?,
        case_ref: row.get(4)?,
        changes: row.get(5)?,
        prev_hash: row.get(6)?,
        hash: row.get(7)?,
        changes_sha256: row.get(8)?,
        rows_sha256: row.get(9)?,
    })
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

impl AuditRecord {
    fn compute_hash(&self) -> String {
        // A JSON array keeps the fields unambiguous whatever characters they hold. Since schema 6
        // the digest of the changes stands where older records have the changes themselves.
        let changes = self.changes_sha256.as_deref().unwrap_or(&self.changes);
        let mut content =
            serde_json::json!([self.seq, self.at, self.actor, self.action, self.case_ref, changes, self.prev_hash]);
        // Since schema 10 the hash also covers the rows the record's write made.
        if let (Some(rows), Some(fields)) = (&self.rows_sha256, content.as_array_mut()) {
            fields.push(rows.clone().into());
        }
        sha256_hex(&content.to_string())
    }
}

impl Write<'_> {
    /// Appends an audit record for this write: `changes` maps each field to `[before, after]`.
    pub fn audit(&mut self, action: &str, case_ref: Option<&str>, changes: Value) -> Result<()> {
        let (prev_seq, prev_hash) = match self.head.take() {
            Some(newest) => newest,
            None => head(&self.tx)?.unwrap_or((0, GENESIS.to_string())),
        };
        let changes = changes.to_string();
        let mut record = AuditRecord {
            seq: prev_seq + 1,
            at: self.now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            actor: self.actor.to_string(),
            action: action.to_string(),
            case_ref: case_ref.map(str::to_string),
            changes_sha256: Some(sha256_hex(&changes)),
            changes,
            prev_hash,
            hash: String::new(),
            // The rows of the write are added when it closes (`close`).
            rows_sha256: Some(sha256_hex("")),
        };
        record.hash = record.compute_hash();
        self.tx.run(
            "INSERT INTO audit_log (seq, at, actor, action, case_ref, changes, prev_hash, hash, changes_sha256, rows_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                record.seq,
                record.at,
                record.actor,
                record.action,
                record.case_ref,
                record.changes,
                record.prev_hash,
                record.hash,
                record.changes_sha256,
                record.rows_sha256
            ],
        )?;
        // `audit_head` is written once, when the write closes.
        self.head = Some((record.seq, record.hash));
        Ok(())
    }

    /// Closes the write: the digests of the rows it touched are stored under its last audit record,
    /// whose hash is then made to cover them.
    pub(super) fn close(&mut self) -> Result<()> {
        let unindexed = std::mem::take(&mut self.unindexed);
        for (done, (case_id, has_row)) in unindexed.iter().enumerate() {
            match has_row {
                true => super::search::reindex(&self.tx, *case_id)?,
                false => super::search::index(&self.tx, *case_id)?,
            }
            // Only a write of many cases (an import, a purge) is worth a bar.
            if unindexed.len() >= PROGRESS_FROM {
                crate::progress::report(crate::progress::Stage::SearchIndex, done + 1, unindexed.len());
            }
        }
        let (seq, mut hash) =
            self.head.take().ok_or_else(|| crate::error::Error::storage("internal error: no audit record"))?;
        if let Some(entries) = super::rows::record_noted(&self.tx, self.noted, seq)? {
            let mut record = self.tx.one(&format!("{SELECT_RECORD} WHERE seq = ?1"), [seq], read_record)?;
            record.rows_sha256 = Some(entries);
            record.hash = record.compute_hash();
            self.tx.run(
                "UPDATE audit_log SET rows_sha256 = ?2, hash = ?3 WHERE seq = ?1",
                params![seq, record.rows_sha256, record.hash],
            )?;
            hash = record.hash;
        }
        self.tx.run(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            params![seq, hash],
        )?;
        Ok(())
    }

    /// Blanks the changes of every audit record of a case being purged (the purge record that
    /// names the case must follow in the same transaction).
    pub(super) fn redact_audit(&mut self, reference: &str) -> Result<()> {
        self.tx.run(
            "UPDATE audit_log SET changes = ?2 WHERE case_ref = ?1 AND changes_sha256 IS NOT NULL",
            params![reference, REDACTED],
        )?;
        Ok(())
    }
}

/// Re-seals an intact chain of records written before schema version 6 so that each hash covers
/// the digest of its changes. A chain that does not verify is left exactly as it is, so that
/// verification still reports where it broke.
pub(super) fn reseal(conn: &rusqlite::Connection) -> Result<()> {
    if verify_chain(conn)?.first_broken.is_some() {
        return Ok(());
    }
    let records: Vec<AuditRecord> = {
        let mut stmt = conn.prepare(&format!("{} ORDER BY seq", select_records(conn)?))?;
        let rows = stmt.query_map([], read_record)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut prev_hash = GENESIS.to_string();
    for mut r in records {
        r.prev_hash = prev_hash;
        r.changes_sha256 = Some(sha256_hex(&r.changes));
        r.hash = r.compute_hash();
        conn.run(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3, changes_sha256 = ?4 WHERE seq = ?1",
            params![r.seq, r.prev_hash, r.hash, r.changes_sha256],
        )?;
        conn.run("UPDATE audit_head SET hash = ?2 WHERE id = 1 AND seq = ?1", params![r.seq, r.hash])?;
        prev_hash = r.hash;
    }
    Ok(())
}

impl Store {
    /// Walks the chain from the first record and reports the first one that does not verify; the
    /// first record must be the one the key file remembers.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        let report = verify_chain(self.conn())?;
        let remembered = super::KeyFile::read(self.path())?.audit_genesis().map(str::to_string);
        if report.first_broken.is_none() && remembered.is_some() && genesis(self.conn())? != remembered {
            return Ok(ChainReport {
                first_broken: Some(1),
                problem: Some(
                    "the first record is not the one this database began with (its key file remembers another)".into(),
                ),
                ..report
            });
        }
        Ok(report)
    }

    /// Audit records newest first: all of them or one case's, older than `before` when given (the
    /// next page), at most `limit`.
    pub fn audit_page(&self, case: Option<&str>, before: Option<i64>, limit: u32) -> Result<Vec<AuditRecord>> {
        let before = before.unwrap_or(i64::MAX);
        let rows = match case {
            Some(reference) => self
                .conn()
                .prepare_cached(&format!(
                    "{SELECT_RECORD} WHERE case_ref = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3"
                ))?
                .query_map(rusqlite::params![reference, before, limit], read_record)?
                .collect::<rusqlite::Result<_>>()?,
            None => self
                .conn()
                .prepare_cached(&format!("{SELECT_RECORD} WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2"))?
                .query_map(rusqlite::params![before, limit], read_record)?
                .collect::<rusqlite::Result<_>>()?,
        };
        Ok(rows)
    }

    /// `PRAGMA integrity_check`: `None` when the file is sound, else SQLite's first complaint.
    pub fn integrity_problem(&self) -> Result<Option<String>> {
        let result: String = self.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result == "ok" {
            super::checked::record(self.path());
            return Ok(None);
        }
        Ok(Some(result))
    }
}

/// Checks the chain on any connection (the open database or a backup being verified).
pub(super) fn verify_chain(conn: &rusqlite::Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(&format!("{} ORDER BY seq", select_records(conn)?))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut count = 0;
    // Blanked records (seq, case) waiting for the purge record that names their case.
    let mut redacted: Vec<(i64, String)> = Vec::new();
    let mut purged_at: HashMap<String, i64> = HashMap::new();
    let broken = |seq: i64, problem: &str, count| ChainReport {
        records: count,
        first_broken: Some(seq),
        problem: Some(problem.to_string()),
    };
    while let Some(row) = rows.next()? {
        let r = read_record(row)?;
        count += 1;
        if r.seq != expected_seq {
            return Ok(broken(expected_seq, "a record is missing or out of order", count));
        }
        if r.prev_hash != expected_prev {
            return Ok(broken(r.seq, "the link to the previous record is broken", count));
        }
        if r.compute_hash() != r.hash {
            return Ok(broken(r.seq, "the record was changed after it was written", count));
        }
        if let Some(digest) = &r.changes_sha256 {
            if sha256_hex(&r.changes) != *digest {
                match (&r.case_ref, r.changes == REDACTED) {
                    (Some(case), true) => redacted.push((r.seq, case.clone())),
                    _ => return Ok(broken(r.seq, "the record was changed after it was written", count)),
                }
            }
        }
        if let Some(rows) = &r.rows_sha256 {
            if super::rows::entries_sha256(conn, r.seq)? != *rows {
                return Ok(broken(r.seq, "the rows this record describes were changed after it was written", count));
            }
        }
        if r.action == PURGE_ACTION {
            for case in purged_cases(&r.changes) {
                purged_at.entry(case).or_insert(r.seq);
            }
        }
        expected_prev = r.hash;
        expected_seq += 1;
    }
    let head = head(conn)?;
    if let Some((seq, _)) =
        redacted.iter().find(|(seq, case)| purged_at.get(case).is_none_or(|purge_seq| purge_seq < seq))
    {
        return Ok(broken(*seq, "the record was blanked, but no purge names its case", count));
    }
    let last_seq = expected_seq - 1;
    match head {
        Some((seq, hash)) if seq == last_seq && hash == expected_prev => {}
        None if last_seq == 0 => {}
        _ => return Ok(broken(last_seq + 1, "records are missing from the end of the chain", count)),
    }
    if let Some(seq) = stray_row_entries(conn)? {
        return Ok(broken(seq, "row digests were added that no record describes", count));
    }
    Ok(ChainReport { records: count, first_broken: None, problem: None })
}

/// The references a purge record names: its changes are `{"purged": [null, [refs…]]}`.
fn purged_cases(changes: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(changes).unwrap_or_default();
    value["purged"][1]
        .as_array()
        .map(|refs| refs.iter().filter_map(|r| r.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The newest record's sequence number and hash, as `audit_head` remembers them.
pub(super) fn head(conn: &rusqlite::Connection) -> Result<Option<(i64, String)>> {
    Ok(conn.one("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The first sequence number with row digests but no record that covers them, if any.
fn stray_row_entries(conn: &rusqlite::Connection) -> Result<Option<i64>> {
    let has_rows: bool = conn.one("SELECT count(*) FROM sqlite_master WHERE name = 'audit_rows'", [], |r| r.get(0))?;
    if !has_rows {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT min(seq) FROM audit_rows WHERE seq NOT IN (SELECT seq FROM audit_log WHERE rows_sha256 IS NOT NULL)",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// The hash of the first record, if there is one.
pub(super) fn genesis(conn: &rusqlite::Connection) -> Result<Option<String>> {
    Ok(conn.one("SELECT hash FROM audit_log WHERE seq = 1", [], |r| r.get(0)).optional()?)
}
