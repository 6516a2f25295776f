//! `import json` holds every row to what entry allows: the altered exports in
//! tests/data/hostile_imports.json are refused whole, naming table, row and field, and the new
//! database stays as it was (its profile, no cases, a verifying audit chain).

use crate::common;

use common::{data, stderr, TestDb};
use serde_json::Value;

/// `REPEAT:c:n` stands for the character c written n times.
fn expand(v: &Value) -> Value {
    match v.as_str().and_then(|s| s.strip_prefix("REPEAT:")) {
        Some(spec) => {
            let (c, n) = spec.split_once(':').unwrap();
            Value::String(c.repeat(n.parse().unwrap()))
        }
        None => v.clone(),
    }
}

#[test]
fn every_hostile_export_is_refused_whole() {
    let source = TestDb::initialised();
    source.run(&["demo", "--cases", "5", "--seed", "3"]);
    let case = source.add_request("Ann Lee");
    let pdf = source.dir.path().join("letter.pdf");
    let reference = case["reference"].as_str().unwrap();
    let out = source.run(&["letter", reference, "--template", "acknowledgement", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let export = source.dir.path().join("export.json");
    assert!(source.run(&["export", "json", "--out", export.to_str().unwrap()]).status.success());
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    for table in ["cases", "people", "case_events", "letters"] {
        assert!(!original["tables"][table].as_array().unwrap().is_empty(), "the export has {table}");
    }

    // The unaltered export imports.
    let fine = TestDb::initialised();
    let out = fine.run(&["import", "json", export.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let spec: Value = serde_json::from_str(&data("hostile_imports.json")).unwrap();
    for v in spec["cases"].as_array().unwrap() {
        let mut doc = original.clone();
        if let Some(set) = v["set"].as_array() {
            let (table, row, column) =
                (set[0].as_str().unwrap(), set[1].as_u64().unwrap() as usize, set[2].as_str().unwrap());
            doc["tables"][table][row][column] = expand(&v["value"]);
        }
        if let Some(changes) = v["profile"].as_object() {
            let settings = doc["tables"]["settings"].as_array_mut().unwrap();
            let profile = settings.iter_mut().find(|r| r["key"] == "profile").unwrap();
            let text = match changes.get("raw") {
                Some(raw) => raw.as_str().unwrap().to_string(),
                None => {
                    let mut p: Value = serde_json::from_str(profile["value"].as_str().unwrap()).unwrap();
                    for (k, value) in changes {
                        p[k] = value.clone();
                    }
                    p.to_string()
                }
            };
            profile["value"] = Value::String(text);
        }
        if let Some(tables) = v.get("tables") {
            doc["tables"] = tables.clone();
        }
        let file = source.dir.path().join("altered.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        let target = TestDb::initialised();
        let records = target.audit_records();
        let out = target.run(&["import", "json", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{v}: imported");
        assert!(err.contains(v["error"].as_str().unwrap()), "{v}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!err.contains('\u{1b}'), "no control characters reach the terminal");
        assert_eq!(target.audit_records(), records, "{v}: nothing written");
        assert_eq!(target.json(&["case", "list", "--json"]), Value::Array(vec![]));
        assert_eq!(target.json(&["profile", "show"])["name"], "Cyber Security Cloud, Inc.");
    }
}
