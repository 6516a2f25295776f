//! `casebook deadline`: the deadline engine on its own, for checking a date by hand.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::json;

use super::args::DeadlineArgs;
use super::output;
use casebook::model::{validate, Kind, OrganisationProfile, Regime, Right};
use casebook::rules::calendar::{CalendarId, WorkingDays};
use casebook::rules::{check_extension, compute, Deadline, Facts, Settings, Wait};
use casebook::{Error, Result};

pub fn run(a: DeadlineArgs) -> Result<()> {
    let kind: Kind = a.kind.parse()?;
    let regime: Regime = a.regime.parse()?;
    let right: Option<Right> = match a.right.as_deref() {
        Some(r) => Some(r.parse()?),
        None if regime == Regime::Ccpa && kind == Kind::Request => Some(Right::Know),
        None => None,
    };
    if let Some(r) = right.filter(|r| !regime.rights().contains(r)) {
        return Err(Error::validation(format!("right '{r}' does not exist under {regime}")));
    }
    let profile = OrganisationProfile::sample();
    let calendar: CalendarId = match &a.calendar {
        Some(c) => c.parse()?,
        None => profile.calendar_for(regime),
    };
    let date = |field: &str, v: &Option<String>| v.as_deref().map(|d| validate::date(field, d)).transpose();
    let received = validate::date("received", &a.received)?;
    let today = date("today", &a.today)?.unwrap_or_else(|| chrono::Local::now().date_naive());
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
        identity: wait(date("id-requested", &a.id_requested)?, date("id-received", &a.id_received)?, "identity")?,
        clarification: wait(
            date("clarification-requested", &a.clarification_requested)?,
            date("clarification-received", &a.clarification_received)?,
            "clarification",
        )?,
        fee: wait(date("fee-requested", &a.fee_requested)?, date("fee-received", &a.fee_received)?, "fee")?,
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
    if let Some(on) = date("extended", &a.extended)? {
        check_extension(&facts, &settings, on, today)?;
    }
    let s = compute(&facts, &settings, today)?;
    let named = [
        ("acknowledge_by", s.acknowledge_by.as_ref()),
        ("respond_by", Some(&s.respond_by)),
        ("extension_notice_by", s.extension_notice_by.as_ref()),
        ("extended_respond_by", s.extended_respond_by.as_ref()),
        ("risk_from", s.risk_from.as_ref()),
    ];
    let date_of = |d: Option<&Deadline>| d.map(|d| d.date);
    if a.json {
        let basis: Vec<String> =
            named.iter().filter_map(|(n, d)| d.map(|d| format!("{n}: {}", d.basis_text()))).collect();
        output::print_json(&json!({
            "regime": regime, "right": right, "received": received, "calendar": calendar,
            "acknowledge_by": date_of(named[0].1), "respond_by": s.respond_by.date,
            "extension_notice_by": date_of(named[2].1), "extended_respond_by": date_of(named[3].1),
            "risk_from": date_of(named[4].1), "waiting_since": s.waiting_since, "basis": basis,
        }));
    } else {
        outln!(
            "{regime}{} received {received}, {calendar} calendar",
            right.map(|r| format!(" ({r})")).unwrap_or_default()
        );
        for (name, d) in named {
            if let Some(d) = d {
                outln!("  {name:<20} {}  {}", d.date, d.basis_text());
            }
        }
    }
    Ok(())
}
