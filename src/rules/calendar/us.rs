//! United States federal holidays (5 U.S.C. 6103, with Executive Order 11582's observed days) and
//! California's state holidays (Government Code §6700).

use chrono::Weekday::{Mon, Thu};
use chrono::{Days, NaiveDate};

use super::build::{Observed, Year};

/// Diwali in California (AB 268, from 2026) follows the Hindu lunisolar calendar; these are the published dates.
const DIWALI: &[(i32, u32, u32)] = &[
    (2026, 11, 8),
    (2027, 10, 29),
    (2028, 10, 17),
    (2029, 11, 5),
    (2030, 10, 26),
    (2031, 11, 14),
    (2032, 11, 2),
    (2033, 10, 22),
    (2034, 11, 10),
    (2035, 10, 30),
];

/// The last year whose California holidays are all known (Diwali's dates are published to then).
pub const CALIFORNIA_KNOWN_TO: i32 = DIWALI[DIWALI.len() - 1].0;

pub fn holidays(y: &mut Year, california: bool) {
    let year = y.year;
    let federal = Observed::SAT_FRI_SUN_MON;
    let new_year = y.fixed(1, 1, "New Year's Day");
    y.observe(new_year, federal, "New Year's Day");
    y.nth(3, Mon, 1, "Birthday of Martin Luther King, Jr.");
    y.nth(3, Mon, 2, if california { "Presidents' Day" } else { "Washington's Birthday" });
    y.nth(-1, Mon, 5, "Memorial Day");
    if year >= 2021 {
        let juneteenth = y.fixed(6, 19, "Juneteenth National Independence Day");
        y.observe(juneteenth, federal, "Juneteenth National Independence Day");
    }
    let independence = y.fixed(7, 4, "Independence Day");
    y.observe(independence, federal, "Independence Day");
    y.nth(1, Mon, 9, "Labor Day");
    if !california || year <= 2008 {
        y.nth(2, Mon, 10, "Columbus Day");
    }
    let veterans = y.fixed(11, 11, "Veterans Day");
    y.observe(veterans, federal, "Veterans Day");
    let thanksgiving = y.nth(4, Thu, 11, "Thanksgiving Day");
    let christmas = y.fixed(12, 25, "Christmas Day");
    y.observe(christmas, federal, "Christmas Day");
    if california {
        if year <= 2009 {
            let lincoln = y.fixed(2, 12, "Lincoln's Birthday");
            y.observe(lincoln, federal, "Lincoln's Birthday");
        }
        if year >= 2014 {
            y.fixed(2, 15, "Susan B. Anthony Day");
        }
        let chavez = y.fixed(3, 31, "Cesar Chavez Day");
        y.observe(chavez, Observed::SUN_TO_MON, "Cesar Chavez Day");
        y.add(thanksgiving + Days::new(1), "Day after Thanksgiving");
        if let Some(&(_, m, d)) = DIWALI.iter().find(|(yr, _, _)| *yr == year) {
            y.add(NaiveDate::from_ymd_opt(year, m, d).expect("a valid date"), "Diwali");
        }
    }
}
