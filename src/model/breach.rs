//! A personal-data breach as the register keeps it (GDPR/UK GDPR Art. 33(5)): when the office
//! became aware, what happened, to whose data, the risk, which laws and authorities; and each
//! notification made. Raw input from a form or flags → `validate()` → checked values.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::parse_zone;
use super::validate;
use super::vocab::Regime;
use crate::error::{Error, Result};

/// A breach as typed in a form or given as flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct BreachInput {
    /// `YYYY-MM-DDTHH:MM`, local to `time_zone`.
    pub aware: String,
    /// The IANA zone `aware` (and `occurred_from`/`to`) are given in: never assumed.
    pub time_zone: String,
    pub regimes: Vec<String>,
    pub description: String,
    pub occurred_from: Option<String>,
    pub occurred_to: Option<String>,
    pub discovered_how: Option<String>,
    pub data_categories: Vec<String>,
    pub subject_categories: Vec<String>,
    /// Approximate numbers of people, per country or state (`DE`, `US-CA`): `PLACE=N` each.
    pub counts: Vec<String>,
    pub consequences: Option<String>,
    pub measures: Option<String>,
    /// none, risk or high.
    pub risk: Option<String>,
    pub risk_reasoning: Option<String>,
    /// Address-book parties (authorities) to notify.
    pub authorities: Vec<i64>,
    /// APPI: possibly caused with a wrongful purpose (the final report is then due in 60 days).
    pub wrongful_purpose: bool,
}

/// A checked breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewBreach {
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
    pub authorities: Vec<i64>,
    pub wrongful_purpose: bool,
}

super::vocab::vocab!(
    /// The risk a breach poses to people (Art. 33(1), 34(1)).
    Risk, "risk" {
        None => "none",
        Risk => "risk",
        High => "high",
    }
);

super::vocab::vocab!(
    /// Who a breach notification went to.
    Audience, "audience" {
        Authority => "authority",
        Subjects => "subjects",
        AttorneyGeneral => "attorney-general",
    }
);

super::vocab::vocab!(
    /// Which notification of several (Art. 33(4): information in phases; APPI: preliminary, final).
    Phase, "phase" {
        Initial => "initial",
        Preliminary => "preliminary",
        FollowUp => "follow-up",
        Final => "final",
    }
);

super::vocab::vocab!(
    /// How a breach notification was made.
    NoticeMethod, "notification method" {
        Email => "email",
        Post => "post",
        Portal => "portal",
        InPerson => "in-person",
        Phone => "phone",
    }
);

super::vocab::vocab!(
    /// An entry on a breach's own timeline.
    BreachEventKind, "breach event" {
        Contained => "contained",
        Assessed => "assessed",
        Note => "note",
        Closed => "closed",
    }
);

/// An instant given as local time (`YYYY-MM-DDTHH:MM`) in a zone, checked not to be in the future.
/// A time the clocks pass twice (the autumn change) is the earlier of the two: the clocks then
/// run out sooner, never later.
pub fn instant(field: &str, value: &str, zone: chrono_tz::Tz, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    use chrono::{LocalResult, NaiveDateTime, TimeZone};
    let v = value.trim();
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
        .ok_or_else(|| {
        Error::invalid_field(
            field,
            format!("{field} '{}' is not a date and time (expected YYYY-MM-DDTHH:MM)", validate::printable(v)),
        )
    })?;
    let at = match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            return Err(Error::invalid_field(
                field,
                format!("{field} {v} does not exist in {zone} (the clocks change then)"),
            ))
        }
    };
    if at > now {
        return Err(Error::invalid_field(field, format!("{field} must not be in the future")));
    }
    Ok(at)
}

fn optional_instant(
    field: &str,
    value: Option<&str>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(|v| instant(field, v, zone, now)).transpose()
}

impl BreachInput {
    pub fn validate(&self, now: DateTime<Utc>) -> Result<NewBreach> {
        if self.time_zone.trim().is_empty() {
            return Err(Error::invalid_field(
                "time_zone",
                "give the zone the instant of awareness is in (e.g. Europe/Berlin)",
            ));
        }
        let zone = parse_zone(self.time_zone.trim()).map_err(|e| e.in_field("time_zone"))?;
        let aware_at = instant("aware", &self.aware, zone, now)?;
        let mut regimes: Vec<Regime> = Vec::new();
        for r in &self.regimes {
            let r: Regime = r.trim().parse().map_err(|e: Error| e.in_field("regime"))?;
            if !regimes.contains(&r) {
                regimes.push(r);
            }
        }
        if regimes.is_empty() {
            return Err(Error::invalid_field("regime", "name at least one law the breach falls under"));
        }
        let occurred_from = optional_instant("occurred_from", self.occurred_from.as_deref(), zone, now)?;
        let occurred_to = optional_instant("occurred_to", self.occurred_to.as_deref(), zone, now)?;
        if let (Some(from), Some(to)) = (occurred_from, occurred_to) {
            if to < from {
                return Err(Error::invalid_field("occurred_to", "occurred_to must not be before occurred_from"));
            }
        }
        if occurred_from.is_some_and(|from| from > aware_at) {
            return Err(Error::invalid_field(
                "occurred_from",
                "a breach cannot start after the office became aware of it",
            ));
        }
        let list = |field: &str, items: &[String]| -> Result<Vec<String>> {
            items.iter().filter(|i| !i.trim().is_empty()).map(|i| validate::line(field, i)).collect()
        };
        let mut counts = BTreeMap::new();
        for c in &self.counts {
            let (place, n) = c.split_once('=').ok_or_else(|| {
                Error::invalid_field("count", format!("count '{}' is not PLACE=NUMBER", validate::printable(c)))
            })?;
            let place = validate::line("count", place)?.to_ascii_uppercase();
            let n: u64 = n.trim().parse().map_err(|_| {
                Error::invalid_field(
                    "count",
                    format!("the count for {place} is not a number: '{}'", validate::printable(n)),
                )
            })?;
            counts.insert(place, n);
        }
        let text =
            |field: &str, v: &Option<String>| v.as_deref().map_or(Ok(String::new()), |v| validate::text(field, v));
        let risk = match self.risk.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(r.parse::<Risk>().map_err(|e| e.in_field("risk"))?),
            None => None,
        };
        let description = validate::text("description", &self.description)?;
        if description.trim().is_empty() {
            return Err(Error::invalid_field("description", "describe what happened"));
        }
        Ok(NewBreach {
            aware_at,
            time_zone: zone.name().to_string(),
            regimes,
            description,
            occurred_from,
            occurred_to,
            discovered_how: text("discovered_how", &self.discovered_how)?,
            data_categories: list("data_categories", &self.data_categories)?,
            subject_categories: list("subject_categories", &self.subject_categories)?,
            counts,
            consequences: text("consequences", &self.consequences)?,
            measures: text("measures", &self.measures)?,
            risk,
            risk_reasoning: text("risk_reasoning", &self.risk_reasoning)?,
            authorities: self.authorities.clone(),
            wrongful_purpose: self.wrongful_purpose,
        })
    }
}

/// A notification as typed in a form or given as flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct NoticeInput {
    /// authority, subjects or attorney-general.
    pub to: String,
    /// The authority's party id (with `to` = authority).
    pub party: Option<i64>,
    pub phase: String,
    /// `YYYY-MM-DDTHH:MM` in the breach's zone.
    pub at: String,
    pub method: String,
    /// The reference the authority gave.
    pub their_reference: Option<String>,
    /// Why it came after the 72 hours (Art. 33(1)), when it did.
    pub delay_reasons: Option<String>,
    pub note: Option<String>,
}

/// A checked notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewNotice {
    pub to: Audience,
    pub party: Option<i64>,
    pub phase: Phase,
    pub at: DateTime<Utc>,
    pub method: NoticeMethod,
    pub their_reference: Option<String>,
    pub delay_reasons: Option<String>,
    pub note: String,
}

impl NoticeInput {
    /// Checks the fields on their own; `zone` is the breach's. Against the breach (its awareness,
    /// its authorities, its clocks) the store checks.
    pub fn validate(&self, zone: chrono_tz::Tz, now: DateTime<Utc>) -> Result<NewNotice> {
        let to: Audience = self.to.trim().parse().map_err(|e: Error| e.in_field("to"))?;
        if to == Audience::Authority && self.party.is_none() {
            return Err(Error::invalid_field("party", "name the authority: its party id in the address book"));
        }
        if to != Audience::Authority && self.party.is_some() {
            return Err(Error::invalid_field("party", "a party is named only for a notification to an authority"));
        }
        Ok(NewNotice {
            to,
            party: self.party,
            phase: self.phase.trim().parse().map_err(|e: Error| e.in_field("phase"))?,
            at: instant("at", &self.at, zone, now)?,
            method: self.method.trim().parse().map_err(|e: Error| e.in_field("method"))?,
            their_reference: validate::optional_line("their_reference", self.their_reference.as_deref())?,
            delay_reasons: self
                .delay_reasons
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(|r| validate::text("delay_reasons", r))
                .transpose()?,
            note: self.note.as_deref().map_or(Ok(String::new()), |n| validate::text("note", n))?,
        })
    }
}

/// A breach as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "BreachFacts")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "BreachNotice")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BreachEvent {
    pub kind: BreachEventKind,
    pub at: DateTime<Utc>,
    pub note: String,
}

/// A clock with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "BreachClock")]
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

/// A breach with everything recorded on it and its clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "Breach")]
pub struct BreachView {
    #[serde(flatten)]
    pub breach: Breach,
    pub notifications: Vec<Notice>,
    pub events: Vec<BreachEvent>,
    pub clocks: Vec<ClockView>,
}

/// One line of the breach list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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

/// A breach's clock as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "DashboardBreachClock")]
pub struct BreachClock {
    pub reference: String,
    pub kind: String,
    pub who: String,
    pub due_at: chrono::DateTime<chrono::Utc>,
    /// Negative once overdue.
    pub hours_left: i64,
    /// The office's own target rather than a date the law sets.
    pub target: bool,
    /// Met by a notification (the calendar shows those too).
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Authority {
    pub party_id: i64,
    pub name: String,
    /// ISO 3166 alpha-2, when the address book has it.
    pub country: Option<String>,
}

/// One clock: who must be told by when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Clock {
    /// `authority`, `subjects`, `appi-preliminary`, `appi-final`, `residents`, `attorney-general`.
    pub kind: &'static str,
    pub regime: Regime,
    /// The authority this clock is for.
    pub party_id: Option<i64>,
    /// The instant it runs out.
    pub due_at: DateTime<Utc>,
    /// True when the law sets no date ("without undue delay") and `due_at` is the office's target.
    pub target: bool,
    /// Where the due instant is also shown: the authority's zone (IANA name).
    pub authority_zone: Option<String>,
    pub basis: String,
}
