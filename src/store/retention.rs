//! Retention: closed cases past their regime's retention period lose their personal data, keeping
//! what the statistics need (regime, rights, dates, status, outcome). Legal holds are respected,
//! the preview is the same query, and the purge is one audited transaction.

use chrono::NaiveDate;
use rusqlite::params;
use serde_json::json;

use super::Store;
use crate::error::Result;
use crate::model::{Expired, Regime, RetentionState};
use crate::rules::dates::add_months;

impl Store {
    pub fn retention_state(&self, reference: &str) -> Result<RetentionState> {
        self.conn()
            .query_row("SELECT legal_hold, purged_on FROM cases WHERE reference = ?1", [reference], |r| {
                Ok(RetentionState { legal_hold: r.get(0)?, purged_on: r.get(1)? })
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => crate::error::Error::not_found(format!(
                    "no case with reference {}",
                    crate::model::validate::printable(reference)
                )),
                e => e.into(),
            })
    }

    /// The closed cases past retention and not on legal hold, oldest first: what `purge` would redact.
    pub fn expired_cases(&self) -> Result<Vec<Expired>> {
        let profile = self.profile()?;
        let today = self.today();
        let mut stmt = self.conn().prepare(
            "SELECT c.reference, c.regime,
                    (SELECT max(occurred_on) FROM case_events e WHERE e.case_id = c.id
                       AND e.type IN ('closed', 'rejected', 'withdrawn'))
             FROM cases c
             WHERE c.status IN ('closed', 'rejected', 'withdrawn') AND c.legal_hold = 0 AND c.purged_on IS NULL
             ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Regime>(1)?, r.get::<_, Option<NaiveDate>>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (reference, regime, closed_on) = row?;
            let Some(closed_on) = closed_on else { continue };
            let keep_until = add_months(closed_on, profile.retention_months_for(regime)).0;
            if keep_until < today {
                out.push(Expired { reference, regime, closed_on, keep_until });
            }
        }
        Ok(out)
    }

    /// Redacts the personal data of every expired case; returns them.
    pub fn purge_expired(&mut self) -> Result<Vec<Expired>> {
        let expired = self.expired_cases()?;
        if expired.is_empty() {
            return Ok(expired);
        }
        self.write(|w| {
            for (done, e) in expired.iter().enumerate() {
                crate::progress::report(crate::progress::Stage::Purge, done, expired.len());
                let id: i64 = w.tx.query_row("SELECT id FROM cases WHERE reference = ?1", [&e.reference], |r| r.get(0))?;
                w.tx.execute(
                    "UPDATE people SET name = 'Redacted', email = NULL, postal_address = NULL, phone = NULL, company = NULL
                     WHERE id IN (SELECT requester_id FROM cases WHERE id = ?1 UNION SELECT agent_id FROM cases WHERE id = ?1)",
                    [id],
                )?;
                w.tx.execute("UPDATE cases SET notes = '', purged_on = ?2, updated_at = ?3 WHERE id = ?1", params![id, w.today, w.now])?;
                w.tx.execute("DELETE FROM case_tags WHERE case_id = ?1", [id])?;
                w.tx.execute("UPDATE case_events SET note = NULL WHERE case_id = ?1", [id])?;
                w.tx.execute("UPDATE case_tasks SET evidence = '' WHERE case_id = ?1", [id])?;
                w.tx.execute(
                    "DELETE FROM attachments WHERE correspondence_id IN (SELECT id FROM correspondence WHERE case_id = ?1)",
                    [id],
                )?;
                w.tx.execute("UPDATE correspondence SET subject = '(redacted)', summary = '' WHERE case_id = ?1", [id])?;
                w.tx.execute("UPDATE letters SET pdf = X'' WHERE case_id = ?1", [id])?;
                w.reindex(id);
                w.redact_audit(&e.reference)?;
            }
            crate::progress::report(crate::progress::Stage::Purge, expired.len(), expired.len());
            let refs: Vec<&str> = expired.iter().map(|e| e.reference.as_str()).collect();
            w.audit(super::audit::PURGE_ACTION, None, json!({ "purged": [null, refs] }))?;
            Ok(())
        })?;
        Ok(expired)
    }

    /// Puts a case under legal hold (kept past retention) or releases it.
    pub fn set_legal_hold(&mut self, reference: &str, hold: bool) -> Result<()> {
        self.write(|w| {
            let changed =
                w.tx.execute("UPDATE cases SET legal_hold = ?2 WHERE reference = ?1", params![reference, hold])?;
            if changed == 0 {
                return Err(crate::error::Error::not_found(format!(
                    "no case with reference {}",
                    crate::model::validate::printable(reference)
                )));
            }
            w.audit("case.hold", Some(reference), json!({ "legal_hold": [!hold, hold] }))
        })
    }
}
