//! An imported export is held to what entry allows: every value of every row is checked by the
//! same validators as the command line and the window, inside the import's transaction, so a
//! crafted or damaged export is refused whole. Messages name the table, the row and the field,
//! never a value.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{
    validate, Channel, EventType, ItemChannel, Kind, OrganisationProfile, Outcome, Regime, Relationship, Right,
    TaskKind,
};

/// One row being checked: its table and number (1-based) for messages.
struct Row<'a> {
    table: &'a str,
    n: usize,
    values: Vec<(&'a str, Option<String>)>,
    blobs: Vec<(&'a str, Vec<u8>)>,
}

impl Row<'_> {
    fn refuse(&self, message: impl std::fmt::Display) -> Error {
        Error::validation(format!("import: {} row {}: {message}", self.table, self.n))
    }

    fn text(&self, column: &str) -> Option<&str> {
        self.values.iter().find(|(c, _)| *c == column).and_then(|(_, v)| v.as_deref())
    }

    fn required(&self, column: &str) -> Result<&str> {
        self.text(column).ok_or_else(|| self.refuse(format!("{column} is missing")))
    }

    fn blob(&self, column: &str) -> &[u8] {
        self.blobs.iter().find(|(c, _)| *c == column).map_or(&[], |(_, b)| b.as_slice())
    }

    /// Runs a validator over a column, naming the row in its error.
    fn check<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        f().map_err(|e| self.refuse(e.message))
    }

    fn line(&self, column: &str) -> Result<()> {
        self.check(|| validate::line(column, self.required(column)?)).map(drop)
    }

    fn optional_line(&self, column: &str) -> Result<()> {
        self.check(|| validate::optional_line(column, self.text(column))).map(drop)
    }

    fn text_field(&self, column: &str) -> Result<()> {
        match self.text(column) {
            Some(v) => self.check(|| validate::text(column, v)).map(drop),
            None => Ok(()),
        }
    }

    fn date(&self, column: &str) -> Result<Option<NaiveDate>> {
        self.text(column).map(|v| self.check(|| validate::date(column, v))).transpose()
    }

    fn instant(&self, column: &str) -> Result<DateTime<Utc>> {
        self.required(column)?.parse().map_err(|_| self.refuse(format!("{column} is not a valid instant")))
    }

    fn vocab<T: FromStr<Err = Error>>(&self, column: &str) -> Result<Option<T>> {
        self.text(column).map(|v| v.parse::<T>().map_err(|e| self.refuse(e.message))).transpose()
    }
}

/// Reads every row of `table` as text (blobs apart) and checks each with `check`.
fn each_row(conn: &Connection, table: &str, mut check: impl FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        n += 1;
        let mut row = Row { table, n, values: Vec::with_capacity(names.len()), blobs: Vec::new() };
        for (i, name) in names.iter().enumerate() {
            let name = name.as_str();
            match r.get_ref(i)? {
                ValueRef::Null => row.values.push((name, None)),
                ValueRef::Integer(v) => row.values.push((name, Some(v.to_string()))),
                ValueRef::Real(v) => row.values.push((name, Some(v.to_string()))),
                ValueRef::Text(t) => {
                    let t = std::str::from_utf8(t).map_err(|_| row.refuse(format!("{name} is not UTF-8 text")))?;
                    row.values.push((name, Some(t.to_string())))
                }
                ValueRef::Blob(b) => row.blobs.push((name, b.to_vec())),
            }
        }
        check(&row)?;
    }
    Ok(())
}

/// A reference as Casebook makes them: `DSR-2026-0001` (the prefix of the kind the case was opened
/// as, the year, a serial). Anything else — a path such as `../x` — is refused, since references
/// name files.
pub fn check_reference(reference: &str) -> std::result::Result<(), String> {
    let parts: Vec<&str> = reference.split('-').collect();
    let digits = |s: &str, min: usize| s.len() >= min && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit());
    let case_prefix = |p: &str| Kind::ALL.iter().any(|k| k.reference_prefix() == p);
    match parts.as_slice() {
        [prefix, year, serial] if case_prefix(prefix) && digits(year, 4) && digits(serial, 4) => Ok(()),
        _ => Err(format!(
            "reference '{}' is not a case reference (expected DSR-, CMP- or COR-YYYY-NNNN)",
            validate::printable(reference)
        )),
    }
}

/// Checks every imported row; the first problem found is the error.
pub(super) fn check_imported(conn: &Connection, today: NaiveDate) -> Result<()> {
    let profile: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = 'profile'", [], |r| r.get(0)).ok();
    let profile = profile.ok_or_else(|| Error::validation("import: the export has no organisation profile"))?;
    let profile = OrganisationProfile::from_json(&profile)
        .map_err(|e| Error::validation(format!("import: the organisation profile is refused: {}", e.message)))?;
    for regime in Regime::ALL {
        if let Some(calendar) = profile.calendars.get(regime.as_str()) {
            calendar.parse::<crate::rules::calendar::CalendarId>().map_err(|e| {
                Error::validation(format!("import: the organisation profile is refused: {}", e.message))
            })?;
        }
    }
    each_row(conn, "parties", |r| {
        r.line("name")?;
        r.optional_line("contact_person")?;
        r.optional_line("organisation")?;
        r.optional_line("phone")?;
        r.optional_line("language")?;
        r.text_field("notes")?;
        r.date("retired_on")?;
        r.check(|| validate::optional_email(r.text("email"))).map(drop)?;
        r.optional_line("country")?;
        let lines: Vec<String> =
            serde_json::from_str(r.required("address")?).map_err(|_| r.refuse("address is not a list of lines"))?;
        lines.iter().try_for_each(|l| r.check(|| validate::text("address", l)).map(drop))
    })?;
    each_row(conn, "people", |r| {
        r.line("name")?;
        r.check(|| validate::optional_email(r.text("email"))).map(drop)?;
        r.text_field("postal_address")?;
        r.optional_line("phone")?;
        r.optional_line("company")?;
        r.vocab::<Relationship>("relationship").map(drop)
    })?;
    each_row(conn, "reference_counters", |r| {
        let prefix = r.required("prefix")?;
        if !Kind::ALL.iter().any(|k| k.reference_prefix() == prefix) && prefix != "BR" {
            return Err(r.refuse(format!("unknown reference prefix '{}'", validate::printable(prefix))));
        }
        Ok(())
    })?;
    each_row(conn, "office_closures", |r| {
        r.date("day")?;
        r.text_field("note")
    })?;
    each_row(conn, "cases", |r| {
        r.vocab::<Kind>("kind")?.ok_or_else(|| r.refuse("kind is missing"))?;
        check_reference(r.required("reference")?).map_err(|m| r.refuse(m))?;
        r.vocab::<Regime>("regime")?.ok_or_else(|| r.refuse("regime is missing"))?;
        r.vocab::<Channel>("channel")?;
        r.vocab::<Outcome>("outcome")?;
        let at = r.instant("received_at")?;
        let zone = r.check(|| crate::model::case::parse_zone(r.required("received_tz")?))?;
        let received = r.date("received_date")?.ok_or_else(|| r.refuse("received_date is missing"))?;
        if received != at.with_timezone(&zone).date_naive() {
            return Err(r.refuse("received_date is not the local date of received_at"));
        }
        if at > Utc::now() {
            return Err(r.refuse("received_at is in the future"));
        }
        r.date("agent_proof_received")?;
        r.date("due_on")?;
        r.optional_line("assignee")?;
        r.text_field("notes")?;
        r.text_field("outcome_reason")?;
        r.instant("created_at")?;
        r.instant("updated_at").map(drop)
    })?;
    each_row(conn, "case_rights", |r| r.vocab::<Right>("right").map(drop))?;
    each_row(conn, "case_tags", |r| r.line("tag"))?;
    each_row(conn, "case_events", |r| {
        r.vocab::<EventType>("type")?;
        match r.date("occurred_on")? {
            Some(d) if d <= today => {}
            _ => return Err(r.refuse("occurred_on is missing or in the future")),
        }
        r.text_field("note")?;
        r.line("actor")?;
        r.instant("recorded_at")?;
        r.vocab::<Right>("right")?;
        r.vocab::<Outcome>("outcome").map(drop)
    })?;
    each_row(conn, "deadlines", |r| {
        r.date("due_on")?;
        r.date("met_on")?;
        r.text_field("basis")?;
        r.optional_line("label")?;
        r.vocab::<Right>("right").map(drop)
    })?;
    each_row(conn, "case_tasks", |r| {
        r.line("title")?;
        r.vocab::<TaskKind>("kind")?;
        r.optional_line("assignee")?;
        r.date("due_on")?;
        r.date("done_on")?;
        r.text_field("basis")?;
        r.text_field("evidence")?;
        r.instant("created_at").map(drop)
    })?;
    each_row(conn, "correspondence", |r| {
        r.date("occurred_on")?;
        r.vocab::<ItemChannel>("channel")?;
        r.date("reply_by")?;
        if let Some(time) = r.text("occurred_time") {
            if chrono::NaiveTime::parse_from_str(time, "%H:%M").is_err() {
                return Err(r.refuse("occurred_time is not a time (HH:MM)"));
            }
        }
        r.line("subject")?;
        r.text_field("summary")?;
        r.instant("created_at").map(drop)
    })?;
    each_row(conn, "attachments", |r| {
        let name = r.required("file_name")?;
        r.line("file_name")?;
        if name.contains(['/', '\\']) || name == "." || name == ".." {
            return Err(r.refuse("file_name must be a plain file name"));
        }
        r.line("media_type")?;
        check_digest(r, "bytes")
    })?;
    each_row(conn, "letters", |r| {
        let template = r.required("template")?;
        if !crate::model::letter::NAMES.contains(&template) {
            return Err(r.refuse(format!("unknown template '{}'", validate::printable(template))));
        }
        r.check(|| crate::model::Lang::parse(r.required("language")?))?;
        r.check(|| crate::model::Paper::parse(r.required("paper")?))?;
        r.instant("created_at")?;
        check_digest(r, "pdf")
    })?;
    each_row(conn, "breaches", |r| {
        let reference = r.required("reference")?;
        let shaped = reference.len() == 12
            && reference.starts_with("BR-")
            && reference[3..7].bytes().all(|b| b.is_ascii_digit())
            && &reference[7..8] == "-"
            && reference[8..].bytes().all(|b| b.is_ascii_digit());
        if !shaped {
            return Err(r.refuse("reference is not of the form BR-YYYY-NNNN"));
        }
        if r.instant("aware_at")? > Utc::now() {
            return Err(r.refuse("aware_at is in the future"));
        }
        r.check(|| crate::model::case::parse_zone(r.required("time_zone")?))?;
        r.text_field("description")?;
        r.text_field("discovered_how")?;
        r.text_field("consequences")?;
        r.text_field("measures")?;
        r.text_field("risk_reasoning")?;
        r.vocab::<crate::model::breach::Risk>("risk")?;
        for list in ["data_categories", "subject_categories"] {
            let items: Vec<String> =
                serde_json::from_str(r.required(list)?).map_err(|_| r.refuse(format!("{list} is not a list")))?;
            items.iter().try_for_each(|i| r.check(|| validate::line(list, i)).map(drop))?;
        }
        serde_json::from_str::<std::collections::BTreeMap<String, u64>>(r.required("counts")?)
            .map_err(|_| r.refuse("counts is not a map of places to numbers"))?;
        r.instant("created_at").map(drop)
    })?;
    each_row(conn, "breach_notifications", |r| {
        r.instant("sent_at")?;
        r.optional_line("their_reference")?;
        r.text_field("delay_reasons")?;
        r.text_field("note")?;
        r.instant("created_at").map(drop)
    })?;
    each_row(conn, "breach_events", |r| {
        r.instant("at")?;
        r.text_field("note")
    })?;
    // Every case's timeline and dates must follow from its facts as they would on entry.
    let mut stmt = conn.prepare(
        "SELECT c.reference FROM cases c JOIN case_events e ON e.case_id = c.id
         WHERE e.occurred_on < c.received_date LIMIT 1",
    )?;
    if let Some(reference) = stmt.query_map([], |r| r.get::<_, String>(0))?.next().transpose()? {
        return Err(Error::validation(format!("import: {reference} has an event dated before its receipt")));
    }
    Ok(())
}

fn check_digest(r: &Row<'_>, column: &str) -> Result<()> {
    let stated = r.required("sha256")?;
    if hex::encode(Sha256::digest(r.blob(column))) != stated {
        return Err(r.refuse(format!("{column} does not match its SHA-256")));
    }
    Ok(())
}
