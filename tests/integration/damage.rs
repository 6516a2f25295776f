//! A damaged or swapped database is reported as what it is, in one line, with the way out, and
//! nothing is written: the cases in tests/data/damaged_files.json, plus key files that ask for
//! unbounded work or have a link planted at their temporary name.

use crate::common;

use common::{data, stderr, TestDb, PASSPHRASE};
use serde_json::Value;

/// Damages `db` as `how` says; returns nothing, the file is changed in place.
fn damage(db: &TestDb, how: &str) {
    let bytes = db.bytes();
    let new: Vec<u8> = match how.split_once(':') {
        None if how == "empty" => Vec::new(),
        Some(("truncate", n)) => bytes[..n.parse::<usize>().unwrap()].to_vec(),
        Some(("flip", at)) => {
            let at: usize = at.parse().unwrap();
            let mut b = bytes;
            b[at] ^= 0x5a;
            b[at + 1] ^= 0xa5;
            b
        }
        None if how == "random" => (0..bytes.len()).map(|i| (i * 7919 % 251) as u8).collect(),
        None if how == "foreign-key-file" => {
            let other = TestDb::initialised();
            std::fs::copy(other.path.with_extension("db.kdf"), db.path.with_extension("db.kdf")).unwrap();
            return;
        }
        None if how == "plain-sqlite" => {
            std::fs::remove_file(&db.path).unwrap();
            let conn = rusqlite::Connection::open(&db.path).unwrap();
            conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
            return;
        }
        _ => panic!("unknown damage {how}"),
    };
    std::fs::write(&db.path, new).unwrap();
}

#[test]
fn damage_a_foreign_key_file_and_a_wrong_secret_are_told_apart() {
    let spec: Value = serde_json::from_str(&data("damaged_files.json")).unwrap();
    for case in spec["cases"].as_array().unwrap() {
        let how = case["how"].as_str().unwrap();
        let db = TestDb::initialised();
        db.run(&["demo", "--cases", "3", "--seed", "4"]);
        damage(&db, how);
        let before = db.bytes();
        let out_file = db.dir.path().join("out.csv");
        for command in case["commands"].as_array().unwrap() {
            let args: Vec<&str> = command
                .as_array()
                .unwrap()
                .iter()
                .map(|a| if a == "OUT" { out_file.to_str().unwrap() } else { a.as_str().unwrap() })
                .collect();
            let out = db.run(&args);
            let err = stderr(&out);
            assert!(!out.status.success(), "{how} {args:?} succeeded");
            assert!(err.contains(case["error"].as_str().unwrap()), "{how} {args:?}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{how}: one line: {err}");
            assert!(!err.contains("wrong passphrase"), "{how}: {err}");
        }
        assert_eq!(db.bytes(), before, "{how}: the file is left as it was");
        assert!(!out_file.exists(), "{how}: nothing exported");
    }
}

#[test]
fn the_whole_file_is_read_once_a_day_and_damage_met_later_is_still_reported() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "40", "--seed", "4"]);
    let record = db.dir.path().join("casebook.db.checked");
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(std::fs::read_to_string(&record).unwrap(), today, "the check of the day is recorded");
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&record).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // A page in the middle of the file goes bad after today's check (the file is whole pages of 4096).
    let middle = db.bytes().len() / 4096 / 2 * 4096 + 100;
    damage(&db, &format!("flip:{middle}"));
    // Checked today already: a command opens without reading every page, but `verify` reads them all.
    let out = db.run(&["verify"]);
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("the database file is damaged"), "{err}");
    assert!(err.contains("restore the latest backup"), "{err}");
    // The next day's first command reads the whole file before anything else.
    std::fs::write(&record, "2000-01-01").unwrap();
    let out = db.run(&["case", "show", "DSR-2026-0001"]);
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("the database file is damaged"), "{err}");
    assert_eq!(std::fs::read_to_string(&record).unwrap(), "2000-01-01", "a failed check is not recorded");
}

#[test]
fn the_right_recovery_key_on_a_damaged_file_says_damaged() {
    let db = TestDb::new();
    let init = db.run(&["init"]);
    let key = common::stdout(&init).lines().find_map(|l| l.strip_prefix("Recovery key: ")).unwrap().to_string();
    damage(&db, "flip:100");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["passphrase", "reset"])
        .env("CASEBOOK_DB", &db.path)
        .env("CASEBOOK_RECOVERY_KEY", key)
        .env("CASEBOOK_NEW_PASSPHRASE", "another long passphrase")
        .output()
        .unwrap();
    assert!(stderr(&out).contains("the database file is damaged"), "{}", stderr(&out));
    // A wrong passphrase is still called that.
    assert_eq!(stderr(&db.run_with(&["verify"], "not the passphrase")).trim(), "casebook: wrong passphrase");
}

#[test]
fn a_key_file_asking_for_unbounded_work_is_refused_at_once() {
    let db = TestDb::initialised();
    let kdf = db.path.with_extension("db.kdf");
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&kdf).unwrap()).unwrap();
    file["passphrase"]["kdf"]["m_cost_kib"] = 4294967295u32.into();
    std::fs::write(&kdf, file.to_string()).unwrap();
    let out = db.run(&["verify"]);
    assert!(stderr(&out).contains("more than Casebook allows"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_a_key_files_temporary_name_is_not_followed() {
    let db = TestDb::initialised();
    let victim = db.dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let tmp = db.path.with_extension("db.kdf.next.tmp");
    std::os::unix::fs::symlink(&victim, &tmp).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["passphrase", "change"])
        .env("CASEBOOK_DB", &db.path)
        .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
        .env("CASEBOOK_NEW_PASSPHRASE", "a brand new passphrase")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(db.run_with(&["verify"], "a brand new passphrase").status.success());
}
