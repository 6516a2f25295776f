//! The store at scale: a demo database of BENCH_CASES cases (default 100,000), then the operations a
//! privacy officer waits for, each timed over repeated runs (p50 / p95 in ms).
//! Run: cargo bench --bench store            (BENCH_CASES=10000 for a quicker run)
//! BENCH_DB=FILE keeps the demo database in FILE and reuses it on later runs (each run adds ~100 cases).
//! Imports are compared with the README's figure at the same size, the one before this run.

use std::time::Instant;

use casebook::model::{CalendarFilter, CaseFilter, CaseInput, EventInput, OrganisationProfile, Sort};
use casebook::store::KeyFile;
use casebook::store::Store;
use chrono::{Days, Utc};

const PASSPHRASE: &str = "benchmark passphrase";
/// How far the window counts a search's matches (`src-tauri/src/state.rs`), plus one.
const WINDOW_COUNT: Option<u64> = Some(10_001);

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    timed_after(runs, || (), |()| f())
}

/// p50 and p95 in ms of `f` over `runs` runs, `setup` run untimed before each.
fn timed_after<S, T>(runs: usize, mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> T) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let ready = setup();
            let t = Instant::now();
            std::hint::black_box(f(ready));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[(ms.len() * 95 / 100).min(ms.len() - 1)])
}

/// A row of `bench/run`'s table: p50 and p95 in milliseconds.
fn row(what: &str, times: (f64, f64)) {
    row_compared(what, times, String::new());
}

fn row_compared(what: &str, (p50, p95): (f64, f64), compared: String) {
    let compared = if compared.is_empty() { compared } else { format!("{compared} ") };
    println!("| store, {} cases | {what} | {} ms (p95 {}) | {compared}|", thousands(cases()), ms(p50), ms(p95));
}

/// The median against the one the README's table gives for the row with `key` at the same
/// number of cases (the figure before this run), as "README 26,168 ms: 1.10× faster".
fn against_readme(key: &str, (p50, _): (f64, f64)) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap_or_default();
    let prefix = format!("| store, {} cases |", thousands(cases()));
    let before: Option<f64> = readme
        .lines()
        .find(|l| l.starts_with(&prefix) && l.contains(key))
        .and_then(|l| l.split('|').nth(3))
        .and_then(|result| result.trim().split(" ms").next())
        .and_then(|figure| figure.replace(',', "").parse().ok());
    match before {
        Some(before) if p50 <= before => format!("README {} ms: {:.2}× faster", ms(before), before / p50),
        Some(before) => format!("README {} ms: {:.2}× slower", ms(before), p50 / before),
        None => String::new(),
    }
}

fn cases() -> u32 {
    std::env::var("BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

/// Milliseconds as a person reads them: two decimals below 10, none above, thousands grouped.
fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2}")
    } else {
        thousands(v.round() as u32)
    }
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn main() {
    let n = cases();
    // Whole-database operations run three times, or once on a very large database.
    let slow = if n > 200_000 { 1 } else { 3 };
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var_os("BENCH_DB").map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    if !path.exists() {
        let t = Instant::now();
        let (mut store, _) = Store::create(&path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
        casebook::app::demo::fill(&mut store, n, 1).unwrap();
        eprintln!("demo database: {n} cases in {:.1} s", t.elapsed().as_secs_f64());
    }
    let mb = std::fs::metadata(&path).unwrap().len() / 1_000_000;
    println!("| store, {} cases | database file size | {mb} MB | |", thousands(n));
    let file = KeyFile::read(&path).unwrap();
    row("unlock: key derivation (Argon2id, 256 MiB)", timed(3, || file.unlock(PASSPHRASE).unwrap()));
    let checked = casebook::files::with_suffix(&path, ".checked");
    row(
        "first open of a day: unlock + whole-file check (CLI)",
        timed(3, || {
            let _ = std::fs::remove_file(&checked);
            Store::open(&path, PASSPHRASE).unwrap()
        }),
    );
    row("any later open: unlock (CLI)", timed(3, || Store::open(&path, PASSPHRASE).unwrap()));
    row(
        "open + unlock in the window (quick_check beside reads)",
        timed(3, || Store::open_checking_before_writes(&path, PASSPHRASE).unwrap()),
    );
    let mut store = Store::open(&path, PASSPHRASE).unwrap();
    let page = CaseFilter { open_only: true, limit: Some(50), ..CaseFilter::default() };
    row("case list, first page of open cases by due date", timed(50, || store.list_cases(&page).unwrap()));
    let all = CaseFilter { limit: Some(50), ..CaseFilter::default() };
    row("case list, first page of all cases by due date", timed(50, || store.list_cases(&all).unwrap()));
    for sort in [Sort::Received, Sort::Reference, Sort::Updated] {
        let sorted = CaseFilter { sort, ..page.clone() };
        row(
            &format!("case list, first page of open cases by {}", sort.as_str()),
            timed(50, || store.list_cases(&sorted).unwrap()),
        );
    }
    row("case count (for paging)", timed(50, || store.count_cases(&all).unwrap()));
    // Searches as the window makes them: the first page, and the count beside it up to 10,000.
    for q in ["o", "ol", "oli", "olivia martinez", "山", "山田", "DSR-2026"] {
        let f = CaseFilter { search: Some(q.into()), limit: Some(50), ..CaseFilter::default() };
        row(
            &format!("search \"{q}\" (first page + count)"),
            timed(30, || (store.list_cases(&f).unwrap(), store.count_cases_up_to(&f, WINDOW_COUNT).unwrap())),
        );
    }
    let o = CaseFilter { search: Some("o".into()), ..CaseFilter::default() };
    row("exact count of search \"o\" (the CLI's)", timed(30, || store.count_cases(&o).unwrap()));
    // The window searches open cases unless told otherwise.
    for q in ["o", "ol", "山田", "DSR-2026"] {
        let f = CaseFilter { search: Some(q.into()), open_only: true, limit: Some(50), ..CaseFilter::default() };
        row(
            &format!("search open cases \"{q}\" (page + count)"),
            timed(30, || (store.list_cases(&f).unwrap(), store.count_cases_up_to(&f, WINDOW_COUNT).unwrap())),
        );
    }
    let filtered = CaseFilter {
        regime: Some("ccpa".parse().unwrap()),
        status: Some("closed".parse().unwrap()),
        limit: Some(50),
        ..CaseFilter::default()
    };
    row("filtered list (ccpa, closed)", timed(30, || store.list_cases(&filtered).unwrap()));
    let reference = store.list_cases(&all).unwrap()[0].reference.clone();
    row("case detail", timed(50, || store.case_detail(&reference).unwrap()));
    let busy = store.add_case(&new_case_input().validate(store.zone(), Utc::now()).unwrap()).unwrap().reference;
    for i in 0..50 {
        let note = EventInput { event_type: "note".into(), note: Some(format!("Call {i}")), ..EventInput::default() };
        store.record_event(&busy, &note.validate(store.today()).unwrap()).unwrap();
    }
    row("case detail with 50 events", timed(50, || store.case_detail(&busy).unwrap()));
    row("dashboard counts", timed(30, || store.dashboard().unwrap()));
    let today = store.today();
    row(
        "calendar month",
        timed(30, || store.calendar(today - Days::new(3), today + Days::new(38), &CalendarFilter::default()).unwrap()),
    );
    let new_case = new_case_input().validate(store.zone(), Utc::now()).unwrap();
    row("durable save of a new case (fsync)", timed(50, || store.add_case(&new_case).unwrap()));
    let profile = store.profile().unwrap();
    row("recompute deadlines of all open cases", timed(slow, || store.update_profile(&profile).unwrap()));
    row(
        "export csv (all cases)",
        timed(slow, || casebook::app::exports::export(&store, casebook::app::exports::Format::Csv).unwrap()),
    );
    if n <= 200_000 {
        row("export json (everything)", timed(slow, || serde_json::to_vec(&store.export_json().unwrap()).unwrap()));
    }
    row(
        "export ics (open deadlines)",
        timed(3, || casebook::export::ics::calendar(&store.open_deadlines(false).unwrap(), 3, Utc::now())),
    );

    row(
        "verify: audit chain, then every row against it",
        timed(slow, || (store.verify_audit_chain().unwrap(), store.verify_rows().unwrap())),
    );

    if n > 200_000 {
        println!("| store, {} cases | export json, imports | skipped above 200,000 cases (memory) | |", thousands(n));
        return;
    }
    // Imports of the same exports, each by the command a person runs (`casebook import`) into a
    // database just made: the process, unlock (the key derivation, about 0.4 s), read and check, write.
    let json = dir.path().join("export.json");
    std::fs::write(&json, serde_json::to_vec(&store.export_json().unwrap()).unwrap()).unwrap();
    let csv = dir.path().join("export.csv");
    std::fs::write(&csv, casebook::app::exports::export(&store, casebook::app::exports::Format::Csv).unwrap().bytes)
        .unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(&mapping, CSV_AS_REGISTER).unwrap();
    let mut i = 0;
    let mut fresh = || {
        i += 1;
        let path = dir.path().join(format!("import-{i}.db"));
        Store::create(&path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
        path
    };
    let times = timed_after(slow, &mut fresh, |path| casebook(&path, &["import", "json", json.to_str().unwrap()]));
    row_compared(
        "`casebook import json` (everything, into a new database; unlock included)",
        times,
        against_readme("import json", times),
    );
    // The CSV export read back as an old register: every row checked, then written in one go.
    let register = ["import", "csv", csv.to_str().unwrap(), "--map", mapping.to_str().unwrap()];
    let times = timed_after(slow, &mut fresh, |path| casebook(&path, &register));
    row_compared(
        "`casebook import csv` (all cases, checked and written; unlock included)",
        times,
        against_readme("import csv", times),
    );
}

/// Runs the `casebook` command on `db`; it must succeed.
fn casebook(db: &std::path::Path, args: &[&str]) {
    let done = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(done.status.success(), "{args:?}: {}", String::from_utf8_lossy(&done.stderr));
}

/// The columns of `export csv` mapped onto a new case's fields.
const CSV_AS_REGISTER: &str = r#"{"columns": {
    "reference": "old_reference", "kind": "kind", "regime": "regime", "rights": "rights", "received": "received",
    "time_zone": "time_zone", "channel": "channel", "requester_name": "name", "requester_email": "email",
    "requester_phone": "phone", "requester_company": "company", "relationship": "relationship",
    "assignee": "assignee", "tags": "tags", "notes": "notes"}}"#;

fn new_case_input() -> CaseInput {
    CaseInput {
        kind: "request".into(),
        regime: "gdpr".into(),
        received: "2026-05-04".into(),
        name: "Bench Mark".into(),
        ..CaseInput::default()
    }
}
