//! The breach register: breaches with their authorities, notifications and timeline, each change
//! one audited write (reading them is `breach_reads.rs`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::breach::{Audience, BreachEventKind, NewBreach, NewNotice, Risk};
use crate::model::{Breach, BreachView, ClockView, PartyKind, Regime};
use crate::rules::breach::Authority;

impl ClockView {
    pub fn is_open(&self) -> bool {
        self.met_at.is_none()
    }
}

pub(super) fn unknown(reference: &str) -> Error {
    Error::not_found(format!("no breach with reference {}", crate::model::validate::printable(reference)))
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
                "INSERT INTO breaches (reference, aware_at, time_zone, description, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![reference, b.aware_at, b.time_zone, b.description, w.now],
            )?;
            let id = w.tx.last_insert_rowid();
            write_facts(w, id, b)?;
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
            write_facts(w, id, b)?;
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
}

/// Writes a breach's facts onto its row.
fn write_facts(w: &Write<'_>, id: i64, b: &NewBreach) -> Result<()> {
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
    Ok(())
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
