//! Cases as a spreadsheet: RFC 4180 with CRLF, UTF-8 with a byte-order mark (so Excel in Japan
//! reads it as UTF-8), and cells that a spreadsheet would run as a formula neutralised.

use crate::error::Result;
use crate::model::Case;
pub use crate::model::CorrespondenceTotals;

pub const HEADER: &[&str] = &[
    "reference",
    "kind",
    "regime",
    "rights",
    "status",
    "received",
    "time_zone",
    "channel",
    "requester_name",
    "requester_email",
    "requester_phone",
    "requester_company",
    "relationship",
    "agent",
    "assignee",
    "acknowledge_by",
    "respond_by",
    "extended_respond_by",
    "outcome",
    "outcome_reason",
    "tags",
    "notes",
    "correspondence_items",
    "last_correspondence",
];

/// A cell a spreadsheet would read as a formula gets a leading apostrophe: one that starts with
/// `=`, `+`, `-`, `@`, tab or CR, or has a `;`-, `,`- or tab-separated part that does (a spreadsheet
/// that splits cells on import would see that part as a cell of its own).
pub fn neutralise(cell: &str) -> String {
    let formula = |part: &str| part.trim_start_matches(' ').starts_with(['=', '+', '-', '@', '\t', '\r']);
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || cell.split([';', ',', '\t']).skip(1).any(formula) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

pub fn cases(cases: &[Case], totals: &CorrespondenceTotals) -> Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let io = |e: csv::Error| crate::error::Error::storage(format!("CSV: {e}"));
        w.write_record(HEADER).map_err(io)?;
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        for c in cases {
            let rights: Vec<&str> = c.rights.iter().map(|r| r.as_str()).collect();
            let (items, last) = totals.get(&c.reference).map_or((0, None), |(n, last)| (*n, Some(*last)));
            let row = [
                c.reference.clone(),
                c.kind.to_string(),
                c.regime.to_string(),
                rights.join(" "),
                c.status.to_string(),
                c.received.to_string(),
                c.time_zone.clone(),
                c.channel.to_string(),
                c.requester.name.clone(),
                c.requester.email.clone().unwrap_or_default(),
                c.requester.phone.clone().unwrap_or_default(),
                c.requester.company.clone().unwrap_or_default(),
                c.requester.relationship.map(|r| r.to_string()).unwrap_or_default(),
                c.agent.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                c.assignee.clone().unwrap_or_default(),
                date(c.deadlines.acknowledge_by),
                date(c.deadlines.respond_by),
                date(c.deadlines.extended_respond_by),
                c.outcome.map(|o| o.to_string()).unwrap_or_default(),
                c.outcome_reason.clone().unwrap_or_default(),
                c.tags.join(" "),
                c.notes.clone(),
                items.to_string(),
                date(last),
            ];
            w.write_record(row.iter().map(|cell| neutralise(cell))).map_err(io)?;
        }
        w.flush()?;
    }
    Ok(out)
}
