//! Ireland's public holidays (Organisation of Working Time Act 1997, Schedule 2).

use chrono::Weekday::{Fri, Mon};

use super::build::Year;

pub fn holidays(y: &mut Year) {
    let year = y.year;
    y.fixed(1, 1, "New Year's Day");
    if year >= 2023 {
        // The first Monday in February, or 1 February when that is a Friday.
        let feb_1 = y.date(2, 1);
        if chrono::Datelike::weekday(&feb_1) == Fri {
            y.add(feb_1, "St Brigid's Day");
        } else {
            y.nth(1, Mon, 2, "St Brigid's Day");
        }
    }
    y.fixed(3, 17, "St Patrick's Day");
    y.easter(1, "Easter Monday");
    match year {
        1995 => y.fixed(5, 8, "May bank holiday"),
        _ => y.nth(1, Mon, 5, "May bank holiday"),
    };
    y.nth(1, Mon, 6, "June bank holiday");
    y.nth(1, Mon, 8, "August bank holiday");
    y.nth(-1, Mon, 10, "October bank holiday");
    y.fixed(12, 25, "Christmas Day");
    y.fixed(12, 26, "St Stephen's Day");
    for (yr, m, d, name) in [
        (1999, 12, 31, "Millennium celebrations"),
        (2011, 9, 14, "National day of mourning"),
        (2022, 3, 18, "Day of Remembrance and Recognition"),
    ] {
        if yr == year {
            y.fixed(m, d, name);
        }
    }
}
