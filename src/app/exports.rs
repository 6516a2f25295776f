//! Exports for other programs: open deadlines as iCalendar, the cases as CSV, everything (but the
//! audit log) as JSON; made from the store, written where the user asked through `files`.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::validate::printable;
use crate::model::CaseFilter;
use crate::store::Store;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Open deadlines, a reminder `alarm_days` before each; requesters' names only when asked.
    Ics { alarm_days: u32, with_names: bool },
    /// One row per case.
    Csv,
    /// Everything but the audit log, in the format `import json` reads.
    Json,
}

impl Format {
    /// `ics`, `csv` or `json`; the calendar's options apply to `ics` only.
    pub fn parse(name: &str, alarm_days: u32, with_names: bool) -> Result<Format> {
        match name {
            "ics" => Ok(Format::Ics { alarm_days, with_names }),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(Error::validation(format!(
                "unknown export format '{}' (expected ics, csv or json)",
                printable(other)
            ))),
        }
    }
}

/// An export made: its bytes, how many deadlines or cases it holds, and that in words.
#[derive(Debug, Clone)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub count: usize,
    pub what: String,
}

/// Makes the export.
pub fn export(store: &Store, format: Format) -> Result<Exported> {
    Ok(match format {
        Format::Ics { alarm_days, with_names } => {
            let deadlines = store.open_deadlines(with_names)?;
            let clocks: Vec<crate::export::ics::IcsClock> = store
                .open_breach_clocks()?
                .into_iter()
                .map(|(reference, c)| crate::export::ics::IcsClock {
                    reference,
                    kind: c.clock.kind.to_string(),
                    party_id: c.clock.party_id,
                    who: c.who,
                    due_at: c.clock.due_at,
                })
                .collect();
            let text = crate::export::ics::with_breaches(&deadlines, &clocks, alarm_days, chrono::Utc::now());
            let count = deadlines.len() + clocks.len();
            Exported { bytes: text.into_bytes(), count, what: format!("{count} date(s)") }
        }
        Format::Csv => {
            let cases = store.list_cases(&CaseFilter::default())?;
            let count = cases.len();
            let totals = store.correspondence_totals()?;
            Exported { bytes: crate::export::csv::cases(&cases, &totals)?, count, what: format!("{count} case(s)") }
        }
        Format::Json => {
            let doc = store.export_json()?;
            let count = doc["tables"]["cases"].as_array().map_or(0, Vec::len);
            let mut text = serde_json::to_string_pretty(&doc).expect("export serialises");
            text.push('\n');
            Exported { bytes: text.into_bytes(), count, what: "everything but the audit log".into() }
        }
    })
}

/// Makes the export and writes it to `out` (replacing a file there only when `replace`).
pub fn export_to(store: &Store, format: Format, out: &Path, replace: bool) -> Result<Exported> {
    let made = export(store, format)?;
    crate::files::write_output(out, &made.bytes, replace)?;
    Ok(made)
}
