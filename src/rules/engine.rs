//! Computing a case's deadlines from its facts, with the basis of every date.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::calendar::{CalendarId, DayOff, WorkingDays};
use super::dates::{add_months, human};
use super::regimes::{rule_for, Pause, Period, Roll, Rule, Start, Term};
use crate::error::{Error, Result};
use crate::model::{Regime, Right};

/// UK GDPR Art. 12A (Data (Use and Access) Act 2025) applies to requests received from this day.
pub const UK_ART_12A_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2026, 2, 5) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A wait for information from the person: asked on one day, answered on another (or not yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub asked: NaiveDate,
    pub answered: Option<NaiveDate>,
}

/// What the rules need to know about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub regime: Regime,
    pub right: Option<Right>,
    /// The local receipt date.
    pub received: NaiveDate,
    pub identity: Vec<Wait>,
    pub clarification: Vec<Wait>,
    /// When the office extended the deadline, if it did.
    pub extended_on: Option<NaiveDate>,
}

/// The office's settings that shape the dates.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    pub days: WorkingDays<'a>,
    /// EU GDPR: stop the clock while identity or clarification is awaited.
    pub eu_suspension: bool,
    /// CCPA: move calendar-day deadlines off weekends and holidays.
    pub ccpa_roll: bool,
    pub appi_target_days: u32,
}

/// Why a date is what it is, one adjustment at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The rule and the day the period runs from.
    From { rule: &'static str, start: NaiveDate, start_note: Option<&'static str> },
    /// The target day did not exist in the month.
    Clamped { missing: u32, to: NaiveDate },
    /// Days added because the clock stood still.
    Paused { days: u32, why: &'static str },
    /// The clock is still stopped; the pause is counted up to `counted_to` and grows while it lasts.
    Waiting { since: NaiveDate, what: &'static str, counted_to: NaiveDate },
    /// The date fell on days off and moved.
    Rolled { from: NaiveDate, to: NaiveDate, days_off: Vec<(NaiveDate, DayOff)> },
    /// The office's own target, with its number of days.
    Target { days: u32 },
    /// Counted in working days of a calendar.
    WorkingDays { n: u32, calendar: CalendarId },
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::From { rule, start, start_note: None } => write!(f, "{rule} (from {})", human(*start)),
            Step::From { rule, start, start_note: Some(note) } => write!(f, "{rule} ({note} {})", human(*start)),
            Step::Clamped { missing, to } => {
                write!(f, "no day {missing} in {}, so the month's last day, {}", to.format("%B"), human(*to))
            }
            Step::Paused { days, why } => {
                write!(f, "plus {days} day{} paused {why}", if *days == 1 { "" } else { "s" })
            }
            Step::Waiting { since, what, counted_to } => write!(
                f,
                "clock stopped since {} awaiting {what}, counted up to {}; the date moves later while it stays stopped",
                human(*since),
                human(*counted_to)
            ),
            Step::Rolled { to, days_off, .. } => {
                let reasons: Vec<String> = days_off.iter().map(|(d, off)| format!("{} is {off}", human(*d))).collect();
                write!(f, "{}, so the next working day, {}", reasons.join(", "), human(*to))
            }
            Step::Target { days } => write!(f, "the office's target is {days} days"),
            Step::WorkingDays { n, calendar } => {
                write!(f, "{n} working days on the {calendar} calendar")
            }
        }
    }
}

/// One computed date with its basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub date: NaiveDate,
    pub basis: Vec<Step>,
}

impl Deadline {
    /// The basis as one readable sentence.
    pub fn basis_text(&self) -> String {
        let parts: Vec<String> = self.basis.iter().map(ToString::to_string).collect();
        format!("{} → {}", parts.join("; "), human(self.date))
    }
}

/// Every date of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub acknowledge_by: Option<Deadline>,
    pub respond_by: Deadline,
    pub extension_notice_by: Option<Deadline>,
    pub extended_respond_by: Option<Deadline>,
    /// APPI Art. 39: from this day the person may sue.
    pub risk_from: Option<Deadline>,
    /// Set while the clock is stopped, awaiting information.
    pub waiting_since: Option<NaiveDate>,
}

impl Schedule {
    /// The date by which the office must respond now: the extended date once extended.
    pub fn current_response(&self, extended: bool) -> &Deadline {
        match (&self.extended_respond_by, extended) {
            (Some(d), true) => d,
            _ => &self.respond_by,
        }
    }
}

/// Computes every deadline of a case. `today` is used only to run a pause that has not ended.
pub fn compute(facts: &Facts, settings: &Settings<'_>, today: NaiveDate) -> Result<Schedule> {
    check_order(facts, today)?;
    let rule = rule_for(facts.regime, facts.right);
    let (start, start_note) = start_of(rule, facts, today);
    let (pause, pause_why) = paused_days(rule, facts, settings, today);
    let waiting_since = waiting_since(rule, facts, settings);
    let roll = match rule.roll {
        Roll::OnlyIfSet if settings.ccpa_roll => Roll::NextWorkingDay,
        r => r,
    };
    let mut extra = Vec::new();
    if let Some((since, what)) = waiting_since {
        extra.push(Step::Waiting { since, what, counted_to: today });
    }
    let term = |t: &Term, paused: u32| -> Result<Deadline> {
        let mut d = period_end(roll, t, start, start_note, paused, pause_why, settings)?;
        d.basis.extend(extra.iter().cloned());
        Ok(d)
    };
    let respond_by = term(&rule.respond, pause)?;
    let extension_notice_by = rule.extension_notice.map(|citation| Deadline {
        date: respond_by.date,
        basis: vec![Step::From { rule: citation, start: facts.received, start_note: Some("received") }],
    });
    Ok(Schedule {
        acknowledge_by: rule.acknowledge.as_ref().map(|t| term(t, 0)).transpose()?,
        extended_respond_by: rule.extended.as_ref().map(|t| term(t, pause)).transpose()?,
        risk_from: rule
            .risk
            .as_ref()
            .map(|t| period_end(Roll::CivilCode, t, facts.received, Some("received"), 0, "", settings))
            .transpose()?,
        respond_by,
        extension_notice_by,
        waiting_since: waiting_since.map(|(d, _)| d),
    })
}

/// Refuses an extension the regime does not allow, a second one, or one announced too late.
pub fn check_extension(facts: &Facts, settings: &Settings<'_>, on: NaiveDate, today: NaiveDate) -> Result<()> {
    let rule = rule_for(facts.regime, facts.right);
    if rule.extended.is_none() {
        let what = facts.right.map_or_else(|| facts.regime.to_string(), |r| format!("{} {r}", facts.regime));
        return Err(Error::transition(format!("{what} requests cannot be extended")));
    }
    if let Some(earlier) = facts.extended_on {
        return Err(Error::transition(format!(
            "the deadline was already extended on {earlier}; only one extension is allowed"
        )));
    }
    let schedule = compute(facts, settings, today)?;
    if let Some(notice) = schedule.extension_notice_by.filter(|n| on > n.date) {
        return Err(Error::transition(format!(
            "too late to extend: the extension had to be announced by {}",
            notice.date
        )));
    }
    Ok(())
}

fn check_order(facts: &Facts, today: NaiveDate) -> Result<()> {
    let label = |identity: bool| {
        if identity {
            "identity"
        } else {
            "clarification"
        }
    };
    for (identity, waits) in [(true, &facts.identity), (false, &facts.clarification)] {
        for w in waits {
            if w.asked < facts.received {
                return Err(Error::validation(format!(
                    "{} was requested ({}) before the request was received ({})",
                    label(identity),
                    w.asked,
                    facts.received
                )));
            }
            if let Some(answered) = w.answered {
                if answered < w.asked {
                    return Err(Error::validation(format!(
                        "{} was received ({answered}) before it was requested ({})",
                        label(identity),
                        w.asked
                    )));
                }
            }
            if w.answered.unwrap_or(w.asked) > today {
                return Err(Error::validation(format!("{} dates must not be in the future", label(identity))));
            }
        }
    }
    Ok(())
}

fn start_of(rule: &Rule, facts: &Facts, today: NaiveDate) -> (NaiveDate, Option<&'static str>) {
    match rule.start {
        Start::Receipt => (facts.received, Some("received")),
        Start::RelevantTime => {
            let identity = facts.identity.iter().map(|w| w.answered.unwrap_or(today)).max();
            match identity {
                Some(d) if d > facts.received => (d, Some("identity information received")),
                _ => (facts.received, Some("received")),
            }
        }
    }
}

/// Whole days the clock stood still, counting the day asked and the day answered.
fn paused_days(rule: &Rule, facts: &Facts, settings: &Settings<'_>, today: NaiveDate) -> (u32, &'static str) {
    let days = |waits: &[Wait]| -> u32 {
        waits.iter().map(|w| ((w.answered.unwrap_or(today) - w.asked).num_days() + 1) as u32).sum()
    };
    match rule.pause {
        Pause::Suspension if settings.eu_suspension => {
            (days(&facts.identity) + days(&facts.clarification), "awaiting identity or clarification (EDPB suspension)")
        }
        Pause::UkClarification if facts.received >= UK_ART_12A_FROM => {
            (days(&facts.clarification), "awaiting clarification (UK GDPR Art. 12A)")
        }
        _ => (0, ""),
    }
}

fn waiting_since(rule: &Rule, facts: &Facts, settings: &Settings<'_>) -> Option<(NaiveDate, &'static str)> {
    let open = |waits: &[Wait]| waits.iter().filter(|w| w.answered.is_none()).map(|w| w.asked).min();
    let counts_identity = match rule.pause {
        Pause::Suspension => settings.eu_suspension,
        Pause::UkClarification => true,
        Pause::None => false,
    };
    let counts_clarification = match rule.pause {
        Pause::Suspension => settings.eu_suspension,
        Pause::UkClarification => facts.received >= UK_ART_12A_FROM,
        Pause::None => false,
    };
    let identity = open(&facts.identity).filter(|_| counts_identity).map(|d| (d, "identity information"));
    let clarification = open(&facts.clarification).filter(|_| counts_clarification).map(|d| (d, "clarification"));
    match (identity, clarification) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn period_end(
    roll: Roll,
    term: &Term,
    start: NaiveDate,
    start_note: Option<&'static str>,
    paused: u32,
    pause_why: &'static str,
    settings: &Settings<'_>,
) -> Result<Deadline> {
    let mut basis = vec![Step::From { rule: term.basis, start, start_note }];
    let mut date = match term.period {
        Period::Months(n) => {
            let (d, missing) = add_months(start, n);
            if let Some(missing) = missing {
                basis.push(Step::Clamped { missing, to: d });
            }
            d
        }
        Period::Days(n) => start + Days::new(n.into()),
        Period::OfficeTarget => {
            basis.push(Step::Target { days: settings.appi_target_days });
            start + Days::new(settings.appi_target_days.into())
        }
        Period::WorkingDays(n) => {
            basis.push(Step::WorkingDays { n, calendar: settings.days.calendar });
            return Ok(Deadline { date: settings.days.add_working_days(start, n)?, basis });
        }
    };
    if paused > 0 {
        date = date + Days::new(paused.into());
        basis.push(Step::Paused { days: paused, why: pause_why });
    }
    let (rolled, days_off) = match roll {
        Roll::OnlyIfSet => (date, Vec::new()),
        Roll::NextWorkingDay => settings.days.roll_forward(date)?,
        Roll::CivilCode => civil_code_roll(date, settings.days.calendar)?,
    };
    if rolled != date {
        basis.push(Step::Rolled { from: date, to: rolled, days_off });
    }
    Ok(Deadline { date: rolled, basis })
}

/// Japan's Civil Code Art. 142: a period ending on a Sunday or a national holiday ends the next day.
fn civil_code_roll(date: NaiveDate, calendar: CalendarId) -> Result<(NaiveDate, Vec<(NaiveDate, DayOff)>)> {
    let mut d = date;
    let mut off = Vec::new();
    loop {
        if d.weekday() == Weekday::Sun {
            off.push((d, DayOff::Weekend(Weekday::Sun)));
        } else if let Some(h) = calendar.holiday(d)? {
            off.push((d, DayOff::Holiday(h)));
        } else {
            return Ok((d, off));
        }
        d = d + Days::new(1);
    }
}
