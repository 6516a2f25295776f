//! Pauses of a clock: the union of the days it stood still, counted only while the period ran.
//!
//! A day paused twice counts once. Taken in date order from the start, day `d` counts when
//! `d <= end + (days counted before d)`, where `end` is the unpaused end of the period: a request
//! for information made after the period ran out moves nothing (deadlines.md §0).

use chrono::{Days, NaiveDate};

/// One wait, from the day asked to the day answered (or today), both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub asked: NaiveDate,
    pub last: NaiveDate,
}

/// The days a clock stood still, and the waits that moved nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PauseCount {
    pub days: u32,
    /// What was awaited, as the basis says it.
    pub why: &'static str,
    /// The counted days, as inclusive ranges in date order.
    pub ranges: Vec<(NaiveDate, NaiveDate)>,
    /// Days awaited before the start, never part of the period.
    pub before_start: u32,
    /// Waits begun after the period had run out: the day asked and the end it had run out on.
    pub after_expiry: Vec<(NaiveDate, NaiveDate)>,
}

/// Counts the pause days of `waits` for a period running from `start` to `end` (unpaused, unrolled).
pub fn count_pauses(start: NaiveDate, end: NaiveDate, waits: &[Interval], why: &'static str) -> PauseCount {
    let mut count = PauseCount { why, ..PauseCount::default() };
    // The union of the waits, as (first asked, first day, last day), merged where they touch.
    let mut sorted: Vec<Interval> = waits.to_vec();
    sorted.sort_by_key(|w| w.asked);
    let mut union: Vec<(NaiveDate, NaiveDate, NaiveDate)> = Vec::new();
    let mut before = Vec::<(NaiveDate, NaiveDate)>::new();
    for w in sorted {
        if w.asked < start {
            before.push((w.asked, w.last.min(start.pred_opt().expect("a day before"))));
        }
        if w.last < start {
            continue;
        }
        let first = w.asked.max(start);
        match union.last_mut() {
            Some((_, _, last)) if first <= *last + Days::new(1) => *last = (*last).max(w.last),
            _ => union.push((w.asked, first, w.last)),
        }
    }
    count.before_start = days_in_union(&mut before);
    for (asked, first, last) in union {
        let bound = end + Days::new(count.days.into());
        if first > bound {
            count.after_expiry.push((asked, bound));
            continue;
        }
        // Each counted day pushes the bound one day on, so every day of a run that began in time counts.
        count.days += ((last - first).num_days() + 1) as u32;
        count.ranges.push((first, last));
    }
    count
}

fn days_in_union(ranges: &mut [(NaiveDate, NaiveDate)]) -> u32 {
    ranges.sort();
    let mut days = 0;
    let mut covered: Option<NaiveDate> = None;
    for &(a, b) in ranges.iter() {
        let from = match covered {
            Some(c) if c >= a => c + Days::new(1),
            _ => a,
        };
        if b >= from {
            days += ((b - from).num_days() + 1) as u32;
        }
        covered = Some(covered.map_or(b, |c| c.max(b)));
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn w(a: &str, b: &str) -> Interval {
        Interval { asked: d(a), last: d(b) }
    }

    #[test]
    fn overlapping_waits_count_each_day_once() {
        let p = count_pauses(
            d("2026-03-02"),
            d("2026-04-02"),
            &[w("2026-03-03", "2026-03-12"), w("2026-03-05", "2026-03-14")],
            "",
        );
        assert_eq!(p.days, 12);
        assert_eq!(p.ranges, vec![(d("2026-03-03"), d("2026-03-14"))]);
    }

    #[test]
    fn a_wait_after_the_period_ran_out_moves_nothing() {
        let p = count_pauses(d("2026-03-02"), d("2026-04-02"), &[w("2026-04-20", "2026-04-25")], "");
        assert_eq!(p.days, 0);
        assert_eq!(p.after_expiry, vec![(d("2026-04-20"), d("2026-04-02"))]);
    }

    #[test]
    fn a_wait_in_time_lets_a_later_one_count() {
        // 10 days counted push the end to 12 Apr; a wait from 10 Apr then still counts.
        let p = count_pauses(
            d("2026-03-02"),
            d("2026-04-02"),
            &[w("2026-03-03", "2026-03-12"), w("2026-04-10", "2026-04-11")],
            "",
        );
        assert_eq!(p.days, 12);
    }

    #[test]
    fn days_before_the_start_are_not_counted() {
        let p = count_pauses(
            d("2026-03-06"),
            d("2026-04-06"),
            &[w("2026-03-04", "2026-03-13"), w("2026-03-03", "2026-03-05")],
            "",
        );
        assert_eq!(p.days, 8);
        assert_eq!(p.before_start, 3);
    }
}
