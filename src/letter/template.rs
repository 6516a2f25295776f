//! Letter templates: text files with named placeholders, shipped with the program and overridable
//! by the user (`<data dir>/templates/<lang>/<name>.txt`). An unknown placeholder is an error when a
//! template is loaded, never a blank in a sent letter.
//!
//! Format: a `subject:` line, a line `---`, then the body. `{{name}}` inserts a value; a line that is
//! only `- {{list}}` becomes one bullet per item of a list value.

use std::path::Path;

use crate::error::{Error, Result};
pub use crate::model::letter::NAMES;
use crate::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Text,
    List,
}

/// Every placeholder a template may use.
pub const PLACEHOLDERS: &[(&str, Slot)] = &[
    ("reference", Slot::Text),
    ("today", Slot::Text),
    ("received", Slot::Text),
    ("requester_name", Slot::Text),
    ("requester_email", Slot::Text),
    ("agent_name", Slot::Text),
    ("rights", Slot::Text),
    ("regime_name", Slot::Text),
    ("acknowledge_by", Slot::Text),
    ("respond_by", Slot::Text),
    ("extension_notice_by", Slot::Text),
    ("extended_respond_by", Slot::Text),
    ("extension_reasons", Slot::Text),
    ("outcome_reason", Slot::Text),
    ("org_name", Slot::Text),
    ("org_email", Slot::Text),
    ("org_address", Slot::Text),
    ("signatory", Slot::Text),
    ("dpo_email", Slot::Text),
    ("representative", Slot::Text),
    ("authority", Slot::Text),
    ("retention", Slot::Text),
    ("transfers", Slot::Text),
    ("sale_or_sharing", Slot::Text),
    ("sensitive_information", Slot::Text),
    ("data_categories", Slot::List),
    ("purposes", Slot::List),
    ("legal_bases", Slot::List),
    ("recipients", Slot::List),
];

/// A loaded, checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
}

macro_rules! built_in {
    ($($lang:literal => [$($name:literal),+ $(,)?]),+ $(,)?) => {
        &[$($(($lang, $name, include_str!(concat!("../../templates/", $lang, "/", $name, ".txt")))),+),+]
    };
}

const BUILT_IN: &[(&str, &str, &str)] = built_in!(
    "en" => [
        "acknowledgement", "id-request", "clarification-request", "extension", "access-response",
        "erasure-confirmation", "rectification-confirmation", "restriction-confirmation", "objection-confirmation",
        "portability-cover", "refusal", "ccpa-denial", "ccpa-opt-out-confirmation", "complaint-acknowledgement",
        "complaint-outcome", "representative-cover",
    ],
    "ja" => [
        "acknowledgement", "id-request", "clarification-request", "extension", "access-response",
        "erasure-confirmation", "rectification-confirmation", "restriction-confirmation", "objection-confirmation",
        "portability-cover", "refusal", "ccpa-denial", "ccpa-opt-out-confirmation", "complaint-acknowledgement",
        "complaint-outcome", "representative-cover",
    ],
    "de" => [
        "acknowledgement", "id-request", "clarification-request", "extension", "access-response",
        "erasure-confirmation", "rectification-confirmation", "restriction-confirmation", "objection-confirmation",
        "portability-cover", "refusal", "ccpa-denial", "ccpa-opt-out-confirmation", "complaint-acknowledgement",
        "complaint-outcome", "representative-cover",
    ],
);

/// Loads template `name` in `lang`: the user's copy under `overrides` if there is one, else the built-in.
pub fn load(name: &str, lang: Lang, overrides: Option<&Path>) -> Result<Template> {
    if !NAMES.contains(&name) {
        return Err(Error::validation(format!(
            "unknown template '{}' (expected one of: {})",
            crate::model::validate::printable(name),
            NAMES.join(", ")
        )));
    }
    if let Some(path) = overrides.map(|dir| dir.join(lang.code()).join(format!("{name}.txt"))).filter(|p| p.is_file()) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::validation(format!("cannot read template {}: {e}", path.display())))?;
        return parse(name, lang, &text).map_err(|e| Error::validation(format!("{}: {}", path.display(), e.message)));
    }
    let text = BUILT_IN
        .iter()
        .find(|(l, n, _)| *l == lang.code() && *n == name)
        .map(|(_, _, text)| *text)
        .ok_or_else(|| Error::validation(format!("template {name} has no {} version yet", lang.code())))?;
    parse(name, lang, text)
}

/// The templates of the breach register's letters, with their own placeholders.
pub const BREACH_NAMES: &[&str] = &["breach-authority-notification", "breach-subject-communication"];

/// Every placeholder a breach letter may use.
pub const BREACH_PLACEHOLDERS: &[(&str, Slot)] = &[
    ("breach_reference", Slot::Text),
    ("today", Slot::Text),
    ("aware_at", Slot::Text),
    ("occurred", Slot::Text),
    ("description", Slot::Text),
    ("people", Slot::Text),
    ("consequences", Slot::Text),
    ("measures", Slot::Text),
    ("authority_name", Slot::Text),
    ("org_name", Slot::Text),
    ("org_email", Slot::Text),
    ("org_address", Slot::Text),
    ("signatory", Slot::Text),
    ("contact", Slot::Text),
    ("representative", Slot::Text),
    ("delay_reasons", Slot::Text),
    ("data_categories", Slot::List),
    ("subject_categories", Slot::List),
];

const BREACH_BUILT_IN: &[(&str, &str, &str)] = built_in!(
    "en" => ["breach-authority-notification", "breach-subject-communication"],
    "ja" => ["breach-authority-notification", "breach-subject-communication"],
    "de" => ["breach-authority-notification", "breach-subject-communication"],
);

/// Loads breach template `name` in `lang`: the user's copy under `overrides`, else the built-in.
pub fn load_breach(name: &str, lang: Lang, overrides: Option<&Path>) -> Result<Template> {
    if !BREACH_NAMES.contains(&name) {
        return Err(Error::validation(format!(
            "unknown template '{}' (expected one of: {})",
            crate::model::validate::printable(name),
            BREACH_NAMES.join(", ")
        )));
    }
    if let Some(path) = overrides.map(|dir| dir.join(lang.code()).join(format!("{name}.txt"))).filter(|p| p.is_file()) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::validation(format!("cannot read template {}: {e}", path.display())))?;
        return parse_with(name, lang, &text, BREACH_PLACEHOLDERS)
            .map_err(|e| Error::validation(format!("{}: {}", path.display(), e.message)));
    }
    let text = BREACH_BUILT_IN
        .iter()
        .find(|(l, n, _)| *l == lang.code() && *n == name)
        .map(|(_, _, text)| *text)
        .ok_or_else(|| Error::validation(format!("template {name} has no {} version yet", lang.code())))?;
    parse_with(name, lang, text, BREACH_PLACEHOLDERS)
}

/// Parses and checks a case letter's template text.
pub fn parse(name: &str, lang: Lang, text: &str) -> Result<Template> {
    parse_with(name, lang, text, PLACEHOLDERS)
}

/// Parses and checks a template's text against the placeholders its letters know.
fn parse_with(name: &str, lang: Lang, text: &str, known: &[(&str, Slot)]) -> Result<Template> {
    let (head, body) = text
        .split_once("\n---\n")
        .ok_or_else(|| Error::validation("a template needs a 'subject:' line, then a line '---', then the body"))?;
    let subject = head
        .lines()
        .find_map(|l| l.strip_prefix("subject:"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::validation("the template has no 'subject:' line"))?;
    check_placeholders(subject, false, known)?;
    for line in body.lines() {
        check_placeholders(line, list_line(line).is_some(), known)?;
    }
    Ok(Template { name: name.to_string(), lang, subject: subject.to_string(), body: body.trim().to_string() })
}

/// `- {{purposes}}` → `purposes`.
fn list_line(line: &str) -> Option<&str> {
    line.trim().strip_prefix("- {{")?.strip_suffix("}}").map(str::trim)
}

fn check_placeholders(text: &str, list_allowed: bool, known: &[(&str, Slot)]) -> Result<()> {
    for name in placeholders(text)? {
        let slot = known
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .ok_or_else(|| Error::validation(format!("unknown placeholder {{{{{name}}}}}")))?;
        if slot == Slot::List && !list_allowed {
            return Err(Error::validation(format!(
                "{{{{{name}}}}} is a list: put it alone on a bullet line, as '- {{{{{name}}}}}'"
            )));
        }
    }
    Ok(())
}

/// The placeholder names in `text`, in order.
pub fn placeholders(text: &str) -> Result<Vec<&str>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| Error::validation("a '{{' without its closing '}}'"))?;
        out.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    Ok(out)
}

/// A placeholder's value for one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    /// The case lacks it; the text says what to record first.
    Missing(String),
}

/// Adds a value from the case as literal text: its line breaks folded into spaces, and at the
/// start of a line a backslash before what the letter would read as markup (`- `, `## `, `\`).
fn push_literal(out: &mut String, value: &str) {
    let folded = value.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    let at_line_start = out.is_empty() || out.ends_with('\n');
    if at_line_start && (folded.starts_with("- ") || folded.starts_with("## ") || folded.starts_with('\\')) {
        out.push('\\');
    }
    out.push_str(&folded);
}

impl Template {
    /// The subject and body with every placeholder filled, or the first value the case lacks.
    pub fn fill(&self, value: impl Fn(&str) -> Value) -> Result<(String, String)> {
        let text = |s: &str| -> Result<String> {
            let mut out = String::new();
            let mut rest = s;
            while let Some(start) = rest.find("{{") {
                out.push_str(&rest[..start]);
                let after = &rest[start + 2..];
                let end = after.find("}}").expect("checked at load");
                let name = after[..end].trim();
                match value(name) {
                    Value::Text(t) => push_literal(&mut out, &t),
                    Value::List(items) => out.push_str(&items.join(", ")),
                    Value::Missing(why) => return Err(Error::validation(why)),
                }
                rest = &after[end + 2..];
            }
            out.push_str(rest);
            Ok(out)
        };
        let mut body = Vec::new();
        for line in self.body.lines() {
            match list_line(line).map(&value) {
                Some(Value::List(items)) => body.extend(items.iter().map(|i| format!("- {i}"))),
                Some(Value::Missing(why)) => return Err(Error::validation(why)),
                _ => body.push(text(line)?),
            }
        }
        Ok((text(&self.subject)?, body.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_loads() {
        for (lang, name, _) in BUILT_IN {
            load(name, Lang::parse(lang).unwrap(), None).unwrap_or_else(|e| panic!("{lang}/{name}: {}", e.message));
        }
        for lang in Lang::ALL {
            for name in NAMES {
                assert!(BUILT_IN.iter().any(|(l, n, _)| *l == lang.code() && n == name), "{name} in {}", lang.code());
            }
        }
    }

    #[test]
    fn unknown_and_misplaced_placeholders_are_refused_at_load() {
        let e = parse("x", Lang::En, "subject: Hi {{reference}}\n---\nDear {{requester_nmae}},").unwrap_err();
        assert_eq!(e.message, "unknown placeholder {{requester_nmae}}");
        let e = parse("x", Lang::En, "subject: Hi\n---\nWe use it for {{purposes}}.").unwrap_err();
        assert!(e.message.contains("is a list"));
        assert!(parse("x", Lang::En, "no subject here").is_err());
        assert!(load("nonsense", Lang::En, None).unwrap_err().message.contains("unknown template 'nonsense'"));
    }
}
