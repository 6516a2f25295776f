//! `casebook case …`.

use std::path::Path;

use chrono::Utc;

use super::args::{AddArgs, CaseCommand};
use super::{open, output};
use casebook::model::{validate, CaseInput, EventInput};
use casebook::store::CaseFilter;
use casebook::Result;

pub fn run(db: &Path, command: CaseCommand) -> Result<()> {
    match command {
        CaseCommand::Add(args) => add(db, *args),
        CaseCommand::Correspondence(command) => super::correspondence::case_items(db, command),
        CaseCommand::File { reference, item, out, force } => {
            super::correspondence::case_file(db, &reference, &item, &out, force)
        }
        CaseCommand::List { status, kind, regime, due_before, search, limit, json } => {
            let filter = CaseFilter {
                status: status.as_deref().map(str::parse).transpose()?,
                open_only: false,
                running_only: false,
                kind: kind.as_deref().map(str::parse).transpose()?,
                regime: regime.as_deref().map(str::parse).transpose()?,
                due_before: due_before.as_deref().map(|d| validate::date("due-before", d)).transpose()?,
                due_after: None,
                search,
                limit,
                offset: 0,
            };
            let store = open(db)?;
            let cases = store.list_cases(&filter)?;
            if json {
                output::print_json(&cases);
            } else {
                output::print_case_table(&cases);
            }
            Ok(())
        }
        CaseCommand::Hold { reference, release } => {
            open(db)?.set_legal_hold(&reference, !release)?;
            outln!("{reference}: legal hold {}", if release { "released" } else { "on" });
            Ok(())
        }
        CaseCommand::Show { reference, json } => {
            let detail = open(db)?.case_detail(&reference)?;
            if json {
                output::print_json(&detail);
            } else {
                output::print_case_detail(&detail);
            }
            Ok(())
        }
        CaseCommand::Event { reference, event_type, on, note, outcome, reason, right, json } => {
            let mut store = open(db)?;
            let event = EventInput { event_type, on, note, outcome, reason, right }.validate(store.today())?;
            let detail = store.record_event(&reference, &event)?;
            if json {
                output::print_json(&detail);
            } else {
                outln!(
                    "{}: {} on {}; status now {}",
                    detail.case.reference,
                    event.event_type,
                    event.on,
                    detail.case.status
                );
            }
            Ok(())
        }
    }
}

fn add(db: &Path, a: AddArgs) -> Result<()> {
    let input = CaseInput {
        kind: a.kind,
        regime: a.regime,
        rights: a.rights,
        channel: a.channel,
        received: a.received,
        time_zone: a.tz,
        name: a.name,
        email: a.email,
        postal_address: a.postal_address,
        phone: a.phone,
        company: a.company,
        relationship: a.relationship,
        agent_name: a.agent_name,
        agent_proof_received: a.agent_proof_received,
        assignee: a.assignee,
        notes: a.notes,
        tags: a.tags,
    };
    let mut store = open(db)?;
    let new_case = input.validate(store.zone(), Utc::now())?;
    let case = store.add_case(&new_case)?;
    if a.json {
        output::print_json(&case);
    } else {
        outln!("{}", case.reference);
    }
    Ok(())
}
