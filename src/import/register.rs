//! A register kept in a spreadsheet before Casebook: CSV rows mapped to cases by a mapping file
//! (`{"columns": {"CSV header": "field"}, "defaults": {"field": "value"}, "date_format": "%d/%m/%Y"}`).
//! Every row is checked as a new case would be; the caller writes only when no row is rejected.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{CaseInput, NewCase};

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "RegisterMapping")]
#[ts(optional_fields = nullable)]
pub struct Mapping {
    /// CSV header → case field (`kind regime rights channel received time_zone name email postal_address
    /// phone company relationship agent_name assignee notes tags old_reference`).
    pub columns: BTreeMap<String, String>,
    /// Values for fields no column gives, such as `"regime": "gdpr"`.
    #[serde(default)]
    pub defaults: BTreeMap<String, String>,
    /// How the received dates are written, if not `YYYY-MM-DD` (chrono format, e.g. `%d/%m/%Y`).
    #[serde(default)]
    pub date_format: Option<String>,
}

/// The case fields a register's column can fill.
pub const FIELDS: &[&str] = &[
    "kind",
    "regime",
    "rights",
    "channel",
    "received",
    "time_zone",
    "name",
    "email",
    "postal_address",
    "phone",
    "company",
    "relationship",
    "agent_name",
    "assignee",
    "notes",
    "tags",
    "old_reference",
];

/// The outcome of reading a register: the cases it would create and the rows it rejects.
#[derive(Debug, Default)]
pub struct Plan {
    pub accepted: Vec<(usize, NewCase)>,
    /// (row number as a spreadsheet shows it, the reason).
    pub rejected: Vec<(usize, String)>,
}

impl Mapping {
    pub fn from_json(json: &str) -> Result<Mapping> {
        let m: Mapping =
            serde_json::from_str(json).map_err(|e| Error::validation(format!("the mapping file is not valid: {e}")))?;
        m.check()?;
        Ok(m)
    }

    /// Refuses a mapping that names a field cases do not have, or two columns for one field.
    pub fn check(&self) -> Result<()> {
        for field in self.columns.values().chain(self.defaults.keys()) {
            if !FIELDS.contains(&field.as_str()) {
                return Err(Error::validation(format!(
                    "the mapping names an unknown field '{}' (known: {})",
                    crate::model::validate::printable(field),
                    FIELDS.join(", ")
                )));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        if let Some(twice) = self.columns.values().find(|f| !seen.insert(f.as_str())) {
            return Err(Error::validation(format!("two columns are mapped to {twice}; keep one")));
        }
        Ok(())
    }
}

/// Reads the CSV (UTF-8, with or without a byte-order mark) and checks every row.
pub fn plan(csv_bytes: &[u8], mapping: &Mapping, office_zone: Tz, now: DateTime<Utc>) -> Result<Plan> {
    let text = std::str::from_utf8(csv_bytes).map_err(|_| Error::validation("the register is not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| Error::validation(format!("the register's header row: {e}")))?.clone();
    for header in mapping.columns.keys() {
        if !headers.iter().any(|h| h.trim() == header) {
            return Err(Error::validation(format!(
                "the mapping names a column '{}' the register does not have",
                crate::model::validate::printable(header)
            )));
        }
    }
    let mut plan = Plan::default();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2; // the header is row 1
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                plan.rejected.push((row, format!("unreadable: {e}")));
                continue;
            }
        };
        let mut values = mapping.defaults.clone();
        for (header, cell) in headers.iter().zip(record.iter()) {
            if let Some(field) = mapping.columns.get(header.trim()) {
                if !cell.trim().is_empty() {
                    values.insert(field.clone(), cell.trim().to_string());
                }
            }
        }
        match to_case(&values, mapping, office_zone, now) {
            Ok(case) => plan.accepted.push((row, case)),
            Err(e) => plan.rejected.push((row, e.message)),
        }
    }
    Ok(plan)
}

fn to_case(v: &BTreeMap<String, String>, mapping: &Mapping, zone: Tz, now: DateTime<Utc>) -> Result<NewCase> {
    let get = |k: &str| v.get(k).cloned();
    let received = match (get("received"), &mapping.date_format) {
        (Some(r), Some(format)) => NaiveDate::parse_from_str(&r, format).map(|d| d.to_string()).map_err(|_| {
            Error::validation(format!(
                "received '{}' does not match the date format {format}",
                crate::model::validate::printable(&r)
            ))
        })?,
        (Some(r), None) => r,
        (None, _) => return Err(Error::validation("no received date")),
    };
    let mut notes = get("notes").unwrap_or_default();
    if let Some(old) = get("old_reference") {
        notes = format!("Imported from the previous register, where it was {old}.\n{notes}").trim().to_string();
    }
    let list = |k: &str| -> Vec<String> {
        get(k)
            .map(|s| s.split([',', ';', ' ']).filter(|x| !x.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    };
    CaseInput {
        kind: get("kind").unwrap_or_else(|| "request".into()),
        regime: get("regime").unwrap_or_default(),
        rights: list("rights"),
        channel: get("channel"),
        received,
        time_zone: get("time_zone"),
        name: get("name").unwrap_or_default(),
        email: get("email"),
        postal_address: get("postal_address"),
        phone: get("phone"),
        company: get("company"),
        relationship: get("relationship"),
        agent_name: get("agent_name"),
        agent_proof_received: None,
        assignee: get("assignee"),
        notes: Some(notes),
        tags: list("tags"),
    }
    .validate(zone, now)
}
