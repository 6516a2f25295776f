//! The deadline engine against the vectors in tests/data/deadlines.tsv (the public ones from
//! deadlines.md and our own edge cases), in-process; then `casebook deadline` for its contract: the
//! basis of each date in its JSON, and refusals in one line.

use crate::common;

use casebook::app::deadline::{check, Query};
use chrono::NaiveDate;
use common::{data, stderr, TestDb};

// The columns of deadlines.tsv: regime, right, received, calendar, id-requested, id-received,
// clarification-requested, clarification-received, then the five dates as `casebook deadline --json` names them.

#[test]
fn every_vector_comes_out_exactly() {
    let rows: Vec<Vec<&str>> =
        data("deadlines.tsv").leak().lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 36, "all vectors are read");
    let today = NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
    let mut failures = Vec::new();
    for row in &rows {
        let given = |i: usize| Some(row[i].to_string()).filter(|v| v != "-");
        let query = Query {
            regime: row[0].into(),
            right: given(1),
            received: row[2].into(),
            calendar: given(3),
            id_requested: given(4),
            id_received: given(5),
            clarification_requested: given(6),
            clarification_received: given(7),
            ..Query::default()
        };
        let checked = check(&query, today).unwrap_or_else(|e| panic!("{row:?}: {}", e.message));
        for ((key, date), i) in checked.named().iter().zip(8..) {
            let found = date.map_or("-".to_string(), |d| d.date.to_string());
            if found != row[i] {
                failures
                    .push(format!("{} {} {} {}: {key} = {found}, expected {}", row[0], row[1], row[2], row[3], row[i]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_basis_names_the_article_and_every_adjustment() {
    let db = TestDb::new();
    let json = db.json(&[
        "deadline",
        "--regime",
        "uk-gdpr",
        "--received",
        "2026-03-02",
        "--calendar",
        "gb-eng",
        "--clarification-requested",
        "2026-03-04",
        "--clarification-received",
        "2026-03-13",
        "--json",
    ]);
    let basis = json["basis"][0].as_str().unwrap();
    for part in
        ["UK GDPR Art. 12(3)", "plus 10 days paused awaiting clarification", "12 Apr 2026 is a Sunday", "13 Apr 2026"]
    {
        assert!(basis.contains(part), "{part} missing from {basis}");
    }
    let json = db.json(&["deadline", "--regime", "gdpr", "--received", "2025-01-31", "--calendar", "ie", "--json"]);
    assert!(json["basis"][0].as_str().unwrap().contains("no day 31 in February, so the month's last day, 28 Feb 2025"));
    let json = db.json(&["deadline", "--regime", "gdpr", "--received", "2026-03-06", "--calendar", "ie", "--json"]);
    assert!(json["basis"][0].as_str().unwrap().contains("6 Apr 2026 is Easter Monday"));
    let json = db.json(&["deadline", "--regime", "appi", "--received", "2026-04-22", "--json"]);
    assert!(json["basis"][1].as_str().unwrap().contains("APPI Art. 39"));
    assert!(json["basis"][1]
        .as_str()
        .unwrap()
        .contains("6 May 2026 is the substitute day for Constitution Memorial Day"));
}

#[test]
fn an_unanswered_request_for_information_stops_the_clock_until_today() {
    let db = TestDb::new();
    let json = db.json(&[
        "deadline",
        "--regime",
        "uk-gdpr",
        "--received",
        "2026-03-02",
        "--calendar",
        "gb-eng",
        "--clarification-requested",
        "2026-03-04",
        "--today",
        "2026-03-10",
        "--json",
    ]);
    // 2 Apr + 7 paused days (4-10 Mar) = 9 Apr.
    assert_eq!(json["respond_by"], "2026-04-09");
    assert_eq!(json["waiting_since"], "2026-03-04");
}

#[test]
fn a_uk_complaint_is_acknowledged_within_30_days_beginning_on_receipt() {
    let db = TestDb::new();
    let json =
        db.json(&["deadline", "--kind", "complaint", "--regime", "uk-gdpr", "--received", "2026-07-01", "--json"]);
    assert_eq!(json["acknowledge_by"], "2026-07-30");
    assert_eq!(json["respond_by"], "2026-07-31");
    let before =
        db.json(&["deadline", "--kind", "complaint", "--regime", "uk-gdpr", "--received", "2026-06-18", "--json"]);
    assert_eq!(before["acknowledge_by"], serde_json::Value::Null, "s.164A applies from 19 Jun 2026");
}

#[test]
fn bad_input_and_impossible_orders_are_refused() {
    let db = TestDb::new();
    for (args, error) in [
        (vec!["--regime", "lgpd", "--received", "2026-03-02"], "unknown regime 'lgpd'"),
        (
            vec!["--regime", "ccpa", "--received", "2026-03-02", "--right", "erasure"],
            "right 'erasure' does not exist under ccpa",
        ),
        (vec!["--regime", "gdpr", "--received", "2026-03-02", "--calendar", "xx"], "unknown calendar 'xx'"),
        (vec!["--regime", "gdpr", "--received", "2026-13-02"], "is not a valid date"),
        (
            vec!["--regime", "gdpr", "--received", "2101-03-02", "--calendar", "ie"],
            "outside the supported years 1990–2100",
        ),
        (vec!["--regime", "gdpr", "--received", "2100-12-15"], "outside the supported years"),
        (
            vec!["--regime", "gdpr", "--received", "2018-05-24"],
            "before the law applied: the GDPR applies from 25 May 2018",
        ),
        (vec!["--regime", "ccpa", "--received", "2019-12-31"], "the CCPA applies from 1 Jan 2020"),
        (vec!["--regime", "ccpa", "--right", "correct", "--received", "2022-12-31"], "apply from 1 Jan 2023"),
        (
            vec!["--regime", "ccpa", "--right", "opt-out", "--received", "2035-12-20", "--calendar", "us-ca"],
            "the us-ca calendar's holidays are known only to 2035-12-31",
        ),
        (
            vec!["--regime", "gdpr", "--received", "2026-03-02", "--extended", "2026-03-01", "--today", "2026-03-20"],
            "the extension (2026-03-01) cannot be dated before the request was received (2026-03-02)",
        ),
        (
            vec!["--regime", "gdpr", "--received", "2026-03-02", "--extended", "2026-03-25", "--today", "2026-03-20"],
            "an extension must not be dated in the future",
        ),
        (
            vec!["--regime", "gdpr", "--received", "2026-03-02", "--id-received", "2026-03-05"],
            "identity was received but never requested",
        ),
        (
            vec![
                "--regime",
                "gdpr",
                "--received",
                "2026-03-02",
                "--id-requested",
                "2026-03-05",
                "--id-received",
                "2026-03-04",
            ],
            "identity was received (2026-03-04) before it was requested (2026-03-05)",
        ),
        (
            vec!["--regime", "uk-gdpr", "--received", "2026-03-02", "--clarification-requested", "2026-03-01"],
            "clarification was requested (2026-03-01) before the request was received",
        ),
        (
            vec!["--regime", "gdpr", "--received", "2026-01-31", "--calendar", "ie", "--extended", "2026-03-03"],
            "too late to extend: the extension had to be announced by 2026-03-02",
        ),
        (
            vec!["--regime", "ccpa", "--right", "opt-out", "--received", "2026-01-31", "--extended", "2026-02-03"],
            "ccpa opt-out requests cannot be extended",
        ),
        (vec!["--regime", "appi", "--received", "2026-01-31", "--extended", "2026-02-03"], "cannot be extended"),
    ] {
        let mut full = vec!["deadline"];
        full.extend(args.iter());
        let out = db.run(&full);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = stderr(&out);
        assert!(err.contains(error), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1);
    }
    // On the last day it is still in time.
    assert!(db
        .run(&[
            "deadline",
            "--regime",
            "gdpr",
            "--received",
            "2026-01-31",
            "--calendar",
            "ie",
            "--extended",
            "2026-03-02"
        ])
        .status
        .success());
}
