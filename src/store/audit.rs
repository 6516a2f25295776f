//! The audit chain: each record's hash covers its content and the previous record's hash, and
//! `audit_head` remembers the newest, so any edit, insertion, deletion or reordering is detected.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Store, Write};
use crate::error::Result;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored audit record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub case_ref: Option<String>,
    pub changes: String,
    pub prev_hash: String,
    pub hash: String,
}

const SELECT_RECORD: &str = "SELECT seq, at, actor, action, case_ref, changes, prev_hash, hash FROM audit_log";

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
    })
}

impl AuditRecord {
    fn compute_hash(&self) -> String {
        // A JSON array keeps the fields unambiguous whatever characters they hold.
        let content = serde_json::json!([
            self.seq,
            self.at,
            self.actor,
            self.action,
            self.case_ref,
            self.changes,
            self.prev_hash
        ]);
        hex::encode(Sha256::digest(content.to_string().as_bytes()))
    }
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainReport {
    pub records: i64,
    /// The sequence number of the first record that does not verify, if any.
    pub first_broken: Option<i64>,
    pub problem: Option<String>,
}

impl Write<'_> {
    /// Appends an audit record for this write: `changes` maps each field to `[before, after]`.
    pub fn audit(&mut self, action: &str, case_ref: Option<&str>, changes: Value) -> Result<()> {
        let head: Option<(i64, String)> = self
            .tx
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (prev_seq, prev_hash) = head.unwrap_or((0, GENESIS.to_string()));
        let mut record = AuditRecord {
            seq: prev_seq + 1,
            at: self.now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            actor: self.actor.to_string(),
            action: action.to_string(),
            case_ref: case_ref.map(str::to_string),
            changes: changes.to_string(),
            prev_hash,
            hash: String::new(),
        };
        record.hash = record.compute_hash();
        self.tx.execute(
            "INSERT INTO audit_log (seq, at, actor, action, case_ref, changes, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                record.seq,
                record.at,
                record.actor,
                record.action,
                record.case_ref,
                record.changes,
                record.prev_hash,
                record.hash
            ],
        )?;
        self.tx.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            params![record.seq, record.hash],
        )?;
        self.audited = true;
        Ok(())
    }
}

impl Store {
    /// Walks the chain from the first record and reports the first one that does not verify.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        verify_chain(self.conn())
    }

    /// The newest audit records, newest first.
    pub fn recent_audit(&self, limit: u32) -> Result<Vec<AuditRecord>> {
        let mut stmt = self.conn().prepare(&format!("{SELECT_RECORD} ORDER BY seq DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit], read_record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `PRAGMA integrity_check`: `None` when the file is sound, else SQLite's first complaint.
    pub fn integrity_problem(&self) -> Result<Option<String>> {
        let result: String = self.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(if result == "ok" { None } else { Some(result) })
    }
}

/// Checks the chain on any connection (the open database or a backup being verified).
pub(super) fn verify_chain(conn: &rusqlite::Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(&format!("{SELECT_RECORD} ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut count = 0;
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
        expected_prev = r.hash;
        expected_seq += 1;
    }
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let last_seq = expected_seq - 1;
    match head {
        Some((seq, hash)) if seq == last_seq && hash == expected_prev => {}
        None if last_seq == 0 => {}
        _ => return Ok(broken(last_seq + 1, "records are missing from the end of the chain", count)),
    }
    Ok(ChainReport { records: count, first_broken: None, problem: None })
}
