//! The organisation profile: who the office is, where it works, what it processes, and its address book.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::party::Party;
use super::validate;
use super::vocab::{vocab, PartyKind, Regime};
use crate::error::{Error, Result};

/// The sample profile, built from the first customer's published facts.
const SAMPLE: &str = include_str!("../../assets/sample-profile.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "Profile")]
#[ts(optional_fields = nullable)]
pub struct OrganisationProfile {
    pub name: String,
    pub address: Vec<String>,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// The name under which letters are signed.
    pub signatory: String,
    /// The office's IANA time zone; receipt dates are local to it unless a case says otherwise.
    pub time_zone: String,
    /// `a4` or `letter`.
    pub paper: String,
    pub language: String,
    /// The holiday calendar used per regime.
    pub calendars: BTreeMap<String, String>,
    /// The office's own response target for APPI requests, in days.
    pub appi_target_days: u32,
    /// The office's target for telling a complainant the outcome, in days (the UK's s.164A asks
    /// for it "without undue delay"; elsewhere it is the office's own promise).
    #[serde(default = "thirty")]
    pub complaint_target_days: u32,
    /// EU GDPR: stop the clock from a prompt request for identity or clarification until it arrives.
    #[serde(default = "yes")]
    pub eu_suspension: bool,
    /// CCPA: move calendar-day deadlines that fall on a weekend or holiday to the next working day.
    #[serde(default)]
    pub ccpa_weekend_roll: bool,
    /// Months a closed case keeps its personal data, per regime (CCPA: at least 24, 11 CCR §7101).
    #[serde(default)]
    pub retention_months: BTreeMap<String, u32>,
    pub processing: Processing,
    /// The office's own tasks per right (`erasure`: […]) for new requests; a right not listed gets
    /// the defaults drawn from `processing` (see `task::templates_for`).
    #[serde(default)]
    pub task_templates: BTreeMap<String, Vec<super::task::TaskTemplate>>,
    /// Which letters must be approved before they are sent: none, responses (refusals included),
    /// refusals or all.
    #[serde(default = "no_approval")]
    pub letter_approval: super::vocab::ApprovalPolicy,
    /// The office's target, in hours after becoming aware, for telling people of a breach where
    /// the law says "without undue delay" (GDPR Art. 34, Cal. Civ. Code §1798.82).
    #[serde(default = "seventy_two")]
    pub breach_target_hours: u32,
    /// How many days ahead the window announces a due deadline or task.
    #[serde(default = "three")]
    pub reminder_days: u32,
    /// The address book the database is seeded with; kept in the `parties` table afterwards.
    #[serde(default)]
    pub parties: Vec<Party>,
}

/// What the organisation processes, for access-response letters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Processing {
    pub data_categories: Vec<DataCategory>,
    pub purposes: Vec<String>,
    pub legal_bases: Vec<String>,
    pub recipients: Vec<String>,
    pub retention: String,
    pub transfers: String,
    pub sale_or_sharing: String,
    pub sensitive_information: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DataCategory {
    pub source: String,
    pub items: Vec<String>,
}

fn yes() -> bool {
    true
}

fn thirty() -> u32 {
    30
}

fn seventy_two() -> u32 {
    72
}

fn three() -> u32 {
    3
}

fn no_approval() -> super::vocab::ApprovalPolicy {
    super::vocab::ApprovalPolicy::None
}

impl OrganisationProfile {
    /// Months a closed case of `regime` is kept: the setting, else 24 for CCPA and 36 otherwise.
    pub fn retention_months_for(&self, regime: Regime) -> u32 {
        self.retention_months.get(regime.as_str()).copied().unwrap_or(match regime {
            Regime::Ccpa => 24,
            _ => 36,
        })
    }

    /// The holiday calendar the office uses for `regime`: its setting, else the regime's home calendar
    /// (for the EU, the EU representative's country).
    pub fn calendar_for(&self, regime: Regime) -> CalendarId {
        if let Some(c) = self.calendars.get(regime.as_str()).and_then(|c| c.parse().ok()) {
            return c;
        }
        match regime {
            Regime::Gdpr => self
                .parties
                .iter()
                .find(|p| p.kind == PartyKind::EuRepresentative)
                .and_then(|p| p.country.as_deref())
                .and_then(CalendarId::for_country)
                .unwrap_or(CalendarId::Weekends),
            Regime::UkGdpr => CalendarId::GbEng,
            Regime::Ccpa => CalendarId::Us,
            Regime::Appi => CalendarId::Jp,
        }
    }

    pub fn sample() -> OrganisationProfile {
        Self::from_json(SAMPLE).expect("the bundled sample profile is valid")
    }

    /// Reads and validates a profile written as JSON.
    pub fn from_json(json: &str) -> Result<OrganisationProfile> {
        let profile: OrganisationProfile =
            serde_json::from_str(json).map_err(|e| Error::validation(format!("the profile is not valid: {e}")))?;
        profile.validate()?;
        Ok(profile)
    }

    /// Checks the fields a person fills in on the setup screen.
    pub fn validate(&self) -> Result<()> {
        validate::line("organisation name", &self.name)?;
        validate::optional_email(Some(&self.email))?
            .ok_or_else(|| Error::invalid_field("email", "the office email must not be empty"))?;
        validate::line("signatory", &self.signatory)?;
        crate::model::case::parse_zone(&self.time_zone)?;
        if !["a4", "letter"].contains(&self.paper.as_str()) {
            return Err(Error::invalid_field("paper", "paper must be a4 or letter"));
        }
        if self.address.iter().all(|l| l.trim().is_empty()) {
            return Err(Error::invalid_field("address", "the office address must not be empty"));
        }
        for line in &self.address {
            validate::text("address", line)?;
        }
        for (regime, calendar) in &self.calendars {
            regime.parse::<Regime>().map_err(|e| e.in_field("calendars"))?;
            calendar.parse::<CalendarId>().map_err(|e| e.in_field("calendars"))?;
        }
        for (right, tasks) in &self.task_templates {
            right.parse::<super::vocab::Right>().map_err(|e| e.in_field("task_templates"))?;
            for t in tasks {
                validate::line("task_templates", &t.title)?;
                if t.days_before > super::task::MAX_DAYS_BEFORE {
                    return Err(Error::invalid_field("task_templates", "a task is due at most 250 working days early"));
                }
            }
        }
        for (regime, months) in &self.retention_months {
            let regime: Regime = regime.parse().map_err(|e: Error| e.in_field("retention_months"))?;
            let minimum = if regime == Regime::Ccpa { 24 } else { 1 };
            if !(minimum..=600).contains(months) {
                return Err(Error::invalid_field(
                    "retention_months",
                    format!("the retention period for {regime} must be {minimum} to 600 months"),
                ));
            }
        }
        if !(1..=60).contains(&self.appi_target_days) {
            return Err(Error::invalid_field("appi_target_days", "the APPI target must be 1 to 60 days"));
        }
        if !(1..=720).contains(&self.breach_target_hours) {
            return Err(Error::invalid_field("breach_target_hours", "the breach target must be 1 to 720 hours"));
        }
        if self.reminder_days > 30 {
            return Err(Error::invalid_field("reminder_days", "due dates are announced at most 30 days ahead"));
        }
        if !(1..=365).contains(&self.complaint_target_days) {
            return Err(Error::invalid_field("complaint_target_days", "the complaint target must be 1 to 365 days"));
        }
        Ok(())
    }
}

vocab!(
    /// A holiday calendar: whose public holidays close the office.
    CalendarId, "calendar" {
        Weekends => "weekends",
        GbEng => "gb-eng",
        GbSct => "gb-sct",
        GbNir => "gb-nir",
        Ie => "ie",
        De => "de",
        DeHh => "de-hh",
        Fr => "fr",
        Nl => "nl",
        Us => "us",
        UsCa => "us-ca",
        Jp => "jp",
    }
);

impl CalendarId {
    /// The calendar of a country (ISO 3166 alpha-2), for defaults such as the EU representative's.
    pub fn for_country(code: &str) -> Option<CalendarId> {
        Some(match code {
            "GB" => CalendarId::GbEng,
            "IE" => CalendarId::Ie,
            "DE" => CalendarId::De,
            "FR" => CalendarId::Fr,
            "NL" => CalendarId::Nl,
            "US" => CalendarId::Us,
            "JP" => CalendarId::Jp,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_profile_has_the_representatives_and_dpo() {
        let p = OrganisationProfile::sample();
        for kind in [PartyKind::EuRepresentative, PartyKind::UkRepresentative, PartyKind::Dpo] {
            assert!(p.parties.iter().any(|party| party.kind == kind), "{kind}");
        }
        assert_eq!(p.time_zone, "Asia/Tokyo");
    }

    #[test]
    fn a_bad_zone_is_refused() {
        let mut p = OrganisationProfile::sample();
        p.time_zone = "Mars/Olympus".into();
        assert!(p.validate().unwrap_err().message.contains("unknown time zone"));
    }
}
