//! What the record answers when asked: the dashboard, the calendar, the case list's filter, the
//! rows of reports and calendar feeds, retention and backups. The store fills them; both faces
//! show them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::breach::BreachClock;
use super::case::DueState;
use super::vocab::{Kind, LateReason, Outcome, Regime, Right, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Dashboard {
    pub today: NaiveDate,
    pub overdue: u64,
    pub due_today: u64,
    /// Due in the next 7 days, today excluded.
    pub due_this_week: u64,
    /// Waiting for identity or clarification: the clock is stopped.
    pub awaiting_information: u64,
    pub open: u64,
    pub open_by_regime: BTreeMap<String, u64>,
    pub open_by_kind: BTreeMap<String, u64>,
    /// Replies incoming items asked for and not yet given, soonest first (at most ten).
    pub replies_owed: Vec<ReplyOwed>,
    /// Tasks not done on open cases, and how many of them are past their internal date.
    pub open_tasks: u64,
    pub overdue_tasks: u64,
    /// The clocks of open breaches not yet met, soonest first: hours, not months.
    pub breach_clocks: Vec<BreachClock>,
}

/// A reply owed to a party (or the data subject) by a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ReplyOwed {
    pub reference: String,
    /// "Reply to …": whom it is owed to.
    pub label: String,
    pub due: NaiveDate,
}

/// One deadline on the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CalendarEntry {
    pub reference: String,
    pub kind: Kind,
    pub regime: Regime,
    pub assignee: Option<String>,
    /// acknowledge, respond, extension-notice, extended-respond, risk or manual.
    pub deadline: String,
    pub due: NaiveDate,
    pub state: DueState,
}

/// Which deadlines the calendar shows.
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    pub regime: Option<Regime>,
    pub kind: Option<Kind>,
    /// The case's assignee, or a task's own.
    pub assignee: Option<String>,
    /// The internal dates of tasks too (`task`), open ones on open cases and those done.
    pub tasks: bool,
}

/// Which cases to list, and which page of them.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub status: Option<Status>,
    /// Only cases in which the office still owes something (see `flow::OPEN`).
    pub open_only: bool,
    /// Only open cases whose clock is running (not awaiting information).
    pub running_only: bool,
    pub kind: Option<Kind>,
    pub regime: Option<Regime>,
    /// Only cases whose current response date is on or before this date.
    pub due_before: Option<NaiveDate>,
    /// Only cases whose current response date is on or after this date.
    pub due_after: Option<NaiveDate>,
    /// Text found in the reference, the requester's name or email, or the notes.
    pub search: Option<String>,
    pub sort: Sort,
    pub limit: Option<u32>,
    pub offset: u32,
}

/// The order of the case list. Each has an index that carries the filter's columns, so a page
/// costs the same at any size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Soonest response date first (none last), then newest received.
    #[default]
    Due,
    /// Newest received first.
    Received,
    /// By reference, oldest first (DSR-2025-… before DSR-2026-…).
    Reference,
    /// Most recently changed first.
    Updated,
}

/// One announcement: a case reference, what is due and when; never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub reference: String,
    /// The kind of deadline (`respond`, `acknowledge`…), `task`, or for a breach `breach notice to …`.
    pub what: String,
    pub due: NaiveDate,
    pub overdue: bool,
    /// What identifies the item across days and launches.
    #[serde(skip)]
    pub(crate) item: String,
}

/// A closed case whose retention period has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Expired {
    pub reference: String,
    pub regime: Regime,
    pub closed_on: NaiveDate,
    pub keep_until: NaiveDate,
}

/// Where a case stands with retention: on legal hold, and when its personal data was purged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RetentionState {
    pub legal_hold: bool,
    pub purged_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closure {
    pub day: NaiveDate,
    pub note: String,
}

/// A verified backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub date: Option<NaiveDate>,
    pub bytes: u64,
    pub cases: i64,
    pub audit_records: i64,
}

/// One deadline to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsDeadline {
    /// The deadline's row: several set by hand (or replies owed) on one case each keep their own UID.
    pub id: i64,
    pub reference: String,
    pub regime: String,
    /// acknowledge, respond, extension-notice, extended-respond, risk, manual, reply (a reply
    /// an incoming item asked for) or task (a task's internal date).
    pub kind: String,
    /// What a deadline set by hand, a reply or a task is about; only with names (it is free text).
    pub label: Option<String>,
    pub due: NaiveDate,
    /// Only when the user opts in to names in the calendar.
    pub requester: Option<String>,
}

/// One case, once per right it names (a case with two rights counts under both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub reference: String,
    pub regime: Regime,
    pub right: Right,
    pub status: Status,
    pub outcome: Option<Outcome>,
    pub outcome_reason: Option<String>,
    pub received: NaiveDate,
    /// The first substantive answer: responded, closed or rejected.
    pub answered: Option<NaiveDate>,
    /// The response date that applied: the extended one if the case was extended.
    pub due: Option<NaiveDate>,
    /// Why it was answered after `due`, when the office said.
    pub late_reason: Option<LateReason>,
}
