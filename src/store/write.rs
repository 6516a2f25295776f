//! Writes: each one immediate transaction that appends at least one audit record, closes with the
//! search index and the digests of the rows it touched, commits durably, and is then sealed when due.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::TransactionBehavior;

use super::rows::Noted;
use super::Store;
use crate::error::{Error, Result};

impl Store {
    /// Runs `f` in one immediate transaction; `f` must append at least one audit record.
    /// Nothing is kept unless `f` succeeds and the commit is durable.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        self.wait_until_checked()?;
        let out = self.write_unsealed(f)?;
        // The write is kept whatever happens to its seal; a seal that cannot be made now is made
        // by a later write or when the store closes, and `verify` shows how far the seals reach.
        let _ = self.seal(false);
        Ok(out)
    }

    /// `write` for a write of many new rows (an import, demo data). When no other Casebook has the
    /// database open, it goes through a rollback journal instead of the WAL: SQLite journals no
    /// page past the file's old end, so the new pages are written to the file once rather than to
    /// the WAL and again when it is checkpointed. As atomic and durable as any write (the journal
    /// is encrypted like the file, and rolled back on the next open after a crash); the database
    /// is back in WAL mode after it, whatever happened. Other Casebooks wait until it is done.
    pub(crate) fn bulk_write<T>(&mut self, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        // The integrity check reads on a connection of its own, which would keep the mode as it is.
        self.wait_until_checked()?;
        if self.lock.upgrade().is_err() {
            return self.write(f);
        }
        let journaled = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
            .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        let out = self.write(f);
        if journaled {
            // Were this refused, the next open would set WAL again; the write itself is done.
            let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
        }
        self.lock.downgrade()?;
        out
    }

    fn write_unsealed<T>(&mut self, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.noted.begin();
        let now = Utc::now();
        let today = now.with_timezone(&self.zone).date_naive();
        let mut w =
            Write { tx, actor: &self.actor, now, today, head: None, unindexed: Default::default(), noted: &self.noted };
        let out = f(&mut w)?;
        if w.head.is_none() {
            return Err(Error::storage("internal error: a write without an audit record was refused"));
        }
        w.close()?;
        w.tx.commit()?;
        Ok(out)
    }
}

/// A write in progress: the transaction plus what its audit records need.
pub(crate) struct Write<'a> {
    pub tx: rusqlite::Transaction<'a>,
    pub actor: &'a str,
    pub now: DateTime<Utc>,
    /// Today at the office.
    pub today: NaiveDate,
    /// The newest audit record this write made (sequence number and hash), once it made one.
    pub(super) head: Option<(i64, String)>,
    /// Cases whose search-index row is written when the write closes, once each: true for a
    /// case that has one to replace, false for a case this write stored.
    pub(super) unindexed: BTreeMap<i64, bool>,
    /// The rows this write touched.
    pub(super) noted: &'a Noted,
}

impl Write<'_> {
    /// Marks a case for its search-index row to be rewritten from what is stored when the write
    /// closes. Indexing last, in one run, lets the full-text index buffer the whole write: its
    /// buffer is flushed by every statement that could be undone on its own (an insert with
    /// triggers, for one), which made indexing case by case the slowest part of an import.
    pub fn reindex(&mut self, case_id: i64) {
        self.unindexed.entry(case_id).or_insert(true);
    }

    /// `reindex` for a case this write stored, which has no index row to replace.
    pub(super) fn index_new(&mut self, case_id: i64) {
        self.unindexed.insert(case_id, false);
    }
}
