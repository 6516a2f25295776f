//! Every calendar, every day of 2000–2050, against reference tables written by the Python package
//! `holidays` (scripts/gen-holiday-tables.py).

use crate::common;

use std::collections::BTreeSet;

use casebook::rules::calendar::CalendarId;
use chrono::{Days, NaiveDate};
use common::data;

fn reference(calendar: CalendarId) -> BTreeSet<NaiveDate> {
    data(&format!("holidays/{calendar}.tsv"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn every_calendar_matches_the_reference_tables_every_day() {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2050, 12, 31).unwrap();
    let mut problems = Vec::new();
    for calendar in CalendarId::ALL.iter().filter(|c| **c != CalendarId::Weekends) {
        let expected = reference(*calendar);
        assert!(expected.len() > 400, "{calendar}: reference table too small");
        let mut day = first;
        while day <= last {
            let ours = calendar.holiday(day).unwrap();
            if ours.is_some() != expected.contains(&day) {
                problems.push(format!("{calendar} {day}: ours {ours:?}, reference {}", expected.contains(&day)));
            }
            day = day + Days::new(1);
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn weekends_has_no_holidays_and_the_range_is_enforced() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    assert_eq!(CalendarId::Weekends.holiday(d).unwrap(), None);
    for outside in ["1989-12-31", "2101-01-01"] {
        let e = CalendarId::GbEng.holiday(outside.parse().unwrap()).unwrap_err();
        assert!(e.message.contains("outside the supported years 1990–2100"), "{}", e.message);
    }
    assert!(CalendarId::Jp.holiday("2100-12-31".parse().unwrap()).is_ok());
}
