//! Correcting a case: details, receipt, kind and regime change, deadlines follow, the change is
//! audited field by field; what the timeline forbids (a receipt after the first event) is refused whole.

use crate::common;

use casebook::model::{CaseFilter, CaseInput, EventInput, Kind, OrganisationProfile, Regime};
use casebook::store::Store;
use casebook::ErrorKind;
use chrono::Utc;
use common::{TestDb, PASSPHRASE};

fn input(received: &str, email: &str) -> CaseInput {
    CaseInput {
        kind: "request".into(),
        regime: "uk-gdpr".into(),
        rights: vec!["access".into()],
        received: received.into(),
        time_zone: Some("Europe/London".into()),
        name: "Ann Lee".into(),
        email: Some(email.into()),
        ..CaseInput::default()
    }
}

#[test]
fn a_corrected_receipt_moves_the_deadlines_and_the_change_is_audited() {
    let db = TestDb::new();
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    let now = Utc::now();
    let case =
        store.add_case(&input("2026-03-02T10:00", "ann@example.org").validate(store.zone(), now).unwrap()).unwrap();
    let reference = case.reference.clone();
    assert_eq!(case.deadlines.respond_by.unwrap().to_string(), "2026-04-02");
    let ack = EventInput { event_type: "acknowledged".into(), on: Some("2026-03-05".into()), ..EventInput::default() };
    store.record_event(&reference, &ack.validate(store.today()).unwrap()).unwrap();

    // Received a day earlier than typed, with a corrected email: one month from 1 March.
    let fixed = input("2026-03-01T10:00", "ann.lee@example.org").validate(store.zone(), now).unwrap();
    let detail = store.update_case(&reference, &fixed).unwrap();
    assert_eq!(detail.case.deadlines.respond_by.unwrap().to_string(), "2026-04-01");
    assert_eq!(detail.case.requester.email.as_deref(), Some("ann.lee@example.org"));
    let audit = &store.audit_page(None, None, 1).unwrap()[0];
    assert_eq!((audit.action.as_str(), audit.case_ref.as_deref()), ("case.edit", Some(reference.as_str())));
    for field in ["requester", "received_at", "deadline.respond"] {
        assert!(audit.changes.contains(field), "{field} in {}", audit.changes);
    }
    assert!(!audit.changes.contains("\"assignee\""), "unchanged fields are not listed");

    let records = store.verify_audit_chain().unwrap().records;
    // A receipt after the first event, a right of another regime, or no change at all: refused,
    // nothing written.
    let late = input("2026-03-06T10:00", "ann@example.org").validate(store.zone(), now).unwrap();
    let e = store.update_case(&reference, &late).unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Validation, Some("received")), "{}", e.message);
    let mut other = input("2026-03-01T10:00", "ann@example.org");
    other.regime = "ccpa".into();
    assert_eq!(other.validate(store.zone(), now).unwrap_err().field.as_deref(), Some("rights"));
    let e = store.update_case(&reference, &fixed).unwrap_err();
    assert!(e.message.contains("nothing was changed"), "{}", e.message);
    assert_eq!(store.verify_audit_chain().unwrap().records, records, "nothing written");
    assert_eq!(store.case(&reference).unwrap().deadlines.respond_by.unwrap().to_string(), "2026-04-01");
}

#[test]
fn a_case_opened_under_the_wrong_kind_or_regime_is_corrected_in_place() {
    let db = TestDb::new();
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    let now = Utc::now();
    let mut wrong = input("2026-07-01T10:00", "ann@example.org");
    wrong.regime = "gdpr".into();
    let reference = store.add_case(&wrong.validate(store.zone(), now).unwrap()).unwrap().reference;
    let ack = EventInput { event_type: "acknowledged".into(), on: Some("2026-07-02".into()), ..EventInput::default() };
    store.record_event(&reference, &ack.validate(store.today()).unwrap()).unwrap();

    // A UK complaint logged as an EU request: corrected, it runs on the same dates as a UK
    // complaint opened as one, under the reference it already had.
    let mut right = input("2026-07-01T10:00", "ann@example.org");
    right.kind = "complaint".into();
    right.rights = vec![];
    let right = right.validate(store.zone(), now).unwrap();
    let corrected = store.update_case(&reference, &right).unwrap().case;
    let fresh = store.add_case(&right).unwrap();
    assert_eq!(corrected.reference, reference);
    assert_eq!((corrected.kind, corrected.regime), (fresh.kind, fresh.regime));
    assert_eq!(corrected.deadlines, fresh.deadlines);
    assert_eq!(corrected.deadlines.acknowledge_by.unwrap().to_string(), "2026-07-30");
    let audit = &store.audit_page(None, None, 2).unwrap()[1];
    assert_eq!((audit.action.as_str(), audit.case_ref.as_deref()), ("case.edit", Some(reference.as_str())));
    for field in ["\"kind\"", "\"regime\"", "\"rights\"", "deadline."] {
        assert!(audit.changes.contains(field), "{field} in {}", audit.changes);
    }
    let filter = CaseFilter { kind: Some(Kind::Complaint), regime: Some(Regime::UkGdpr), ..CaseFilter::default() };
    let listed: Vec<String> = store.list_cases(&filter).unwrap().into_iter().map(|c| c.reference).collect();
    assert!(listed.contains(&reference), "listed under its corrected kind and regime: {listed:?}");

    // An export of the corrected case (a DSR reference on a complaint) starts a database of its own.
    let export = store.export_json().unwrap();
    let copy = TestDb::new();
    let (copied, _) = Store::create_from_export(&copy.path, PASSPHRASE, &export).unwrap();
    assert_eq!(copied.case(&reference).unwrap().kind, Kind::Complaint);
}

#[test]
fn linked_cases_and_deadlines_set_by_hand() {
    let db = TestDb::new();
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    let now = Utc::now();
    let a = store.add_case(&input("2026-03-02T10:00", "ann@example.org").validate(store.zone(), now).unwrap()).unwrap();
    let b = store.add_case(&input("2026-03-09T10:00", "ann@example.org").validate(store.zone(), now).unwrap()).unwrap();
    let (a, b) = (a.reference, b.reference);

    store.link_cases(&a, &b.to_lowercase()).unwrap();
    assert_eq!(store.linked_cases(&a).unwrap(), std::slice::from_ref(&b));
    assert_eq!(store.linked_cases(&b).unwrap(), std::slice::from_ref(&a), "both ways");
    let records = store.verify_audit_chain().unwrap().records;
    assert_eq!(store.link_cases(&b, &a).unwrap_err().field.as_deref(), Some("link"), "linked already");
    assert_eq!(store.link_cases(&a, &a).unwrap_err().field.as_deref(), Some("link"), "not to itself");
    assert_eq!(store.link_cases(&a, "DSR-1999-0001").unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(store.verify_audit_chain().unwrap().records, records, "refusals write nothing");
    store.unlink_cases(&b, &a).unwrap();
    assert!(store.linked_cases(&a).unwrap().is_empty());

    let due = "2026-12-15".parse().unwrap();
    store.add_manual_deadline(&a, due, "Send the ICO the documents promised").unwrap();
    assert_eq!(store.add_manual_deadline(&a, due, "  ").unwrap_err().field.as_deref(), Some("label"));
    let manual = store.case_detail(&a).unwrap().schedule.into_iter().find(|d| d.kind == "manual").unwrap();
    assert_eq!((manual.due, manual.label.as_deref()), (due, Some("Send the ICO the documents promised")));
    let calendar = store.calendar(due, due, &Default::default()).unwrap();
    assert!(calendar.iter().any(|e| e.reference == a && e.deadline == "manual"), "on the calendar");
    // A change of the receipt recomputes the statutory dates and keeps the one set by hand.
    let fixed = input("2026-03-01T10:00", "ann@example.org").validate(store.zone(), now).unwrap();
    store.update_case(&a, &fixed).unwrap();
    store.complete_manual_deadline(&a, manual.id).unwrap();
    let done = store.case_detail(&a).unwrap().schedule.into_iter().find(|d| d.kind == "manual").unwrap();
    assert!(done.met_on.is_some());
    assert_eq!(store.complete_manual_deadline(&a, manual.id).unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(store.verify_audit_chain().unwrap().first_broken, None);
}
