//! Emails saved as .eml: a new case from a request, a reply logged on its case with attachments
//! stored by SHA-256, and malformed mail refused cleanly.

use crate::common;

use common::{stderr, stdout, TestDb};
use sha2::Digest;

fn eml(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eml").join(name).to_string_lossy().into_owned()
}

#[test]
fn a_request_by_email_opens_a_case_and_replies_are_logged_on_it() {
    let db = TestDb::initialised();
    let out = db.run(&["import", "eml", &eml("request.eml"), "--regime", "uk-gdpr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reference = stdout(&out).split(':').next().unwrap().to_string();
    let case = db.json(&["case", "show", &reference, "--json"]);
    assert_eq!(case["requester"]["name"], "Zoë Ångström");
    assert_eq!(case["requester"]["email"], "zoe.angstrom@example.org");
    assert_eq!(case["channel"], "email");
    // 23:58 UTC on 6 March is already 7 March at the Tokyo office.
    assert_eq!(case["received"], "2026-03-07");

    let out = db.run(&["import", "eml", &eml("reply.eml"), "--case", &reference]);
    assert!(out.status.success(), "{}", stderr(&out));

    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    let (name, media, sha, bytes): (String, String, String, Vec<u8>) = raw
        .query_row("SELECT file_name, media_type, sha256, bytes FROM attachments", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), media.as_str()), ("passport-redacted.pdf", "application/pdf"));
    assert!(bytes.starts_with(b"%PDF-1.4"));
    assert_eq!(sha, hex::encode(sha2::Sha256::digest(&bytes)));
    let subjects: Vec<String> = raw
        .prepare("SELECT subject FROM correspondence ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(subjects, ["Subject access request under GDPR", "Re: Your request - identity"]);
    // The correspondence is searchable.
    let found = db.json(&["case", "list", "--search", "WafCharm logs", "--json"]);
    assert_eq!(found[0]["reference"].as_str(), Some(reference.as_str()));
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn malformed_mail_is_refused_and_nothing_is_written() {
    let db = TestDb::initialised();
    let records = db.audit_records();
    for (file, error) in [
        ("empty.eml", "not a usable email"),
        ("no-from.eml", "no From header"),
        ("no-date.eml", "no Date header"),
        ("bad-sender.eml", "not a usable email"),
        ("binary.eml", "not a usable email"),
        ("future.eml", "must not be in the future"),
    ] {
        let out = db.run(&["import", "eml", &eml(file), "--regime", "gdpr"]);
        assert!(!out.status.success(), "{file}");
        assert!(stderr(&out).contains(error), "{file}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{file}");
    }
    let out = db.run(&["import", "eml", &eml("reply.eml"), "--case", "DSR-1999-0001"]);
    assert!(stderr(&out).contains("no case with reference DSR-1999-0001"));
    let out = db.run(&["import", "eml", &eml("reply.eml")]);
    assert!(stderr(&out).contains("give --case REF"));
    assert_eq!(db.audit_records(), records);
}
