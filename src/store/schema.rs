//! Append-only migrations, applied in one transaction; the version lives in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, ErrorKind, Result};

/// Every migration in order; the schema version is the number applied.
const MIGRATIONS: &[&str] =
    &[include_str!("migrations/0001_initial.sql"), include_str!("migrations/0002_office_closures.sql")];

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database up to `LATEST_VERSION`, all or nothing; refuses a newer database.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > LATEST_VERSION {
        return Err(Error::new(
            ErrorKind::Incompatible,
            format!(
                "this database has schema version {version}, newer than this Casebook understands ({LATEST_VERSION}); \
                 update Casebook to open it"
            ),
        ));
    }
    if version == LATEST_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for sql in &MIGRATIONS[version as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}
