//! The clocks of a personal-data breach, from the instant the office became aware of it: pure,
//! no IO, the zones passed in. Sources and readings are in `docs/breach-clocks.md`.
//!
//! - GDPR and UK GDPR Art. 33(1): each authority to be notified, not later than 72 hours after
//!   becoming aware, counted as elapsed time (weekends, holidays and clock changes included).
//! - GDPR and UK GDPR Art. 34(1): the data subjects, without undue delay when the risk is high:
//!   an elapsed-time counter against the office's own target.
//! - APPI Art. 26 with the PPC's Enforcement Rules Art. 8: a preliminary report promptly (the PPC's
//!   guidance: about 3 to 5 days) and a final report within 30 days, 60 where the breach was
//!   caused with a wrongful purpose; the day of knowing, in Japan, counts as day 1.
//! - California Civ. Code §1798.82(a): residents in the most expedient time possible and without
//!   unreasonable delay (the office's target); §1798.82(f): a sample notice to the Attorney
//!   General when more than 500 residents are notified.

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

pub use crate::model::breach::{Authority, Clock};
use crate::model::Regime;

/// What the clocks of one breach depend on.
#[derive(Debug, Clone)]
pub struct BreachFacts {
    pub aware_at: DateTime<Utc>,
    /// The office's zone, in which the breach's days (APPI) are counted and every instant is shown.
    pub office_zone: Tz,
    pub regimes: Vec<Regime>,
    /// The authorities to notify: party id, name and, when its country is known, its zone.
    pub authorities: Vec<Authority>,
    pub high_risk: bool,
    pub wrongful_purpose: bool,
    /// California residents affected, when counted.
    pub california_residents: Option<u64>,
    /// The office's own target for "without undue delay", in hours.
    pub target_hours: u32,
}

impl Authority {
    fn zone(&self) -> Option<Tz> {
        self.country.as_deref().and_then(zone_of_country)
    }
}

/// The Art. 33 period, in hours.
pub const ART_33_HOURS: i64 = 72;

/// Every clock of a breach, soonest first.
pub fn clocks(f: &BreachFacts) -> Vec<Clock> {
    let mut out = Vec::new();
    let aware_local = f.aware_at.with_timezone(&f.office_zone);
    let aware_text = format!("{} ({})", aware_local.format("%-d %b %Y %H:%M"), f.office_zone);
    for regime in [Regime::Gdpr, Regime::UkGdpr].into_iter().filter(|r| f.regimes.contains(r)) {
        let article = if regime == Regime::Gdpr { "GDPR" } else { "UK GDPR" };
        let due_at = f.aware_at + chrono::Duration::hours(ART_33_HOURS);
        for a in f.authorities.iter().filter(|a| notified_under(regime, a)) {
            out.push(Clock {
                kind: "authority",
                regime,
                party_id: Some(a.party_id),
                due_at,
                target: false,
                authority_zone: a.zone().map(|z| z.name().to_string()),
                basis: format!(
                    "{article} Art. 33(1): {} notified without undue delay and not later than 72 hours after becoming \
                     aware ({aware_text}); the hours run through nights, weekends, holidays and clock changes: {}{}",
                    a.name,
                    instant(due_at, f.office_zone),
                    a.zone()
                        .filter(|z| *z != f.office_zone)
                        .map(|z| format!(", {} there", instant(due_at, z)))
                        .unwrap_or_default(),
                ),
            });
        }
    }
    let europe: Vec<Regime> = [Regime::Gdpr, Regime::UkGdpr].into_iter().filter(|r| f.regimes.contains(r)).collect();
    if f.high_risk && !europe.is_empty() {
        let article = if europe.len() == 2 {
            "GDPR and UK GDPR"
        } else if europe[0] == Regime::Gdpr {
            "GDPR"
        } else {
            "UK GDPR"
        };
        let due_at = f.aware_at + chrono::Duration::hours(i64::from(f.target_hours));
        out.push(Clock {
            kind: "subjects",
            regime: europe[0],
            party_id: None,
            due_at,
            target: true,
            authority_zone: None,
            basis: format!(
                "{article} Art. 34(1): the data subjects told without undue delay, the risk being high; the office's \
                 target is {} hours after becoming aware ({aware_text}): {}",
                f.target_hours,
                instant(due_at, f.office_zone)
            ),
        });
    }
    if f.regimes.contains(&Regime::Appi) {
        // The day of knowing is day 1, in Japan; weekends and holidays count (PPC General
        // Guidelines 3-5-3-4).
        let japan = chrono_tz::Asia::Tokyo;
        let day_one = f.aware_at.with_timezone(&japan).date_naive();
        let end_of = |day: NaiveDate| end_of_day(day, japan);
        let preliminary = day_one + Days::new(2);
        out.push(Clock {
            kind: "appi-preliminary",
            regime: Regime::Appi,
            party_id: None,
            due_at: end_of(preliminary),
            target: true,
            authority_zone: None,
            basis: format!(
                "APPI Art. 26(1), Enforcement Rules Art. 8(1): a preliminary report to the PPC promptly after knowing \
                 ({aware_text}); the PPC's guidance is about 3 to 5 days, and the office aims at the third day, {}",
                preliminary.format("%-d %b %Y")
            ),
        });
        let days = if f.wrongful_purpose { 60 } else { 30 };
        let last = day_one + Days::new(days - 1);
        out.push(Clock {
            kind: "appi-final",
            regime: Regime::Appi,
            party_id: None,
            due_at: end_of(last),
            target: false,
            authority_zone: None,
            basis: format!(
                "APPI Art. 26(1), Enforcement Rules Art. 8(2): the final report within {days} days of knowing{}, the day \
                 of knowing ({}) being day 1 and weekends and holidays counted: by the end of {}",
                if f.wrongful_purpose { " (60: a breach possibly caused with a wrongful purpose)" } else { "" },
                day_one.format("%-d %b %Y"),
                last.format("%-d %b %Y")
            ),
        });
    }
    if f.regimes.contains(&Regime::Ccpa) {
        let due_at = f.aware_at + chrono::Duration::hours(i64::from(f.target_hours));
        out.push(Clock {
            kind: "residents",
            regime: Regime::Ccpa,
            party_id: None,
            due_at,
            target: true,
            authority_zone: None,
            basis: format!(
                "Cal. Civ. Code §1798.82(a): California residents told in the most expedient time possible and without \
                 unreasonable delay; the office's target is {} hours after becoming aware ({aware_text}): {}",
                f.target_hours,
                instant(due_at, f.office_zone)
            ),
        });
        if f.california_residents.is_some_and(|n| n > 500) {
            out.push(Clock {
                kind: "attorney-general",
                regime: Regime::Ccpa,
                party_id: None,
                due_at,
                target: true,
                authority_zone: None,
                basis: "Cal. Civ. Code §1798.82(f): more than 500 residents are notified, so a sample of the notice \
                        goes to the Attorney General, with the residents' notice"
                    .into(),
            });
        }
    }
    out.sort_by_key(|c| c.due_at);
    out
}

/// Whether an authority is one to notify under `regime`: the ICO under the UK GDPR, the PPC under
/// the APPI; under the
/// GDPR every EEA authority named (a controller outside the EU with an Art. 27 representative has
/// no lead authority: each authority whose residents are affected, EDPB Guidelines 9/2022), and
/// one whose country is not recorded, rather than none.
pub fn notified_under(regime: Regime, a: &Authority) -> bool {
    let country = a.country.as_deref().map(str::to_ascii_uppercase);
    match (regime, country.as_deref()) {
        (Regime::UkGdpr, Some(c)) => c == "GB" || c == "UK",
        (Regime::Gdpr, Some(c)) => EEA.contains(&c),
        (Regime::Gdpr, None) => true,
        (Regime::Appi, Some(c)) => c == "JP",
        _ => false,
    }
}

/// The EU and the EEA, where the GDPR's authorities sit.
const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// The last minute of `day` in `zone` (23:59 there), which reads as that day, not the next.
fn end_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let next = day + Days::new(1);
    let midnight = next.and_hms_opt(0, 0, 0).expect("midnight exists");
    // A zone whose clocks skip midnight starts the day at the first instant it has.
    (0..4)
        .find_map(|h| midnight.checked_add_signed(chrono::Duration::hours(h))?.and_local_timezone(zone).earliest())
        .map(|t| t.with_timezone(&Utc) - chrono::Duration::minutes(1))
        .expect("a day starts within four hours of midnight")
}

/// `31 Mar 2026 11:00 CEST (UTC+02:00)`.
pub fn instant(at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    format!("{} {} (UTC{})", local.format("%-d %b %Y %H:%M"), local.format("%Z"), local.format("%:z"))
}

/// The zone an authority's country keeps (its capital's), for the countries whose authorities a
/// privacy office writes to; `None` for others, whose clocks are shown in the office's zone only.
pub fn zone_of_country(code: &str) -> Option<Tz> {
    use chrono_tz::{America, Asia, Atlantic, Europe};
    Some(match code.to_ascii_uppercase().as_str() {
        "AT" => Europe::Vienna,
        "BE" => Europe::Brussels,
        "BG" => Europe::Sofia,
        "HR" => Europe::Zagreb,
        "CY" => Asia::Nicosia,
        "CZ" => Europe::Prague,
        "DK" => Europe::Copenhagen,
        "EE" => Europe::Tallinn,
        "FI" => Europe::Helsinki,
        "FR" => Europe::Paris,
        "DE" => Europe::Berlin,
        "GR" => Europe::Athens,
        "HU" => Europe::Budapest,
        "IE" => Europe::Dublin,
        "IT" => Europe::Rome,
        "LV" => Europe::Riga,
        "LT" => Europe::Vilnius,
        "LU" => Europe::Luxembourg,
        "MT" => Europe::Malta,
        "NL" => Europe::Amsterdam,
        "PL" => Europe::Warsaw,
        "PT" => Europe::Lisbon,
        "RO" => Europe::Bucharest,
        "SK" => Europe::Bratislava,
        "SI" => Europe::Ljubljana,
        "ES" => Europe::Madrid,
        "SE" => Europe::Stockholm,
        "IS" => Atlantic::Reykjavik,
        "LI" => Europe::Vaduz,
        "NO" => Europe::Oslo,
        "GB" | "UK" => Europe::London,
        "CH" => Europe::Zurich,
        "JP" => Asia::Tokyo,
        "US" => America::Los_Angeles,
        _ => return None,
    })
}
