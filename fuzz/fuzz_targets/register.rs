//! A spreadsheet register: the first line of the input is the mapping file, the rest the CSV.
//! Any input gives a plan or an error, never a panic; every accepted row is a valid new case.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let Ok(mapping_text) = std::str::from_utf8(&data[..split]) else { return };
    let mapping = casebook::import::register::Mapping::from_json(mapping_text).unwrap_or_else(|_| {
        casebook::import::register::Mapping::from_json(
            r#"{"columns": {"Ref": "old_reference", "Name": "name", "Received": "received", "Law": "regime",
                "Rights": "rights", "Notes": "notes"}, "defaults": {"kind": "request"}, "date_format": "%d/%m/%Y"}"#,
        )
        .unwrap()
    });
    let csv = data.get(split + 1..).unwrap_or_default();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z").unwrap().with_timezone(&chrono::Utc);
    if let Ok(plan) = casebook::import::register::plan(csv, &mapping, chrono_tz::Europe::London, now) {
        for (_, case) in &plan.accepted {
            assert!(!case.requester.name.trim().is_empty());
        }
    }
});
