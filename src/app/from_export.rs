//! A new database started from a Casebook export (moving to a new laptop, or from a backup kept as
//! JSON): what the export holds, read before anything is created; then the database created with
//! it, all or nothing.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::validate::printable;
use crate::store::RecoveryKey;
use crate::store::Store;

/// What an export holds, shown before a database is made from it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportSummary {
    /// The organisation its profile names.
    pub organisation: Option<String>,
    pub cases: usize,
    pub parties: usize,
    pub breaches: usize,
}

/// Reads and parses an export file.
pub fn read(path: &Path) -> Result<Value> {
    let name = path.file_name().map(|n| printable(&n.to_string_lossy())).unwrap_or_default();
    let text = std::fs::read_to_string(path).map_err(|e| Error::validation(format!("cannot read {name}: {e}")))?;
    serde_json::from_str(&text).map_err(|e| Error::validation(format!("{name} is not valid JSON: {e}")))
}

/// What `doc` holds; refused when it is not a Casebook export.
pub fn describe(doc: &Value) -> Result<ExportSummary> {
    if doc.get("format").and_then(Value::as_str) != Some("casebook-export") {
        return Err(Error::validation("this is not a Casebook export (no \"format\": \"casebook-export\")"));
    }
    let rows = |table: &str| doc["tables"][table].as_array().map_or(0, Vec::len);
    let organisation = doc["tables"]["settings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|row| row["key"] == "profile")
        .and_then(|row| serde_json::from_str::<Value>(row["value"].as_str()?).ok())
        .and_then(|profile| profile["name"].as_str().map(str::to_string));
    Ok(ExportSummary { organisation, cases: rows("cases"), parties: rows("parties"), breaches: rows("breaches") })
}

/// Creates the database at `db` under `passphrase` holding the export; nothing is left behind
/// when the export is refused. Returns it open, with its recovery key to show once.
pub fn start(db: &Path, passphrase: &str, doc: &Value) -> Result<(Store, RecoveryKey)> {
    describe(doc)?;
    Store::create_from_export(db, passphrase, doc)
}
