//! Filling a template from a case: every placeholder's value, and the letter around the text.

use super::document::{parse_body, LetterDoc};
use super::template::{self, Value};
use crate::error::Result;
use crate::model::letter::{for_kind, Lang, LetterFacts, LetterText, Paper};
use crate::model::party::representative;
use crate::model::{EventType, Outcome, Party, PartyKind, Regime};
use chrono::{DateTime, NaiveDate, Utc};

/// Fills template `name` for the case.
pub fn draft(facts: &LetterFacts, name: &str, lang: Lang, overrides: Option<&std::path::Path>) -> Result<LetterText> {
    let case = &facts.case.case;
    if let Some(kind) = for_kind(name).filter(|k| *k != case.kind) {
        return Err(crate::Error::validation(format!(
            "{}: the {name} letter needs a {kind} (this is a {})",
            case.reference, case.kind
        )));
    }
    let template = template::load(name, lang, overrides)?;
    let (subject, body) = template.fill(|placeholder| facts.value(placeholder, lang, name))?;
    Ok(LetterText { template: name.to_string(), lang: lang.code().to_string(), subject, body })
}

/// The whole letter around a (possibly edited) text.
pub fn document(facts: &LetterFacts, text: &LetterText, paper: Paper, now: DateTime<Utc>) -> Result<LetterDoc> {
    let lang = Lang::parse(&text.lang)?;
    let (date_label, reference_label, page_label, closing) = lang.labels();
    let p = &facts.profile;
    let c = &facts.case.case;
    let recipient = match text.template.as_str() {
        "representative-cover" => facts.addressee("representative-cover").map(party_lines).unwrap_or_default(),
        _ => {
            let mut lines = vec![c.requester.name.clone()];
            match (&c.requester.postal_address, &c.requester.email) {
                (Some(address), _) => lines.extend(address.lines().map(str::to_string)),
                (None, Some(email)) => lines.push(email.clone()),
                (None, None) => {}
            }
            lines
        }
    };
    let mut org_lines = p.address.clone();
    org_lines.push(p.email.clone());
    Ok(LetterDoc {
        paper,
        title: text.subject.clone(),
        org_name: p.name.clone(),
        org_lines,
        recipient,
        details: vec![
            (date_label.to_string(), lang.date(facts.today)),
            (reference_label.to_string(), c.reference.clone()),
        ],
        subject: text.subject.clone(),
        body: parse_body(&text.body),
        signature: vec![closing.to_string(), p.signatory.clone(), p.name.clone()],
        page_label: page_label.to_string(),
        reference: c.reference.clone(),
        created: now,
        keywords: Vec::new(),
    })
}

pub(crate) fn party_lines(p: &Party) -> Vec<String> {
    let mut lines = vec![p.name.clone()];
    lines.extend(p.organisation.clone().filter(|o| o != &p.name));
    lines.extend(p.contact_person.clone());
    lines.extend(p.address.iter().cloned());
    lines
}

fn one_line(p: &Party) -> String {
    std::iter::once(p.name.clone()).chain(p.address.iter().cloned()).collect::<Vec<_>>().join(", ")
}

impl LetterFacts {
    fn party(&self, kind: PartyKind, country: Option<&str>) -> Option<&Party> {
        self.parties.iter().find(|p| {
            p.kind == kind && p.retired_on.is_none() && (country.is_none() || p.country.as_deref() == country)
        })
    }

    /// The party a letter from `template` is addressed to; `None` for the data subject.
    pub fn addressee(&self, template: &str) -> Option<&Party> {
        match template {
            "representative-cover" => self.representative(),
            _ => None,
        }
    }

    fn representative(&self) -> Option<&Party> {
        representative(&self.parties, self.case.case.regime)
    }

    /// The supervisory authority for the case's regime: for the EU, the one where our representative is.
    fn authority(&self) -> Option<&Party> {
        let country = match self.case.case.regime {
            Regime::Gdpr => self.party(PartyKind::EuRepresentative, None).and_then(|p| p.country.clone()),
            Regime::UkGdpr => Some("GB".into()),
            Regime::Ccpa => Some("US".into()),
            Regime::Appi => Some("JP".into()),
        };
        self.party(PartyKind::Authority, country.as_deref())
    }

    fn event_note(&self, event_type: EventType) -> Option<Option<String>> {
        self.case.events.iter().rev().find(|e| e.event_type == event_type).map(|e| e.note.clone())
    }

    fn value(&self, name: &str, lang: Lang, template: &str) -> Value {
        let c = &self.case.case;
        let p = &self.profile;
        let reference = &c.reference;
        let missing = |what: &str| Value::Missing(format!("{reference}: the {template} letter needs {what}"));
        let text = |s: Option<String>, what: &str| {
            s.filter(|s| !s.trim().is_empty()).map_or_else(|| missing(what), Value::Text)
        };
        let date = |d: Option<NaiveDate>, what: &str| text(d.map(|d| lang.date(d)), what);
        let list = |items: Vec<String>, what: &str| if items.is_empty() { missing(what) } else { Value::List(items) };
        match name {
            "reference" => Value::Text(reference.clone()),
            "today" => Value::Text(lang.date(self.today)),
            "received" => Value::Text(lang.date(c.received)),
            "requester_name" => Value::Text(c.requester.name.clone()),
            "requester_email" => text(c.requester.email.clone(), "the requester's email address"),
            "agent_name" => text(c.agent.as_ref().map(|a| a.name.clone()), "an authorised agent on the case"),
            "rights" => {
                let names: Vec<String> = c.rights.iter().map(|r| lang.right(*r).to_string()).collect();
                text(Some(lang.and_list(&names)), "the rights requested")
            }
            "regime_name" => Value::Text(lang.regime(c.regime).to_string()),
            "acknowledge_by" => {
                date(c.deadlines.acknowledge_by, "an acknowledgement date (none applies to this regime)")
            }
            "respond_by" => date(c.deadlines.respond_by, "a response date"),
            "extension_notice_by" => date(c.deadlines.extension_notice_by, "an extension notice date"),
            "extended_respond_by" => match self.event_note(EventType::Extended) {
                Some(_) => date(c.deadlines.extended_respond_by, "an extended response date"),
                None => missing("the extension to be recorded first"),
            },
            "extension_reasons" => text(
                self.event_note(EventType::Extended).flatten(),
                "the extension recorded with a note giving its reasons",
            ),
            "outcome_reason" => match (c.outcome, c.outcome_reason.clone()) {
                // A refusal because the requester could not be verified says so, then the office's reason.
                (Some(Outcome::IdFailed), reason) => {
                    let lead = lang.identity_not_verified(c.regime);
                    Value::Text(reason.map_or_else(|| lead.to_string(), |r| format!("{lead} {r}")))
                }
                (_, reason) => text(reason, "the case closed or rejected with a reason"),
            },
            "org_name" => Value::Text(p.name.clone()),
            "org_email" => Value::Text(p.email.clone()),
            "org_address" => Value::Text(p.address.join(", ")),
            "signatory" => Value::Text(p.signatory.clone()),
            "dpo_email" => {
                text(self.party(PartyKind::Dpo, None).and_then(|d| d.email.clone()), "the DPO's email in the parties")
            }
            "representative" => text(self.representative().map(one_line), "a representative in the parties"),
            "authority" => text(self.authority().map(one_line), "the supervisory authority in the parties"),
            "retention" => text(Some(p.processing.retention.clone()), "the retention policy in the profile"),
            "transfers" => text(Some(p.processing.transfers.clone()), "the transfer safeguards in the profile"),
            "sale_or_sharing" => {
                text(Some(p.processing.sale_or_sharing.clone()), "the sale or sharing statement in the profile")
            }
            "sensitive_information" => text(
                Some(p.processing.sensitive_information.clone()),
                "the sensitive information statement in the profile",
            ),
            "data_categories" => list(
                p.processing.data_categories.iter().map(|c| format!("{}: {}", c.source, c.items.join(", "))).collect(),
                "the data categories in the profile",
            ),
            "purposes" => list(p.processing.purposes.clone(), "the purposes in the profile"),
            "legal_bases" => list(p.processing.legal_bases.clone(), "the legal bases in the profile"),
            "recipients" => list(p.processing.recipients.clone(), "the recipients in the profile"),
            other => Value::Missing(format!("unknown placeholder {{{{{other}}}}}")),
        }
    }
}
