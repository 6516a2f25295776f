//! Checks on text and dates typed by people. Error messages name the field, never the value,
//! so personal data cannot leak into an error.

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// The longest single-line value (names, emails, subjects) accepted.
pub const MAX_LINE: usize = 200;
/// The longest multi-line value (notes, addresses) accepted.
pub const MAX_TEXT: usize = 20_000;

/// A short, safe rendering of a value that is not personal data (a mistyped keyword), for messages.
pub fn printable(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_debug).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// A required single-line value: trimmed, non-empty, at most `MAX_LINE` characters, no control characters.
pub fn line(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid_field(field, format!("{field} must not be empty")));
    }
    check_length(field, v, MAX_LINE)?;
    if v.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) {
        return Err(Error::invalid_field(field, format!("{field} must not contain control characters")));
    }
    refuse_bidi_controls(field, v)?;
    refuse_noncharacters(field, v)?;
    if v.chars().all(invisible) {
        return Err(Error::invalid_field(field, format!("{field} must contain visible characters")));
    }
    Ok(v.to_string())
}

/// Characters that show nothing: spaces, zero-width characters, the byte-order mark.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// Unicode noncharacters (U+FDD0–U+FDEF, and U+FFFE/U+FFFF in every plane) are never text.
fn refuse_noncharacters(field: &str, v: &str) -> Result<()> {
    let nonchar = |c: char| matches!(c as u32, 0xFDD0..=0xFDEF) || (c as u32 & 0xFFFE) == 0xFFFE;
    if v.chars().any(nonchar) {
        return Err(Error::invalid_field(field, format!("{field} must not contain Unicode noncharacters")));
    }
    Ok(())
}

/// Explicit direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text display in an
/// order other than the stored one ("Trojan Source"); names and notes never need them, since the
/// Unicode bidirectional algorithm already lays out Arabic or Hebrew correctly.
fn refuse_bidi_controls(field: &str, v: &str) -> Result<()> {
    if v.chars().any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
        return Err(Error::invalid_field(
            field,
            format!("{field} must not contain text-direction override characters"),
        ));
    }
    Ok(())
}

/// An optional single-line value: empty or blank becomes `None`.
pub fn optional_line(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => line(field, v).map(Some),
    }
}

/// Multi-line free text: line breaks and tabs allowed, other control characters refused.
pub fn text(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    check_length(field, v, MAX_TEXT)?;
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(Error::invalid_field(field, format!("{field} must not contain control characters")));
    }
    refuse_bidi_controls(field, v)?;
    refuse_noncharacters(field, v)?;
    Ok(v.replace("\r\n", "\n"))
}

/// An optional email address, checked for shape only (one `@`, a dotted domain, no spaces).
pub fn optional_email(value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional_line("email", value)? else {
        return Ok(None);
    };
    let valid = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err(Error::invalid_field("email", "email is not a valid address (expected name@example.org)"));
    }
    Ok(Some(v))
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(field: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    let shaped = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) if shaped => Ok(d),
        _ => Err(Error::invalid_field(
            field,
            format!("{field} '{}' is not a valid date (expected YYYY-MM-DD)", printable(v)),
        )),
    }
}

fn check_length(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(Error::invalid_field(field, format!("{field} is too long ({n} characters; at most {max})")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(line("name", "  Zoë Ångström ").unwrap(), "Zoë Ångström");
        assert!(line("name", "   ").is_err());
        assert!(line("name", &"x".repeat(10_000)).unwrap_err().message.contains("too long"));
        assert!(line("name", "Bob\u{7}").unwrap_err().message.contains("control"));
        for invisible in ["\u{200B}", "\u{FEFF}\u{200B}", " \u{2060} "] {
            assert!(line("name", invisible).unwrap_err().message.contains("visible"), "{invisible:?}");
        }
        assert!(line("name", "Ann\u{2028}Lee").unwrap_err().message.contains("control"));
        assert!(line("name", "Ann\u{FFFF}").unwrap_err().message.contains("noncharacters"));
        assert_eq!(line("name", "Zoë\u{200B}Lee").unwrap(), "Zoë\u{200B}Lee", "visible text around them is kept");
    }

    #[test]
    fn errors_never_echo_personal_values() {
        let e = line("name", &format!("Secret Person{}", '\u{1b}')).unwrap_err();
        assert!(!e.message.contains("Secret"));
        let e = optional_email(Some("secret.person@")).unwrap_err();
        assert!(!e.message.contains("secret"));
    }

    #[test]
    fn emails_and_dates() {
        assert_eq!(optional_email(Some("")).unwrap(), None);
        assert!(optional_email(Some("a@b.co")).unwrap().is_some());
        for bad in ["a@b", "@b.co", "a b@c.de", "a@@b.de", "a@b.de."] {
            assert!(optional_email(Some(bad)).is_err(), "{bad}");
        }
        assert!(date("received", "2026-02-30").is_err());
        assert!(date("received", "2026-2-3").is_err());
        assert_eq!(date("received", "2024-02-29").unwrap().to_string(), "2024-02-29");
    }
}
