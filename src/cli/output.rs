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
