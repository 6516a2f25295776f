//! A passphrase change racing writers in other processes: each change either happens alone or is
//! refused ("another Casebook is using this database"); never a half-written database. Runs
//! CASEBOOK_RACE_RUNS rounds (8 here; `scripts/test --long` runs 300).

mod common;

use std::process::{Command, Stdio};

use common::{stderr, TestDb, PASSPHRASE};

#[test]
fn a_passphrase_change_racing_writers_is_whole_or_refused() {
    let rounds: usize = std::env::var("CASEBOOK_RACE_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(8);
    let db = TestDb::initialised();
    let passphrases = [PASSPHRASE.to_string(), "the other long passphrase".to_string()];
    let (mut current, mut added, mut changed, mut refused) = (0, 0, 0, 0);
    for round in 0..rounds {
        // Two writers start, and the change starts while they run.
        let writer = |n: usize| {
            Command::new(env!("CARGO_BIN_EXE_casebook"))
                .args(["case", "add", "--kind", "request", "--regime", "gdpr", "--received", "2026-03-02"])
                .args(["--name", &format!("Writer {round}-{n}")])
                .env("CASEBOOK_DB", &db.path)
                .env("CASEBOOK_PASSPHRASE", &passphrases[current])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let writers = [writer(0), writer(1)];
        std::thread::sleep(std::time::Duration::from_millis(50 * (round % 12) as u64));
        let next = 1 - current;
        let change = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["passphrase", "change"])
            .env("CASEBOOK_DB", &db.path)
            .env("CASEBOOK_PASSPHRASE", &passphrases[current])
            .env("CASEBOOK_NEW_PASSPHRASE", &passphrases[next])
            .output()
            .unwrap();
        for w in writers {
            let out = w.wait_with_output().unwrap();
            // A writer that started after the change began finds the old passphrase gone: refused, nothing written.
            if out.status.success() {
                added += 1;
            } else {
                let err = stderr(&out);
                assert!(err.contains("wrong passphrase") || err.contains("another Casebook"), "{err}");
            }
        }
        if change.status.success() {
            changed += 1;
            current = next;
        } else {
            refused += 1;
            assert!(stderr(&change).contains("another Casebook is using this database"), "{}", stderr(&change));
        }
        let verify = db.run_with(&["verify"], &passphrases[current]);
        assert!(verify.status.success(), "round {round}: {}", stderr(&verify));
        let list = db.run_with(&["case", "list", "--limit", "100000", "--json"], &passphrases[current]);
        let cases: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
        assert_eq!(cases.as_array().unwrap().len(), added, "round {round}: every acknowledged case is there");
    }
    eprintln!("{rounds} rounds: {changed} changes, {refused} refused, {added} cases added");
    assert!(changed > 0, "some changes went through");
}
