//! Storing each case's computed deadlines: recomputed, with their basis, in the same transaction
//! as every change that can move them, and the change recorded in that write's audit record.
//!
//! A request's rights can run on different clocks (a CCPA *know* has 45 days, an *opt-out* 15
//! business days), so each right of a request with several rights keeps its own rows; the rows
//! without a right are the case's headline: for each kind, the earliest date still open.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use super::sql::CachedSql;
use super::Write;
use crate::error::{Error, ErrorKind, Result};
use crate::model::case::NewCase;
use crate::model::{flow::OPEN, DeadlineView, DueState, EventType, Kind, OrganisationProfile, Regime, Right, Status};
use crate::rules::calendar::WorkingDays;
use crate::rules::regimes::rule_for;
use crate::rules::{check_extension, compute, Deadline, Facts, Schedule, Settings, Wait};

/// The version of the deadline rules; a database whose open cases were computed by an older one
/// has them recomputed once when opened, audited with every date that moved.
pub const RULES_VERSION: u32 = 2;

/// What the rules need from the database that is the same for every case in a write.
pub(super) struct RuleContext {
    profile: OrganisationProfile,
    closures: BTreeSet<NaiveDate>,
}

impl RuleContext {
    pub fn load(conn: &Connection) -> Result<RuleContext> {
        let json: String = conn.one("SELECT value FROM settings WHERE key = 'profile'", [], |r| r.get(0))?;
        let profile = serde_json::from_str(&json)
            .map_err(|_| Error::new(ErrorKind::Incompatible, "the stored profile is damaged"))?;
        let mut stmt = conn.prepare_cached("SELECT day FROM office_closures")?;
        let closures = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(RuleContext { profile, closures })
    }

    /// The office's working days for a regime: its holiday calendar and closure days.
    pub fn working_days(&self, regime: Regime) -> WorkingDays<'_> {
        WorkingDays::new(self.profile.calendar_for(regime), &self.closures)
    }

    pub fn profile(&self) -> &OrganisationProfile {
        &self.profile
    }

    fn settings(&self, regime: Regime) -> Settings<'_> {
        Settings {
            days: WorkingDays::new(self.profile.calendar_for(regime), &self.closures),
            eu_suspension: self.profile.eu_suspension,
            ccpa_roll: self.profile.ccpa_weekend_roll,
            appi_target_days: self.profile.appi_target_days,
            complaint_target_days: self.profile.complaint_target_days,
        }
    }
}

/// A case as the rules see it, plus what has already been done, for the case and for each right.
struct CaseFacts {
    kind: Kind,
    status: Status,
    rights: Vec<Right>,
    /// The facts shared by every right (receipt, waits); `right` and `extended_on` unset.
    facts: Facts,
    extended: Option<NaiveDate>,
    extended_right: BTreeMap<Right, NaiveDate>,
    acknowledged: Option<NaiveDate>,
    answered: Option<NaiveDate>,
    answered_right: BTreeMap<Right, NaiveDate>,
}

impl CaseFacts {
    /// A case as received: nothing done yet.
    fn received(kind: Kind, status: Status, regime: Regime, received: NaiveDate, rights: Vec<Right>) -> CaseFacts {
        CaseFacts {
            kind,
            status,
            rights,
            facts: Facts { kind, ..Facts::request(regime, None, received) },
            extended: None,
            extended_right: BTreeMap::new(),
            acknowledged: None,
            answered: None,
            answered_right: BTreeMap::new(),
        }
    }

    /// The facts for one right: its own extension, or the whole case's where its rule allows one.
    fn for_right(&self, right: Option<Right>) -> Facts {
        let extendable = rule_for(self.facts.regime, right).extended.is_some();
        let own = right.and_then(|r| self.extended_right.get(&r).copied());
        Facts { right, extended_on: own.or(self.extended.filter(|_| extendable)), ..self.facts.clone() }
    }

    fn answered(&self, right: Option<Right>) -> Option<NaiveDate> {
        let own = right.and_then(|r| self.answered_right.get(&r).copied());
        [own, self.answered].into_iter().flatten().min()
    }

    /// The rights the clocks run for: each right of a request; one unnamed clock for a complaint.
    fn clocks(&self) -> Vec<Option<Right>> {
        if self.kind == Kind::Request && !self.rights.is_empty() {
            self.rights.iter().copied().map(Some).collect()
        } else {
            vec![None]
        }
    }
}

fn load_facts(conn: &Connection, case_id: i64) -> Result<CaseFacts> {
    let (kind, status, regime, received): (Kind, Status, Regime, NaiveDate) =
        conn.one("SELECT kind, status, regime, received_date FROM cases WHERE id = ?1", [case_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let rights: Vec<Right> = conn
        .prepare_cached("SELECT \"right\" FROM case_rights WHERE case_id = ?1 ORDER BY position")?
        .query_map([case_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut c = CaseFacts::received(kind, status, regime, received, rights);
    // In the order recorded: the status flow makes that the logical order, so a date that
    // contradicts it (an answer dated before its question) is caught by the rules.
    let mut stmt =
        conn.prepare_cached("SELECT type, occurred_on, \"right\" FROM case_events WHERE case_id = ?1 ORDER BY id")?;
    let events = stmt.query_map([case_id], |r| {
        Ok((r.get::<_, EventType>(0)?, r.get::<_, NaiveDate>(1)?, r.get::<_, Option<Right>>(2)?))
    })?;
    let first = |slot: &mut Option<NaiveDate>, on| *slot = slot.or(Some(on));
    for event in events {
        let (event_type, on, right) = event?;
        match (event_type, right) {
            (EventType::IdRequested, _) => c.facts.identity.push(Wait { asked: on, answered: None }),
            (EventType::ClarificationRequested, _) => c.facts.clarification.push(Wait { asked: on, answered: None }),
            (EventType::FeeRequested, _) => c.facts.fee.push(Wait { asked: on, answered: None }),
            (EventType::IdReceived, _) => answer(&mut c.facts.identity, on),
            (EventType::ClarificationReceived, _) => answer(&mut c.facts.clarification, on),
            (EventType::FeeReceived, _) => answer(&mut c.facts.fee, on),
            (EventType::Extended, Some(r)) => {
                c.extended_right.entry(r).or_insert(on);
            }
            (EventType::Extended, None) => first(&mut c.extended, on),
            (EventType::Acknowledged, _) => first(&mut c.acknowledged, on),
            (EventType::Responded | EventType::Closed, Some(r)) => {
                c.answered_right.entry(r).or_insert(on);
            }
            (EventType::Responded | EventType::Closed | EventType::Rejected | EventType::Withdrawn, _) => {
                first(&mut c.answered, on)
            }
            (EventType::Note, _) => {}
        }
    }
    Ok(c)
}

fn answer(waits: &mut [Wait], on: NaiveDate) {
    if let Some(open) = waits.iter_mut().rev().find(|w| w.answered.is_none()) {
        open.answered = Some(on);
    }
}

/// What is still awaited from the person, by the event that would answer it.
pub(super) fn awaited(conn: &Connection, case_id: i64) -> Result<Vec<EventType>> {
    let c = load_facts(conn, case_id)?;
    let open = |waits: &[Wait]| waits.iter().any(|w| w.answered.is_none());
    let mut awaited = Vec::new();
    for (waits, answer) in [
        (&c.facts.identity, EventType::IdReceived),
        (&c.facts.clarification, EventType::ClarificationReceived),
        (&c.facts.fee, EventType::FeeReceived),
    ] {
        if open(waits) {
            awaited.push(answer);
        }
    }
    Ok(awaited)
}

/// Refuses an extension that the regime does not allow for the right (or for any right of the
/// case, when none is named), a second one, or one after the notice date.
pub(super) fn check_extension_allowed(
    w: &Write<'_>,
    ctx: &RuleContext,
    case_id: i64,
    right: Option<Right>,
    on: NaiveDate,
) -> Result<()> {
    let c = load_facts(&w.tx, case_id)?;
    if c.kind != Kind::Request {
        return Ok(());
    }
    let settings = ctx.settings(c.facts.regime);
    let rights: Vec<Option<Right>> = match right {
        Some(r) => vec![Some(r)],
        None => {
            let extendable: Vec<Option<Right>> =
                c.clocks().into_iter().filter(|r| rule_for(c.facts.regime, *r).extended.is_some()).collect();
            if extendable.is_empty() {
                c.clocks().into_iter().take(1).collect()
            } else {
                extendable
            }
        }
    };
    for r in rights {
        let mut facts = c.for_right(r);
        if right.is_some() && facts.extended_on.is_none() {
            facts.extended_on = c.extended; // a right-wide extension already covers it
        }
        check_extension(&facts, &settings, on, w.today)?;
    }
    Ok(())
}

/// One right's schedule and what was done about it.
struct Clock {
    right: Option<Right>,
    schedule: Schedule,
    extended: bool,
    acknowledged: Option<NaiveDate>,
    answered: Option<NaiveDate>,
    extension_met: Option<NaiveDate>,
}

impl Clock {
    fn rows(&self) -> [(&'static str, Option<&Deadline>, Option<NaiveDate>); 5] {
        let s = &self.schedule;
        [
            ("acknowledge", s.acknowledge_by.as_ref(), self.acknowledged.or(self.answered)),
            ("respond", Some(&s.respond_by), self.answered),
            ("extension-notice", s.extension_notice_by.as_ref(), self.extension_met.or(self.answered)),
            ("extended-respond", s.extended_respond_by.as_ref(), self.answered),
            ("risk", s.risk_from.as_ref(), self.answered),
        ]
    }
}

/// Recomputes and stores a case's deadlines; returns the changed dates as `{kind: [before, after]}`
/// (`{right.kind: …}` for one right's own dates).
pub(super) fn recompute(w: &Write<'_>, ctx: &RuleContext, case_id: i64) -> Result<Map<String, Value>> {
    let before = stored_dates(&w.tx, case_id)?;
    w.tx.run("DELETE FROM deadlines WHERE case_id = ?1 AND kind <> 'manual'", [case_id])?;
    let dates = Dates::of(&load_facts(&w.tx, case_id)?, ctx, w.today)?;
    dates.insert(w, case_id)?;
    w.tx.run("UPDATE cases SET due_on = ?1 WHERE id = ?2", params![dates.due_on, case_id])?;
    super::tasks::redate(w, ctx, case_id)?;
    Ok(dates.changes_from(&before))
}

/// The dates of a new case, computed before it is stored so that its row holds its due date.
pub(super) fn new_case_dates(ctx: &RuleContext, today: NaiveDate, case: &NewCase) -> Result<Dates> {
    let c = CaseFacts::received(case.kind, Status::New, case.regime, case.received.date, case.rights.clone());
    Dates::of(&c, ctx, today)
}

/// Stores the dates of a case this write stored (it has none to replace, nor tasks to date yet);
/// returns them as changes from none.
pub(super) fn store_new(w: &Write<'_>, case_id: i64, dates: &Dates) -> Result<Map<String, Value>> {
    dates.insert(w, case_id)?;
    Ok(dates.changes_from(&BTreeMap::new()))
}

/// A case's computed dates: the rows to store (each right's own when it has several, then the
/// headline of each kind) and the case's due date.
pub(super) struct Dates {
    rows: Vec<DateRow>,
    pub due_on: Option<NaiveDate>,
}

struct DateRow {
    right: Option<Right>,
    kind: &'static str,
    due: NaiveDate,
    basis: String,
    met: Option<NaiveDate>,
}

impl Dates {
    fn of(c: &CaseFacts, ctx: &RuleContext, today: NaiveDate) -> Result<Dates> {
        let mut dates = Dates { rows: Vec::new(), due_on: None };
        if c.kind == Kind::Correspondence {
            return Ok(dates);
        }
        let settings = ctx.settings(c.facts.regime);
        let mut clocks = Vec::new();
        for right in c.clocks() {
            let facts = c.for_right(right);
            let schedule = compute(&facts, &settings, today).map_err(|e| match right {
                Some(r) if c.rights.len() > 1 => Error { message: format!("{r}: {}", e.message), ..e },
                _ => e,
            })?;
            clocks.push(Clock {
                right,
                extended: facts.extended_on.is_some(),
                extension_met: facts.extended_on,
                acknowledged: c.acknowledged,
                answered: c.answered(right),
                schedule,
            });
        }
        let mut row = |right, kind, d: &Deadline, basis, met| {
            dates.rows.push(DateRow { right, kind, due: d.date, basis, met });
        };
        let several = clocks.len() > 1;
        if several {
            for clock in &clocks {
                for (kind, d, met) in clock.rows() {
                    if let Some(d) = d {
                        row(clock.right, kind, d, d.basis_text(), met);
                    }
                }
            }
        }
        for (i, kind) in ["acknowledge", "respond", "extension-notice", "extended-respond", "risk"].iter().enumerate() {
            let candidates: Vec<(&Clock, &Deadline, Option<NaiveDate>)> = clocks
                .iter()
                .filter(|c| i != 3 || c.extended || !clocks.iter().any(|c| c.extended))
                .filter_map(|c| {
                    let (_, d, met) = c.rows()[i];
                    d.map(|d| (c, d, met))
                })
                .collect();
            if let Some((clock, d, met)) = headline(&candidates) {
                let basis = match clock.right.filter(|_| several) {
                    Some(r) => format!("{r}: {}", d.basis_text()),
                    None => d.basis_text(),
                };
                row(None, kind, d, basis, met);
            }
        }
        if OPEN.contains(&c.status) {
            let current = |c: &Clock| c.schedule.current_response(c.extended).date;
            let open = clocks.iter().filter(|c| c.answered.is_none()).map(current).min();
            dates.due_on = open.or_else(|| clocks.iter().map(current).min());
        }
        Ok(dates)
    }

    fn insert(&self, w: &Write<'_>, case_id: i64) -> Result<()> {
        for r in &self.rows {
            w.tx.run(
                "INSERT INTO deadlines (case_id, \"right\", kind, due_on, basis, met_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![case_id, r.right, r.kind, r.due, r.basis, r.met],
            )?;
        }
        Ok(())
    }

    /// The changes from `before` (as `stored_dates` reads them) to these dates.
    fn changes_from(&self, before: &BTreeMap<String, NaiveDate>) -> Map<String, Value> {
        let after: BTreeMap<String, NaiveDate> =
            self.rows.iter().map(|r| (date_key(r.right.map(Right::as_str), r.kind), r.due)).collect();
        let mut changes = Map::new();
        for kind in before.keys().chain(after.keys()).collect::<BTreeSet<_>>() {
            let (b, a) = (before.get(kind), after.get(kind));
            if b != a {
                changes.insert(format!("deadline.{kind}"), json!([b, a]));
            }
        }
        changes
    }
}

/// The headline among the rights' dates of one kind: the earliest still open; when every one is
/// met, the one met last.
fn headline<'c>(
    candidates: &[(&'c Clock, &'c Deadline, Option<NaiveDate>)],
) -> Option<(&'c Clock, &'c Deadline, Option<NaiveDate>)> {
    let open = candidates.iter().filter(|(_, _, met)| met.is_none()).min_by_key(|(_, d, _)| d.date);
    open.or_else(|| candidates.iter().max_by_key(|(_, d, met)| (*met, d.date))).copied()
}

fn stored_dates(conn: &Connection, case_id: i64) -> Result<BTreeMap<String, NaiveDate>> {
    let mut stmt =
        conn.prepare_cached("SELECT \"right\", kind, due_on FROM deadlines WHERE case_id = ?1 AND kind <> 'manual'")?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((date_key(r.get::<_, Option<String>>(0)?.as_deref(), &r.get::<_, String>(1)?), r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How the audit trail names a date: its kind, after its right's name when it is one right's own
/// (`respond`, `access.respond`).
fn date_key(right: Option<&str>, kind: &str) -> String {
    match right {
        Some(right) => format!("{right}.{kind}"),
        None => kind.to_string(),
    }
}

pub(super) fn deadline_views(conn: &Connection, case_id: i64, today: NaiveDate) -> Result<Vec<DeadlineView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.due_on, d.met_on, d.basis, d.id, d.label, d.\"right\" FROM deadlines d
         LEFT JOIN case_rights r ON r.case_id = d.case_id AND r.\"right\" = d.\"right\"
         WHERE d.case_id = ?1
         ORDER BY d.\"right\" IS NOT NULL, r.position,
                  CASE d.kind WHEN 'acknowledge' THEN 0 WHEN 'respond' THEN 1 WHEN 'extension-notice' THEN 2
                              WHEN 'extended-respond' THEN 3 WHEN 'risk' THEN 4 ELSE 5 END, d.due_on",
    )?;
    let mut extended_stmt =
        conn.prepare_cached("SELECT \"right\" FROM case_events WHERE case_id = ?1 AND type = 'extended'")?;
    let extended: Vec<Option<Right>> =
        extended_stmt.query_map([case_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let rows = stmt.query_map([case_id], |r| {
        let kind: String = r.get(0)?;
        let due: NaiveDate = r.get(1)?;
        let met_on: Option<NaiveDate> = r.get(2)?;
        let right: Option<Right> = r.get(6)?;
        let was_extended = extended.iter().any(|e| e.is_none() || right.is_none() || *e == right);
        Ok(DeadlineView {
            id: r.get(4)?,
            label: r.get(5)?,
            conditional: kind == "extended-respond" && !was_extended,
            kind,
            right,
            due,
            state: DueState::of(due, met_on.is_some(), today),
            met_on,
            basis: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recomputes every open request and complaint, after a change to the calendars, closure days,
/// settings or rules; returns `{reference: {kind: [before, after]}}` for the cases whose dates moved.
pub(super) fn recompute_open(w: &Write<'_>) -> Result<Map<String, Value>> {
    let ctx = RuleContext::load(&w.tx)?;
    let sql = format!(
        "SELECT id, reference FROM cases WHERE kind IN ('request', 'complaint') AND status IN ({})",
        super::sql_list(OPEN)
    );
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

/// Recomputes the open cases once when the rules changed since they were computed, in one audited
/// write that lists every date that moved. Returns how many cases moved.
pub(super) fn bring_rules_up_to_date(store: &mut super::Store) -> Result<usize> {
    let stored: Option<u32> = store
        .conn()
        .query_row("SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'deadline_rules'", [], |r| r.get(0))
        .ok();
    if stored.is_some_and(|v| v >= RULES_VERSION) {
        return Ok(0);
    }
    store.write(|w| {
        let moved = recompute_open(w)?;
        mark_rules_current(w)?;
        let n = moved.len();
        w.audit(
            "deadlines.recompute",
            None,
            json!({ "rules": [stored, RULES_VERSION], "why": "the deadline rules changed", "moved": moved }),
        )?;
        Ok(n)
    })
}

/// Records that the stored dates follow the current rules (a new database, or after recomputing).
pub(super) fn mark_rules_current(w: &Write<'_>) -> Result<()> {
    w.tx.run(
        "INSERT INTO settings (key, value) VALUES ('deadline_rules', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [RULES_VERSION.to_string()],
    )?;
    Ok(())
}
