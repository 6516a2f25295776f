//! The correspondence log: every item in or out, with attachments stored by SHA-256.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::sql::CachedSql;
use super::Store;
use crate::error::{Error, Result};
use crate::import::eml::{Attachment, Email};
use crate::model::{CaseInput, Kind};

/// One item of a case's correspondence log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrespondenceItem {
    pub id: i64,
    pub occurred_on: NaiveDate,
    pub direction: String,
    pub counterpart: String,
    pub channel: String,
    pub subject: String,
    pub summary: String,
    pub attachments: Vec<AttachmentInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentInfo {
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: i64,
}

impl Store {
    /// Logs an incoming email on a case, with its attachments, in one audited transaction.
    pub fn add_email(&mut self, reference: &str, email: &Email) -> Result<i64> {
        let on = email.date.with_timezone(&self.zone()).date_naive();
        self.write(|w| log_email(w, reference, on, email))
    }

    /// Opens a new case from an email (the sender is the requester) and logs the email on it.
    pub fn add_case_from_email(&mut self, email: &Email, kind: Kind, regime: &str) -> Result<String> {
        let input = CaseInput {
            kind: kind.to_string(),
            regime: regime.to_string(),
            channel: Some("email".into()),
            received: email.date.with_timezone(&self.zone()).format("%Y-%m-%dT%H:%M").to_string(),
            name: email.from_name.clone().unwrap_or_else(|| email.from_email.clone()),
            email: Some(email.from_email.clone()),
            notes: Some(format!("Opened from the email \"{}\".", email.subject)),
            ..CaseInput::default()
        };
        let case = input.validate(self.zone(), Utc::now())?;
        let on = email.date.with_timezone(&self.zone()).date_naive();
        // One transaction: the case is never left without the email it came from.
        self.write(|w| {
            let reference = super::cases::insert_case(w, &super::deadlines::RuleContext::load(&w.tx)?, &case)?;
            log_email(w, &reference, on, email)?;
            Ok(reference)
        })
    }

    pub fn correspondence(&self, reference: &str) -> Result<Vec<CorrespondenceItem>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT co.id, co.occurred_on, co.direction, co.counterpart, co.channel, co.subject, co.summary
             FROM correspondence co JOIN cases c ON c.id = co.case_id WHERE c.reference = ?1 ORDER BY co.occurred_on, co.id",
        )?;
        let items: Vec<CorrespondenceItem> = stmt
            .query_map([reference], |r| {
                Ok(CorrespondenceItem {
                    id: r.get(0)?,
                    occurred_on: r.get(1)?,
                    direction: r.get(2)?,
                    counterpart: r.get(3)?,
                    channel: r.get(4)?,
                    subject: r.get(5)?,
                    summary: r.get(6)?,
                    attachments: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut files = self.conn().prepare_cached(
            "SELECT file_name, media_type, sha256, length(bytes) FROM attachments WHERE correspondence_id = ?1 ORDER BY id",
        )?;
        items
            .into_iter()
            .map(|mut item| {
                item.attachments = files
                    .query_map([item.id], |r| {
                        Ok(AttachmentInfo {
                            file_name: r.get(0)?,
                            media_type: r.get(1)?,
                            sha256: r.get(2)?,
                            size: r.get(3)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(item)
            })
            .collect()
    }
}

/// Logs an incoming email on a case inside a write, with its audit record.
fn log_email(w: &mut super::Write<'_>, reference: &str, on: NaiveDate, email: &Email) -> Result<i64> {
    let case_id: i64 =
        w.tx.one("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0)).map_err(|_| {
            Error::not_found(format!("no case with reference {}", crate::model::validate::printable(reference)))
        })?;
    let id = insert_item(&w.tx, case_id, on, email, w.now)?;
    w.reindex(case_id);
    let files: Vec<String> = email.attachments.iter().map(|a| hex::encode(Sha256::digest(&a.bytes))).collect();
    w.audit(
        "correspondence.add",
        Some(reference),
        json!({ "correspondence": [null, { "direction": "in", "channel": "email", "attachments": files }] }),
    )?;
    Ok(id)
}

fn insert_item(
    tx: &rusqlite::Transaction<'_>,
    case_id: i64,
    on: NaiveDate,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.run(
        "INSERT INTO correspondence (case_id, occurred_on, direction, counterpart, channel, subject, summary, created_at)
         VALUES (?1, ?2, 'in', 'data-subject', 'email', ?3, ?4, ?5)",
        params![case_id, on, email.subject, email.body, now],
    )?;
    let id = tx.last_insert_rowid();
    for Attachment { file_name, media_type, bytes } in &email.attachments {
        tx.run(
            "INSERT INTO attachments (correspondence_id, file_name, media_type, sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, file_name, media_type, hex::encode(Sha256::digest(bytes)), bytes],
        )?;
    }
    Ok(id)
}
