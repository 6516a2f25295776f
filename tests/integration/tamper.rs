//! Tampering with the record by someone who holds the passphrase: every edit of
//! `tests/data/record_tampering.json`, made through SQLCipher directly on a fresh copy, is found by
//! `verify`, named by case reference.

use crate::common;

use common::{data, stderr, TestDb, PASSPHRASE};
use serde_json::Value;

/// Three requests; the first acknowledged and answered by letter, the second extended last.
fn small_office() -> TestDb {
    let db = TestDb::initialised();
    for name in ["Ann Lee", "Ben Okafor", "Chloé Martin"] {
        db.add_request(name);
    }
    for args in [
        vec!["case", "event", "DSR-2026-0001", "--type", "acknowledged", "--on", "2026-03-03"],
        vec!["letter", "DSR-2026-0001", "--template", "acknowledgement", "--out"],
        vec!["case", "event", "DSR-2026-0002", "--type", "extended", "--on", "2026-03-20", "--reason", "complex"],
    ] {
        let mut args = args;
        let letter = db.dir.path().join("letter.pdf");
        if args[0] == "letter" {
            args.push(letter.to_str().unwrap());
        }
        let out = db.run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    db
}

#[test]
fn every_edit_of_the_record_is_found_and_named_by_case() {
    let spec: Value = serde_json::from_str(&data("record_tampering.json")).unwrap();
    let pristine = small_office();
    let clean = pristine.run(&["verify", "--json"]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    for v in spec["vectors"].as_array().unwrap() {
        let why = v["why"].as_str().unwrap();
        let db = TestDb::new();
        for suffix in ["", ".kdf"] {
            let from = format!("{}{suffix}", pristine.path.display());
            std::fs::copy(&from, format!("{}{suffix}", db.path.display())).unwrap();
        }
        let raw = casebook::store::Store::raw_connection(&db.path, PASSPHRASE).unwrap();
        raw.execute_batch(v["sql"].as_str().unwrap()).unwrap_or_else(|e| panic!("{why}: {e}"));
        drop(raw);

        let out = db.run(&["verify", "--json"]);
        assert!(!out.status.success(), "{why}: verify passed");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{why}: {e}"));
        if let Some(chain) = v["chain"].as_str() {
            let problem = report["problem"].as_str().unwrap_or_default();
            assert!(problem.contains(chain), "{why}: {report}");
            continue;
        }
        let found = report["row_problems"].as_array().unwrap();
        for expected in v["finds"].as_array().unwrap() {
            let hit = found.iter().any(|p| {
                p["case"] == expected["case"]
                    && p["table"] == expected["table"]
                    && p["problem"].as_str().unwrap().contains(expected["problem"].as_str().unwrap())
            });
            assert!(hit, "{why}: {expected} not among {found:?}");
        }
        // Problems name cases, never the people in them.
        assert!(!String::from_utf8_lossy(&out.stdout).contains("Ann Lee"), "{why}");
    }
}

#[test]
fn verify_in_words_lists_each_row_by_case() {
    let db = small_office();
    let raw = casebook::store::Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    raw.execute("UPDATE cases SET status = 'responded' WHERE reference = 'DSR-2026-0002'", []).unwrap();
    drop(raw);
    let out = db.run(&["verify"]);
    assert!(!out.status.success());
    let text = common::stdout(&out);
    assert!(text.contains("record: 1 rows differ from the audit trail"), "{text}");
    assert!(text.contains("DSR-2026-0002: cases row 2 differs from its audited state"), "{text}");
}
