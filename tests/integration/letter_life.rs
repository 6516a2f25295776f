//! The life of a letter: a draft, approved (binding the hash of the exact PDF) where the office asks
//! for it, then dispatched, which is what answers the request; a late answer says why, and the
//! annual report counts from the day the letter left.

use crate::common;

use chrono::{Days, NaiveDate, Utc};
use common::{stderr, TestDb};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Today at the office, in the profile's time zone.
fn today() -> NaiveDate {
    let zone: chrono_tz::Tz = casebook::model::OrganisationProfile::sample().time_zone.parse().unwrap();
    Utc::now().with_timezone(&zone).date_naive()
}

/// A database whose office approves every response (refusals included) before it goes out.
fn approving_office() -> TestDb {
    let db = TestDb::initialised();
    let mut profile = db.json(&["profile", "show"]);
    profile["letter_approval"] = "responses".into();
    let file = db.dir.path().join("profile.json");
    std::fs::write(&file, profile.to_string()).unwrap();
    let out = db.run(&["profile", "set", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn request(db: &TestDb, received: NaiveDate, rights: &[&str]) -> String {
    let more: Vec<&str> = rights.iter().flat_map(|r| ["--right", r]).collect();
    db.add_request_on(&received.to_string(), "Ines Duarte", &more)["reference"].as_str().unwrap().to_string()
}

fn ok(db: &TestDb, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    common::stdout(&out)
}

fn show(db: &TestDb, reference: &str) -> Value {
    db.json(&["case", "show", reference, "--json"])
}

fn letter(detail: &Value, number: u64) -> Value {
    detail["letters"].as_array().unwrap().iter().find(|l| l["number"] == number).unwrap().clone()
}

fn audit(db: &TestDb, action: &str) -> Vec<Value> {
    let all = db.json(&["audit", "--json"]);
    all.as_array().unwrap().iter().filter(|r| r["action"] == action).cloned().collect()
}

#[test]
fn draft_approve_revise_approve_dispatch_and_the_case_is_responded_on_the_dispatch_day() {
    let db = approving_office();
    let reference = request(&db, today() - Days::new(3), &["erasure"]);
    let pdf = db.dir.path().join("erasure.pdf");
    let path = pdf.to_str().unwrap();

    // A draft is stored and hashed, not sent: nothing in the correspondence, the case still open.
    ok(&db, &["letter", &reference, "--template", "erasure-confirmation", "--draft", "--out", path]);
    let detail = show(&db, &reference);
    let first = letter(&detail, 1);
    assert_eq!(first["state"], "draft");
    assert_eq!(first["sha256"], hex::encode(Sha256::digest(std::fs::read(&pdf).unwrap())));
    assert!(db.json(&["case", "correspondence", "list", &reference, "--json"]).as_array().unwrap().is_empty());
    assert_eq!(detail["status"], "new");

    // Approved: who and the hash of the exact PDF, in the audit trail.
    let approved =
        db.json(&["letter", "approve", &reference, "1", "--by", "Mia Keller", "--note", "Checked", "--json"]);
    assert_eq!((approved["state"].as_str(), approved["approved_by"].as_str()), (Some("approved"), Some("Mia Keller")));
    let record = &audit(&db, "letter.approve")[0];
    let changes: Value = serde_json::from_str(record["changes"].as_str().unwrap()).unwrap();
    assert_eq!(changes["sha256"], first["sha256"]);

    // Revised: a new PDF, a draft again, approved anew before it can go out.
    ok(
        &db,
        &[
            "letter",
            "revise",
            &reference,
            "1",
            "--template",
            "erasure-confirmation",
            "--lang",
            "de",
            "--out",
            path,
            "--force",
        ],
    );
    let revised = letter(&show(&db, &reference), 1);
    assert_eq!(revised["state"], "draft");
    assert_eq!(revised["language"], "de");
    assert_ne!(revised["sha256"], first["sha256"]);
    assert_eq!(revised["sha256"], hex::encode(Sha256::digest(std::fs::read(&pdf).unwrap())));
    let out = db.run(&["letter", "dispatch", &reference, "1", "--method", "post"]);
    assert!(stderr(&out).contains("must be approved before it is sent"), "{}", stderr(&out));
    ok(&db, &["letter", "approve", &reference, "1"]);

    // Dispatched by post: logged as sent that day with its tracking number; the case is responded.
    let sent =
        db.json(&["letter", "dispatch", &reference, "1", "--method", "post", "--tracking", "RR123456785GB", "--json"]);
    assert_eq!(sent["state"], "sent");
    assert_eq!(sent["sent_on"], today().to_string());
    assert_eq!((sent["sent_method"].as_str(), sent["tracking"].as_str()), (Some("post"), Some("RR123456785GB")));
    let detail = show(&db, &reference);
    assert_eq!(detail["status"], "responded");
    let responded: Vec<&Value> =
        detail["events"].as_array().unwrap().iter().filter(|e| e["type"] == "responded").collect();
    assert_eq!(responded.len(), 1);
    assert_eq!(responded[0]["on"], today().to_string());
    assert!(detail["late"].is_null(), "answered in time");
    let items = db.json(&["case", "correspondence", "list", &reference, "--json"]);
    let item = &items.as_array().unwrap()[0];
    assert_eq!((item["direction"].as_str(), item["channel"].as_str()), (Some("out"), Some("post")));
    assert!(item["summary"].as_str().unwrap().contains("tracking RR123456785GB"), "{item}");
    assert!(db.run(&["verify"]).status.success(), "every step is in the audit trail");
}

#[test]
fn a_response_to_one_of_two_rights_answers_that_right_and_a_notice_answers_nothing() {
    let db = TestDb::initialised();
    let reference = request(&db, today() - Days::new(2), &["erasure", "access"]);
    let out = db.dir.path().join("a.pdf");
    // Without approval required, a draft may leave at once; an acknowledgement answers nothing.
    ok(&db, &["letter", &reference, "--template", "acknowledgement", "--draft", "--out", out.to_str().unwrap()]);
    ok(&db, &["letter", "dispatch", &reference, "1", "--method", "email"]);
    assert_eq!(show(&db, &reference)["status"], "new");
    ok(
        &db,
        &["letter", &reference, "--template", "access-response", "--draft", "--out", out.to_str().unwrap(), "--force"],
    );
    ok(&db, &["letter", "dispatch", &reference, "2", "--method", "portal"]);
    let detail = show(&db, &reference);
    let responded: Vec<&Value> =
        detail["events"].as_array().unwrap().iter().filter(|e| e["type"] == "responded").collect();
    assert_eq!(responded.len(), 1);
    assert_eq!(responded[0]["right"], "access", "the access response answers access only");
    assert_ne!(detail["status"], "responded", "erasure is still owed");
    // A letter saved in one step is sent today and answers what it answers.
    ok(&db, &["letter", &reference, "--template", "erasure-confirmation", "--out", out.to_str().unwrap(), "--force"]);
    let detail = show(&db, &reference);
    assert_eq!(detail["status"], "responded");
    assert_eq!(letter(&detail, 3)["state"], "sent");
}

#[test]
fn a_late_answer_asks_why_and_the_report_counts_from_the_dispatch_day() {
    let db = TestDb::initialised();
    let received = today() - Days::new(60);
    let reference = request(&db, received, &["access"]);
    let out = db.dir.path().join("a.pdf");
    ok(&db, &["letter", &reference, "--template", "access-response", "--draft", "--out", out.to_str().unwrap()]);
    let before = db.audit_records();
    let refused = db.run(&["letter", "dispatch", &reference, "1", "--method", "email"]);
    let err = stderr(&refused);
    assert!(err.contains("give the reason for lateness"), "{err}");
    assert!(!err.contains("Duarte"), "no personal data in {err}");
    assert_eq!(db.audit_records(), before, "nothing written");
    assert_eq!(letter(&show(&db, &reference), 1)["state"], "draft");

    ok(
        &db,
        &[
            "letter",
            "dispatch",
            &reference,
            "1",
            "--method",
            "email",
            "--late-reason",
            "systems",
            "--late-note",
            "Archive restore",
        ],
    );
    let detail = show(&db, &reference);
    let late = &detail["late"];
    assert_eq!(late["reason"], "systems");
    assert_eq!(late["answered"], today().to_string());
    let due: NaiveDate = detail["deadlines"]["respond_by"].as_str().unwrap().parse().unwrap();
    assert_eq!(late["days"], (today() - due).num_days());

    let year = received.format("%Y").to_string();
    let report = db.json(&["report", "annual", "--year", &year]);
    let f = &report["regimes"]["gdpr"]["access"];
    assert_eq!((f["answered"].as_u64(), f["answered_on_time"].as_u64()), (Some(1), Some(0)));
    assert_eq!(f["late_by_reason"]["systems"], 1);
    assert_eq!(f["median_days"].as_f64(), Some(60.0), "counted to the day the letter left");
}

#[test]
fn bad_letter_steps_are_refused_in_one_line_and_write_nothing() {
    let db = approving_office();
    let reference = request(&db, today() - Days::new(1), &["access"]);
    let dir = db.dir.path().join("letters");
    std::fs::create_dir(&dir).unwrap();
    let file = |n: &str| dir.join(n).to_str().unwrap().to_string();
    ok(&db, &["letter", &reference, "--template", "acknowledgement", "--out", &file("1.pdf")]);
    ok(&db, &["letter", &reference, "--template", "access-response", "--draft", "--out", &file("2.pdf")]);
    let (sent, draft) = ("1", "2");
    let before = (db.audit_records(), show(&db, &reference)["letters"].clone());
    let fill = |s: &str| {
        s.replace("@REF@", &reference)
            .replace("@SENT@", sent)
            .replace("@DRAFT@", draft)
            .replace("@TOMORROW@", &(today() + Days::new(1)).to_string())
            .replace("@YESTERDAY@", &(today() - Days::new(1)).to_string())
            .replace("@DIR@", dir.to_str().unwrap())
    };
    common::assert_refused(&db, "invalid_letter_steps.json", &fill, "Duarte");
    assert_eq!((db.audit_records(), show(&db, &reference)["letters"].clone()), before, "nothing was written");
    let mut left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["1.pdf", "2.pdf"], "no file from a refused step");
}
