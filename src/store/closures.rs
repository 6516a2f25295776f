//! The office's own closure days, which count as non-working days for every deadline.

use chrono::NaiveDate;
use rusqlite::params;
use serde_json::json;

use super::deadlines::recompute_open;
use super::sql::CachedSql;
use super::Store;
use crate::error::{Error, Result};
use crate::model::Closure;

impl Store {
    /// Adds a closure day and recomputes the open requests' deadlines; returns how many moved.
    pub fn add_closure(&mut self, day: NaiveDate, note: &str) -> Result<usize> {
        crate::rules::calendar::check_range(day)?;
        let note = crate::model::validate::text("note", note)?;
        self.write(|w| {
            let added = w.tx.run(
                "INSERT INTO office_closures (day, note) VALUES (?1, ?2) ON CONFLICT (day) DO NOTHING",
                params![day, note],
            )?;
            if added == 0 {
                return Err(Error::validation(format!("{day} is already a closure day")));
            }
            let moved = recompute_open(w)?;
            let count = moved.len();
            w.audit("closure.add", None, json!({ "closure": [null, day], "moved": moved }))?;
            Ok(count)
        })
    }

    pub fn remove_closure(&mut self, day: NaiveDate) -> Result<usize> {
        self.write(|w| {
            if w.tx.run("DELETE FROM office_closures WHERE day = ?1", [day])? == 0 {
                return Err(Error::not_found(format!("{day} is not a closure day")));
            }
            let moved = recompute_open(w)?;
            let count = moved.len();
            w.audit("closure.remove", None, json!({ "closure": [day, null], "moved": moved }))?;
            Ok(count)
        })
    }

    pub fn closures(&self) -> Result<Vec<Closure>> {
        let mut stmt = self.conn().prepare_cached("SELECT day, note FROM office_closures ORDER BY day")?;
        let rows = stmt.query_map([], |r| Ok(Closure { day: r.get(0)?, note: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
