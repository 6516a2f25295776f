//! Moving a register kept in a spreadsheet into Casebook: its columns read and matched to case
//! fields by their names, every row checked (the dry run: what would be created, and each
//! rejected row with its reason), then all the cases written at once or none.

use std::collections::BTreeMap;

use chrono::Utc;
use serde::Serialize;

use crate::error::{Error, Result};
pub use crate::import::register::Mapping;
use crate::import::register::{plan, Plan, FIELDS};
use crate::store::Store;

/// A register's header row, with the field each column seems to hold and the date format its
/// received dates seem to be written in: a starting point for the person to correct.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "RegisterColumns")]
pub struct Columns {
    pub headers: Vec<String>,
    /// Header → case field, for the headers whose name says which.
    pub guessed: BTreeMap<String, String>,
    pub date_format: Option<String>,
    /// How many rows follow the header.
    pub rows: usize,
    /// The case fields a column can fill.
    pub fields: Vec<&'static str>,
}

/// One case a row would create, as the dry run lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PlannedCase {
    pub row: usize,
    pub name: String,
    pub kind: String,
    pub regime: String,
    pub rights: Vec<String>,
    pub received: String,
}

/// The dry run: the cases that would be created, and every rejected row with its reason.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "RegisterDryRun")]
pub struct DryRun {
    pub accepted: Vec<PlannedCase>,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Rejected {
    pub row: usize,
    pub reason: String,
}

/// Reads the header row and guesses what each column holds.
pub fn columns(csv: &[u8]) -> Result<Columns> {
    let text = std::str::from_utf8(csv).map_err(|_| Error::validation("the register is not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::validation(format!("the register's header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(Error::validation("the register has no header row"));
    }
    let records: Vec<csv::StringRecord> = reader.records().filter_map(|r| r.ok()).collect();
    let guessed: BTreeMap<String, String> =
        headers.iter().filter_map(|h| guess_field(h).map(|f| (h.clone(), f.to_string()))).collect();
    let received =
        guessed.iter().find(|(_, f)| *f == "received").and_then(|(h, _)| headers.iter().position(|x| x == h));
    let dates: Vec<&str> = match received {
        Some(i) => records.iter().filter_map(|r| r.get(i)).map(str::trim).filter(|d| !d.is_empty()).collect(),
        None => Vec::new(),
    };
    Ok(Columns {
        headers,
        guessed,
        date_format: guess_date_format(&dates),
        rows: records.len(),
        fields: FIELDS.to_vec(),
    })
}

/// Every row of the register checked under `mapping`, against the office's time zone.
pub fn check(store: &Store, csv: &[u8], mapping: &Mapping) -> Result<Plan> {
    mapping.check()?;
    plan(csv, mapping, store.zone(), Utc::now())
}

/// What a checked register would create, and every row it rejects with the reason.
pub fn dry_run(plan: &Plan) -> DryRun {
    DryRun {
        accepted: plan
            .accepted
            .iter()
            .map(|(row, c)| PlannedCase {
                row: *row,
                name: c.requester.name.clone(),
                kind: c.kind.as_str().to_string(),
                regime: c.regime.as_str().to_string(),
                rights: c.rights.iter().map(|r| r.as_str().to_string()).collect(),
                received: c.received.date.to_string(),
            })
            .collect(),
        rejected: plan.rejected.iter().map(|(row, reason)| Rejected { row: *row, reason: reason.clone() }).collect(),
    }
}

/// Creates every case of a checked register in one transaction, or none: a register with any
/// rejected row is refused whole. Returns the new references in row order.
pub fn import(store: &mut Store, plan: Plan) -> Result<Vec<String>> {
    if !plan.rejected.is_empty() {
        return Err(Error::validation(format!(
            "nothing imported: {} row(s) rejected; correct them (see the dry run) and import again",
            plan.rejected.len()
        )));
    }
    if plan.accepted.is_empty() {
        return Err(Error::validation("nothing imported: the register has no rows"));
    }
    let cases: Vec<_> = plan.accepted.into_iter().map(|(_, case)| (case, Vec::new())).collect();
    store.add_cases_with_events(&cases)
}

/// The case field a header's words name, if any ("E-mail", "Date received", "Handler").
fn guess_field(header: &str) -> Option<&'static str> {
    let words: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    const NAMES: &[(&str, &[&str])] = &[
        ("old_reference", &["ref", "reference", "old reference", "case", "case id", "id", "number", "no"]),
        ("name", &["name", "requester", "requester name", "data subject", "subject", "full name", "complainant"]),
        ("email", &["email", "e mail", "mail", "email address", "e mail address"]),
        ("received", &["received", "date received", "received on", "date", "receipt", "date of receipt"]),
        ("regime", &["regime", "law", "legislation", "jurisdiction", "framework"]),
        ("rights", &["rights", "right", "rights asked", "rights requested", "request type", "type of request"]),
        ("kind", &["kind"]),
        ("channel", &["channel", "received by", "via"]),
        ("time_zone", &["time zone", "timezone", "tz", "zone"]),
        ("postal_address", &["address", "postal address"]),
        ("phone", &["phone", "telephone", "tel"]),
        ("company", &["company", "organisation", "organization", "employer"]),
        ("relationship", &["relationship"]),
        ("agent_name", &["agent", "agent name", "representative", "authorised agent", "authorized agent"]),
        ("assignee", &["assignee", "handler", "owner", "assigned to", "handled by"]),
        ("notes", &["notes", "note", "comments", "comment", "remarks"]),
        ("tags", &["tags", "tag", "labels"]),
    ];
    NAMES.iter().find(|(_, names)| names.contains(&words.as_str())).map(|(field, _)| *field)
}

/// The chrono format the dates seem to be written in; `None` for ISO dates (Casebook's own).
/// Day and month are told apart by a part above 12; when none is, the day is taken first.
fn guess_date_format(dates: &[&str]) -> Option<String> {
    let parts = |d: &str| -> Option<(char, Vec<u32>)> {
        let separator = d.chars().find(|c| !c.is_ascii_digit())?;
        let numbers: Option<Vec<u32>> = d.split(separator).map(|p| p.parse().ok()).collect();
        numbers.filter(|n| n.len() == 3).map(|n| (separator, n))
    };
    let (separator, _) = dates.iter().find_map(|d| parts(d))?;
    if separator == '-' && dates.iter().filter_map(|d| parts(d)).all(|(_, n)| n[0] > 31) {
        return None;
    }
    let month_first = dates.iter().filter_map(|d| parts(d)).any(|(_, n)| n[1] > 12 && n[0] <= 12);
    let order = if month_first { ["%m", "%d", "%Y"] } else { ["%d", "%m", "%Y"] };
    Some(order.join(&separator.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_to_fields_by_their_words() {
        let csv = "\u{feff}Ref,Requester,E-mail,Date received,Law,Rights asked,Handler,Comments,Shoe size\n\
                   A1,Anna,a@example.org,03/02/2025,gdpr,access,M,,42\n";
        let c = columns(csv.as_bytes()).unwrap();
        assert_eq!(c.rows, 1);
        let guessed: Vec<(&str, &str)> = c.guessed.iter().map(|(h, f)| (h.as_str(), f.as_str())).collect();
        assert_eq!(
            guessed,
            vec![
                ("Comments", "notes"),
                ("Date received", "received"),
                ("E-mail", "email"),
                ("Handler", "assignee"),
                ("Law", "regime"),
                ("Ref", "old_reference"),
                ("Requester", "name"),
                ("Rights asked", "rights"),
            ],
            "the shoe size is left for the person to map"
        );
        assert_eq!(c.date_format.as_deref(), Some("%d/%m/%Y"));
    }

    #[test]
    fn the_date_format_is_read_from_the_dates() {
        assert_eq!(guess_date_format(&["2025-02-03", "2025-12-31"]), None);
        assert_eq!(guess_date_format(&["02/03/2025", "12/31/2025"]).as_deref(), Some("%m/%d/%Y"));
        assert_eq!(guess_date_format(&["31.12.2025"]).as_deref(), Some("%d.%m.%Y"));
        assert_eq!(guess_date_format(&[]), None);
    }
}
