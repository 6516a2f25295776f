//! The yearly reports add up to the cases they count, and their JSON, CSV and PDF agree.

use crate::common;

use common::{stdout, TestDb};
use serde_json::Value;

#[test]
fn ccpa_7102_counts_match_the_cases_and_every_format_agrees() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "300", "--seed", "12"]);
    let cases = db.json(&["case", "list", "--regime", "ccpa", "--kind", "request", "--json"]);
    let report = db.json(&["report", "ccpa-7102", "--year", "2025", "--format", "json"]);
    assert_eq!(report["year"], 2025);
    let mut total = 0;
    for right in ["know", "delete", "correct", "opt-out", "limit"] {
        let expected = cases
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["received"].as_str().unwrap().starts_with("2025"))
            .filter(|c| c["rights"].as_array().unwrap().iter().any(|r| r == right))
            .count() as u64;
        let f = &report["rights"][right];
        assert_eq!(f["received"].as_u64().unwrap(), expected, "{right}");
        let by_reason: u64 = f["denied_by_reason"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(by_reason, f["denied"].as_u64().unwrap(), "{right}: every denial has its reason");
        let months: u64 = f["by_month"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(months, expected);
        total += expected;
    }
    assert!(total > 10, "the demo has CCPA requests in 2025");

    let csv = stdout(&db.run(&["report", "ccpa-7102", "--year", "2025", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records().map(|r| r.unwrap()) {
        let f: &Value = &report["rights"][&row[1]];
        assert_eq!(row[2].parse::<u64>().unwrap(), f["received"].as_u64().unwrap());
        assert_eq!(row[5].parse::<u64>().unwrap(), f["denied"].as_u64().unwrap());
    }

    let pdf = db.dir.path().join("r.pdf");
    assert!(db
        .run(&["report", "ccpa-7102", "--year", "2025", "--format", "pdf", "--out", pdf.to_str().unwrap()])
        .status
        .success());
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    let know = report["rights"]["know"]["received"].as_u64().unwrap();
    assert!(text.contains(&format!("know: {know} received")), "{text}");
}

#[test]
fn the_annual_report_covers_every_regime_and_right() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "200", "--seed", "5"]);
    let report = db.json(&["report", "annual", "--year", "2026"]);
    for (regime, rights) in [("gdpr", 6), ("uk-gdpr", 6), ("ccpa", 5), ("appi", 4)] {
        assert_eq!(report["regimes"][regime].as_object().unwrap().len(), rights, "{regime}");
    }
    let only = db.json(&["report", "annual", "--year", "2026", "--regime", "gdpr"]);
    assert_eq!(only["regimes"].as_object().unwrap().len(), 1);
    let bad = db.run(&["report", "quarterly", "--year", "2026"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown report 'quarterly'"));
}
