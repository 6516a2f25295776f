//! Full-text search (SQLite FTS5) over each case's reference, names, emails, notes and
//! correspondence. The index is kept by the code that writes those fields, in the same transaction.

use rusqlite::{params, Connection};

use crate::error::Result;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Text as it is indexed: CJK characters spaced apart, so each is a token of its own.
pub fn index_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_cjk(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// What a person types, as an FTS5 query: every word must match; Latin words as prefixes, runs
/// of CJK characters as phrases of single characters. `None` when nothing searchable is left.
pub fn query(typed: &str) -> Option<String> {
    let mut terms = Vec::new();
    // Words are runs of letters and digits: punctuation (and with it any FTS syntax) separates them.
    for clean in index_text(typed).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if clean.chars().all(is_cjk) {
            terms.push(format!("\"{clean}\""));
        } else {
            terms.push(format!("\"{clean}\"*"));
        }
    }
    // Adjacent CJK characters form one phrase: "山" "田" → "山 田".
    let mut merged: Vec<String> = Vec::new();
    for t in terms {
        let cjk = !t.ends_with('*');
        match merged.last_mut() {
            Some(last) if cjk && !last.ends_with('*') => {
                last.pop();
                last.push(' ');
                last.push_str(&t[1..]);
            }
            _ => merged.push(t),
        }
    }
    (!merged.is_empty()).then(|| merged.join(" AND "))
}

/// Rewrites the index row of one case from what is stored.
pub fn reindex(conn: &Connection, case_id: i64) -> Result<()> {
    // References are searched by their parts too ("DSR-2026-0001" → "DSR 2026 0001"), emails by theirs.
    let (reference, names, emails, notes, correspondence): (String, String, String, String, String) = conn.query_row(
        "SELECT c.reference, p.name, p.email, c.notes, a.name, a.email,
                (SELECT group_concat(subject || ' ' || summary, ' ') FROM correspondence WHERE case_id = c.id)
         FROM cases c JOIN people p ON p.id = c.requester_id LEFT JOIN people a ON a.id = c.agent_id WHERE c.id = ?1",
        [case_id],
        |r| {
            let text = |i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
            Ok((
                text(0)?.replace('-', " "),
                format!("{} {}", text(1)?, text(4)?),
                format!("{} {}", text(2)?, text(5)?).replace(['@', '.'], " "),
                text(3)?,
                text(6)?,
            ))
        },
    )?;
    conn.execute("DELETE FROM case_search WHERE rowid = ?1", [case_id])?;
    conn.execute(
        "INSERT INTO case_search (rowid, reference, name, email, notes, correspondence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![case_id, reference, index_text(&names), emails, index_text(&notes), index_text(&correspondence)],
    )?;
    Ok(())
}

/// Rebuilds the whole index (after the migration that created it, or an import).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM case_search", [])?;
    let ids: Vec<i64> =
        conn.prepare("SELECT id FROM cases")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        reindex(conn, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_from_what_people_type() {
        assert_eq!(query("zoe").as_deref(), Some("\"zoe\"*"));
        assert_eq!(query("山田").as_deref(), Some("\"山 田\""));
        assert_eq!(query("山田 taro").as_deref(), Some("\"山 田\" AND \"taro\"*"));
        assert_eq!(query("DSR-2026-0001").as_deref(), Some("\"DSR\"* AND \"2026\"* AND \"0001\"*"));
        assert_eq!(query("\"; DROP TABLE cases; --"), Some("\"DROP\"* AND \"TABLE\"* AND \"cases\"*".into()));
        assert_eq!(query("  %%  "), None);
    }
}
