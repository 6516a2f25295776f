//! Export and import: the JSON round trip is byte for byte; CSV is RFC 4180 with BOM and CRLF and
//! neutralises formula injection; bad imports are refused whole.

use crate::common;

use common::{data, stderr, TestDb};
use serde_json::Value;

#[test]
fn json_export_import_export_is_identical() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "80", "--seed", "6"]);
    // A stored letter carries binary data through the round trip too.
    let first = db.json(&["case", "list", "--status", "acknowledged", "--kind", "request", "--json"]);
    let reference = first[0]["reference"].as_str().unwrap();
    let letter = db.dir.path().join("l.pdf");
    assert!(db
        .run(&["letter", reference, "--template", "acknowledgement", "--out", letter.to_str().unwrap()])
        .status
        .success());
    assert!(db.run(&["closure", "add", "2026-12-28", "--note", "Year-end"]).status.success());
    // The address book and correspondence by hand, with an attachment and a reply asked for.
    let party =
        db.json(&["party", "add", "--kind", "processor", "--name", "Mail house", "--phone", "+81 3 0000", "--json"]);
    let party = party["id"].to_string();
    assert!(db.run(&["party", "retire", &party]).status.success());
    let scan = db.dir.path().join("scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scanned letter").unwrap();
    let reply_by = (chrono::Utc::now().date_naive() + chrono::Days::new(14)).to_string();
    let logged = db.run(&[
        "case",
        "correspondence",
        "add",
        reference,
        "--direction",
        "in",
        "--counterpart",
        "authority",
        "--channel",
        "post",
        "--subject",
        "Inquiry",
        "--reply-by",
        &reply_by,
        "--attach",
        scan.to_str().unwrap(),
    ]);
    assert!(logged.status.success(), "{}", stderr(&logged));
    let task = db.run(&["case", "task", "add", reference, "--title", "Search the CRM", "--days-before", "4"]);
    assert!(task.status.success(), "{}", stderr(&task));
    // A letter's life and a task's evidence file: drafted, approved, sent by post; done with a file.
    let draft = db.dir.path().join("d.pdf");
    let today = chrono::Utc::now().date_naive().to_string();
    let new = db.add_request_on(&today, "Ivo", &[]);
    let new = new["reference"].as_str().unwrap();
    for args in [
        vec!["letter", new, "--template", "access-response", "--draft", "--out", draft.to_str().unwrap()],
        vec!["letter", "approve", new, "1", "--by", "Mia Keller"],
        vec!["letter", "dispatch", new, "1", "--method", "post", "--tracking", "RR1"],
        vec!["case", "late", new, "--reason", "volume", "--note", "Quarter end"],
        vec!["case", "task", "done", reference, "1", "--attach", scan.to_str().unwrap()],
    ] {
        let out = db.run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }

    let one = db.dir.path().join("one.json");
    assert!(db.run(&["export", "json", "--out", one.to_str().unwrap()]).status.success());

    let fresh = TestDb::initialised();
    let out = fresh.run(&["import", "json", one.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let two = fresh.dir.path().join("two.json");
    assert!(fresh.run(&["export", "json", "--out", two.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap(), "the round trip loses nothing");
    assert_eq!(fresh.json(&["case", "list", "--json"]), db.json(&["case", "list", "--json"]));
    assert!(fresh.run(&["verify"]).status.success());

    // Or in one step, a new database started from the export: the same again; a damaged export
    // leaves no database behind.
    let started = TestDb::new();
    let out = started.run(&["init", "--from-export", one.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Recovery key: "));
    let three = started.dir.path().join("three.json");
    assert!(started.run(&["export", "json", "--out", three.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&three).unwrap(), "started from the export");
    let mut damaged: Value = serde_json::from_slice(&std::fs::read(&one).unwrap()).unwrap();
    damaged["tables"]["cases"][0]["regime"] = "lgpd".into();
    let bad = db.dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&damaged).unwrap()).unwrap();
    let refused = TestDb::new();
    let out = refused.run(&["init", "--from-export", bad.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("cases row 1"), "{}", stderr(&out));
    assert!(!refused.path.exists() && !casebook::store::sidecar_path(&refused.path).exists());

    // Into a database that already has cases: refused, nothing written.
    let records = db.audit_records();
    let again = db.run(&["import", "json", one.to_str().unwrap()]);
    assert!(stderr(&again).contains("already holds cases"));
    assert_eq!(db.audit_records(), records);
}

#[test]
fn broken_or_foreign_imports_are_refused_whole() {
    let db = TestDb::initialised();
    let file = db.dir.path().join("x.json");
    let records = db.audit_records();
    for (content, error) in [
        ("not json", "is not valid JSON"),
        (r#"{"format": "something-else"}"#, "not a Casebook export"),
        (r#"{"format": "casebook-export", "version": 99}"#, "unsupported export version"),
        (r#"{"format": "casebook-export", "version": 1, "schema_version": 999, "tables": {}}"#, "newer Casebook"),
        (
            r#"{"format": "casebook-export", "version": 1, "schema_version": 1, "tables": {"users": []}}"#,
            "unknown table 'users'",
        ),
        (
            r#"{"format": "casebook-export", "version": 1, "schema_version": 1, "tables": {"people": [{"name": "A", "password": "x"}]}}"#,
            "people has no column 'password'",
        ),
        (
            r#"{"format": "casebook-export", "version": 1, "schema_version": 1, "tables": {"people": [{"name": "A"}], "cases": [{"reference": "X"}]}}"#,
            "a row of cases was refused",
        ),
    ] {
        std::fs::write(&file, content).unwrap();
        let out = db.run(&["import", "json", file.to_str().unwrap()]);
        assert!(!out.status.success(), "{content}");
        assert!(stderr(&out).contains(error), "{content}: {}", stderr(&out));
    }
    assert_eq!(db.audit_records(), records, "nothing was written");
    assert_eq!(db.json(&["profile", "show"])["name"], "Cyber Security Cloud, Inc.", "the profile is untouched");
}

#[test]
fn csv_is_rfc_4180_with_bom_crlf_and_no_formulas() {
    let db = TestDb::initialised();
    let corpus: Vec<Value> = serde_json::from_str(&data("csv_injection.json")).unwrap();
    for v in &corpus {
        // `--name=VALUE`, since a value starting with '-' would otherwise read as a flag.
        let name = format!("--name={}", v["name"].as_str().unwrap());
        let args = [
            "case",
            "add",
            "--kind",
            "request",
            "--regime",
            "gdpr",
            "--received",
            "2026-05-04",
            &name,
            "--notes",
            "line one\nline \"two\", with comma",
        ];
        let out = db.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let file = db.dir.path().join("cases.csv");
    assert!(db.run(&["export", "csv", "--out", file.to_str().unwrap()]).status.success());
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("reference,kind,regime,rights,status,received,"));
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains("\r"));

    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let name = headers.iter().position(|h| h == "requester_name").unwrap();
    let notes = headers.iter().position(|h| h == "notes").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), corpus.len());
    for v in &corpus {
        let expected = v["cell"].as_str().unwrap();
        assert!(rows.iter().any(|r| &r[name] == expected), "{expected} not found");
    }
    assert!(rows.iter().all(|r| &r[notes] == "line one\nline \"two\", with comma"));
    for r in &rows {
        for cell in r.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a live formula: {cell}");
        }
    }
}
