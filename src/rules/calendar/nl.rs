//! The Netherlands' public holidays (Algemene termijnenwet, art. 3).

use chrono::{Datelike, Days, Weekday};

use super::build::Year;

pub fn holidays(y: &mut Year) {
    let year = y.year;
    y.fixed(1, 1, "Nieuwjaarsdag (New Year's Day)");
    y.easter(-2, "Goede Vrijdag (Good Friday)");
    y.easter(0, "Eerste Paasdag (Easter Sunday)");
    y.easter(1, "Tweede Paasdag (Easter Monday)");
    // King's (before 2014 Queen's) Day; a Sunday moves it to the Saturday before.
    let (day, name) = if year >= 2014 { (27, "Koningsdag (King's Day)") } else { (30, "Koninginnedag (Queen's Day)") };
    let mut royal = y.date(4, day);
    if royal.weekday() == Weekday::Sun {
        royal = royal - Days::new(1);
    }
    y.add(royal, name);
    if year % 5 == 0 {
        y.fixed(5, 5, "Bevrijdingsdag (Liberation Day)");
    }
    y.easter(39, "Hemelvaartsdag (Ascension Day)");
    y.easter(49, "Eerste Pinksterdag (Whit Sunday)");
    y.easter(50, "Tweede Pinksterdag (Whit Monday)");
    y.fixed(12, 25, "Eerste Kerstdag (Christmas Day)");
    y.fixed(12, 26, "Tweede Kerstdag (Boxing Day)");
}
