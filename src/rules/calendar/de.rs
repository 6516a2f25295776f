//! Germany's national holidays, and Hamburg's own (Feiertagsgesetz Hamburg).

use chrono::{Datelike, Days, Weekday};

use super::build::Year;

pub fn holidays(y: &mut Year, hamburg: bool) {
    let year = y.year;
    y.fixed(1, 1, "Neujahr (New Year's Day)");
    y.easter(-2, "Karfreitag (Good Friday)");
    y.easter(1, "Ostermontag (Easter Monday)");
    y.fixed(5, 1, "Tag der Arbeit (Labour Day)");
    y.easter(39, "Christi Himmelfahrt (Ascension Day)");
    y.easter(50, "Pfingstmontag (Whit Monday)");
    y.fixed(10, 3, "Tag der Deutschen Einheit (German Unity Day)");
    if year <= 1994 {
        // Buß- und Bettag: the Wednesday before 23 November.
        let mut d = y.date(11, 22);
        while d.weekday() != Weekday::Wed {
            d = d - Days::new(1);
        }
        y.add(d, "Buß- und Bettag (Day of Repentance and Prayer)");
    }
    if year == 2017 || (hamburg && year >= 2018) {
        y.fixed(10, 31, "Reformationstag (Reformation Day)");
    }
    y.fixed(12, 25, "Erster Weihnachtstag (Christmas Day)");
    y.fixed(12, 26, "Zweiter Weihnachtstag (St Stephen's Day)");
}
