//! Yearly figures: CCPA §7102 metrics and an annual summary per regime and right. Pure: the store
//! supplies one row per case and right, today is an argument.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
pub use crate::model::ReportRow;
use crate::model::{LateReason, Outcome, Regime, Status};

/// Figures for one right (or one regime and right).
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Figures {
    pub received: u64,
    pub complied: u64,
    pub complied_in_part: u64,
    pub denied: u64,
    pub withdrawn: u64,
    /// Denials by the reason given.
    pub denied_by_reason: BTreeMap<String, u64>,
    pub answered: u64,
    pub answered_on_time: u64,
    /// Answered late, by the reason the office gave.
    pub late_by_reason: BTreeMap<String, u64>,
    /// Share of answered requests answered by their due date, in percent.
    pub on_time_percent: Option<f64>,
    pub median_days: Option<f64>,
    pub mean_days: Option<f64>,
    /// Still open and past the due date.
    pub overdue_now: u64,
    /// Received per month, January first.
    pub by_month: [u64; 12],
}

impl Figures {
    fn add(&mut self, row: &ReportRow, today: NaiveDate, days: &mut Vec<i64>) {
        self.received += 1;
        self.by_month[row.received.month0() as usize] += 1;
        match row.outcome {
            Some(Outcome::Complied) => self.complied += 1,
            Some(Outcome::CompliedInPart) => self.complied_in_part += 1,
            Some(o @ (Outcome::Denied | Outcome::IdFailed)) => {
                // A request whose requester could not be verified is denied (11 CCR §7102 counts it so).
                self.denied += 1;
                let reason = match (&row.outcome_reason, o) {
                    (Some(r), _) => r.clone(),
                    (None, Outcome::IdFailed) => "(identity could not be verified)".into(),
                    (None, _) => "(no reason recorded)".into(),
                };
                *self.denied_by_reason.entry(reason).or_default() += 1;
            }
            Some(Outcome::Withdrawn) => self.withdrawn += 1,
            None => {}
        }
        if let (Some(answered), true) = (row.answered, row.outcome != Some(Outcome::Withdrawn)) {
            self.answered += 1;
            days.push((answered - row.received).num_days());
            if row.due.is_none_or(|due| answered <= due) {
                self.answered_on_time += 1;
            } else {
                let reason = row.late_reason.map_or("(no reason recorded)", LateReason::as_str);
                *self.late_by_reason.entry(reason.to_string()).or_default() += 1;
            }
        } else if !row.status.is_final() && row.status != Status::Responded && row.due.is_some_and(|due| due < today) {
            self.overdue_now += 1;
        }
    }

    fn finish(&mut self, mut days: Vec<i64>) {
        if self.answered > 0 {
            self.on_time_percent = Some(round1(100.0 * self.answered_on_time as f64 / self.answered as f64));
        }
        if !days.is_empty() {
            days.sort_unstable();
            let n = days.len();
            let median = if n % 2 == 1 { days[n / 2] as f64 } else { (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0 };
            self.median_days = Some(median);
            self.mean_days = Some(round1(days.iter().sum::<i64>() as f64 / n as f64));
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// CCPA §7102: per right, for requests received in `year`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ccpa7102 {
    pub year: i32,
    pub rights: BTreeMap<String, Figures>,
}

/// The annual summary: per regime, per right.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annual {
    pub year: i32,
    pub regimes: BTreeMap<String, BTreeMap<String, Figures>>,
}

fn aggregate<'a>(rows: impl Iterator<Item = &'a ReportRow>, today: NaiveDate) -> Figures {
    let mut f = Figures::default();
    let mut days = Vec::new();
    for row in rows {
        f.add(row, today, &mut days);
    }
    f.finish(days);
    f
}

pub fn ccpa_7102(rows: &[ReportRow], year: i32, today: NaiveDate) -> Ccpa7102 {
    let in_year = |r: &&ReportRow| r.regime == Regime::Ccpa && r.received.year() == year;
    let rights = Regime::Ccpa
        .rights()
        .iter()
        .map(|right| (right.to_string(), aggregate(rows.iter().filter(in_year).filter(|r| r.right == *right), today)))
        .collect();
    Ccpa7102 { year, rights }
}

pub fn annual(rows: &[ReportRow], year: i32, regime: Option<Regime>, today: NaiveDate) -> Annual {
    let regimes = Regime::ALL
        .iter()
        .filter(|r| regime.is_none_or(|only| only == **r))
        .map(|reg| {
            let per_right = reg
                .rights()
                .iter()
                .map(|right| {
                    let rows =
                        rows.iter().filter(|r| r.regime == *reg && r.right == *right && r.received.year() == year);
                    (right.to_string(), aggregate(rows, today))
                })
                .collect();
            (reg.to_string(), per_right)
        })
        .collect();
    Annual { year, regimes }
}

/// One line of a report: a right under a regime, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Line {
    pub regime: String,
    pub right: String,
    pub figures: Figures,
}

/// A report by name, as both the CLI and the window produce it: `value` is the JSON the CLI
/// prints, `lines` the same figures flattened for tables, CSV and PDF.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Report {
    pub kind: String,
    pub year: i32,
    pub title: String,
    pub value: serde_json::Value,
    pub lines: Vec<Line>,
}

/// Builds the `ccpa-7102` or `annual` report for `year` (annual optionally for one regime).
pub fn build(rows: &[ReportRow], kind: &str, year: i32, regime: Option<Regime>, today: NaiveDate) -> Result<Report> {
    if !(1990..=2100).contains(&year) {
        return Err(Error::validation(format!("year {year} is outside 1990–2100")));
    }
    let line = |regime: &str, right: &String, f: &Figures| Line {
        regime: regime.to_string(),
        right: right.clone(),
        figures: f.clone(),
    };
    let (title, value, lines) = match kind {
        "ccpa-7102" => {
            let r = ccpa_7102(rows, year, today);
            let lines = r.rights.iter().map(|(right, f)| line("ccpa", right, f)).collect();
            (format!("CCPA §7102 metrics for {year}"), serde_json::to_value(&r), lines)
        }
        "annual" => {
            let r = annual(rows, year, regime, today);
            let lines = r
                .regimes
                .iter()
                .flat_map(|(reg, rights)| rights.iter().map(move |(right, f)| line(reg, right, f)))
                .collect();
            (format!("Annual summary of rights requests, {year}"), serde_json::to_value(&r), lines)
        }
        other => {
            return Err(Error::validation(format!(
                "unknown report '{}' (expected ccpa-7102 or annual)",
                crate::model::validate::printable(other)
            )))
        }
    };
    let value = value.map_err(|e| Error::storage(format!("report: {e}")))?;
    Ok(Report { kind: kind.to_string(), year, title, value, lines })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Right;

    fn row(right: Right, received: &str, answered: Option<&str>, due: &str, outcome: Option<Outcome>) -> ReportRow {
        ReportRow {
            reference: "DSR-2025-0001".into(),
            regime: Regime::Ccpa,
            right,
            status: if answered.is_some() { Status::Closed } else { Status::InProgress },
            outcome,
            outcome_reason: (outcome == Some(Outcome::Denied)).then(|| "Unverified".into()),
            received: received.parse().unwrap(),
            answered: answered.map(|a| a.parse().unwrap()),
            due: Some(due.parse().unwrap()),
            late_reason: None,
        }
    }

    #[test]
    fn ccpa_figures_per_right() {
        let today: NaiveDate = "2026-06-01".parse().unwrap();
        let rows = [
            row(Right::Know, "2025-01-10", Some("2025-02-01"), "2025-02-24", Some(Outcome::Complied)),
            row(Right::Know, "2025-03-01", Some("2025-05-01"), "2025-04-15", Some(Outcome::CompliedInPart)),
            row(Right::Know, "2025-03-05", Some("2025-03-15"), "2025-04-19", Some(Outcome::Denied)),
            row(Right::Delete, "2025-07-01", None, "2025-08-15", None),
            row(Right::Know, "2024-12-30", Some("2025-01-10"), "2025-02-13", Some(Outcome::Complied)),
        ];
        let r = ccpa_7102(&rows, 2025, today);
        let know = &r.rights["know"];
        assert_eq!((know.received, know.complied, know.complied_in_part, know.denied), (3, 1, 1, 1));
        assert_eq!(know.denied_by_reason["Unverified"], 1);
        // 22, 61 and 10 days: median 22, mean 31.
        assert_eq!((know.median_days, know.mean_days), (Some(22.0), Some(31.0)));
        assert_eq!(know.on_time_percent, Some(66.7));
        assert_eq!(know.by_month[2], 2);
        assert_eq!(r.rights["delete"].overdue_now, 1);
        assert_eq!(r.rights["opt-out"].received, 0);
    }
}
