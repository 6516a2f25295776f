//! The breach register from the command line: a breach recorded with its clocks to the minute in
//! RFC 3339, notified late with the reasons, linked to the request it caused, in the calendar file
//! as timed events read back by an independent parser, carried through the JSON round trip; bad
//! input refused in one line with nothing written.

use crate::common;

use std::io::BufReader;

use common::{stderr, TestDb};
use serde_json::Value;

/// A GDPR breach the office in Hamburg learnt of at 10:00 on Saturday 28 March 2026, the day
/// before summer time began; the Hamburg commissioner is the authority by default.
fn breach(db: &TestDb) -> Value {
    db.json(&[
        "breach",
        "add",
        "--aware",
        "2026-03-28T10:00",
        "--tz",
        "Europe/Berlin",
        "--regime",
        "gdpr",
        "--description",
        "A misaddressed batch of order confirmations",
        "--data-category",
        "order history",
        "--subject-category",
        "customers",
        "--count",
        "DE=120",
        "--risk",
        "risk",
        "--json",
    ])
}

fn party(db: &TestDb, country: &str) -> String {
    let parties = db.json(&["party", "list", "--json"]);
    parties.as_array().unwrap().iter().find(|p| p["kind"] == "authority" && p["country"] == country).unwrap()["id"]
        .to_string()
}

#[test]
fn a_breach_has_its_72_hours_per_authority_and_a_late_notice_gives_its_reasons() {
    let db = TestDb::initialised();
    let b = breach(&db);
    let reference = b["reference"].as_str().unwrap();
    assert!(reference.starts_with("BR-") && reference.len() == 12, "{reference}");
    assert_eq!(b["aware_at"], "2026-03-28T09:00:00Z", "RFC 3339, in UTC");
    let de = party(&db, "DE");
    let clocks = b["clocks"].as_array().unwrap();
    assert_eq!(clocks.len(), 1, "one authority, no high risk: {clocks:#?}");
    let clock = &clocks[0];
    assert_eq!((clock["kind"].as_str(), clock["party_id"].to_string()), (Some("authority"), de.clone()));
    assert_eq!(clock["due_at"], "2026-03-31T09:00:00Z");
    assert!(clock["basis"].as_str().unwrap().contains("31 Mar 2026 11:00 CEST"), "{}", clock["basis"]);
    assert_eq!(clock["met_at"], Value::Null);

    // Notified a day late: the reasons are asked for, then kept.
    let before = db.audit_records();
    let late = [
        "breach",
        "notify",
        reference,
        "--to",
        "authority",
        "--party",
        &de,
        "--at",
        "2026-04-01T10:00",
        "--method",
        "portal",
    ];
    let out = db.run(&late);
    assert!(stderr(&out).contains("give the reasons for the delay"), "{}", stderr(&out));
    assert_eq!(db.audit_records(), before);
    let mut with_reasons = late.to_vec();
    with_reasons.extend([
        "--delay-reasons",
        "The scope was unclear until the mail house replied",
        "--their-reference",
        "HH-2026-114",
        "--json",
    ]);
    let notified = db.json(&with_reasons);
    let clock = &notified["clocks"][0];
    assert_eq!(clock["met_at"], "2026-04-01T08:00:00Z");
    assert_eq!(notified["notifications"][0]["their_reference"], "HH-2026-114");

    // Assessed as high risk: the data subjects' clock appears, against the office's target.
    let assessed = db.json(&[
        "breach",
        "event",
        reference,
        "--kind",
        "assessed",
        "--at",
        "2026-03-29T12:00",
        "--risk",
        "high",
        "--note",
        "Purchase histories",
        "--json",
    ]);
    let subjects: Vec<&Value> =
        assessed["clocks"].as_array().unwrap().iter().filter(|c| c["kind"] == "subjects").collect();
    assert_eq!(subjects.len(), 1);
    assert_eq!(
        (subjects[0]["target"].as_bool(), subjects[0]["due_at"].as_str()),
        (Some(true), Some("2026-03-31T09:00:00Z"))
    );

    // The request it caused.
    let case = db.add_request("Jan Kowalski")["reference"].as_str().unwrap().to_string();
    let out = db.run(&["breach", "link", reference, &case]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.json(&["breach", "show", reference, "--json"])["cases"][0], case.as_str());
    let list = db.json(&["breach", "list", "--json"]);
    assert_eq!(list[0]["reference"], reference);
    assert!(db.run(&["verify"]).status.success(), "every change is in the audit trail");
}

#[test]
fn open_clocks_are_timed_events_in_the_calendar_file() {
    let db = TestDb::initialised();
    let reference = breach(&db)["reference"].as_str().unwrap().to_string();
    let file = db.dir.path().join("c.ics");
    assert!(db.run(&["export", "ics", "--out", file.to_str().unwrap()]).status.success());
    let reader = ical::IcalParser::new(BufReader::new(std::fs::File::open(&file).unwrap()));
    let calendar = reader.map(|c| c.expect("the file parses")).next().unwrap();
    let event = calendar
        .events
        .iter()
        .find(|e| e.properties.iter().any(|p| p.name == "UID" && p.value.as_deref().unwrap().starts_with(&reference)))
        .expect("the breach's clock is in the file");
    let prop = |name: &str| event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap();
    assert_eq!(prop("DTSTART"), "20260331T090000Z", "a timed event at the instant, in UTC");
    assert!(prop("SUMMARY").contains("Hamburg"), "{}", prop("SUMMARY"));
    assert_eq!(event.alarms.len(), 1, "with a reminder");
}

#[test]
fn breaches_survive_the_json_round_trip() {
    let db = TestDb::initialised();
    let reference = breach(&db)["reference"].as_str().unwrap().to_string();
    let de = party(&db, "DE");
    let out = db.run(&[
        "breach",
        "notify",
        &reference,
        "--to",
        "authority",
        "--party",
        &de,
        "--at",
        "2026-03-30T10:00",
        "--method",
        "portal",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let one = db.dir.path().join("one.json");
    assert!(db.run(&["export", "json", "--out", one.to_str().unwrap()]).status.success());
    let fresh = TestDb::initialised();
    let out = fresh.run(&["import", "json", one.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fresh.json(&["breach", "show", &reference, "--json"]),
        db.json(&["breach", "show", &reference, "--json"])
    );
    assert!(fresh.run(&["verify"]).status.success());
}

#[test]
fn bad_breach_input_is_refused_in_one_line_and_nothing_is_written() {
    let db = TestDb::initialised();
    let reference = breach(&db)["reference"].as_str().unwrap().to_string();
    let (de, uk) = (party(&db, "DE"), party(&db, "GB"));
    let before = db.audit_records();
    let fill = |s: &str| s.replace("@BR@", &reference).replace("@DE@", &de).replace("@UK@", &uk);
    common::assert_refused(&db, "invalid_breach_input.json", &fill, "order confirmations");
    assert_eq!(db.audit_records(), before, "nothing was written");
}

#[test]
fn the_register_for_an_inspection_as_csv_and_pdf_for_a_period() {
    let db = TestDb::initialised();
    let reference = breach(&db)["reference"].as_str().unwrap().to_string();
    let csv = db.dir.path().join("register.csv");
    let out = db.run(&["breach", "register", "--format", "csv", "--out", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&header[..3], ["reference", "aware_at", "time_zone"]);
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    assert_eq!((&records[0][0], &records[0][1]), (reference.as_str(), "2026-03-28T09:00:00+00:00"));

    let pdf = db.dir.path().join("register.pdf");
    let out = db.run(&["breach", "register", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Register of personal-data breaches") && text.contains(&reference), "{text}");
    assert!(text.contains("A misaddressed batch of order confirmations"), "{text}");

    // A period without it: an empty register.
    let out = db.run(&[
        "breach",
        "register",
        "--format",
        "csv",
        "--from",
        "2026-04-01",
        "--out",
        csv.to_str().unwrap(),
        "--force",
    ]);
    assert!(common::stdout(&out).contains("0 breach(es)"), "{}", common::stdout(&out));
}

#[test]
fn letters_to_the_authority_and_to_the_people_in_three_languages() {
    let db = TestDb::initialised();
    let b = db.json(&[
        "breach",
        "add",
        "--aware",
        "2026-03-28T10:00",
        "--tz",
        "Europe/Berlin",
        "--regime",
        "gdpr",
        "--description",
        "A laptop with HR exports was stolen",
        "--data-category",
        "salary data",
        "--subject-category",
        "employees",
        "--count",
        "DE=45",
        "--consequences",
        "Identity fraud is possible.",
        "--measures",
        "Remote wipe; passwords reset.",
        "--risk",
        "high",
        "--json",
    ]);
    let reference = b["reference"].as_str().unwrap();
    let read = |args: &[&str], file: &str| -> String {
        let out = db.dir.path().join(file);
        let mut all = args.to_vec();
        all.extend(["--out", out.to_str().unwrap()]);
        let run = db.run(&all);
        assert!(run.status.success(), "{all:?}: {}", stderr(&run));
        let text = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", out.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    // The 72 hours are long past: the notification asks for the reasons, then gives them.
    let out = db.run(&[
        "breach",
        "letter",
        reference,
        "--template",
        "authority-notification",
        "--out",
        db.dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert!(stderr(&out).contains("needs the reasons for the delay"), "{}", stderr(&out));
    let late = [
        "breach",
        "letter",
        reference,
        "--template",
        "authority-notification",
        "--delay-reasons",
        "The theft was reported to us late.",
    ];
    let en = read(&late, "en.pdf");
    for expected in [
        "Article 33",
        "Hamburg Commissioner",
        "salary data",
        "45 (DE 45)",
        "Identity fraud is possible.",
        "Remote wipe",
        "The theft was reported to us late.",
        "PLANIT // LEGAL",
    ] {
        assert!(en.contains(expected), "{expected:?} missing from {en}");
    }
    let mut de_args = late.to_vec();
    de_args.extend(["--lang", "de"]);
    assert!(read(&de_args, "de.pdf").contains("Artikel 33 der Datenschutz-Grundverordnung"));
    let ja = read(&["breach", "letter", reference, "--template", "subject-communication", "--lang", "ja"], "ja.pdf");
    assert!(ja.contains("お客様の個人データに関する重要なお知らせ") && ja.contains(reference), "{ja}");
    let en_people = read(&["breach", "letter", reference, "--template", "subject-communication"], "people.pdf");
    assert!(en_people.contains("What this may mean for you") && !en_people.contains("Hamburg"), "{en_people}");
}

#[test]
fn a_breach_is_completed_as_the_investigation_goes_on_audited_field_by_field() {
    let db = TestDb::initialised();
    let reference = breach(&db)["reference"].as_str().unwrap().to_string();
    let edited = db.json(&[
        "breach",
        "edit",
        &reference,
        "--count",
        "DE=150",
        "--count",
        "AT=12",
        "--consequences",
        "Targeted phishing is likely.",
        "--risk",
        "high",
        "--json",
    ]);
    assert_eq!(edited["counts"], serde_json::json!({ "AT": 12, "DE": 150 }), "one place changed, one added");
    assert_eq!(edited["description"], "A misaddressed batch of order confirmations", "what was not given stays");
    assert!(
        edited["clocks"].as_array().unwrap().iter().any(|c| c["kind"] == "subjects"),
        "high risk: the people's clock"
    );
    let audit = db.json(&["audit", "--case", &reference, "--limit", "1", "--json"]);
    assert_eq!(audit[0]["action"], "breach.edit");
    let changes: Value = serde_json::from_str(audit[0]["changes"].as_str().unwrap()).unwrap();
    assert_eq!(changes["counts"][1]["DE"], 150);
    assert_eq!(changes["consequences"], "changed", "free text stays out of the audit record");
    assert!(changes.get("description").is_none());

    let before = db.audit_records();
    for (args, error) in [
        (vec!["breach", "edit", &reference, "--risk", "high"], "already says that"),
        (vec!["breach", "edit", &reference, "--count", "DE=lots"], "the count for DE is not a number"),
        (vec!["breach", "edit", &reference, "--aware", "2099-01-01T00:00"], "aware must not be in the future"),
        (
            vec!["breach", "add", "--tz", "Europe/Berlin", "--regime", "gdpr", "--description", "x"],
            "a new breach needs --aware",
        ),
    ] {
        let out = db.run(&args);
        assert!(stderr(&out).contains(error), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(db.audit_records(), before, "nothing written");
    assert!(db.run(&["verify"]).status.success());
}
