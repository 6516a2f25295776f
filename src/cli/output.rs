//! Human-readable and JSON output.

use casebook::model::{Case, CaseDetail};
use serde::Serialize;

pub fn print_json<T: Serialize + ?Sized>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).expect("output serialises"));
}

fn date_or_dash(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "–".to_string(), |d| d.to_string())
}

pub fn print_case_table(cases: &[Case]) {
    if cases.is_empty() {
        println!("No cases.");
        return;
    }
    println!("{:<15} {:<21} {:<8} {:<10} {:<10}  REQUESTER", "REFERENCE", "STATUS", "REGIME", "RECEIVED", "DUE");
    for c in cases {
        let due = c
            .deadlines
            .extended_respond_by
            .filter(|_| c.status == casebook::model::Status::Extended)
            .or(c.deadlines.respond_by);
        println!(
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
    println!("{}  {} · {} · {}", c.reference, c.kind, c.regime, c.status);
    println!(
        "  requester   {}{}",
        c.requester.name,
        c.requester.email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default()
    );
    if let Some(agent) = &c.agent {
        println!("  agent       {} (proof received: {})", agent.name, date_or_dash(agent.proof_received));
    }
    println!("  rights      {}", if rights.is_empty() { "–".to_string() } else { rights.join(", ") });
    println!("  received    {} ({}, via {})", c.received, c.time_zone, c.channel);
    println!("  acknowledge {}", date_or_dash(c.deadlines.acknowledge_by));
    println!("  respond by  {}", date_or_dash(c.deadlines.respond_by));
    println!("  extended    {}", date_or_dash(c.deadlines.extended_respond_by));
    if let Some(o) = c.outcome {
        println!("  outcome     {o}{}", c.outcome_reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default());
    }
    if !c.notes.is_empty() {
        println!("  notes       {}", c.notes);
    }
    println!("  timeline");
    for e in &d.events {
        println!("    {}  {}{}", e.on, e.event_type, e.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default());
    }
}

/// Writes `bytes` to a new `<out>.part` file (never through an existing file or symlink there),
/// flushed to disk; `finish_file` then renames it over `out`, which replaces a symlink at `out`
/// rather than writing where it points.
pub fn write_part(out: &std::path::Path, bytes: &[u8]) -> casebook::Result<std::path::PathBuf> {
    use std::io::Write;
    let mut name = out.as_os_str().to_owned();
    name.push(".part");
    let part = std::path::PathBuf::from(name);
    let cannot = |e: std::io::Error| casebook::Error::validation(format!("cannot write {}: {e}", out.display()));
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&part).map_err(cannot)?;
    if let Err(e) = file.write_all(bytes).and_then(|_| file.sync_all()) {
        let _ = std::fs::remove_file(&part);
        return Err(cannot(e));
    }
    Ok(part)
}

/// Writes `out` whole or not at all (see `write_part`).
pub fn write_file(out: &std::path::Path, bytes: &[u8]) -> casebook::Result<()> {
    let part = write_part(out, bytes)?;
    std::fs::rename(&part, out).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        casebook::Error::validation(format!("cannot write {}: {e}", out.display()))
    })
}
