//! Reminders: deadlines and tasks due within the profile's warning window or overdue, on open
//! cases, each announced once a day. What was announced is kept (and audited like any write), so a
//! restart does not announce it again the same day; the next day an overdue item is announced anew.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use rusqlite::params;
use serde_json::json;

use super::Store;
use crate::error::Result;
use crate::model::Reminder;

impl Store {
    /// The reminders not yet announced today, remembered as announced.
    pub fn take_reminders(&mut self) -> Result<Vec<Reminder>> {
        let today = self.today();
        let until = today + Days::new(u64::from(self.profile()?.reminder_days));
        let mut due = self.due_items(today, until)?;
        due.extend(self.breach_items()?);
        let shown: HashSet<String> = self
            .conn()
            .prepare_cached("SELECT item FROM reminders WHERE shown_on = ?1")?
            .query_map([today], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        due.retain(|r| !shown.contains(&r.item));
        if due.is_empty() {
            return Ok(due);
        }
        self.write(|w| {
            w.tx.execute("DELETE FROM reminders WHERE shown_on < ?1", [today])?;
            for r in &due {
                w.tx.execute("INSERT INTO reminders (item, shown_on) VALUES (?1, ?2)", params![r.item, today])?;
            }
            w.audit("reminders.shown", None, json!({ "reminders": [null, due.len()] }))
        })?;
        Ok(due)
    }

    /// Breach clocks not met that run out within two days, or have: hours, not days.
    fn breach_items(&self) -> Result<Vec<Reminder>> {
        let zone = self.zone();
        Ok(self
            .open_breach_clocks()?
            .into_iter()
            .filter(|(_, c)| c.hours_left.is_some_and(|h| h < 48))
            .map(|(reference, c)| Reminder {
                item: format!(
                    "breach {reference} {} {} {}",
                    c.clock.kind,
                    c.clock.party_id.unwrap_or(0),
                    c.clock.due_at
                ),
                what: format!("breach notice to {}", c.who),
                due: c.clock.due_at.with_timezone(&zone).date_naive(),
                overdue: c.hours_left.is_some_and(|h| h < 0),
                reference,
            })
            .collect())
    }

    /// Unmet deadlines and open tasks on open cases due by `until`, soonest first.
    fn due_items(&self, today: NaiveDate, until: NaiveDate) -> Result<Vec<Reminder>> {
        let open = super::sql_list(crate::model::flow::OPEN);
        let sql = format!(
            "SELECT c.reference, d.kind, d.due_on, 'deadline ' || c.reference || ' ' || d.kind || ' ' || coalesce(d.label, d.correspondence_id, '')
             FROM deadlines d JOIN cases c ON c.id = d.case_id
             WHERE d.met_on IS NULL AND d.due_on <= ?1 AND c.status IN ({open}) AND {}
             UNION ALL
             SELECT c.reference, 'task', t.due_on, 'task ' || t.id FROM case_tasks t JOIN cases c ON c.id = t.case_id
             WHERE t.done_on IS NULL AND t.due_on <= ?1 AND c.status IN ({open})
             ORDER BY 3, 1",
            super::overview::APPLICABLE
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([until], |r| {
            let due: NaiveDate = r.get(2)?;
            let id: String = r.get(3)?;
            Ok(Reminder {
                reference: r.get(0)?,
                what: r.get(1)?,
                due,
                overdue: due < today,
                item: format!("{id} {due}"),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
