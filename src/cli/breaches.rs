//! `casebook breach`: parse, call the store, print.

use std::path::Path;

use super::args::BreachCommand;
use super::{open, output};
use casebook::app::breaches;
use casebook::model::breach::{BreachInput, NoticeInput};
use casebook::rules::breach::instant as shown;
use casebook::store::BreachView;
use casebook::Result;

pub fn run(db: &Path, command: BreachCommand) -> Result<()> {
    let mut store = open(db)?;
    let (view, json) = match command {
        BreachCommand::Add {
            aware,
            tz,
            regimes,
            description,
            occurred_from,
            occurred_to,
            discovered_how,
            data_categories,
            subject_categories,
            counts,
            consequences,
            measures,
            risk,
            risk_reasoning,
            authorities,
            wrongful_purpose,
            json,
        } => {
            let input = BreachInput {
                aware,
                time_zone: tz,
                regimes,
                description,
                occurred_from,
                occurred_to,
                discovered_how,
                data_categories,
                subject_categories,
                counts,
                consequences,
                measures,
                risk,
                risk_reasoning,
                authorities,
                wrongful_purpose,
            };
            (breaches::record(&mut store, &input)?, json)
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
