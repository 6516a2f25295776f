//! Calendar arithmetic the rules share.

use chrono::{Datelike, NaiveDate};

/// The same day number `n` months later, clamped to that month's last day (31 Jan + 1 = 28/29 Feb).
/// Returns the date and, when clamped, the day number that did not exist.
pub fn add_months(d: NaiveDate, n: u32) -> (NaiveDate, Option<u32>) {
    let months = d.year() * 12 + d.month0() as i32 + n as i32;
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let last = last_day_of_month(year, month);
    let day = d.day().min(last);
    let date = NaiveDate::from_ymd_opt(year, month, day).expect("a clamped day exists");
    (date, (day != d.day()).then_some(d.day()))
}

pub fn last_day_of_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).expect("valid").pred_opt().expect("valid").day()
}

/// `6 Apr 2026`: dates as the basis text writes them (chrono's `%-d %b %Y`, without parsing that
/// format again for each of the several dates every deadline's basis names).
pub fn human(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {:04}", d.day(), MONTHS[d.month0() as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(add_months(d("2025-01-31"), 1), (d("2025-02-28"), Some(31)));
        assert_eq!(add_months(d("2024-01-31"), 1), (d("2024-02-29"), Some(31)));
        assert_eq!(add_months(d("2026-03-06"), 1), (d("2026-04-06"), None));
        assert_eq!(add_months(d("2025-11-30"), 3), (d("2026-02-28"), Some(30)));
        assert_eq!(add_months(d("2026-12-15"), 1), (d("2027-01-15"), None));
        assert_eq!(human(d("2026-04-06")), "6 Apr 2026");
    }

    #[test]
    fn dates_read_as_chrono_writes_them() {
        let mut day = d("0999-12-25");
        while day < d("2101-01-10") {
            assert_eq!(human(day), day.format("%-d %b %Y").to_string());
            day = day + chrono::Days::new(17);
        }
    }
}
