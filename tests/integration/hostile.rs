//! Hostile input: the strings of `tests/data/hostile_input.json` through the CLI's text fields and
//! reference arguments, and files that try to read badly or write outside the chosen place. Each
//! is stored exactly or refused in one line naming no personal data, with nothing written.

use crate::common;

use common::{data, stderr, TestDb};
use serde_json::Value;

/// `@REPEAT:x:N@` stands for `x` repeated N times.
pub fn expand(v: &str) -> String {
    match v.strip_prefix("@REPEAT:").and_then(|r| r.strip_suffix('@')).and_then(|r| r.split_once(':')) {
        Some((unit, n)) => unit.repeat(n.parse().unwrap()),
        None => v.to_string(),
    }
}

fn hostile_strings() -> Vec<(String, String, Value)> {
    let doc: Value = serde_json::from_str(&data("hostile_input.json")).unwrap();
    doc["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["why"].as_str().unwrap().to_string(), expand(s["value"].as_str().unwrap()), s.clone()))
        .collect()
}

fn assert_refused(out: &std::process::Output, expected: &str, value: &str, what: &str) {
    let err = stderr(out);
    assert!(!out.status.success(), "{what}: should fail");
    assert_eq!(err.trim_end().lines().count(), 1, "{what}: one line, got {err:?}");
    assert!(err.contains(expected), "{what}: expected {expected:?}, got {err:?}");
    let echoed = err.contains("Souza") || (value.trim().len() > 3 && err.contains(value.trim()));
    assert!(!echoed, "{what}: personal data in the error");
}

#[test]
fn hostile_text_is_stored_exactly_or_refused_with_nothing_written() {
    let db = TestDb::initialised();
    let reference = db.json(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "gdpr",
        "--received",
        "2026-03-02",
        "--name",
        "Ana Souza",
        "--json",
    ])["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let mut tried = 0;
    for (why, value, expect) in hostile_strings().into_iter().filter(|(_, _, s)| s["cli"] != false) {
        for field in ["name", "notes"] {
            let what = format!("{why} as {field}");
            let expected = expect[field].as_str().unwrap();
            let (name, notes) =
                if field == "name" { (value.as_str(), "A note.") } else { ("Ana Souza", value.as_str()) };
            let before = db.audit_records();
            let args = [
                "case",
                "add",
                "--kind",
                "request",
                "--regime",
                "gdpr",
                "--received",
                "2026-03-02",
                "--name",
                name,
                "--notes",
                notes,
                "--json",
            ];
            let out = db.run(&args);
            if expected == "stored" {
                assert!(out.status.success(), "{what}: {}", stderr(&out));
                let added: Value = serde_json::from_slice(&out.stdout).unwrap();
                let shown = db.json(&["case", "show", added["reference"].as_str().unwrap(), "--json"]);
                let got = if field == "name" { &shown["requester"]["name"] } else { &shown["notes"] };
                assert_eq!(got.as_str().unwrap(), value.trim(), "{what}");
            } else {
                assert_refused(&out, expected, &value, &what);
                assert_eq!(db.audit_records(), before, "{what}: nothing written");
            }
            tried += 1;
        }
        // The same text where a reference, a template or a status is expected: a clean refusal.
        let before = db.audit_records();
        for args in [
            vec!["case", "show", value.as_str()],
            vec!["case", "event", value.as_str(), "--type", "acknowledged"],
            vec!["case", "event", reference.as_str(), "--type", "note", "--note", value.as_str()],
            vec!["case", "list", "--status", value.as_str()],
        ] {
            let out = db.run(&args);
            let is_note = args.get(4) == Some(&"note");
            if is_note && expect["notes"] == "stored" && !value.trim().is_empty() {
                assert!(out.status.success(), "{why} as an event note: {}", stderr(&out));
            } else {
                assert!(!out.status.success(), "{why} in {:?}", &args[..2]);
                assert_eq!(stderr(&out).trim_end().lines().count(), 1, "{why}: {}", stderr(&out));
            }
            tried += 1;
        }
        let notes_written = db.audit_records() - before;
        assert!(notes_written <= 1, "{why}: only the note, if any, was written");
    }
    assert!(tried >= 70, "inputs tried: {tried}");
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn files_are_never_written_outside_the_chosen_place_nor_read_half() {
    use std::os::unix::fs::symlink;
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "60", "--seed", "2"]);
    let dir = db.dir.path();
    let outside = dir.join("outside.txt");
    std::fs::write(&outside, "precious").unwrap();

    // A symlink where the export goes is something there: refused without --force; with it, the
    // link is replaced by the file, never written through.
    let link = dir.join("cases.csv");
    symlink(&outside, &link).unwrap();
    assert!(stderr(&db.run(&["export", "csv", "--out", link.to_str().unwrap()])).contains("it exists"));
    assert!(db.run(&["export", "csv", "--out", link.to_str().unwrap(), "--force"]).status.success());
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());

    // A symlink planted where a letter's partial file would go is taken for a leftover and removed,
    // never followed; a folder standing where a letter goes refuses the whole batch, nothing stored.
    let letters = dir.join("letters");
    std::fs::create_dir(&letters).unwrap();
    db.add_request("Ann Lee");
    db.add_request("Ben Okafor");
    let new = db.json(&["case", "list", "--status", "new", "--kind", "request", "--json"]);
    let requests = new.as_array().unwrap().len();
    assert!(requests >= 2);
    let first = new[0]["reference"].as_str().unwrap();
    let last = new[requests - 1]["reference"].as_str().unwrap();
    symlink(&outside, letters.join(format!("{first}.pdf.part"))).unwrap();
    std::fs::create_dir(letters.join(format!("{last}.pdf"))).unwrap();
    let before = db.audit_records();
    let args = ["letters", "--template", "acknowledgement", "--status", "new", "--out-dir"];
    let out = db.run(&[&args[..], &[letters.to_str().unwrap()]].concat());
    assert!(!out.status.success() && stderr(&out).contains("it is a folder"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
    assert_eq!(db.audit_records(), before, "no letter recorded");
    let left: Vec<_> = std::fs::read_dir(&letters).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from(format!("{last}.pdf"))], "no letter, no partial file, no link");
    std::fs::remove_dir(letters.join(format!("{last}.pdf"))).unwrap();
    symlink(&outside, letters.join(format!("{first}.pdf.part"))).unwrap();
    let out = db.run(&[&args[..], &[letters.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
    assert_eq!(std::fs::read_dir(&letters).unwrap().count(), requests, "one letter per request, the link gone");

    // A path into a folder that does not exist, climbing with `..`: a clear error.
    let nowhere = dir.join("no-such-folder/../no-such-folder/x.ics");
    let out = db.run(&["export", "ics", "--out", nowhere.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("does not exist"), "{}", stderr(&out));

    // Invalid UTF-8 in imported files: one-line refusals, nothing written.
    let before = db.audit_records();
    let bad = dir.join("bad.bin");
    std::fs::write(&bad, b"Ref,Requester\n\xff\xfe\xc3\x28,Ana\n").unwrap();
    let map = dir.join("map.json");
    std::fs::write(&map, r#"{"columns": {"Ref": "old_reference", "Requester": "name"}}"#).unwrap();
    for args in [
        vec!["import", "csv", bad.to_str().unwrap(), "--map", map.to_str().unwrap()],
        vec!["import", "json", bad.to_str().unwrap()],
        vec!["import", "csv", bad.to_str().unwrap(), "--map", bad.to_str().unwrap()],
    ] {
        let out = db.run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(stderr(&out).trim_end().lines().count(), 1, "{args:?}: {}", stderr(&out));
    }
    // A register row with a 1 MB note is rejected with its row number and reason.
    let register = dir.join("register.csv");
    std::fs::write(
        &register,
        format!("Ref,Requester,Received,Notes\nOLD-1,Ana Souza,2025-01-02,{}\n", expand("@REPEAT:b:1000000@")),
    )
    .unwrap();
    std::fs::write(
        &map,
        r#"{"columns": {"Ref": "old_reference", "Requester": "name", "Received": "received", "Notes": "notes"},
            "defaults": {"kind": "request", "regime": "gdpr"}}"#,
    )
    .unwrap();
    let out = db.run(&["import", "csv", register.to_str().unwrap(), "--map", map.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("row 2: notes is too long"), "{said}");
    assert_eq!(db.audit_records(), before, "nothing written");
}
