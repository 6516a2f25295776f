//! The hostile strings of `tests/data/hostile_input.json` through the window's commands: stored
//! exactly or refused as `validation`/`not_found` with nothing written, never a panic.

use casebook::model::{CaseInput, EventInput, ItemInput, OrganisationProfile, PartyInput};
use serde_json::Value;

use crate::error::Code;
use crate::records::ReportRequest;
use crate::state::{AppState, ListRequest};

fn expand(v: &str) -> String {
    match v.strip_prefix("@REPEAT:").and_then(|r| r.strip_suffix('@')).and_then(|r| r.split_once(':')) {
        Some((unit, n)) => unit.repeat(n.parse().unwrap()),
        None => v.to_string(),
    }
}

fn input(name: &str, notes: &str) -> CaseInput {
    CaseInput {
        kind: "request".into(),
        regime: "gdpr".into(),
        rights: vec!["access".into()],
        received: "2026-03-02T10:00".into(),
        name: name.into(),
        notes: Some(notes.into()),
        ..CaseInput::default()
    }
}

#[test]
fn hostile_text_through_the_windows_commands() {
    let doc: Value =
        serde_json::from_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/hostile_input.json")))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(dir.path().join("c.db"));
    state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
    let reference = state.add_case(&input("Ana Souza", "")).unwrap().reference;
    let count = |state: &AppState| state.list_cases(&ListRequest::default()).unwrap().total;
    let mut tried = 0;
    for s in doc["strings"].as_array().unwrap() {
        let why = s["why"].as_str().unwrap();
        let value = expand(s["value"].as_str().unwrap());
        for field in ["name", "notes"] {
            let expected = s[field].as_str().unwrap();
            let before = count(&state);
            let attempt = if field == "name" { input(&value, "") } else { input("Ana Souza", &value) };
            match state.add_case(&attempt) {
                Ok(case) => {
                    assert_eq!(expected, "stored", "{why} as {field} was accepted");
                    let view = state.case_view(&case.reference).unwrap();
                    let got = if field == "name" { &view.detail.case.requester.name } else { &view.detail.case.notes };
                    assert_eq!(got, value.trim(), "{why} as {field}");
                }
                Err(e) => {
                    assert!(e.message.contains(expected), "{why} as {field}: {}", e.message);
                    assert_eq!((e.code, e.field.as_deref()), (Code::Validation, Some(field)), "{why}");
                    assert!(!e.message.contains("Souza"), "{why}: personal data in the error");
                    assert_eq!(count(&state), before, "{why}: nothing written");
                }
            }
            tried += 1;
        }
        // Where a reference, template, language, report or search is expected.
        let refused = |code: Code| matches!(code, Code::Validation | Code::NotFound);
        assert!(refused(state.case_view(&value).unwrap_err().code), "{why}");
        assert!(refused(state.set_legal_hold(&value, true).unwrap_err().code), "{why}");
        let ack = EventInput { event_type: "acknowledged".into(), ..EventInput::default() };
        assert!(refused(state.record_event(&value, &ack).unwrap_err().code), "{why}");
        assert!(refused(state.draft_letter(&reference, &value, "en").unwrap_err().code), "{why}");
        assert!(refused(state.draft_letter(&reference, "acknowledgement", &value).unwrap_err().code), "{why}");
        let report = ReportRequest { kind: value.clone(), year: 2026, regime: None };
        assert!(refused(state.report(&report).unwrap_err().code), "{why}");
        let search = state.list_cases(&ListRequest { search: Some(value.clone()), ..ListRequest::default() });
        assert!(search.is_ok(), "{why}: searching for it is fine");
        let note = EventInput { event_type: "note".into(), note: Some(value.clone()), ..EventInput::default() };
        match state.record_event(&reference, &note) {
            Ok(view) => assert_eq!(view.detail.events.last().unwrap().note.as_deref().unwrap_or(""), value.trim()),
            Err(e) => assert_eq!(e.code, Code::Validation, "{why}"),
        }
        tried += 9;

        // A party's name, and an item's subject and summary: like a name and notes.
        let party = PartyInput { kind: "authority".into(), name: value.clone(), ..PartyInput::default() };
        let parties = state.with_store(|s| Ok(s.parties()?.len())).unwrap();
        match state.with_store(|s| s.add_party(&party)) {
            Ok(p) => assert_eq!((s["name"].as_str(), p.name.as_str()), (Some("stored"), value.trim()), "{why}"),
            Err(e) => {
                assert_eq!((e.code, e.field.as_deref()), (Code::Validation, Some("name")), "{why}");
                assert_eq!(state.with_store(|s| Ok(s.parties()?.len())).unwrap(), parties, "{why}: nothing written");
            }
        }
        for (field, expected) in [("subject", &s["name"]), ("summary", &s["notes"])] {
            let mut item = ItemInput {
                direction: "in".into(),
                counterpart: Some("dpo".into()),
                channel: "post".into(),
                on: "2026-03-05".into(),
                subject: "Letter".into(),
                ..ItemInput::default()
            };
            if field == "subject" {
                item.subject = value.clone();
            } else {
                item.summary = Some(value.clone());
            }
            let items = state.case_view(&reference).unwrap().correspondence.len();
            match state.log_correspondence(&reference, &item) {
                Ok(view) => {
                    let logged = view.correspondence.last().unwrap();
                    let got = if field == "subject" { &logged.subject } else { &logged.summary };
                    assert_eq!((expected.as_str(), got.as_str()), (Some("stored"), value.trim()), "{why} as {field}");
                }
                Err(e) => {
                    assert_eq!((e.code, e.field.as_deref()), (Code::Validation, Some(field)), "{why} as {field}");
                    assert_eq!(
                        state.case_view(&reference).unwrap().correspondence.len(),
                        items,
                        "{why}: nothing written"
                    );
                }
            }
        }
        tried += 3;
    }
    assert!(tried >= 150, "inputs tried: {tried}");
    let verified = state.with_store(|s| s.verify_audit_chain()).unwrap();
    assert_eq!(verified.first_broken, None);
}
