//! Retention: closed cases past their period lose their personal data, legal holds are kept,
//! the figures still add up, and the purge is audited.

use crate::common;

use common::{stderr, TestDb};
use serde_json::Value;

fn set_retention(db: &TestDb, regime: &str, months: u32) -> std::process::Output {
    let mut profile = db.json(&["profile", "show"]);
    profile["retention_months"][regime] = months.into();
    let file = db.dir.path().join("profile.json");
    std::fs::write(&file, profile.to_string()).unwrap();
    db.run(&["profile", "set", file.to_str().unwrap()])
}

#[test]
fn closed_cases_past_retention_are_redacted_keeping_the_figures() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "300", "--seed", "1"]);
    let report_before = db.json(&["report", "annual", "--year", "2025"]);
    assert!(set_retention(&db, "gdpr", 12).status.success());

    let expired: Vec<Value> = db.json(&["purge", "--dry-run", "--json"]).as_array().unwrap().clone();
    assert!(expired.iter().filter(|e| e["regime"] == "gdpr").count() > 3, "the demo has old closed GDPR cases");
    // Three years of demo history: CCPA's 24 months have run out for some; UK GDPR and APPI keep 36.
    assert!(expired.iter().all(|e| e["regime"] == "gdpr" || e["regime"] == "ccpa"), "{expired:?}");
    let before: Vec<Value> = expired
        .iter()
        .take(6)
        .map(|e| db.json(&["case", "show", e["reference"].as_str().unwrap(), "--json"]))
        .collect();
    let held = expired[0]["reference"].as_str().unwrap().to_string();
    let held_name = db.json(&["case", "show", &held, "--json"])["requester"]["name"].clone();
    assert!(db.run(&["case", "hold", &held]).status.success());

    let purged: Vec<Value> = db.json(&["purge", "--json"]).as_array().unwrap().clone();
    assert_eq!(purged.len(), expired.len() - 1, "the case on legal hold is skipped");
    // A sample of them in detail (each `case show` pays the real key derivation).
    for p in purged.iter().filter(|p| before.iter().any(|b| b["reference"] == p["reference"])) {
        let case = db.json(&["case", "show", p["reference"].as_str().unwrap(), "--json"]);
        assert_eq!(case["requester"]["name"], "Redacted");
        assert_eq!(case["requester"]["email"], Value::Null);
        assert_eq!(case["notes"], "");
        assert!(case["events"].as_array().unwrap().iter().all(|e| e["note"].is_null()));
        let old = before.iter().find(|b| b["reference"] == p["reference"]).unwrap();
        for kept in ["kind", "regime", "rights", "status", "received", "outcome", "deadlines"] {
            assert_eq!(case[kept], old[kept], "{kept} is kept for the statistics");
        }
    }
    assert_eq!(db.json(&["case", "show", &held, "--json"])["requester"]["name"], held_name);
    assert_eq!(
        db.json(&["report", "annual", "--year", "2025"])["regimes"],
        report_before["regimes"],
        "the reports still add up"
    );
    assert_eq!(db.json(&["purge", "--dry-run", "--json"]).as_array().unwrap().len(), 0, "nothing left to purge");
    assert!(db.run(&["verify"]).status.success());
    let audit = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE)
        .unwrap()
        .query_row("SELECT changes FROM audit_log WHERE action = 'retention.purge'", [], |r| r.get::<_, String>(0))
        .unwrap();
    assert!(audit.contains(purged[0]["reference"].as_str().unwrap()));
    // The audit log kept the purged cases' history but not their personal data.
    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    let log_of = |reference: &str| -> Vec<String> {
        let mut stmt = raw.prepare("SELECT changes FROM audit_log WHERE case_ref = ?1").unwrap();
        stmt.query_map([reference], |r| r.get(0)).unwrap().map(|c| c.unwrap()).collect()
    };
    for old in before.iter().filter(|b| b["reference"] != held.as_str()) {
        let log = log_of(old["reference"].as_str().unwrap());
        assert!(!log.is_empty(), "the history is kept");
        let name = old["requester"]["name"].as_str().unwrap();
        assert!(!log.iter().any(|c| c.contains(name)), "{name} left in the audit log");
    }
    assert!(log_of(&held).iter().any(|c| c.contains(held_name.as_str().unwrap())), "the held case's history is whole");
}

#[test]
fn ccpa_records_are_kept_at_least_24_months() {
    let db = TestDb::initialised();
    let out = set_retention(&db, "ccpa", 12);
    assert!(stderr(&out).contains("the retention period for ccpa must be 24 to 600 months"), "{}", stderr(&out));
}
