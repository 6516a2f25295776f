//! The `casebook` command line, end to end, as a script or a person would use it.

use crate::common;

use common::{data, stderr, stdout, TestDb, PASSPHRASE};
use serde_json::Value;

fn add_sample_case(db: &TestDb) -> Value {
    db.json(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "gdpr",
        "--received",
        "2026-03-02T10:15",
        "--tz",
        "Europe/Berlin",
        "--name",
        "Łukasz Żółć",
        "--email",
        "lukasz@example.org",
        "--right",
        "access",
        "--right",
        "erasure",
        "--json",
    ])
}

#[test]
fn round_trip_init_add_list_verify() {
    let db = TestDb::initialised();
    let added = add_sample_case(&db);
    assert_eq!(added["reference"], "DSR-2026-0001");
    assert_eq!(added["kind"], "request");
    assert_eq!(added["regime"], "gdpr");
    assert_eq!(added["rights"], serde_json::json!(["access", "erasure"]));
    assert_eq!(added["status"], "new");
    assert_eq!(added["received"], "2026-03-02");
    assert_eq!(added["requester"]["name"], "Łukasz Żółć");
    assert_eq!(added["requester"]["email"], "lukasz@example.org");
    for key in ["acknowledge_by", "respond_by", "extended_respond_by"] {
        assert!(added["deadlines"].get(key).is_some(), "deadlines.{key} present");
    }

    let listed = db.json(&["case", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0], added);

    let out = db.run(&["verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("integrity: ok"));
    assert!(stdout(&out).contains("audit chain: ok (2 records)"));
}

#[test]
fn references_count_up_per_kind_and_year() {
    let db = TestDb::initialised();
    let refs: Vec<String> =
        [("request", "2026-01-05"), ("request", "2026-01-06"), ("complaint", "2026-01-07"), ("request", "2025-12-30")]
            .iter()
            .map(|(kind, date)| {
                let out = db.run(&[
                    "case",
                    "add",
                    "--kind",
                    kind,
                    "--regime",
                    "uk-gdpr",
                    "--received",
                    date,
                    "--name",
                    "Ann Lee",
                ]);
                assert!(out.status.success(), "{}", stderr(&out));
                stdout(&out).trim().to_string()
            })
            .collect();
    assert_eq!(refs, ["DSR-2026-0001", "DSR-2026-0002", "CMP-2026-0001", "DSR-2025-0001"]);
}

#[test]
fn receipt_date_is_local_to_the_receiving_office() {
    let db = TestDb::initialised();
    let case = db.json(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "uk-gdpr",
        "--received",
        "2026-03-06T23:58",
        "--tz",
        "Europe/London",
        "--name",
        "Ann Lee",
        "--json",
    ]);
    // Already 7 March in Tokyo (the profile's zone), but the London office received it on the 6th.
    assert_eq!(case["received"], "2026-03-06");
    assert_eq!(case["received_at"], "2026-03-06T23:58:00Z");
    assert_eq!(case["time_zone"], "Europe/London");
}

#[test]
fn invalid_input_is_refused_with_one_line_and_writes_nothing() {
    let db = TestDb::initialised();
    let reference = add_sample_case(&db)["reference"].as_str().unwrap().to_string();
    let records_before = db.audit_records();
    let list_before = db.json(&["case", "list", "--json"]);
    let vectors: Vec<Value> = serde_json::from_str(&data("invalid_cli_input.json")).unwrap();
    assert!(vectors.len() >= 20);
    let long_name = "x".repeat(10_000);
    for v in &vectors {
        let args: Vec<String> = v["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().replace("@REF@", &reference).replace("@LONG_NAME@", &long_name))
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = db.run(&args);
        let why = v["why"].as_str().unwrap();
        let err = stderr(&out);
        assert!(!out.status.success(), "{why}: should fail");
        assert_eq!(err.trim_end().lines().count(), 1, "{why}: one line, got {err:?}");
        assert!(err.contains(v["error"].as_str().unwrap()), "{why}: got {err:?}");
        assert!(!err.contains("Souza") && !err.contains("Żółć"), "{why}: personal data in {err:?}");
    }
    assert_eq!(db.audit_records(), records_before, "nothing was written");
    assert_eq!(db.json(&["case", "list", "--json"]), list_before);
}

#[test]
fn the_status_flow_is_enforced_and_every_step_is_dated() {
    let db = TestDb::initialised();
    let r = add_sample_case(&db)["reference"].as_str().unwrap().to_string();
    let steps = [
        (vec!["--type", "acknowledged", "--on", "2026-03-03"], "acknowledged"),
        (vec!["--type", "id-requested", "--on", "2026-03-03"], "awaiting-information"),
        (vec!["--type", "id-received", "--on", "2026-03-09"], "in-progress"),
        (vec!["--type", "extended", "--on", "2026-03-20", "--note", "Three systems to search"], "extended"),
        (vec!["--type", "responded", "--on", "2026-05-02"], "responded"),
        (vec!["--type", "closed", "--on", "2026-05-04", "--outcome", "complied"], "closed"),
    ];
    for (args, status) in steps {
        let mut full = vec!["case", "event", r.as_str()];
        full.extend(args);
        full.push("--json");
        assert_eq!(db.json(&full)["status"], status);
    }
    let shown = db.json(&["case", "show", &r, "--json"]);
    assert_eq!(shown["outcome"], "complied");
    let events = shown["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    assert_eq!(events[3]["type"], "extended");
    assert_eq!(events[3]["on"], "2026-03-20");
    assert_eq!(events[3]["note"], "Three systems to search");

    let out = db.run(&["case", "event", &r, "--type", "extended"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim(), "casebook: a case that is closed cannot be marked extended");
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let db = TestDb::initialised();
    add_sample_case(&db);
    let before = db.bytes();
    let out = db.run_with(&["case", "list"], "not the passphrase");
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim(), "casebook: wrong passphrase");
    assert_eq!(db.bytes(), before);
    assert!(db.run_with(&["case", "list"], PASSPHRASE).status.success());
}

#[test]
fn the_file_holds_no_plain_header_and_no_case_text() {
    let db = TestDb::initialised();
    add_sample_case(&db);
    db.run(&["demo", "--cases", "40", "--seed", "3"]);
    let mut bytes = db.bytes();
    for suffix in ["-wal", ".kdf"] {
        let mut p = db.path.clone().into_os_string();
        p.push(suffix);
        bytes.extend(std::fs::read(p).unwrap_or_default());
    }
    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    for needle in ["SQLite format 3", "Łukasz", "lukasz@example.org", "DSR-2026", "Ångström", "gdpr", "PLANIT"] {
        assert!(!contains(needle), "found {needle:?} in plain bytes");
    }
}

#[test]
fn init_refuses_to_overwrite_and_short_passphrases() {
    let db = TestDb::initialised();
    let out = db.run(&["init"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("a database already exists"));

    let fresh = TestDb::new();
    let out = fresh.run_with(&["init"], "short");
    assert!(stderr(&out).contains("at least 8 characters"));
    assert!(!fresh.path.exists(), "nothing created");
}

#[test]
fn commands_without_a_database_say_how_to_create_one() {
    let db = TestDb::new();
    let out = db.run(&["case", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("create one with `casebook init`"));
}

#[test]
fn list_filters_by_status_kind_regime_and_text() {
    let db = TestDb::initialised();
    add_sample_case(&db);
    for (kind, regime, name) in [("complaint", "uk-gdpr", "Ann Lee"), ("request", "ccpa", "山田 太郎")] {
        let out =
            db.run(&["case", "add", "--kind", kind, "--regime", regime, "--received", "2026-04-01", "--name", name]);
        assert!(out.status.success());
    }
    let refs = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["case", "list", "--json"];
        full.extend_from_slice(args);
        db.json(&full).as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(refs(&["--kind", "complaint"]), ["CMP-2026-0001"]);
    assert_eq!(refs(&["--regime", "ccpa"]), ["DSR-2026-0002"]);
    assert_eq!(refs(&["--search", "山田"]), ["DSR-2026-0002"]);
    assert_eq!(refs(&["--search", "lukasz@"]), ["DSR-2026-0001"]);
    assert_eq!(refs(&["--search", "100%"]), Vec::<String>::new());
    assert_eq!(refs(&["--status", "new"]).len(), 3);
    assert_eq!(refs(&["--status", "closed"]).len(), 0);
}

#[test]
fn demo_data_is_deterministic_for_a_seed() {
    let names = |seed: &str| {
        let db = TestDb::initialised();
        let out = db.run(&["demo", "--cases", "60", "--seed", seed]);
        assert!(out.status.success(), "{}", stderr(&out));
        let cases = db.json(&["case", "list", "--json"]);
        assert_eq!(cases.as_array().unwrap().len(), 60);
        assert!(db.run(&["verify"]).status.success());
        cases
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["reference"].clone(), c["requester"]["name"].clone(), c["status"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names("5"), names("5"));
    assert_ne!(names("5"), names("6"));
}

#[test]
fn search_finds_names_without_accents_and_japanese_names_by_two_characters() {
    let db = TestDb::initialised();
    for (name, email) in [
        ("Zoë Ångström", "zoe@example.org"),
        ("山田 太郎", "taro@example.jp"),
        ("Olivia Martinez", "olivia@example.com"),
    ] {
        let out = db.run(&[
            "case",
            "add",
            "--kind",
            "request",
            "--regime",
            "gdpr",
            "--received",
            "2026-04-01",
            "--name",
            name,
            "--email",
            email,
        ]);
        assert!(out.status.success());
    }
    let found = |q: &str| -> Vec<String> {
        db.json(&["case", "list", "--search", q, "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["requester"]["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(found("zoe"), ["Zoë Ångström"], "without the diaeresis");
    assert_eq!(found("angst"), ["Zoë Ångström"], "by prefix");
    assert_eq!(found("山田"), ["山田 太郎"], "two Japanese characters");
    assert_eq!(found("太郎"), ["山田 太郎"]);
    assert_eq!(found("olivia mart"), ["Olivia Martinez"]);
    assert_eq!(found("DSR-2026-0003"), ["Olivia Martinez"]);
    assert_eq!(found("\" OR 1=1 --"), Vec::<String>::new());
    assert_eq!(found("example.jp"), ["山田 太郎"]);
}

#[test]
fn a_cases_history_is_read_from_the_audit_log_newest_first_a_page_at_a_time() {
    let db = TestDb::initialised();
    let first = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    db.add_request("Ben Okafor");
    let out = db.run(&["case", "event", &first, "--type", "acknowledged", "--on", "2026-03-03"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let history = db.json(&["audit", "--case", &first, "--json"]);
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["case.event", "case.add"]);
    assert!(history.as_array().unwrap().iter().all(|r| r["case_ref"] == first.as_str()));

    let newest = db.json(&["audit", "--case", &first, "--limit", "1", "--json"]);
    let before = newest[0]["seq"].as_i64().unwrap().to_string();
    let older = db.json(&["audit", "--case", &first, "--before", &before, "--json"]);
    assert_eq!(older.as_array().unwrap().len(), 1);
    assert_eq!(older[0]["action"], "case.add");

    let out = db.run(&["audit", "--case", "DSR-2026-0999"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("DSR-2026-0999"), "{}", stderr(&out));
}
