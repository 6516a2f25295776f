//! Statements the store runs again and again (per case of an import, per row of a write) are
//! parsed once per connection: `run` and `one` are `execute` and `query_row` through the
//! connection's statement cache.

use rusqlite::{Connection, Params, Row};

/// How many distinct statements a connection keeps prepared.
pub(super) const CACHED_STATEMENTS: usize = 256;

pub(super) trait CachedSql {
    /// Runs a statement; returns the number of rows it changed.
    fn run<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    /// Runs a query that returns one row.
    fn one<T, P: Params, F: FnOnce(&Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> rusqlite::Result<T>;
}

impl CachedSql for Connection {
    fn run<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn one<T, P: Params, F: FnOnce(&Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> rusqlite::Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}
