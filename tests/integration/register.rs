//! Importing the register kept before Casebook: a dry run names every rejected row and why, and
//! nothing is written while any row is rejected.

use crate::common;

use common::{stderr, stdout, TestDb};

fn data_path(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/register")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The sample register with its three bad rows corrected, beside the database.
fn corrected_register(db: &TestDb) -> String {
    let fixed = db.dir.path().join("fixed.csv");
    let text = std::fs::read_to_string(data_path("register.csv")).unwrap();
    let text = text
        .replace("maria@,", "maria@example.com,")
        .replace("31/02/2025", "28/02/2025")
        .replace(",opt-out,", ",objection,");
    std::fs::write(&fixed, text).unwrap();
    fixed.to_string_lossy().into_owned()
}

#[test]
fn a_register_imports_all_rows_or_none() {
    let db = TestDb::initialised();
    let (csv, map) = (data_path("register.csv"), data_path("mapping.json"));
    let records = db.audit_records();

    let dry = db.run(&["import", "csv", &csv, "--map", &map, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let report = stdout(&dry);
    assert!(report.contains("6 row(s): would create 3 case(s), 3 row(s) rejected"), "{report}");
    assert!(report.contains("row 5: email is not a valid address"), "{report}");
    assert!(report.contains("row 6: received '31/02/2025' does not match the date format"), "{report}");
    assert!(report.contains("row 7: right 'opt-out' does not exist under gdpr"), "{report}");

    let real = db.run(&["import", "csv", &csv, "--map", &map]);
    assert!(!real.status.success());
    assert!(stderr(&real).contains("nothing imported: 3 row(s) rejected"));
    assert_eq!(db.audit_records(), records, "nothing was written");

    // The corrected register imports whole, in one transaction.
    let fixed = corrected_register(&db);
    let out = db.run(&["import", "csv", &fixed, "--map", &map]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cases = db.json(&["case", "list", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 6);
    let smith = cases.as_array().unwrap().iter().find(|c| c["requester"]["name"] == "Smith, John").unwrap();
    assert_eq!(smith["rights"], serde_json::json!(["erasure", "objection"]));
    assert_eq!(smith["received"], "2025-02-15");
    assert!(smith["notes"].as_str().unwrap().contains("OLD-102"));
    assert!(cases.as_array().unwrap().iter().any(|c| c["requester"]["name"] == "山田 花子" && c["regime"] == "appi"));
}

#[test]
fn a_bad_mapping_is_refused() {
    let db = TestDb::initialised();
    let map = db.dir.path().join("map.json");
    for (mapping, error) in [
        (r#"{"columns": {"Requester": "full_name"}}"#, "unknown field 'full_name'"),
        (r#"{"columns": {"Nobody": "name"}}"#, "a column 'Nobody' the register does not have"),
        (r#"{"colums": {}}"#, "the mapping file is not valid"),
    ] {
        std::fs::write(&map, mapping).unwrap();
        let out = db.run(&["import", "csv", &data_path("register.csv"), "--map", map.to_str().unwrap(), "--dry-run"]);
        assert!(stderr(&out).contains(error), "{mapping}: {}", stderr(&out));
    }
}

#[test]
fn a_register_imports_while_another_casebook_has_the_database_open() {
    let db = TestDb::initialised();
    let fixed = corrected_register(&db);
    // The window holds the database: the import cannot have it alone and writes through the WAL.
    let window = casebook::store::Store::open(&db.path, common::PASSPHRASE).unwrap();
    let out = db.run(&["import", "csv", &fixed, "--map", &data_path("mapping.json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(window.count_cases(&Default::default()).unwrap(), 6, "the window sees the imported cases");
    assert!(stdout(&db.run(&["verify"])).contains("record: ok"));
}
