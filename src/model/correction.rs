//! What correcting a case may change, given what its timeline already holds.
//!
//! A case opened under the wrong kind or regime can be corrected: its deadlines are then computed
//! anew under the right rules. Its reference stays — it is what the person was told and what every
//! letter sent quotes — so its prefix tells the kind the case was opened as. A correction is refused
//! when the timeline would stop making sense under the new facts.

use super::case::{Case, CaseInput, Event, NewCase};
use super::vocab::{EventType, Kind, Regime};
use crate::error::{Error, Result};

impl CaseInput {
    /// A stored case as the form that corrects it starts: every field as it is now.
    pub fn from_case(case: &Case) -> CaseInput {
        let zone: chrono_tz::Tz = case.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let p = &case.requester;
        CaseInput {
            kind: case.kind.to_string(),
            regime: case.regime.to_string(),
            rights: case.rights.iter().map(|r| r.to_string()).collect(),
            channel: Some(case.channel.to_string()),
            received: case.received_at.with_timezone(&zone).format("%Y-%m-%dT%H:%M:%S").to_string(),
            time_zone: Some(case.time_zone.clone()),
            name: p.name.clone(),
            email: p.email.clone(),
            postal_address: p.postal_address.clone(),
            phone: p.phone.clone(),
            company: p.company.clone(),
            relationship: p.relationship.map(|r| r.to_string()),
            agent_name: case.agent.as_ref().map(|a| a.name.clone()),
            agent_proof_received: case.agent.as_ref().and_then(|a| a.proof_received).map(|d| d.to_string()),
            assignee: case.assignee.clone(),
            notes: Some(case.notes.clone()),
            tags: case.tags.clone(),
        }
    }
}

/// Checks that `new` can replace `before`'s facts without orphaning anything on its timeline.
pub fn check_correction(before: &Case, events: &[Event], new: &NewCase) -> Result<()> {
    let reference = &before.reference;
    if let Some(event) = events.iter().find(|e| e.right.is_some_and(|r| !new.rights.contains(&r))) {
        let right = event.right.expect("found by its right");
        return Err(Error::invalid_field(
            "rights",
            format!("{reference}: {right} has a {} on its timeline and must stay", event.event_type),
        ));
    }
    let fee = [EventType::FeeRequested, EventType::FeeReceived];
    if new.regime != Regime::UkGdpr && events.iter().any(|e| fee.contains(&e.event_type)) {
        return Err(Error::invalid_field(
            "regime",
            format!("{reference}: its timeline has a fee request, which only UK GDPR allows"),
        ));
    }
    if new.kind != before.kind
        && before.status.is_final()
        && before.outcome.is_none()
        && new.kind != Kind::Correspondence
    {
        return Err(Error::invalid_field(
            "kind",
            format!("{reference}: it was closed without an outcome, which a {} needs", new.kind),
        ));
    }
    if new.kind == Kind::Correspondence && before.kind != Kind::Correspondence {
        if let Some(event) = events.iter().find(|e| e.event_type == EventType::Extended) {
            return Err(Error::invalid_field(
                "kind",
                format!("{reference}: it was extended on {}, and correspondence has no deadline to extend", event.on),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::Right;
    use chrono::{TimeZone, Utc};

    fn stored(kind: Kind, regime: Regime, rights: &[Right]) -> Case {
        let input = CaseInput {
            kind: kind.to_string(),
            regime: regime.to_string(),
            rights: rights.iter().map(|r| r.to_string()).collect(),
            received: "2026-03-02T09:30".into(),
            time_zone: Some("Europe/Dublin".into()),
            name: "A. Person".into(),
            ..CaseInput::default()
        };
        let new = input.validate(chrono_tz::UTC, Utc::now()).unwrap();
        Case {
            reference: "DSR-2026-0001".into(),
            kind,
            regime,
            rights: new.rights,
            channel: new.channel,
            status: crate::model::vocab::Status::InProgress,
            received: new.received.date,
            received_at: new.received.at,
            time_zone: "Europe/Dublin".into(),
            requester: new.requester,
            agent: None,
            assignee: None,
            outcome: None,
            outcome_reason: None,
            notes: String::new(),
            tags: vec![],
            deadlines: Default::default(),
            deadlines_by_right: Default::default(),
            updated_at: Utc::now(),
        }
    }

    fn event(event_type: EventType, right: Option<Right>) -> Event {
        Event {
            event_type,
            on: chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            right,
            outcome: None,
            note: None,
            recorded_at: Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap(),
            actor: "officer".into(),
        }
    }

    fn corrected(case: &Case, change: impl FnOnce(&mut CaseInput)) -> NewCase {
        let mut input = CaseInput::from_case(case);
        change(&mut input);
        input.validate(chrono_tz::UTC, Utc::now()).unwrap()
    }

    #[test]
    fn the_form_of_a_stored_case_validates_to_the_same_facts() {
        let case = stored(Kind::Request, Regime::Gdpr, &[Right::Access, Right::Erasure]);
        let again = corrected(&case, |_| {});
        assert_eq!(again.received.at, case.received_at);
        assert_eq!(again.received.zone.name(), "Europe/Dublin");
        assert_eq!(again.rights, case.rights);
        assert_eq!(again.requester, case.requester);
    }

    #[test]
    fn a_right_with_a_response_on_the_timeline_must_stay() {
        let case = stored(Kind::Request, Regime::Gdpr, &[Right::Access, Right::Erasure]);
        let events = [event(EventType::Responded, Some(Right::Erasure))];
        let new = corrected(&case, |i| i.rights = vec!["access".into()]);
        let e = check_correction(&case, &events, &new).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("rights"));
        assert!(e.message.contains("erasure"), "{}", e.message);
        let new = corrected(&case, |i| i.rights = vec!["erasure".into()]);
        check_correction(&case, &events, &new).unwrap();
    }

    #[test]
    fn a_fee_request_keeps_a_case_under_uk_gdpr() {
        let case = stored(Kind::Request, Regime::UkGdpr, &[Right::Access]);
        let events = [event(EventType::FeeRequested, None)];
        let new = corrected(&case, |i| i.regime = "gdpr".into());
        assert_eq!(check_correction(&case, &events, &new).unwrap_err().field.as_deref(), Some("regime"));
        check_correction(&case, &[], &new).unwrap();
    }

    #[test]
    fn a_regime_whose_rights_differ_needs_its_own_rights() {
        let case = stored(Kind::Request, Regime::Gdpr, &[Right::Access]);
        let mut input = CaseInput::from_case(&case);
        input.regime = "ccpa".into();
        assert_eq!(input.validate(chrono_tz::UTC, Utc::now()).unwrap_err().field.as_deref(), Some("rights"));
        let new = corrected(&case, |i| {
            i.regime = "ccpa".into();
            i.rights = vec!["know".into()];
        });
        check_correction(&case, &[], &new).unwrap();
    }

    #[test]
    fn an_extended_request_cannot_become_correspondence() {
        let case = stored(Kind::Request, Regime::Gdpr, &[Right::Access]);
        let new = corrected(&case, |i| {
            i.kind = "correspondence".into();
            i.rights = vec![];
        });
        let events = [event(EventType::Extended, None)];
        assert_eq!(check_correction(&case, &events, &new).unwrap_err().field.as_deref(), Some("kind"));
        check_correction(&case, &[event(EventType::Acknowledged, None)], &new).unwrap();
    }

    #[test]
    fn a_closed_case_without_an_outcome_stays_correspondence() {
        let mut case = stored(Kind::Correspondence, Regime::Gdpr, &[]);
        case.status = crate::model::vocab::Status::Closed;
        let new = corrected(&case, |i| i.kind = "complaint".into());
        assert_eq!(check_correction(&case, &[], &new).unwrap_err().field.as_deref(), Some("kind"));
        case.status = crate::model::vocab::Status::InProgress;
        check_correction(&case, &[], &new).unwrap();
    }
}
