//! The architecture's boundaries, checked: each rule of `tests/data/boundaries.json` names folders
//! and what no source under them may contain (test code apart), so a use case written in a face, SQL
//! outside the store or markup in the window fails the build's tests instead of a review.

use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Rule {
    rule: String,
    under: Vec<String>,
    forbidden: Vec<String>,
}

/// Every Rust and TypeScript source under `path` (itself, if a file), test files left out.
fn sources(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for entry in entries {
            sources(&entry, out);
        }
    } else {
        let name = path.file_name().unwrap().to_string_lossy();
        let source = name.ends_with(".rs") || name.ends_with(".ts");
        if source && !name.ends_with(".test.ts") {
            out.push(path.to_path_buf());
        }
    }
}

/// The file's text without its test module (`#[cfg(test)]` and what follows).
fn shipped_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[test]
fn no_source_crosses_a_boundary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules: Vec<Rule> =
        serde_json::from_str(&std::fs::read_to_string(root.join("tests/data/boundaries.json")).unwrap()).unwrap();
    let mut crossings = Vec::new();
    let mut checked = 0;
    for rule in &rules {
        let mut files = Vec::new();
        for under in &rule.under {
            assert!(root.join(under).exists(), "{under} (in \"{}\") does not exist", rule.rule);
            sources(&root.join(under), &mut files);
        }
        for file in files {
            checked += 1;
            let text = shipped_text(&file);
            for (n, line) in text.lines().enumerate() {
                for word in rule.forbidden.iter().filter(|w| line.contains(w.as_str())) {
                    let at = file.strip_prefix(root).unwrap().display();
                    crossings.push(format!("{at}:{}: `{word}` — {}", n + 1, rule.rule));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} files checked");
    assert!(crossings.is_empty(), "boundaries crossed:\n{}", crossings.join("\n"));
}

#[test]
fn a_crossing_is_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("face.rs"), "fn f() { conn.execute(\"DELETE FROM cases\", []); }\n").unwrap();
    std::fs::write(
        dir.path().join("ok.rs"),
        "fn f() {}\n#[cfg(test)]\nmod tests { const Q: &str = \"DELETE FROM x\"; }\n",
    )
    .unwrap();
    let mut files = Vec::new();
    sources(dir.path(), &mut files);
    let hits: Vec<bool> = files.iter().map(|f| shipped_text(f).contains("DELETE FROM")).collect();
    assert_eq!(hits, vec![true, false], "a face's SQL is found; a test module's is not");
}
