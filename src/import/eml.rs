//! Emails saved as `.eml`: the sender, date, subject, plain text and attachments, read with
//! mail-parser. A file that is not a usable email is refused with the reason.

use chrono::{TimeZone, Utc};
use mail_parser::{MessageParser, MimeHeaders};

use crate::error::{Error, Result};
use crate::model::validate;
pub use crate::model::{Attachment, Email};

/// The longest email accepted (attachments included).
pub const MAX_BYTES: usize = 25 * 1024 * 1024;

pub fn parse(raw: &[u8]) -> Result<Email> {
    let bad = |why: &str| Error::validation(format!("not a usable email: {why}"));
    if raw.len() > MAX_BYTES {
        return Err(bad("larger than 25 MB"));
    }
    let message = MessageParser::default().parse(raw).ok_or_else(|| bad("it cannot be parsed"))?;
    let from = message.from().and_then(|a| a.first()).ok_or_else(|| bad("no From header"))?;
    let from_email = from.address().map(str::trim).filter(|a| !a.is_empty()).ok_or_else(|| bad("no sender address"))?;
    let from_email = validate::optional_email(Some(from_email))
        .map_err(|_| bad("the sender address is not valid"))?
        .ok_or_else(|| bad("no sender address"))?;
    let date = message.date().ok_or_else(|| bad("no Date header"))?;
    let date =
        Utc.timestamp_opt(date.to_timestamp(), 0).single().ok_or_else(|| bad("the Date header is not a date"))?;
    let subject = message.subject().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("(no subject)");
    let subject: String = subject.chars().filter(|c| !c.is_control()).take(validate::MAX_LINE).collect();
    let body = message.body_text(0).map(|b| b.replace("\r\n", "\n")).unwrap_or_default();
    let body: String =
        body.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').take(validate::MAX_TEXT).collect();
    let attachments = message
        .attachments()
        .map(|part| Attachment {
            file_name: part
                .attachment_name()
                .map(|n| n.chars().filter(|c| !c.is_control() && *c != '/' && *c != '\\').collect::<String>())
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "attachment".into()),
            media_type: part
                .content_type()
                .map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("octet-stream")))
                .unwrap_or_else(|| "application/octet-stream".into()),
            bytes: part.contents().to_vec(),
        })
        .collect();
    let from_name = from
        .name()
        .map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let to = [message.to(), message.cc()]
        .into_iter()
        .flatten()
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address().map(|s| s.trim().to_string()))
        .filter(|a| validate::optional_email(Some(a)).is_ok_and(|v| v.is_some()))
        .collect();
    Ok(Email { from_name, from_email, to, date, subject, body, attachments })
}
