//! `casebook case …`.

use std::path::Path;

use chrono::Utc;

use super::args::{AddArgs, CaseCommand, CaseDetails, EditArgs};
use super::{open, output};
use casebook::model::{validate, CaseFilter, CaseInput, EventInput};
use casebook::Result;

pub fn run(db: &Path, command: CaseCommand) -> Result<()> {
    match command {
        CaseCommand::Add(args) => add(db, *args),
        CaseCommand::Edit(args) => edit(db, *args),
        CaseCommand::Task(command) => task(db, command),
        CaseCommand::Correspondence(command) => super::correspondence::case_items(db, command),
        CaseCommand::File { reference, item, out, force } => {
            super::correspondence::case_file(db, &reference, &item, &out, force)
        }
        CaseCommand::List { status, kind, regime, due_before, search, sort, limit, json } => {
            let filter = CaseFilter {
                status: status.as_deref().map(str::parse).transpose()?,
                open_only: false,
                running_only: false,
                kind: kind.as_deref().map(str::parse).transpose()?,
                regime: regime.as_deref().map(str::parse).transpose()?,
                due_before: due_before.as_deref().map(|d| validate::date("due-before", d)).transpose()?,
                due_after: None,
                search,
                sort: sort.parse()?,
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
        CaseCommand::Late { reference, reason, note } => {
            let late = casebook::model::letter_flow::lateness(Some(&reason), note.as_deref())?
                .ok_or_else(|| casebook::Error::invalid_field("reason", "give a reason for lateness"))?;
            open(db)?.set_late_reason(&reference, &late)?;
            outln!("{reference}: answered late because of {}", late.reason);
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
    let mut input =
        CaseInput { kind: a.kind, regime: a.regime, received: a.received, name: a.name, ..CaseInput::default() };
    a.details.apply(&mut input);
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

fn edit(db: &Path, a: EditArgs) -> Result<()> {
    let mut store = open(db)?;
    let mut input = CaseInput::from_case(&store.case(&a.reference)?);
    let given = [
        (a.kind, &mut input.kind),
        (a.regime, &mut input.regime),
        (a.received, &mut input.received),
        (a.name, &mut input.name),
    ];
    for (value, field) in given {
        if let Some(value) = value {
            *field = value;
        }
    }
    a.details.apply(&mut input);
    let corrected = input.validate(store.zone(), Utc::now())?;
    let detail = store.update_case(&a.reference, &corrected)?;
    if a.json {
        output::print_json(&detail);
    } else {
        output::print_case_detail(&detail);
    }
    Ok(())
}

impl CaseDetails {
    /// Sets the fields given on the command line; the others stay as they are in `input`.
    fn apply(self, input: &mut CaseInput) {
        let given = [
            (self.tz, &mut input.time_zone),
            (self.email, &mut input.email),
            (self.channel, &mut input.channel),
            (self.postal_address, &mut input.postal_address),
            (self.phone, &mut input.phone),
            (self.company, &mut input.company),
            (self.relationship, &mut input.relationship),
            (self.agent_name, &mut input.agent_name),
            (self.agent_proof_received, &mut input.agent_proof_received),
            (self.assignee, &mut input.assignee),
            (self.notes, &mut input.notes),
        ];
        for (value, field) in given {
            if value.is_some() {
                *field = value;
            }
        }
        if !self.rights.is_empty() {
            input.rights = self.rights;
        }
        if !self.tags.is_empty() {
            input.tags = self.tags;
        }
    }
}

fn task(db: &Path, command: super::args::TaskCommand) -> Result<()> {
    use super::args::TaskCommand;
    let mut store = open(db)?;
    let show = |t: &casebook::model::Task, json: bool| {
        if json {
            output::print_json(t);
        } else {
            print_task(t);
        }
    };
    match command {
        TaskCommand::Add { reference, title, kind, assignee, party, due, days_before, json } => {
            let task = casebook::model::TaskInput { title, kind, assignee, party, due, days_before }.validate()?;
            let task = store.add_task(&reference, &task)?;
            if task.after_response_date {
                eprintln!("{reference}: note: task {} is due after the case's response date", task.id);
            }
            show(&task, json);
        }
        TaskCommand::Done { reference, id, on, evidence, attach, json } => {
            let on = match on {
                Some(d) => validate::date("on", &d)?,
                None => store.today(),
            };
            let files = casebook::app::correspondence::read_attachments(&attach)?;
            show(&store.complete_task(&reference, id, on, &evidence, &files)?, json);
        }
        TaskCommand::List { reference, json } => {
            let tasks = store.tasks(&reference)?;
            if json {
                output::print_json(&tasks);
            } else if tasks.is_empty() {
                outln!("No tasks.");
            } else {
                tasks.iter().for_each(print_task);
            }
        }
    }
    Ok(())
}

fn print_task(t: &casebook::model::Task) {
    let state = match (t.done_on, t.due) {
        (Some(done), _) => format!("done {done}"),
        (None, Some(due)) => format!("due {due}"),
        (None, None) => "no date".into(),
    };
    let who = t.party.as_ref().or(t.assignee.as_ref()).map(|w| format!(" — {w}")).unwrap_or_default();
    let late = if t.after_response_date && t.done_on.is_none() { " (after the response date)" } else { "" };
    outln!(
        "{:>4}  [{}] {:<16} {:<15} {}{who}{late}",
        t.id,
        if t.done_on.is_some() { "x" } else { " " },
        t.kind.as_str(),
        state,
        t.title
    );
}
