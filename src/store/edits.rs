//! Correcting a case after it was opened: its kind and regime, the requester's details, the agent,
//! rights, channel, receipt, assignee, notes and tags (`model::correction` says what the timeline
//! allows). The reference stays. The deadlines are recomputed and the change audited field by
//! field, in one transaction.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Map, Value};

use super::cases::insert_person;
use super::deadlines::{recompute, RuleContext};
use super::sql::CachedSql;
use super::Store;
use crate::error::{Error, Result};
use crate::model::correction::check_correction;
use crate::model::{CaseDetail, NewCase, Person};

impl Store {
    pub fn update_case(&mut self, reference: &str, new: &NewCase) -> Result<CaseDetail> {
        if let Some(purged) = self.retention_state(reference)?.purged_on {
            return Err(Error::validation(format!("{reference}: its personal data was purged on {purged}")));
        }
        let before = self.case_detail(reference)?;
        check_correction(&before.case, &before.events, new)?;
        let before = before.case;
        self.write(|w| {
            let (case_id, requester_id, agent_id): (i64, i64, Option<i64>) = w.tx.one(
                "SELECT id, requester_id, agent_id FROM cases WHERE reference = ?1",
                [reference],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let first_event: Option<NaiveDate> = w
                .tx
                .query_row("SELECT min(occurred_on) FROM case_events WHERE case_id = ?1", [case_id], |r| r.get(0))
                .optional()?
                .flatten();
            if let Some(first) = first_event.filter(|first| *first < new.received.date) {
                return Err(Error::invalid_field(
                    "received",
                    format!("{reference}: the receipt cannot be later than the first event ({first})"),
                ));
            }
            let p = &new.requester;
            w.tx.run(
                "UPDATE people SET name = ?2, email = ?3, postal_address = ?4, phone = ?5, company = ?6, relationship = ?7
                 WHERE id = ?1",
                params![requester_id, p.name, p.email, p.postal_address, p.phone, p.company, p.relationship],
            )?;
            let agent_id = match (agent_id, &new.agent) {
                (Some(id), Some(a)) => {
                    w.tx.run("UPDATE people SET name = ?2 WHERE id = ?1", params![id, a.name])?;
                    Some(id)
                }
                (None, Some(a)) => Some(insert_person(w, &Person { name: a.name.clone(), ..Person::default() })?),
                (_, None) => None,
            };
            w.tx.run(
                "UPDATE cases SET channel = ?2, received_at = ?3, received_tz = ?4, received_date = ?5, agent_id = ?6,
                     agent_proof_received = ?7, assignee = ?8, notes = ?9, updated_at = ?10, kind = ?11, regime = ?12
                 WHERE id = ?1",
                params![
                    case_id,
                    new.channel,
                    new.received.at,
                    new.received.zone.name(),
                    new.received.date,
                    agent_id,
                    new.agent.as_ref().and_then(|a| a.proof_received),
                    new.assignee,
                    new.notes,
                    w.now,
                    new.kind,
                    new.regime
                ],
            )?;
            w.tx.run("DELETE FROM case_rights WHERE case_id = ?1", [case_id])?;
            for (position, right) in new.rights.iter().enumerate() {
                w.tx.run(
                    "INSERT INTO case_rights (case_id, position, \"right\") VALUES (?1, ?2, ?3)",
                    params![case_id, position as i64, right],
                )?;
            }
            w.tx.run("DELETE FROM case_tags WHERE case_id = ?1", [case_id])?;
            for tag in &new.tags {
                w.tx.run("INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?1, ?2)", params![case_id, tag])?;
            }
            let mut changes = Map::new();
            let mut diff = |field: &str, old: Value, new: Value| {
                if old != new {
                    changes.insert(field.to_string(), json!([old, new]));
                }
            };
            diff("kind", json!(before.kind), json!(new.kind));
            diff("regime", json!(before.regime), json!(new.regime));
            diff("requester", json!(before.requester), json!(new.requester));
            diff("agent", json!(before.agent), json!(new.agent));
            diff("rights", json!(before.rights), json!(new.rights));
            diff("channel", json!(before.channel), json!(new.channel));
            diff("received_at", json!(before.received_at), json!(new.received.at));
            diff("time_zone", json!(before.time_zone), json!(new.received.zone.name()));
            diff("assignee", json!(before.assignee), json!(new.assignee));
            diff("notes", json!(before.notes), json!(new.notes));
            let mut tags = new.tags.clone();
            tags.sort();
            tags.dedup();
            diff("tags", json!(before.tags), json!(tags));
            if changes.is_empty() {
                return Err(Error::validation(format!("{reference}: nothing was changed")));
            }
            changes.extend(recompute(w, &RuleContext::load(&w.tx)?, case_id)?);
            w.reindex(case_id);
            w.audit("case.edit", Some(reference), Value::Object(changes))
        })?;
        self.case_detail(reference)
    }
}
