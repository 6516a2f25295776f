//! Helpers shared by the integration tests: a throwaway database and a way to run the CLI on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const PASSPHRASE: &str = "correct horse battery";

/// A database in a fresh temporary directory; never the user's real data directory.
pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("casebook.db");
        TestDb { dir, path }
    }

    /// A database created with `casebook init`.
    pub fn initialised() -> TestDb {
        let db = TestDb::new();
        let out = db.run(&["init"]);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        db
    }

    /// Runs `casebook ARGS` against this database with the test passphrase.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, PASSPHRASE)
    }

    pub fn run_with(&self, args: &[&str], passphrase: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .env("CASEBOOK_DB", &self.path)
            .env("CASEBOOK_PASSPHRASE", passphrase)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .output()
            .expect("casebook runs")
    }

    /// Runs a command that must succeed and returns its stdout parsed as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("stdout is JSON")
    }

    /// Adds a GDPR request received on 2 March 2026 from `name`; returns the case as JSON.
    pub fn add_request(&self, name: &str) -> serde_json::Value {
        self.add_request_with(name, &[])
    }

    /// The same, with more `case add` options (an address, rights…).
    pub fn add_request_with(&self, name: &str, more: &[&str]) -> serde_json::Value {
        self.add_request_on("2026-03-02", name, more)
    }

    /// A GDPR request received on `received` (`YYYY-MM-DD`), with more `case add` options.
    pub fn add_request_on(&self, received: &str, name: &str, more: &[&str]) -> serde_json::Value {
        let mut args =
            vec!["case", "add", "--kind", "request", "--regime", "gdpr", "--received", received, "--name", name];
        args.extend_from_slice(more);
        args.push("--json");
        self.json(&args)
    }

    /// How many audit records the database holds (each write appends at least one).
    pub fn audit_records(&self) -> i64 {
        self.json(&["verify", "--json"])["audit_records"].as_i64().expect("a count")
    }

    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("database file")
    }
}

/// Runs every vector of `tests/data/<file>` (`why`, `args`, `error`; `@NAME@` placeholders in
/// `args` and `error` filled by `fill`): each must fail with one line that holds its error and not
/// `name`, the personal data the database holds.
pub fn assert_refused(db: &TestDb, file: &str, fill: &dyn Fn(&str) -> String, name: &str) {
    let vectors: Vec<serde_json::Value> = serde_json::from_str(&data(file)).unwrap();
    for v in &vectors {
        let args: Vec<String> = v["args"].as_array().unwrap().iter().map(|a| fill(a.as_str().unwrap())).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = db.run(&args);
        let why = v["why"].as_str().unwrap();
        let err = stderr(&out);
        assert!(!out.status.success(), "{why}: should fail");
        assert_eq!(err.trim_end().lines().count(), 1, "{why}: one line, got {err:?}");
        assert!(err.contains(&fill(v["error"].as_str().unwrap())), "{why}: got {err:?}");
        assert!(!err.contains(name), "{why}: personal data in {err:?}");
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Reads a data file under `tests/data/`.
pub fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
