//! The status flow of a case: which timeline events are allowed in which status, and where they lead.
//!
//! `new → acknowledged → awaiting-information → in-progress → extended → responded → closed`,
//! plus `rejected` and `withdrawn`. `closed`, `rejected` and `withdrawn` are final.

use super::vocab::{EventType, Outcome, Regime, Status};
use crate::error::{Error, Result};

/// Statuses in which the office still owes the person something.
pub const OPEN: &[Status] =
    &[Status::New, Status::Acknowledged, Status::AwaitingInformation, Status::InProgress, Status::Extended];

impl Status {
    pub fn is_final(self) -> bool {
        matches!(self, Status::Closed | Status::Rejected | Status::Withdrawn)
    }

    /// Open, and not waiting for the person: the response clock runs.
    pub fn is_running(self) -> bool {
        OPEN.contains(&self) && self != Status::AwaitingInformation
    }
}

/// The status a case moves to when `event` is recorded in `status`, or why it cannot be.
pub fn next_status(status: Status, event: EventType) -> Result<Status> {
    use EventType as E;
    use Status as S;
    let allowed_from: &[Status] = match event {
        E::Note => return Ok(status),
        E::Acknowledged => &[S::New],
        // Several things can be awaited at once (identity, then clarification too).
        E::IdRequested | E::ClarificationRequested | E::FeeRequested => {
            &[S::New, S::Acknowledged, S::AwaitingInformation, S::InProgress, S::Extended]
        }
        E::IdReceived | E::ClarificationReceived | E::FeeReceived => &[S::AwaitingInformation],
        E::Extended => &[S::New, S::Acknowledged, S::AwaitingInformation, S::InProgress],
        E::Responded | E::Rejected | E::Withdrawn => OPEN,
        E::Closed => &[S::New, S::Acknowledged, S::AwaitingInformation, S::InProgress, S::Extended, S::Responded],
    };
    if !allowed_from.contains(&status) {
        return Err(Error::transition(format!("a case that is {status} cannot be marked {event}")));
    }
    Ok(match event {
        E::Acknowledged => S::Acknowledged,
        E::IdRequested | E::ClarificationRequested | E::FeeRequested => S::AwaitingInformation,
        E::IdReceived | E::ClarificationReceived | E::FeeReceived => S::InProgress,
        E::Extended => S::Extended,
        E::Responded => S::Responded,
        E::Closed => S::Closed,
        E::Rejected => S::Rejected,
        E::Withdrawn => S::Withdrawn,
        E::Note => status,
    })
}

/// The status an event leads to under a regime: a fee stops the clock only under the UK GDPR
/// (it is part of the relevant time); elsewhere a fee asked or paid is recorded and moves nothing.
pub fn next_status_under(regime: Regime, status: Status, event: EventType) -> Result<Status> {
    match event {
        EventType::FeeRequested | EventType::FeeReceived if regime != Regime::UkGdpr => {
            if status.is_final() {
                return Err(Error::transition(format!("a case that is {status} cannot be marked {event}")));
            }
            Ok(status)
        }
        _ => next_status(status, event),
    }
}

/// The events that can be recorded for one right of a request rather than the whole of it.
pub const PER_RIGHT_EVENTS: &[EventType] = &[EventType::Responded, EventType::Extended, EventType::Closed];

/// The outcome of a request whose rights were closed one by one: the common outcome when they
/// agree; complied in part when anything was complied with; otherwise denied.
pub fn combined_outcome(outcomes: &[Outcome]) -> Option<Outcome> {
    let first = *outcomes.first()?;
    if outcomes.iter().all(|o| *o == first) {
        return Some(first);
    }
    if outcomes.iter().any(|o| matches!(o, Outcome::Complied | Outcome::CompliedInPart)) {
        Some(Outcome::CompliedInPart)
    } else {
        Some(Outcome::Denied)
    }
}

/// The events that may be recorded on a case in `status`, in timeline order.
pub fn allowed_events(regime: Regime, status: Status) -> Vec<EventType> {
    EventType::ALL.iter().copied().filter(|e| next_status_under(regime, status, *e).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_case_cannot_be_extended() {
        let e = next_status(Status::Closed, EventType::Extended).unwrap_err();
        assert_eq!(e.message, "a case that is closed cannot be marked extended");
    }

    #[test]
    fn final_statuses_accept_only_notes() {
        for s in Status::ALL.iter().filter(|s| s.is_final()) {
            for e in EventType::ALL {
                assert_eq!(next_status(*s, *e).is_ok(), *e == EventType::Note, "{s} {e}");
            }
        }
    }

    #[test]
    fn outcomes_per_right_combine() {
        use Outcome as O;
        assert_eq!(combined_outcome(&[O::Complied, O::Complied]), Some(O::Complied));
        assert_eq!(combined_outcome(&[O::Complied, O::Denied]), Some(O::CompliedInPart));
        assert_eq!(combined_outcome(&[O::IdFailed, O::Denied]), Some(O::Denied));
        assert_eq!(combined_outcome(&[]), None);
    }

    #[test]
    fn a_fee_stops_the_clock_only_under_the_uk_gdpr() {
        let uk = next_status_under(Regime::UkGdpr, Status::New, EventType::FeeRequested).unwrap();
        assert_eq!(uk, Status::AwaitingInformation);
        let eu = next_status_under(Regime::Gdpr, Status::New, EventType::FeeRequested).unwrap();
        assert_eq!(eu, Status::New);
        assert!(next_status_under(Regime::Gdpr, Status::Closed, EventType::FeeReceived).is_err());
    }

    #[test]
    fn the_happy_path() {
        let mut s = Status::New;
        for e in [
            EventType::Acknowledged,
            EventType::IdRequested,
            EventType::IdReceived,
            EventType::Extended,
            EventType::Responded,
            EventType::Closed,
        ] {
            s = next_status(s, e).unwrap();
        }
        assert_eq!(s, Status::Closed);
    }
}
