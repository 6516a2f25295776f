//! What checking the history found: the audit records, the chain, the rows against it, the seals.

use serde::Serialize;

/// One stored audit record.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub case_ref: Option<String>,
    pub changes: String,
    pub prev_hash: String,
    pub hash: String,
    /// SHA-256 of `changes` as written; `None` for a record written before schema version 6 and
    /// never re-sealed (its hash then covers the text itself).
    pub changes_sha256: Option<String>,
    /// SHA-256 of the row digests stored under this record (`audit_rows`); `None` for a record
    /// written before schema version 10.
    pub rows_sha256: Option<String>,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ChainReport {
    pub records: i64,
    /// The sequence number of the first record that does not verify, if any.
    pub first_broken: Option<i64>,
    pub problem: Option<String>,
}

/// A row that is not as the audit trail says it should be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RowProblem {
    /// The case it belongs to, when it belongs to one.
    pub case: Option<String>,
    pub table: String,
    pub row: i64,
    pub problem: &'static str,
}

/// What checking the rows found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RowReport {
    pub rows_checked: u64,
    pub problems: Vec<RowProblem>,
}

/// One stored seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Seal {
    pub epoch: i64,
    /// The last audit record it covers.
    pub seq: i64,
    pub at: String,
}

/// What checking the seals found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SealReport {
    pub seals: i64,
    pub last: Option<Seal>,
    /// Whether each seal's tag was checked with the verification key.
    pub checked_with_key: bool,
    pub problem: Option<String>,
}

/// Where the chain stands, for documents that leave the office (reports): a later rewrite of the
/// chain contradicts what they carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainWitness {
    pub records: i64,
    /// The newest record's hash.
    pub head: String,
    pub last_seal: Option<Seal>,
}
