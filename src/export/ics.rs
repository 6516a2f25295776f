//! Open deadlines (and the internal dates of open tasks) as an iCalendar file (RFC 5545) for the
//! DPO's own calendar: one all-day VEVENT each — tasks as events rather than VTODOs, since calendar
//! applications show events on the day and many ignore VTODO — with a UID stable per case and
//! deadline kind, or per row for those set by hand, replies and tasks (re-importing updates, not duplicates),
//! a reminder, and no personal data unless asked for.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike};

pub use crate::model::IcsDeadline;

/// How a deadline kind reads in a calendar entry or a notification: "respond by".
pub fn deadline_phrase(kind: &str) -> &'static str {
    match kind {
        "acknowledge" => "acknowledge by",
        "respond" => "respond by",
        "extension-notice" => "extension notice by",
        "extended-respond" => "extended response by",
        "risk" => "APPI Art. 39 date",
        "reply" => "reply owed by",
        "task" => "task due",
        _ => "deadline",
    }
}

/// One clock of a breach to export: a timed event at the instant it runs out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsClock {
    pub reference: String,
    /// authority, subjects, appi-preliminary, appi-final, residents, attorney-general.
    pub kind: String,
    /// The authority's party, for its own UID.
    pub party_id: Option<i64>,
    /// Whom it concerns (an authority's name; no personal data).
    pub who: String,
    pub due_at: DateTime<Utc>,
}

/// The calendar text, with CRLF line ends and lines folded at 75 octets.
pub fn calendar(deadlines: &[IcsDeadline], alarm_days: u32, now: DateTime<Utc>) -> String {
    with_breaches(deadlines, &[], alarm_days, now)
}

/// The same with the clocks of breaches: timed events in UTC, each with a reminder a day before
/// (the 72 hours leave no room for one of several days).
pub fn with_breaches(deadlines: &[IcsDeadline], clocks: &[IcsClock], alarm_days: u32, now: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    for (key, value) in [("VERSION", "2.0"), ("PRODID", "-//Casebook//Deadlines//EN"), ("CALSCALE", "GREGORIAN")] {
        cal.append_property((key, value));
    }
    cal.name("Casebook deadlines");
    for d in deadlines {
        let mut summary = format!("{}: {} ({})", d.reference, deadline_phrase(&d.kind), d.regime);
        for extra in [&d.label, &d.requester].into_iter().flatten() {
            summary.push_str(" – ");
            summary.push_str(extra);
        }
        // The statutory dates are one per kind on a case; the others one per row.
        let uid = match d.kind.as_str() {
            "manual" | "reply" | "task" => format!("{}-{}-{}@casebook", d.reference, d.kind, d.id),
            _ => format!("{}-{}@casebook", d.reference, d.kind),
        };
        let mut event = Event::new();
        event
            .uid(&uid)
            .timestamp(now)
            .summary(&summary)
            .description(&format!("Casebook case {}: {} {}", d.reference, deadline_phrase(&d.kind), d.due))
            // All-day: DTEND is exclusive, so the day after.
            .starts(d.due)
            .ends(d.due + Duration::days(1));
        if alarm_days > 0 {
            event.alarm(Alarm::display(&summary, -Duration::days(alarm_days.into())));
        }
        cal.push(event.done());
    }
    for c in clocks {
        let summary = format!("{}: breach notice due – {}", c.reference, c.who);
        let uid = format!("{}-{}-{}@casebook", c.reference, c.kind, c.party_id.unwrap_or(0));
        let mut event = Event::new();
        event
            .uid(&uid)
            .timestamp(now)
            .summary(&summary)
            .description(&format!(
                "Casebook breach {}: {} ({}) due {}",
                c.reference,
                c.who,
                c.kind,
                c.due_at.to_rfc3339()
            ))
            .starts(c.due_at)
            .ends(c.due_at);
        event.alarm(Alarm::display(&summary, -Duration::hours(24)));
        cal.push(event.done());
    }
    cal.done().to_string()
}
