//! The correspondence log: every item in or out, with whom (a party of the address book, or the
//! data subject), its attachments stored with their SHA-256, and the reply an incoming item asks
//! for kept as a deadline of the case until an outgoing item to the same party answers it.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::sql::CachedSql;
use super::{Store, Write};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{
    Attachment, CaseInput, CorrespondenceItem, Counterpart, Direction, Email, EmailSender, FileInfo, ItemChannel,
    ItemInput, Kind, NewItem, Party, PartyKind,
};

const ITEM_COLUMNS: &str = "co.id, c.reference, co.direction, co.counterpart, co.party_id, p.name, co.channel,
    co.occurred_on, co.occurred_time, co.subject, co.summary, co.reply_by, d.met_on,
    (SELECT json_object('name', 'letter-' || c.reference || '-' || l.id || '.pdf', 'media_type', 'application/pdf',
                        'sha256', l.sha256, 'size', length(l.pdf))
     FROM letters l WHERE l.correspondence_id = co.id)";
const ITEM_JOINS: &str = "FROM correspondence co JOIN cases c ON c.id = co.case_id
    LEFT JOIN parties p ON p.id = co.party_id LEFT JOIN deadlines d ON d.correspondence_id = co.id";

fn read_item(r: &Row<'_>) -> rusqlite::Result<CorrespondenceItem> {
    let on: String = r.get(7)?;
    let time: Option<String> = r.get(8)?;
    let letter: Option<String> = r.get(13)?;
    Ok(CorrespondenceItem {
        id: r.get(0)?,
        case: r.get(1)?,
        direction: r.get(2)?,
        counterpart: r.get(3)?,
        party_id: r.get(4)?,
        party: r.get(5)?,
        channel: r.get(6)?,
        on: time.map_or(on.clone(), |t| format!("{on}T{t}")),
        subject: r.get(9)?,
        summary: r.get(10)?,
        reply_by: r.get(11)?,
        // Only an item that asks for a reply has a deadline row (see `sync_replies`).
        replied_on: r.get(12)?,
        attachments: Vec::new(),
        letter: letter.and_then(|l| {
            let v: Value = serde_json::from_str(&l).ok()?;
            Some(FileInfo {
                name: v["name"].as_str()?.into(),
                media_type: v["media_type"].as_str()?.into(),
                sha256: v["sha256"].as_str()?.into(),
                size: v["size"].as_i64()?,
            })
        }),
    })
}

impl Store {
    /// Logs an item by hand (a posted letter, a call, a portal message), with its attachments.
    pub fn add_item(
        &mut self,
        reference: &str,
        item: &NewItem,
        attachments: &[Attachment],
    ) -> Result<CorrespondenceItem> {
        let id = self.write(|w| {
            let (case_id, party) = check_item(w, reference, item)?;
            let counterpart = counterpart_of(item, party.as_ref())?;
            let id = insert_item(w, case_id, item, counterpart, attachments)?;
            w.reindex(case_id);
            sync_replies(w, case_id)?;
            let mut change = item_changes(None, &item_value(item, counterpart));
            change.insert("item".into(), json!([null, id]));
            change.insert("attachments".into(), json!([null, digests(attachments)]));
            w.audit("correspondence.add", Some(reference), Value::Object(change))?;
            Ok(id)
        })?;
        self.item(id)
    }

    /// Corrects an item's facts; its attachments stay. Audited field by field, like a case.
    pub fn edit_item(&mut self, reference: &str, id: i64, item: &NewItem) -> Result<CorrespondenceItem> {
        self.write(|w| {
            let (case_id, party) = check_item(w, reference, item)?;
            let counterpart = counterpart_of(item, party.as_ref())?;
            let before = stored_input(w, case_id, id)
                .ok_or_else(|| Error::not_found(format!("{reference} has no correspondence item {id}")))?;
            let after = item_value(item, counterpart);
            let mut change = item_changes(Some(&before), &after);
            if change.is_empty() {
                return Err(Error::validation(format!("{reference}: item {id} already says that; nothing to change")));
            }
            w.tx.run(
                "UPDATE correspondence SET direction = ?2, counterpart = ?3, party_id = ?4, channel = ?5, occurred_on = ?6,
                 occurred_time = ?7, subject = ?8, summary = ?9, reply_by = ?10 WHERE id = ?1",
                params![
                    id,
                    item.direction,
                    counterpart,
                    item.party_id,
                    item.channel,
                    item.on,
                    item.time,
                    item.subject,
                    item.summary,
                    item.reply_by
                ],
            )?;
            w.reindex(case_id);
            sync_replies(w, case_id)?;
            change.insert("item".into(), json!([id, id]));
            w.audit("correspondence.edit", Some(reference), Value::Object(change))
        })?;
        self.item(id)
    }

    /// Logs an email on a case, with whom the address book says it is.
    pub fn add_email(&mut self, reference: &str, email: &Email) -> Result<i64> {
        let sender = self.email_sender(email)?;
        let on = email.date.with_timezone(&self.zone()).date_naive();
        self.write(|w| log_email(w, reference, on, email, &sender))
    }

    /// Opens a new request from an email (the sender is the requester) and logs the email on it.
    pub fn add_case_from_email(&mut self, email: &Email, kind: Kind, regime: &str) -> Result<String> {
        let sender = self.email_sender(email)?;
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
        let case = input.validate(self.zone(), chrono::Utc::now())?;
        let on = email.date.with_timezone(&self.zone()).date_naive();
        // One transaction: the case is never left without the email it came from.
        self.write(|w| {
            let ctx = super::deadlines::RuleContext::load(&w.tx)?;
            let reference = super::cases::insert_case(w, &ctx, &case, super::cases::Opening::WithTasks)?;
            log_email(w, &reference, on, email, &sender)?;
            Ok(reference)
        })
    }

    /// Who an email is with: a sender in the address book is that party; the office's own address
    /// (or an internal party's) makes it outgoing, to the first recipient the address book knows;
    /// anyone else is taken for the data subject.
    pub fn email_sender(&self, email: &Email) -> Result<EmailSender> {
        let parties: Vec<Party> = self.parties()?.into_iter().filter(|p| p.retired_on.is_none()).collect();
        let office = self.profile()?.email;
        let find = |address: &str| {
            parties.iter().find(|p| p.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(address.trim())))
        };
        let with = |direction, party: Option<&Party>, known| EmailSender {
            direction,
            counterpart: party.map_or(Counterpart::DataSubject, |p| p.kind.counterpart()),
            party_id: party.and_then(|p| p.id),
            party: party.map(Party::display_name),
            known,
        };
        let ours = email.from_email.eq_ignore_ascii_case(&office)
            || find(&email.from_email).is_some_and(|p| p.kind == PartyKind::Internal);
        Ok(if ours {
            let to = email.to.iter().find_map(|a| find(a).filter(|p| p.kind != PartyKind::Internal));
            with(Direction::Out, to, true)
        } else {
            let from = find(&email.from_email);
            with(Direction::In, from, from.is_some())
        })
    }

    pub fn item(&self, id: i64) -> Result<CorrespondenceItem> {
        let mut items = self.items("WHERE co.id = ?1", params![id])?;
        items.pop().ok_or_else(|| Error::not_found(format!("no correspondence item {id}")))
    }

    /// A case's correspondence, oldest first.
    pub fn correspondence(&self, reference: &str) -> Result<Vec<CorrespondenceItem>> {
        let items =
            self.items("WHERE c.reference = ?1 ORDER BY co.occurred_on, co.occurred_time, co.id", [reference])?;
        if items.is_empty() {
            self.case(reference)?;
        }
        Ok(items)
    }

    /// Every item with a party across cases, newest first, optionally between two dates.
    pub fn party_correspondence(
        &self,
        party_id: i64,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<CorrespondenceItem>> {
        self.party(party_id)?;
        self.items(
            "WHERE co.party_id = ?1 AND co.occurred_on >= coalesce(?2, '0000') AND co.occurred_on <= coalesce(?3, '9999')
             ORDER BY co.occurred_on DESC, co.occurred_time DESC, co.id DESC",
            params![party_id, from, to],
        )
    }

    /// Per case: the number of items and the date of the latest (for the CSV of cases).
    pub fn correspondence_totals(&self) -> Result<crate::model::CorrespondenceTotals> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.reference, count(*), max(co.occurred_on) FROM correspondence co JOIN cases c ON c.id = co.case_id
             GROUP BY co.case_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn items<P: rusqlite::Params>(&self, tail: &str, args: P) -> Result<Vec<CorrespondenceItem>> {
        let mut stmt = self.conn().prepare_cached(&format!("SELECT {ITEM_COLUMNS} {ITEM_JOINS} {tail}"))?;
        let items: Vec<CorrespondenceItem> = stmt.query_map(args, read_item)?.collect::<rusqlite::Result<_>>()?;
        let mut files = self.conn().prepare_cached(
            "SELECT file_name, media_type, sha256, length(bytes) FROM attachments WHERE correspondence_id = ?1 ORDER BY id",
        )?;
        items
            .into_iter()
            .map(|mut item| {
                item.attachments = files
                    .query_map([item.id], |r| {
                        Ok(FileInfo { name: r.get(0)?, media_type: r.get(1)?, sha256: r.get(2)?, size: r.get(3)? })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(item)
            })
            .collect()
    }

    /// A stored file of an item: its `k`-th attachment (from 1), or with no `k` its first
    /// attachment or else its letter. The bytes are checked against the stored SHA-256 first.
    pub fn stored_file(&self, reference: &str, id: i64, k: Option<usize>) -> Result<(FileInfo, Vec<u8>)> {
        let item = self
            .item(id)
            .ok()
            .filter(|i| i.case == reference)
            .ok_or_else(|| Error::not_found(format!("{reference} has no correspondence item {id}")))?;
        let (info, bytes) = match (k, item.attachments.is_empty()) {
            (None, true) => {
                let info = item
                    .letter
                    .ok_or_else(|| Error::not_found(format!("item {id} of {reference} has no stored file")))?;
                let bytes: Vec<u8> =
                    self.conn().one("SELECT pdf FROM letters WHERE correspondence_id = ?1", [id], |r| r.get(0))?;
                (info, bytes)
            }
            (k, _) => {
                let k = k.unwrap_or(1);
                let info = k
                    .checked_sub(1)
                    .and_then(|i| item.attachments.get(i))
                    .cloned()
                    .ok_or_else(|| Error::not_found(format!("item {id} of {reference} has no attachment {k}")))?;
                let bytes: Vec<u8> = self.conn().one(
                    "SELECT bytes FROM attachments WHERE correspondence_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2",
                    params![id, (k - 1) as i64],
                    |r| r.get(0),
                )?;
                (info, bytes)
            }
        };
        if hex::encode(Sha256::digest(&bytes)) != info.sha256 {
            return Err(Error::new(
                ErrorKind::Incompatible,
                format!(
                    "{reference}: the stored copy of item {id}'s file is damaged (it does not match its SHA-256); \
                     restore the latest backup with `casebook restore --from FILE`"
                ),
            ));
        }
        Ok((info, bytes))
    }
}

/// Checks an item against the database: its case, its date against the case's receipt and
/// today, and its party (known, current, of the counterpart given). Returns the case and party.
fn check_item(w: &Write<'_>, reference: &str, item: &NewItem) -> Result<(i64, Option<Party>)> {
    let (case_id, received): (i64, NaiveDate) = w
        .tx
        .one("SELECT id, received_date FROM cases WHERE reference = ?1", [reference], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| {
            Error::not_found(format!("no case with reference {}", crate::model::validate::printable(reference)))
        })?;
    if item.on < received {
        return Err(Error::invalid_field("on", format!("on must not be before {reference} was received ({received})")));
    }
    if item.on > w.today {
        return Err(Error::invalid_field("on", "on must not be in the future"));
    }
    let party = match item.party_id {
        Some(id) => {
            let party = super::parties::party_in(w, id, "party")?;
            if party.retired_on.is_some() {
                return Err(Error::invalid_field(
                    "party",
                    format!("party {id} is retired; bring it back to log items with it"),
                ));
            }
            if item.counterpart.is_some_and(|c| c != party.kind.counterpart()) {
                return Err(Error::invalid_field("counterpart", format!("party {id} is a {}", party.kind)));
            }
            Some(party)
        }
        None => None,
    };
    Ok((case_id, party))
}

/// The counterpart an item is logged with: its party's kind, else the one given.
fn counterpart_of(item: &NewItem, party: Option<&Party>) -> Result<Counterpart> {
    party.map(|p| p.kind.counterpart()).or(item.counterpart).ok_or_else(|| {
        Error::invalid_field("party", "say who it was with: a party of the address book or a counterpart")
    })
}

fn insert_item(
    w: &Write<'_>,
    case_id: i64,
    item: &NewItem,
    counterpart: Counterpart,
    attachments: &[Attachment],
) -> Result<i64> {
    w.tx.run(
        "INSERT INTO correspondence (case_id, occurred_on, occurred_time, direction, counterpart, party_id, channel,
                                     subject, summary, reply_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            case_id,
            item.on,
            item.time,
            item.direction,
            counterpart,
            item.party_id,
            item.channel,
            item.subject,
            item.summary,
            item.reply_by,
            w.now
        ],
    )?;
    let id = w.tx.last_insert_rowid();
    for Attachment { file_name, media_type, bytes } in attachments {
        w.tx.run(
            "INSERT INTO attachments (correspondence_id, file_name, media_type, sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, file_name, media_type, hex::encode(Sha256::digest(bytes)), bytes],
        )?;
    }
    Ok(id)
}

/// Keeps the files that show a task was done as an internal item of the case's correspondence,
/// dated the day it was done; returns the item's id.
pub(super) fn evidence_item(
    w: &mut Write<'_>,
    case_id: i64,
    on: NaiveDate,
    task: &str,
    note: &str,
    files: &[Attachment],
) -> Result<i64> {
    let item = NewItem {
        direction: Direction::In,
        party_id: None,
        counterpart: Some(Counterpart::Internal),
        channel: ItemChannel::Other,
        on,
        time: None,
        subject: format!("Evidence: {task}"),
        summary: note.to_string(),
        reply_by: None,
    };
    let id = insert_item(w, case_id, &item, Counterpart::Internal, files)?;
    w.reindex(case_id);
    Ok(id)
}

pub(super) fn digests(attachments: &[Attachment]) -> Vec<String> {
    attachments.iter().map(|a| hex::encode(Sha256::digest(&a.bytes))).collect()
}

/// An item's facts as audited.
fn item_value(item: &NewItem, counterpart: Counterpart) -> Value {
    json!({
        "direction": item.direction, "counterpart": counterpart, "party_id": item.party_id, "channel": item.channel,
        "on": item.on, "time": item.time, "subject": item.subject, "summary": item.summary, "reply_by": item.reply_by,
    })
}

/// A stored item's facts, in `item_value`'s shape.
fn stored_input(w: &Write<'_>, case_id: i64, id: i64) -> Option<Value> {
    w.tx.one(
        "SELECT json_object('direction', direction, 'counterpart', counterpart, 'party_id', party_id, 'channel', channel,
                'on', occurred_on, 'time', occurred_time, 'subject', subject, 'summary', summary, 'reply_by', reply_by)
         FROM correspondence WHERE id = ?1 AND case_id = ?2",
        params![id, case_id],
        |r| r.get::<_, String>(0),
    )
    .ok()
    .and_then(|s| serde_json::from_str(&s).ok())
}

fn item_changes(before: Option<&Value>, after: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in after.as_object().expect("an object") {
        let old = before.and_then(|b| b.get(key)).cloned().unwrap_or(Value::Null);
        if old != *value {
            out.insert(key.clone(), json!([old, value]));
        }
    }
    out
}

/// Logs an email on a case inside a write, with its audit record.
fn log_email(w: &mut Write<'_>, reference: &str, on: NaiveDate, email: &Email, sender: &EmailSender) -> Result<i64> {
    let case_id: i64 =
        w.tx.one("SELECT id FROM cases WHERE reference = ?1", [reference], |r| r.get(0)).map_err(|_| {
            Error::not_found(format!("no case with reference {}", crate::model::validate::printable(reference)))
        })?;
    let item = NewItem {
        direction: sender.direction,
        party_id: sender.party_id,
        counterpart: Some(sender.counterpart),
        channel: ItemChannel::Email,
        on,
        time: None,
        subject: email.subject.clone(),
        summary: email.body.clone(),
        reply_by: None,
    };
    let id = insert_item(w, case_id, &item, sender.counterpart, &email.attachments)?;
    w.reindex(case_id);
    sync_replies(w, case_id)?;
    w.audit(
        "correspondence.add",
        Some(reference),
        json!({
            "item": [null, id],
            "correspondence": [null, { "direction": sender.direction, "counterpart": sender.counterpart,
                                       "party_id": sender.party_id, "channel": "email", "attachments": digests(&email.attachments) }],
        }),
    )?;
    Ok(id)
}

/// Keeps a case's reply-by deadlines in step with its correspondence: one deadline per incoming
/// item that asks for a reply, met on the date of the first outgoing item to the same party (or
/// counterpart, for the data subject) on or after it.
pub(super) fn sync_replies(w: &Write<'_>, case_id: i64) -> Result<()> {
    w.tx.run(
        "DELETE FROM deadlines WHERE case_id = ?1 AND correspondence_id IN
           (SELECT id FROM correspondence WHERE case_id = ?1 AND (reply_by IS NULL OR direction = 'out'))",
        [case_id],
    )?;
    w.tx.run(
        "INSERT INTO deadlines (case_id, kind, due_on, basis, label, met_on, correspondence_id)
         SELECT case_id, 'manual', reply_by,
                'Reply requested by ' || who || ' by ' || reply_by || ', in their ' || channel || ' item of ' || occurred_on,
                'Reply to ' || who, answered, id
         FROM (SELECT i.id, i.case_id, i.reply_by, i.channel, i.occurred_on,
                      coalesce(p.name, 'the ' || replace(i.counterpart, '-', ' ')) AS who,
                      (SELECT min(o.occurred_on) FROM correspondence o
                       WHERE o.case_id = i.case_id AND o.direction = 'out' AND o.occurred_on >= i.occurred_on
                         AND (o.party_id = i.party_id
                              OR (i.party_id IS NULL AND o.party_id IS NULL AND o.counterpart = i.counterpart))) AS answered
               FROM correspondence i LEFT JOIN parties p ON p.id = i.party_id
               WHERE i.case_id = ?1 AND i.direction = 'in' AND i.reply_by IS NOT NULL)
         WHERE true
         ON CONFLICT (correspondence_id) WHERE correspondence_id IS NOT NULL DO UPDATE SET
           due_on = excluded.due_on, basis = excluded.basis, label = excluded.label,
           met_on = coalesce(excluded.met_on, deadlines.met_on)
         WHERE deadlines.due_on IS NOT excluded.due_on OR deadlines.basis IS NOT excluded.basis
           OR deadlines.label IS NOT excluded.label
           OR (excluded.met_on IS NOT NULL AND deadlines.met_on IS NOT excluded.met_on)",
        [case_id],
    )?;
    Ok(())
}

impl ItemInput {
    /// The input of a stored item, for a form to correct or flags to overlay.
    pub fn from_item(item: &CorrespondenceItem) -> ItemInput {
        ItemInput {
            direction: item.direction.to_string(),
            party_id: item.party_id,
            counterpart: item.party_id.is_none().then(|| item.counterpart.to_string()),
            channel: item.channel.clone(),
            on: item.on.clone(),
            subject: item.subject.clone(),
            summary: Some(item.summary.clone()),
            reply_by: item.reply_by.map(|d| d.to_string()),
        }
    }
}
