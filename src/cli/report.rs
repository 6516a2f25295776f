//! `casebook report ccpa-7102|annual --year YYYY [--regime R] [--format csv|json|pdf] [--out FILE]`.

use std::path::Path;

use casebook::letter::{render, Block, LetterDoc, Paper};
use casebook::report::{build, Line};
use casebook::{Error, Result};

use super::{open, output};

pub fn run(
    db: &Path,
    kind: &str,
    year: i32,
    regime: Option<&str>,
    format: &str,
    out: Option<&Path>,
    force: bool,
) -> Result<()> {
    if let Some(path) = out {
        casebook::files::check_target(path, force)?;
    }
    let mut store = open(db)?;
    let regime = regime.map(str::parse).transpose()?;
    let report = build(&store.report_rows()?, kind, year, regime, store.today())?;
    let today = store.today();
    // The chain as it stands goes out with the report, sealed first: a later rewrite contradicts it.
    store.seal(true)?;
    let witness = store.chain_witness()?;
    let mut value = report.value.clone();
    if let Some(fields) = value.as_object_mut() {
        fields.insert("audit_chain".into(), serde_json::to_value(&witness).expect("serialises"));
    }
    let (title, value, lines) = (&report.title, &value, &report.lines);
    let bytes = match format {
        "json" => serde_json::to_string_pretty(value).expect("serialises").into_bytes(),
        "csv" => csv_lines(lines)?,
        "pdf" => {
            let profile = store.profile()?;
            render(&pdf_doc(title, &profile, lines, today, &witness))?
        }
        other => {
            return Err(Error::validation(format!(
                "unknown format '{}' (expected json, csv or pdf)",
                casebook::model::validate::printable(other)
            )))
        }
    };
    match out {
        Some(path) => {
            casebook::files::write_output(path, &bytes, force)?;
            outln!("{title}: written to {}", path.display());
        }
        None if format == "pdf" => return Err(Error::validation("a PDF report needs --out FILE")),
        None if format == "json" => output::print_json(value),
        None => out!("{}", String::from_utf8_lossy(&bytes)),
    }
    Ok(())
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
            ])
            .map_err(io)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn pdf_doc(
    title: &str,
    profile: &casebook::model::OrganisationProfile,
    lines: &[Line],
    today: chrono::NaiveDate,
    witness: &casebook::store::ChainWitness,
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
