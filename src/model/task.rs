//! Tasks: the work of answering a request (systems to search, recipients to tell, a review), each
//! with an internal due date set by hand or counted back from the response date.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::profile::Processing;
use super::validate;
use super::vocab::{Right, TaskKind};
use crate::error::{Error, Result};

/// The most working days a task may be due before the response date.
pub const MAX_DAYS_BEFORE: u32 = 250;

/// A task as typed in a form or given as flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct TaskInput {
    pub title: String,
    /// search-system, tell-recipient, retrieve-records, review or other (default other).
    pub kind: Option<String>,
    pub assignee: Option<String>,
    /// A party of the address book the task is with (a processor, the DPO…), by id.
    pub party: Option<i64>,
    /// A date set by hand (`YYYY-MM-DD`)…
    pub due: Option<String>,
    /// …or this many working days before the response date.
    pub days_before: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    pub title: String,
    pub kind: TaskKind,
    pub assignee: Option<String>,
    pub party: Option<i64>,
    pub due: Option<NaiveDate>,
    pub days_before: Option<u32>,
}

impl TaskInput {
    pub fn validate(&self) -> Result<NewTask> {
        let kind = match self.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            Some(k) => k.parse().map_err(|e: Error| e.in_field("kind"))?,
            None => TaskKind::Other,
        };
        let due = match self.due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(validate::date("due", d)?),
            None => None,
        };
        if due.is_some() && self.days_before.is_some() {
            return Err(Error::invalid_field(
                "due",
                "give a due date or a number of days before the response date, not both",
            ));
        }
        if self.days_before.is_some_and(|n| n > MAX_DAYS_BEFORE) {
            return Err(Error::invalid_field("days_before", format!("days_before must be 0 to {MAX_DAYS_BEFORE}")));
        }
        Ok(NewTask {
            title: validate::line("title", &self.title)?,
            kind,
            assignee: validate::optional_line("assignee", self.assignee.as_deref())?,
            party: self.party,
            due,
            days_before: self.days_before,
        })
    }
}

/// A task every new request for a right gets, due `days_before` working days before its response date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TaskTemplate {
    pub title: String,
    pub kind: TaskKind,
    pub days_before: u32,
}

impl TaskTemplate {
    fn new(title: impl Into<String>, kind: TaskKind, days_before: u32) -> TaskTemplate {
        TaskTemplate { title: title.into(), kind, days_before }
    }
}

/// The tasks a new request for `rights` gets: the office's own list for a right where it keeps
/// one (`task_templates` in the profile), else the defaults drawn from what it processes: a search
/// per source of data to answer access, a message per recipient to carry out erasure (GDPR Art. 19,
/// CCPA §1798.105(c)), and a review of the response. Each title once.
pub fn templates_for(
    rights: &[Right],
    own: &BTreeMap<String, Vec<TaskTemplate>>,
    processing: &Processing,
) -> Vec<TaskTemplate> {
    use Right::*;
    let mut out: Vec<TaskTemplate> = Vec::new();
    for right in rights {
        let list = match own.get(right.as_str()) {
            Some(list) => list.clone(),
            None => match right {
                Access | Portability | Know | Disclosure | ThirdPartyRecords => processing
                    .data_categories
                    .iter()
                    .map(|c| {
                        TaskTemplate::new(format!("Search the records of: {}", c.source), TaskKind::SearchSystem, 10)
                    })
                    .collect(),
                Erasure | Delete | Cessation | Restriction | Rectification | Correct | Correction => processing
                    .recipients
                    .iter()
                    .map(|r| TaskTemplate::new(format!("Tell the recipient: {r}"), TaskKind::TellRecipient, 5))
                    .collect(),
                _ => Vec::new(),
            },
        };
        for t in list {
            if !out.iter().any(|o| o.title == t.title) {
                out.push(t);
            }
        }
    }
    if !rights.is_empty() && !own.values().flatten().any(|t| t.kind == TaskKind::Review) {
        out.push(TaskTemplate::new("Review the response before it is sent", TaskKind::Review, 2));
    }
    out
}

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub kind: TaskKind,
    pub assignee: Option<String>,
    /// The address-book party the task is with, and its name.
    pub party_id: Option<i64>,
    pub party: Option<String>,
    pub due: Option<NaiveDate>,
    /// Working days before the response date, when the due date is counted from it.
    pub days_before: Option<u32>,
    /// Why the task is due then.
    pub basis: String,
    pub done_on: Option<NaiveDate>,
    pub evidence: String,
    /// The correspondence item holding the evidence file, when one was kept.
    pub evidence_item: Option<i64>,
    /// Due after the case's response date: allowed, but the work would come too late.
    pub after_response_date: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_tasks_name_their_field() {
        let ok = TaskInput { title: "Search the CRM".into(), ..TaskInput::default() };
        assert_eq!(ok.validate().unwrap().kind, TaskKind::Other);
        for (bad, field) in [
            (TaskInput { title: " ".into(), ..ok.clone() }, "title"),
            (TaskInput { kind: Some("dig".into()), ..ok.clone() }, "kind"),
            (TaskInput { due: Some("tomorrow".into()), ..ok.clone() }, "due"),
            (TaskInput { due: Some("2026-12-01".into()), days_before: Some(3), ..ok.clone() }, "due"),
            (TaskInput { days_before: Some(400), ..ok.clone() }, "days_before"),
        ] {
            assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some(field), "{bad:?}");
        }
    }

    #[test]
    fn an_erasure_tells_each_recipient_and_an_access_searches_each_source() {
        let p = crate::model::OrganisationProfile::sample();
        let erasure = templates_for(&[Right::Erasure], &BTreeMap::new(), &p.processing);
        assert_eq!(erasure.iter().filter(|t| t.kind == TaskKind::TellRecipient).count(), p.processing.recipients.len());
        let access = templates_for(&[Right::Access, Right::Portability], &BTreeMap::new(), &p.processing);
        assert_eq!(
            access.iter().filter(|t| t.kind == TaskKind::SearchSystem).count(),
            p.processing.data_categories.len()
        );
        assert_eq!(access.last().unwrap().kind, TaskKind::Review);
        let own = BTreeMap::from([(
            "erasure".to_string(),
            vec![TaskTemplate::new("Run the deletion job", TaskKind::Other, 4)],
        )]);
        let mine = templates_for(&[Right::Erasure], &own, &p.processing);
        assert_eq!(mine[0].title, "Run the deletion job");
    }
}
