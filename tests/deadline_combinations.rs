//! Deadlines where facts combine, end to end through the CLI: every vector in
//! tests/data/deadline_combinations.json is added as a case, its events recorded, and the case's
//! headline dates, each right's dates, its status and its basis compared with what the law gives.

mod common;

use common::{data, stderr, TestDb};
use serde_json::{json, Value};

const KEYS: [&str; 5] = ["acknowledge_by", "respond_by", "extension_notice_by", "extended_respond_by", "risk_from"];

/// A database whose calendars are the vectors': gdpr ie, uk-gdpr gb-eng, ccpa us, appi jp.
fn database() -> TestDb {
    let db = TestDb::initialised();
    let mut profile = db.json(&["profile", "show"]);
    profile["calendars"] = json!({"gdpr": "ie", "uk-gdpr": "gb-eng", "ccpa": "us", "appi": "jp"});
    let file = db.dir.path().join("profile.json");
    std::fs::write(&file, profile.to_string()).unwrap();
    let out = db.run(&["profile", "set", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn compare(failures: &mut Vec<String>, name: &str, what: &str, got: &Value, expected: &Value) {
    for key in KEYS {
        let want = expected.get(key).cloned().unwrap_or(Value::Null);
        if got[key] != want {
            failures.push(format!("{name}: {what}.{key} = {}, expected {want}", got[key]));
        }
    }
}

#[test]
fn every_combination_comes_out_as_the_law_gives_it() {
    let vectors: Value = serde_json::from_str(&data("deadline_combinations.json")).unwrap();
    let vectors = vectors["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 14, "all vectors are read");
    let db = database();
    let mut failures = Vec::new();
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let mut add: Vec<&str> = vec!["case", "add", "--name", "Ann Lee", "--json"];
        for (flag, key) in [("--kind", "kind"), ("--regime", "regime"), ("--received", "received")] {
            add.extend([flag, v[key].as_str().unwrap()]);
        }
        for right in v["rights"].as_array().unwrap() {
            add.extend(["--right", right.as_str().unwrap()]);
        }
        let case = db.json(&add);
        let reference = case["reference"].as_str().unwrap();
        for e in v["events"].as_array().unwrap() {
            let mut args = vec!["case", "event", reference, "--type", e["type"].as_str().unwrap()];
            args.extend(["--on", e["on"].as_str().unwrap()]);
            for key in ["right", "outcome", "reason"] {
                if let Some(value) = e[key].as_str() {
                    args.push(Box::leak(format!("--{key}").into_boxed_str()));
                    args.push(value);
                }
            }
            let out = db.run(&args);
            assert!(out.status.success(), "{name}: {args:?}: {}", stderr(&out));
        }
        let shown = db.json(&["case", "show", reference, "--json"]);
        compare(&mut failures, name, "deadlines", &shown["deadlines"], &v["deadlines"]);
        if let Some(by_right) = v["by_right"].as_object() {
            for (right, expected) in by_right {
                compare(&mut failures, name, right, &shown["deadlines_by_right"][right], expected);
            }
        }
        if let Some(status) = v.get("status") {
            if &shown["status"] != status {
                failures.push(format!("{name}: status {}, expected {status}", shown["status"]));
            }
        }
        let basis: Vec<&str> =
            shown["schedule"].as_array().unwrap().iter().filter_map(|d| d["basis"].as_str()).collect();
        let basis = basis.join("\n");
        for part in v["basis_contains"].as_array().into_iter().flatten() {
            if !basis.contains(part.as_str().unwrap()) {
                failures.push(format!("{name}: basis lacks {part}:\n{basis}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
