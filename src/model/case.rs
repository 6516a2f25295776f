//! Cases as the rest of the program sees them, and the raw input a form or the CLI supplies.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::validate;
use super::vocab::{Channel, EventType, Kind, Outcome, Regime, Relationship, Right, Status};
use crate::error::{Error, Result};

/// The person a case is about, or who wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub postal_address: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub relationship: Option<Relationship>,
}

/// Someone acting for the requester (CCPA authorised agent, GDPR representative of the person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Agent {
    pub name: String,
    pub proof_received: Option<NaiveDate>,
}

/// The statutory dates of a case; `None` where the regime has none or they are not computed yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Deadlines {
    pub acknowledge_by: Option<NaiveDate>,
    pub respond_by: Option<NaiveDate>,
    pub extension_notice_by: Option<NaiveDate>,
    pub extended_respond_by: Option<NaiveDate>,
    /// APPI Art. 39: from this day the person may sue.
    pub risk_from: Option<NaiveDate>,
}

/// When a case reached the office: the instant, the office's zone, and the local date that starts the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    pub at: DateTime<Utc>,
    pub zone: Tz,
    pub date: NaiveDate,
}

impl Received {
    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` as a local time in `zone`; a bare date means
    /// the start of that day. A receipt after `now` is refused.
    pub fn parse(value: &str, zone: Tz, now: DateTime<Utc>) -> Result<Received> {
        let v = value.trim();
        let local = match validate::date("received", v) {
            Ok(date) => date.and_time(NaiveTime::MIN),
            Err(_) => parse_local_time(v)?,
        };
        let at = match zone.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            LocalResult::None => {
                return Err(Error::invalid_field(
                    "received",
                    format!("received time {v} does not exist in {zone} (clocks change then)"),
                ))
            }
        };
        if at > now {
            return Err(Error::invalid_field("received", "received must not be in the future"));
        }
        Ok(Received { at, zone, date: local.date() })
    }

    /// The receipt as stored: the instant plus its zone.
    pub fn from_stored(at: DateTime<Utc>, zone: Tz) -> Received {
        Received { at, zone, date: at.with_timezone(&zone).date_naive() }
    }
}

fn parse_local_time(v: &str) -> Result<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
        .ok_or_else(|| {
            Error::invalid_field(
                "received",
                format!(
                    "received '{}' is not a valid date or time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
                    validate::printable(v)
                ),
            )
        })
}

/// Parses an IANA time-zone name such as `Europe/London`.
pub fn parse_zone(value: &str) -> Result<Tz> {
    value.trim().parse::<Tz>().map_err(|_| {
        Error::invalid_field(
            "time_zone",
            format!("unknown time zone '{}' (expected an IANA name such as Europe/London)", validate::printable(value)),
        )
    })
}

/// What a form or the command line supplies to open a case: plain strings, validated by `validate`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct CaseInput {
    pub kind: String,
    pub regime: String,
    pub rights: Vec<String>,
    pub channel: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, local to `time_zone`.
    pub received: String,
    /// IANA zone; the office's zone when absent.
    pub time_zone: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub postal_address: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub relationship: Option<String>,
    pub agent_name: Option<String>,
    pub agent_proof_received: Option<String>,
    pub assignee: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

/// A validated new case, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCase {
    pub kind: Kind,
    pub regime: Regime,
    pub rights: Vec<Right>,
    pub channel: Channel,
    pub received: Received,
    pub requester: Person,
    pub agent: Option<Agent>,
    pub assignee: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
}

impl CaseInput {
    /// Checks every field; the first problem found is the error, naming its field.
    pub fn validate(&self, office_zone: Tz, now: DateTime<Utc>) -> Result<NewCase> {
        let kind: Kind = self.kind.trim().parse().map_err(|e: Error| e.in_field("kind"))?;
        let regime: Regime = self.regime.trim().parse().map_err(|e: Error| e.in_field("regime"))?;
        let rights = parse_rights(kind, regime, &self.rights)?;
        let channel = match self.channel.as_deref().map(str::trim) {
            None | Some("") => Channel::Email,
            Some(c) => c.parse().map_err(|e: Error| e.in_field("channel"))?,
        };
        let zone = match self.time_zone.as_deref().map(str::trim) {
            None | Some("") => office_zone,
            Some(z) => parse_zone(z)?,
        };
        let received = Received::parse(&self.received, zone, now)?;
        let requester = Person {
            name: validate::line("name", &self.name)?,
            email: validate::optional_email(self.email.as_deref())?,
            postal_address: optional_text("postal_address", &self.postal_address)?,
            phone: validate::optional_line("phone", self.phone.as_deref())?,
            company: validate::optional_line("company", self.company.as_deref())?,
            relationship: match self.relationship.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(r) => Some(r.parse().map_err(|e: Error| e.in_field("relationship"))?),
            },
        };
        let agent = match validate::optional_line("agent_name", self.agent_name.as_deref())? {
            None if self.agent_proof_received.as_deref().is_some_and(|s| !s.trim().is_empty()) => {
                return Err(Error::invalid_field("agent_name", "agent proof given without an agent name"))
            }
            None => None,
            Some(name) => Some(Agent {
                name,
                proof_received: match self.agent_proof_received.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(d) => Some(validate::date("agent_proof_received", d)?),
                },
            }),
        };
        let tags = self.tags.iter().map(|t| validate::line("tag", t)).collect::<Result<Vec<_>>>()?;
        Ok(NewCase {
            kind,
            regime,
            rights,
            channel,
            received,
            requester,
            agent,
            assignee: validate::optional_line("assignee", self.assignee.as_deref())?,
            notes: optional_text("notes", &self.notes)?.unwrap_or_default(),
            tags,
        })
    }
}

fn optional_text(field: &str, value: &Option<String>) -> Result<Option<String>> {
    match value.as_deref() {
        None => Ok(None),
        Some(v) => validate::text(field, v).map(|t| Some(t).filter(|t| !t.is_empty())),
    }
}

/// Rights must belong to the regime; a request with none names the regime's main right (access).
fn parse_rights(kind: Kind, regime: Regime, given: &[String]) -> Result<Vec<Right>> {
    let mut rights = Vec::new();
    for r in given.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let right: Right = r.parse().map_err(|e: Error| e.in_field("rights"))?;
        if !regime.rights().contains(&right) {
            let known: Vec<&str> = regime.rights().iter().map(|r| r.as_str()).collect();
            return Err(Error::invalid_field(
                "rights",
                format!("right '{right}' does not exist under {regime} (expected one of: {})", known.join(", ")),
            ));
        }
        if !rights.contains(&right) {
            rights.push(right);
        }
    }
    if rights.is_empty() && kind == Kind::Request {
        rights.push(regime.rights()[0]);
    }
    Ok(rights)
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Case {
    pub reference: String,
    pub kind: Kind,
    pub regime: Regime,
    pub rights: Vec<Right>,
    pub channel: Channel,
    pub status: Status,
    /// The local receipt date that starts the clock.
    pub received: NaiveDate,
    pub received_at: DateTime<Utc>,
    pub time_zone: String,
    pub requester: Person,
    pub agent: Option<Agent>,
    pub assignee: Option<String>,
    pub outcome: Option<Outcome>,
    pub outcome_reason: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
    /// The case's headline dates: for each kind, the earliest still open among its rights.
    pub deadlines: Deadlines,
    /// Each right's own dates (a request's rights can run on different clocks).
    pub deadlines_by_right: BTreeMap<String, Deadlines>,
    pub updated_at: DateTime<Utc>,
}

/// One dated entry on a case's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "CaseEvent")]
pub struct Event {
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub on: NaiveDate,
    /// The one right a response, extension or closure was recorded for; none: the whole case.
    pub right: Option<Right>,
    /// The outcome a closure recorded for its right.
    pub outcome: Option<Outcome>,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
}

/// A case with its timeline and its deadlines in detail.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: Case,
    pub events: Vec<Event>,
    /// Every deadline with its state on the day it was read and its basis.
    pub schedule: Vec<DeadlineView>,
    /// The letters stored on the case, newest first, each with its number and state.
    pub letters: Vec<super::letter_flow::LetterRecord>,
    /// How late the case was answered, and why, when it was answered after its due date.
    pub late: Option<super::letter_flow::LateAnswer>,
}

/// One stored deadline as the case detail shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct DeadlineView {
    /// The stored row, so a deadline set by hand can be marked done.
    pub id: i64,
    pub kind: String,
    /// The right this date belongs to, on a request whose rights run on different clocks; none:
    /// the case's headline date.
    pub right: Option<Right>,
    /// What a deadline set by hand is for.
    pub label: Option<String>,
    pub due: NaiveDate,
    pub state: DueState,
    pub met_on: Option<NaiveDate>,
    /// True for the extended date of a case that was not extended: it applies only if it is.
    pub conditional: bool,
    pub basis: String,
}

/// What a form or the command line supplies to record an event.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct EventInput {
    pub event_type: String,
    /// `YYYY-MM-DD`; today when absent.
    pub on: Option<String>,
    pub note: Option<String>,
    /// Required when closing a request.
    pub outcome: Option<String>,
    /// Required when the outcome is a denial or the case is rejected.
    pub reason: Option<String>,
    /// For a response, extension or closure of one right only.
    pub right: Option<String>,
}

/// A validated event, ready to be applied.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub event_type: EventType,
    pub on: NaiveDate,
    pub note: Option<String>,
    pub outcome: Option<Outcome>,
    pub reason: Option<String>,
    pub right: Option<Right>,
}

impl EventInput {
    /// Checks the fields on their own; checks against the case (dates, status) happen in the store.
    pub fn validate(&self, today: NaiveDate) -> Result<NewEvent> {
        let event_type: EventType = self.event_type.trim().parse().map_err(|e: Error| e.in_field("event_type"))?;
        let on = match self.on.as_deref().map(str::trim) {
            None | Some("") => today,
            Some(d) => validate::date("on", d)?,
        };
        if on > today {
            return Err(Error::invalid_field("on", "an event date must not be in the future"));
        }
        let outcome: Option<Outcome> = match self.outcome.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(o) => Some(o.parse().map_err(|e: Error| e.in_field("outcome"))?),
        };
        let reason = optional_text("reason", &self.reason)?;
        let right: Option<Right> = match self.right.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(r) => Some(r.parse().map_err(|e: Error| e.in_field("right"))?),
        };
        if right.is_some() && !crate::model::flow::PER_RIGHT_EVENTS.contains(&event_type) {
            return Err(Error::invalid_field(
                "right",
                "only a response, an extension or a closure is recorded per right",
            ));
        }
        match (event_type, outcome) {
            (_, None) | (EventType::Closed, Some(_)) | (EventType::Rejected, Some(Outcome::IdFailed)) => {}
            (EventType::Rejected, Some(_)) => {
                return Err(Error::invalid_field("outcome", "a rejection's only outcome is id-failed"))
            }
            _ => return Err(Error::invalid_field("outcome", "an outcome is given only when closing a case")),
        }
        if outcome == Some(Outcome::Denied) && reason.is_none() {
            return Err(Error::invalid_field("reason", "a denial needs a reason (the exception relied on)"));
        }
        if event_type == EventType::Rejected && reason.is_none() {
            return Err(Error::invalid_field("reason", "a rejection needs a reason"));
        }
        let note = optional_text("note", &self.note)?;
        if event_type == EventType::Note && note.is_none() {
            return Err(Error::invalid_field("note", "a note needs its text"));
        }
        Ok(NewEvent { event_type, on, note, outcome, reason, right })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum DueState {
    /// Done: the step the deadline asks for was taken.
    Met,
    Overdue,
    DueToday,
    /// Within 3 days.
    DueSoon,
    /// Within 7 days.
    DueThisWeek,
    Later,
}
