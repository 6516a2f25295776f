//! Row digests: what each audited write made, so that `verify` checks the record itself and not
//! only the chain. SQLite's update hook (on this connection only, so nothing another program runs
//! on the file is noted) reports every row a write inserts, updates or deletes, those of foreign-key
//! actions included; when the write closes, each noted row's SHA-256 (NULL once deleted) is stored
//! under the write's last audit record, whose hash covers those entries. `check` compares every
//! row as it is with its latest audited digest.
//!
//! The hook sees what SQLite does row by row: a record table is never emptied by a `DELETE`
//! without `WHERE` (which SQLite may do without visiting the rows) nor written with `OR REPLACE`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::model::{RowProblem, RowReport};

/// Tables that are not the record: the audit chain itself, SQLite's own, and the search index
/// (derived from the cases, rebuilt at will).
fn is_protected(table: &str) -> bool {
    !(table.starts_with("sqlite_") || table.starts_with("audit_") || table.starts_with("case_search"))
}

/// The tables whose rows are digested, in name order.
pub(super) fn protected_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.into_iter().filter(|n| is_protected(n)).collect())
}

/// The rows the writes on one connection touched since the last audited write closed.
#[derive(Clone)]
pub(super) struct Noted(Arc<Mutex<Touched>>);

struct Touched {
    /// The protected tables, in name order; a row is noted by its table's place here.
    tables: Vec<Arc<str>>,
    /// Off while a write notes what it made itself (an import into an empty database).
    paused: bool,
    rows: Vec<(usize, i64)>,
}

impl Noted {
    fn lock(&self) -> MutexGuard<'_, Touched> {
        // Noting never panics while holding the lock; a poisoned one still holds whole entries.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A write begins: nothing a write rolled back stays noted, and noting is on.
    pub fn begin(&self) {
        let mut t = self.lock();
        t.rows.clear();
        t.paused = false;
    }

    /// Stops noting rows until `resume` (or the next write), for a write that notes what it made
    /// itself: an import into an empty database notes every row at the end.
    pub fn pause(&self) {
        self.lock().paused = true;
    }

    pub fn resume(&self) {
        self.lock().paused = false;
    }

    /// Notes every row of every protected table, so the next audit record digests them all (the
    /// first record of a database that had none).
    pub fn note_all(&self, conn: &Connection) -> Result<()> {
        let tables = self.lock().tables.clone();
        for (i, table) in tables.iter().enumerate() {
            let mut stmt = conn.prepare(&format!("SELECT rowid FROM main.\"{table}\""))?;
            let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            self.lock().rows.extend(ids.into_iter().map(|id| (i, id)));
        }
        Ok(())
    }

    /// The rows noted, each once, by table name and row id; none noted from then on.
    fn take(&self) -> Vec<(Arc<str>, i64)> {
        let mut t = self.lock();
        let mut rows = std::mem::take(&mut t.rows);
        rows.sort_unstable();
        rows.dedup();
        rows.into_iter().map(|(i, id)| (t.tables[i].clone(), id)).collect()
    }
}

/// Starts noting the rows writes on `conn` touch (after migrations: a table a migration adds is
/// watched from then on).
pub(super) fn watch(conn: &mut Connection) -> Result<Noted> {
    let tables = protected_tables(conn)?.into_iter().map(Arc::from).collect();
    let noted = Noted(Arc::new(Mutex::new(Touched { tables, paused: false, rows: Vec::new() })));
    let hook = noted.clone();
    conn.update_hook(Some(move |_, db: &str, table: &str, row_id: i64| {
        if db != "main" {
            return;
        }
        let mut t = hook.lock();
        if t.paused {
            return;
        }
        if let Some(i) = t.tables.iter().position(|name| &**name == table) {
            t.rows.push((i, row_id));
        }
    }))?;
    Ok(noted)
}

/// Stores the digests of the rows noted since the last call under record `seq`; returns the
/// SHA-256 of those entries (what `entries_sha256` reads back), or None when nothing was noted.
pub(super) fn record_noted(conn: &Connection, noted: &Noted, seq: i64) -> Result<Option<String>> {
    let noted = noted.take();
    if noted.is_empty() {
        return Ok(None);
    }
    // Entries are made in the order `entries_sha256` reads them, so their digest is taken as they go.
    let mut entries = Sha256::new();
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO audit_rows (seq, tbl, row_id, case_ref, digest) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // One table at a time, each with its statements prepared once (an import notes 100,000 rows);
    // a row's case is read from its own `case_id` where it has one, each case looked up once.
    let mut references: HashMap<i64, Option<String>> = HashMap::new();
    let mut reference_of = conn.prepare_cached("SELECT reference FROM cases WHERE id = ?1")?;
    for group in noted.chunk_by(|a, b| a.0 == b.0) {
        let table: &str = &group[0].0;
        let mut select = conn.prepare(&format!("SELECT * FROM main.\"{table}\" WHERE rowid = ?1"))?;
        let names: Vec<String> = select.column_names().map(|n| n.to_string()).collect();
        let own_column = match table {
            "cases" => names.iter().position(|n| n == "reference"),
            _ => names.iter().position(|n| n == "case_id"),
        };
        let mut owner = match own_column {
            Some(_) => None,
            None => case_ref_query(table).map(|sql| conn.prepare(&sql)).transpose()?,
        };
        for (_, row_id) in group {
            let mut case_ref = None;
            let digest = match select.query([row_id])?.next()? {
                Some(row) => {
                    case_ref = match (table, own_column) {
                        ("cases", Some(i)) => row.get(i)?,
                        (_, Some(i)) => {
                            let case_id: i64 = row.get(i)?;
                            match references.get(&case_id) {
                                Some(found) => found.clone(),
                                None => {
                                    let found: Option<String> =
                                        reference_of.query_row([case_id], |r| r.get(0)).optional()?;
                                    references.insert(case_id, found.clone());
                                    found
                                }
                            }
                        }
                        _ => match owner.as_mut() {
                            Some(stmt) => stmt.query_row([row_id], |r| r.get(0)).optional()?.flatten(),
                            None => None,
                        },
                    };
                    Some(row_digest(table, *row_id, &names, row, 0)?)
                }
                None => None,
            };
            if digest.is_none() {
                case_ref = last_case_ref(conn, table, *row_id)?;
            }
            entries.update(entry_line(table, *row_id, case_ref.as_deref(), digest.as_deref()));
            insert.execute(params![seq, table, row_id, case_ref, digest])?;
        }
    }
    Ok(Some(hex::encode(entries.finalize())))
}

/// The digest of the entries stored under record `seq`, which its hash covers.
pub(super) fn entries_sha256(conn: &Connection, seq: i64) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT tbl, row_id, case_ref, digest FROM audit_rows WHERE seq = ?1
         ORDER BY tbl, row_id",
    )?;
    let mut rows = stmt.query([seq])?;
    let mut hasher = Sha256::new();
    while let Some(r) = rows.next()? {
        let (table, row_id, case_ref, digest): (String, i64, Option<String>, Option<String>) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        hasher.update(entry_line(&table, row_id, case_ref.as_deref(), digest.as_deref()));
    }
    Ok(hex::encode(hasher.finalize()))
}

/// One entry as the entries' digest reads it.
fn entry_line(table: &str, row_id: i64, case_ref: Option<&str>, digest: Option<&str>) -> String {
    format!("{table}\u{1f}{row_id}\u{1f}{}\u{1f}{}\u{1e}", case_ref.unwrap_or(""), digest.unwrap_or("-"))
}

/// Columns added to a table after row digests began. While NULL they are left out of a row's
/// digest, so the rows written before them keep the digest they were audited with.
const LATER_COLUMNS: &[(&str, &str)] = &[
    ("parties", "organisation"),
    ("parties", "phone"),
    ("parties", "language"),
    ("parties", "notes"),
    ("parties", "retired_on"),
    ("correspondence", "occurred_time"),
    ("correspondence", "reply_by"),
    ("deadlines", "correspondence_id"),
    ("letters", "subject"),
    ("letters", "approved_by"),
    ("letters", "approved_at"),
    ("letters", "approval_note"),
    ("letters", "approved_sha256"),
    ("letters", "sent_method"),
    ("letters", "tracking"),
    ("cases", "late_reason"),
    ("cases", "late_note"),
    ("case_tasks", "evidence_item"),
];

/// SHA-256 of a row: every column's name, type and value, unambiguously (a later column only
/// once it holds a value). `names` are the columns of `row` from index `first` on.
fn row_digest(table: &str, row_id: i64, names: &[String], row: &rusqlite::Row<'_>, first: usize) -> Result<String> {
    let mut h = Sha256::new();
    let mut field = |tag: u8, bytes: &[u8]| {
        h.update([tag]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(b't', table.as_bytes());
    field(b'r', &row_id.to_le_bytes());
    for (i, name) in names.iter().enumerate() {
        let value = row.get_ref(first + i)?;
        if value == ValueRef::Null && LATER_COLUMNS.contains(&(table, name.as_str())) {
            continue;
        }
        field(b'c', name.as_bytes());
        match value {
            ValueRef::Null => field(b'n', &[]),
            ValueRef::Integer(v) => field(b'i', &v.to_le_bytes()),
            ValueRef::Real(v) => field(b'f', &v.to_le_bytes()),
            ValueRef::Text(v) => field(b's', v),
            ValueRef::Blob(v) => field(b'b', v),
        }
    }
    Ok(hex::encode(h.finalize()))
}

/// The query for the case a row belongs to (its reference, never personal data), for tables whose
/// rows belong to a case.
fn case_ref_query(table: &str) -> Option<String> {
    Some(match table {
        "cases" => "SELECT reference FROM cases WHERE rowid = ?1".to_string(),
        "people" => "SELECT reference FROM cases WHERE requester_id = ?1 OR agent_id = ?1 ORDER BY id LIMIT 1".into(),
        "attachments" => "SELECT c.reference FROM attachments a JOIN correspondence k ON k.id = a.correspondence_id
                          JOIN cases c ON c.id = k.case_id WHERE a.rowid = ?1"
            .into(),
        "case_links" | "case_rights" | "case_tags" | "case_events" | "case_tasks" | "deadlines" | "correspondence"
        | "letters" => {
            format!("SELECT c.reference FROM \"{table}\" x JOIN cases c ON c.id = x.case_id WHERE x.rowid = ?1")
        }
        "breaches" => "SELECT reference FROM breaches WHERE rowid = ?1".to_string(),
        "breach_regimes" | "breach_authorities" | "breach_notifications" | "breach_events" | "breach_cases" => {
            format!("SELECT b.reference FROM \"{table}\" x JOIN breaches b ON b.id = x.breach_id WHERE x.rowid = ?1")
        }
        _ => return None,
    })
}

/// The case a row belongs to now, when it belongs to one.
fn case_ref(conn: &Connection, table: &str, row_id: i64) -> Result<Option<String>> {
    let Some(sql) = case_ref_query(table) else {
        return Ok(None);
    };
    Ok(conn.prepare_cached(&sql)?.query_row([row_id], |r| r.get(0)).optional()?.flatten())
}

/// The case a row belonged to when it was last audited.
fn last_case_ref(conn: &Connection, table: &str, row_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT case_ref FROM audit_rows WHERE tbl = ?1 AND row_id = ?2 ORDER BY seq DESC LIMIT 1")?
        .query_row(params![table, row_id], |r| r.get(0))
        .optional()?
        .flatten())
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.case {
            Some(case) => write!(f, "{case}: {} row {} {}", self.table, self.row, self.problem),
            None => write!(f, "{} row {} {}", self.table, self.row, self.problem),
        }
    }
}

/// At most this many problems are listed; the count of rows checked is always complete.
const MAX_LISTED: usize = 100;

/// Compares every row of every protected table with its latest audited digest, and every stored
/// letter and attachment with its SHA-256.
pub(super) fn check(conn: &Connection) -> Result<RowReport> {
    let mut report = RowReport::default();
    for table in protected_tables(conn)? {
        check_table(conn, &table, &mut report)?;
    }
    check_files(conn, &mut report)?;
    report.problems.truncate(MAX_LISTED);
    Ok(report)
}

fn check_table(conn: &Connection, table: &str, report: &mut RowReport) -> Result<()> {
    // The latest audited state of each row of the table, in row order.
    let mut audited: Vec<(i64, Option<String>, Option<String>)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT a.row_id, a.digest, a.case_ref FROM audit_rows a
             WHERE a.tbl = ?1 AND a.seq = (SELECT max(b.seq) FROM audit_rows b WHERE b.tbl = a.tbl AND b.row_id = a.row_id)
             ORDER BY a.row_id DESC",
        )?;
        let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut stmt = conn.prepare(&format!("SELECT rowid, * FROM main.\"{table}\" ORDER BY rowid"))?;
    let names: Vec<String> = stmt.column_names().skip(1).map(|n| n.to_string()).collect();
    let mut rows = stmt.query([])?;
    let problem = |report: &mut RowReport, row: i64, case: Option<String>, problem| {
        report.problems.push(RowProblem { case, table: table.to_string(), row, problem });
    };
    let missing_before = |report: &mut RowReport, audited: &mut Vec<(i64, Option<String>, Option<String>)>, row_id| {
        while audited.last().is_some_and(|(id, _, _)| *id < row_id) {
            let (id, digest, case) = audited.pop().expect("checked");
            if digest.is_some() {
                problem(report, id, case, "is missing (deleted without an audit record)");
            }
        }
    };
    while let Some(row) = rows.next()? {
        let row_id: i64 = row.get(0)?;
        report.rows_checked += 1;
        missing_before(report, &mut audited, row_id);
        let digest = row_digest(table, row_id, &names, row, 1)?;
        match audited.last() {
            Some((id, Some(expected), _)) if *id == row_id => {
                if *expected != digest {
                    let case = audited.last().and_then(|a| a.2.clone()).or(case_ref(conn, table, row_id)?);
                    problem(report, row_id, case, "differs from its audited state");
                }
                audited.pop();
            }
            Some((id, None, case)) if *id == row_id => {
                let case = case.clone();
                audited.pop();
                problem(report, row_id, case, "exists though its deletion was audited");
            }
            _ => problem(report, row_id, case_ref(conn, table, row_id)?, "exists with no audit record"),
        }
    }
    missing_before(report, &mut audited, i64::MAX);
    Ok(())
}

/// Stored letters and attachments against the SHA-256 stored beside them (a purged letter is empty).
fn check_files(conn: &Connection, report: &mut RowReport) -> Result<()> {
    for (table, sql) in [
        (
            "letters",
            "SELECT l.id, c.reference, l.pdf, l.sha256, c.purged_on IS NOT NULL FROM letters l
             JOIN cases c ON c.id = l.case_id",
        ),
        (
            "attachments",
            "SELECT a.id, c.reference, a.bytes, a.sha256, c.purged_on IS NOT NULL FROM attachments a
             JOIN correspondence k ON k.id = a.correspondence_id JOIN cases c ON c.id = k.case_id",
        ),
    ] {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, case, bytes, sha, purged): (i64, String, Vec<u8>, String, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            if !(purged && bytes.is_empty()) && hex::encode(Sha256::digest(&bytes)) != sha {
                let problem = "does not match its SHA-256";
                report.problems.push(RowProblem { case: Some(case), table: table.into(), row: id, problem });
            }
        }
    }
    Ok(())
}
