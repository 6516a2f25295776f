//! Changes to tables that SQLite's ALTER TABLE cannot make, made in the stored schema text: the
//! documented way when every row already stored still passes (sqlite.org/lang_altertable.html,
//! "other kinds of table schema changes"), inside the migration's transaction.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

/// CHECK lists that grew, as (schema version, table, old text, new text).
const WIDENED: &[(u32, &str, &str, &str)] = &[
    (9, "cases", "'denied', 'withdrawn'))", "'denied', 'withdrawn', 'id-failed'))"),
    (9, "case_events", "'withdrawn', 'note'))", "'withdrawn', 'note', 'fee-requested', 'fee-received'))"),
    (13, "parties", "'authority', 'other'))", "'authority', 'agent', 'processor', 'internal', 'other'))"),
    (13, "correspondence", "'internal', 'other'))", "'internal', 'processor', 'other'))"),
];

/// The schema version from which a CHECK names its allowed values one comparison at a time
/// (`kind = 'request' OR kind = 'complaint' …`) instead of as a list (`kind IN ('request', …)`):
/// SQLite builds a temporary index of a list of three or more values again for every row it
/// writes, which was a third of the time an import spent inserting rows.
const COMPARED_VERSION: u32 = 20;

/// Makes the edits that belong to schema version `version`.
pub(super) fn edit(conn: &Connection, version: u32) -> Result<()> {
    let mut edits: Vec<(String, String)> = Vec::new();
    for (_, table, old, new) in WIDENED.iter().filter(|w| w.0 == version) {
        let sql = stored(conn, table)?.filter(|sql| sql.matches(old).count() == 1).ok_or_else(|| {
            Error::storage(format!("the {table} table is not as schema version {} left it", version - 1))
        })?;
        edits.push((table.to_string(), sql.replacen(old, new, 1)));
    }
    if version == COMPARED_VERSION {
        let mut stmt =
            conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK (%'")?;
        let tables = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for table in tables {
            let (name, sql) = table?;
            let compared = checks_compared(&sql);
            if compared != sql {
                edits.push((name, compared));
            }
        }
    }
    if edits.is_empty() {
        return Ok(());
    }
    conn.pragma_update(None, "writable_schema", true)?;
    for (table, sql) in &edits {
        conn.execute("UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1", [table, sql])?;
    }
    let schema_version: i64 = conn.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    conn.pragma_update(None, "schema_version", schema_version + 1)?;
    conn.pragma_update(None, "writable_schema", false)?;
    Ok(())
}

fn stored(conn: &Connection, table: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
        .optional()?)
}

/// `sql` with every `CHECK (column IN (v1, v2, …))` written `CHECK (column = v1 OR column = v2 …)`;
/// every other CHECK as it was.
fn checks_compared(sql: &str) -> String {
    const CHECK: &str = "CHECK (";
    let mut out = String::with_capacity(sql.len() * 2);
    let mut rest = sql;
    while let Some(at) = rest.find(CHECK) {
        let (before, inside) = rest.split_at(at + CHECK.len());
        out.push_str(before);
        rest = inside;
        if let Some((column, values, read)) = list_check(inside) {
            let compared: Vec<String> = values.iter().map(|v| format!("{column} = {v}")).collect();
            out.push_str(&compared.join(" OR "));
            out.push(')');
            rest = &inside[read..];
        }
    }
    out.push_str(rest);
    out
}

/// Reads `column IN (v1, v2, …))` at the start of `s`, the values being quoted text or integers:
/// the column, each value as written, and how much of `s` that is (the CHECK's closing
/// parenthesis included).
fn list_check(s: &str) -> Option<(&str, Vec<&str>, usize)> {
    let column_len = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let column = &s[..column_len];
    if column.is_empty() || !s[column_len..].starts_with(" IN (") {
        return None;
    }
    let mut at = column_len + " IN (".len();
    let mut values = Vec::new();
    loop {
        at += blank(&s[at..]);
        let len = value_len(&s[at..])?;
        values.push(&s[at..at + len]);
        at += len;
        at += blank(&s[at..]);
        match s[at..].chars().next()? {
            ',' => at += 1,
            ')' => break,
            _ => return None,
        }
    }
    at += 1;
    at += blank(&s[at..]);
    s[at..].starts_with(')').then_some((column, values, at + 1))
}

/// The length of the quoted text (`'it''s'`) or integer at the start of `s`.
fn value_len(s: &str) -> Option<usize> {
    if let Some(quoted) = s.strip_prefix('\'') {
        let mut at = 0;
        loop {
            at += quoted[at..].find('\'')? + 1;
            if !quoted[at..].starts_with('\'') {
                return Some(at + 1);
            }
            at += 1;
        }
    }
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (digits > 0).then_some(digits)
}

fn blank(s: &str) -> usize {
    s.find(|c: char| !c.is_whitespace()).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_comparisons_and_other_checks_stay() {
        let sql = "CREATE TABLE t (
    kind TEXT NOT NULL CHECK (kind IN ('request', 'complaint',
                                       'it''s')),
    flag INTEGER CHECK (flag IN (0, 1)),
    id INTEGER CHECK (id = 1),
    days INTEGER CHECK (days BETWEEN 0 AND 250),
    odd TEXT CHECK (odd IN (SELECT x FROM y))
)";
        assert_eq!(
            checks_compared(sql),
            "CREATE TABLE t (
    kind TEXT NOT NULL CHECK (kind = 'request' OR kind = 'complaint' OR kind = 'it''s'),
    flag INTEGER CHECK (flag = 0 OR flag = 1),
    id INTEGER CHECK (id = 1),
    days INTEGER CHECK (days BETWEEN 0 AND 250),
    odd TEXT CHECK (odd IN (SELECT x FROM y))
)"
        );
    }

    #[test]
    fn a_list_cut_short_is_left_as_written() {
        for sql in ["CHECK (kind IN ('a', 'b'", "CHECK (kind IN ('a', 'b)", "CHECK (kind IN ('a' 'b'))", "CHECK ("] {
            assert_eq!(checks_compared(sql), sql);
        }
    }
}
