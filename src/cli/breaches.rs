//! `casebook breach`: parse, call the store, print.

use std::path::Path;

use super::args::{BreachCommand, BreachFlags};
use super::{open, output};
use casebook::app::breaches;
use casebook::model::breach::{BreachInput, NoticeInput};
use casebook::model::BreachView;
use casebook::rules::breach::instant as shown;
use casebook::Result;

pub fn run(db: &Path, command: BreachCommand) -> Result<()> {
    let mut store = open(db)?;
    let (view, json) = match command {
        BreachCommand::Add { facts, json } => {
            for (given, flag) in [
                (facts.aware.is_some(), "--aware"),
                (facts.tz.is_some(), "--tz"),
                (facts.description.is_some(), "--description"),
            ] {
                if !given {
                    return Err(casebook::Error::validation(format!("a new breach needs {flag}")));
                }
            }
            (breaches::record(&mut store, &overlay(*facts, BreachInput::default()))?, json)
        }
        BreachCommand::Edit { reference, facts, json } => {
            let current = breaches::input_of(&store, &reference)?;
            (breaches::edit(&mut store, &reference, &overlay(*facts, current))?, json)
        }
        BreachCommand::Show { reference, json } => (store.breach(&reference)?, json),
        BreachCommand::List { json } => {
            let list = store.breaches()?;
            if json {
                output::print_json(&list);
            } else if list.is_empty() {
                outln!("No breaches recorded.");
            }
            let zone = store.zone();
            for b in list.iter().filter(|_| !json) {
                let next = match (&b.closed_at, &b.next) {
                    (Some(_), _) => "closed".to_string(),
                    (None, Some(c)) => format!("next: {} by {}", c.who, shown(c.clock.due_at, zone)),
                    (None, None) => "every clock met".to_string(),
                };
                outln!("{}  aware {}  {}", b.reference, shown(b.aware_at, zone), next);
            }
            return Ok(());
        }
        BreachCommand::Event { reference, kind, at, risk, note, json } => {
            (breaches::event(&mut store, &reference, &breaches::EventInput { kind, at, risk, note })?, json)
        }
        BreachCommand::Notify {
            reference,
            to,
            party,
            phase,
            at,
            method,
            their_reference,
            delay_reasons,
            note,
            json,
        } => {
            let input = NoticeInput { to, party, phase, at, method, their_reference, delay_reasons, note };
            (breaches::notify(&mut store, &reference, &input)?, json)
        }
        BreachCommand::Link { reference, case } => (store.link_breach(&reference, &case)?, false),
        BreachCommand::Letter { reference, template, lang, party, delay_reasons, out, force } => {
            let choice = breaches::LetterChoice { template, lang, party, delay_reasons };
            let (text, pdf) = breaches::letter(&store, &reference, &choice)?;
            casebook::files::Output::write(&out, &pdf, force)?.commit()?;
            outln!("{reference}: {} ({} bytes) → {}", text.template, pdf.len(), out.display());
            return Ok(());
        }
        BreachCommand::Register { format, from, to, out, force } => {
            let date =
                |field: &str, d: Option<String>| d.map(|d| casebook::model::validate::date(field, &d)).transpose();
            let (bytes, n) = breaches::register(&store, date("from", from)?, date("to", to)?, &format)?;
            casebook::files::Output::write(&out, &bytes, force)?.commit()?;
            outln!("Wrote the register of {n} breach(es) to {}", out.display());
            return Ok(());
        }
    };
    if json {
        output::print_json(&view);
    } else {
        print(&view, store.zone())?;
    }
    Ok(())
}

fn print(v: &BreachView, office: chrono_tz::Tz) -> Result<()> {
    let b = &v.breach;
    let zone = office;
    let regimes: Vec<&str> = b.regimes.iter().map(|r| r.as_str()).collect();
    outln!("{}  aware {}  {}", b.reference, shown(b.aware_at, zone), regimes.join(", "));
    outln!("  risk        {}", b.risk.map_or("not assessed", |r| r.as_str()));
    if !b.counts.is_empty() {
        let counts: Vec<String> = b.counts.iter().map(|(place, n)| format!("{place} {n}")).collect();
        outln!("  people      {}", counts.join(", "));
    }
    outln!("  clocks");
    for c in &v.clocks {
        let state = match (c.met_at, c.hours_left) {
            (Some(at), _) => format!("met {}", shown(at, zone)),
            (None, Some(h)) if h < 0 => format!("OVERDUE by {} h", -h),
            (None, Some(h)) => format!("{h} h left"),
            (None, None) => String::new(),
        };
        let target = if c.clock.target { " (office target)" } else { "" };
        outln!("    {:<18} {:<40} {}{target}  {}", c.clock.kind, c.who, shown(c.clock.due_at, zone), state);
    }
    for n in &v.notifications {
        let to = n.party.clone().unwrap_or_else(|| n.to.to_string());
        outln!(
            "  notified    {} {} ({}, {}){}",
            shown(n.at, zone),
            to,
            n.phase,
            n.method,
            n.their_reference.as_deref().map(|r| format!(", their reference {r}")).unwrap_or_default()
        );
    }
    for e in &v.events {
        outln!("  {:<11} {} {}", e.kind.as_str(), shown(e.at, zone), e.note);
    }
    Ok(())
}

/// The facts given as flags over `base`: each flag given replaces its field; a count replaces that
/// place's number only.
fn overlay(f: BreachFlags, mut base: BreachInput) -> BreachInput {
    let set = |field: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *field = v;
        }
    };
    set(&mut base.aware, f.aware);
    set(&mut base.time_zone, f.tz);
    set(&mut base.description, f.description);
    let keep = |field: &mut Option<String>, v: Option<String>| {
        if v.is_some() {
            *field = v;
        }
    };
    keep(&mut base.occurred_from, f.occurred_from);
    keep(&mut base.occurred_to, f.occurred_to);
    keep(&mut base.discovered_how, f.discovered_how);
    keep(&mut base.consequences, f.consequences);
    keep(&mut base.measures, f.measures);
    keep(&mut base.risk, f.risk);
    keep(&mut base.risk_reasoning, f.risk_reasoning);
    let replace = |field: &mut Vec<String>, v: Vec<String>| {
        if !v.is_empty() {
            *field = v;
        }
    };
    replace(&mut base.regimes, f.regimes);
    replace(&mut base.data_categories, f.data_categories);
    replace(&mut base.subject_categories, f.subject_categories);
    let place = |c: &str| c.split_once('=').map_or(c, |(p, _)| p).trim().to_ascii_uppercase();
    for count in f.counts {
        base.counts.retain(|c| place(c) != place(&count));
        base.counts.push(count);
    }
    if !f.authorities.is_empty() {
        base.authorities = f.authorities;
    }
    if let Some(w) = f.wrongful_purpose {
        base.wrongful_purpose = w;
    }
    base
}
