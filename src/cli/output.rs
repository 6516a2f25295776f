//! Human-readable and JSON output.

use casebook::model::{Case, CaseDetail};
use serde::Serialize;

/// Standard output could not be written: said in one line on standard error, exit code 1.
pub fn write_failed(e: std::io::Error) -> ! {
    eprintln!("casebook: cannot write the output: {e}");
    std::process::exit(1)
}

/// Long work shows how far it is on a terminal (`\r12,000/100,000 cases indexed for search`);
/// piped or redirected, standard error stays quiet.
pub fn show_progress() {
    use std::io::{IsTerminal, Write};
    if !std::io::stderr().is_terminal() {
        return;
    }
    casebook::progress::set_sink(|r| {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{}/{} {}", r.done, r.total, r.stage.counted());
        if r.done == r.total {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    });
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
    if let Some(late) = &d.late {
        let why = late.reason.map_or("no reason recorded yet".to_string(), |r| r.to_string());
        outln!("  late        answered {} day(s) after {} ({why})", late.days, late.due);
    }
    outln!("  timeline");
    for e in &d.events {
        outln!("    {}  {}{}", e.on, e.event_type, e.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default());
    }
    if !d.letters.is_empty() {
        outln!("  letters");
        for l in d.letters.iter().rev() {
            outln!("    {}", letter_line(l));
        }
    }
}

/// One line on where a letter stands.
pub fn letter_line(l: &casebook::model::LetterRecord) -> String {
    let mut line = format!("letter {} ({}) {}", l.number, l.template, l.state);
    if let (Some(by), Some(at)) = (&l.approved_by, l.approved_at) {
        line += &format!(" (approved by {by} at {})", at.format("%Y-%m-%d %H:%M UTC"));
    }
    if let Some(on) = l.sent_on {
        line += &format!(" on {on}");
        if let Some(m) = l.sent_method {
            line += &format!(" by {m}");
        }
        if let Some(t) = &l.tracking {
            line += &format!(" (tracking {t})");
        }
    }
    line + &format!("; SHA-256 {}", l.sha256)
}
