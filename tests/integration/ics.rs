//! Calendar export read back by an independent parser (the `ical` crate), checked against RFC 5545's
//! rules that calendar programs rely on: CRLF, folding at 75 octets, stable UIDs, DTSTAMP, a reminder.

use crate::common;

use std::collections::BTreeSet;
use std::io::BufReader;

use common::{stderr, TestDb};

fn events(path: &std::path::Path) -> Vec<ical::parser::ical::component::IcalEvent> {
    let reader = ical::IcalParser::new(BufReader::new(std::fs::File::open(path).unwrap()));
    let calendars: Vec<_> = reader.map(|c| c.expect("the file parses")).collect();
    assert_eq!(calendars.len(), 1);
    calendars.into_iter().next().unwrap().events
}

fn prop(e: &ical::parser::ical::component::IcalEvent, name: &str) -> Option<String> {
    e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
}

#[test]
fn open_deadlines_export_as_a_valid_stable_calendar_without_names() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "150", "--seed", "8"]);
    // A name that needs escaping, on a case that is certainly open.
    let added = db.json(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "gdpr",
        "--received",
        "2026-11-20",
        "--name",
        "Smith, Jane; \"JJ\"",
        "--json",
    ]);
    let out = db.dir.path().join("deadlines.ics");
    let run = db.run(&["export", "ics", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let raw = std::fs::read(&out).unwrap();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }

    let parsed = events(&out);
    assert!(parsed.len() > 3);
    let uids: BTreeSet<String> = parsed.iter().map(|e| prop(e, "UID").unwrap()).collect();
    assert_eq!(uids.len(), parsed.len(), "one UID per deadline");
    for e in &parsed {
        assert!(prop(e, "DTSTAMP").is_some());
        let start = prop(e, "DTSTART").unwrap();
        let end = prop(e, "DTEND").unwrap();
        assert!(end > start, "all-day events end the next day");
        assert!(e.alarms.iter().any(|a| a.properties.iter().any(|p| p.name == "TRIGGER")));
        let summary = prop(e, "SUMMARY").unwrap();
        assert!(summary.starts_with("DSR-") || summary.starts_with("CMP-") || summary.starts_with("COR-"));
    }
    let reference = added["reference"].as_str().unwrap();
    assert!(uids.contains(&format!("{reference}-respond@casebook")));
    assert!(!text.contains("Smith"), "no personal data unless asked for");
    for case in db.json(&["case", "list", "--status", "new", "--json"]).as_array().unwrap() {
        assert!(!text.contains(case["requester"]["name"].as_str().unwrap()));
    }

    // Exported again: the same UIDs, so a calendar program updates instead of duplicating.
    let again = db.dir.path().join("again.ics");
    assert!(db.run(&["export", "ics", "--out", again.to_str().unwrap()]).status.success());
    let uids_again: BTreeSet<String> = events(&again).iter().map(|e| prop(e, "UID").unwrap()).collect();
    assert_eq!(uids, uids_again);

    // Names on request, escaped so they read back exactly.
    let named = db.dir.path().join("named.ics");
    assert!(db.run(&["export", "ics", "--out", named.to_str().unwrap(), "--with-names"]).status.success());
    let summaries: Vec<String> = events(&named).iter().filter_map(|e| prop(e, "SUMMARY")).collect();
    assert!(
        summaries.iter().any(|s| s.contains(r#"Smith\, Jane\; "JJ""#) || s.contains(r#"Smith, Jane; "JJ""#)),
        "{summaries:?}"
    );
}

#[test]
fn a_bad_export_request_is_refused() {
    let db = TestDb::initialised();
    let out = db.run(&["export", "xls", "--out", db.dir.path().join("x").to_str().unwrap()]);
    assert!(stderr(&out).contains("unknown export format 'xls'"));
    let out = db.run(&["export", "ics", "--out", db.dir.path().join("none/x.ics").to_str().unwrap()]);
    assert!(stderr(&out).contains("does not exist"));
}
