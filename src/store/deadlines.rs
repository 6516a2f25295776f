//! Storing each case's computed deadlines: recomputed, with their basis, in the same transaction
//! as every change that can move them, and the change recorded in that write's audit record.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use super::Write;
use crate::error::{Error, ErrorKind, Result};
use crate::model::flow::OPEN;
use crate::model::DeadlineView;
use crate::model::{EventType, Kind, OrganisationProfile, Regime, Right, Status};
use crate::rules::calendar::WorkingDays;
use crate::rules::{check_extension, compute, DueState, Facts, Schedule, Settings, Wait};

/// What the rules need from the database that is the same for every case in a write.
pub(super) struct RuleContext {
    profile: OrganisationProfile,
    closures: BTreeSet<NaiveDate>,
}

impl RuleContext {
    pub fn load(conn: &Connection) -> Result<RuleContext> {
        let json: String = conn.query_row("SELECT value FROM settings WHERE key = 'profile'", [], |r| r.get(0))?;
        let profile = serde_json::from_str(&json)
            .map_err(|_| Error::new(ErrorKind::Incompatible, "the stored profile is damaged"))?;
        let mut stmt = conn.prepare_cached("SELECT day FROM office_closures")?;
        let closures = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(RuleContext { profile, closures })
    }

    fn settings(&self, regime: Regime) -> Settings<'_> {
        Settings {
            days: WorkingDays::new(self.profile.calendar_for(regime), &self.closures),
            eu_suspension: self.profile.eu_suspension,
            ccpa_roll: self.profile.ccpa_weekend_roll,
            appi_target_days: self.profile.appi_target_days,
        }
    }
}

/// A case as the rules see it, plus what has already been done.
struct CaseFacts {
    kind: Kind,
    status: Status,
    facts: Facts,
    acknowledged: Option<NaiveDate>,
    answered: Option<NaiveDate>,
}

fn load_facts(conn: &Connection, case_id: i64) -> Result<CaseFacts> {
    let (kind, status, regime, received): (Kind, Status, Regime, NaiveDate) =
        conn.query_row("SELECT kind, status, regime, received_date FROM cases WHERE id = ?1", [case_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let right: Option<Right> = conn
        .prepare_cached("SELECT \"right\" FROM case_rights WHERE case_id = ?1 ORDER BY position LIMIT 1")?
        .query_map([case_id], |r| r.get(0))?
        .next()
        .transpose()?;
    let mut facts =
        Facts { regime, right, received, identity: Vec::new(), clarification: Vec::new(), extended_on: None };
    let (mut acknowledged, mut answered) = (None, None);
    // In the order recorded: the status flow makes that the logical order, so a date that
    // contradicts it (an answer dated before its question) is caught by the rules.
    let mut stmt = conn.prepare_cached("SELECT type, occurred_on FROM case_events WHERE case_id = ?1 ORDER BY id")?;
    let events = stmt.query_map([case_id], |r| Ok((r.get::<_, EventType>(0)?, r.get::<_, NaiveDate>(1)?)))?;
    for event in events {
        let (event_type, on) = event?;
        match event_type {
            EventType::IdRequested => facts.identity.push(Wait { asked: on, answered: None }),
            EventType::ClarificationRequested => facts.clarification.push(Wait { asked: on, answered: None }),
            EventType::IdReceived => answer(&mut facts.identity, on),
            EventType::ClarificationReceived => answer(&mut facts.clarification, on),
            EventType::Extended => facts.extended_on = facts.extended_on.or(Some(on)),
            EventType::Acknowledged => acknowledged = acknowledged.or(Some(on)),
            EventType::Responded | EventType::Closed | EventType::Rejected | EventType::Withdrawn => {
                answered = answered.or(Some(on))
            }
            EventType::Note => {}
        }
    }
    Ok(CaseFacts { kind, status, facts, acknowledged, answered })
}

fn answer(waits: &mut [Wait], on: NaiveDate) {
    if let Some(open) = waits.iter_mut().rev().find(|w| w.answered.is_none()) {
        open.answered = Some(on);
    }
}

/// Refuses an extension that the regime does not allow, a second one, or one after the notice date.
pub(super) fn check_extension_allowed(w: &Write<'_>, ctx: &RuleContext, case_id: i64, on: NaiveDate) -> Result<()> {
    let c = load_facts(&w.tx, case_id)?;
    if c.kind != Kind::Request {
        return Ok(());
    }
    check_extension(&c.facts, &ctx.settings(c.facts.regime), on, w.today.max(on))
}

/// Recomputes and stores a case's deadlines; returns the changed dates as `{kind: [before, after]}`.
pub(super) fn recompute(w: &Write<'_>, ctx: &RuleContext, case_id: i64) -> Result<Map<String, Value>> {
    let c = load_facts(&w.tx, case_id)?;
    let before = stored_dates(&w.tx, case_id)?;
    w.tx.execute("DELETE FROM deadlines WHERE case_id = ?1 AND kind <> 'manual'", [case_id])?;
    let mut due_on = None;
    if c.kind == Kind::Request {
        let schedule = compute(&c.facts, &ctx.settings(c.facts.regime), w.today)?;
        for (kind, deadline, met) in rows(&schedule, &c) {
            w.tx.execute(
                "INSERT INTO deadlines (case_id, kind, due_on, basis, met_on) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![case_id, kind, deadline.date, deadline.basis_text(), met],
            )?;
        }
        if OPEN.contains(&c.status) {
            due_on = Some(schedule.current_response(c.facts.extended_on.is_some()).date);
        }
    }
    w.tx.execute("UPDATE cases SET due_on = ?1 WHERE id = ?2", params![due_on, case_id])?;
    let after = stored_dates(&w.tx, case_id)?;
    let mut changes = Map::new();
    for kind in before.keys().chain(after.keys()).collect::<BTreeSet<_>>() {
        let (b, a) = (before.get(kind), after.get(kind));
        if b != a {
            changes.insert(format!("deadline.{kind}"), json!([b, a]));
        }
    }
    Ok(changes)
}

fn rows<'s>(
    s: &'s Schedule,
    c: &CaseFacts,
) -> impl Iterator<Item = (&'static str, &'s crate::rules::Deadline, Option<NaiveDate>)> {
    [
        ("acknowledge", s.acknowledge_by.as_ref(), c.acknowledged.or(c.answered)),
        ("respond", Some(&s.respond_by), c.answered),
        ("extension-notice", s.extension_notice_by.as_ref(), c.facts.extended_on.or(c.answered)),
        ("extended-respond", s.extended_respond_by.as_ref(), c.answered),
        ("risk", s.risk_from.as_ref(), c.answered),
    ]
    .into_iter()
    .filter_map(|(kind, d, met)| d.map(|d| (kind, d, met)))
}

fn stored_dates(conn: &Connection, case_id: i64) -> Result<BTreeMap<String, NaiveDate>> {
    let mut stmt = conn.prepare_cached("SELECT kind, due_on FROM deadlines WHERE case_id = ?1 AND kind <> 'manual'")?;
    let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn deadline_views(conn: &Connection, case_id: i64, today: NaiveDate) -> Result<Vec<DeadlineView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, due_on, met_on, basis, id, label FROM deadlines WHERE case_id = ?1
         ORDER BY CASE kind WHEN 'acknowledge' THEN 0 WHEN 'respond' THEN 1 WHEN 'extension-notice' THEN 2
                            WHEN 'extended-respond' THEN 3 WHEN 'risk' THEN 4 ELSE 5 END, due_on",
    )?;
    let extended: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM case_events WHERE case_id = ?1 AND type = 'extended')",
        [case_id],
        |r| r.get(0),
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let kind: String = r.get(0)?;
        let due: NaiveDate = r.get(1)?;
        let met_on: Option<NaiveDate> = r.get(2)?;
        Ok(DeadlineView {
            id: r.get(4)?,
            label: r.get(5)?,
            conditional: kind == "extended-respond" && !extended,
            kind,
            due,
            state: DueState::of(due, met_on.is_some(), today),
            met_on,
            basis: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recomputes every open request, after a change to the calendars or closure days; returns
/// `{reference: {kind: [before, after]}}` for the cases whose dates moved.
pub(super) fn recompute_open(w: &Write<'_>) -> Result<Map<String, Value>> {
    let ctx = RuleContext::load(&w.tx)?;
    let sql =
        format!("SELECT id, reference FROM cases WHERE kind = 'request' AND status IN ({})", super::sql_list(OPEN));
    let mut stmt = w.tx.prepare(&sql)?;
    let cases: Vec<(i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut moved = Map::new();
    for (id, reference) in cases {
        let changes = recompute(w, &ctx, id)?;
        if !changes.is_empty() {
            moved.insert(reference, Value::Object(changes));
        }
    }
    Ok(moved)
}
