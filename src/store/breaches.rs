//! The breach register: breaches with their authorities, notifications and timeline, each change
//! one audited write; their clocks computed by `rules::breach` and met by the notifications made.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::breach::{Audience, BreachEventKind, NewBreach, NewNotice, NoticeMethod, Phase, Risk};
use crate::model::{PartyKind, Regime};
use crate::rules::breach::{clocks, Authority, BreachFacts, Clock};

/// A breach as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breach {
    pub reference: String,
    pub aware_at: DateTime<Utc>,
    pub time_zone: String,
    pub regimes: Vec<Regime>,
    pub description: String,
    pub occurred_from: Option<DateTime<Utc>>,
    pub occurred_to: Option<DateTime<Utc>>,
    pub discovered_how: String,
    pub data_categories: Vec<String>,
    pub subject_categories: Vec<String>,
    pub counts: BTreeMap<String, u64>,
    pub consequences: String,
    pub measures: String,
    pub risk: Option<Risk>,
    pub risk_reasoning: String,
    pub wrongful_purpose: bool,
    pub contained_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub authorities: Vec<Authority>,
    /// The requests and complaints it caused, by reference.
    pub cases: Vec<String>,
}

/// A notification made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub id: i64,
    pub to: Audience,
    pub party_id: Option<i64>,
    pub party: Option<String>,
    pub phase: Phase,
    pub at: DateTime<Utc>,
    pub method: NoticeMethod,
    pub their_reference: Option<String>,
    pub delay_reasons: Option<String>,
    pub note: String,
}

/// An entry on a breach's own timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachEvent {
    pub kind: BreachEventKind,
    pub at: DateTime<Utc>,
    pub note: String,
}

/// A clock with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockView {
    #[serde(flatten)]
    pub clock: Clock,
    /// Whom it concerns: the authority's name, "the data subjects", …
    pub who: String,
    /// When the notification that met it was made.
    pub met_at: Option<DateTime<Utc>>,
    /// Hours left (negative: overdue) while not met.
    pub hours_left: Option<i64>,
}

impl ClockView {
    pub fn is_open(&self) -> bool {
        self.met_at.is_none()
    }
}

/// A breach with everything recorded on it and its clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachView {
    #[serde(flatten)]
    pub breach: Breach,
    pub notifications: Vec<Notice>,
    pub events: Vec<BreachEvent>,
    pub clocks: Vec<ClockView>,
}

/// One line of the breach list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachSummary {
    pub reference: String,
    pub aware_at: DateTime<Utc>,
    pub time_zone: String,
    pub regimes: Vec<Regime>,
    pub risk: Option<Risk>,
    pub closed_at: Option<DateTime<Utc>>,
    pub description: String,
    /// The soonest clock not yet met.
    pub next: Option<ClockView>,
}

fn unknown(reference: &str) -> Error {
    Error::not_found(format!("no breach with reference {}", crate::model::validate::printable(reference)))
}

fn json_list(v: &str) -> Vec<String> {
    serde_json::from_str(v).unwrap_or_default()
}

/// The authorities a new breach is notified to when none are named: the address book's active
/// authorities under the breach's laws (EEA under the GDPR, the UK's, Japan's).
fn default_authorities(w: &Write<'_>, regimes: &[Regime]) -> Result<Vec<i64>> {
    let parties = super::parties::all(&w.tx)?;
    Ok(parties
        .iter()
        .filter(|p| p.kind == PartyKind::Authority && p.retired_on.is_none())
        .filter(|p| {
            let a = Authority { party_id: 0, name: String::new(), country: p.country.clone() };
            regimes.iter().any(|r| crate::rules::breach::notified_under(*r, &a))
        })
        .filter_map(|p| p.id)
        .collect())
}

impl Store {
    /// Records a new breach; its reference is `BR-<year>-NNNN`.
    pub fn add_breach(&mut self, b: &NewBreach) -> Result<BreachView> {
        let reference = self.write(|w| {
            let year = w.today.format("%Y").to_string();
            let serial: i64 = w.tx.one(
                "INSERT INTO reference_counters (prefix, year, next) VALUES ('BR', ?1, 2)
                 ON CONFLICT (prefix, year) DO UPDATE SET next = next + 1 RETURNING next - 1",
                [&year],
                |r| r.get(0),
            )?;
            let reference = format!("BR-{year}-{serial:04}");
            w.tx.run(
                "INSERT INTO breaches (reference, aware_at, time_zone, occurred_from, occurred_to, discovered_how,
                        description, data_categories, subject_categories, counts, consequences, measures, risk,
                        risk_reasoning, wrongful_purpose, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
                params![
                    reference,
                    b.aware_at,
                    b.time_zone,
                    b.occurred_from,
                    b.occurred_to,
                    b.discovered_how,
                    b.description,
                    serde_json::to_string(&b.data_categories).expect("a list"),
                    serde_json::to_string(&b.subject_categories).expect("a list"),
                    serde_json::to_string(&b.counts).expect("a map"),
                    b.consequences,
                    b.measures,
                    b.risk,
                    b.risk_reasoning,
                    b.wrongful_purpose,
                    w.now
                ],
            )?;
            let id = w.tx.last_insert_rowid();
            for r in &b.regimes {
                w.tx.run("INSERT INTO breach_regimes (breach_id, regime) VALUES (?1, ?2)", params![id, r])?;
            }
            let authorities =
                if b.authorities.is_empty() { default_authorities(w, &b.regimes)? } else { b.authorities.clone() };
            for party in &authorities {
                let p = super::parties::party_in(w, *party, "authority")?;
                if p.kind != PartyKind::Authority {
                    return Err(Error::invalid_field(
                        "authority",
                        format!("party {party} is a {}, not an authority", p.kind),
                    ));
                }
                if p.retired_on.is_some() {
                    return Err(Error::invalid_field("authority", format!("party {party} is retired")));
                }
                w.tx.run("INSERT INTO breach_authorities (breach_id, party_id) VALUES (?1, ?2)", params![id, party])?;
            }
            w.audit(
                "breach.add",
                Some(&reference),
                json!({ "aware_at": [null, b.aware_at], "time_zone": [null, b.time_zone], "regimes": [null, b.regimes],
                        "authorities": [null, authorities], "risk": [null, b.risk], "counts": [null, b.counts] }),
            )?;
            Ok(reference)
        })?;
        self.breach(&reference)
    }

    /// Replaces a breach's facts with `b` (authorities included, each checked); audited field by
    /// field, before and after. A breach with nothing changed is refused.
    pub fn edit_breach(&mut self, reference: &str, b: &NewBreach) -> Result<BreachView> {
        let before = serde_json::to_value(facts_of(&self.breach(reference)?.breach)).expect("serialises");
        let after = serde_json::to_value(b).expect("serialises");
        let mut changes = serde_json::Map::new();
        for (key, value) in after.as_object().expect("an object") {
            if before.get(key) != Some(value) {
                changes.insert(key.clone(), json!([before.get(key), value]));
            }
        }
        if changes.is_empty() {
            return Err(Error::validation(format!("{reference} already says that; nothing to change")));
        }
        self.write(|w| {
            let id = breach_id(w, reference)?;
            w.tx.run(
                "UPDATE breaches SET aware_at = ?2, time_zone = ?3, occurred_from = ?4, occurred_to = ?5,
                        discovered_how = ?6, description = ?7, data_categories = ?8, subject_categories = ?9,
                        counts = ?10, consequences = ?11, measures = ?12, risk = ?13, risk_reasoning = ?14,
                        wrongful_purpose = ?15, updated_at = ?16
                 WHERE id = ?1",
                params![
                    id,
                    b.aware_at,
                    b.time_zone,
                    b.occurred_from,
                    b.occurred_to,
                    b.discovered_how,
                    b.description,
                    serde_json::to_string(&b.data_categories).expect("a list"),
                    serde_json::to_string(&b.subject_categories).expect("a list"),
                    serde_json::to_string(&b.counts).expect("a map"),
                    b.consequences,
                    b.measures,
                    b.risk,
                    b.risk_reasoning,
                    b.wrongful_purpose,
                    w.now
                ],
            )?;
            if changes.contains_key("regimes") {
                w.tx.run("DELETE FROM breach_regimes WHERE breach_id = ?1", [id])?;
                for r in &b.regimes {
                    w.tx.run("INSERT INTO breach_regimes (breach_id, regime) VALUES (?1, ?2)", params![id, r])?;
                }
            }
            if changes.contains_key("authorities") {
                w.tx.run("DELETE FROM breach_authorities WHERE breach_id = ?1", [id])?;
                insert_authorities(w, id, &b.authorities)?;
            }
            // The description and other free text stay out of the audit record: it says which changed.
            for key in ["description", "discovered_how", "consequences", "measures", "risk_reasoning"] {
                if let Some(v) = changes.get_mut(key) {
                    *v = json!("changed");
                }
            }
            w.audit("breach.edit", Some(reference), serde_json::Value::Object(changes))
        })?;
        self.breach(reference)
    }

    /// Records a notification made: to an authority of the breach, the data subjects or the
    /// Attorney General; never before awareness, and one after its clock ran out with the reasons.
    pub fn notify_breach(&mut self, reference: &str, n: &NewNotice) -> Result<BreachView> {
        let before = self.breach(reference)?;
        if n.at < before.breach.aware_at {
            return Err(Error::invalid_field(
                "at",
                format!("{reference}: a notification cannot precede the awareness of the breach"),
            ));
        }
        if let Some(party) = n.party {
            if !before.breach.authorities.iter().any(|a| a.party_id == party) {
                return Err(Error::invalid_field(
                    "party",
                    format!("{reference}: party {party} is not one of the breach's authorities"),
                ));
            }
        }
        let first_to_authority = n.to == Audience::Authority
            && !before.notifications.iter().any(|x| x.party_id == n.party && x.to == Audience::Authority);
        let late = before
            .clocks
            .iter()
            .filter(|c| c.clock.kind == "authority" && c.clock.party_id == n.party && !c.clock.target)
            .find(|c| first_to_authority && n.at > c.clock.due_at);
        if let (Some(clock), None) = (late, &n.delay_reasons) {
            let hours = (n.at - clock.clock.due_at).num_hours();
            return Err(Error::invalid_field(
                "delay_reasons",
                format!(
                    "{reference}: this notification comes {hours} hour(s) after the 72 hours ran out: give the reasons \
                     for the delay ({} Art. 33(1))",
                    if clock.clock.regime == Regime::UkGdpr { "UK GDPR" } else { "GDPR" }
                ),
            ));
        }
        self.write(|w| {
            let id = breach_id(w, reference)?;
            w.tx.run(
                "INSERT INTO breach_notifications (breach_id, audience, party_id, phase, sent_at, method, their_reference,
                        delay_reasons, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![id, n.to, n.party, n.phase, n.at, n.method, n.their_reference, n.delay_reasons, n.note, w.now],
            )?;
            w.tx.run("UPDATE breaches SET updated_at = ?2 WHERE id = ?1", params![id, w.now])?;
            w.audit(
                "breach.notify",
                Some(reference),
                json!({ "notification": [null, { "to": n.to, "party": n.party, "phase": n.phase, "at": n.at,
                        "method": n.method, "their_reference": n.their_reference, "late": late.is_some() }] }),
            )
        })?;
        self.breach(reference)
    }

    /// Records an entry on the breach's timeline: contained, assessed (with the risk and its
    /// reasoning), a note, or closed.
    pub fn breach_event(
        &mut self,
        reference: &str,
        kind: BreachEventKind,
        at: DateTime<Utc>,
        note: &str,
        risk: Option<Risk>,
    ) -> Result<BreachView> {
        let before = self.breach(reference)?;
        if at < before.breach.aware_at && kind != BreachEventKind::Contained {
            return Err(Error::invalid_field(
                "at",
                format!("{reference}: this cannot precede the awareness of the breach"),
            ));
        }
        if before.breach.closed_at.is_some() {
            return Err(Error::transition(format!("{reference} is closed")));
        }
        if kind == BreachEventKind::Assessed && risk.is_none() {
            return Err(Error::invalid_field("risk", "an assessment gives the risk: none, risk or high"));
        }
        self.write(|w| {
            let id = breach_id(w, reference)?;
            w.tx.run(
                "INSERT INTO breach_events (breach_id, kind, at, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, kind, at, note, w.now],
            )?;
            let mut changes = json!({ "event": [null, kind], "at": [null, at] });
            match kind {
                BreachEventKind::Contained => {
                    w.tx.run("UPDATE breaches SET contained_at = ?2 WHERE id = ?1", params![id, at])?;
                }
                BreachEventKind::Closed => {
                    w.tx.run("UPDATE breaches SET closed_on = ?2 WHERE id = ?1", params![id, at])?;
                }
                BreachEventKind::Assessed => {
                    w.tx.run(
                        "UPDATE breaches SET risk = ?2, risk_reasoning = ?3 WHERE id = ?1",
                        params![id, risk, note],
                    )?;
                    changes["risk"] = json!([before.breach.risk, risk]);
                }
                BreachEventKind::Note => {}
            }
            w.tx.run("UPDATE breaches SET updated_at = ?2 WHERE id = ?1", params![id, w.now])?;
            w.audit("breach.event", Some(reference), changes)
        })?;
        self.breach(reference)
    }

    /// Links a request or complaint to the breach that caused it.
    pub fn link_breach(&mut self, reference: &str, case: &str) -> Result<BreachView> {
        self.write(|w| {
            let id = breach_id(w, reference)?;
            let case_id: i64 =
                w.tx.one("SELECT id FROM cases WHERE reference = ?1", [case], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| super::cases::unknown_reference(case))?;
            let added = w
                .tx
                .run("INSERT OR IGNORE INTO breach_cases (breach_id, case_id) VALUES (?1, ?2)", params![id, case_id])?;
            if added == 0 {
                return Err(Error::validation(format!("{case} is already linked to {reference}")));
            }
            w.audit("breach.link", Some(reference), json!({ "case": [null, case] }))
        })?;
        self.breach(reference)
    }

    /// A breach with its notifications, timeline and clocks.
    pub fn breach(&self, reference: &str) -> Result<BreachView> {
        let breach = self.read_breach(reference)?;
        let notifications = self.notices(reference)?;
        let mut events_stmt = self.conn().prepare_cached(
            "SELECT e.kind, e.at, e.note FROM breach_events e JOIN breaches b ON b.id = e.breach_id
             WHERE b.reference = ?1 ORDER BY e.at, e.id",
        )?;
        let events = events_stmt
            .query_map([reference], |r| Ok(BreachEvent { kind: r.get(0)?, at: r.get(1)?, note: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let clocks = self.clocks_of(&breach, &notifications)?;
        Ok(BreachView { breach, notifications, events, clocks })
    }

    /// Every breach, the latest awareness first.
    pub fn breaches(&self) -> Result<Vec<BreachSummary>> {
        let references: Vec<String> = self
            .conn()
            .prepare_cached("SELECT reference FROM breaches ORDER BY aware_at DESC, id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        references
            .iter()
            .map(|r| {
                let v = self.breach(r)?;
                let next = v.clocks.iter().filter(|c| c.is_open()).min_by_key(|c| c.clock.due_at).cloned();
                let b = v.breach;
                Ok(BreachSummary {
                    reference: b.reference,
                    aware_at: b.aware_at,
                    time_zone: b.time_zone,
                    regimes: b.regimes,
                    risk: b.risk,
                    closed_at: b.closed_at,
                    description: b.description,
                    next: if b.closed_at.is_some() { None } else { next },
                })
            })
            .collect()
    }

    /// The clocks not yet met of every open breach, soonest first.
    pub fn open_breach_clocks(&self) -> Result<Vec<(String, ClockView)>> {
        let mut out = Vec::new();
        for s in self.breaches()?.into_iter().filter(|s| s.closed_at.is_none()) {
            let v = self.breach(&s.reference)?;
            out.extend(v.clocks.into_iter().filter(ClockView::is_open).map(|c| (s.reference.clone(), c)));
        }
        out.sort_by_key(|(_, c)| c.clock.due_at);
        Ok(out)
    }

    fn read_breach(&self, reference: &str) -> Result<Breach> {
        let row = self
            .conn()
            .query_row(
                "SELECT id, reference, aware_at, time_zone, occurred_from, occurred_to, discovered_how, description,
                        data_categories, subject_categories, counts, consequences, measures, risk, risk_reasoning,
                        wrongful_purpose, contained_at, closed_on
                 FROM breaches WHERE reference = ?1",
                [reference],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Breach {
                            reference: r.get(1)?,
                            aware_at: r.get(2)?,
                            time_zone: r.get(3)?,
                            regimes: Vec::new(),
                            occurred_from: r.get(4)?,
                            occurred_to: r.get(5)?,
                            discovered_how: r.get(6)?,
                            description: r.get(7)?,
                            data_categories: json_list(&r.get::<_, String>(8)?),
                            subject_categories: json_list(&r.get::<_, String>(9)?),
                            counts: serde_json::from_str(&r.get::<_, String>(10)?).unwrap_or_default(),
                            consequences: r.get(11)?,
                            measures: r.get(12)?,
                            risk: r.get(13)?,
                            risk_reasoning: r.get(14)?,
                            wrongful_purpose: r.get(15)?,
                            contained_at: r.get(16)?,
                            closed_at: r.get(17)?,
                            authorities: Vec::new(),
                            cases: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let (id, mut b) = row.ok_or_else(|| unknown(reference))?;
        b.regimes = self
            .conn()
            .prepare_cached("SELECT regime FROM breach_regimes WHERE breach_id = ?1 ORDER BY rowid")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        b.authorities = self
            .conn()
            .prepare_cached(
                "SELECT p.id, p.name, p.country FROM breach_authorities a JOIN parties p ON p.id = a.party_id
                 WHERE a.breach_id = ?1 ORDER BY p.id",
            )?
            .query_map([id], |r| Ok(Authority { party_id: r.get(0)?, name: r.get(1)?, country: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        b.cases = self
            .conn()
            .prepare_cached(
                "SELECT c.reference FROM breach_cases x JOIN cases c ON c.id = x.case_id WHERE x.breach_id = ?1 ORDER BY c.id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(b)
    }

    fn notices(&self, reference: &str) -> Result<Vec<Notice>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT n.id, n.audience, n.party_id, p.name, n.phase, n.sent_at, n.method, n.their_reference,
                    n.delay_reasons, n.note
             FROM breach_notifications n JOIN breaches b ON b.id = n.breach_id LEFT JOIN parties p ON p.id = n.party_id
             WHERE b.reference = ?1 ORDER BY n.sent_at, n.id",
        )?;
        let rows = stmt.query_map([reference], |r| {
            Ok(Notice {
                id: r.get(0)?,
                to: r.get(1)?,
                party_id: r.get(2)?,
                party: r.get(3)?,
                phase: r.get(4)?,
                at: r.get(5)?,
                method: r.get(6)?,
                their_reference: r.get(7)?,
                delay_reasons: r.get(8)?,
                note: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn clocks_of(&self, b: &Breach, notices: &[Notice]) -> Result<Vec<ClockView>> {
        let facts = BreachFacts {
            aware_at: b.aware_at,
            office_zone: self.zone(),
            regimes: b.regimes.clone(),
            authorities: b.authorities.clone(),
            high_risk: b.risk == Some(Risk::High),
            wrongful_purpose: b.wrongful_purpose,
            california_residents: b.counts.get("US-CA").copied(),
            target_hours: self.profile()?.breach_target_hours,
        };
        let japanese: Vec<i64> = b
            .authorities
            .iter()
            .filter(|a| a.country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("JP")))
            .map(|a| a.party_id)
            .collect();
        let to_ppc = |n: &&Notice| {
            n.to == Audience::Authority && (japanese.is_empty() || n.party_id.is_some_and(|p| japanese.contains(&p)))
        };
        let now = Utc::now();
        Ok(clocks(&facts)
            .into_iter()
            .map(|clock| {
                let met = |n: &&Notice| match clock.kind {
                    "authority" => n.to == Audience::Authority && n.party_id == clock.party_id,
                    "subjects" | "residents" => n.to == Audience::Subjects,
                    "attorney-general" => n.to == Audience::AttorneyGeneral,
                    "appi-preliminary" => to_ppc(n),
                    "appi-final" => to_ppc(n) && n.phase == Phase::Final,
                    _ => false,
                };
                let met_at = notices.iter().filter(met).map(|n| n.at).min();
                let who = match (clock.kind, clock.party_id) {
                    (_, Some(p)) => {
                        b.authorities.iter().find(|a| a.party_id == p).map(|a| a.name.clone()).unwrap_or_default()
                    }
                    ("subjects", _) => "the data subjects".into(),
                    ("residents", _) => "California residents".into(),
                    ("attorney-general", _) => "the California Attorney General".into(),
                    _ => "the Personal Information Protection Commission".into(),
                };
                let hours_left = met_at.is_none().then(|| (clock.due_at - now).num_hours());
                ClockView { clock, who, met_at, hours_left }
            })
            .collect())
    }
}

/// Names the authorities of a breach: each an active authority of the address book.
fn insert_authorities(w: &Write<'_>, id: i64, authorities: &[i64]) -> Result<()> {
    for party in authorities {
        let p = super::parties::party_in(w, *party, "authority")?;
        if p.kind != PartyKind::Authority {
            return Err(Error::invalid_field("authority", format!("party {party} is a {}, not an authority", p.kind)));
        }
        if p.retired_on.is_some() {
            return Err(Error::invalid_field("authority", format!("party {party} is retired")));
        }
        w.tx.run("INSERT INTO breach_authorities (breach_id, party_id) VALUES (?1, ?2)", params![id, party])?;
    }
    Ok(())
}

/// A stored breach's facts in the shape of a new one, to compare a correction with.
fn facts_of(b: &Breach) -> NewBreach {
    NewBreach {
        aware_at: b.aware_at,
        time_zone: b.time_zone.clone(),
        regimes: b.regimes.clone(),
        description: b.description.clone(),
        occurred_from: b.occurred_from,
        occurred_to: b.occurred_to,
        discovered_how: b.discovered_how.clone(),
        data_categories: b.data_categories.clone(),
        subject_categories: b.subject_categories.clone(),
        counts: b.counts.clone(),
        consequences: b.consequences.clone(),
        measures: b.measures.clone(),
        risk: b.risk,
        risk_reasoning: b.risk_reasoning.clone(),
        authorities: b.authorities.iter().map(|a| a.party_id).collect(),
        wrongful_purpose: b.wrongful_purpose,
    }
}

fn breach_id(w: &Write<'_>, reference: &str) -> Result<i64> {
    w.tx.one("SELECT id FROM breaches WHERE reference = ?1", [reference], |r| r.get(0))
        .optional()?
        .ok_or_else(|| unknown(reference))
}
