//! The work on a request: template tasks when it is opened, due a number of working days before
//! the response date on the office calendar and redated when that date moves; tasks added by hand
//! and ticked off with evidence; bad input refused with nothing written.

use crate::common;

use common::{stderr, TestDb};
use serde_json::Value;

fn tasks(db: &TestDb, reference: &str) -> Vec<Value> {
    db.json(&["case", "task", "list", reference, "--json"]).as_array().unwrap().clone()
}

fn due_of<'a>(tasks: &'a [Value], kind: &str) -> Vec<&'a str> {
    tasks.iter().filter(|t| t["kind"] == kind).map(|t| t["due"].as_str().unwrap()).collect()
}

#[test]
fn a_new_request_gets_its_tasks_counted_back_from_the_response_date_and_redated_when_it_moves() {
    let db = TestDb::initialised();
    let case = db.json(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "gdpr",
        "--received",
        "2026-11-20",
        "--name",
        "Ann Lee",
        "--right",
        "erasure",
        "--right",
        "access",
        "--json",
    ]);
    let reference = case["reference"].as_str().unwrap();
    assert_eq!(case["deadlines"]["respond_by"], "2026-12-21");
    let list = tasks(&db, reference);
    // 21 Dec 2026 is a Monday; counted back over the weekends on the Hamburg calendar.
    assert_eq!(
        due_of(&list, "search-system"),
        ["2026-12-07"; 3],
        "one search per source of data, 10 working days early"
    );
    assert_eq!(due_of(&list, "tell-recipient"), ["2026-12-14"; 3], "one message per recipient, 5 working days early");
    assert_eq!(due_of(&list, "review"), ["2026-12-17"], "a review, 2 working days early");
    let basis = list[0]["basis"].as_str().unwrap();
    assert!(basis.contains("10 working days before the response date (2026-12-21)"), "{basis}");

    // Extended: the open tasks follow the extended date (22 Feb 2027, a Monday).
    let out = db.run(&["case", "event", reference, "--type", "extended", "--on", "2026-11-25", "--note", "Complex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = tasks(&db, reference);
    assert_eq!(due_of(&list, "search-system"), ["2027-02-08"; 3]);
    assert_eq!(due_of(&list, "review"), ["2027-02-18"]);
    assert!(db.run(&["verify"]).status.success(), "every redated task is in the audit trail");
    // Each open task's date is in the calendar file, one event each; its title only with names.
    let ics = db.dir.path().join("d.ics");
    assert!(db.run(&["export", "ics", "--out", ics.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(&ics).unwrap();
    let uids = text.lines().filter(|l| l.starts_with(&format!("UID:{reference}-task-"))).count();
    assert_eq!(uids, list.iter().filter(|t| t["done_on"].is_null()).count());
    assert!(text.contains("DTSTART;VALUE=DATE:20270208") && !text.contains("Search the records"), "{text}");

    // A complaint gets none.
    let complaint = db.json(&[
        "case",
        "add",
        "--kind",
        "complaint",
        "--regime",
        "uk-gdpr",
        "--received",
        "2026-11-20",
        "--name",
        "Bo Li",
        "--json",
    ]);
    assert!(tasks(&db, complaint["reference"].as_str().unwrap()).is_empty());
}

#[test]
fn a_task_added_by_hand_is_ticked_off_with_its_evidence_and_audited() {
    let db = TestDb::initialised();
    let reference = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    let task = db.json(&[
        "case",
        "task",
        "add",
        &reference,
        "--title",
        "Search the support mailbox",
        "--kind",
        "search-system",
        "--due",
        "2026-03-20",
        "--assignee",
        "Kenji",
        "--json",
    ]);
    assert_eq!((task["due"].as_str(), task["kind"].as_str()), (Some("2026-03-20"), Some("search-system")));
    let id = task["id"].to_string();
    let done = db.json(&[
        "case",
        "task",
        "done",
        &reference,
        &id,
        "--on",
        "2026-03-05",
        "--evidence",
        "Ticket 4711",
        "--json",
    ]);
    assert_eq!((done["done_on"].as_str(), done["evidence"].as_str()), (Some("2026-03-05"), Some("Ticket 4711")));
    let audit = db.json(&["audit", "--case", &reference, "--limit", "2", "--json"]);
    let actions: Vec<&str> = audit.as_array().unwrap().iter().filter_map(|r| r["action"].as_str()).collect();
    assert_eq!(actions, ["task.done", "task.add"]);
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn bad_task_input_is_refused_in_one_line_and_nothing_is_written() {
    let db = TestDb::initialised();
    let reference = db.add_request("Ana Souza")["reference"].as_str().unwrap().to_string();
    let id = db.json(&["case", "task", "add", &reference, "--title", "Search", "--json"])["id"].to_string();
    let closed = db.add_request("Bo Li")["reference"].as_str().unwrap().to_string();
    let out = db.run(&["case", "event", &closed, "--type", "withdrawn", "--on", "2026-03-03"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let retired =
        db.json(&["party", "add", "--kind", "processor", "--name", "Old Host Ltd", "--json"])["id"].to_string();
    assert!(db.run(&["party", "retire", &retired]).status.success());
    let before = db.audit_records();
    for (args, error) in [
        (vec!["case", "task", "add", &reference, "--title", " "], "title must not be empty"),
        (vec!["case", "task", "add", &reference, "--title", "X", "--kind", "dig"], "unknown task kind 'dig'"),
        (vec!["case", "task", "add", &reference, "--title", "X", "--due", "soon"], "due 'soon' is not a valid date"),
        (
            vec!["case", "task", "add", &reference, "--title", "X", "--days-before", "400"],
            "days_before must be 0 to 250",
        ),
        (vec!["case", "task", "add", &closed, "--title", "X"], "is no longer open"),
        (vec!["case", "task", "add", "DSR-1999-0001", "--title", "X"], "no case with reference DSR-1999-0001"),
        (vec!["case", "task", "done", &reference, &id, "--on", "2199-01-01"], "on must not be in the future"),
        (vec!["case", "task", "done", &reference, &id, "--on", "2026-03-01"], "on must not be before"),
        (vec!["case", "task", "done", &reference, "999"], "has no open task 999"),
        (vec!["case", "task", "add", &reference, "--title", "X", "--party", "999"], "no party with id 999"),
        (vec!["case", "task", "add", &reference, "--title", "X", "--party", &retired], "is retired"),
        (vec!["case", "task", "done", &reference, &id, "--attach", "/nonexistent/proof.pdf"], "proof.pdf"),
        (
            vec!["case", "task", "done", &reference, &id, "--evidence", "a\u{1b}[31mb"],
            "evidence must not contain control characters",
        ),
    ] {
        let out = db.run(&args);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(error), "{args:?}: {err}");
        assert!(!err.contains("Souza"), "personal data in {err}");
    }
    assert_eq!(db.audit_records(), before, "nothing was written");
}

#[test]
fn a_task_with_a_party_and_a_file_as_evidence_and_one_due_too_late_flagged() {
    let db = TestDb::initialised();
    let reference = db.add_request("Ann Lee")["reference"].as_str().unwrap().to_string();
    let respond_by =
        db.json(&["case", "show", &reference, "--json"])["deadlines"]["respond_by"].as_str().unwrap().to_string();
    let processor =
        db.json(&["party", "add", "--kind", "processor", "--name", "Hosting GmbH", "--json"])["id"].to_string();
    let out = db.run(&[
        "case",
        "task",
        "add",
        &reference,
        "--title",
        "Ask the host to erase backups",
        "--kind",
        "tell-recipient",
        "--party",
        &processor,
        "--due",
        "2026-12-31",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let task: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((task["party"].as_str(), task["party_id"].to_string()), (Some("Hosting GmbH"), processor.clone()));
    assert!("2026-12-31" > respond_by.as_str());
    assert_eq!(task["after_response_date"], true, "due after {respond_by}: flagged");
    assert!(stderr(&out).contains("is due after the case's response date"), "{}", stderr(&out));

    // Done with a file: kept as an internal item of the correspondence, saved again byte for byte.
    let proof = db.dir.path().join("confirmation.pdf");
    let bytes: Vec<u8> = b"%PDF-1.4\n".iter().copied().chain((0..5000u32).map(|i| (i * 7 % 256) as u8)).collect();
    std::fs::write(&proof, &bytes).unwrap();
    let id = task["id"].to_string();
    let done = db.json(&[
        "case",
        "task",
        "done",
        &reference,
        &id,
        "--evidence",
        "Host confirmed",
        "--attach",
        proof.to_str().unwrap(),
        "--json",
    ]);
    let item = done["evidence_item"].as_i64().expect("the evidence is kept");
    let items = db.json(&["case", "correspondence", "list", &reference, "--json"]);
    let logged = items.as_array().unwrap().iter().find(|i| i["id"] == item).unwrap();
    assert_eq!(
        (logged["counterpart"].as_str(), logged["subject"].as_str()),
        (Some("internal"), Some("Evidence: Ask the host to erase backups"))
    );
    let copy = db.dir.path().join("copy.pdf");
    let out = db.run(&["case", "file", &reference, &item.to_string(), "--out", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    assert!(db.run(&["verify"]).status.success());
}
