//! The breach register's letters: the notification to an authority with the contents of GDPR
//! Art. 33(3), and the communication to the people concerned with those of Art. 34(2), filled from
//! the breach and laid out like every letter.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::document::{parse_body, LetterDoc};
use super::fill::party_lines;
use super::template::{self, Value};
use crate::error::Result;
use crate::model::{BreachView, Lang, LetterText, OrganisationProfile, Paper, Party, PartyKind};

/// What a breach letter may say.
pub struct BreachFacts<'a> {
    pub breach: &'a BreachView,
    pub profile: &'a OrganisationProfile,
    pub parties: &'a [Party],
    /// The authority a notification is addressed to.
    pub to: Option<&'a Party>,
    /// Why a notification comes after its 72 hours, when it does.
    pub delay_reasons: Option<&'a str>,
    pub zone: Tz,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// Fills breach template `name` (`breach-authority-notification` or `breach-subject-communication`).
pub fn draft(f: &BreachFacts<'_>, name: &str, lang: Lang, overrides: Option<&std::path::Path>) -> Result<LetterText> {
    let template = template::load_breach(name, lang, overrides)?;
    let (subject, body) = template.fill(|placeholder| f.value(placeholder, lang, name))?;
    Ok(LetterText { template: name.to_string(), lang: lang.code().to_string(), subject, body })
}

/// The whole letter around the text: to the authority, or to the people concerned.
pub fn document(f: &BreachFacts<'_>, text: &LetterText, paper: Paper) -> Result<LetterDoc> {
    let lang = Lang::parse(&text.lang)?;
    let (date_label, reference_label, page_label, closing) = lang.labels();
    let p = f.profile;
    let mut org_lines = p.address.clone();
    org_lines.push(p.email.clone());
    let reference = f.breach.breach.reference.clone();
    Ok(LetterDoc {
        paper,
        title: text.subject.clone(),
        org_name: p.name.clone(),
        org_lines,
        recipient: f
            .to
            .filter(|_| text.template == "breach-authority-notification")
            .map(party_lines)
            .unwrap_or_default(),
        details: vec![(date_label.to_string(), lang.date(f.today)), (reference_label.to_string(), reference.clone())],
        subject: text.subject.clone(),
        body: parse_body(&text.body),
        signature: vec![closing.to_string(), p.signatory.clone(), p.name.clone()],
        page_label: page_label.to_string(),
        reference,
        created: f.now,
        keywords: Vec::new(),
    })
}

impl BreachFacts<'_> {
    fn value(&self, name: &str, lang: Lang, template: &str) -> Value {
        let b = &self.breach.breach;
        let missing = |what: &str| Value::Missing(format!("{}: the {template} letter needs {what}", b.reference));
        let text = |s: &str, what: &str| if s.trim().is_empty() { missing(what) } else { Value::Text(s.to_string()) };
        let list =
            |items: &[String], what: &str| if items.is_empty() { missing(what) } else { Value::List(items.to_vec()) };
        let when = |at: DateTime<Utc>| {
            let local = at.with_timezone(&self.zone);
            format!("{} {} ({})", lang.date(local.date_naive()), local.format("%H:%M"), self.zone.name())
        };
        match name {
            "breach_reference" => Value::Text(b.reference.clone()),
            "today" => Value::Text(lang.date(self.today)),
            "aware_at" => Value::Text(when(b.aware_at)),
            "occurred" => Value::Text(match (b.occurred_from, b.occurred_to) {
                (None, None) => not_known(lang).to_string(),
                (from, to) => format!(
                    "{} – {}",
                    from.map_or_else(|| not_known(lang).to_string(), when),
                    to.map_or_else(|| not_known(lang).to_string(), when)
                ),
            }),
            "description" => text(&b.description, "a description of what happened"),
            "people" => {
                if b.counts.is_empty() {
                    missing("the approximate number of people (counts per country or state)")
                } else {
                    let total: u64 = b.counts.values().sum();
                    let parts: Vec<String> = b.counts.iter().map(|(p, n)| format!("{p} {n}")).collect();
                    Value::Text(format!("{total} ({})", parts.join(", ")))
                }
            }
            "consequences" => text(&b.consequences, "the likely consequences recorded on the breach"),
            "measures" => text(&b.measures, "the measures taken or proposed recorded on the breach"),
            "authority_name" => {
                self.to.map_or_else(|| missing("the authority it is addressed to"), |p| Value::Text(p.name.clone()))
            }
            "org_name" => Value::Text(self.profile.name.clone()),
            "org_email" => Value::Text(self.profile.email.clone()),
            "org_address" => Value::Text(self.profile.address.join(", ")),
            "signatory" => Value::Text(self.profile.signatory.clone()),
            "contact" => Value::Text(
                self.party(PartyKind::Dpo)
                    .map(|d| d.email.as_ref().map_or_else(|| d.name.clone(), |e| format!("{} <{e}>", d.name)))
                    .unwrap_or_else(|| self.profile.email.clone()),
            ),
            "representative" => {
                let uk = self.to.and_then(|p| p.country.as_deref()).is_some_and(|c| c.eq_ignore_ascii_case("GB"));
                let kind = if uk { PartyKind::UkRepresentative } else { PartyKind::EuRepresentative };
                self.party(kind).map_or_else(
                    || missing("a representative in the parties"),
                    |r| {
                        Value::Text(
                            std::iter::once(r.name.clone())
                                .chain(r.address.iter().cloned())
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    },
                )
            }
            "delay_reasons" => {
                let late = self.to.and_then(|to| {
                    self.breach
                        .clocks
                        .iter()
                        .find(|c| c.clock.kind == "authority" && c.clock.party_id == to.id && self.now > c.clock.due_at)
                });
                match (late, self.delay_reasons) {
                    (None, _) => Value::Text(String::new()),
                    (Some(_), Some(r)) if !r.trim().is_empty() => Value::Text(format!("{} {r}", late_lead(lang))),
                    (Some(_), _) => missing("the reasons for the delay, the 72 hours having passed"),
                }
            }
            "data_categories" => list(&b.data_categories, "the categories of personal data concerned"),
            "subject_categories" => list(&b.subject_categories, "the categories of people concerned"),
            _ => missing(name),
        }
    }

    fn party(&self, kind: PartyKind) -> Option<&Party> {
        self.parties.iter().find(|p| p.kind == kind && p.retired_on.is_none())
    }
}

fn not_known(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "not yet known",
        Lang::Ja => "調査中",
        Lang::De => "noch nicht bekannt",
    }
}

/// How a notification after the 72 hours introduces its reasons (Art. 33(1)).
fn late_lead(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "This notification comes after the 72 hours of Article 33(1); the reasons for the delay:",
        Lang::Ja => "本通知は第33条第1項の72時間を経過した後に行うものです。遅延の理由：",
        Lang::De => {
            "Diese Meldung erfolgt nach Ablauf der 72 Stunden des Artikels 33 Absatz 1; die Gründe für die Verzögerung:"
        }
    }
}
