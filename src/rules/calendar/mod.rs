//! Holiday calendars, rule-based for 1990–2100, and business-day arithmetic derived from them.
//! Each calendar is computed once into a bit set over the whole range, so a lookup is an index.

mod build;
mod de;
mod fr;
mod ie;
mod jp;
mod nl;
mod uk;
mod us;

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

pub use build::{easter_sunday, Holiday};

use crate::error::{Error, Result};
pub use crate::model::profile::CalendarId;

pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

impl CalendarId {
    /// The last day this calendar's holidays are known for, where that is before `LAST_YEAR`'s end.
    pub fn known_to(self) -> Option<NaiveDate> {
        match self {
            CalendarId::UsCa => NaiveDate::from_ymd_opt(us::CALIFORNIA_KNOWN_TO, 12, 31),
            _ => None,
        }
    }

    fn table(self) -> &'static Table {
        static TABLES: [OnceLock<Table>; 12] = [const { OnceLock::new() }; 12];
        let index = CalendarId::ALL.iter().position(|c| *c == self).expect("every calendar is listed");
        TABLES[index].get_or_init(|| Table::build(self))
    }

    /// The holiday on `date`, if any. Dates outside 1990–2100 are an error, never a guess.
    pub fn holiday(self, date: NaiveDate) -> Result<Option<Holiday>> {
        check_range(date)?;
        Ok(self.table().holiday(date))
    }

    /// Every holiday of `year`, in date order.
    pub fn holidays_in(self, year: i32) -> Result<Vec<(NaiveDate, Holiday)>> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| out_of_range_year(year))?;
        check_range(first)?;
        let mut days: Vec<_> =
            self.table().names.iter().filter(|(d, _)| d.year() == year).map(|(d, h)| (*d, *h)).collect();
        days.sort_by_key(|(d, _)| *d);
        Ok(days)
    }
}

fn out_of_range_year(year: i32) -> Error {
    Error::validation(format!("{year} is outside the supported years {FIRST_YEAR}–{LAST_YEAR}"))
}

/// Refuses a date outside the supported years.
pub fn check_range(date: NaiveDate) -> Result<()> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(Error::validation(format!(
            "{date} is outside the supported years {FIRST_YEAR}–{LAST_YEAR}; no calendar is known for it"
        )))
    }
}

/// One calendar's holidays over the supported range (plus a week either side for observed days).
struct Table {
    first: NaiveDate,
    bits: Vec<u64>,
    names: HashMap<NaiveDate, Holiday>,
}

impl Table {
    fn build(id: CalendarId) -> Table {
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR - 1, 12, 1).expect("valid");
        let last = NaiveDate::from_ymd_opt(LAST_YEAR + 1, 1, 31).expect("valid");
        let days = (last - first).num_days() as usize + 1;
        let mut table = Table { first, bits: vec![0; days.div_ceil(64)], names: HashMap::new() };
        for year in FIRST_YEAR..=LAST_YEAR {
            let mut y = build::Year::new(year);
            match id {
                CalendarId::Weekends => {}
                CalendarId::GbEng => uk::holidays(&mut y, uk::Nation::England),
                CalendarId::GbSct => uk::holidays(&mut y, uk::Nation::Scotland),
                CalendarId::GbNir => uk::holidays(&mut y, uk::Nation::NorthernIreland),
                CalendarId::Ie => ie::holidays(&mut y),
                CalendarId::De => de::holidays(&mut y, false),
                CalendarId::DeHh => de::holidays(&mut y, true),
                CalendarId::Fr => fr::holidays(&mut y),
                CalendarId::Nl => nl::holidays(&mut y),
                CalendarId::Us => us::holidays(&mut y, false),
                CalendarId::UsCa => us::holidays(&mut y, true),
                CalendarId::Jp => jp::holidays(&mut y),
            }
            for (date, holiday) in y.finish() {
                let i = (date - first).num_days() as usize;
                table.bits[i / 64] |= 1 << (i % 64);
                // The first name given to a day is kept (a holiday over its own substitute day).
                table.names.entry(date).or_insert(holiday);
            }
        }
        table
    }

    fn is_holiday(&self, date: NaiveDate) -> bool {
        let i = (date - self.first).num_days() as usize;
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    fn holiday(&self, date: NaiveDate) -> Option<Holiday> {
        if self.is_holiday(date) {
            self.names.get(&date).copied()
        } else {
            None
        }
    }
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    Weekend(Weekday),
    Holiday(Holiday),
    /// A closure day the office added itself.
    OfficeClosure,
}

impl std::fmt::Display for DayOff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DayOff::Weekend(Weekday::Sat) => f.write_str("a Saturday"),
            DayOff::Weekend(_) => f.write_str("a Sunday"),
            DayOff::Holiday(h) => write!(f, "{h}"),
            DayOff::OfficeClosure => f.write_str("an office closure day"),
        }
    }
}

/// A calendar plus the office's own closure days: what business-day arithmetic works on.
#[derive(Debug, Clone, Copy)]
pub struct WorkingDays<'a> {
    pub calendar: CalendarId,
    pub closures: &'a BTreeSet<NaiveDate>,
}

impl<'a> WorkingDays<'a> {
    pub fn new(calendar: CalendarId, closures: &'a BTreeSet<NaiveDate>) -> Self {
        WorkingDays { calendar, closures }
    }

    /// Why `date` is not a working day, or `None` when it is one.
    pub fn day_off(&self, date: NaiveDate) -> Result<Option<DayOff>> {
        check_range(date)?;
        if let Some(known) = self.calendar.known_to().filter(|k| date > *k) {
            return Err(Error::validation(format!(
                "the {} calendar's holidays are known only to {known}, so no working day after it can be counted; \
                 choose another calendar for this regime",
                self.calendar
            )));
        }
        let weekday = date.weekday();
        if matches!(weekday, Weekday::Sat | Weekday::Sun) {
            return Ok(Some(DayOff::Weekend(weekday)));
        }
        let table = self.calendar.table();
        if table.is_holiday(date) {
            return Ok(table.holiday(date).map(DayOff::Holiday));
        }
        Ok(self.closures.contains(&date).then_some(DayOff::OfficeClosure))
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool> {
        Ok(self.day_off(date)?.is_none())
    }

    /// `date` itself if it is a working day, else the next one, with the days passed over.
    pub fn roll_forward(&self, date: NaiveDate) -> Result<(NaiveDate, Vec<(NaiveDate, DayOff)>)> {
        let mut d = date;
        let mut skipped = Vec::new();
        while let Some(off) = self.day_off(d)? {
            skipped.push((d, off));
            d = d + Days::new(1);
        }
        Ok((d, skipped))
    }

    /// The date `n` working days before `date` (`date` itself is not counted).
    pub fn sub_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d - Days::new(1);
            check_range(d)?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// The date `n` working days after `date` (`date` itself is not counted).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d + Days::new(1);
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }
}
