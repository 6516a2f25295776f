//! The one error type of the core. Messages name case references, never personal data.

use std::fmt;

/// A closed set of error kinds; the desktop shell maps each to a stable code for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input was rejected before anything was written.
    Validation,
    /// A case, party or file that was asked for does not exist.
    NotFound,
    /// The passphrase does not open the database.
    WrongPassphrase,
    /// The database is locked, missing or not yet set up.
    NotReady,
    /// The action is not allowed in the case's current state.
    InvalidTransition,
    /// The database was written by a newer Casebook, or fails its integrity checks.
    Incompatible,
    /// The operating system or SQLite failed.
    Storage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The input field a validation error is about, so a form can show it in place.
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), field: None }
    }

    /// The database file's pages do not open or do not check out, with the way to restore.
    pub(crate) fn damaged_file(cause: impl std::fmt::Display) -> Self {
        Error::new(
            ErrorKind::Incompatible,
            format!(
                "the database file is damaged ({cause}); restore the latest backup with `casebook restore --from FILE`"
            ),
        )
    }
    /// A validation error about one named input field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Error { field: Some(field.to_string()), ..Self::validation(message) }
    }
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Validation, message)
    }
    /// The same error, attributed to an input field.
    pub fn in_field(self, field: &str) -> Self {
        Error { field: Some(field.to_string()), ..self }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn transition(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidTransition, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Storage, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    /// SQLite's messages describe statements and constraints, not the values bound to them,
    /// so they are safe to show; they still never include case text.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            // A page that fails SQLCipher's authentication or SQLite's checks, met by any command.
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::damaged_file(e),
            _ => Error::storage(format!("database error: {e}")),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::storage(format!("file error: {e}"))
    }
}
