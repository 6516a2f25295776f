//! Seals against someone who holds the passphrase: a chain rewritten with fresh SHA-256s passes
//! every check a key holder can redo, and fails only `verify --seal-key` with the key shown at init.

use crate::common;

use common::{stderr, stdout, TestDb, PASSPHRASE};
use rusqlite::params;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A database with three requests (each command seals when it closes), and its verification key.
fn sealed_office() -> (TestDb, String) {
    let db = TestDb::new();
    let out = db.run(&["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let key = text
        .lines()
        .find_map(|l| l.strip_prefix("Seal verification key: "))
        .unwrap_or_else(|| panic!("no seal key in:\n{text}"))
        .to_string();
    for name in ["Ann Lee", "Ben Okafor", "Chloé Martin"] {
        db.add_request(name);
    }
    (db, key)
}

fn verify(db: &TestDb, key: Option<&str>) -> (bool, Value) {
    let mut args = vec!["verify", "--json"];
    if let Some(key) = key {
        args.extend(["--seal-key", key]);
    }
    let out = db.run(&args);
    (out.status.success(), serde_json::from_slice(&out.stdout).expect("a JSON report"))
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// What a careful attacker does: edit record `seq`'s changes (and action, if given), then recompute
/// its digest and the hash of it and of every later record (the format is documented), the head, and
/// the seals' copies of the hashes they cover. Everything but the seals' tags, which need the sealing key.
fn rewrite_history(db: &TestDb, seq: i64, action: Option<&str>, changes: &str) {
    let raw = casebook::store::Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    raw.execute(
        "UPDATE audit_log SET changes = ?2, changes_sha256 = ?3, action = coalesce(?4, action) WHERE seq = ?1",
        params![seq, changes, sha256_hex(changes), action],
    )
    .unwrap();
    let mut stmt = raw
        .prepare(
            "SELECT seq, at, actor, action, case_ref, changes_sha256, rows_sha256 FROM audit_log WHERE seq >= ?1
             ORDER BY seq",
        )
        .unwrap();
    type Record = (i64, String, String, String, Option<String>, String, String);
    let records: Vec<Record> = stmt
        .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut prev: String =
        raw.query_row("SELECT prev_hash FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0)).unwrap();
    for (seq, at, actor, action, case_ref, changes_sha256, rows_sha256) in records {
        let hash = sha256_hex(
            &serde_json::json!([seq, at, actor, action, case_ref, changes_sha256, prev, rows_sha256]).to_string(),
        );
        raw.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1", params![seq, prev, hash]).unwrap();
        raw.execute("UPDATE audit_head SET hash = ?2 WHERE seq = ?1", params![seq, hash]).unwrap();
        raw.execute("UPDATE audit_seals SET head_hash = ?2 WHERE seq = ?1", params![seq, hash]).unwrap();
        prev = hash;
    }
}

#[test]
fn a_sealed_office_verifies_with_its_key_and_not_with_another() {
    let (db, key) = sealed_office();
    let (ok, report) = verify(&db, Some(&key));
    assert!(ok, "{report}");
    assert_eq!(report["seals_checked_with_key"], true);
    // init, then one seal per command that wrote (each command seals when it closes).
    assert_eq!(report["seals"], 4, "{report}");
    assert_eq!(report["last_seal"]["seq"], report["audit_records"], "the last seal covers every record");

    let (other, _) = sealed_office();
    let (ok, report) = verify(&other, Some(&key));
    assert!(!ok);
    assert!(report["seal_problem"].as_str().unwrap().contains("does not match the verification key"), "{report}");
}

#[test]
fn a_history_rewritten_with_fresh_hashes_is_caught_only_by_the_seals() {
    let (db, key) = sealed_office();
    // Record 2 added the first case; make it say something else.
    rewrite_history(&db, 2, None, r#"{"status":[null,"closed"]}"#);
    let (ok, report) = verify(&db, None);
    assert!(ok, "without the key nothing shows: {report}");
    // Rewritten from the very first record, the chain no longer starts where its key file says.
    let (db2, _) = sealed_office();
    rewrite_history(&db2, 1, None, r#"{"profile":[null,"another"]}"#);
    let (ok, report) = verify(&db2, None);
    assert!(!ok);
    assert!(report["problem"].as_str().unwrap().contains("not the one this database began with"), "{report}");
    let (ok, report) = verify(&db, Some(&key));
    assert!(!ok);
    let problem = report["seal_problem"].as_str().unwrap();
    assert!(problem.contains("does not match the verification key"), "{report}");

    // A purge forged into the past, to explain a case's missing personal data: the same.
    let (db3, key3) = sealed_office();
    rewrite_history(&db3, 3, Some("retention.purge"), r#"{"purged":[null,["DSR-2026-0001"]]}"#);
    assert!(verify(&db3, None).0, "a recomputed chain hides the forged purge from every unkeyed check");
    let (ok, report) = verify(&db3, Some(&key3));
    assert!(!ok && report["seal_problem"].as_str().unwrap().contains("does not match"), "{report}");
}

#[test]
fn seals_cut_off_or_a_restarted_sealing_key_are_caught() {
    let (db, key) = sealed_office();
    let raw = casebook::store::Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    raw.execute("DELETE FROM audit_seals WHERE epoch = (SELECT max(epoch) FROM audit_seals)", []).unwrap();
    drop(raw);
    let (ok, report) = verify(&db, Some(&key));
    assert!(!ok);
    assert!(report["seal_problem"].as_str().unwrap().contains("seals 4 to 4 are missing"), "{report}");

    // Starting over: every seal and the kept key gone, so Casebook starts sealing afresh.
    let (db, key) = sealed_office();
    let raw = casebook::store::Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    raw.execute("DELETE FROM audit_seals", []).unwrap();
    drop(raw);
    std::fs::remove_file(casebook::store::seal_state_path(&db.path)).unwrap();
    let out = db.run(&["case", "list"]);
    assert!(stderr(&out).contains("Seal verification key:"), "the new key is shown: {}", stderr(&out));
    let (ok, report) = verify(&db, Some(&key));
    assert!(!ok);
    assert!(report["seal_problem"].as_str().unwrap().contains("does not match the verification key"), "{report}");
}

#[test]
fn a_report_carries_the_chain_head_that_a_later_rewrite_contradicts() {
    let (db, _key) = sealed_office();
    let report = db.json(&["report", "annual", "--year", "2026", "--format", "json"]);
    let witness = &report["audit_chain"];
    let (_, verified) = verify(&db, None);
    assert_eq!(witness["records"], verified["audit_records"], "{witness}");
    assert_eq!(witness["last_seal"]["seq"], witness["records"], "the report's chain is sealed: {witness}");
    let file = db.dir.path().join("annual.pdf");
    let out = db.run(&["report", "annual", "--year", "2026", "--format", "pdf", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info = std::process::Command::new("pdfinfo").arg(&file).output().expect("pdfinfo is needed");
    let head = witness["head"].as_str().unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains(head), "the PDF's keywords carry the head");

    rewrite_history(&db, 2, None, r#"{"status":[null,"closed"]}"#);
    let raw = casebook::store::Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    let seq = witness["records"].as_i64().unwrap();
    let now: String = raw.query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0)).unwrap();
    assert_ne!(now, head, "the rewritten chain no longer has the head the report went out with");
}
