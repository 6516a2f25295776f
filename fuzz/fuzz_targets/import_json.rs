//! `import json`: any bytes as an export, into a new database. Any input is imported whole or
//! refused whole, never a panic; an accepted import leaves a database that verifies and lists.
#![no_main]
use std::sync::Mutex;

use casebook::model::OrganisationProfile;
use casebook::store::Store;
use libfuzzer_sys::fuzz_target;

const PASSPHRASE: &str = "fuzzing correct horse battery";

/// One empty database, made again only after an input was accepted (key derivation is slow).
static EMPTY: Mutex<Option<(tempfile::TempDir, Store)>> = Mutex::new(None);

fn empty() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::create(&dir.path().join("fuzz.db"), PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    (dir, store)
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let mut slot = EMPTY.lock().unwrap();
    let (_, store) = slot.get_or_insert_with(empty);
    let records = store.verify_audit_chain().unwrap().records;
    match store.import_json(&doc) {
        Ok(_) => {
            assert!(store.integrity_problem().unwrap().is_none());
            assert!(store.verify_audit_chain().unwrap().first_broken.is_none());
            store.list_cases(&Default::default()).unwrap();
            *slot = None;
        }
        Err(_) => assert_eq!(store.verify_audit_chain().unwrap().records, records, "a refused import wrote nothing"),
    }
});
