//! Human-readable and JSON output.

use casebook::model::{Case, CaseDetail};
use serde::Serialize;

/// Standard output could not be written: said in one line on standard error, exit code 1.
pub fn write_failed(e: std::io::Error) -> ! {
    eprintln!("casebook: cannot write the output: {e}");
    std::process::exit(1)
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) {
    outln!("{}", serde_json::to_string_pretty(value).expect("output serialises"));
}

fn date_or_dash(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "–".to_string(), |d| d.to_string())
}

pub fn print_case_table(cases: &[Case]) {
    if cases.is_empty() {
        outln!("No cases.");
        return;
    }
    outln!("{:<15} {:<21} {:<8} {:<10} {:<10}  REQUESTER", "REFERENCE", "STATUS", "REGIME", "RECEIVED", "DUE");
    for c in cases {
        let due = c
            .deadlines
            .extended_respond_by
            .filter(|_| c.status == casebook::model::Status::Extended)
            .or(c.deadlines.respond_by);
        outln!(
            "{:<15} {:<21} {:<8} {:<10} {:<10}  {}",
            c.reference,
            c.status.as_str(),
            c.regime.as_str(),
            c.received,
            date_or_dash(due),
            c.requester.name
        );
    }
}

pub fn print_case_detail(d: &CaseDetail) {
    let c = &d.case;
    let rights: Vec<&str> = c.rights.iter().map(|r| r.as_str()).collect();
    outln!("{}  {} · {} · {}", c.reference, c.kind, c.regime, c.status);
    outln!(
        "  requester   {}{}",
        c.requester.name,
        c.requester.email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default()
    );
    if let Some(agent) = &c.agent {
        outln!("  agent       {} (proof received: {})", agent.name, date_or_dash(agent.proof_received));
    }
    outln!("  rights      {}", if rights.is_empty() { "–".to_string() } else { rights.join(", ") });
    outln!("  received    {} ({}, via {})", c.received, c.time_zone, c.channel);
    outln!("  acknowledge {}", date_or_dash(c.deadlines.acknowledge_by));
    outln!("  respond by  {}", date_or_dash(c.deadlines.respond_by));
    outln!("  extended    {}", date_or_dash(c.deadlines.extended_respond_by));
    if let Some(o) = c.outcome {
        outln!("  outcome     {o}{}", c.outcome_reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default());
    }
    if !c.notes.is_empty() {
        outln!("  notes       {}", c.notes);
    }
    outln!("  timeline");
    for e in &d.events {
        outln!("    {}  {}{}", e.on, e.event_type, e.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default());
    }
}

/// Refuses an output path that is a folder, a device or anything but a regular file, and an
/// existing file unless `force` (then the file, or a link standing there, is replaced whole).
pub fn check_target(out: &std::path::Path, force: bool) -> casebook::Result<()> {
    let refuse = |why: &str| Err(casebook::Error::validation(format!("cannot write {}: {why}", out.display())));
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => refuse(&e.to_string()),
        Ok(m) if m.is_dir() => refuse("it is a folder"),
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => refuse("it is not a regular file"),
        Ok(_) if !force => refuse("it exists (add --force to replace it)"),
        Ok(_) => Ok(()),
    }
}

/// Writes `bytes` to a new `<out>.part` file (never through an existing file or symlink there),
/// flushed to disk; `finish_file` then renames it over `out`, which replaces a symlink at `out`
/// rather than writing where it points.
pub fn write_part(out: &std::path::Path, bytes: &[u8], force: bool) -> casebook::Result<std::path::PathBuf> {
    use std::io::Write;
    check_target(out, force)?;
    let part = casebook::files::with_suffix(out, ".part");
    let cannot = |e: std::io::Error| casebook::Error::validation(format!("cannot write {}: {e}", out.display()));
    let mut file = casebook::files::create_new_private(&part).map_err(cannot)?;
    if let Err(e) = file.write_all(bytes).and_then(|_| file.sync_all()) {
        let _ = std::fs::remove_file(&part);
        return Err(cannot(e));
    }
    Ok(part)
}

/// Writes `out` whole or not at all (see `write_part`).
pub fn write_file(out: &std::path::Path, bytes: &[u8], force: bool) -> casebook::Result<()> {
    let part = write_part(out, bytes, force)?;
    std::fs::rename(&part, out).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        casebook::Error::validation(format!("cannot write {}: {e}", out.display()))
    })
}
