//! Crash safety: a writer adds cases one durable transaction at a time and is killed with SIGKILL
//! at random moments. After every kill the database opens, passes `integrity_check`, its audit
//! chain verifies, and every case whose commit was acknowledged is there.
//! CASEBOOK_CRASH_KILLS sets the number of kills (default 40; the README figure used 1,000).

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use casebook::store::Store;
use common::{TestDb, PASSPHRASE};

/// The next of a fixed sequence of pseudo-random numbers (xorshift), so a failing run can be replayed.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Starts `casebook ARGS` on the test database, its standard output to `stdout`.
fn spawn(db: &TestDb, args: &[&str], stdout: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .env("CASEBOOK_DB", &db.path)
        .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
        .env("HOME", db.dir.path())
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .expect("casebook starts")
}

#[test]
fn sigkill_during_writes_loses_no_acknowledged_case() {
    let kills: u32 = std::env::var("CASEBOOK_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(40);
    let db = TestDb::initialised();
    let mut acknowledged = BTreeSet::new();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut killed_mid_run = 0;
    for _ in 0..kills {
        let random = next(&mut seed);
        let mut child = spawn(&db, &["stress-writer"], Stdio::piped());
        // Wait for the first durable write (unlocking takes a while), then kill at a random moment.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        std::thread::sleep(Duration::from_micros(random % 40_000));
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

/// An import writes through a rollback journal rather than the WAL. Killed at any moment, it
/// leaves all of its cases or none: the next open rolls the journal back, and the database is
/// whole, its chain and row digests verify, and nothing of the journal is left beside it.
#[test]
fn sigkill_during_an_import_keeps_all_of_it_or_none() {
    const ROWS: u64 = 1500;
    let kills: u32 = std::env::var("CASEBOOK_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).map_or(8, |k: u32| k / 5);
    let files = tempfile::tempdir().unwrap();
    let register = files.path().join("register.csv");
    let mut csv = String::from("Ref,Requester,E-mail,Date received,Law,Rights asked,Handler,Comments\n");
    for i in 0..ROWS {
        csv += &format!("OLD-{i},Crash Import {i},crash{i}@example.org,04/05/2026,gdpr,access,,\n");
    }
    std::fs::write(&register, csv).unwrap();
    let mapping = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/register/mapping.json");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut killed_mid_import, mut imports) = (0, 0);
    let mut db = TestDb::initialised();
    for _ in 0..kills {
        let random = next(&mut seed);
        let journal = db.dir.path().join("casebook.db-journal");
        let before = Store::open(&db.path, PASSPHRASE).unwrap().count_cases(&Default::default()).unwrap();
        let mut child = spawn(&db, &["import", "csv", register.to_str().unwrap(), "--map", mapping], Stdio::null());
        // The journal appears with the import's first page; the kill lands at a random moment after.
        while !journal.exists() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(random % 1500));
        let mid_import = journal.exists();
        child.kill().expect("SIGKILL");
        child.wait().unwrap();

        let store = Store::open(&db.path, PASSPHRASE).expect("the database opens after a kill");
        assert!(!journal.exists(), "the journal is rolled back and removed on the next open");
        assert_eq!(store.integrity_problem().unwrap(), None);
        assert_eq!(store.verify_audit_chain().unwrap().first_broken, None);
        assert_eq!(store.verify_rows().unwrap().problems, vec![], "every row matches its audited digest");
        let after = store.count_cases(&Default::default()).unwrap();
        assert!(after == before || after == before + ROWS, "{before} cases became {after}: a part of an import");
        killed_mid_import += usize::from(mid_import && after == before);
        if after > before {
            // A database that grew with every whole import would make each later check slower.
            imports += 1;
            drop(store);
            db = TestDb::initialised();
        }
    }
    assert!(killed_mid_import * 2 >= kills as usize, "most kills should land while the import writes");
    eprintln!("import crash test: {kills} kills, {killed_mid_import} mid-import, {imports} import(s) whole");
}
