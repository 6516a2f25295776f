//! Backups and restore through the CLI: encrypted, verified, exact; a damaged or foreign backup
//! never replaces the database; a damaged database refuses writes and says how to restore.

use crate::common;

use common::{stderr, stdout, TestDb, PASSPHRASE};

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn backup_then_restore_gives_back_exactly_what_was_backed_up() {
    let db = TestDb::initialised();
    assert!(db.run(&["demo", "--cases", "60", "--seed", "4"]).status.success());
    let before = db.json(&["case", "list", "--json"]);
    let backup = db.dir.path().join("backup.db");
    let out = db.run(&["backup", "--to", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("60 cases"), "{}", stdout(&out));

    // The backup is encrypted like the database: no header, no names.
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!contains(&bytes, "SQLite format 3"));
    for case in before.as_array().unwrap() {
        assert!(!contains(&bytes, case["requester"]["name"].as_str().unwrap()));
    }

    let later = db.run(&[
        "case",
        "add",
        "--kind",
        "request",
        "--regime",
        "gdpr",
        "--received",
        "2026-05-04",
        "--name",
        "After Backup",
    ]);
    assert!(later.status.success());
    assert_ne!(db.json(&["case", "list", "--json"]), before);

    let out = db.run(&["restore", "--from", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.json(&["case", "list", "--json"]), before, "the restored list is the backed-up one");
    assert!(db.run(&["verify"]).status.success());
    let mut kept = db.path.clone().into_os_string();
    kept.push(".before-restore");
    assert!(std::path::Path::new(&kept).exists(), "the replaced database is kept");
}

#[test]
fn a_backup_never_overwrites_and_needs_an_existing_folder() {
    let db = TestDb::initialised();
    let existing = db.dir.path().join("exists.db");
    std::fs::write(&existing, b"keep me").unwrap();
    let out = db.run(&["backup", "--to", existing.to_str().unwrap()]);
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    let out = db.run(&["backup", "--to", db.dir.path().join("no/such/dir/b.db").to_str().unwrap()]);
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
}

#[test]
fn a_bad_backup_or_wrong_passphrase_leaves_the_database_untouched() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "20", "--seed", "1"]);
    let backup = db.dir.path().join("b.db");
    assert!(db.run(&["backup", "--to", backup.to_str().unwrap()]).status.success());
    let before = db.bytes();

    let out = db.run_with(&["restore", "--from", backup.to_str().unwrap()], "not the passphrase");
    assert_eq!(stderr(&out).trim(), "casebook: wrong passphrase");
    assert_eq!(db.bytes(), before);

    let mut damaged = std::fs::read(&backup).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle..middle + 64].iter_mut().for_each(|b| *b ^= 0x5a);
    let broken = db.dir.path().join("broken.db");
    std::fs::write(&broken, &damaged).unwrap();
    std::fs::copy(db.dir.path().join("b.db.kdf"), db.dir.path().join("broken.db.kdf")).unwrap();
    let out = db.run(&["restore", "--from", broken.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a sound backup")
            || stderr(&out).contains("damaged")
            || stderr(&out).contains("malformed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(db.bytes(), before);
    assert!(db.run(&["verify"]).status.success());
}

#[test]
fn rolling_backups_make_one_a_day_beside_the_database() {
    let db = TestDb::initialised();
    let out = db.run(&["backup", "--rolling"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = db.run(&["backup", "--rolling"]);
    assert!(stdout(&out).contains("already exists"));
    let listed = stdout(&db.run(&["backups"]));
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("backups/casebook-"));
}

#[test]
fn a_damaged_database_refuses_to_open_and_says_how_to_restore() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "30", "--seed", "1"]);
    let mut bytes = db.bytes();
    let page = 4096 * 3;
    bytes[page + 100..page + 200].iter_mut().for_each(|b| *b ^= 0xff);
    std::fs::write(&db.path, &bytes).unwrap();
    // `verify` reads every page; the first command of a day does too (the file was checked today).
    let out = db.run(&["verify"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("casebook restore --from FILE"), "{}", stderr(&out));
    std::fs::remove_file(db.dir.path().join("casebook.db.checked")).unwrap();
    let out = db.run(&["case", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("casebook restore --from FILE"), "{}", stderr(&out));
    let _ = PASSPHRASE;
}

#[test]
fn the_window_reads_while_the_file_is_checked_but_a_damaged_file_takes_no_write() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "200", "--seed", "1"]);
    let mut bytes = db.bytes();
    // Damage a page near the end (case data), not the schema or settings the open reads first.
    let page = (bytes.len() / 4096 - 2) * 4096;
    bytes[page + 100..page + 200].iter_mut().for_each(|b| *b ^= 0xff);
    std::fs::write(&db.path, &bytes).unwrap();

    let mut store =
        casebook::store::Store::open_checking_before_writes(&db.path, PASSPHRASE).expect("opens for reading");
    let e = store.add_closure("2026-12-24".parse().unwrap(), "Office closed").unwrap_err();
    assert!(e.message.contains("casebook restore --from FILE"), "{}", e.message);
    drop(store);
    assert_eq!(db.bytes(), bytes, "nothing was written");
}

#[test]
fn the_database_its_backups_and_their_folders_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let db = TestDb::new();
    let path = db.dir.path().join("office/casebook.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["init"])
        .env("CASEBOOK_DB", &path)
        .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .env("CASEBOOK_DB", &path)
            .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    run(&["case", "add", "--kind", "request", "--regime", "gdpr", "--received", "2026-03-02", "--name", "Ann Lee"]);
    run(&["backup", "--rolling"]);
    let office = path.parent().unwrap();
    assert_eq!(mode(office), 0o700, "the folder Casebook made for the database");
    assert_eq!(mode(&office.join("backups")), 0o700, "the rolling backups' folder");
    for entry in std::fs::read_dir(office).unwrap().chain(std::fs::read_dir(office.join("backups")).unwrap()) {
        let entry = entry.unwrap().path();
        if entry.is_file() {
            assert_eq!(mode(&entry), 0o600, "{}", entry.display());
        }
    }
    let outside = db.dir.path().join("copy.db");
    run(&["backup", "--to", outside.to_str().unwrap()]);
    assert_eq!(mode(&outside), 0o600, "a backup to a chosen file");
}
