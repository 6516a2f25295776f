//! Letters: the exact PDF bytes and their SHA-256, stored with the case as a draft or as sent; a
//! draft approved (binding the hash) and sent (logged as outgoing correspondence, answering the
//! request when it is a response), each step one audited transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, Result};
use crate::model::letter_flow::{self, days_late, Dispatch, Purpose};
use crate::model::{
    flow, letter_flow::LetterRecord, Counterpart, DispatchMethod, EventType, Filing, ItemChannel, LetterFacts,
    LetterState, LetterText, NewEvent, Paper, Regime, Right, Status,
};

/// A stored letter's row, as the steps of its life read it.
struct Stored {
    id: i64,
    case_id: i64,
    number: usize,
    template: String,
    language: String,
    subject: String,
    created_at: DateTime<Utc>,
    sha256: String,
    state: LetterState,
}

const RECORD_COLUMNS: &str = "l.id, (SELECT count(*) FROM letters n WHERE n.case_id = l.case_id AND n.id <= l.id),
    l.template, l.language, l.paper, coalesce(l.subject, co.subject, ''), l.created_at, l.sha256, length(l.pdf),
    l.approved_by, l.approved_at, l.approval_note, co.occurred_on, l.sent_method, l.tracking, l.correspondence_id";

/// A letter's state from its row: sent once it has a correspondence item, approved once an
/// approval is on it, else a draft.
fn state_of(correspondence_item: Option<i64>, approved: bool) -> LetterState {
    match (correspondence_item, approved) {
        (Some(_), _) => LetterState::Sent,
        (None, true) => LetterState::Approved,
        (None, false) => LetterState::Draft,
    }
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<LetterRecord> {
    let sent: Option<i64> = r.get(15)?;
    let approved_at: Option<DateTime<Utc>> = r.get(10)?;
    Ok(LetterRecord {
        id: r.get(0)?,
        number: r.get::<_, i64>(1)? as usize,
        template: r.get(2)?,
        language: r.get(3)?,
        paper: r.get(4)?,
        subject: r.get(5)?,
        created_at: r.get(6)?,
        sha256: r.get(7)?,
        size: r.get(8)?,
        state: state_of(sent, approved_at.is_some()),
        approved_by: r.get(9)?,
        approved_at,
        approval_note: r.get(11)?,
        sent_on: r.get(12)?,
        sent_method: r.get(13)?,
        tracking: r.get(14)?,
    })
}

impl Store {
    /// Everything a letter about `reference` may say.
    pub fn letter_facts(&self, reference: &str) -> Result<LetterFacts> {
        let case = self.case_detail(reference)?;
        let mut profile = self.profile()?;
        profile.parties = Vec::new();
        Ok(LetterFacts { case, profile, parties: self.parties()?, today: self.today() })
    }

    /// Stores a rendered letter.
    pub fn record_letter(
        &mut self,
        reference: &str,
        text: &LetterText,
        paper: Paper,
        pdf: &[u8],
        filing: Filing,
    ) -> Result<LetterRecord> {
        let mut records = self.record_letters(&[(reference, text, paper, pdf)], filing)?;
        Ok(records.pop().expect("one letter in, one record out"))
    }

    /// Stores many letters in one transaction: all of them, or none. A letter the office approves
    /// before it goes out can only be stored as a draft.
    pub fn record_letters(
        &mut self,
        letters: &[(&str, &LetterText, Paper, &[u8])],
        filing: Filing,
    ) -> Result<Vec<LetterRecord>> {
        let policy = self.profile()?.letter_approval;
        self.write(|w| {
            let ctx = super::deadlines::RuleContext::load(&w.tx)?;
            let mut records = Vec::with_capacity(letters.len());
            for (reference, text, paper, pdf) in letters {
                if filing == Filing::SentToday && policy.requires(&text.template) {
                    return Err(Error::transition(format!(
                        "{reference}: the office approves {} letters before they are sent: store it as a draft, \
                         then approve and dispatch it",
                        text.template
                    )));
                }
                let sha256 = hex::encode(Sha256::digest(pdf));
                let case_id: i64 = w.tx.one("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0))?;
                w.tx.run(
                    "INSERT INTO letters (case_id, template, language, paper, created_at, sha256, pdf, subject)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![case_id, text.template, text.lang, paper.as_str(), w.now, sha256, pdf, text.subject],
                )?;
                let id = w.tx.last_insert_rowid();
                let mut changes = json!({ "letter": [null, { "template": text.template, "language": text.lang, "sha256": sha256, "bytes": pdf.len() }] });
                if filing == Filing::SentToday {
                    let stored = stored(w, reference, Lookup::Id(id))?;
                    let on = w.today;
                    changes["sent"] = json!([null, on]);
                    send(w, &ctx, reference, &stored, on, None, None, Lateness::NotAsked)?;
                } else {
                    changes["state"] = json!([null, LetterState::Draft]);
                }
                w.audit("letter.add", Some(reference), changes)?;
                records.push(w.tx.one(&format!("SELECT {RECORD_COLUMNS} FROM letters l LEFT JOIN correspondence co ON co.id = l.correspondence_id WHERE l.id = ?1"), [id], record)?);
            }
            Ok(records)
        })
    }

    /// Approves letter `number` of a case: who, when, a comment, and the SHA-256 of the exact PDF.
    pub fn approve_letter(
        &mut self,
        reference: &str,
        number: usize,
        by: Option<&str>,
        note: Option<&str>,
    ) -> Result<LetterRecord> {
        self.write(|w| {
            let letter = stored(w, reference, Lookup::Number(number))?;
            letter_flow::check_approval(number, letter.state).map_err(|e| in_case(reference, e))?;
            let by = by.unwrap_or(w.actor).to_string();
            w.tx.run(
                "UPDATE letters SET approved_by = ?1, approved_at = ?2, approval_note = ?3, approved_sha256 = sha256
                 WHERE id = ?4",
                params![by, w.now, note, letter.id],
            )?;
            w.audit(
                "letter.approve",
                Some(reference),
                json!({ "letter": number, "sha256": letter.sha256, "approved_by": [null, by], "note": [null, note] }),
            )?;
            Ok(())
        })?;
        self.letter(reference, number)
    }

    /// Records how and when letter `number` left: logged as outgoing correspondence and, for a
    /// response, the request (or the right it answers) responded to on that day. An answer after
    /// its due date needs the reason.
    pub fn dispatch_letter(&mut self, reference: &str, number: usize, dispatch: &Dispatch) -> Result<LetterRecord> {
        let policy = self.profile()?.letter_approval;
        let zone = self.zone();
        self.write(|w| {
            let ctx = super::deadlines::RuleContext::load(&w.tx)?;
            let letter = stored(w, reference, Lookup::Number(number))?;
            let made_on = letter.created_at.with_timezone(&zone).date_naive();
            letter_flow::check_dispatch(number, letter.state, policy.requires(&letter.template), made_on, dispatch.on)
                .map_err(|e| in_case(reference, e))?;
            let late = match &dispatch.late {
                Some(l) => Lateness::Given(l),
                None => Lateness::Required,
            };
            send(w, &ctx, reference, &letter, dispatch.on, Some(dispatch.method), dispatch.tracking.as_deref(), late)?;
            w.audit(
                "letter.dispatch",
                Some(reference),
                json!({ "letter": number, "sha256": letter.sha256, "method": [null, dispatch.method],
                        "sent": [null, dispatch.on], "tracking": [null, dispatch.tracking] }),
            )?;
            Ok(())
        })?;
        self.letter(reference, number)
    }

    /// Replaces the text of letter `number`, not yet sent, with a new rendering: a draft again,
    /// whatever approved the old one.
    pub fn revise_letter(
        &mut self,
        reference: &str,
        number: usize,
        text: &LetterText,
        paper: Paper,
        pdf: &[u8],
    ) -> Result<LetterRecord> {
        self.write(|w| {
            let letter = stored(w, reference, Lookup::Number(number))?;
            letter_flow::after_revision(number, letter.state).map_err(|e| in_case(reference, e))?;
            let sha256 = hex::encode(Sha256::digest(pdf));
            w.tx.run(
                "UPDATE letters SET template = ?1, language = ?2, paper = ?3, subject = ?4, sha256 = ?5, pdf = ?6,
                        approved_by = NULL, approved_at = NULL, approval_note = NULL, approved_sha256 = NULL
                 WHERE id = ?7",
                params![text.template, text.lang, paper.as_str(), text.subject, sha256, pdf, letter.id],
            )?;
            let mut changes = json!({ "letter": number, "sha256": [letter.sha256, sha256], "bytes": pdf.len() });
            if letter.state == LetterState::Approved {
                changes["state"] = json!([LetterState::Approved, LetterState::Draft]);
            }
            if text.template != letter.template {
                changes["template"] = json!([letter.template, text.template]);
            }
            w.audit("letter.revise", Some(reference), changes)?;
            Ok(())
        })?;
        self.letter(reference, number)
    }

    /// Records why a case was answered (or will be answered) after its due date.
    pub fn set_late_reason(&mut self, reference: &str, late: &letter_flow::Lateness) -> Result<()> {
        self.write(|w| {
            let case_id: i64 =
                w.tx.one("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| super::cases::unknown_reference(reference))?;
            set_late(w, reference, case_id, late)
        })
    }

    /// The letters stored on a case, newest first.
    pub fn letters(&self, reference: &str) -> Result<Vec<LetterRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM letters l JOIN cases c ON c.id = l.case_id
             LEFT JOIN correspondence co ON co.id = l.correspondence_id WHERE c.reference = ?1 ORDER BY l.id DESC"
        ))?;
        let rows = stmt.query_map([reference], record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Letter `number` of a case.
    pub fn letter(&self, reference: &str, number: usize) -> Result<LetterRecord> {
        self.letters(reference)?.into_iter().find(|l| l.number == number).ok_or_else(|| no_letter(reference, number))
    }

    /// The stored bytes of one letter.
    pub fn letter_pdf(&self, id: i64) -> Result<Vec<u8>> {
        self.conn()
            .query_row("SELECT pdf FROM letters WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|_| Error::not_found(format!("no letter {id}")))
    }

    /// Where the user's own template files live, beside the database.
    pub fn template_dir(&self) -> std::path::PathBuf {
        self.path().parent().unwrap_or(std::path::Path::new(".")).join("templates")
    }
}

fn in_case(reference: &str, e: Error) -> Error {
    Error { message: format!("{reference}: {}", e.message), ..e }
}

fn no_letter(reference: &str, number: usize) -> Error {
    Error::not_found(format!("{reference} has no letter {number}"))
}

enum Lookup {
    Id(i64),
    Number(usize),
}

fn stored(w: &Write<'_>, reference: &str, which: Lookup) -> Result<Stored> {
    let case_id: i64 =
        w.tx.one("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0))
            .optional()?
            .ok_or_else(|| super::cases::unknown_reference(reference))?;
    let (clause, arg) = match which {
        Lookup::Id(id) => ("l.id = ?2", id),
        Lookup::Number(n) => ("n = ?2", n as i64),
    };
    w.tx.one(
        &format!(
            "SELECT * FROM (SELECT l.id, l.case_id,
                    (SELECT count(*) FROM letters m WHERE m.case_id = l.case_id AND m.id <= l.id) AS n,
                    l.template, l.language, coalesce(l.subject, co.subject, ''), l.created_at, l.sha256,
                    l.correspondence_id, l.approved_at
             FROM letters l LEFT JOIN correspondence co ON co.id = l.correspondence_id WHERE l.case_id = ?1) l
             WHERE {clause}"
        ),
        params![case_id, arg],
        |r| {
            let sent: Option<i64> = r.get(8)?;
            let approved: Option<String> = r.get(9)?;
            Ok(Stored {
                id: r.get(0)?,
                case_id: r.get(1)?,
                number: r.get::<_, i64>(2)? as usize,
                template: r.get(3)?,
                language: r.get(4)?,
                subject: r.get(5)?,
                created_at: r.get(6)?,
                sha256: r.get(7)?,
                state: state_of(sent, approved.is_some()),
            })
        },
    )
    .optional()?
    .ok_or_else(|| match which {
        Lookup::Number(n) => no_letter(reference, n),
        Lookup::Id(id) => Error::not_found(format!("no letter {id}")),
    })
}

/// Whether a late answer must say why.
enum Lateness<'a> {
    /// Recorded as sent when made: the reason can be given later.
    NotAsked,
    /// Dispatched by hand with no reason: refused when late.
    Required,
    Given(&'a letter_flow::Lateness),
}

/// Logs a letter as sent on `on` (to the party it is written to), and answers the request when it
/// is a response and the case still owes one.
#[allow(clippy::too_many_arguments)]
fn send(
    w: &mut Write<'_>,
    ctx: &super::deadlines::RuleContext,
    reference: &str,
    letter: &Stored,
    on: NaiveDate,
    method: Option<DispatchMethod>,
    tracking: Option<&str>,
    late: Lateness<'_>,
) -> Result<()> {
    let regime: Regime = w.tx.one("SELECT regime FROM cases WHERE id = ?1", [letter.case_id], |r| r.get(0))?;
    let to = match letter.template.as_str() {
        "representative-cover" => crate::model::party::representative(&super::parties::all(&w.tx)?, regime).cloned(),
        _ => None,
    };
    let counterpart = to.as_ref().map_or(Counterpart::DataSubject, |p| p.kind.counterpart());
    let how = match (method, tracking) {
        (None, _) => String::new(),
        (Some(m), None) => format!(", sent by {m}"),
        (Some(m), Some(t)) => format!(", sent by {m}, tracking {t}"),
    };
    w.tx.run(
        "INSERT INTO correspondence (case_id, occurred_on, direction, counterpart, party_id, channel, subject,
                                     summary, created_at)
         VALUES (?1, ?2, 'out', ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            letter.case_id,
            on,
            counterpart,
            to.as_ref().and_then(|p| p.id),
            method.map_or(ItemChannel::Letter, DispatchMethod::channel),
            letter.subject,
            format!("Letter {} from template {} ({}){how}", letter.number, letter.template, letter.language),
            w.now
        ],
    )?;
    w.tx.run(
        "UPDATE letters SET correspondence_id = ?1, sent_method = ?2, tracking = ?3 WHERE id = ?4",
        params![w.tx.last_insert_rowid(), method, tracking, letter.id],
    )?;
    w.reindex(letter.case_id);
    super::correspondence::sync_replies(w, letter.case_id)?;
    answer(w, ctx, reference, letter, on, late)
}

/// Records the request (or the one right a response answers) as responded to on `on`, when the
/// letter is a response and the case still owes one.
fn answer(
    w: &mut Write<'_>,
    ctx: &super::deadlines::RuleContext,
    reference: &str,
    letter: &Stored,
    on: NaiveDate,
    late: Lateness<'_>,
) -> Result<()> {
    if letter_flow::purpose(&letter.template) != Purpose::Response {
        return Ok(());
    }
    let status: Status = w.tx.one("SELECT status FROM cases WHERE id = ?1", [letter.case_id], |r| r.get(0))?;
    if !flow::OPEN.contains(&status) {
        return Ok(());
    }
    let rights: Vec<Right> =
        w.tx.prepare_cached("SELECT \"right\" FROM case_rights WHERE case_id = ?1 ORDER BY position")?
            .query_map([letter.case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    let answered: Vec<Right> =
        w.tx.prepare_cached(
            "SELECT \"right\" FROM case_events WHERE case_id = ?1 AND type = 'responded' AND \"right\" IS NOT NULL",
        )?
        .query_map([letter.case_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // A response to one of several rights answers that right; otherwise the whole request.
    let right = match rights.len() {
        0 | 1 => None,
        _ => letter_flow::answers(&letter.template).iter().copied().find(|r| rights.contains(r)),
    };
    if right.is_some_and(|r| answered.contains(&r)) {
        return Ok(());
    }
    let due: Option<NaiveDate> = w.tx.one(
        &format!("SELECT ({})", super::overview::applicable_due("?1", "?2")),
        params![letter.case_id, right],
        |r| r.get(0),
    )?;
    let known: Option<String> =
        w.tx.one("SELECT late_reason FROM cases WHERE id = ?1", [letter.case_id], |r| r.get(0))?;
    match (days_late(on, due), late) {
        (Some(days), Lateness::Required) if known.is_none() => {
            return Err(Error::invalid_field(
                "late_reason",
                format!(
                    "{reference}: this answer is {days} day(s) after its due date ({}): give the reason for \
                     lateness (volume, complexity, third-party, identity, systems, oversight or other)",
                    due.expect("late against a due date")
                ),
            ))
        }
        (Some(_), Lateness::Given(l)) => set_late(w, reference, letter.case_id, l)?,
        (None, Lateness::Given(_)) => {
            return Err(Error::invalid_field(
                "late_reason",
                format!("{reference}: this answer is not late: no reason for lateness is needed"),
            ))
        }
        _ => {}
    }
    let event = NewEvent {
        event_type: EventType::Responded,
        on,
        note: Some(format!("Letter {} ({}) sent", letter.number, letter.template)),
        outcome: None,
        reason: None,
        right,
    };
    super::cases::apply_event(w, ctx, reference, &event)
}

/// Keeps why a case was answered late.
pub(super) fn set_late(w: &mut Write<'_>, reference: &str, case_id: i64, late: &letter_flow::Lateness) -> Result<()> {
    let old: (Option<String>, Option<String>) =
        w.tx.one("SELECT late_reason, late_note FROM cases WHERE id = ?1", [case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    w.tx.run(
        "UPDATE cases SET late_reason = ?1, late_note = ?2, updated_at = ?3 WHERE id = ?4",
        params![late.reason, late.note, w.now, case_id],
    )?;
    w.audit(
        "case.late",
        Some(reference),
        json!({ "late_reason": [old.0, late.reason], "late_note": [old.1, late.note] }) as Value,
    )
}
