//! The whole database as one JSON document, and back: every table a list of rows (columns by
//! name, binary values as `{"hex": …}`), in key order, with no timestamp of its own, so that
//! export → import into a new database → export gives the same bytes. The audit log is not
//! exported: it is the history of one database; the import itself is audited.

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{params_from_iter, Connection};
use serde_json::{json, Map, Value};

use super::schema::LATEST_VERSION;
use super::Store;
use crate::error::{Error, Result};

pub const FORMAT: &str = "casebook-export";
pub const FORMAT_VERSION: u32 = 1;

/// The tables exported, parents before children, with the column that orders their rows.
const TABLES: &[(&str, &str)] = &[
    ("settings", "key"),
    ("parties", "id"),
    ("people", "id"),
    ("reference_counters", "prefix, year"),
    ("office_closures", "day"),
    ("cases", "id"),
    ("case_rights", "case_id, position"),
    ("case_tags", "case_id, tag"),
    ("case_links", "case_id, linked_case_id"),
    ("case_events", "id"),
    ("correspondence", "id"),
    ("deadlines", "id"),
    ("case_tasks", "id"),
    ("attachments", "id"),
    ("letters", "id"),
    ("breaches", "id"),
    ("breach_regimes", "breach_id, regime"),
    ("breach_authorities", "breach_id, party_id"),
    ("breach_notifications", "id"),
    ("breach_events", "id"),
    ("breach_cases", "breach_id, case_id"),
];

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => json!({ "hex": hex::encode(b) }),
    }
}

fn from_json(table: &str, column: &str, v: &Value) -> Result<Sql> {
    let bad = || Error::validation(format!("import: {table}.{column} has a value of the wrong kind"));
    Ok(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n.as_i64().map(Sql::Integer).or_else(|| n.as_f64().map(Sql::Real)).ok_or_else(bad)?,
        Value::String(s) => Sql::Text(s.clone()),
        Value::Object(o) => match o.get("hex").and_then(Value::as_str) {
            Some(h) => Sql::Blob(hex::decode(h).map_err(|_| bad())?),
            None => return Err(bad()),
        },
        Value::Array(_) => return Err(bad()),
    })
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Everything but the audit log, as JSON.
    pub fn export_json(&self) -> Result<Value> {
        let mut tables = Map::new();
        for (table, order) in TABLES {
            let cols = columns(self.conn(), table)?;
            let mut stmt = self.conn().prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut obj = Map::new();
                for (i, c) in cols.iter().enumerate() {
                    obj.insert(c.clone(), to_json(row.get_ref(i)?));
                }
                out.push(Value::Object(obj));
            }
            tables.insert(table.to_string(), Value::Array(out));
        }
        Ok(json!({ "format": FORMAT, "version": FORMAT_VERSION, "schema_version": LATEST_VERSION, "tables": tables }))
    }

    /// Loads an export into this database, which must hold no cases yet; all or nothing.
    /// Returns the number of rows per table.
    pub fn import_json(&mut self, doc: &Value) -> Result<Map<String, Value>> {
        if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Error::validation(
                "import: this is not a Casebook export (no \"format\": \"casebook-export\")",
            ));
        }
        match doc.get("version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            other => return Err(Error::validation(format!("import: unsupported export version {other:?}"))),
        }
        if doc.get("schema_version").and_then(Value::as_u64).is_none_or(|v| v > u64::from(LATEST_VERSION)) {
            return Err(Error::validation("import: the export comes from a newer Casebook; update Casebook first"));
        }
        let tables =
            doc.get("tables").and_then(Value::as_object).ok_or_else(|| Error::validation("import: no tables"))?;
        if let Some(unknown) = tables.keys().find(|k| !TABLES.iter().any(|(t, _)| t == k)) {
            return Err(Error::validation(format!(
                "import: unknown table '{}'",
                crate::model::validate::printable(unknown)
            )));
        }
        self.bulk_write(|w| {
            let cases: i64 = w.tx.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
            if cases > 0 {
                return Err(Error::validation(
                    "import: this database already holds cases; import into a new database (casebook init)",
                ));
            }
            // The new database's own profile and address book give way to the imported ones.
            // Row by row (a `WHERE`), so that each deleted row is noted.
            w.tx.execute_batch(
                "DELETE FROM settings WHERE true; DELETE FROM parties WHERE true; DELETE FROM reference_counters WHERE true;",
            )?;
            // Every row is new: they are noted all at once at the end rather than one by one.
            w.noted.pause();
            let mut counts = Map::new();
            let total: usize = tables.values().filter_map(Value::as_array).map(Vec::len).sum();
            let mut done = 0;
            crate::progress::report(crate::progress::Stage::Import, done, total);
            for (table, _) in TABLES {
                let rows = match tables.get(*table) {
                    Some(Value::Array(rows)) => rows,
                    Some(_) => return Err(Error::validation(format!("import: table {table} is not a list"))),
                    None => continue,
                };
                let known = columns(&w.tx, table)?;
                // Every row of an export has the same columns: the statement is made again only when
                // a row's columns differ from the row before.
                let mut insert: Option<(Vec<&String>, rusqlite::Statement<'_>)> = None;
                for row in rows {
                    let obj = row
                        .as_object()
                        .ok_or_else(|| Error::validation(format!("import: a row of {table} is not an object")))?;
                    if let Some(bad) = obj.keys().find(|k| !known.contains(k)) {
                        return Err(Error::validation(format!(
                            "import: {table} has no column '{}'",
                            crate::model::validate::printable(bad)
                        )));
                    }
                    if !insert.as_ref().is_some_and(|(names, _)| names.iter().copied().eq(obj.keys())) {
                        let names: Vec<&String> = obj.keys().collect();
                        let quoted: Vec<String> = names.iter().map(|c| format!("\"{c}\"")).collect();
                        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                        let sql =
                            format!("INSERT INTO {table} ({}) VALUES ({})", quoted.join(", "), placeholders.join(", "));
                        insert = Some((names, w.tx.prepare(&sql)?));
                    }
                    let (names, stmt) = insert.as_mut().expect("made above");
                    let values = names.iter().map(|c| from_json(table, c, &obj[*c])).collect::<Result<Vec<_>>>()?;
                    stmt.execute(params_from_iter(values))
                        .map_err(|e| Error::validation(format!("import: a row of {table} was refused: {e}")))?;
                    done += 1;
                    crate::progress::report(crate::progress::Stage::Import, done, total);
                }
                counts.insert(table.to_string(), json!(rows.len()));
            }
            super::archive_check::check_imported(&w.tx, w.today)?;
            super::search::rebuild(&w.tx)?;
            w.noted.note_all(&w.tx)?;
            w.noted.resume();
            w.audit("import.json", None, json!({ "imported": counts.clone() }))?;
            Ok(counts)
        })
    }
}
