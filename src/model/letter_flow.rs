//! The life of a stored letter: a draft, approved where the office asks for approval, then sent.
//! Sending a response is what answers the request. Pure rules; the store keeps the dates and the
//! audit trail.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::case::{Case, Event};
use super::validate;
use super::vocab::{ApprovalPolicy, DispatchMethod, EventType, LateReason, LetterState, Right};
use crate::error::{Error, Result};

/// A stored letter, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LetterRecord {
    pub id: i64,
    /// Its number on the case: 1 for the first.
    pub number: usize,
    pub template: String,
    pub language: String,
    pub paper: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub sha256: String,
    pub size: i64,
    pub state: LetterState,
    pub approved_by: Option<String>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approval_note: Option<String>,
    pub sent_on: Option<NaiveDate>,
    /// None for a letter recorded as sent when it was made, without saying how.
    pub sent_method: Option<DispatchMethod>,
    pub tracking: Option<String>,
}

/// What a letter does for the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An acknowledgement, a request for identity or clarification, an extension notice, a cover letter.
    Notice,
    /// The substantive answer: once it is sent, the request (or the right it answers) is responded to.
    Response,
    /// A refusal, sent after the case was closed or rejected with its reason.
    Refusal,
}

/// The templates that refuse a request.
pub const REFUSALS: &[&str] = &["refusal", "ccpa-denial"];

/// The purpose of the letter made from `template`.
pub fn purpose(template: &str) -> Purpose {
    match template {
        t if REFUSALS.contains(&t) => Purpose::Refusal,
        "access-response"
        | "erasure-confirmation"
        | "rectification-confirmation"
        | "restriction-confirmation"
        | "objection-confirmation"
        | "portability-cover"
        | "ccpa-opt-out-confirmation"
        | "complaint-outcome" => Purpose::Response,
        _ => Purpose::Notice,
    }
}

/// The rights a response letter answers, when it answers one in particular.
pub fn answers(template: &str) -> &'static [Right] {
    match template {
        "access-response" => &[Right::Access, Right::Know, Right::Disclosure],
        "erasure-confirmation" => &[Right::Erasure, Right::Delete, Right::Cessation],
        "rectification-confirmation" => &[Right::Rectification, Right::Correct, Right::Correction],
        "restriction-confirmation" => &[Right::Restriction, Right::Limit],
        "objection-confirmation" => &[Right::Objection],
        "portability-cover" => &[Right::Portability],
        "ccpa-opt-out-confirmation" => &[Right::OptOut],
        _ => &[],
    }
}

impl ApprovalPolicy {
    /// Whether a letter from `template` must be approved before it is sent. `responses` covers
    /// every substantive answer, refusals included.
    pub fn requires(self, template: &str) -> bool {
        match (self, purpose(template)) {
            (ApprovalPolicy::None, _) => false,
            (ApprovalPolicy::All, _) => true,
            (ApprovalPolicy::Responses, p) => p != Purpose::Notice,
            (ApprovalPolicy::Refusals, p) => p == Purpose::Refusal,
        }
    }
}

/// Whether a letter in `state` may be approved.
pub fn check_approval(number: usize, state: LetterState) -> Result<()> {
    match state {
        LetterState::Draft => Ok(()),
        LetterState::Approved => Err(Error::transition(format!("letter {number} is already approved"))),
        LetterState::Sent => {
            Err(Error::transition(format!("letter {number} was already sent: approval comes before a letter goes out")))
        }
    }
}

/// The state a letter is in after its text is changed: a draft again, whatever approved it before.
pub fn after_revision(number: usize, state: LetterState) -> Result<LetterState> {
    match state {
        LetterState::Sent => {
            Err(Error::transition(format!("letter {number} was already sent and cannot be changed: write a new one")))
        }
        LetterState::Draft | LetterState::Approved => Ok(LetterState::Draft),
    }
}

/// How and when a letter left, as typed in a form or given as flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct DispatchInput {
    /// email, post, portal or in-person.
    pub method: String,
    /// `YYYY-MM-DD`; today when absent.
    pub on: Option<String>,
    /// A postal tracking number, a portal's receipt.
    pub tracking: Option<String>,
    /// Why the answer is late, when it is: volume, complexity, third-party, identity, systems, oversight, other.
    pub late_reason: Option<String>,
    pub late_note: Option<String>,
}

/// A checked dispatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispatch {
    pub method: DispatchMethod,
    pub on: NaiveDate,
    pub tracking: Option<String>,
    pub late: Option<Lateness>,
}

/// Why an answer came after its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lateness {
    pub reason: LateReason,
    pub note: Option<String>,
}

impl DispatchInput {
    pub fn validate(&self, today: NaiveDate) -> Result<Dispatch> {
        let method = self.method.trim();
        if method.is_empty() {
            return Err(Error::invalid_field("method", "say how the letter left: email, post, portal or in-person"));
        }
        let method: DispatchMethod = method.parse().map_err(|e: Error| e.in_field("method"))?;
        let on = match self.on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => validate::date("on", d)?,
            None => today,
        };
        if on > today {
            return Err(Error::invalid_field("on", "a letter cannot be recorded as sent on a future date"));
        }
        Ok(Dispatch {
            method,
            on,
            tracking: validate::optional_line("tracking", self.tracking.as_deref())?,
            late: lateness(self.late_reason.as_deref(), self.late_note.as_deref())?,
        })
    }
}

/// A reason for lateness from its fields: none when no reason is given (a note alone is refused).
pub fn lateness(reason: Option<&str>, note: Option<&str>) -> Result<Option<Lateness>> {
    let note = validate::optional_line("late_note", note)?;
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Ok(Some(Lateness { reason: r.parse().map_err(|e: Error| e.in_field("late_reason"))?, note })),
        None if note.is_some() => Err(Error::invalid_field("late_reason", "a note on lateness needs a reason")),
        None => Ok(None),
    }
}

/// Whether a letter in `state`, made on `made_on`, may be recorded as sent on `on`.
pub fn check_dispatch(
    number: usize,
    state: LetterState,
    needs_approval: bool,
    made_on: NaiveDate,
    on: NaiveDate,
) -> Result<()> {
    if state == LetterState::Sent {
        return Err(Error::transition(format!("letter {number} was already sent")));
    }
    if on < made_on {
        return Err(Error::invalid_field(
            "on",
            format!("letter {number} was made on {made_on}: it cannot have left before"),
        ));
    }
    if state == LetterState::Draft && needs_approval {
        return Err(Error::transition(format!(
            "letter {number} must be approved before it is sent (the office's approval setting)"
        )));
    }
    Ok(())
}

/// Days after `due` that an answer given on `answered` came, when it was late.
pub fn days_late(answered: NaiveDate, due: Option<NaiveDate>) -> Option<i64> {
    due.map(|due| (answered - due).num_days()).filter(|d| *d > 0)
}

/// A case answered after its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LateAnswer {
    pub due: NaiveDate,
    pub answered: NaiveDate,
    pub days: i64,
    pub reason: Option<LateReason>,
    pub note: Option<String>,
}

/// When a case was answered, as the reports count it: when a response or a refusal left; failing
/// both, when it was closed or rejected.
pub fn answered_on(events: &[Event], letters: &[LetterRecord]) -> Option<NaiveDate> {
    let sent_refusals = letters.iter().filter(|l| REFUSALS.contains(&l.template.as_str())).filter_map(|l| l.sent_on);
    let responded = events.iter().filter(|e| e.event_type == EventType::Responded).map(|e| e.on);
    responded.chain(sent_refusals).min().or_else(|| {
        events.iter().filter(|e| matches!(e.event_type, EventType::Closed | EventType::Rejected)).map(|e| e.on).min()
    })
}

/// How late a case was answered against its response date (the extended one once extended).
pub fn late_answer(
    case: &Case,
    events: &[Event],
    letters: &[LetterRecord],
    reason: Option<LateReason>,
    note: Option<String>,
) -> Option<LateAnswer> {
    let extended = events.iter().any(|e| e.event_type == EventType::Extended);
    let due = if extended { case.deadlines.extended_respond_by } else { case.deadlines.respond_by }?;
    let answered = answered_on(events, letters)?;
    let days = days_late(answered, Some(due))?;
    Some(LateAnswer { due, answered, days, reason, note })
}

/// How a new letter is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filing {
    /// Kept for review, approval and sending.
    Draft,
    /// Recorded as sent today, without saying how.
    SentToday,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn draft_approved_sent_and_a_revision_starts_over() {
        let made = day("2026-03-02");
        // Without approval required, a draft can go straight out.
        assert!(check_dispatch(1, LetterState::Draft, false, made, made).is_ok());
        // With it, a draft cannot; an approved letter can, once.
        let e = check_dispatch(1, LetterState::Draft, true, made, made).unwrap_err();
        assert!(e.message.contains("must be approved"), "{}", e.message);
        assert!(check_approval(1, LetterState::Draft).is_ok());
        assert!(check_dispatch(1, LetterState::Approved, true, made, day("2026-03-03")).is_ok());
        assert!(check_dispatch(2, LetterState::Sent, true, made, made).unwrap_err().message.contains("already sent"));
        assert!(check_approval(2, LetterState::Sent).unwrap_err().message.contains("already sent"));
        assert!(check_approval(3, LetterState::Approved).unwrap_err().message.contains("already approved"));
        // An edit of an approved letter needs a new approval; a sent one cannot be edited.
        assert_eq!(after_revision(1, LetterState::Approved).unwrap(), LetterState::Draft);
        assert!(after_revision(1, LetterState::Sent).is_err());
        // Never before the letter existed.
        let e = check_dispatch(4, LetterState::Approved, true, made, day("2026-03-01")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("on"));
    }

    #[test]
    fn the_policy_names_which_letters_need_approval() {
        use ApprovalPolicy as P;
        let cases = [
            (P::None, "access-response", false),
            (P::All, "acknowledgement", true),
            (P::Responses, "erasure-confirmation", true),
            (P::Responses, "refusal", true),
            (P::Responses, "acknowledgement", false),
            (P::Refusals, "ccpa-denial", true),
            (P::Refusals, "access-response", false),
        ];
        for (policy, template, expected) in cases {
            assert_eq!(policy.requires(template), expected, "{policy} {template}");
        }
    }

    #[test]
    fn dispatch_input_is_checked_field_by_field() {
        let today = day("2026-03-10");
        let ok = DispatchInput { method: "post".into(), tracking: Some("RR123456789GB".into()), ..Default::default() };
        let d = ok.validate(today).unwrap();
        assert_eq!((d.method, d.on, d.tracking.as_deref()), (DispatchMethod::Post, today, Some("RR123456789GB")));
        let bad = [
            (DispatchInput { method: "pigeon".into(), ..Default::default() }, "method"),
            (DispatchInput::default(), "method"),
            (DispatchInput { method: "email".into(), on: Some("2026-03-11".into()), ..Default::default() }, "on"),
            (DispatchInput { method: "email".into(), on: Some("10/03/2026".into()), ..Default::default() }, "on"),
            (
                DispatchInput { method: "email".into(), late_reason: Some("busy".into()), ..Default::default() },
                "late_reason",
            ),
            (
                DispatchInput { method: "email".into(), late_note: Some("sorry".into()), ..Default::default() },
                "late_reason",
            ),
        ];
        for (input, field) in bad {
            assert_eq!(input.validate(today).unwrap_err().field.as_deref(), Some(field), "{input:?}");
        }
        assert_eq!(days_late(day("2026-03-12"), Some(day("2026-03-10"))), Some(2));
        assert_eq!(days_late(day("2026-03-10"), Some(day("2026-03-10"))), None);
    }
}
