//! Crash safety: a writer adds cases one durable transaction at a time and is killed with SIGKILL
//! at random moments. After every kill the database opens, passes `integrity_check`, its audit
//! chain verifies, and every case whose commit was acknowledged is there.
//! CASEBOOK_CRASH_KILLS sets the number of kills (default 40; the README figure used 1,000).

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use casebook::store::Store;
use common::{TestDb, PASSPHRASE};

#[test]
fn sigkill_during_writes_loses_no_acknowledged_case() {
    let kills: u32 = std::env::var("CASEBOOK_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(40);
    let db = TestDb::initialised();
    let mut acknowledged = BTreeSet::new();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut killed_mid_run = 0;
    for _ in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["stress-writer"])
            .env("CASEBOOK_DB", &db.path)
            .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
            .env("HOME", db.dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the writer starts");
        // Wait for the first durable write (unlocking takes a while), then kill at a random moment.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        std::thread::sleep(Duration::from_micros(seed % 40_000));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        let new: Vec<String> = first.lines().chain(rest.lines()).map(str::to_string).collect();
        killed_mid_run += usize::from(!new.is_empty());
        acknowledged.extend(new);

        let store = Store::open(&db.path, PASSPHRASE).expect("the database opens after a kill");
        assert_eq!(store.integrity_problem().unwrap(), None);
        let chain = store.verify_audit_chain().unwrap();
        assert_eq!(chain.first_broken, None, "{chain:?}");
        let present: BTreeSet<String> =
            store.list_cases(&Default::default()).unwrap().into_iter().map(|c| c.reference).collect();
        let lost: Vec<&String> = acknowledged.difference(&present).collect();
        assert!(lost.is_empty(), "acknowledged cases lost: {lost:?}");
    }
    assert!(killed_mid_run * 2 > kills as usize, "most kills should land while cases are being written");
    eprintln!("crash test: {kills} kills, {} acknowledged commits checked, none lost", acknowledged.len());
}
