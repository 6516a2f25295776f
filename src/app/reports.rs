//! Reports as files: the annual summary or the CCPA §7102 metrics for a year, as JSON, CSV or PDF,
//! each carrying the audit chain as it stood, sealed first (a later rewrite contradicts it).

use crate::error::{Error, Result};
use crate::letter::{render, Block, LetterDoc, Paper};
use crate::model::validate::printable;
use crate::model::Regime;
pub use crate::report::Report;
use crate::report::{build, Line};
use crate::store::Store;

/// A report made: its title, its figures as JSON (with the chain), and the file's bytes.
#[derive(Debug, Clone)]
pub struct Made {
    pub title: String,
    pub value: serde_json::Value,
    pub bytes: Vec<u8>,
}

/// The figures of report `kind` (`annual` or `ccpa-7102`) for `year`, to be shown: nothing is
/// sealed or written.
pub fn figures(store: &Store, kind: &str, year: i32, regime: Option<Regime>) -> Result<Report> {
    build(&store.report_rows()?, kind, year, regime, store.today())
}

/// Makes report `kind` (`annual` or `ccpa-7102`) for `year` in `format` (`json`, `csv` or `pdf`).
pub fn make(store: &mut Store, kind: &str, year: i32, regime: Option<Regime>, format: &str) -> Result<Made> {
    if !["json", "csv", "pdf"].contains(&format) {
        return Err(Error::validation(format!("unknown format '{}' (expected json, csv or pdf)", printable(format))));
    }
    let today = store.today();
    let report = figures(store, kind, year, regime)?;
    // The chain as it stands goes out with the report, sealed first: a later rewrite contradicts it.
    store.seal(true)?;
    let witness = store.chain_witness()?;
    let mut value = report.value;
    if let Some(fields) = value.as_object_mut() {
        fields.insert("audit_chain".into(), serde_json::to_value(&witness).expect("serialises"));
    }
    let bytes = match format {
        "json" => serde_json::to_string_pretty(&value).expect("serialises").into_bytes(),
        "csv" => csv_lines(&report.lines)?,
        _ => render(&pdf_doc(&report.title, &store.profile()?, &report.lines, today, &witness))?,
    };
    Ok(Made { title: report.title, value, bytes })
}

fn csv_lines(lines: &[Line]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let io = |e: csv::Error| Error::storage(format!("CSV: {e}"));
        w.write_record([
            "regime",
            "right",
            "received",
            "complied",
            "complied_in_part",
            "denied",
            "withdrawn",
            "on_time_percent",
            "median_days",
            "mean_days",
            "overdue_now",
            "late_by_reason",
        ])
        .map_err(io)?;
        let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        for Line { regime, right, figures: f } in lines {
            w.write_record([
                regime.clone(),
                right.clone(),
                f.received.to_string(),
                f.complied.to_string(),
                f.complied_in_part.to_string(),
                f.denied.to_string(),
                f.withdrawn.to_string(),
                opt(f.on_time_percent),
                opt(f.median_days),
                opt(f.mean_days),
                f.overdue_now.to_string(),
                f.late_by_reason.iter().map(|(reason, n)| format!("{reason}: {n}")).collect::<Vec<_>>().join("; "),
            ])
            .map_err(io)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn pdf_doc(
    title: &str,
    profile: &crate::model::OrganisationProfile,
    lines: &[Line],
    today: chrono::NaiveDate,
    witness: &crate::model::ChainWitness,
) -> LetterDoc {
    let mut body = Vec::new();
    let mut section = String::new();
    for Line { regime, right, figures: f } in lines {
        if *regime != section {
            body.push(Block::Heading(regime.to_uppercase()));
            section = regime.clone();
        }
        let days = match (f.median_days, f.mean_days) {
            (Some(m), Some(a)) => format!("; median {m} days, mean {a} days to a substantive response"),
            _ => String::new(),
        };
        let on_time = f.on_time_percent.map(|p| format!("; {p}% on time")).unwrap_or_default();
        let mut items = vec![format!(
            "{right}: {} received, {} complied with in whole, {} in part, {} denied, {} withdrawn{on_time}{days}; {} overdue now",
            f.received, f.complied, f.complied_in_part, f.denied, f.withdrawn, f.overdue_now
        )];
        items.extend(f.denied_by_reason.iter().map(|(reason, n)| format!("denied ({n}): {reason}")));
        items.extend(f.late_by_reason.iter().map(|(reason, n)| format!("answered late ({n}): {reason}")));
        body.push(Block::Bullets(items));
    }
    let mut org_lines = profile.address.clone();
    org_lines.push(profile.email.clone());
    LetterDoc {
        paper: Paper::parse(&profile.paper).unwrap_or(Paper::A4),
        title: title.to_string(),
        org_name: profile.name.clone(),
        org_lines,
        recipient: Vec::new(),
        details: vec![("Produced:".into(), today.to_string()), ("Audit chain:".into(), witness.line())],
        subject: title.to_string(),
        body,
        signature: Vec::new(),
        page_label: "Page {n} of {m}".into(),
        reference: title.to_string(),
        created: chrono::Utc::now(),
        keywords: vec![
            format!("casebook-audit-head:{}:{}", witness.records, witness.head),
            witness.last_seal.as_ref().map(|s| format!("casebook-seal:{}:{}", s.epoch, s.seq)).unwrap_or_default(),
        ],
    }
}
