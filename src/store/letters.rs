//! Letters sent: the exact PDF bytes and their SHA-256, stored with the case and logged as
//! outgoing correspondence, in one audited transaction.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::sql::CachedSql;
use super::Store;
use crate::error::Result;
use crate::letter::{LetterFacts, LetterText, Paper};
use crate::model::{Counterpart, Regime};

/// A stored letter, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRecord {
    pub id: i64,
    pub template: String,
    pub language: String,
    pub paper: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub sha256: String,
    pub size: i64,
}

impl Store {
    /// Everything a letter about `reference` may say.
    pub fn letter_facts(&self, reference: &str) -> Result<LetterFacts> {
        let case = self.case_detail(reference)?;
        let mut profile = self.profile()?;
        profile.parties = Vec::new();
        Ok(LetterFacts { case, profile, parties: self.parties()?, today: self.today() })
    }

    /// Stores a rendered letter and logs it as outgoing correspondence.
    pub fn record_letter(
        &mut self,
        reference: &str,
        text: &LetterText,
        paper: Paper,
        pdf: &[u8],
    ) -> Result<LetterRecord> {
        let mut records = self.record_letters(&[(reference, text, paper, pdf)])?;
        Ok(records.pop().expect("one letter in, one record out"))
    }

    /// Stores many letters in one transaction: all of them, or none.
    pub fn record_letters(&mut self, letters: &[(&str, &LetterText, Paper, &[u8])]) -> Result<Vec<LetterRecord>> {
        self.write(|w| {
            let parties = super::parties::all(&w.tx)?;
            let mut records = Vec::with_capacity(letters.len());
            for (reference, text, paper, pdf) in letters {
                let sha256 = hex::encode(Sha256::digest(pdf));
                let (case_id, regime): (i64, Regime) =
                    w.tx.one("SELECT id, regime FROM cases WHERE reference = ?1", [reference], |r| Ok((r.get(0)?, r.get(1)?)))?;
                // The letter's log entry names whom it was written to: the data subject, or the party.
                let to = match text.template.as_str() {
                    "representative-cover" => crate::letter::representative(&parties, regime),
                    _ => None,
                };
                let counterpart = to.map_or(Counterpart::DataSubject, |p| p.kind.counterpart());
                w.tx.run(
                    "INSERT INTO correspondence (case_id, occurred_on, direction, counterpart, party_id, channel, subject,
                                                 summary, created_at)
                     VALUES (?1, ?2, 'out', ?3, ?4, 'letter', ?5, ?6, ?7)",
                    params![
                        case_id,
                        w.today,
                        counterpart,
                        to.and_then(|p| p.id),
                        text.subject,
                        format!("Letter from template {} ({})", text.template, text.lang),
                        w.now
                    ],
                )?;
                let correspondence_id = w.tx.last_insert_rowid();
                w.reindex(case_id);
                super::correspondence::sync_replies(w, case_id)?;
                w.tx.run(
                    "INSERT INTO letters (case_id, correspondence_id, template, language, paper, created_at, sha256, pdf)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![case_id, correspondence_id, text.template, text.lang, paper.as_str(), w.now, sha256, pdf],
                )?;
                let id = w.tx.last_insert_rowid();
                w.audit(
                    "letter.add",
                    Some(reference),
                    json!({ "letter": [null, { "template": text.template, "language": text.lang, "sha256": sha256, "bytes": pdf.len() }] }),
                )?;
                records.push(LetterRecord {
                    id,
                    template: text.template.clone(),
                    language: text.lang.clone(),
                    paper: paper.as_str().to_string(),
                    subject: text.subject.clone(),
                    created_at: w.now,
                    sha256,
                    size: pdf.len() as i64,
                });
            }
            Ok(records)
        })
    }

    /// The letters stored on a case, newest first.
    pub fn letters(&self, reference: &str) -> Result<Vec<LetterRecord>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.id, l.template, l.language, l.paper, co.subject, l.created_at, l.sha256, length(l.pdf)
             FROM letters l JOIN cases c ON c.id = l.case_id LEFT JOIN correspondence co ON co.id = l.correspondence_id
             WHERE c.reference = ?1 ORDER BY l.id DESC",
        )?;
        let rows = stmt.query_map([reference], |r| {
            Ok(LetterRecord {
                id: r.get(0)?,
                template: r.get(1)?,
                language: r.get(2)?,
                paper: r.get(3)?,
                subject: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                created_at: r.get(5)?,
                sha256: r.get(6)?,
                size: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored bytes of one letter.
    pub fn letter_pdf(&self, id: i64) -> Result<Vec<u8>> {
        self.conn()
            .query_row("SELECT pdf FROM letters WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|_| crate::error::Error::not_found(format!("no letter {id}")))
    }

    /// Where the user's own template files live, beside the database.
    pub fn template_dir(&self) -> std::path::PathBuf {
        self.path().parent().unwrap_or(std::path::Path::new(".")).join("templates")
    }
}
