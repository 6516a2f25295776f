//! Passphrase change (re-key in place), the recovery key, and a change interrupted by a crash.

use crate::common;

use common::{stderr, stdout, TestDb, PASSPHRASE};

fn recovery_key(init_output: &str) -> String {
    init_output
        .lines()
        .find_map(|l| l.strip_prefix("Recovery key: "))
        .expect("the recovery key is printed once")
        .to_string()
}

fn change(db: &TestDb, current: &str, new: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["passphrase", "change"])
        .env("CASEBOOK_DB", &db.path)
        .env("CASEBOOK_PASSPHRASE", current)
        .env("CASEBOOK_NEW_PASSPHRASE", new)
        .output()
        .unwrap()
}

#[test]
fn a_passphrase_change_re_keys_the_database_and_keeps_every_case() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "25", "--seed", "9"]);
    let before = db.json(&["case", "list", "--json"]);
    let old_bytes = db.bytes();
    let out = change(&db, PASSPHRASE, "a brand new passphrase");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Recovery key: "));
    assert_ne!(db.bytes()[..4096], old_bytes[..4096], "the pages were re-encrypted");
    assert_eq!(stderr(&db.run(&["case", "list"])).trim(), "casebook: wrong passphrase");
    let after = db.run_with(&["case", "list", "--json"], "a brand new passphrase");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&after.stdout).unwrap(), before);
    assert!(db.run_with(&["verify"], "a brand new passphrase").status.success());
    let short = change(&db, "a brand new passphrase", "short");
    assert!(stderr(&short).contains("at least 8 characters"));
}

#[test]
fn the_recovery_key_resets_a_forgotten_passphrase() {
    let db = TestDb::new();
    let init = db.run(&["init"]);
    let key = recovery_key(&stdout(&init));
    db.run(&["demo", "--cases", "5", "--seed", "1"]);
    let reset = |recovery: &str, new: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["passphrase", "reset"])
            .env("CASEBOOK_DB", &db.path)
            .env("CASEBOOK_RECOVERY_KEY", recovery)
            .env("CASEBOOK_NEW_PASSPHRASE", new)
            .output()
            .unwrap()
    };
    let wrong = reset("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "forgot it again");
    assert_eq!(stderr(&wrong).trim(), "casebook: wrong recovery key");
    // Typed in lower case with spaces, as people do.
    let out = reset(&key.to_lowercase().replace('-', " "), "remembered it now at last");
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = db.run_with(&["case", "list", "--json"], "remembered it now at last");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&listed.stdout).unwrap().as_array().unwrap().len(), 5);
    // The old recovery key went with the old data key.
    assert!(!reset(&key, "third passphrase").status.success());
}

#[test]
fn a_change_interrupted_after_the_re_key_opens_with_the_new_passphrase() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "5", "--seed", "1"]);
    let kdf = |suffix: &str| {
        let mut p = db.path.clone().into_os_string();
        p.push(suffix);
        std::path::PathBuf::from(p)
    };
    let old_key_file = std::fs::read(kdf(".kdf")).unwrap();
    assert!(change(&db, PASSPHRASE, "the new passphrase").status.success());
    // As if the process died after re-keying, before the new key file replaced the old one.
    std::fs::rename(kdf(".kdf"), kdf(".kdf.next")).unwrap();
    std::fs::write(kdf(".kdf"), &old_key_file).unwrap();

    let out = db.run(&["case", "list"]);
    assert!(stderr(&out).contains("try the new passphrase"), "{}", stderr(&out));
    assert!(db.run_with(&["verify"], "the new passphrase").status.success());
    assert!(!kdf(".kdf.next").exists(), "the pending key file became the key file");
    assert!(db.run_with(&["verify"], "the new passphrase").status.success());
}
