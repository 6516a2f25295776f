//! Tasks on a case: added by hand or from the profile's templates when a request is opened, done
//! with a date and evidence. A task counted back from the response date is redated whenever that
//! date moves (a pause, an extension, a closure day), with its basis.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::deadlines::RuleContext;
use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::{validate, Attachment, NewTask, Regime, Right, Task};

fn case_of(w: &Write<'_>, reference: &str) -> Result<(i64, Regime)> {
    w.tx.one("SELECT id, regime FROM cases WHERE reference = ?1", [reference], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no case with reference {}", validate::printable(reference))))
}

/// Adds a task inside a write, undated until `redate`; returns its id.
fn insert(w: &Write<'_>, case_id: i64, task: &NewTask) -> Result<i64> {
    if let Some(id) = task.party {
        if super::parties::party_in(w, id, "party")?.retired_on.is_some() {
            return Err(Error::invalid_field(
                "party",
                format!("party {id} is retired; bring it back to give it tasks"),
            ));
        }
    }
    let basis = if task.due.is_some() { format!("Set by hand on {}", w.today) } else { String::new() };
    w.tx.run(
        "INSERT INTO case_tasks (case_id, title, kind, assignee, party_id, days_before, due_on, basis, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![case_id, task.title, task.kind, task.assignee, task.party, task.days_before, task.due, basis, w.now],
    )?;
    Ok(w.tx.last_insert_rowid())
}

/// The template tasks of a request just opened, for its rights.
pub(super) fn from_templates(w: &Write<'_>, ctx: &RuleContext, case_id: i64, rights: &[Right]) -> Result<usize> {
    let profile = ctx.profile();
    let templates = crate::model::task::templates_for(rights, &profile.task_templates, &profile.processing);
    for t in &templates {
        let task = NewTask {
            title: t.title.clone(),
            kind: t.kind,
            assignee: None,
            party: None,
            due: None,
            days_before: Some(t.days_before),
        };
        insert(w, case_id, &task)?;
    }
    redate(w, ctx, case_id)?;
    Ok(templates.len())
}

/// Dates the open tasks counted back from the case's response date (none while it has none).
pub(super) fn redate(w: &Write<'_>, ctx: &RuleContext, case_id: i64) -> Result<()> {
    let (respond, regime): (Option<NaiveDate>, Regime) =
        w.tx.one("SELECT due_on, regime FROM cases WHERE id = ?1", [case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let counted: Vec<(i64, u32)> = {
        let mut stmt = w.tx.prepare_cached(
            "SELECT id, days_before FROM case_tasks WHERE case_id = ?1 AND days_before IS NOT NULL AND done_on IS NULL",
        )?;
        let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let days = ctx.working_days(regime);
    for (id, n) in counted {
        let (due, basis) = match respond {
            Some(respond) => (
                Some(days.sub_working_days(respond, n)?),
                format!(
                    "{n} working days before the response date ({respond}), on the {} calendar and the office's closure days",
                    days.calendar
                ),
            ),
            None => (None, "Counted from the response date, which the case does not have now".to_string()),
        };
        w.tx.run(
            "UPDATE case_tasks SET due_on = ?2, basis = ?3 WHERE id = ?1 AND (due_on IS NOT ?2 OR basis IS NOT ?3)",
            params![id, due, basis],
        )?;
    }
    Ok(())
}

impl Store {
    /// Adds a task to an open case.
    pub fn add_task(&mut self, reference: &str, task: &NewTask) -> Result<Task> {
        let id = self.write(|w| {
            let (case_id, _) = case_of(w, reference)?;
            let open: bool = w.tx.one(
                &format!("SELECT status IN ({}) FROM cases WHERE id = ?1", super::sql_list(crate::model::flow::OPEN)),
                [case_id],
                |r| r.get(0),
            )?;
            if !open {
                return Err(Error::transition(format!("{reference} is no longer open; tasks are for open cases")));
            }
            let id = insert(w, case_id, task)?;
            redate(w, &RuleContext::load(&w.tx)?, case_id)?;
            w.audit(
                "task.add",
                Some(reference),
                json!({ "task": [null, { "id": id, "title": task.title, "kind": task.kind, "due": task.due,
                                          "days_before": task.days_before, "assignee": task.assignee,
                                          "party": task.party }] }),
            )?;
            Ok(id)
        })?;
        self.task(reference, id)
    }

    /// Marks a task done on `on` (not in the future, not before the case was received), with
    /// evidence: a note and, when given, files kept as an internal item of the case's correspondence.
    pub fn complete_task(
        &mut self,
        reference: &str,
        id: i64,
        on: NaiveDate,
        evidence: &str,
        files: &[Attachment],
    ) -> Result<Task> {
        let evidence = validate::text("evidence", evidence)?;
        self.write(|w| {
            let (case_id, _) = case_of(w, reference)?;
            let received: NaiveDate =
                w.tx.one("SELECT received_date FROM cases WHERE id = ?1", [case_id], |r| r.get(0))?;
            if on > w.today {
                return Err(Error::invalid_field("on", "on must not be in the future"));
            }
            if on < received {
                return Err(Error::invalid_field(
                    "on",
                    format!("on must not be before {reference} was received ({received})"),
                ));
            }
            let title: String =
                w.tx.one(
                    "SELECT title FROM case_tasks WHERE id = ?1 AND case_id = ?2 AND done_on IS NULL",
                    params![id, case_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::not_found(format!("{reference} has no open task {id}")))?;
            let item = match files {
                [] => None,
                files => Some(super::correspondence::evidence_item(w, case_id, on, &title, &evidence, files)?),
            };
            w.tx.run(
                "UPDATE case_tasks SET done_on = ?3, evidence = ?4, evidence_item = ?5 WHERE id = ?1 AND case_id = ?2",
                params![id, case_id, on, evidence, item],
            )?;
            let mut changes = json!({ "task": [id, id], "done_on": [null, on] });
            if let Some(item) = item {
                changes["evidence_item"] = json!([null, item]);
                changes["attachments"] = json!([null, super::correspondence::digests(files)]);
            }
            w.audit("task.done", Some(reference), changes)
        })?;
        self.task(reference, id)
    }

    /// A case's tasks: open ones by due date first, then the done ones.
    pub fn tasks(&self, reference: &str) -> Result<Vec<Task>> {
        let tasks = self.read_tasks("WHERE c.reference = ?1", [reference])?;
        if tasks.is_empty() {
            self.case(reference)?;
        }
        Ok(tasks)
    }

    fn task(&self, reference: &str, id: i64) -> Result<Task> {
        self.read_tasks("WHERE c.reference = ?1 AND t.id = ?2", params![reference, id])?
            .pop()
            .ok_or_else(|| Error::not_found(format!("{reference} has no task {id}")))
    }

    fn read_tasks(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Task>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT t.id, t.title, t.kind, t.assignee, t.due_on, t.days_before, t.basis, t.done_on, t.evidence,
                    t.party_id, p.name, t.evidence_item, coalesce(t.due_on > c.due_on, 0)
             FROM case_tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN parties p ON p.id = t.party_id {filter}
             ORDER BY t.done_on IS NOT NULL, t.due_on IS NULL, t.due_on, t.id"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok(Task {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                assignee: r.get(3)?,
                due: r.get(4)?,
                days_before: r.get(5)?,
                basis: r.get(6)?,
                done_on: r.get(7)?,
                evidence: r.get(8)?,
                party_id: r.get(9)?,
                party: r.get(10)?,
                evidence_item: r.get(11)?,
                after_response_date: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open tasks on open cases: how many, and how many are past their due date.
    pub fn open_task_counts(&self) -> Result<(u64, u64)> {
        let open = super::sql_list(crate::model::flow::OPEN);
        Ok(self.conn().one(
            &format!(
                "SELECT count(*), count(*) FILTER (WHERE t.due_on < ?1) FROM case_tasks t JOIN cases c ON c.id = t.case_id
                 WHERE t.done_on IS NULL AND c.status IN ({open})"
            ),
            [self.today()],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )?)
    }
}
