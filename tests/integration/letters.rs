//! Every letter template rendered for real cases, read back with poppler (`pdftotext`, `pdffonts`)
//! and checked with `qpdf --check`; stored bytes match the file; bad input stores nothing.

use crate::common;

use std::collections::HashMap;
use std::process::Command;

use common::{data, stderr, TestDb};
use serde_json::Value;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} is needed for this test: {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The fixture cases of tests/data/letters.json, by name → reference.
fn fixtures(db: &TestDb, spec: &Value) -> HashMap<String, String> {
    let mut refs = HashMap::new();
    for (name, case) in spec["cases"].as_object().unwrap() {
        let mut args: Vec<&str> = vec!["case", "add", "--json"];
        args.extend(case["add"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()));
        let reference = db.json(&args)["reference"].as_str().unwrap().to_string();
        for event in case["events"].as_array().unwrap() {
            let mut args: Vec<&str> = vec!["case", "event", &reference];
            args.extend(event.as_array().unwrap().iter().map(|a| a.as_str().unwrap()));
            let out = db.run(&args);
            assert!(out.status.success(), "{name}: {}", stderr(&out));
        }
        refs.insert(name.clone(), reference);
    }
    refs
}

/// How many letters the database holds for a case.
fn letters_stored(db: &TestDb, reference: &str) -> i64 {
    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    raw.query_row(
        "SELECT COUNT(*) FROM letters l JOIN cases c ON c.id = l.case_id WHERE c.reference = ?1",
        [reference],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn every_template_renders_the_case_facts_with_embedded_subset_fonts() {
    let db = TestDb::initialised();
    let spec: Value = serde_json::from_str(&data("letters.json")).unwrap();
    let refs = fixtures(&db, &spec);
    let letters = spec["letters"].as_array().unwrap();
    assert_eq!(letters.len(), casebook::letter::template::NAMES.len(), "every template is covered");
    for (i, letter) in letters.iter().enumerate() {
        let template = letter["template"].as_str().unwrap();
        let reference = &refs[letter["case"].as_str().unwrap()];
        let paper = if i % 2 == 0 { "a4" } else { "letter" };
        let file = db.dir.path().join(format!("{template}.pdf"));
        let out =
            db.run(&["letter", reference, "--template", template, "--paper", paper, "--out", file.to_str().unwrap()]);
        assert!(out.status.success(), "{template}: {}", stderr(&out));

        let path = file.to_str().unwrap();
        let text = tool("pdftotext", &["-enc", "UTF-8", path, "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(reference.as_str()), "{template}: reference missing");
        for expected in letter["expect"].as_array().unwrap() {
            let expected = expected.as_str().unwrap();
            assert!(flat.contains(expected), "{template}: {expected:?} missing from:\n{flat}");
        }
        assert!(!flat.contains("{{"), "{template}: an unfilled placeholder");

        let fonts = tool("pdffonts", &[path]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{template}: no fonts");
        for row in rows {
            let name = row.split_whitespace().next().unwrap();
            assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "{template}: font {name} is not a subset");
            assert!(row.contains(" yes yes yes "), "{template}: font not embedded, subset, with Unicode map: {row}");
        }
        tool("qpdf", &["--check", path]);
        let info = tool("pdfinfo", &[path]);
        let size = if paper == "a4" { "(A4)" } else { "(letter)" };
        assert!(info.contains(size), "{template}: {info}");
        assert!(!info.contains("1970"), "{template}: creation date unset");
        assert!(info.contains("Author:          Cyber Security Cloud, Inc."), "{template}: {info}");
    }
}

#[test]
fn cjk_names_use_the_cjk_font_and_the_stored_letter_is_the_file() {
    let db = TestDb::initialised();
    let spec: Value = serde_json::from_str(&data("letters.json")).unwrap();
    let refs = fixtures(&db, &spec);
    let file = db.dir.path().join("opt-out.pdf");
    let out = db.run(&[
        "letter",
        &refs["opt-out"],
        "--template",
        "ccpa-opt-out-confirmation",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fonts = tool("pdffonts", &[file.to_str().unwrap()]);
    assert!(fonts.contains("NotoSansCJKjp-Regular"), "{fonts}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.len() < 60_000, "a letter with the CJK fallback is {} bytes", bytes.len());

    let raw = casebook::store::Store::raw_connection(&db.path, common::PASSPHRASE).unwrap();
    let (stored, sha): (Vec<u8>, String) = raw
        .query_row("SELECT pdf, sha256 FROM letters ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(stored, bytes);
    use sha2::Digest;
    assert_eq!(sha, hex::encode(sha2::Sha256::digest(&bytes)));
    let (direction, channel): (String, String) = raw
        .query_row("SELECT direction, channel FROM correspondence ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((direction.as_str(), channel.as_str()), ("out", "letter"));
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn bad_letter_requests_are_refused_and_store_nothing() {
    let db = TestDb::initialised();
    let spec: Value = serde_json::from_str(&data("letters.json")).unwrap();
    let refs = fixtures(&db, &spec);
    let records = db.audit_records();
    let out_file = db.dir.path().join("x.pdf");
    let out = out_file.to_str().unwrap();
    let missing_dir = db.dir.path().join("nowhere/x.pdf");
    for (args, error) in [
        (vec!["letter", &refs["eu"], "--template", "thank-you", "--out", out], "unknown template 'thank-you'"),
        (
            vec!["letter", &refs["eu"], "--template", "acknowledgement", "--lang", "fr", "--out", out],
            "unknown language 'fr'",
        ),
        (
            vec!["letter", &refs["eu"], "--template", "acknowledgement", "--paper", "a3", "--out", out],
            "unknown paper 'a3'",
        ),
        (
            vec!["letter", &refs["eu"], "--template", "refusal", "--out", out],
            "the refusal letter needs the case closed or rejected with a reason",
        ),
        (vec!["letter", &refs["uk"], "--template", "extension", "--out", out], "the extension letter needs"),
        (
            vec!["letter", "DSR-1999-0001", "--template", "acknowledgement", "--out", out],
            "no case with reference DSR-1999-0001",
        ),
        (
            vec!["letter", &refs["eu"], "--template", "acknowledgement", "--out", missing_dir.to_str().unwrap()],
            "does not exist",
        ),
    ] {
        let result = db.run(&args);
        assert!(!result.status.success(), "{args:?}");
        assert!(stderr(&result).contains(error), "{args:?}: {}", stderr(&result));
        assert!(!out_file.exists(), "{args:?}: a file was written");
    }
    assert_eq!(db.audit_records(), records, "nothing stored");
}

#[test]
fn a_batch_writes_one_letter_per_case_named_by_reference() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "60", "--seed", "2"]);
    let dir = db.dir.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let listed = |args: &[&str]| -> Vec<Value> {
        let mut full = vec!["case", "list", "--status", "acknowledged", "--json"];
        full.extend_from_slice(args);
        db.json(&full).as_array().unwrap().clone()
    };
    let (all, requests) = (listed(&[]), listed(&["--kind", "request"]));
    assert!(!requests.is_empty());
    let out_dir = dir.to_str().unwrap();
    let args = ["letters", "--template", "acknowledgement", "--status", "acknowledged", "--out-dir", out_dir, "--json"];
    let result = db.json(&args);
    assert_eq!(result["written"], requests.len());
    // The request's acknowledgement is not a complaint's: each complaint is named and skipped, not half-written.
    let skipped = result["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), all.len() - requests.len());
    assert!(skipped.iter().all(|s| s.as_str().unwrap().contains("the acknowledgement letter needs a request")));
    for case in &requests {
        let file = dir.join(format!("{}.pdf", case["reference"].as_str().unwrap()));
        let text = tool("pdftotext", &[file.to_str().unwrap(), "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(case["requester"]["name"].as_str().unwrap()));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), requests.len(), "no partial files left");
}

#[test]
fn a_users_own_template_replaces_the_built_in_and_is_checked_at_load() {
    let db = TestDb::initialised();
    let spec: Value = serde_json::from_str(&data("letters.json")).unwrap();
    let refs = fixtures(&db, &spec);
    let dir = db.dir.path().join("templates/en");
    std::fs::create_dir_all(&dir).unwrap();
    let file = db.dir.path().join("own.pdf");
    let out = file.to_str().unwrap();

    std::fs::write(dir.join("acknowledgement.txt"), "subject: Received: {{reference}}\n---\nHello {{requester_nmae}}.")
        .unwrap();
    let result = db.run(&["letter", &refs["eu"], "--template", "acknowledgement", "--out", out]);
    assert!(stderr(&result).contains("unknown placeholder {{requester_nmae}}"), "{}", stderr(&result));
    assert!(stderr(&result).contains("templates/en/acknowledgement.txt"), "the error names the file");

    std::fs::write(
        dir.join("acknowledgement.txt"),
        "subject: Received: {{reference}}\n---\nHello {{requester_name}}, noted.",
    )
    .unwrap();
    assert!(db.run(&["letter", &refs["eu"], "--template", "acknowledgement", "--out", out]).status.success());
    let text = tool("pdftotext", &[out, "-"]);
    assert!(text.contains("Hello Zoë Ångström, noted."), "{text}");
}

#[test]
fn every_template_is_translated_into_japanese_and_german() {
    let db = TestDb::initialised();
    let spec: Value = serde_json::from_str(&data("letters.json")).unwrap();
    let refs = fixtures(&db, &spec);
    for (lang, date) in [("ja", ("2026年3月6日", "2026年3月2日")), ("de", ("6. März 2026", "2. März 2026"))] {
        for letter in spec["letters"].as_array().unwrap() {
            let template = letter["template"].as_str().unwrap();
            let case = letter["case"].as_str().unwrap();
            let file = db.dir.path().join(format!("{template}-{lang}.pdf"));
            let out = db.run(&[
                "letter",
                &refs[case],
                "--template",
                template,
                "--lang",
                lang,
                "--out",
                file.to_str().unwrap(),
            ]);
            assert!(out.status.success(), "{lang}/{template}: {}", stderr(&out));
            let text = tool("pdftotext", &["-enc", "UTF-8", file.to_str().unwrap(), "-"]);
            let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let tight: String = text.split_whitespace().collect();
            assert!(flat.contains(refs[case].as_str()), "{lang}/{template}: reference");
            assert!(!flat.contains("{{"), "{lang}/{template}: an unfilled placeholder");
            let received = match case {
                "eu" => Some(date.0),
                "uk" => Some(date.1),
                _ => None,
            };
            if let Some(received) = received {
                // Japanese lines break between any two characters, so compare without white space there.
                let haystack = if lang == "ja" { &tight } else { &flat };
                assert!(
                    haystack.contains(&received.replace(' ', if lang == "ja" { "" } else { " " })),
                    "{lang}/{template}: {received} missing:\n{flat}"
                );
            }
            let first_expected = letter["expect"][0].as_str().unwrap();
            assert!(flat.contains(first_expected), "{lang}/{template}: {first_expected} missing");
        }
    }
}

#[test]
fn text_the_fonts_cannot_show_is_refused_before_anything_is_stored() {
    let db = TestDb::initialised();
    for (name, code) in [("देवी शर्मा", "U+0926"), ("Ann 🙂 Lee", "U+1F642"), ("𝄞 Clef", "U+1D11E"), ("สมชาย", "U+0E2A")]
    {
        let case = db.add_request(name);
        let reference = case["reference"].as_str().unwrap();
        let file = db.dir.path().join(format!("{reference}.pdf"));
        let out = db.run(&["letter", reference, "--template", "acknowledgement", "--out", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{name}");
        assert!(
            err.contains("the recipient's name and address holds characters the letter fonts cannot show"),
            "{err}"
        );
        assert!(err.contains(code), "{code}: {err}");
        assert!(!file.exists(), "no file written");
        assert_eq!(letters_stored(&db, reference), 0, "{name}: nothing stored or logged as sent");
    }
}

#[test]
fn values_from_a_case_are_literal_text_in_a_letter() {
    let db = TestDb::initialised();
    let case = db.add_request("Ann Lee");
    let reference = case["reference"].as_str().unwrap();
    let reason = "## Not a heading\n- not a bullet either";
    let out = db.run(&["case", "event", reference, "--type", "rejected", "--on", "2026-03-05", "--reason", reason]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = db.dir.path().join("refusal.pdf");
    let out = db.run(&["letter", reference, "--template", "refusal", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = tool("pdftotext", &[file.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("for the following reasons: ## Not a heading - not a bullet either"), "{flat}");
}

#[test]
fn arabic_and_hebrew_are_shaped_and_set_right_to_left() {
    let db = TestDb::initialised();
    let spec: Value = serde_json::from_str(&data("right_to_left_letters.json")).unwrap();
    for case in spec["cases"].as_array().unwrap() {
        let why = case["why"].as_str().unwrap();
        let name = case["name"].as_str().unwrap();
        let added = db.add_request_with(name, &["--postal-address", case["address"].as_str().unwrap()]);
        let reference = added["reference"].as_str().unwrap();
        let file = db.dir.path().join(format!("{reference}.pdf"));
        let path = file.to_str().unwrap();
        let out = db.run(&["letter", reference, "--template", "acknowledgement", "--out", path]);
        assert!(out.status.success(), "{why}: {}", stderr(&out));

        let fonts = tool("pdffonts", &[path]);
        let font = case["font"].as_str().unwrap();
        let row = fonts.lines().find(|l| l.contains(font)).unwrap_or_else(|| panic!("{why}: no {font}:\n{fonts}"));
        assert!(row.contains(" yes yes yes "), "{why}: {font} not embedded, subset, with Unicode map: {row}");

        // As a reader copies it: the salutation in reading order.
        let text = tool("pdftotext", &["-enc", "UTF-8", path, "-"]);
        let text: String = text.chars().filter(|c| !matches!(c, '\u{202A}'..='\u{202E}')).collect();
        let reads = case["reads"].as_str().unwrap();
        assert!(text.contains(reads), "{why}: {reads:?} missing from:\n{text}");

        // As it is printed: the first line of the address block, word by word from left to right.
        // poppler gives each word's glyphs left to right, so a right-to-left word comes reversed.
        let boxes = tool("pdftotext", &["-bbox", "-enc", "UTF-8", path, "-"]);
        let words = name.split(' ').collect::<Vec<_>>();
        let mut placed: Vec<(f64, String)> = Vec::new();
        for line in boxes.lines().filter(|l| l.contains("<word ")) {
            let x: f64 = line.split("xMin=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().parse().unwrap();
            let y: f64 = line.split("yMin=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().parse().unwrap();
            let word = line.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap();
            let logical =
                if word.chars().any(|c| c.is_ascii()) { word.to_string() } else { word.chars().rev().collect() };
            if y < 200.0 && words.contains(&logical.as_str()) {
                placed.push((x, logical));
            }
        }
        placed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let shown: Vec<&str> = placed.iter().map(|(_, w)| w.as_str()).collect();
        let display: Vec<&str> = case["display"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert_eq!(shown, display, "{why}");
        assert_eq!(letters_stored(&db, reference), 1, "{why}: the letter is stored with the case");
    }
}
