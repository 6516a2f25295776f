//! The deadline rules of each regime, as data: a new regime or right is a new entry, not new code.
//! Sources: ../shared/spec/deadlines.md (GDPR Art. 12(3), UK GDPR Art. 12/12A, 11 CCR §§7021/7026/7027, APPI Arts. 33/39,
//! DPA 2018 s.164A for complaints).

use crate::model::{Regime, Right};

/// How long a period runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months, clamped to the month's end.
    Months(u32),
    /// Calendar days.
    Days(u32),
    /// Working days of the calendar, the start day not counted.
    WorkingDays(u32),
    /// Calendar days "beginning" on the start day: the start is day 1.
    DaysBeginning(u32),
    /// The office's own APPI response target, in days (a setting).
    OfficeTarget,
    /// The office's own target for a complaint's outcome, in days (a setting).
    ComplaintTarget,
}

/// Where the clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Receipt,
    /// UK GDPR Art. 12A: the latest of receipt, identity information received and fee paid.
    RelevantTime,
}

/// Which waiting time stops the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    None,
    /// EDPB: from a prompt request for identity or clarification until it arrives (a setting turns it off).
    Suspension,
    /// UK GDPR Art. 12A: days between asking for clarification and receiving it, for requests from 5 Feb 2026.
    UkClarification,
}

/// How a deadline that falls on a day off moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roll {
    /// To the next working day (weekends, holidays, office closures).
    NextWorkingDay,
    /// Not at all, unless the office's setting asks for it (CCPA calendar days).
    OnlyIfSet,
    /// Japan's Civil Code Art. 142: past a Sunday or national holiday (Saturdays count).
    CivilCode,
}

#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub period: Period,
    /// The citation and what it requires, as the basis shows it.
    pub basis: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub regime: Regime,
    /// The rights this rule covers; empty: every right of the regime not covered by an earlier entry.
    pub rights: &'static [Right],
    pub acknowledge: Option<Term>,
    pub respond: Term,
    pub extended: Option<Term>,
    /// The citation requiring the extension to be announced before the original deadline.
    pub extension_notice: Option<&'static str>,
    /// A date after which the person may act against the office (APPI Art. 39), shown as a risk.
    pub risk: Option<Term>,
    pub start: Start,
    pub pause: Pause,
    pub roll: Roll,
}

pub const RULES: &[Rule] = &[
    Rule {
        regime: Regime::Gdpr,
        rights: &[],
        acknowledge: None,
        respond: Term { period: Period::Months(1), basis: "GDPR Art. 12(3): one month from receipt" },
        extended: Some(Term {
            period: Period::Months(3),
            basis: "GDPR Art. 12(3): extended by two further months (three months from receipt)",
        }),
        extension_notice: Some("GDPR Art. 12(3): the extension and its reasons must be told within the first month"),
        risk: None,
        start: Start::Receipt,
        pause: Pause::Suspension,
        roll: Roll::NextWorkingDay,
    },
    Rule {
        regime: Regime::UkGdpr,
        rights: &[],
        acknowledge: None,
        respond: Term { period: Period::Months(1), basis: "UK GDPR Art. 12(3): one month from the relevant time" },
        extended: Some(Term {
            period: Period::Months(3),
            basis: "UK GDPR Art. 12(3): extended by two further months (three months from the relevant time)",
        }),
        extension_notice: Some("UK GDPR Art. 12(3): the extension and its reasons must be told within one month"),
        risk: None,
        start: Start::RelevantTime,
        pause: Pause::UkClarification,
        roll: Roll::NextWorkingDay,
    },
    Rule {
        regime: Regime::Ccpa,
        rights: &[Right::OptOut],
        acknowledge: None,
        respond: Term {
            period: Period::WorkingDays(15),
            basis: "11 CCR §7026(f): comply within 15 business days of receipt",
        },
        extended: None,
        extension_notice: None,
        risk: None,
        start: Start::Receipt,
        pause: Pause::None,
        roll: Roll::NextWorkingDay,
    },
    Rule {
        regime: Regime::Ccpa,
        rights: &[Right::Limit],
        acknowledge: None,
        respond: Term {
            period: Period::WorkingDays(15),
            basis: "11 CCR §7027(g): comply within 15 business days of receipt",
        },
        extended: None,
        extension_notice: None,
        risk: None,
        start: Start::Receipt,
        pause: Pause::None,
        roll: Roll::NextWorkingDay,
    },
    Rule {
        regime: Regime::Ccpa,
        rights: &[],
        acknowledge: Some(Term {
            period: Period::WorkingDays(10),
            basis: "11 CCR §7021(a): confirm receipt within 10 business days",
        }),
        respond: Term {
            period: Period::Days(45),
            basis: "11 CCR §7021(b): respond within 45 calendar days of receipt, whatever verification takes",
        },
        extended: Some(Term {
            period: Period::Days(90),
            basis: "11 CCR §7021(b): one extension of up to 45 more days (90 days from receipt)",
        }),
        extension_notice: Some("11 CCR §7021(b): notice of the extension, with reasons, within the first 45 days"),
        risk: None,
        start: Start::Receipt,
        pause: Pause::None,
        roll: Roll::OnlyIfSet,
    },
    Rule {
        regime: Regime::Appi,
        rights: &[],
        acknowledge: None,
        respond: Term {
            period: Period::OfficeTarget,
            basis: "Office target (APPI Art. 33 sets no number of days: respond without delay)",
        },
        extended: None,
        extension_notice: None,
        risk: Some(Term {
            period: Period::Days(14),
            basis: "APPI Art. 39: the person may sue two weeks after the demand reached us (Civil Code Arts. 140-143)",
        }),
        start: Start::Receipt,
        pause: Pause::None,
        roll: Roll::NextWorkingDay,
    },
];

/// The dates of a complaint to the office under a regime.
#[derive(Debug, Clone, Copy)]
pub struct ComplaintRule {
    /// A statutory acknowledgement, where the law sets one (applies from `UK_COMPLAINTS_FROM`).
    pub acknowledge: Option<Term>,
    pub respond: Term,
}

/// The complaint rule of a regime: the UK's acknowledgement within 30 days (DPA 2018 s.164A(3)),
/// and everywhere the office's target for the outcome.
pub fn complaint_rule(regime: Regime) -> ComplaintRule {
    let uk = regime == Regime::UkGdpr;
    ComplaintRule {
        acknowledge: uk.then_some(Term {
            period: Period::DaysBeginning(30),
            basis: "DPA 2018 s.164A(3): acknowledge a complaint within 30 days beginning when it is received",
        }),
        respond: Term {
            period: Period::ComplaintTarget,
            basis: if uk {
                "Office target for the outcome (DPA 2018 s.164A(4): without undue delay)"
            } else {
                "Office target for the outcome of a complaint"
            },
        },
    }
}

/// The rule for a request under `regime` exercising `right` (the regime's general rule when none matches).
pub fn rule_for(regime: Regime, right: Option<Right>) -> &'static Rule {
    RULES
        .iter()
        .filter(|r| r.regime == regime)
        .find(|r| r.rights.is_empty() || right.is_some_and(|right| r.rights.contains(&right)))
        .expect("every regime has a general rule")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_regime_has_a_general_rule_last() {
        for regime in Regime::ALL {
            let general = RULES.iter().rfind(|r| r.regime == *regime).unwrap();
            assert!(general.rights.is_empty(), "{regime}");
        }
        assert_eq!(rule_for(Regime::Ccpa, Some(Right::OptOut)).respond.period, Period::WorkingDays(15));
        assert_eq!(rule_for(Regime::Ccpa, Some(Right::Delete)).respond.period, Period::Days(45));
    }
}
