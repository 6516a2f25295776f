//! Where the command line writes: an existing file only with --force, never a folder or a device,
//! and a full disk or a closed output is a one-line error, not a crash.

use crate::common;

use common::{stderr, TestDb};

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let db = TestDb::initialised();
    let file = db.dir.path().join("cases.csv");
    std::fs::write(&file, "keep me").unwrap();
    let out = db.run(&["export", "csv", "--out", file.to_str().unwrap()]);
    assert!(stderr(&out).contains("it exists (add --force to replace it)"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    let out = db.run(&["report", "annual", "--year", "2026", "--format", "csv", "--out", file.to_str().unwrap()]);
    assert!(stderr(&out).contains("it exists"), "{}", stderr(&out));
    assert!(db.run(&["export", "csv", "--out", file.to_str().unwrap(), "--force"]).status.success());
    assert!(std::fs::read(&file).unwrap().starts_with(&[0xEF, 0xBB, 0xBF]), "replaced by the export");
}

#[test]
fn a_folder_or_a_device_is_never_an_output() {
    let db = TestDb::initialised();
    for (target, why) in
        [(db.dir.path().to_str().unwrap(), "it is a folder"), ("/dev/null", "it is not a regular file")]
    {
        for args in [
            vec!["export", "json", "--out", target, "--force"],
            vec!["report", "annual", "--year", "2026", "--format", "pdf", "--out", target, "--force"],
        ] {
            let out = db.run(&args);
            assert!(!out.status.success(), "{args:?}");
            assert!(stderr(&out).contains(why), "{args:?}: {}", stderr(&out));
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_a_one_line_error() {
    let db = TestDb::initialised();
    db.run(&["demo", "--cases", "3", "--seed", "2"]);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["case", "list"])
        .env("CASEBOOK_DB", &db.path)
        .env("CASEBOOK_PASSPHRASE", common::PASSPHRASE)
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.trim_end(), "casebook: cannot write the output: No space left on device (os error 28)");
}
