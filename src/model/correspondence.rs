//! An item of correspondence logged by hand: a letter that came by post, a call, a portal message.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use super::vocab::{Counterpart, Direction, ItemChannel};
use crate::error::{Error, Result};

/// An item as typed in a form or given as flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct ItemInput {
    pub direction: String,
    /// The address-book party it was with; its kind is the counterpart.
    pub party_id: Option<i64>,
    /// Who it was with, when not a party of the address book (e.g. `data-subject`).
    pub counterpart: Option<String>,
    pub channel: String,
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` in the office's time zone.
    pub on: String,
    pub subject: String,
    pub summary: Option<String>,
    /// For an incoming item: the date its sender asked for a reply by.
    pub reply_by: Option<String>,
}

/// A validated item; the store checks what needs the database (the party, the case's receipt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItem {
    pub direction: Direction,
    pub party_id: Option<i64>,
    pub counterpart: Option<Counterpart>,
    pub channel: ItemChannel,
    pub on: NaiveDate,
    pub time: Option<String>,
    pub subject: String,
    pub summary: String,
    pub reply_by: Option<NaiveDate>,
}

impl ItemInput {
    pub fn validate(&self) -> Result<NewItem> {
        let direction: Direction = self.direction.trim().parse().map_err(|e: Error| e.in_field("direction"))?;
        let counterpart = match self.counterpart.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(c.parse::<Counterpart>().map_err(|e| e.in_field("counterpart"))?),
            None => None,
        };
        if self.party_id.is_none() && counterpart.is_none() {
            return Err(Error::invalid_field(
                "party",
                "say who it was with: a party of the address book or a counterpart",
            ));
        }
        let channel: ItemChannel = self.channel.trim().parse().map_err(|e: Error| e.in_field("channel"))?;
        let (on, time) = parse_when(&self.on)?;
        let reply_by = match self.reply_by.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(validate::date("reply_by", d)?),
            None => None,
        };
        if let Some(by) = reply_by {
            if direction == Direction::Out {
                return Err(Error::invalid_field("reply_by", "reply_by is for incoming items (a reply we owe)"));
            }
            if by < on {
                return Err(Error::invalid_field("reply_by", "reply_by must not be before the item's date"));
            }
        }
        Ok(NewItem {
            direction,
            party_id: self.party_id,
            counterpart,
            channel,
            on,
            time,
            subject: validate::line("subject", &self.subject)?,
            summary: validate::text("summary", self.summary.as_deref().unwrap_or(""))?,
            reply_by,
        })
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` → the date and the time of day, if given.
fn parse_when(value: &str) -> Result<(NaiveDate, Option<String>)> {
    let value = value.trim();
    let (date, time) = match value.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let date = validate::date("on", date)?;
    let time = match time {
        Some(t) => match NaiveTime::parse_from_str(t, "%H:%M") {
            Ok(parsed) if t.len() == 5 => Some(parsed.format("%H:%M").to_string()),
            _ => {
                return Err(Error::invalid_field(
                    "on",
                    format!(
                        "on '{}' is not a valid date and time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
                        validate::printable(value)
                    ),
                ))
            }
        },
        None => None,
    };
    Ok((date, time))
}

/// One item of correspondence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CorrespondenceItem {
    pub id: i64,
    /// The case's reference.
    pub case: String,
    pub direction: Direction,
    pub counterpart: Counterpart,
    pub party_id: Option<i64>,
    /// The party's name, when the item is with one.
    pub party: Option<String>,
    pub channel: String,
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when the time was logged.
    pub on: String,
    pub subject: String,
    pub summary: String,
    pub reply_by: Option<NaiveDate>,
    /// The date an outgoing item answered the reply asked for (or it was marked done).
    pub replied_on: Option<NaiveDate>,
    pub attachments: Vec<FileInfo>,
    /// The letter, when Casebook made the item.
    pub letter: Option<FileInfo>,
}

/// A stored file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FileInfo {
    pub name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: i64,
}

/// Who an email is from, as the address book knows it, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct EmailSender {
    pub direction: Direction,
    pub counterpart: Counterpart,
    pub party_id: Option<i64>,
    pub party: Option<String>,
    /// Whether the sender (or, for our own email, a recipient) was found in the address book or
    /// is the office itself; otherwise the data subject is assumed.
    pub known: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub from_name: Option<String>,
    pub from_email: String,
    /// The addresses in To and Cc.
    pub to: Vec<String>,
    pub date: DateTime<Utc>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// Per case reference: how many items of correspondence it has and the date of the latest.
pub type CorrespondenceTotals = std::collections::HashMap<String, (i64, chrono::NaiveDate)>;

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ItemInput {
        ItemInput {
            direction: "in".into(),
            counterpart: Some("authority".into()),
            channel: "post".into(),
            on: "2026-11-03T14:30".into(),
            subject: "Inquiry about a complaint".into(),
            ..ItemInput::default()
        }
    }

    #[test]
    fn an_item_takes_a_date_with_or_without_a_time() {
        let item = input().validate().unwrap();
        assert_eq!((item.on.to_string(), item.time.as_deref()), ("2026-11-03".into(), Some("14:30")));
        let item = ItemInput { on: "2026-11-03".into(), ..input() }.validate().unwrap();
        assert_eq!(item.time, None);
    }

    #[test]
    fn bad_items_name_their_field() {
        for (bad, field) in [
            (ItemInput { direction: "sideways".into(), ..input() }, "direction"),
            (ItemInput { counterpart: None, ..input() }, "party"),
            (ItemInput { counterpart: Some("regulator".into()), ..input() }, "counterpart"),
            (ItemInput { channel: "pigeon".into(), ..input() }, "channel"),
            (ItemInput { on: "2026-11-03T25:00".into(), ..input() }, "on"),
            (ItemInput { on: "03/11/2026".into(), ..input() }, "on"),
            (ItemInput { subject: "\u{1}\u{2}".into(), ..input() }, "subject"),
            (ItemInput { reply_by: Some("2026-11-01".into()), ..input() }, "reply_by"),
            (ItemInput { direction: "out".into(), reply_by: Some("2026-12-01".into()), ..input() }, "reply_by"),
        ] {
            assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some(field), "{bad:?}");
        }
    }
}
