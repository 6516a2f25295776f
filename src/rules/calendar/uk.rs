//! United Kingdom bank holidays (Banking and Financial Dealings Act 1971 and royal proclamations).

use chrono::Weekday::Mon;

use super::build::{Observed, Year};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nation {
    England,
    Scotland,
    NorthernIreland,
}

pub fn holidays(y: &mut Year, nation: Nation) {
    let year = y.year;
    y.easter(-2, "Good Friday");
    match year {
        1995 | 2020 => y.fixed(5, 8, "Early May bank holiday"),
        _ => y.nth(1, Mon, 5, "Early May bank holiday"),
    };
    match year {
        2002 | 2012 => y.fixed(6, 4, "Spring bank holiday"),
        2022 => y.fixed(6, 2, "Spring bank holiday"),
        _ => y.nth(-1, Mon, 5, "Spring bank holiday"),
    };
    // One-off days by proclamation.
    for (yr, m, d, name) in [
        (1999, 12, 31, "Millennium celebrations"),
        (2002, 6, 3, "Golden Jubilee"),
        (2011, 4, 29, "Royal wedding"),
        (2012, 6, 5, "Diamond Jubilee"),
        (2022, 6, 3, "Platinum Jubilee"),
        (2022, 9, 19, "State funeral of Queen Elizabeth II"),
        (2023, 5, 8, "Coronation of King Charles III"),
    ] {
        if yr == year {
            y.fixed(m, d, name);
        }
    }
    match nation {
        Nation::England | Nation::NorthernIreland => {
            let new_year = y.fixed(1, 1, "New Year's Day");
            y.observe(new_year, Observed::SAT_SUN_TO_MON, "New Year's Day");
            y.easter(1, "Easter Monday");
            y.nth(-1, Mon, 8, "Summer bank holiday");
            if nation == Nation::NorthernIreland {
                let patrick = y.fixed(3, 17, "St Patrick's Day");
                y.observe(patrick, Observed::SAT_SUN_TO_MON, "St Patrick's Day");
                let boyne = y.fixed(7, 12, "Battle of the Boyne (Orangemen's Day)");
                y.observe(boyne, Observed::SAT_SUN_TO_MON, "Battle of the Boyne (Orangemen's Day)");
            }
        }
        Nation::Scotland => {
            let new_year = y.fixed(1, 1, "New Year's Day");
            let second = y.fixed(1, 2, "2nd January");
            y.observe(second, Observed::SAT_SUN_MON_TO_MON_TUE, "2nd January");
            y.observe(new_year, Observed::SAT_SUN_TO_MON, "New Year's Day");
            y.nth(1, Mon, 8, "Summer bank holiday");
            if year >= 2006 {
                let andrew = y.fixed(11, 30, "St Andrew's Day");
                y.observe(andrew, Observed::SAT_SUN_TO_MON, "St Andrew's Day");
            }
            if year == 2026 {
                y.fixed(6, 15, "Scotland's World Cup match");
            }
        }
    }
    let christmas = y.fixed(12, 25, "Christmas Day");
    y.observe(christmas, Observed::SAT_SUN_TO_MON_TUE, "Christmas Day");
    let boxing = y.fixed(12, 26, "Boxing Day");
    y.observe(boxing, Observed::SAT_SUN_TO_MON_TUE, "Boxing Day");
}
