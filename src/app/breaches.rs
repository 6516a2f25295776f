//! The breach register's actions, once for both faces: a breach recorded, a notification made, an
//! entry on its timeline; local times read in the breach's own zone.

use chrono::Utc;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::breach::{instant, BreachEventKind, BreachInput, NoticeInput, Risk};
use crate::model::validate;
use crate::model::BreachView;
use crate::store::Store;

/// An entry on a breach's timeline as typed.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "BreachEventInput")]
#[ts(optional_fields = nullable)]
pub struct EventInput {
    /// contained, assessed, note or closed.
    pub kind: String,
    /// `YYYY-MM-DDTHH:MM` in the breach's zone; now when absent.
    pub at: Option<String>,
    /// With `assessed`: none, risk or high.
    pub risk: Option<String>,
    /// What happened; with `assessed`, the reasoning.
    pub note: String,
}

pub fn record(store: &mut Store, input: &BreachInput) -> Result<BreachView> {
    store.add_breach(&input.validate(Utc::now())?)
}

/// A breach's facts as they stand, as the input a correction starts from (times in its own zone).
pub fn input_of(store: &Store, reference: &str) -> Result<BreachInput> {
    let b = store.breach(reference)?.breach;
    let zone = crate::model::case::parse_zone(&b.time_zone)?;
    let local = |t: chrono::DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string();
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(BreachInput {
        aware: local(b.aware_at),
        time_zone: b.time_zone.clone(),
        regimes: b.regimes.iter().map(|r| r.to_string()).collect(),
        description: b.description.clone(),
        occurred_from: b.occurred_from.map(local),
        occurred_to: b.occurred_to.map(local),
        discovered_how: text(&b.discovered_how),
        data_categories: b.data_categories.clone(),
        subject_categories: b.subject_categories.clone(),
        counts: b.counts.iter().map(|(p, n)| format!("{p}={n}")).collect(),
        consequences: text(&b.consequences),
        measures: text(&b.measures),
        risk: b.risk.map(|r| r.to_string()),
        risk_reasoning: text(&b.risk_reasoning),
        authorities: b.authorities.iter().map(|a| a.party_id).collect(),
        wrongful_purpose: b.wrongful_purpose,
    })
}

/// Corrects or completes a breach's facts; audited field by field, its clocks recomputed on read.
pub fn edit(store: &mut Store, reference: &str, input: &BreachInput) -> Result<BreachView> {
    store.edit_breach(reference, &input.validate(Utc::now())?)
}

pub fn notify(store: &mut Store, reference: &str, input: &NoticeInput) -> Result<BreachView> {
    let zone = zone_of(store, reference)?;
    let notice = input.validate(zone, Utc::now())?;
    store.notify_breach(reference, &notice)
}

pub fn event(store: &mut Store, reference: &str, input: &EventInput) -> Result<BreachView> {
    let kind: BreachEventKind = input.kind.trim().parse().map_err(|e: Error| e.in_field("kind"))?;
    let zone = zone_of(store, reference)?;
    let now = Utc::now();
    let at = match input.at.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => instant("at", a, zone, now)?,
        None => now,
    };
    let risk = match input.risk.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(r.parse::<Risk>().map_err(|e| e.in_field("risk"))?),
        None => None,
    };
    let note = validate::text("note", &input.note)?;
    store.breach_event(reference, kind, at, &note, risk)
}

fn zone_of(store: &Store, reference: &str) -> Result<chrono_tz::Tz> {
    crate::model::case::parse_zone(&store.breach(reference)?.breach.time_zone)
}

/// The Art. 33(5) register for an authority's inspection: every breach the office became aware of
/// between `from` and `to` (local dates, both optional), as CSV or PDF.
pub fn register(
    store: &Store,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    format: &str,
) -> Result<(Vec<u8>, usize)> {
    if !["csv", "pdf"].contains(&format) {
        return Err(Error::validation(format!(
            "unknown format '{}' (expected csv or pdf)",
            validate::printable(format)
        )));
    }
    let zone = store.zone();
    let mut views = Vec::new();
    for s in store.breaches()?.into_iter().rev() {
        let day = s.aware_at.with_timezone(&zone).date_naive();
        if from.is_some_and(|f| day < f) || to.is_some_and(|t| day > t) {
            continue;
        }
        views.push(store.breach(&s.reference)?);
    }
    let bytes = match format {
        "csv" => register_csv(&views)?,
        _ => crate::letter::render(&register_pdf(store, &views, from, to)?)?,
    };
    Ok((bytes, views.len()))
}

const REGISTER_HEADER: &[&str] = &[
    "reference",
    "aware_at",
    "time_zone",
    "regimes",
    "occurred_from",
    "occurred_to",
    "discovered_how",
    "description",
    "data_categories",
    "subject_categories",
    "people",
    "consequences",
    "measures",
    "risk",
    "risk_reasoning",
    "contained_at",
    "closed_at",
    "authorities",
    "notifications",
    "delay_reasons",
    "linked_cases",
];

fn register_csv(views: &[BreachView]) -> Result<Vec<u8>> {
    use crate::export::csv::neutralise;
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let io = |e: csv::Error| Error::storage(format!("CSV: {e}"));
        w.write_record(REGISTER_HEADER).map_err(io)?;
        let at = |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
        for v in views {
            let b = &v.breach;
            let row = [
                b.reference.clone(),
                b.aware_at.to_rfc3339(),
                b.time_zone.clone(),
                b.regimes.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" "),
                at(b.occurred_from),
                at(b.occurred_to),
                b.discovered_how.clone(),
                b.description.clone(),
                b.data_categories.join("; "),
                b.subject_categories.join("; "),
                b.counts.iter().map(|(p, n)| format!("{p} {n}")).collect::<Vec<_>>().join("; "),
                b.consequences.clone(),
                b.measures.clone(),
                b.risk.map(|r| r.to_string()).unwrap_or_default(),
                b.risk_reasoning.clone(),
                at(b.contained_at),
                at(b.closed_at),
                b.authorities.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join("; "),
                v.notifications
                    .iter()
                    .map(|n| {
                        format!(
                            "{} {} {} {}",
                            n.at.to_rfc3339(),
                            n.party.clone().unwrap_or_else(|| n.to.to_string()),
                            n.phase,
                            n.method
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                v.notifications.iter().filter_map(|n| n.delay_reasons.clone()).collect::<Vec<_>>().join("; "),
                b.cases.join(" "),
            ];
            w.write_record(row.iter().map(|c| neutralise(c))).map_err(io)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn register_pdf(
    store: &Store,
    views: &[BreachView],
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Result<crate::letter::LetterDoc> {
    use crate::letter::{Block, LetterDoc, Paper};
    use crate::rules::breach::instant as shown;
    let profile = store.profile()?;
    let zone = store.zone();
    let period = match (from, to) {
        (None, None) => "all breaches".to_string(),
        (f, t) => format!(
            "aware from {} to {}",
            f.map_or("the first".into(), |d| d.to_string()),
            t.map_or("today".into(), |d| d.to_string())
        ),
    };
    let title = "Register of personal-data breaches (GDPR Art. 33(5))".to_string();
    let mut body = vec![Block::Paragraph(format!(
        "{} breach(es), {period}. Instants in {} unless marked.",
        views.len(),
        zone.name()
    ))];
    for v in views {
        let b = &v.breach;
        body.push(Block::Heading(format!("{} — aware {}", b.reference, shown(b.aware_at, zone))));
        body.push(Block::Paragraph(b.description.clone()));
        let mut facts = vec![format!("Laws: {}", b.regimes.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "))];
        let mut push = |name: &str, value: String| {
            if !value.is_empty() {
                facts.push(format!("{name}: {value}"));
            }
        };
        push("Discovered", b.discovered_how.clone());
        push("Data", b.data_categories.join(", "));
        push("People", b.subject_categories.join(", "));
        push("Numbers", b.counts.iter().map(|(p, n)| format!("{p} {n}")).collect::<Vec<_>>().join(", "));
        push("Consequences", b.consequences.clone());
        push("Measures", b.measures.clone());
        push(
            "Risk",
            b.risk
                .map(|r| {
                    format!(
                        "{r}{}",
                        if b.risk_reasoning.is_empty() { String::new() } else { format!(" — {}", b.risk_reasoning) }
                    )
                })
                .unwrap_or_else(|| "not assessed".into()),
        );
        push("Contained", b.contained_at.map(|t| shown(t, zone)).unwrap_or_default());
        push("Closed", b.closed_at.map(|t| shown(t, zone)).unwrap_or_default());
        for n in &v.notifications {
            let to = n.party.clone().unwrap_or_else(|| n.to.to_string());
            let mut line = format!("Notified {to} ({}, {}) {}", n.phase, n.method, shown(n.at, zone));
            if let Some(r) = &n.their_reference {
                line += &format!(", their reference {r}");
            }
            if let Some(r) = &n.delay_reasons {
                line += &format!("; reasons for the delay: {r}");
            }
            facts.push(line);
        }
        for c in v.clocks.iter().filter(|c| c.met_at.is_none()) {
            facts.push(format!("Open: {} by {}", c.who, shown(c.clock.due_at, zone)));
        }
        body.push(Block::Bullets(facts));
    }
    let mut org_lines = profile.address.clone();
    org_lines.push(profile.email.clone());
    Ok(LetterDoc {
        paper: Paper::parse(&profile.paper).unwrap_or(Paper::A4),
        title: title.clone(),
        org_name: profile.name.clone(),
        org_lines,
        recipient: Vec::new(),
        details: vec![("Produced:".into(), store.today().to_string())],
        subject: title.clone(),
        body,
        signature: Vec::new(),
        page_label: "Page {n} of {m}".into(),
        reference: "Breach register".into(),
        created: Utc::now(),
        keywords: Vec::new(),
    })
}

/// Which breach letter, to whom, in which language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LetterChoice {
    /// `authority-notification` or `subject-communication` (the `breach-` prefix optional).
    pub template: String,
    pub lang: String,
    /// The authority a notification is addressed to (default: the breach's first).
    pub party: Option<i64>,
    /// Why a notification comes after its 72 hours, when it does.
    pub delay_reasons: Option<String>,
}

/// A breach letter rendered as PDF: a draft for the office to send (through an authority's portal,
/// by post, to the people concerned); it changes nothing in the register.
pub fn letter(store: &Store, reference: &str, choice: &LetterChoice) -> Result<(crate::letter::LetterText, Vec<u8>)> {
    use crate::letter::breach::{document, draft, BreachFacts};
    let view = store.breach(reference)?;
    let name = if choice.template.starts_with("breach-") {
        choice.template.clone()
    } else {
        format!("breach-{}", choice.template)
    };
    let parties = store.parties()?;
    let party = match (choice.party, name.as_str()) {
        (Some(id), _) => Some(id),
        (None, "breach-authority-notification") => view.breach.authorities.first().map(|a| a.party_id),
        (None, _) => None,
    };
    if let Some(id) = party {
        if !view.breach.authorities.iter().any(|a| a.party_id == id) {
            return Err(Error::invalid_field(
                "party",
                format!("{reference}: party {id} is not one of the breach's authorities"),
            ));
        }
    }
    let profile = store.profile()?;
    let facts = BreachFacts {
        breach: &view,
        profile: &profile,
        parties: &parties,
        to: party.and_then(|id| parties.iter().find(|p| p.id == Some(id))),
        delay_reasons: choice.delay_reasons.as_deref(),
        zone: store.zone(),
        today: store.today(),
        now: Utc::now(),
    };
    let lang = crate::letter::Lang::parse(if choice.lang.is_empty() { "en" } else { &choice.lang })?;
    let text = draft(&facts, &name, lang, Some(&store.template_dir()))?;
    let paper = crate::letter::Paper::parse(&profile.paper)?;
    let pdf = crate::letter::render(&document(&facts, &text, paper)?)?;
    Ok((text, pdf))
}
