//! Correspondence and the address book through the command line: parties added, corrected and
//! retired; items logged by hand with attachments saved back identical; reply-by dates kept as
//! deadlines until answered; emails matched to the address book; bad input refused, nothing written.

use crate::common;

use common::{stderr, TestDb};
use serde_json::Value;

fn eml(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eml").join(name).to_string_lossy().into_owned()
}

/// Logs an item on `case` with `casebook case correspondence add`; returns it as JSON.
fn log_item(db: &TestDb, case: &str, args: &[&str]) -> Value {
    let mut all = vec!["case", "correspondence", "add", case];
    all.extend_from_slice(args);
    all.push("--json");
    db.json(&all)
}

/// A posted letter from the DPO, early in every test case's life.
const LETTER_FROM_DPO: &[&str] =
    &["--direction", "in", "--counterpart", "dpo", "--channel", "post", "--on", "2026-03-05", "--subject", "Letter"];

fn party_id(db: &TestDb, kind: &str) -> i64 {
    let parties = db.json(&["party", "list", "--json"]);
    parties.as_array().unwrap().iter().find(|p| p["kind"] == kind).unwrap()["id"].as_i64().unwrap()
}

#[test]
fn a_party_is_added_corrected_and_retired_with_its_history_kept() {
    let db = TestDb::initialised();
    let added = db.json(&[
        "party",
        "add",
        "--kind",
        "authority",
        "--name",
        "Datenschutzbehörde",
        "--email",
        "dsb@dsb.gv.at",
        "--address",
        "Barichgasse 40-42 / 1030 Wien",
        "--country",
        "at",
        "--json",
    ]);
    let id = added["id"].as_i64().unwrap();
    assert_eq!((added["kind"].as_str(), added["country"].as_str()), (Some("authority"), Some("AT")));
    assert_eq!(added["address"], serde_json::json!(["Barichgasse 40-42", "1030 Wien"]));
    let listed = db.json(&["party", "list", "--json"]);
    let found = listed.as_array().unwrap().iter().find(|p| p["id"] == id).unwrap();
    assert_eq!((found["name"].as_str(), found["email"].as_str()), (Some("Datenschutzbehörde"), Some("dsb@dsb.gv.at")));

    let edited = db.json(&["party", "edit", &id.to_string(), "--phone", "+43 1 52 152-0", "--json"]);
    assert_eq!(
        (edited["phone"].as_str(), edited["name"].as_str()),
        (Some("+43 1 52 152-0"), Some("Datenschutzbehörde"))
    );

    let case = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    let item = log_item(
        &db,
        &case,
        &[
            "--direction",
            "in",
            "--party",
            &id.to_string(),
            "--channel",
            "post",
            "--on",
            "2026-03-05",
            "--subject",
            "Inquiry",
        ],
    );
    assert_eq!((item["counterpart"].as_str(), item["party_id"].as_i64()), (Some("authority"), Some(id)));

    let out = db.run(&["party", "retire", &id.to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = db.json(&["party", "show", &id.to_string(), "--json"]);
    assert!(shown["retired_on"].is_string());
    let thread = db.json(&["correspondence", "list", "--party", &id.to_string(), "--json"]);
    assert_eq!(thread.as_array().unwrap().len(), 1, "a retired party keeps its history");

    let audit = db.json(&["audit", "--limit", "10", "--json"]);
    let actions: Vec<&str> = audit.as_array().unwrap().iter().filter_map(|r| r["action"].as_str()).collect();
    for action in ["party.add", "party.edit", "party.retire", "correspondence.add"] {
        assert!(actions.contains(&action), "{action} audited: {actions:?}");
    }
    assert!(db.run(&["verify"]).status.success());

    // A profile file's parties do not change the address book, and the command says so.
    let mut profile = db.json(&["profile", "show"]);
    profile["parties"] = serde_json::json!([{ "kind": "dpo", "name": "Someone else" }]);
    let file = db.dir.path().join("profile.json");
    std::fs::write(&file, profile.to_string()).unwrap();
    let before = db.json(&["party", "list", "--json"]);
    let out = db.run(&["profile", "set", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("the address book is kept with `casebook party`"), "{}", stderr(&out));
    assert_eq!(db.json(&["party", "list", "--json"]), before);
}

#[test]
fn a_posted_letter_is_logged_found_in_the_thread_and_by_search_and_saved_back_identical() {
    let db = TestDb::initialised();
    let eu = party_id(&db, "eu-representative");
    let case = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    let scan: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let path = db.dir.path().join("scan from Hamburg.pdf");
    std::fs::write(&path, &scan).unwrap();
    let item = log_item(
        &db,
        &case,
        &[
            "--direction",
            "in",
            "--party",
            &eu.to_string(),
            "--channel",
            "post",
            "--on",
            "2026-03-05T14:30",
            "--subject",
            "Regulator's questionnaire forwarded",
            "--summary",
            "Questions of the Hamburg Commissioner",
            "--attach",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(item["on"], "2026-03-05T14:30");
    assert_eq!(item["counterpart"], "eu-representative");
    assert_eq!(item["attachments"][0]["name"], "scan from Hamburg.pdf");
    assert_eq!(item["attachments"][0]["size"], 70_000);

    let thread = db.json(&["correspondence", "list", "--party", &eu.to_string(), "--from", "2026-03-01", "--json"]);
    assert_eq!(thread[0]["id"], item["id"]);
    assert_eq!(thread[0]["case"], case.as_str());
    let later = db.json(&["correspondence", "list", "--party", &eu.to_string(), "--from", "2026-03-06", "--json"]);
    assert_eq!(later.as_array().unwrap().len(), 0, "the date range applies");

    let found = db.json(&["case", "list", "--search", "questionnaire", "--json"]);
    assert_eq!(found[0]["reference"], case.as_str(), "search covers correspondence subjects");

    let csv_path = db.dir.path().join("cases.csv");
    assert!(db.run(&["export", "csv", "--out", csv_path.to_str().unwrap()]).status.success());
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let (header, row) = csv.trim_start_matches('\u{feff}').split_once("\r\n").unwrap();
    assert!(header.ends_with(",correspondence_items,last_correspondence"), "{header}");
    assert!(row.trim_end().ends_with(",1,2026-03-05"), "{row}");

    let out = db.dir.path().join("copy.pdf");
    let id = item["id"].as_i64().unwrap().to_string();
    let saved = db.run(&["case", "file", &case, &id, "--out", out.to_str().unwrap()]);
    assert!(saved.status.success(), "{}", stderr(&saved));
    assert_eq!(std::fs::read(&out).unwrap(), scan);
    let again = db.run(&["case", "file", &case, &format!("{id}/1"), "--out", out.to_str().unwrap()]);
    assert!(!again.status.success(), "an existing file is not replaced without --force");

    // A stored copy that no longer matches its SHA-256 is reported as damage, and nothing is written.
    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    raw.execute("UPDATE attachments SET bytes = x'00'", []).unwrap();
    drop(raw);
    let damaged = db.dir.path().join("damaged.pdf");
    let out = db.run(&["case", "file", &case, &id, "--out", damaged.to_str().unwrap()]);
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert!(!damaged.exists());
}

#[test]
fn a_reply_asked_for_is_a_deadline_until_an_outgoing_item_to_the_same_party_answers_it() {
    let db = TestDb::initialised();
    let ico = db
        .json(&["party", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Information Commissioner's Office")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let dpo = party_id(&db, "dpo").to_string();
    let case = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    let asked = log_item(
        &db,
        &case,
        &[
            "--direction",
            "in",
            "--party",
            &ico,
            "--channel",
            "phone",
            "--on",
            "2026-03-10",
            "--subject",
            "Call from the ICO",
            "--reply-by",
            "2026-03-24",
        ],
    );
    let reply = |db: &TestDb| -> Value {
        let case = db.json(&["case", "show", &case, "--json"]);
        case["schedule"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["label"] == "Reply to Information Commissioner's Office")
            .cloned()
            .unwrap()
    };
    let open = reply(&db);
    assert_eq!((open["due"].as_str(), open["met_on"].as_str()), (Some("2026-03-24"), None));
    assert!(open["basis"]
        .as_str()
        .unwrap()
        .contains("Reply requested by Information Commissioner's Office by 2026-03-24"));
    let ics = db.dir.path().join("deadlines.ics");
    assert!(db.run(&["export", "ics", "--out", ics.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20260324"), "in the calendar file");
    assert!(text.contains(&format!("SUMMARY:{case}: reply owed by (gdpr)")), "{text}");
    assert!(!text.contains("Information Commissioner"), "free text only with names");

    // An item to someone else does not answer it; one to the ICO does.
    log_item(
        &db,
        &case,
        &[
            "--direction",
            "out",
            "--party",
            &dpo,
            "--channel",
            "email",
            "--on",
            "2026-03-11",
            "--subject",
            "Note to the DPO",
        ],
    );
    assert_eq!(reply(&db)["met_on"], Value::Null);
    log_item(
        &db,
        &case,
        &["--direction", "out", "--party", &ico, "--channel", "email", "--on", "2026-03-12", "--subject", "Our answer"],
    );
    assert_eq!(reply(&db)["met_on"], "2026-03-12");
    let listed = db.json(&["case", "correspondence", "list", &case, "--json"]);
    assert_eq!(listed[0]["replied_on"], "2026-03-12");

    // A correction of the date asked for moves the deadline, audited.
    let id = asked["id"].as_i64().unwrap().to_string();
    db.json(&["case", "correspondence", "edit", &case, "--item", &id, "--reply-by", "2026-03-20", "--json"]);
    assert_eq!(reply(&db)["due"], "2026-03-20");
    let audit = db.json(&["audit", "--case", &case, "--limit", "1", "--json"]);
    assert_eq!(audit[0]["action"], "correspondence.edit");
    assert!(audit[0]["changes"].as_str().unwrap().contains(r#""reply_by":["2026-03-24","2026-03-20"]"#));
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn an_email_from_the_eu_representative_is_logged_as_from_that_party_and_ours_to_it_as_outgoing() {
    let db = TestDb::initialised();
    let eu = party_id(&db, "eu-representative");
    let case = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    for file in ["from-eu-representative.eml", "to-eu-representative.eml", "reply.eml"] {
        let out = db.run(&["import", "eml", &eml(file), "--case", &case]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
    }
    let items = db.json(&["case", "correspondence", "list", &case, "--json"]);
    let who: Vec<(String, String, Option<i64>)> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (i["direction"].as_str().unwrap().into(), i["counterpart"].as_str().unwrap().into(), i["party_id"].as_i64())
        })
        .collect();
    assert!(who.contains(&("in".into(), "eu-representative".into(), Some(eu))), "{who:?}");
    assert!(who.contains(&("out".into(), "eu-representative".into(), Some(eu))), "{who:?}");
    assert!(who.contains(&("in".into(), "data-subject".into(), None)), "{who:?}");
}

#[test]
fn a_representative_cover_letter_is_logged_as_sent_to_the_representative_it_is_addressed_to() {
    let db = TestDb::initialised();
    let uk = party_id(&db, "uk-representative");
    let case = db.json(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "uk-gdpr",
        "--received",
        "2026-03-02",
        "--name",
        "Ann Lee",
        "--json",
    ])["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let out = db.dir.path().join("cover.pdf");
    let made = db.run(&["letter", &case, "--template", "representative-cover", "--out", out.to_str().unwrap()]);
    assert!(made.status.success(), "{}", stderr(&made));
    let items = db.json(&["case", "correspondence", "list", &case, "--json"]);
    assert_eq!(
        (items[0]["counterpart"].as_str(), items[0]["party_id"].as_i64()),
        (Some("uk-representative"), Some(uk))
    );
    let letter = &items[0]["letter"];
    assert_eq!(letter["size"].as_i64().unwrap() as usize, std::fs::read(&out).unwrap().len());
    let copy = db.dir.path().join("copy.pdf");
    let id = items[0]["id"].as_i64().unwrap().to_string();
    assert!(db.run(&["case", "file", &case, &id, "--out", copy.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&out).unwrap(), "the letter saved again is the one sent");
}

#[test]
fn bad_correspondence_input_is_refused_in_one_line_naming_the_field_and_nothing_is_written() {
    let db = TestDb::initialised();
    let case = db.add_request("Ana Souza")["reference"].as_str().unwrap().to_string();
    let item = log_item(&db, &case, LETTER_FROM_DPO)["id"].as_i64().unwrap().to_string();
    let retired = db.json(&["party", "add", "--kind", "other", "--name", "Old adviser", "--json"])["id"].to_string();
    assert!(db.run(&["party", "retire", &retired]).status.success());
    let dir = db.dir.path();
    std::fs::create_dir(dir.join("folder")).unwrap();
    std::fs::File::create(dir.join("big.bin")).unwrap().set_len(25 * 1024 * 1024 + 1).unwrap();
    let records_before = db.audit_records();
    let items_before = db.json(&["case", "correspondence", "list", &case, "--json"]);
    let fill = |s: &str| {
        s.replace("@REF@", &case)
            .replace("@ITEM@", &item)
            .replace("@RETIRED@", &retired)
            .replace("@DIR@", dir.to_str().unwrap())
    };
    common::assert_refused(&db, "invalid_correspondence_input.json", &fill, "Souza");
    assert_eq!(db.audit_records(), records_before, "nothing was written");
    assert_eq!(db.json(&["case", "correspondence", "list", &case, "--json"]), items_before);
    assert!(!dir.join("x.pdf").exists());
}

#[test]
fn a_party_id_that_does_not_exist_cannot_be_stored() {
    let db = TestDb::initialised();
    let case = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    log_item(&db, &case, LETTER_FROM_DPO);
    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    raw.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let e = raw.execute("UPDATE correspondence SET party_id = 999", []).unwrap_err();
    assert!(e.to_string().contains("FOREIGN KEY"), "{e}");
    let e = raw.execute("DELETE FROM parties WHERE id = 1", []);
    // The seeded EU representative has no items yet; one that has can no longer be deleted.
    assert!(e.is_ok());
    raw.execute("UPDATE correspondence SET party_id = 2", []).unwrap();
    assert!(raw.execute("DELETE FROM parties WHERE id = 2", []).unwrap_err().to_string().contains("FOREIGN KEY"));
}
