//! Deadlines where facts combine, through the store as both faces use it: every vector in
//! tests/data/deadline_combinations.json is added as a case, its events recorded, and the case's
//! headline dates, each right's dates, its status and its basis (as `case show --json` gives them)
//! compared with what the law gives.

use crate::common;

use casebook::model::{CaseInput, EventInput, OrganisationProfile};
use casebook::store::Store;
use chrono::Utc;
use common::{data, TestDb, PASSPHRASE};
use serde_json::Value;

const KEYS: [&str; 5] = ["acknowledge_by", "respond_by", "extension_notice_by", "extended_respond_by", "risk_from"];

/// A database whose calendars are the vectors': gdpr ie, uk-gdpr gb-eng, ccpa us, appi jp.
fn database(db: &TestDb) -> Store {
    let mut profile = OrganisationProfile::sample();
    for (regime, calendar) in [("gdpr", "ie"), ("uk-gdpr", "gb-eng"), ("ccpa", "us"), ("appi", "jp")] {
        profile.calendars.insert(regime.into(), calendar.into());
    }
    Store::create(&db.path, PASSPHRASE, &profile).unwrap().0
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
    let db = TestDb::new();
    let mut store = database(&db);
    let mut failures = Vec::new();
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let text = |key: &str| v[key].as_str().unwrap().to_string();
        let input = CaseInput {
            kind: text("kind"),
            regime: text("regime"),
            received: text("received"),
            rights: v["rights"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect(),
            name: "Ann Lee".into(),
            ..CaseInput::default()
        };
        let case = input.validate(store.zone(), Utc::now()).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        let reference = store.add_case(&case).unwrap().reference;
        for e in v["events"].as_array().unwrap() {
            let field = |key: &str| e[key].as_str().map(str::to_string);
            let event = EventInput {
                event_type: e["type"].as_str().unwrap().into(),
                on: field("on"),
                right: field("right"),
                outcome: field("outcome"),
                reason: field("reason"),
                ..EventInput::default()
            };
            let event = event.validate(store.today()).unwrap_or_else(|err| panic!("{name}: {e}: {}", err.message));
            store.record_event(&reference, &event).unwrap_or_else(|err| panic!("{name}: {e}: {}", err.message));
        }
        let shown = serde_json::to_value(store.case_detail(&reference).unwrap()).unwrap();
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
