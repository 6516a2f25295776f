//! What the DPO looks at: the dashboard counts and the deadline calendar.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter};

use super::Store;
use crate::error::Result;
use crate::model::{flow::OPEN, BreachClock, CalendarEntry, CalendarFilter, Dashboard, DueState, ReplyOwed};

/// The deadlines worth showing: the case's headline dates (each right's own dates stay on the
/// case), an extended date only once the case was extended, and an extension-notice date only
/// where it differs from the response date.
pub(super) const APPLICABLE: &str = "d.\"right\" IS NULL AND (d.kind <> 'extended-respond'
       OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'extended'))
  AND NOT (d.kind = 'extension-notice' AND EXISTS (SELECT 1 FROM deadlines r
       WHERE r.case_id = d.case_id AND r.kind = 'respond' AND r.\"right\" IS NULL AND r.due_on = d.due_on))";

impl Store {
    pub fn dashboard(&self) -> Result<Dashboard> {
        let today = self.today();
        let week_end = today + Days::new(7);
        let open = super::sql_list(OPEN);
        let (overdue, due_today, due_this_week, awaiting, total): (i64, i64, i64, i64, i64) = self.conn().query_row(
            &format!(
                "SELECT
                   count(*) FILTER (WHERE due_on < ?1 AND status <> 'awaiting-information'),
                   count(*) FILTER (WHERE due_on = ?1 AND status <> 'awaiting-information'),
                   count(*) FILTER (WHERE due_on > ?1 AND due_on <= ?2 AND status <> 'awaiting-information'),
                   count(*) FILTER (WHERE status = 'awaiting-information'),
                   count(*)
                 FROM cases WHERE status IN ({open})"
            ),
            [today.to_string(), week_end.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let group = |column: &str| -> Result<BTreeMap<String, u64>> {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT {column}, count(*) FROM cases WHERE status IN ({open}) GROUP BY {column}"
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let (open_tasks, overdue_tasks) = self.open_task_counts()?;
        Ok(Dashboard {
            today,
            open_tasks,
            overdue_tasks,
            overdue: overdue as u64,
            due_today: due_today as u64,
            due_this_week: due_this_week as u64,
            awaiting_information: awaiting as u64,
            open: total as u64,
            open_by_regime: group("regime")?,
            open_by_kind: group("kind")?,
            replies_owed: self.replies_owed()?,
            breach_clocks: self
                .open_breach_clocks()?
                .into_iter()
                .map(|(reference, c)| BreachClock {
                    reference,
                    kind: c.clock.kind.to_string(),
                    who: c.who,
                    due_at: c.clock.due_at,
                    hours_left: c.hours_left.unwrap_or_default(),
                    target: c.clock.target,
                    met: false,
                })
                .collect(),
        })
    }

    /// Every breach clock (met or not) running out between two local dates of the office, soonest first.
    pub fn breach_clocks_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<BreachClock>> {
        let zone = self.zone();
        let mut out = Vec::new();
        for s in self.breaches()? {
            for c in self.breach(&s.reference)?.clocks {
                let day = c.clock.due_at.with_timezone(&zone).date_naive();
                if day < from || day > to || (s.closed_at.is_some() && c.met_at.is_none()) {
                    continue;
                }
                out.push(BreachClock {
                    reference: s.reference.clone(),
                    kind: c.clock.kind.to_string(),
                    met: c.met_at.is_some(),
                    hours_left: c.hours_left.unwrap_or_default(),
                    target: c.clock.target,
                    due_at: c.clock.due_at,
                    who: c.who,
                });
            }
        }
        out.sort_by_key(|c| c.due_at);
        Ok(out)
    }

    fn replies_owed(&self) -> Result<Vec<ReplyOwed>> {
        let open = super::sql_list(OPEN);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT c.reference, d.label, d.due_on FROM deadlines d JOIN cases c ON c.id = d.case_id
             WHERE d.correspondence_id IS NOT NULL AND d.met_on IS NULL AND c.status IN ({open})
             ORDER BY d.due_on, c.reference LIMIT 10"
        ))?;
        let rows = stmt.query_map([], |r| Ok(ReplyOwed { reference: r.get(0)?, label: r.get(1)?, due: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every deadline due from `from` to `to` (inclusive) that applies: an extended date only once
    /// the case was extended, and an extension-notice date only where it differs from the response date.
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate, filter: &CalendarFilter) -> Result<Vec<CalendarEntry>> {
        let mut sql = String::from(
            "SELECT c.reference, c.kind, c.regime, c.assignee, d.kind, d.due_on, d.met_on FROM deadlines d
             JOIN cases c ON c.id = d.case_id
             WHERE d.due_on BETWEEN ?1 AND ?2 AND ",
        );
        sql.push_str(APPLICABLE);
        let mut args = vec![Sql::Text(from.to_string()), Sql::Text(to.to_string())];
        if let Some(r) = filter.regime {
            sql.push_str(&format!(" AND c.regime = ?{}", args.len() + 1));
            args.push(Sql::Text(r.as_str().into()));
        }
        if let Some(k) = filter.kind {
            sql.push_str(&format!(" AND c.kind = ?{}", args.len() + 1));
            args.push(Sql::Text(k.as_str().into()));
        }
        if let Some(a) = filter.assignee.as_deref().filter(|a| !a.is_empty()) {
            sql.push_str(&format!(" AND c.assignee = ?{}", args.len() + 1));
            args.push(Sql::Text(a.into()));
        }
        sql.push_str(" ORDER BY d.due_on, c.reference");
        let today = self.today();
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            let due: NaiveDate = r.get(5)?;
            let met: Option<NaiveDate> = r.get(6)?;
            Ok(CalendarEntry {
                reference: r.get(0)?,
                kind: r.get(1)?,
                regime: r.get(2)?,
                assignee: r.get(3)?,
                deadline: r.get(4)?,
                due,
                state: DueState::of(due, met.is_some(), today),
            })
        })?;
        let mut entries: Vec<CalendarEntry> = rows.collect::<rusqlite::Result<_>>()?;
        if filter.tasks {
            entries.extend(self.task_dates(from, to, filter)?);
            entries.sort_by(|a, b| (a.due, &a.reference).cmp(&(b.due, &b.reference)));
        }
        Ok(entries)
    }

    /// Tasks due between `from` and `to`, as calendar entries: open ones on open cases, and done ones.
    fn task_dates(&self, from: NaiveDate, to: NaiveDate, filter: &CalendarFilter) -> Result<Vec<CalendarEntry>> {
        let open = super::sql_list(OPEN);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT c.reference, c.kind, c.regime, coalesce(t.assignee, p.name, c.assignee), t.due_on, t.done_on
             FROM case_tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN parties p ON p.id = t.party_id
             WHERE t.due_on BETWEEN ?1 AND ?2 AND (t.done_on IS NOT NULL OR c.status IN ({open}))
               AND (?3 IS NULL OR c.regime = ?3) AND (?4 IS NULL OR c.kind = ?4)
               AND (?5 IS NULL OR coalesce(t.assignee, p.name, c.assignee) = ?5)"
        ))?;
        let today = self.today();
        let assignee = filter.assignee.as_deref().filter(|a| !a.is_empty());
        let rows = stmt.query_map(params![from, to, filter.regime, filter.kind, assignee], |r| {
            let due: NaiveDate = r.get(4)?;
            let done: Option<NaiveDate> = r.get(5)?;
            Ok(CalendarEntry {
                reference: r.get(0)?,
                kind: r.get(1)?,
                regime: r.get(2)?,
                assignee: r.get(3)?,
                deadline: "task".into(),
                due,
                state: DueState::of(due, done.is_some(), today),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every open deadline of every open case, and the internal dates of their open tasks (for
    /// calendar export), soonest first.
    pub fn open_deadlines(&self, with_names: bool) -> Result<Vec<crate::model::IcsDeadline>> {
        let open = super::sql_list(OPEN);
        let mut stmt = self.conn().prepare(&format!(
            "SELECT c.reference, c.regime, CASE WHEN d.correspondence_id IS NULL THEN d.kind ELSE 'reply' END AS kind,
                    d.due_on AS due, p.name, d.id, d.label FROM deadlines d
             JOIN cases c ON c.id = d.case_id JOIN people p ON p.id = c.requester_id
             WHERE c.status IN ({open}) AND d.met_on IS NULL AND {APPLICABLE}
             UNION ALL
             SELECT c.reference, c.regime, 'task', t.due_on, p.name, t.id, t.title FROM case_tasks t
             JOIN cases c ON c.id = t.case_id JOIN people p ON p.id = c.requester_id
             WHERE c.status IN ({open}) AND t.done_on IS NULL AND t.due_on IS NOT NULL
             ORDER BY due, 1, kind"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(crate::model::IcsDeadline {
                reference: r.get(0)?,
                regime: r.get(1)?,
                kind: r.get(2)?,
                due: r.get(3)?,
                requester: if with_names { Some(r.get(4)?) } else { None },
                id: r.get(5)?,
                label: if with_names { r.get(6)? } else { None },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One row per request and right, for the yearly reports.
    pub fn report_rows(&self) -> Result<Vec<crate::model::ReportRow>> {
        let refusals = crate::model::letter_flow::REFUSALS.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>();
        // Answered when a response or a refusal left; failing both, when the case was closed or rejected.
        let answered = format!(
            "coalesce((SELECT min(d) FROM (
                  SELECT e.occurred_on AS d FROM case_events e WHERE e.case_id = c.id AND e.type = 'responded'
                     AND (e.\"right\" IS NULL OR e.\"right\" = r.\"right\")
                  UNION ALL SELECT co.occurred_on FROM letters l JOIN correspondence co ON co.id = l.correspondence_id
                   WHERE l.case_id = c.id AND l.template IN ({}))),
               (SELECT min(occurred_on) FROM case_events e WHERE e.case_id = c.id AND e.type IN ('closed', 'rejected')
                  AND (e.\"right\" IS NULL OR e.\"right\" = r.\"right\")))",
            refusals.join(", ")
        );
        let due = applicable_due("c.id", "r.\"right\"");
        let mut stmt = self.conn().prepare(&format!(
            "SELECT c.reference, c.regime, r.\"right\", c.status,
                    coalesce((SELECT e.outcome FROM case_events e WHERE e.case_id = c.id AND e.\"right\" = r.\"right\"
                                AND e.type = 'closed' ORDER BY e.id LIMIT 1), c.outcome),
                    c.outcome_reason, c.received_date,
                    {answered}, ({due}), c.late_reason
             FROM cases c JOIN case_rights r ON r.case_id = c.id
             WHERE c.kind = 'request' ORDER BY c.id, r.position",
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(crate::model::ReportRow {
                reference: r.get(0)?,
                regime: r.get(1)?,
                right: r.get(2)?,
                status: r.get(3)?,
                outcome: r.get(4)?,
                outcome_reason: r.get(5)?,
                received: r.get(6)?,
                answered: r.get(7)?,
                due: r.get(8)?,
                late_reason: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deadlines due today or within `days` days that are not met: what a due-soon alert names.
    pub fn due_soon(&self, days: u64) -> Result<Vec<CalendarEntry>> {
        let today = self.today();
        let entries = self.calendar(today, today + Days::new(days), &CalendarFilter::default())?;
        Ok(entries.into_iter().filter(|e| matches!(e.state, DueState::DueToday | DueState::DueSoon)).collect())
    }

    /// The people cases are assigned to, for filters.
    pub fn assignees(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT DISTINCT assignee FROM cases WHERE assignee IS NOT NULL ORDER BY assignee")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// SQL for the response date that applies to a case (`case_id`) and right (`right`, or NULL): the
/// extended one once the case or that right was extended.
pub(super) fn applicable_due(case_id: &str, right: &str) -> String {
    format!(
        "SELECT d.due_on FROM deadlines d WHERE d.case_id = {case_id}
           AND (d.\"right\" IS NULL OR d.\"right\" = {right})
           AND d.kind = CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = {case_id}
                              AND e.type = 'extended' AND (e.\"right\" IS NULL OR e.\"right\" = {right}))
                         THEN 'extended-respond' ELSE 'respond' END
         ORDER BY d.\"right\" IS NULL LIMIT 1"
    )
}
