//! Between cases and beside the law: links between related cases (the same person asking twice,
//! a complaint about a request) and deadlines set by hand (a promise made in a letter, an
//! authority's date). Each change is one audited write.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::validate;

fn case_id(w: &Write<'_>, reference: &str) -> Result<i64> {
    w.tx.one("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no case with reference {}", validate::printable(reference))))
}

impl Store {
    /// Links two cases both ways.
    pub fn link_cases(&mut self, reference: &str, other: &str) -> Result<()> {
        let other = other.trim().to_uppercase();
        if other == reference {
            return Err(Error::invalid_field("link", "a case cannot be linked to itself"));
        }
        self.write(|w| {
            let (a, b) = (case_id(w, reference)?, case_id(w, &other).map_err(|e| e.in_field("link"))?);
            let added = w.tx.run(
                "INSERT OR IGNORE INTO case_links (case_id, linked_case_id) VALUES (?1, ?2), (?2, ?1)",
                params![a, b],
            )?;
            if added == 0 {
                return Err(Error::invalid_field("link", format!("{reference} and {other} are linked already")));
            }
            w.audit("case.link", Some(reference), json!({ "linked": [null, other] }))
        })
    }

    pub fn unlink_cases(&mut self, reference: &str, other: &str) -> Result<()> {
        self.write(|w| {
            let (a, b) = (case_id(w, reference)?, case_id(w, other)?);
            w.tx.run(
                "DELETE FROM case_links WHERE (case_id = ?1 AND linked_case_id = ?2) OR (case_id = ?2 AND linked_case_id = ?1)",
                params![a, b],
            )?;
            w.audit("case.unlink", Some(reference), json!({ "linked": [other, null] }))
        })
    }

    /// The references of the cases linked to this one, in order.
    pub fn linked_cases(&self, reference: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.reference FROM case_links l JOIN cases c ON c.id = l.case_id JOIN cases o ON o.id = l.linked_case_id
             WHERE c.reference = ?1 ORDER BY o.reference",
        )?;
        let rows = stmt.query_map([reference], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets a deadline by hand; it shows on the case and the calendar until marked done.
    pub fn add_manual_deadline(&mut self, reference: &str, due: NaiveDate, label: &str) -> Result<()> {
        let label = validate::line("label", label)?;
        self.write(|w| {
            let id = case_id(w, reference)?;
            w.tx.run(
                "INSERT INTO deadlines (case_id, kind, due_on, basis, label) VALUES (?1, 'manual', ?2, ?3, ?4)",
                params![id, due, format!("Set by hand on {}: {label}", w.today), label],
            )?;
            w.audit("deadline.manual", Some(reference), json!({ "manual": [null, { "due": due, "label": label }] }))
        })
    }

    /// Marks a deadline set by hand as done today.
    pub fn complete_manual_deadline(&mut self, reference: &str, deadline_id: i64) -> Result<()> {
        self.write(|w| {
            let id = case_id(w, reference)?;
            let done = w.tx.run(
                "UPDATE deadlines SET met_on = ?3 WHERE id = ?1 AND case_id = ?2 AND kind = 'manual' AND met_on IS NULL",
                params![deadline_id, id, w.today],
            )?;
            if done == 0 {
                return Err(Error::not_found(format!("{reference} has no open deadline set by hand with id {deadline_id}")));
            }
            w.audit("deadline.manual.done", Some(reference), json!({ "manual_done": [null, deadline_id] }))
        })
    }
}
