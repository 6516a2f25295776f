//! Reading the breach register: a breach with its notifications, timeline and clocks (computed by
//! `rules::breach`, met by the notifications recorded), the list, and the open clocks.

use chrono::Utc;
use rusqlite::OptionalExtension;

use super::breaches::unknown;
use super::Store;
use crate::error::Result;
use crate::model::breach::{Audience, Phase, Risk};
use crate::model::{Breach, BreachEvent, BreachSummary, BreachView, ClockView, Notice};
use crate::rules::breach::{clocks, Authority, BreachFacts};

impl Store {
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

fn json_list(v: &str) -> Vec<String> {
    serde_json::from_str(v).unwrap_or_default()
}
