//! `casebook party …`, `casebook case correspondence …`, `casebook case file` and
//! `casebook correspondence list`.

use std::path::Path;

use super::args::{ItemArgs, ItemCommand, PartyCommand, PartyFields, ThreadCommand};
use super::{open, output};
use casebook::app::correspondence as items;
use casebook::model::{validate, CorrespondenceItem, ItemInput, Party, PartyInput};
use casebook::{Error, Result};

pub fn party(db: &Path, command: PartyCommand) -> Result<()> {
    match command {
        PartyCommand::Add(args) => {
            let mut input = PartyInput { kind: args.kind, name: args.name, ..PartyInput::default() };
            overlay(&mut input, args.fields);
            let party = open(db)?.add_party(&input)?;
            show_party(&party, args.json);
        }
        PartyCommand::Edit { id, kind, name, fields, json } => {
            let mut store = open(db)?;
            let mut input = PartyInput::from_party(&store.party(id)?);
            input.kind = kind.unwrap_or(input.kind);
            input.name = name.unwrap_or(input.name);
            overlay(&mut input, fields);
            show_party(&store.edit_party(id, &input)?, json);
        }
        PartyCommand::Retire { id, undo } => {
            let party = open(db)?.retire_party(id, !undo)?;
            match party.retired_on {
                Some(on) => outln!("party {id}: retired on {on}; its correspondence is kept"),
                None => outln!("party {id}: current again"),
            }
        }
        PartyCommand::List { json } => {
            let parties = open(db)?.parties()?;
            if json {
                output::print_json(&parties);
            } else {
                for p in &parties {
                    let retired = p.retired_on.map(|d| format!("  (retired {d})")).unwrap_or_default();
                    outln!(
                        "{:>4}  {:<18} {}{}{}",
                        p.id.unwrap_or_default(),
                        p.kind.as_str(),
                        p.display_name(),
                        p.email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default(),
                        retired
                    );
                }
            }
        }
        PartyCommand::Show { id, json } => show_party(&open(db)?.party(id)?, json),
    }
    Ok(())
}

fn overlay(input: &mut PartyInput, f: PartyFields) {
    let set = |field: &mut Option<String>, value: Option<String>| {
        if value.is_some() {
            *field = value;
        }
    };
    set(&mut input.organisation, f.organisation);
    set(&mut input.contact_person, f.contact);
    set(&mut input.address, f.address.map(|a| a.replace(" / ", "\n")));
    set(&mut input.email, f.email);
    set(&mut input.phone, f.phone);
    set(&mut input.language, f.language);
    set(&mut input.country, f.country);
    set(&mut input.notes, f.notes);
}

fn show_party(p: &Party, json: bool) {
    if json {
        output::print_json(p);
        return;
    }
    outln!("party {}  {} · {}", p.id.unwrap_or_default(), p.kind, p.display_name());
    let lines = [
        ("contact", p.contact_person.clone()),
        ("address", Some(p.address.join(", ")).filter(|a| !a.is_empty())),
        ("email", p.email.clone()),
        ("phone", p.phone.clone()),
        ("language", p.language.clone()),
        ("country", p.country.clone()),
        ("notes", p.notes.clone()),
        ("retired", p.retired_on.map(|d| d.to_string())),
    ];
    for (label, value) in lines {
        if let Some(v) = value {
            outln!("  {label:<9} {v}");
        }
    }
}

pub fn case_items(db: &Path, command: ItemCommand) -> Result<()> {
    match command {
        ItemCommand::Add(args) => {
            let mut store = open(db)?;
            let args = *args;
            let input = ItemInput {
                direction: args.direction.clone().unwrap_or_default(),
                channel: args.channel.clone().unwrap_or_default(),
                on: args.on.clone().unwrap_or_else(|| store.today().to_string()),
                subject: args.subject.clone().unwrap_or_default(),
                ..ItemInput::default()
            };
            let input = overlay_item(input, &args);
            let item = items::log(&mut store, &args.reference, &input, &args.attach)?;
            show_item(&item, args.json);
        }
        ItemCommand::Edit(args) => {
            let mut store = open(db)?;
            let id =
                args.item.ok_or_else(|| Error::invalid_field("item", "say which item to correct with --item ID"))?;
            if !args.attach.is_empty() {
                return Err(Error::invalid_field(
                    "attach",
                    "attachments are kept as received; log a new item to add files",
                ));
            }
            let stored = store.item(id)?;
            let input = overlay_item(ItemInput::from_item(&stored), &args);
            let item = store.edit_item(&args.reference, id, &input.validate()?)?;
            show_item(&item, args.json);
        }
        ItemCommand::List { reference, json } => print_items(&open(db)?.correspondence(&reference)?, json),
    }
    Ok(())
}

fn overlay_item(mut input: ItemInput, a: &ItemArgs) -> ItemInput {
    if let Some(d) = &a.direction {
        input.direction = d.clone();
    }
    if a.party.is_some() {
        input.party_id = a.party;
        input.counterpart = None;
    }
    if a.counterpart.is_some() {
        input.counterpart = a.counterpart.clone();
        input.party_id = None;
    }
    for (field, value) in [(&mut input.channel, &a.channel), (&mut input.on, &a.on), (&mut input.subject, &a.subject)] {
        if let Some(v) = value {
            *field = v.clone();
        }
    }
    if a.summary.is_some() {
        input.summary = a.summary.clone();
    }
    if a.reply_by.is_some() {
        input.reply_by = a.reply_by.clone();
    }
    input
}

pub fn case_file(db: &Path, reference: &str, item: &str, out: &Path, force: bool) -> Result<()> {
    let (id, k) = items::parse_file_ref(item)?;
    let info = items::save_file(&open(db)?, reference, id, k, out, force)?;
    outln!("{}: saved {} ({} bytes, SHA-256 {} checked)", reference, out.display(), info.size, info.sha256);
    Ok(())
}

pub fn thread(db: &Path, command: ThreadCommand) -> Result<()> {
    let ThreadCommand::List { party, from, to, json } = command;
    let from = from.as_deref().map(|d| validate::date("from", d)).transpose()?;
    let to = to.as_deref().map(|d| validate::date("to", d)).transpose()?;
    print_items(&open(db)?.party_correspondence(party, from, to)?, json);
    Ok(())
}

fn print_items(items: &[CorrespondenceItem], json: bool) {
    if json {
        output::print_json(items);
    } else if items.is_empty() {
        outln!("No correspondence.");
    } else {
        for item in items {
            print_item_line(item);
        }
    }
}

fn print_item_line(i: &CorrespondenceItem) {
    let arrow = if i.direction == casebook::model::Direction::In { "←" } else { "→" };
    let who = i.party.clone().unwrap_or_else(|| i.counterpart.to_string());
    let files = i.attachments.len() + usize::from(i.letter.is_some());
    let files = if files > 0 { format!("  [{files} file(s)]") } else { String::new() };
    let reply = match (i.reply_by, i.replied_on) {
        (Some(_), Some(on)) => format!("  (answered {on})"),
        (Some(by), None) => format!("  (reply by {by})"),
        _ => String::new(),
    };
    outln!("{:>5}  {}  {:<16} {} {} · {} · {}{}{}", i.id, i.case, i.on, arrow, who, i.channel, i.subject, files, reply);
}

fn show_item(item: &CorrespondenceItem, json: bool) {
    if json {
        output::print_json(item);
    } else {
        print_item_line(item);
    }
}
