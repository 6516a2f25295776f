//! The address book: parties added, corrected and retired, each change audited. A retired party
//! keeps its history and can no longer be written to.

use rusqlite::{params, OptionalExtension, Row};
use serde_json::{json, Map, Value};

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::{Party, PartyInput};

const COLUMNS: &str =
    "id, role, name, organisation, contact_person, address, email, phone, language, country, notes, retired_on";

fn read(r: &Row<'_>) -> rusqlite::Result<Party> {
    let address: String = r.get(5)?;
    Ok(Party {
        id: Some(r.get(0)?),
        kind: r.get(1)?,
        name: r.get(2)?,
        organisation: r.get(3)?,
        contact_person: r.get(4)?,
        address: serde_json::from_str(&address).unwrap_or_default(),
        email: r.get(6)?,
        phone: r.get(7)?,
        language: r.get(8)?,
        country: r.get(9)?,
        notes: r.get(10)?,
        retired_on: r.get(11)?,
    })
}

fn insert(w: &Write<'_>, p: &Party) -> Result<i64> {
    w.tx.run(
        "INSERT INTO parties (role, name, organisation, contact_person, address, email, phone, language, country, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            p.kind,
            p.name,
            p.organisation,
            p.contact_person,
            serde_json::to_string(&p.address).expect("lines serialise"),
            p.email,
            p.phone,
            p.language,
            p.country,
            p.notes
        ],
    )?;
    Ok(w.tx.last_insert_rowid())
}

/// Seeds a new database's address book from its profile.
pub(super) fn seed(w: &Write<'_>, parties: &[Party]) -> Result<()> {
    parties.iter().try_for_each(|p| insert(w, p).map(drop))
}

/// A party by id inside a write; unknown ids are an error naming `field`.
pub(super) fn party_in(w: &Write<'_>, id: i64, field: &str) -> Result<Party> {
    w.tx.one(&format!("SELECT {COLUMNS} FROM parties WHERE id = ?1"), [id], read)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no party with id {id} in the address book")).in_field(field))
}

/// What changed between two states of a party, as audit changes (contact details, never case data).
fn changes(before: Option<&Party>, after: &Party) -> Map<String, Value> {
    let after = serde_json::to_value(after).expect("party serialises");
    let before = before.map(|b| serde_json::to_value(b).expect("party serialises"));
    let mut out = Map::new();
    for (key, value) in after.as_object().expect("an object") {
        let old = before.as_ref().and_then(|b| b.get(key)).cloned().unwrap_or(Value::Null);
        if key != "id" && old != *value && !(old.is_null() && value.is_null()) {
            out.insert(key.clone(), json!([old, value]));
        }
    }
    out
}

impl Store {
    /// Adds a party to the address book.
    pub fn add_party(&mut self, input: &PartyInput) -> Result<Party> {
        let party = input.validate()?;
        let id = self.write(|w| {
            let id = insert(w, &party)?;
            let mut change = changes(None, &party);
            change.insert("party".into(), json!([null, id]));
            w.audit("party.add", None, Value::Object(change))?;
            Ok(id)
        })?;
        self.party(id)
    }

    /// Corrects a party's details; its correspondence stays with it.
    pub fn edit_party(&mut self, id: i64, input: &PartyInput) -> Result<Party> {
        let new = input.validate()?;
        self.write(|w| {
            let old = party_in(w, id, "party")?;
            let new = Party { id: Some(id), retired_on: old.retired_on, ..new };
            let mut change = changes(Some(&old), &new);
            if change.is_empty() {
                return Err(Error::validation(format!("party {id}: nothing to change")));
            }
            w.tx.run(
                "UPDATE parties SET role = ?2, name = ?3, organisation = ?4, contact_person = ?5, address = ?6, email = ?7,
                 phone = ?8, language = ?9, country = ?10, notes = ?11 WHERE id = ?1",
                params![
                    id,
                    new.kind,
                    new.name,
                    new.organisation,
                    new.contact_person,
                    serde_json::to_string(&new.address).expect("lines serialise"),
                    new.email,
                    new.phone,
                    new.language,
                    new.country,
                    new.notes
                ],
            )?;
            // Items with the party are logged with its kind: a corrected kind corrects them too.
            if old.kind != new.kind {
                w.tx.run(
                    "UPDATE correspondence SET counterpart = ?2 WHERE party_id = ?1",
                    params![id, new.kind.counterpart()],
                )?;
            }
            change.insert("party".into(), json!([id, id]));
            w.audit("party.edit", None, Value::Object(change))
        })?;
        self.party(id)
    }

    /// Retires a party (or brings it back): it leaves letters and new items, keeps its history.
    pub fn retire_party(&mut self, id: i64, retired: bool) -> Result<Party> {
        self.write(|w| {
            let old = party_in(w, id, "party")?;
            if old.retired_on.is_some() == retired {
                let state = if retired { "retired already" } else { "not retired" };
                return Err(Error::validation(format!("party {id} is {state}")));
            }
            let on = retired.then_some(w.today);
            w.tx.run("UPDATE parties SET retired_on = ?2 WHERE id = ?1", params![id, on])?;
            w.audit("party.retire", None, json!({ "party": [id, id], "retired_on": [old.retired_on, on] }))
        })?;
        self.party(id)
    }

    pub fn party(&self, id: i64) -> Result<Party> {
        self.conn()
            .one(&format!("SELECT {COLUMNS} FROM parties WHERE id = ?1"), [id], read)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("no party with id {id} in the address book")))
    }

    /// The address book, representatives first, then by name; retired parties last.
    pub fn parties(&self) -> Result<Vec<Party>> {
        all(self.conn())
    }
}

/// The address book in its order (see `Store::parties`).
pub(super) fn all(conn: &rusqlite::Connection) -> Result<Vec<Party>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM parties ORDER BY retired_on IS NOT NULL,
         CASE role WHEN 'eu-representative' THEN 0 WHEN 'uk-representative' THEN 1 WHEN 'dpo' THEN 2
                   WHEN 'authority' THEN 3 ELSE 4 END, name, id"
    ))?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
