//! A letter's vocabulary: its languages, paper, templates, editable text and the facts it is
//! filled from. Layout and PDF live in `letter`; the store keeps what they make.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CaseDetail, Kind, OrganisationProfile, Party};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub fn parse(s: &str) -> Result<Paper> {
        match s {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            other => Err(Error::validation(format!(
                "unknown paper '{}' (expected a4 or letter)",
                super::validate::printable(other)
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
    De,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ja, Lang::De];

    pub fn parse(s: &str) -> Result<Lang> {
        match s {
            "en" => Ok(Lang::En),
            "ja" => Ok(Lang::Ja),
            "de" => Ok(Lang::De),
            other => Err(Error::validation(format!(
                "unknown language '{}' (expected en, ja or de)",
                super::validate::printable(other)
            ))),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::De => "de",
        }
    }
}

/// What a letter may say: the case, the organisation and its address book, and the letter's date.
pub struct LetterFacts {
    pub case: CaseDetail,
    pub profile: OrganisationProfile,
    pub parties: Vec<Party>,
    pub today: NaiveDate,
}

/// A letter's text before it is rendered: what the user may edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LetterText {
    pub template: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
}

/// The stable template names used by the CLI, the app and the tests.
pub const NAMES: &[&str] = &[
    "acknowledgement",
    "id-request",
    "clarification-request",
    "extension",
    "access-response",
    "erasure-confirmation",
    "rectification-confirmation",
    "restriction-confirmation",
    "objection-confirmation",
    "portability-cover",
    "refusal",
    "ccpa-denial",
    "ccpa-opt-out-confirmation",
    "complaint-acknowledgement",
    "complaint-outcome",
    "representative-cover",
];

/// The kind of case a template is written for: `complaint-…` for complaints, the representative's
/// cover letter for any case, every other template for requests.
pub fn for_kind(name: &str) -> Option<Kind> {
    match name {
        "representative-cover" => None,
        n if n.starts_with("complaint-") => Some(Kind::Complaint),
        _ => Some(Kind::Request),
    }
}
