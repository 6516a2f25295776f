//! Checking a deadline by hand: the engine alone on the facts as typed, with the sample profile's
//! calendars and settings, no database. `casebook deadline` prints it; the vectors in
//! `tests/data/deadlines.tsv` run through it in-process.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::{validate, Kind, OrganisationProfile, Regime, Right};
use crate::rules::calendar::{CalendarId, WorkingDays};
use crate::rules::{check_extension, compute, Facts, Schedule, Settings, Wait};
use crate::{Error, Result};

/// The facts as typed: dates as `YYYY-MM-DD`, names as the vocabularies spell them.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// request (default) or complaint.
    pub kind: Option<String>,
    pub regime: String,
    /// For CCPA requests: know (default), delete, correct, opt-out or limit.
    pub right: Option<String>,
    pub received: String,
    /// The holiday calendar; the sample profile's for the regime when absent.
    pub calendar: Option<String>,
    pub id_requested: Option<String>,
    pub id_received: Option<String>,
    pub clarification_requested: Option<String>,
    pub clarification_received: Option<String>,
    pub fee_requested: Option<String>,
    pub fee_received: Option<String>,
    /// The day the deadline was extended: checked against the extension rules.
    pub extended: Option<String>,
}

/// The dates the engine gives, with what they were computed from.
#[derive(Debug, Clone)]
pub struct Checked {
    pub regime: Regime,
    pub right: Option<Right>,
    pub received: NaiveDate,
    pub calendar: CalendarId,
    pub schedule: Schedule,
}

/// Computes the deadlines of `q` as they stand on `today` (an unanswered request for information
/// runs until then).
pub fn check(q: &Query, today: NaiveDate) -> Result<Checked> {
    let kind: Kind = q.kind.as_deref().unwrap_or("request").parse()?;
    let regime: Regime = q.regime.parse()?;
    let right: Option<Right> = match q.right.as_deref() {
        Some(r) => Some(r.parse()?),
        None if regime == Regime::Ccpa && kind == Kind::Request => Some(Right::Know),
        None => None,
    };
    if let Some(r) = right.filter(|r| !regime.rights().contains(r)) {
        return Err(Error::validation(format!("right '{r}' does not exist under {regime}")));
    }
    let profile = OrganisationProfile::sample();
    let calendar: CalendarId = match &q.calendar {
        Some(c) => c.parse()?,
        None => profile.calendar_for(regime),
    };
    let date = |field: &str, v: &Option<String>| v.as_deref().map(|d| validate::date(field, d)).transpose();
    let received = validate::date("received", &q.received)?;
    let wait = |asked: Option<NaiveDate>, answered: Option<NaiveDate>, what: &str| -> Result<Vec<Wait>> {
        match (asked, answered) {
            (None, None) => Ok(Vec::new()),
            (Some(asked), answered) => Ok(vec![Wait { asked, answered }]),
            (None, Some(_)) => Err(Error::validation(format!("{what} was received but never requested"))),
        }
    };
    let facts = Facts {
        kind,
        regime,
        right,
        received,
        identity: wait(date("id-requested", &q.id_requested)?, date("id-received", &q.id_received)?, "identity")?,
        clarification: wait(
            date("clarification-requested", &q.clarification_requested)?,
            date("clarification-received", &q.clarification_received)?,
            "clarification",
        )?,
        fee: wait(date("fee-requested", &q.fee_requested)?, date("fee-received", &q.fee_received)?, "fee")?,
        extended_on: None,
    };
    let closures = BTreeSet::new();
    let settings = Settings {
        days: WorkingDays::new(calendar, &closures),
        eu_suspension: profile.eu_suspension,
        ccpa_roll: profile.ccpa_weekend_roll,
        appi_target_days: profile.appi_target_days,
        complaint_target_days: profile.complaint_target_days,
    };
    if let Some(on) = date("extended", &q.extended)? {
        check_extension(&facts, &settings, on, today)?;
    }
    let schedule = compute(&facts, &settings, today)?;
    Ok(Checked { regime, right, received, calendar, schedule })
}

impl Checked {
    /// Each date by its name in `casebook deadline --json`, in order; absent where the regime has none.
    pub fn named(&self) -> [(&'static str, Option<&crate::rules::Deadline>); 5] {
        let s = &self.schedule;
        [
            ("acknowledge_by", s.acknowledge_by.as_ref()),
            ("respond_by", Some(&s.respond_by)),
            ("extension_notice_by", s.extension_notice_by.as_ref()),
            ("extended_respond_by", s.extended_respond_by.as_ref()),
            ("risk_from", s.risk_from.as_ref()),
        ]
    }
}
