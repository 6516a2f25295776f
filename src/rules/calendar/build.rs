//! Building one year of a calendar's holidays: fixed dates, nth weekdays, Easter offsets, and
//! observed (substitute) days, each a small pure function.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How a holiday falling on a given weekday is observed on another day.
#[derive(Clone, Copy)]
pub struct Observed {
    sat: Option<Shift>,
    sun: Option<Shift>,
    mon: Option<Shift>,
}

#[derive(Clone, Copy)]
enum Shift {
    Days(i64),
    /// The next day that is neither a weekend nor a holiday (Japan's 振替休日).
    NextFreeDay,
}

impl Observed {
    pub const SAT_SUN_TO_MON: Observed = Observed { sat: Some(Shift::Days(2)), sun: Some(Shift::Days(1)), mon: None };
    /// Saturday to Monday, Sunday to Tuesday (UK Christmas and Boxing Day).
    pub const SAT_SUN_TO_MON_TUE: Observed =
        Observed { sat: Some(Shift::Days(2)), sun: Some(Shift::Days(2)), mon: None };
    /// Scotland's 2 January: as above, and a Monday 2 January moves to Tuesday.
    pub const SAT_SUN_MON_TO_MON_TUE: Observed =
        Observed { sat: Some(Shift::Days(2)), sun: Some(Shift::Days(2)), mon: Some(Shift::Days(1)) };
    /// United States federal: Saturday to Friday, Sunday to Monday.
    pub const SAT_FRI_SUN_MON: Observed = Observed { sat: Some(Shift::Days(-1)), sun: Some(Shift::Days(1)), mon: None };
    pub const SUN_TO_MON: Observed = Observed { sat: None, sun: Some(Shift::Days(1)), mon: None };
    pub const SUN_TO_NEXT_FREE_DAY: Observed = Observed { sat: None, sun: Some(Shift::NextFreeDay), mon: None };
}

/// A named holiday; `substitute` when it is the day on which another holiday is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub name: &'static str,
    pub substitute: bool,
}

impl std::fmt::Display for Holiday {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.substitute {
            write!(f, "the substitute day for {}", self.name)
        } else {
            f.write_str(self.name)
        }
    }
}

/// The holidays of one year, as they are added.
pub struct Year {
    pub year: i32,
    days: Vec<(NaiveDate, Holiday)>,
    observed: Vec<(NaiveDate, Observed, &'static str)>,
}

impl Year {
    pub fn new(year: i32) -> Year {
        Year { year, days: Vec::new(), observed: Vec::new() }
    }

    pub fn date(&self, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, month, day).expect("a valid holiday date")
    }

    pub fn add(&mut self, date: NaiveDate, name: &'static str) -> NaiveDate {
        self.days.push((date, Holiday { name, substitute: false }));
        date
    }

    pub fn fixed(&mut self, month: u32, day: u32, name: &'static str) -> NaiveDate {
        self.add(self.date(month, day), name)
    }

    /// The `n`th `weekday` of `month` (n = 1…5), or the last one when `n` is negative.
    pub fn nth(&mut self, n: i32, weekday: Weekday, month: u32, name: &'static str) -> NaiveDate {
        self.add(nth_weekday(self.year, month, weekday, n), name)
    }

    /// Easter Sunday plus `offset` days (Good Friday −2, Easter Monday +1, Ascension +39, Whit Monday +50).
    pub fn easter(&mut self, offset: i64, name: &'static str) -> NaiveDate {
        self.add(easter_sunday(self.year) + chrono::Duration::days(offset), name)
    }

    /// Also keeps `date` on the day `rule` moves it to, when it falls on a day the rule names.
    pub fn observe(&mut self, date: NaiveDate, rule: Observed, name: &'static str) {
        self.observed.push((date, rule, name));
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.days.iter().any(|(d, _)| *d == date)
    }

    /// The year's holidays with their observed days (which may fall in a neighbouring year).
    pub fn finish(mut self) -> Vec<(NaiveDate, Holiday)> {
        let mut observed = std::mem::take(&mut self.observed);
        observed.sort_by_key(|(d, _, _)| *d);
        for (date, rule, name) in observed {
            let shift = match date.weekday() {
                Weekday::Sat => rule.sat,
                Weekday::Sun => rule.sun,
                Weekday::Mon => rule.mon,
                _ => None,
            };
            let moved = match shift {
                None => continue,
                Some(Shift::Days(n)) => date + chrono::Duration::days(n),
                Some(Shift::NextFreeDay) => {
                    let mut d = date + Days::new(1);
                    while self.contains(d) || matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                        d = d + Days::new(1);
                    }
                    d
                }
            };
            self.days.push((moved, Holiday { name, substitute: true }));
        }
        self.days
    }
}

pub fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i32) -> NaiveDate {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8).expect("an nth weekday")
    } else {
        let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        let mut d = NaiveDate::from_ymd_opt(y, m, 1).expect("first of month").pred_opt().expect("a day before");
        while d.weekday() != weekday {
            d = d.pred_opt().expect("a day before");
        }
        d
    }
}

/// Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("a valid Easter date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        for (y, m, d) in [(2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2024, 3, 31), (2026, 4, 5), (2038, 4, 25)] {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d).unwrap());
        }
    }

    #[test]
    fn nth_and_last_weekdays() {
        assert_eq!(nth_weekday(2026, 5, Weekday::Mon, -1), NaiveDate::from_ymd_opt(2026, 5, 25).unwrap());
        assert_eq!(nth_weekday(2026, 11, Weekday::Thu, 4), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        assert_eq!(nth_weekday(2026, 12, Weekday::Mon, -1), NaiveDate::from_ymd_opt(2026, 12, 28).unwrap());
    }
}
