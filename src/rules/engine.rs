//! Computing a case's deadlines from its facts, with the basis of every date.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::calendar::{CalendarId, DayOff, WorkingDays};
use super::dates::{add_months, human};
use super::pauses::{count_pauses, Interval, PauseCount};
use super::regimes::{complaint_rule, rule_for, Pause, Period, Roll, Rule, Term};
use crate::error::{Error, Result};
use crate::model::{Kind, Regime, Right};

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("valid date"),
    }
}

/// UK GDPR Art. 12A (Data (Use and Access) Act 2025) applies to requests received from this day.
pub const UK_ART_12A_FROM: NaiveDate = date(2026, 2, 5);

/// DPA 2018 s.164A (complaints to the controller) applies to complaints received from this day.
pub const UK_COMPLAINTS_FROM: NaiveDate = date(2026, 6, 19);

/// A wait for something from the person (identity, clarification, a fee): asked on one day,
/// answered on another (or not yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub asked: NaiveDate,
    pub answered: Option<NaiveDate>,
}

/// What the rules need to know about a case, for one right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// A request or a complaint (correspondence has no clock).
    pub kind: Kind,
    pub regime: Regime,
    pub right: Option<Right>,
    /// The local receipt date.
    pub received: NaiveDate,
    pub identity: Vec<Wait>,
    pub clarification: Vec<Wait>,
    pub fee: Vec<Wait>,
    /// When the office extended the deadline, if it did.
    pub extended_on: Option<NaiveDate>,
}

impl Facts {
    /// A request with nothing yet recorded on it.
    pub fn request(regime: Regime, right: Option<Right>, received: NaiveDate) -> Facts {
        Facts {
            kind: Kind::Request,
            regime,
            right,
            received,
            identity: Vec::new(),
            clarification: Vec::new(),
            fee: Vec::new(),
            extended_on: None,
        }
    }
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
    /// The office's target, in days, for telling a complainant the outcome.
    pub complaint_target_days: u32,
}

/// Why a request for information moved nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpaused {
    /// Asked after the period had already run out.
    AfterExpiry { end: NaiveDate },
    /// UK: clarification asked for a request received before Art. 12A applied.
    BeforeArt12A,
    /// EU: the office does not suspend the clock (setting `eu_suspension`).
    SuspensionOff,
}

/// Why a date is what it is, one adjustment at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The rule and the day the period runs from.
    From { rule: &'static str, start: NaiveDate, start_note: Option<&'static str> },
    /// UK: identity or a fee is still awaited, so the relevant time has not come; counted as if today.
    NotStarted { awaited: &'static str },
    /// The target day did not exist in the month.
    Clamped { missing: u32, to: NaiveDate },
    /// Days added because the clock stood still, over these (inclusive) ranges.
    Paused { days: u32, why: &'static str, ranges: Vec<(NaiveDate, NaiveDate)> },
    /// UK: days awaiting clarification before the relevant time, which were never part of the month.
    BeforeRelevantTime { days: u32 },
    /// A request for information that moved nothing, and why.
    NotPaused { what: &'static str, asked: NaiveDate, why: Unpaused },
    /// The clock is still stopped; the pause is counted up to `counted_to` and grows while it lasts.
    Waiting { since: NaiveDate, what: &'static str, counted_to: NaiveDate },
    /// The date fell on days off and moved.
    Rolled { from: NaiveDate, to: NaiveDate, days_off: Vec<(NaiveDate, DayOff)> },
    /// The office's own target, with its number of days.
    Target { days: u32 },
    /// Counted in working days of a calendar.
    WorkingDays { n: u32, calendar: CalendarId },
    /// A period "beginning" on the day of receipt: that day is day 1.
    DayOne { days: u32 },
    /// The date is the response date: an extension must be announced by then.
    Notice { rule: &'static str },
    /// APPI Art. 39: the last day of the waiting period; the person may sue from the next day.
    MaySueFrom { day: NaiveDate },
}

fn ranges_text(ranges: &[(NaiveDate, NaiveDate)]) -> String {
    let one = |(a, b): &(NaiveDate, NaiveDate)| {
        if a == b {
            human(*a)
        } else {
            format!("{} to {}", human(*a), human(*b))
        }
    };
    ranges.iter().map(one).collect::<Vec<_>>().join(", ")
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: u32| if n == 1 { "" } else { "s" };
        match self {
            Step::From { rule, start, start_note: None } => write!(f, "{rule} (from {})", human(*start)),
            Step::From { rule, start, start_note: Some(note) } => write!(f, "{rule} ({note} {})", human(*start)),
            Step::NotStarted { awaited } => {
                write!(f, "{awaited} still awaited: the relevant time comes when it arrives")
            }
            Step::Clamped { missing, to } => {
                write!(f, "no day {missing} in {}, so the month's last day, {}", to.format("%B"), human(*to))
            }
            Step::Paused { days, why, ranges } => {
                write!(f, "plus {days} day{} paused {why} ({})", plural(*days), ranges_text(ranges))
            }
            Step::BeforeRelevantTime { days } => write!(
                f,
                "{days} day{} awaiting clarification before the relevant time not counted (the month had not begun)",
                plural(*days)
            ),
            Step::NotPaused { what, asked, why: Unpaused::AfterExpiry { end } } => write!(
                f,
                "{what} asked on {} after the period had run out on {}: it moves nothing",
                human(*asked),
                human(*end)
            ),
            Step::NotPaused { what, asked, why: Unpaused::BeforeArt12A } => write!(
                f,
                "{what} asked on {} does not pause the clock: UK GDPR Art. 12A applies to requests received from {}",
                human(*asked),
                human(UK_ART_12A_FROM)
            ),
            Step::NotPaused { what, asked, why: Unpaused::SuspensionOff } => write!(
                f,
                "{what} asked on {} does not stop the clock: the office does not suspend it (setting eu_suspension)",
                human(*asked)
            ),
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
            Step::DayOne { days } => write!(f, "the day of receipt is day 1 of the {days}"),
            Step::Notice { rule } => write!(f, "{rule}, that is by the response date"),
            Step::MaySueFrom { day } => write!(f, "the person may sue from {}", human(*day)),
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
    /// APPI Art. 39: the last day of the two weeks; the person may sue from the day after.
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

/// Computes every deadline of a request or complaint. `today` is used only to run a wait that has not ended.
pub fn compute(facts: &Facts, settings: &Settings<'_>, today: NaiveDate) -> Result<Schedule> {
    check_facts(facts, today)?;
    match facts.kind {
        Kind::Request => compute_request(facts, settings, today),
        Kind::Complaint => compute_complaint(facts, settings),
        Kind::Correspondence => Err(Error::validation("correspondence has no deadlines")),
    }
}

fn compute_request(facts: &Facts, settings: &Settings<'_>, today: NaiveDate) -> Result<Schedule> {
    let rule = rule_for(facts.regime, facts.right);
    check_law_applies(facts)?;
    let roll = match rule.roll {
        Roll::OnlyIfSet if settings.ccpa_roll => Roll::NextWorkingDay,
        r => r,
    };
    let clock = run_clock(rule, facts, settings, today);
    let term = |t: &Term, pause: Option<&PauseCount>| -> Result<Deadline> {
        let mut d = period_end(roll, t, &clock.from, pause, settings)?;
        d.basis.splice(1..1, clock.notes.iter().cloned());
        if let Some((since, what)) = clock.waiting {
            d.basis.push(Step::Waiting { since, what, counted_to: today });
        }
        Ok(d)
    };
    let respond_by = term(&rule.respond, Some(&clock.pause))?;
    let extension_notice_by = rule.extension_notice.map(|citation| {
        let mut basis = vec![Step::Notice { rule: citation }];
        basis.extend(respond_by.basis.iter().cloned());
        Deadline { date: respond_by.date, basis }
    });
    let risk_from = match &rule.risk {
        Some(t) => {
            let mut d = period_end(Roll::CivilCode, t, &From::received(facts.received), None, settings)?;
            d.basis.push(Step::MaySueFrom { day: d.date + Days::new(1) });
            Some(d)
        }
        None => None,
    };
    Ok(Schedule {
        acknowledge_by: rule
            .acknowledge
            .as_ref()
            .map(|t| period_end(roll, t, &From::received(facts.received), None, settings))
            .transpose()?,
        extended_respond_by: rule.extended.as_ref().map(|t| term(t, Some(&clock.pause))).transpose()?,
        risk_from,
        respond_by,
        extension_notice_by,
        waiting_since: clock.waiting.map(|(d, _)| d),
    })
}

/// A complaint: the UK's statutory acknowledgement (DPA 2018 s.164A) and the office's target for the outcome.
fn compute_complaint(facts: &Facts, settings: &Settings<'_>) -> Result<Schedule> {
    let rule = complaint_rule(facts.regime);
    let acknowledge_by = match rule.acknowledge {
        Some(Term { period: Period::DaysBeginning(n), basis }) if facts.received >= UK_COMPLAINTS_FROM => {
            Some(Deadline {
                date: facts.received + Days::new(u64::from(n) - 1),
                basis: vec![
                    Step::From { rule: basis, start: facts.received, start_note: Some("received") },
                    Step::DayOne { days: n },
                ],
            })
        }
        _ => None,
    };
    let respond_by = period_end(Roll::NextWorkingDay, &rule.respond, &From::received(facts.received), None, settings)?;
    Ok(Schedule {
        acknowledge_by,
        respond_by,
        extension_notice_by: None,
        extended_respond_by: None,
        risk_from: None,
        waiting_since: None,
    })
}

/// Refuses an extension the regime does not allow, a second one, one that cannot have happened,
/// or one announced too late.
pub fn check_extension(facts: &Facts, settings: &Settings<'_>, on: NaiveDate, today: NaiveDate) -> Result<()> {
    let rule = rule_for(facts.regime, facts.right);
    if facts.kind != Kind::Request || rule.extended.is_none() {
        let what = facts.right.map_or_else(|| facts.regime.to_string(), |r| format!("{} {r}", facts.regime));
        return Err(Error::transition(format!("{what} requests cannot be extended")));
    }
    if let Some(earlier) = facts.extended_on {
        return Err(Error::transition(format!(
            "the deadline was already extended on {earlier}; only one extension is allowed"
        )));
    }
    if on < facts.received {
        return Err(Error::invalid_field(
            "extended",
            format!("the extension ({on}) cannot be dated before the request was received ({})", facts.received),
        ));
    }
    if on > today {
        return Err(Error::invalid_field("extended", "an extension must not be dated in the future"));
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

/// The first day each regime (and right) applied; a receipt before it has no statutory clock.
fn law_applies_from(regime: Regime, right: Option<Right>) -> (NaiveDate, &'static str) {
    match (regime, right) {
        (Regime::Gdpr | Regime::UkGdpr, _) => (date(2018, 5, 25), "the GDPR applies from 25 May 2018"),
        (Regime::Ccpa, Some(Right::Correct | Right::Limit)) => {
            (date(2023, 1, 1), "the CPRA's rights to correct and to limit apply from 1 Jan 2023")
        }
        (Regime::Ccpa, _) => (date(2020, 1, 1), "the CCPA applies from 1 Jan 2020"),
        (Regime::Appi, _) => (date(2005, 4, 1), "the APPI applies from 1 Apr 2005"),
    }
}

fn check_law_applies(facts: &Facts) -> Result<()> {
    let (from, why) = law_applies_from(facts.regime, facts.right);
    if facts.received < from {
        return Err(Error::invalid_field(
            "received",
            format!("received {} is before the law applied: {why}", facts.received),
        ));
    }
    Ok(())
}

/// Refuses facts that cannot have happened, naming the field.
fn check_facts(facts: &Facts, today: NaiveDate) -> Result<()> {
    let waits = [("identity", &facts.identity), ("clarification", &facts.clarification), ("fee", &facts.fee)];
    for (what, waits) in waits {
        for w in waits {
            if w.asked < facts.received {
                return Err(Error::invalid_field(
                    what,
                    format!("{what} was requested ({}) before the request was received ({})", w.asked, facts.received),
                ));
            }
            if let Some(answered) = w.answered {
                if answered < w.asked {
                    return Err(Error::invalid_field(
                        what,
                        format!("{what} was received ({answered}) before it was requested ({})", w.asked),
                    ));
                }
            }
            if w.answered.unwrap_or(w.asked) > today {
                return Err(Error::invalid_field(what, format!("{what} dates must not be in the future")));
            }
        }
    }
    if let Some(on) = facts.extended_on {
        if on < facts.received || on > today {
            return Err(Error::invalid_field(
                "extended",
                format!("the extension ({on}) must lie between receipt ({}) and today", facts.received),
            ));
        }
    }
    Ok(())
}

/// Where a period runs from, and how the basis says so.
#[derive(Debug, Clone)]
struct From {
    start: NaiveDate,
    note: Option<&'static str>,
}

impl From {
    fn received(d: NaiveDate) -> From {
        From { start: d, note: Some("received") }
    }
}

/// The running of a request's clock: its start, the days it stood still, and what is awaited now.
struct Clock {
    from: From,
    pause: PauseCount,
    /// Steps about the start and the waits, placed after the rule in every date's basis.
    notes: Vec<Step>,
    waiting: Option<(NaiveDate, &'static str)>,
}

fn run_clock(rule: &Rule, facts: &Facts, settings: &Settings<'_>, today: NaiveDate) -> Clock {
    let month_end = |start: NaiveDate| add_months(start, 1).0;
    let intervals = |waits: &[Wait]| -> Vec<Interval> {
        waits.iter().map(|w| Interval { asked: w.asked, last: w.answered.unwrap_or(today) }).collect()
    };
    let mut notes = Vec::new();
    let mut waiting = None;
    let mut from = From::received(facts.received);
    let pause = match rule.pause {
        Pause::Suspension => {
            let mut all = intervals(&facts.identity);
            all.extend(intervals(&facts.clarification));
            if settings.eu_suspension {
                let why = "awaiting identity or clarification (EDPB suspension)";
                let pause = count_pauses(facts.received, month_end(facts.received), &all, why);
                notes.extend(ignored(&pause, "identity or clarification"));
                waiting = open_wait(&facts.identity, &facts.clarification, &pause);
                pause
            } else {
                for w in facts.identity.iter().chain(&facts.clarification) {
                    notes.push(Step::NotPaused { what: "information", asked: w.asked, why: Unpaused::SuspensionOff });
                }
                PauseCount::default()
            }
        }
        Pause::UkClarification => {
            let clarification = intervals(&facts.clarification);
            let counts_clarification = facts.received >= UK_ART_12A_FROM;
            if !counts_clarification {
                for w in &facts.clarification {
                    notes.push(Step::NotPaused { what: "clarification", asked: w.asked, why: Unpaused::BeforeArt12A });
                }
            }
            let pause_from = |start: NaiveDate| {
                if counts_clarification {
                    count_pauses(start, month_end(start), &clarification, "awaiting clarification (UK GDPR Art. 12A)")
                } else {
                    PauseCount::default()
                }
            };
            // The relevant time: the latest of receipt, identity received and fee paid, taking each
            // request for them in the order asked; one asked after the period ran out moves nothing.
            let mut asks: Vec<(&Wait, &'static str)> = facts.identity.iter().map(|w| (w, "identity")).collect();
            asks.extend(facts.fee.iter().map(|w| (w, "fee")));
            asks.sort_by_key(|(w, _)| w.asked);
            let mut awaited = None;
            for (w, what) in asks {
                let end = month_end(from.start) + Days::new(pause_from(from.start).days.into());
                if w.asked > end {
                    notes.push(Step::NotPaused {
                        what: if what == "fee" { "the fee" } else { "identity information" },
                        asked: w.asked,
                        why: Unpaused::AfterExpiry { end },
                    });
                    continue;
                }
                match w.answered {
                    None => awaited = awaited.or(Some((w.asked, what))),
                    Some(d) if d > from.start => {
                        from = From {
                            start: d,
                            note: Some(if what == "fee" { "fee received" } else { "identity information received" }),
                        }
                    }
                    Some(_) => {}
                }
            }
            if let Some((since, what)) = awaited {
                let what = if what == "fee" { "the fee" } else { "identity information" };
                from = From { start: today.max(from.start), note: Some("not begun yet; counted as if from today,") };
                notes.push(Step::NotStarted { awaited: what });
                waiting = Some((since, what));
            }
            let pause = pause_from(from.start);
            if pause.before_start > 0 {
                notes.push(Step::BeforeRelevantTime { days: pause.before_start });
            }
            notes.extend(ignored(&pause, "clarification"));
            if waiting.is_none() {
                waiting = open_wait(&[], &facts.clarification, &pause);
            }
            pause
        }
        Pause::None => PauseCount::default(),
    };
    Clock { from, pause, notes, waiting }
}

/// The steps for waits that began after the period had run out.
fn ignored(pause: &PauseCount, what: &'static str) -> Vec<Step> {
    pause
        .after_expiry
        .iter()
        .map(|(asked, end)| Step::NotPaused { what, asked: *asked, why: Unpaused::AfterExpiry { end: *end } })
        .collect()
}

/// The earliest wait still open whose days count, with what it awaits.
fn open_wait(identity: &[Wait], clarification: &[Wait], pause: &PauseCount) -> Option<(NaiveDate, &'static str)> {
    let counted = |d: NaiveDate| pause.ranges.iter().any(|(a, b)| *a <= d && d <= *b);
    let open = |waits: &[Wait], what: &'static str| {
        waits.iter().filter(|w| w.answered.is_none() && counted(w.asked)).map(move |w| (w.asked, what)).min()
    };
    match (open(identity, "identity information"), open(clarification, "clarification")) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn period_end(
    roll: Roll,
    term: &Term,
    from: &From,
    pause: Option<&PauseCount>,
    settings: &Settings<'_>,
) -> Result<Deadline> {
    let start = from.start;
    let mut basis = vec![Step::From { rule: term.basis, start, start_note: from.note }];
    let mut date = match term.period {
        Period::Months(n) => {
            let (d, missing) = add_months(start, n);
            if let Some(missing) = missing {
                basis.push(Step::Clamped { missing, to: d });
            }
            d
        }
        Period::Days(n) => start + Days::new(n.into()),
        Period::DaysBeginning(n) => start + Days::new(u64::from(n) - 1),
        Period::OfficeTarget => {
            basis.push(Step::Target { days: settings.appi_target_days });
            start + Days::new(settings.appi_target_days.into())
        }
        Period::ComplaintTarget => {
            basis.push(Step::Target { days: settings.complaint_target_days });
            start + Days::new(settings.complaint_target_days.into())
        }
        Period::WorkingDays(n) => {
            basis.push(Step::WorkingDays { n, calendar: settings.days.calendar });
            return Ok(Deadline { date: settings.days.add_working_days(start, n)?, basis });
        }
    };
    if let Some(p) = pause.filter(|p| p.days > 0) {
        date = date + Days::new(p.days.into());
        basis.push(Step::Paused { days: p.days, why: p.why, ranges: p.ranges.clone() });
    }
    let (rolled, days_off) = match roll {
        Roll::OnlyIfSet => {
            settings.days.day_off(date)?; // a date the calendar does not know is refused, not guessed
            (date, Vec::new())
        }
        Roll::NextWorkingDay => settings.days.roll_forward(date)?,
        Roll::CivilCode => civil_code_roll(date)?,
    };
    if rolled != date {
        basis.push(Step::Rolled { from: date, to: rolled, days_off });
    }
    Ok(Deadline { date: rolled, basis })
}

/// Japan's Civil Code Art. 142: a period ending on a Sunday or a national holiday ends the next
/// day. Always Japan's holidays, whatever the office's calendar; Saturdays count.
fn civil_code_roll(date: NaiveDate) -> Result<(NaiveDate, Vec<(NaiveDate, DayOff)>)> {
    let mut d = date;
    let mut off = Vec::new();
    loop {
        if d.weekday() == Weekday::Sun {
            off.push((d, DayOff::Weekend(Weekday::Sun)));
        } else if let Some(h) = CalendarId::Jp.holiday(d)? {
            off.push((d, DayOff::Holiday(h)));
        } else {
            return Ok((d, off));
        }
        d = d + Days::new(1);
    }
}
