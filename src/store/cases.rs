//! Cases, their people, rights, tags and timeline.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::deadlines::{self, awaited, check_extension_allowed, deadline_views, recompute, RuleContext};
use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::flow::{combined_outcome, next_status, next_status_under};
use crate::model::{
    Agent, Case, CaseDetail, Deadlines, Event, EventType, Kind, NewCase, NewEvent, Outcome, Person, Regime, Right,
    Status,
};

impl Store {
    /// Stores a new case with its next reference and returns it as stored.
    /// Opens a new case; a request gets the tasks of its rights (see `task::templates_for`).
    pub fn add_case(&mut self, case: &NewCase) -> Result<Case> {
        let reference = self.write(|w| {
            let ctx = RuleContext::load(&w.tx)?;
            insert_case(w, &ctx, case, Opening::WithTasks)
        })?;
        self.case(&reference)
    }

    /// Stores many cases, each with its timeline, in one transaction (demo data, imports).
    pub fn add_cases_with_events(&mut self, cases: &[(NewCase, Vec<NewEvent>)]) -> Result<Vec<String>> {
        self.bulk_write(|w| {
            let ctx = RuleContext::load(&w.tx)?;
            let mut refs = Vec::with_capacity(cases.len());
            for (done, (case, events)) in cases.iter().enumerate() {
                crate::progress::report(crate::progress::Stage::Import, done, cases.len());
                let reference = insert_case(w, &ctx, case, Opening::Record)?;
                for event in events {
                    apply_event(w, &ctx, &reference, event)?;
                }
                refs.push(reference);
            }
            crate::progress::report(crate::progress::Stage::Import, cases.len(), cases.len());
            Ok(refs)
        })
    }

    /// Records a timeline event, moving the case along its status flow.
    pub fn record_event(&mut self, reference: &str, event: &NewEvent) -> Result<CaseDetail> {
        self.write(|w| apply_event(w, &RuleContext::load(&w.tx)?, reference, event))?;
        self.case_detail(reference)
    }

    pub fn case(&self, reference: &str) -> Result<Case> {
        let mut found = read_cases(self.conn(), "WHERE c.reference = ?", vec![Sql::Text(reference.to_string())], "")?;
        found.pop().ok_or_else(|| unknown_reference(reference))
    }

    pub fn case_detail(&self, reference: &str) -> Result<CaseDetail> {
        let case = self.case(reference)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.type, e.occurred_on, e.note, e.recorded_at, e.actor, e.\"right\", e.outcome FROM case_events e
             JOIN cases c ON c.id = e.case_id WHERE c.reference = ?1 ORDER BY e.occurred_on, e.id",
        )?;
        let events: Vec<Event> = stmt
            .query_map([reference], |r| {
                Ok(Event {
                    event_type: r.get(0)?,
                    on: r.get(1)?,
                    note: r.get(2)?,
                    recorded_at: r.get(3)?,
                    actor: r.get(4)?,
                    right: r.get(5)?,
                    outcome: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let case_id: i64 =
            self.conn().query_row("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0))?;
        let schedule = deadline_views(self.conn(), case_id, self.today())?;
        let letters = self.letters(reference)?;
        let (late_reason, late_note) =
            self.conn().query_row("SELECT late_reason, late_note FROM cases WHERE id = ?1", [case_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let late = crate::model::letter_flow::late_answer(&case, &events, &letters, late_reason, late_note);
        Ok(CaseDetail { case, events, schedule, letters, late })
    }
}

pub(super) fn unknown_reference(reference: &str) -> Error {
    Error::not_found(format!("no case with reference {}", crate::model::validate::printable(reference)))
}

const CASE_COLUMNS: &str = "c.reference, c.kind, c.regime, c.channel, c.status, c.received_at, c.received_tz,
    c.received_date, p.name, p.email, p.postal_address, p.phone, p.company, p.relationship, a.name,
    c.agent_proof_received, c.assignee, c.outcome, c.outcome_reason, c.notes, c.updated_at,
    (SELECT json_group_array(\"right\") FROM (SELECT \"right\" FROM case_rights WHERE case_id = c.id ORDER BY position)),
    (SELECT json_group_array(tag) FROM (SELECT tag FROM case_tags WHERE case_id = c.id ORDER BY tag)),
    (SELECT json_group_object(kind, due_on) FROM deadlines WHERE case_id = c.id AND kind <> 'manual'
        AND \"right\" IS NULL),
    (SELECT json_group_array(json_array(\"right\", kind, due_on)) FROM deadlines WHERE case_id = c.id
        AND kind <> 'manual' AND \"right\" IS NOT NULL)";

pub(super) fn read_cases(conn: &Connection, clause: &str, args: Vec<Sql>, tail: &str) -> Result<Vec<Case>> {
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases c JOIN people p ON p.id = c.requester_id
         LEFT JOIN people a ON a.id = c.agent_id {clause} {tail}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), read_case)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_case(r: &Row<'_>) -> rusqlite::Result<Case> {
    let json_col = |i: usize| -> rusqlite::Result<Value> {
        let text: String = r.get(i)?;
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    };
    let deadlines = dates_of_kinds(json_col(23)?.as_object().into_iter().flatten());
    let rights: Vec<crate::model::Right> = serde_json::from_value(json_col(21)?).unwrap_or_default();
    let zone_name: String = r.get(6)?;
    Ok(Case {
        reference: r.get(0)?,
        kind: r.get(1)?,
        regime: r.get(2)?,
        channel: r.get(3)?,
        status: r.get(4)?,
        received_at: r.get(5)?,
        time_zone: zone_name,
        received: r.get(7)?,
        requester: Person {
            name: r.get(8)?,
            email: r.get(9)?,
            postal_address: r.get(10)?,
            phone: r.get(11)?,
            company: r.get(12)?,
            relationship: r.get(13)?,
        },
        agent: r.get::<_, Option<String>>(14)?.map(|name| Agent { name, proof_received: None }),
        assignee: r.get(16)?,
        outcome: r.get(17)?,
        outcome_reason: r.get(18)?,
        notes: r.get(19)?,
        updated_at: r.get(20)?,
        deadlines_by_right: by_right(&rights, &deadlines, &json_col(24)?),
        rights,
        tags: serde_json::from_value(json_col(22)?).unwrap_or_default(),
        deadlines,
    })
    .and_then(|mut case| {
        if let Some(agent) = case.agent.as_mut() {
            agent.proof_received = r.get(15)?;
        }
        Ok(case)
    })
}

/// Dates named by deadline kind (`respond`, …) as the `Deadlines` of a case or right.
fn dates_of_kinds<'a>(pairs: impl Iterator<Item = (&'a String, &'a Value)>) -> Deadlines {
    let mut d = Deadlines::default();
    for (kind, value) in pairs {
        let date = value.as_str().and_then(|v| v.parse().ok());
        match kind.as_str() {
            "acknowledge" => d.acknowledge_by = date,
            "respond" => d.respond_by = date,
            "extension-notice" => d.extension_notice_by = date,
            "extended-respond" => d.extended_respond_by = date,
            "risk" => d.risk_from = date,
            _ => {}
        }
    }
    d
}

/// Each right's dates: its own rows where the rights run on different clocks; otherwise the case's.
fn by_right(rights: &[crate::model::Right], headline: &Deadlines, rows: &Value) -> BTreeMap<String, Deadlines> {
    let mut own: BTreeMap<String, serde_json::Map<String, Value>> = BTreeMap::new();
    for row in rows.as_array().into_iter().flatten() {
        if let (Some(right), Some(kind)) = (row[0].as_str(), row[1].as_str()) {
            own.entry(right.to_string()).or_default().insert(kind.to_string(), row[2].clone());
        }
    }
    rights
        .iter()
        .map(|r| {
            let dates = own.get(r.as_str()).map_or_else(|| headline.clone(), |m| dates_of_kinds(m.iter()));
            (r.to_string(), dates)
        })
        .collect()
}

pub(super) fn insert_person(w: &Write<'_>, p: &Person) -> Result<i64> {
    w.tx.run(
        "INSERT INTO people (name, email, postal_address, phone, company, relationship) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.name, p.email, p.postal_address, p.phone, p.company, p.relationship],
    )?;
    Ok(w.tx.last_insert_rowid())
}

/// Takes the next serial for the case's kind and receipt year: `DSR-2026-0001`.
fn next_reference(w: &Write<'_>, kind: Kind, year: i32) -> Result<String> {
    let prefix = kind.reference_prefix();
    let serial: i64 = w.tx.one(
        "INSERT INTO reference_counters (prefix, year, next) VALUES (?1, ?2, 2)
         ON CONFLICT (prefix, year) DO UPDATE SET next = next + 1 RETURNING next - 1",
        params![prefix, year],
        |r| r.get(0),
    )?;
    Ok(format!("{prefix}-{year}-{serial:04}"))
}

/// Stores a new case (indexed for search when the write closes) and returns its reference.
/// How a case comes in: opened now (a request gets the tasks of its rights), or as a record of
/// work done elsewhere (demo data, a register imported), which gets none.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Opening {
    WithTasks,
    Record,
}

pub(super) fn insert_case(w: &mut Write<'_>, ctx: &RuleContext, case: &NewCase, opening: Opening) -> Result<String> {
    use chrono::Datelike;
    let dates = deadlines::new_case_dates(ctx, w.today, case)?;
    let reference = next_reference(w, case.kind, case.received.date.year())?;
    let requester_id = insert_person(w, &case.requester)?;
    let agent_id = match &case.agent {
        Some(a) => Some(insert_person(w, &Person { name: a.name.clone(), ..Person::default() })?),
        None => None,
    };
    w.tx.run(
        "INSERT INTO cases (reference, kind, regime, channel, received_at, received_tz, received_date, status,
             requester_id, agent_id, agent_proof_received, assignee, notes, created_at, updated_at, due_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
        params![
            reference,
            case.kind,
            case.regime,
            case.channel,
            case.received.at,
            case.received.zone.name(),
            case.received.date,
            requester_id,
            agent_id,
            case.agent.as_ref().and_then(|a| a.proof_received),
            case.assignee,
            case.notes,
            w.now,
            dates.due_on,
        ],
    )?;
    let case_id = w.tx.last_insert_rowid();
    for (position, right) in case.rights.iter().enumerate() {
        w.tx.run(
            "INSERT INTO case_rights (case_id, position, \"right\") VALUES (?1, ?2, ?3)",
            params![case_id, position as i64, right],
        )?;
    }
    for tag in &case.tags {
        w.tx.run("INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?1, ?2)", params![case_id, tag])?;
    }
    let mut changes = json!({
        "kind": [null, case.kind], "regime": [null, case.regime], "rights": [null, case.rights],
        "channel": [null, case.channel], "received_at": [null, case.received.at],
        "time_zone": [null, case.received.zone.name()], "status": [null, Status::New],
        "requester": [null, case.requester], "agent": [null, case.agent.as_ref().map(|a| &a.name)],
        "assignee": [null, case.assignee], "notes": [null, case.notes], "tags": [null, case.tags],
    });
    changes.as_object_mut().expect("an object").extend(deadlines::store_new(w, case_id, &dates)?);
    if opening == Opening::WithTasks && case.kind == Kind::Request {
        let made = super::tasks::from_templates(w, ctx, case_id, &case.rights)?;
        if made > 0 {
            changes["tasks"] = json!([null, made]);
        }
    }
    w.audit("case.add", Some(&reference), changes)?;
    w.index_new(case_id);
    Ok(reference)
}

/// The columns an event reads before it changes a case.
type CaseState = (i64, Kind, Regime, Status, NaiveDate, Option<Outcome>, Option<String>);

/// What was recorded for single rights: those answered, and those closed with outcome and reason.
type PerRight = (BTreeSet<Right>, Vec<(Right, Outcome, Option<String>)>);

fn per_right_events(w: &Write<'_>, case_id: i64) -> Result<PerRight> {
    let mut stmt = w.tx.prepare_cached(
        "SELECT \"right\", type, outcome, note FROM case_events
         WHERE case_id = ?1 AND \"right\" IS NOT NULL AND type IN ('responded', 'closed') ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((r.get::<_, Right>(0)?, r.get::<_, EventType>(1)?, r.get::<_, Option<Outcome>>(2)?, r.get(3)?))
    })?;
    let (mut answered, mut closed) = (BTreeSet::new(), Vec::new());
    for row in rows {
        let (right, event_type, outcome, note) = row?;
        answered.insert(right);
        if let (EventType::Closed, Some(outcome)) = (event_type, outcome) {
            closed.push((right, outcome, note));
        }
    }
    Ok((answered, closed))
}

/// Records `event` on the case (reindexed when it moves the case's status, one of the facets the
/// search index holds).
pub(super) fn apply_event(w: &mut Write<'_>, ctx: &RuleContext, reference: &str, event: &NewEvent) -> Result<()> {
    let row: Option<CaseState> =
        w.tx.one(
            "SELECT id, kind, regime, status, received_date, outcome, outcome_reason FROM cases WHERE reference = ?1",
            [reference],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let (case_id, kind, regime, status, received, old_outcome, old_reason) =
        row.ok_or_else(|| unknown_reference(reference))?;
    let mut new_status = next_status_under(regime, status, event.event_type)?;
    if event.on < received {
        return Err(Error::invalid_field(
            "on",
            format!("{reference}: an event cannot be dated before the case was received ({received})"),
        ));
    }
    let rights: Vec<Right> =
        w.tx.prepare_cached("SELECT \"right\" FROM case_rights WHERE case_id = ?1 ORDER BY position")?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    if let Some(right) = event.right {
        if kind != Kind::Request || !rights.contains(&right) {
            let known: Vec<&str> = rights.iter().map(|r| r.as_str()).collect();
            return Err(Error::invalid_field(
                "right",
                format!("{reference} has no right {right} (its rights: {})", known.join(", ")),
            ));
        }
    }
    let (mut outcome, mut reason) = match event.event_type {
        EventType::Closed => {
            if event.outcome.is_none() && kind != Kind::Correspondence {
                return Err(Error::invalid_field("outcome", format!("{reference}: closing a {kind} needs an outcome")));
            }
            (event.outcome, event.reason.clone())
        }
        EventType::Rejected => (Some(event.outcome.unwrap_or(Outcome::Denied)), event.reason.clone()),
        EventType::Withdrawn => (Some(Outcome::Withdrawn), event.reason.clone()),
        _ => (old_outcome, old_reason.clone()),
    };
    if event.event_type == EventType::Extended {
        check_extension_allowed(w, ctx, case_id, event.right, event.on)
            .map_err(|e| Error { message: format!("{reference}: {}", e.message), ..e })?;
    }
    let answers = [EventType::IdReceived, EventType::ClarificationReceived, EventType::FeeReceived];
    if answers.contains(&event.event_type) && !awaited(&w.tx, case_id)?.contains(&event.event_type) {
        let what = event.event_type.as_str().trim_end_matches("-received");
        return Err(Error::transition(format!("{reference}: no request for {what} is awaiting an answer")));
    }
    let (answered_before, _) = per_right_events(w, case_id)?;
    if let Some(right) = event.right.filter(|_| event.event_type != EventType::Extended) {
        if answered_before.contains(&right) {
            return Err(Error::transition(format!("{reference}: {right} was already {}", event.event_type)));
        }
    }
    let note = event.note.clone().or_else(|| event.reason.clone());
    w.tx.run(
        "INSERT INTO case_events (case_id, type, occurred_on, note, actor, recorded_at, \"right\", outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case_id,
            event.event_type,
            event.on,
            note,
            w.actor,
            w.now,
            event.right,
            event
                .outcome
                .filter(|_| event.event_type == EventType::Closed)
                .or(outcome.filter(|_| event.event_type == EventType::Rejected))
        ],
    )?;
    // Several things can be awaited at once: the case waits until the last of them arrives.
    let counts_fee = regime == Regime::UkGdpr;
    let still_awaited = |awaited: &[EventType]| awaited.iter().any(|e| *e != EventType::FeeReceived || counts_fee);
    if new_status == Status::InProgress && still_awaited(&awaited(&w.tx, case_id)?) {
        new_status = Status::AwaitingInformation;
    }
    // One right answered or closed: the case follows once every right is.
    if event.right.is_some() && matches!(event.event_type, EventType::Responded | EventType::Closed) {
        let (answered, closed) = per_right_events(w, case_id)?;
        let every = |set: &dyn Fn(&Right) -> bool| rights.iter().all(set);
        if every(&|r| closed.iter().any(|(c, _, _)| c == r)) {
            new_status = Status::Closed;
            let outcomes: Vec<Outcome> = closed.iter().map(|(_, o, _)| *o).collect();
            outcome = combined_outcome(&outcomes);
            let reasons: Vec<String> =
                closed.iter().filter_map(|(r, _, why)| why.as_ref().map(|why| format!("{r}: {why}"))).collect();
            reason = (!reasons.is_empty()).then(|| reasons.join("; "));
        } else if every(&|r| answered.contains(r)) {
            new_status = next_status(status, EventType::Responded).unwrap_or(status);
        } else {
            new_status = status;
            (outcome, reason) = (old_outcome, old_reason.clone());
        }
    }
    w.tx.run(
        "UPDATE cases SET status = ?1, outcome = ?2, outcome_reason = ?3, updated_at = ?4 WHERE id = ?5",
        params![new_status, outcome, reason, w.now, case_id],
    )?;
    let mut changes = json!({ "event": [null, event.event_type], "on": [null, event.on], "note": [null, note] });
    if let Some(right) = event.right {
        changes["right"] = json!([null, right]);
    }
    if new_status != status {
        changes["status"] = json!([status, new_status]);
    }
    if outcome != old_outcome || reason != old_reason {
        changes["outcome"] = json!([old_outcome, outcome]);
        changes["outcome_reason"] = json!([old_reason, reason]);
    }
    changes.as_object_mut().expect("an object").extend(recompute(w, ctx, case_id)?);
    w.audit("case.event", Some(reference), changes)?;
    if new_status != status {
        w.reindex(case_id);
    }
    Ok(())
}
