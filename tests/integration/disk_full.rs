//! A full disk: writing on a nearly full filesystem gives a clear error and loses nothing already
//! committed. Needs root to mount a small tmpfs; elsewhere it says why it did not run.

use crate::common;

use std::process::Command;

use common::{stderr, PASSPHRASE};

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"]).arg(&mount).output();
    if !mounted.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("disk-full test not run: mounting a small tmpfs needs root (this is how CI runs it)");
        return;
    }
    let result = std::panic::catch_unwind(|| fill_until_full(&mount));
    let _ = Command::new("umount").arg(&mount).status();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn fill_until_full(mount: &std::path::Path) {
    let db = mount.join("casebook.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .env("CASEBOOK_DB", &db)
            .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
            .env("HOME", mount)
            .output()
            .unwrap()
    };
    assert!(run(&["init"]).status.success(), "init fits in 1 MB");
    // Each demo batch is one transaction; keep adding until the disk refuses.
    let mut committed = 0;
    let mut failure = None;
    for _ in 0..200 {
        let out = run(&["demo", "--cases", "20", "--seed", "1"]);
        if out.status.success() {
            committed += 20;
        } else {
            failure = Some(stderr(&out));
            break;
        }
    }
    let failure = failure.expect("a 1 MB disk fills up");
    assert_eq!(failure.trim_end().lines().count(), 1, "one line: {failure}");
    assert!(failure.contains("full") || failure.contains("disk"), "a clear reason: {failure}");
    assert!(!failure.contains("panicked"), "{failure}");

    // Free some room (as the user would), then check that every committed case is there.
    let _ = std::fs::remove_file(mount.join("casebook.db.kdf.tmp"));
    let list = run(&["case", "list", "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let cases: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(cases.as_array().unwrap().len(), committed, "nothing committed was lost");
    assert!(run(&["verify"]).status.success());
}
