//! The encrypted store through the library: audit chain, versions, atomic writes.

use crate::common;

use casebook::model::{CaseInput, EventInput, OrganisationProfile};
use casebook::store::Store;
use casebook::store::LATEST_VERSION;
use casebook::ErrorKind;
use chrono::Utc;
use common::{data, TestDb, PASSPHRASE};
use serde_json::Value;

fn store_with_cases(db: &TestDb) -> Store {
    let (mut store, _recovery) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    for name in ["Ann Lee", "Zoë Ångström"] {
        let input = CaseInput {
            kind: "request".into(),
            regime: "gdpr".into(),
            received: "2026-05-04".into(),
            name: name.into(),
            ..CaseInput::default()
        };
        let case = store.add_case(&input.validate(store.zone(), Utc::now()).unwrap()).unwrap();
        let ack =
            EventInput { event_type: "acknowledged".into(), on: Some("2026-05-05".into()), ..EventInput::default() };
        store.record_event(&case.reference, &ack.validate(store.today()).unwrap()).unwrap();
    }
    store
}

#[test]
fn every_kind_of_tampering_with_the_audit_log_is_detected() {
    let vectors: Vec<Value> = serde_json::from_str(&data("audit_tampering.json")).unwrap();
    for v in vectors {
        let why = v["why"].as_str().unwrap();
        let db = TestDb::new();
        let store = store_with_cases(&db);
        let clean = store.verify_audit_chain().unwrap();
        assert_eq!((clean.records, clean.first_broken), (5, None), "{why}: clean chain");
        drop(store);

        let raw = Store::raw_connection(&db.path, PASSPHRASE).unwrap();
        raw.execute_batch(v["sql"].as_str().unwrap()).unwrap_or_else(|e| panic!("{why}: {e}"));
        drop(raw);

        let report = Store::open(&db.path, PASSPHRASE).unwrap().verify_audit_chain().unwrap();
        assert_eq!(report.first_broken, v["first_broken"].as_i64(), "{why}: {report:?}");
        assert!(report.problem.unwrap().contains(v["problem"].as_str().unwrap()), "{why}");
    }
}

#[test]
fn a_database_from_a_newer_casebook_is_refused_untouched() {
    let db = TestDb::new();
    drop(store_with_cases(&db));
    let raw = Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    raw.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
    drop(raw);
    let before = db.bytes();
    let err = Store::open(&db.path, PASSPHRASE).err().expect("refused");
    assert_eq!(err.kind, ErrorKind::Incompatible);
    assert!(err.message.contains("newer than this Casebook understands"), "{}", err.message);
    assert_eq!(db.bytes(), before);
}

#[test]
fn a_fresh_database_is_at_the_latest_version_with_its_pragmas() {
    let db = TestDb::new();
    drop(store_with_cases(&db));
    let raw = Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    let version: u32 = raw.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, LATEST_VERSION);
    let mode: String = raw.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_refused_event_leaves_the_case_and_the_log_as_they_were() {
    let db = TestDb::new();
    let mut store = store_with_cases(&db);
    let before = (store.case("DSR-2026-0001").unwrap(), store.verify_audit_chain().unwrap());
    let close = EventInput { event_type: "closed".into(), ..EventInput::default() };
    let err = store.record_event("DSR-2026-0001", &close.validate(store.today()).unwrap()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!((store.case("DSR-2026-0001").unwrap(), store.verify_audit_chain().unwrap()), before);
}

#[test]
fn the_sample_profile_seeds_the_address_book() {
    let db = TestDb::new();
    let store = store_with_cases(&db);
    let parties = store.parties().unwrap();
    assert_eq!(parties[0].name, "PLANIT // LEGAL Rechtsanwaltsgesellschaft mbH");
    assert_eq!(parties[1].name, "TMI Associates London LLP");
    assert!(parties.iter().any(|p| p.email.as_deref() == Some("data_protection_officer@cscloud.co.jp")));
    assert_eq!(store.profile().unwrap().name, "Cyber Security Cloud, Inc.");
}

#[test]
fn a_new_database_receives_cases_in_the_offices_zone_at_once() {
    let db = TestDb::new();
    let store = store_with_cases(&db);
    let case = store.case("DSR-2026-0001").unwrap();
    assert_eq!(case.time_zone, "Asia/Tokyo");
    assert_eq!(case.received.to_string(), "2026-05-04");
}

#[test]
fn connections_opened_on_many_threads_at_once_all_unlock() {
    // The window opens a second connection for its integrity check while the first reads, and
    // SQLCipher keeps process-wide state: openings racing each other must all succeed.
    let db = TestDb::new();
    let secret = store_with_cases(&db).data_key_secret().to_string();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (path, secret) = (db.path.clone(), secret.clone());
            std::thread::spawn(move || {
                (0..25)
                    .map(|_| Store::open_with_data_key(&path, &secret).and_then(|s| s.case("DSR-2026-0001")))
                    .map(|case| case.map(|c| c.reference))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for thread in threads {
        for opened in thread.join().unwrap() {
            assert_eq!(opened.unwrap(), "DSR-2026-0001");
        }
    }
}

#[test]
fn an_import_refused_or_done_leaves_every_later_write_digested() {
    // An import notes its rows all at once; the same open store must go on noting each write's.
    let source = TestDb::new();
    let export = store_with_cases(&source).export_json().unwrap();
    let db = TestDb::new();
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    let mut bad = export.clone();
    bad["tables"]["cases"][1]["status"] = Value::String("lost".into());
    assert!(store.import_json(&bad).is_err());
    assert_eq!(store.verify_rows().unwrap().problems, vec![], "after a refused import");
    store.import_json(&export).unwrap();
    let later = CaseInput {
        kind: "request".into(),
        regime: "gdpr".into(),
        received: "2026-06-01".into(),
        name: "Ben Okafor".into(),
        ..CaseInput::default()
    };
    let case = store.add_case(&later.validate(store.zone(), Utc::now()).unwrap()).unwrap();
    assert_eq!(case.reference, "DSR-2026-0003");
    let report = store.verify_rows().unwrap();
    assert_eq!(report.problems, vec![], "after the import and a later case");
    assert!(report.rows_checked > 10, "{report:?}");
    // And a change behind the store's back is still found.
    let raw = Store::raw_connection(&db.path, PASSPHRASE).unwrap();
    raw.execute("UPDATE cases SET notes = 'edited' WHERE reference = 'DSR-2026-0003'", []).unwrap();
    assert_eq!(store.verify_rows().unwrap().problems.len(), 1);
}

/// A copy of the database an older Casebook made (schema 9, twelve demo cases), in a fresh folder.
fn older_database() -> (TestDb, String) {
    let db = TestDb::new();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/older-database");
    std::fs::copy(from.join("casebook.db"), &db.path).unwrap();
    std::fs::copy(from.join("casebook.db.kdf"), db.dir.path().join("casebook.db.kdf")).unwrap();
    (db, data("older-database/passphrase"))
}

#[test]
fn a_database_from_an_older_casebook_is_copied_then_upgraded_with_nothing_lost() {
    let (db, passphrase) = older_database();
    let mut store = Store::open(&db.path, &passphrase).unwrap();
    let upgrade = store.take_upgrade().expect("the open upgraded the file");
    assert_eq!((upgrade.from, upgrade.to), (9, LATEST_VERSION));
    assert_eq!(upgrade.copy.parent().unwrap(), db.dir.path().join("backups"));
    assert!(store.take_upgrade().is_none(), "said once");
    let cases = store.list_cases(&Default::default()).unwrap();
    assert_eq!(cases.len(), 12);
    assert_eq!(store.integrity_problem().unwrap(), None);
    assert_eq!(store.verify_audit_chain().unwrap().first_broken, None);
    let rows = store.verify_rows().unwrap();
    assert!(rows.problems.is_empty() && rows.rows_checked > 0, "every row digested at the upgrade");
    drop(store);

    // The copy is the database as it was (page for page, encrypted anew), and opens with the same passphrase.
    let raw = Store::raw_connection(&upgrade.copy, &passphrase).unwrap();
    let version: u32 = raw.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 9);
    let cases: i64 = raw.query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
    assert_eq!(cases, 12);
    // The key file, sealed with one lane of key derivation, is sealed anew with four (as strong,
    // quicker to unlock on several cores); the recovery key's slot is untouched.
    let kdf = |path: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(path.with_extension("db.kdf")).unwrap()).unwrap()
    };
    let (before, after) = (kdf(&upgrade.copy), kdf(&db.path));
    assert_eq!(before["passphrase"]["kdf"]["p_cost"], 1);
    assert_eq!(after["passphrase"]["kdf"]["p_cost"], 4);
    assert_eq!(after["passphrase"]["kdf"]["m_cost_kib"], before["passphrase"]["kdf"]["m_cost_kib"]);
    assert_ne!(after["passphrase"]["wrapped"], before["passphrase"]["wrapped"]);
    assert_eq!(after["recovery"], before["recovery"]);
    // Once upgraded, later opens make no more copies.
    drop(raw);
    let mut again = Store::open(&db.path, &passphrase).unwrap();
    assert!(again.take_upgrade().is_none());
    assert_eq!(std::fs::read_dir(db.dir.path().join("backups")).unwrap().count(), 2, "the copy and its key file");
}

#[test]
fn an_upgrade_whose_copy_cannot_be_made_is_refused_and_leaves_the_file_as_it_was() {
    let (db, passphrase) = older_database();
    // A file where the backups folder would go.
    std::fs::write(db.dir.path().join("backups"), b"not a folder").unwrap();
    let before = db.bytes();
    let err = Store::open(&db.path, &passphrase).err().expect("refused");
    assert!(err.message.contains("was not upgraded"), "{}", err.message);
    assert!(db.bytes() == before, "the file is as it was");
    let raw = Store::raw_connection(&db.path, &passphrase).unwrap();
    let version: u32 = raw.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 9);
}
