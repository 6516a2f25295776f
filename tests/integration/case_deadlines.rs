//! Deadlines wired into cases: computed on add, recomputed by every event that moves them, stored
//! with their basis, audited, and used for filtering and sorting.

use crate::common;

use common::{stderr, TestDb};
use serde_json::Value;

fn add(db: &TestDb, args: &[&str]) -> Value {
    let mut full = vec!["case", "add", "--kind", "request", "--name", "Ann Lee", "--json"];
    full.extend_from_slice(args);
    db.json(&full)
}

fn event(db: &TestDb, reference: &str, args: &[&str]) -> Value {
    let mut full = vec!["case", "event", reference, "--json"];
    full.extend_from_slice(args);
    db.json(&full)
}

fn schedule(case: &Value, kind: &str) -> Value {
    case["schedule"].as_array().unwrap().iter().find(|d| d["kind"] == kind).cloned().unwrap_or(Value::Null)
}

#[test]
fn adding_a_case_computes_its_deadlines_in_the_receiving_office_zone() {
    let db = TestDb::initialised();
    // 23:58 in London is still 6 March there (already 7 March in Tokyo, the profile's zone).
    let case = add(&db, &["--regime", "uk-gdpr", "--received", "2026-03-06T23:58", "--tz", "Europe/London"]);
    assert_eq!(case["received"], "2026-03-06");
    assert_eq!(case["deadlines"]["respond_by"], "2026-04-07");
    assert_eq!(case["deadlines"]["extension_notice_by"], "2026-04-07");
    assert_eq!(case["deadlines"]["extended_respond_by"], "2026-06-08");
    assert_eq!(case["deadlines"]["acknowledge_by"], Value::Null);

    let shown = db.json(&["case", "show", case["reference"].as_str().unwrap(), "--json"]);
    let respond = schedule(&shown, "respond");
    assert_eq!(respond["state"], "overdue", "a March 2026 deadline is past");
    assert!(respond["basis"].as_str().unwrap().contains("6 Apr 2026 is Easter Monday"));
    assert_eq!(schedule(&shown, "extended-respond")["conditional"], true);
}

#[test]
fn ccpa_cases_get_the_acknowledgement_and_opt_outs_the_short_rule() {
    let db = TestDb::initialised();
    let know =
        add(&db, &["--regime", "ccpa", "--right", "know", "--received", "2025-11-26", "--tz", "America/Los_Angeles"]);
    assert_eq!(know["deadlines"]["acknowledge_by"], "2025-12-11");
    assert_eq!(know["deadlines"]["respond_by"], "2026-01-10");
    let opt_out = add(
        &db,
        &["--regime", "ccpa", "--right", "opt-out", "--received", "2026-01-31", "--tz", "America/Los_Angeles"],
    );
    assert_eq!(opt_out["deadlines"]["respond_by"], "2026-02-23");
    assert_eq!(opt_out["deadlines"]["extended_respond_by"], Value::Null);
    let appi = add(&db, &["--regime", "appi", "--received", "2026-04-22"]);
    assert_eq!(appi["deadlines"]["respond_by"], "2026-05-07");
    assert_eq!(appi["deadlines"]["risk_from"], "2026-05-07");
}

#[test]
fn events_recompute_the_dates_and_the_audit_records_the_move() {
    let db = TestDb::initialised();
    let case = add(&db, &["--regime", "uk-gdpr", "--received", "2026-03-02T10:00", "--tz", "Europe/London"]);
    let r = case["reference"].as_str().unwrap();
    assert_eq!(case["deadlines"]["respond_by"], "2026-04-02");
    event(&db, r, &["--type", "clarification-requested", "--on", "2026-03-04"]);
    let answered = event(&db, r, &["--type", "clarification-received", "--on", "2026-03-13"]);
    assert_eq!(answered["deadlines"]["respond_by"], "2026-04-13");
    assert_eq!(answered["deadlines"]["extended_respond_by"], "2026-06-12");

    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    let changes: String = raw
        .query_row("SELECT changes FROM audit_log WHERE action = 'case.event' ORDER BY seq DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let changes: Value = serde_json::from_str(&changes).unwrap();
    // While clarification was awaited the pause ran up to today; the answer fixes it at 10 days.
    assert_eq!(changes["deadline.respond"][1], "2026-04-13");
    assert_ne!(changes["deadline.respond"][0], "2026-04-13");
}

#[test]
fn identity_moves_the_uk_start_and_pauses_the_eu_clock() {
    let db = TestDb::initialised();
    let uk = add(&db, &["--regime", "uk-gdpr", "--received", "2026-02-20T09:00", "--tz", "Europe/London"]);
    let r = uk["reference"].as_str().unwrap();
    event(&db, r, &["--type", "id-requested", "--on", "2026-02-21"]);
    let done = event(&db, r, &["--type", "id-received", "--on", "2026-03-06"]);
    assert_eq!(done["deadlines"]["respond_by"], "2026-04-07");
    assert_eq!(done["deadlines"]["extended_respond_by"], "2026-06-08");

    let eu = add(&db, &["--regime", "gdpr", "--received", "2026-03-02T09:00", "--tz", "Europe/Berlin"]);
    let r = eu["reference"].as_str().unwrap();
    event(&db, r, &["--type", "id-requested", "--on", "2026-03-03"]);
    let done = event(&db, r, &["--type", "id-received", "--on", "2026-03-09"]);
    // Hamburg calendar (the EU representative's): 2 Apr + 7 paused days = 9 Apr 2026, a Thursday.
    assert_eq!(done["deadlines"]["respond_by"], "2026-04-09");
}

#[test]
fn an_extension_after_its_notice_date_or_where_none_exists_is_refused() {
    let db = TestDb::initialised();
    let case = add(&db, &["--regime", "gdpr", "--received", "2026-01-31", "--tz", "Europe/Dublin"]);
    let r = case["reference"].as_str().unwrap();
    // Hamburg calendar: 28 Feb 2026 is a Saturday, so the notice date is 2 Mar.
    let out = db.run(&["case", "event", r, "--type", "extended", "--on", "2026-03-03"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("too late to extend: the extension had to be announced by 2026-03-02"),
        "{}",
        stderr(&out)
    );
    let extended = event(&db, r, &["--type", "extended", "--on", "2026-03-02"]);
    assert_eq!(extended["status"], "extended");
    let ext = schedule(&extended, "extended-respond");
    assert_eq!((ext["due"].as_str(), ext["conditional"].as_bool()), (Some("2026-04-30"), Some(false)));

    let opt_out = add(
        &db,
        &["--regime", "ccpa", "--right", "opt-out", "--received", "2026-01-31", "--tz", "America/Los_Angeles"],
    );
    let out =
        db.run(&["case", "event", opt_out["reference"].as_str().unwrap(), "--type", "extended", "--on", "2026-02-02"]);
    assert!(stderr(&out).contains("ccpa opt-out requests cannot be extended"), "{}", stderr(&out));
}

#[test]
fn events_in_an_impossible_order_are_refused_and_write_nothing() {
    let db = TestDb::initialised();
    let case = add(&db, &["--regime", "uk-gdpr", "--received", "2026-03-02T09:00", "--tz", "Europe/London"]);
    let r = case["reference"].as_str().unwrap();
    event(&db, r, &["--type", "id-requested", "--on", "2026-03-10"]);
    let records = db.audit_records();
    let out = db.run(&["case", "event", r, "--type", "id-received", "--on", "2026-03-05"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("identity was received (2026-03-05) before it was requested (2026-03-10)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(db.audit_records(), records);
}

#[test]
fn due_before_filters_and_the_list_sorts_by_the_current_due_date() {
    let db = TestDb::initialised();
    let late = add(&db, &["--regime", "gdpr", "--received", "2026-06-01", "--tz", "Europe/Berlin"]);
    let early = add(&db, &["--regime", "gdpr", "--received", "2026-05-04", "--tz", "Europe/Berlin"]);
    let closed = add(&db, &["--regime", "gdpr", "--received", "2026-04-01", "--tz", "Europe/Berlin"]);
    let r = closed["reference"].as_str().unwrap();
    event(&db, r, &["--type", "responded", "--on", "2026-04-20"]);
    let refs = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["case", "list", "--json"];
        full.extend_from_slice(args);
        db.json(&full).as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_string()).collect()
    };
    let (early, late) = (early["reference"].as_str().unwrap(), late["reference"].as_str().unwrap());
    assert_eq!(refs(&[]), [early, late, r], "open cases by due date, answered ones last");
    assert_eq!(refs(&["--due-before", "2026-06-04"]), [early]);
    assert_eq!(refs(&["--due-before", "2026-07-31"]), [early, late]);
}

#[test]
fn closure_days_move_open_deadlines_and_are_audited() {
    let db = TestDb::initialised();
    let case = add(&db, &["--regime", "gdpr", "--received", "2026-05-04", "--tz", "Europe/Berlin"]);
    let r = case["reference"].as_str().unwrap();
    assert_eq!(case["deadlines"]["respond_by"], "2026-06-04");
    let out = db.run(&["closure", "add", "2026-06-04", "--note", "Office move"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = db.json(&["case", "show", r, "--json"]);
    assert_eq!(shown["deadlines"]["respond_by"], "2026-06-05");
    assert!(schedule(&shown, "respond")["basis"].as_str().unwrap().contains("4 Jun 2026 is an office closure day"));
    assert_eq!(db.json(&["closure", "list", "--json"])[0]["note"], "Office move");
    assert!(!db.run(&["closure", "add", "2026-06-04"]).status.success(), "twice is refused");
    assert!(db.run(&["closure", "remove", "2026-06-04"]).status.success());
    assert_eq!(db.json(&["case", "show", r, "--json"])["deadlines"]["respond_by"], "2026-06-04");
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn changing_the_profile_calendar_recomputes_open_requests() {
    let db = TestDb::initialised();
    // 2 Jan 2026 + 1 month = 2 Feb 2026: St Brigid's Day in Ireland, a working day in Hamburg.
    let case = add(&db, &["--regime", "gdpr", "--received", "2026-01-02", "--tz", "Europe/Dublin"]);
    let r = case["reference"].as_str().unwrap();
    assert_eq!(case["deadlines"]["respond_by"], "2026-02-02");
    let mut profile = db.json(&["profile", "show"]);
    profile["calendars"]["gdpr"] = "ie".into();
    let file = db.dir.path().join("profile.json");
    std::fs::write(&file, profile.to_string()).unwrap();
    let out = db.run(&["profile", "set", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.json(&["case", "show", r, "--json"])["deadlines"]["respond_by"], "2026-02-03");

    profile["calendars"]["gdpr"] = "atlantis".into();
    std::fs::write(&file, profile.to_string()).unwrap();
    let out = db.run(&["profile", "set", file.to_str().unwrap()]);
    assert!(stderr(&out).contains("unknown calendar 'atlantis'"), "{}", stderr(&out));
}

#[test]
fn open_cases_computed_by_older_rules_are_recomputed_once_with_the_moves_audited() {
    let db = TestDb::initialised();
    let case = add(
        &db,
        &[
            "--regime",
            "ccpa",
            "--right",
            "know",
            "--right",
            "opt-out",
            "--received",
            "2025-11-26",
            "--tz",
            "America/Los_Angeles",
        ],
    );
    let reference = case["reference"].as_str().unwrap();
    assert_eq!(case["deadlines"]["respond_by"], "2025-12-18");
    // What the older rules left: the first right's 45 days only, and no mark of the rules' version.
    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    raw.execute_batch(
        "DELETE FROM deadlines WHERE \"right\" IS NOT NULL;
         UPDATE deadlines SET due_on = '2026-01-10' WHERE kind = 'respond';
         DELETE FROM settings WHERE key = 'deadline_rules';",
    )
    .unwrap();
    drop(raw);

    let shown = db.json(&["case", "show", reference, "--json"]);
    assert_eq!(shown["deadlines"]["respond_by"], "2025-12-18");
    assert_eq!(shown["deadlines_by_right"]["opt-out"]["respond_by"], "2025-12-18");
    assert_eq!(shown["deadlines_by_right"]["know"]["respond_by"], "2026-01-10");
    let record = &db.json(&["audit", "--limit", "1", "--json"])[0];
    assert_eq!(record["action"], "deadlines.recompute");
    let changes: Value = serde_json::from_str(record["changes"].as_str().unwrap()).unwrap();
    assert_eq!(changes["moved"][reference]["deadline.respond"], serde_json::json!(["2026-01-10", "2025-12-18"]));
    assert_eq!(changes["moved"][reference]["deadline.opt-out.respond"], serde_json::json!([null, "2025-12-18"]));

    // Once: the next open writes nothing.
    let records = db.audit_records();
    db.json(&["case", "show", reference, "--json"]);
    assert_eq!(db.audit_records(), records);
}

#[test]
fn a_request_refused_because_identity_failed_says_so_in_its_letter() {
    let db = TestDb::initialised();
    let case = add(&db, &["--regime", "gdpr", "--received", "2026-03-02"]);
    let reference = case["reference"].as_str().unwrap();
    event(&db, reference, &["--type", "id-requested", "--on", "2026-03-03"]);
    let rejected = event(
        &db,
        reference,
        &[
            "--type",
            "rejected",
            "--on",
            "2026-03-20",
            "--outcome",
            "id-failed",
            "--reason",
            "The copy of the passport was illegible.",
        ],
    );
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["outcome"], "id-failed");
    let pdf = db.dir.path().join("refusal.pdf");
    let out = db.run(&["letter", reference, "--template", "refusal", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("We could not verify your identity with the information provided"), "{text}");
    assert!(text.contains("The copy of the passport was illegible."), "{text}");
    // Only a rejection for failed identity takes an outcome; a denial is recorded by closing.
    let case = add(&db, &["--regime", "gdpr", "--received", "2026-03-02"]);
    let out = db.run(&[
        "case",
        "event",
        case["reference"].as_str().unwrap(),
        "--type",
        "rejected",
        "--outcome",
        "denied",
        "--reason",
        "x",
    ]);
    assert!(stderr(&out).contains("a rejection's only outcome is id-failed"), "{}", stderr(&out));
}

#[test]
fn a_response_per_right_is_refused_for_a_right_the_request_lacks_and_for_other_events() {
    let db = TestDb::initialised();
    let case = add(&db, &["--regime", "ccpa", "--right", "know", "--right", "opt-out", "--received", "2025-11-26"]);
    let reference = case["reference"].as_str().unwrap();
    for (args, message) in [
        (vec!["--type", "responded", "--right", "delete"], "has no right delete (its rights: know, opt-out)"),
        (vec!["--type", "acknowledged", "--right", "know"], "only a response, an extension or a closure"),
        (vec!["--type", "extended", "--right", "opt-out"], "ccpa opt-out requests cannot be extended"),
    ] {
        let mut full = vec!["case", "event", reference];
        full.extend(args);
        let out = db.run(&full);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
    event(&db, reference, &["--type", "responded", "--right", "opt-out", "--on", "2025-12-01"]);
    let out = db.run(&["case", "event", reference, "--type", "responded", "--right", "opt-out"]);
    assert!(stderr(&out).contains("opt-out was already responded"), "{}", stderr(&out));
}
