//! Japan's national holidays (国民の祝日に関する法律), with substitute holidays (振替休日), the day
//! between two holidays (国民の休日), and the equinox days computed by the standard formula.

use chrono::Weekday::Mon;
use chrono::{Datelike, Days, Weekday};

use super::build::{Observed, Year};

pub fn holidays(y: &mut Year) {
    let year = y.year;
    let add = |y: &mut Year, date: chrono::NaiveDate, name: &'static str| {
        y.add(date, name);
        y.observe(date, Observed::SUN_TO_NEXT_FREE_DAY, name);
    };
    add(y, y.date(1, 1), "New Year's Day (元日)");
    let coming_of_age = if year <= 1999 { y.date(1, 15) } else { super::build::nth_weekday(year, 1, Mon, 2) };
    add(y, coming_of_age, "Coming of Age Day (成人の日)");
    add(y, y.date(2, 11), "Foundation Day (建国記念の日)");
    match year {
        2020.. => add(y, y.date(2, 23), "Emperor's Birthday (天皇誕生日)"),
        2019 => {}
        _ => add(y, y.date(12, 23), "Emperor's Birthday (天皇誕生日)"),
    }
    add(y, y.date(3, vernal_equinox_day(year)), "Vernal Equinox Day (春分の日)");
    if year >= 2007 {
        add(y, y.date(4, 29), "Showa Day (昭和の日)");
        add(y, y.date(5, 4), "Greenery Day (みどりの日)");
    } else {
        add(y, y.date(4, 29), "Greenery Day (みどりの日)");
    }
    add(y, y.date(5, 3), "Constitution Memorial Day (憲法記念日)");
    add(y, y.date(5, 5), "Children's Day (こどもの日)");
    let marine = match year {
        ..=2002 => y.date(7, 20),
        2020 => y.date(7, 23),
        2021 => y.date(7, 22),
        _ => super::build::nth_weekday(year, 7, Mon, 3),
    };
    add(y, marine, "Marine Day (海の日)");
    if year >= 2016 {
        let mountain = match year {
            2020 => y.date(8, 10),
            2021 => y.date(8, 8),
            _ => y.date(8, 11),
        };
        add(y, mountain, "Mountain Day (山の日)");
    }
    let aged = if year >= 2003 { super::build::nth_weekday(year, 9, Mon, 3) } else { y.date(9, 15) };
    add(y, aged, "Respect for the Aged Day (敬老の日)");
    let autumn = y.date(9, autumnal_equinox_day(year));
    add(y, autumn, "Autumnal Equinox Day (秋分の日)");
    let sports = match year {
        2020 => y.date(7, 24),
        2021 => y.date(7, 23),
        _ => super::build::nth_weekday(year, 10, Mon, 2),
    };
    add(y, sports, if year >= 2020 { "Sports Day (スポーツの日)" } else { "Health and Sports Day (体育の日)" });
    add(y, y.date(11, 3), "Culture Day (文化の日)");
    add(y, y.date(11, 23), "Labour Thanksgiving Day (勤労感謝の日)");
    if year == 2019 {
        add(y, y.date(5, 1), "Enthronement Day (天皇の即位の日)");
        add(y, y.date(10, 22), "Enthronement Ceremony (即位礼正殿の儀)");
    }
    // A weekday between two holidays is a holiday too: until 2006 only 4 May; since, only in September.
    if year <= 2006 {
        let may_4 = y.date(5, 4);
        if !matches!(may_4.weekday(), Weekday::Sun | Weekday::Mon) {
            y.add(may_4, "Citizens' Holiday (国民の休日)");
        }
    } else if aged + Days::new(2) == autumn {
        y.add(aged + Days::new(1), "Citizens' Holiday (国民の休日)");
    }
    if year == 2019 {
        y.add(y.date(4, 30), "Citizens' Holiday (国民の休日)");
        y.add(y.date(5, 2), "Citizens' Holiday (国民の休日)");
    }
}

/// 春分日 by the formula used for the official almanac (valid 1980–2099; the same day as
/// the astronomical equinox in Japan Standard Time).
fn vernal_equinox_day(year: i32) -> u32 {
    equinox(year, 20.8431)
}

fn autumnal_equinox_day(year: i32) -> u32 {
    equinox(year, 23.2488)
}

fn equinox(year: i32, base: f64) -> u32 {
    let n = f64::from(year - 1980);
    (base + 0.242194 * n - (n / 4.0).floor()).floor() as u32
}
