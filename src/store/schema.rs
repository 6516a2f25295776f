//! Append-only migrations, applied in one transaction; the version lives in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, ErrorKind, Result};

/// Every migration in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_office_closures.sql"),
    include_str!("migrations/0003_search.sql"),
    include_str!("migrations/0004_indexes.sql"),
    include_str!("migrations/0005_retention.sql"),
    include_str!("migrations/0006_audit_digest.sql"),
    include_str!("migrations/0007_list_order_covering.sql"),
    include_str!("migrations/0008_search_prefixes.sql"),
    include_str!("migrations/0009_per_right.sql"),
    include_str!("migrations/0010_row_digests.sql"),
    include_str!("migrations/0011_seals.sql"),
    include_str!("migrations/0012_audit_by_case.sql"),
    include_str!("migrations/0013_address_book.sql"),
    include_str!("migrations/0014_tasks.sql"),
    include_str!("migrations/0015_letter_life.sql"),
    include_str!("migrations/0016_breaches.sql"),
    include_str!("migrations/0017_list_sorts.sql"),
    include_str!("migrations/0018_letter_columns.sql"),
    include_str!("migrations/0019_search_batches.sql"),
    include_str!("migrations/0020_checks_compared.sql"),
];

/// The version whose migration last created the search index (anew), which Rust then fills from
/// the cases; an older database is refilled once, after its last migration.
const SEARCH_INDEX_VERSION: u32 = 8;

/// The version whose migration adds the audit digest; Rust then re-seals the existing chain.
const AUDIT_DIGEST_VERSION: u32 = 6;

pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database up to `LATEST_VERSION`, all or nothing; refuses a newer database.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let latest = migrations.len() as u32;
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > latest {
        return Err(Error::new(
            ErrorKind::Incompatible,
            format!(
                "this database has schema version {version}, newer than this Casebook understands ({latest}); \
                 update Casebook to open it"
            ),
        ));
    }
    if version == latest {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (i, sql) in migrations.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)
            .map_err(|e| Error::storage(format!("migration to schema version {} failed: {e}", i + 1)))?;
        if i as u32 + 1 == AUDIT_DIGEST_VERSION && version > 0 {
            super::audit::reseal(&tx)?;
        }
        super::stored_schema::edit(&tx, i as u32 + 1)?;
    }
    if version > 0 && version < SEARCH_INDEX_VERSION && latest >= SEARCH_INDEX_VERSION {
        super::search::rebuild(&tx)?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<(String, String, String)> {
        let mut stmt =
            conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect()
    }

    /// A database exactly as each past version left it, with a little data in it.
    fn at_version(version: usize) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for (i, sql) in MIGRATIONS[..version].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            super::super::stored_schema::edit(&conn, i as u32 + 1).unwrap();
        }
        conn.pragma_update(None, "user_version", version as u32).unwrap();
        conn.execute_batch(
            "INSERT INTO people (name) VALUES ('Ann Lee');
             INSERT INTO cases (reference, kind, regime, channel, received_at, received_tz, received_date, status,
                                requester_id, created_at, updated_at)
             VALUES ('DSR-2026-0001', 'request', 'gdpr', 'email', '2026-03-06T09:00:00Z', 'Europe/Berlin',
                     '2026-03-06', 'new', 1, '2026-03-06T09:00:00Z', '2026-03-06T09:00:00Z');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn every_past_version_upgrades_to_the_fresh_schema_keeping_its_data() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        for version in 1..MIGRATIONS.len() {
            let mut old = at_version(version);
            if version >= 3 {
                // The search index exists from version 3 on.
                old.execute(
                    "INSERT INTO case_search (rowid, reference, name) VALUES (1, 'DSR 2026 0001', 'Ann Lee')",
                    [],
                )
                .unwrap();
            }
            migrate(&mut old).unwrap();
            assert_eq!(schema(&old), schema(&fresh), "from version {version}");
            let v: u32 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            assert_eq!(v, LATEST_VERSION);
            let n: i64 = old.query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
            assert_eq!(n, 1, "data kept from version {version}");
            let found: i64 = old
                .query_row("SELECT count(*) FROM case_search WHERE case_search MATCH '\"an\"*'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(found, 1, "still found by search after upgrading from version {version}");
        }
    }

    /// Appends a record hashed the way versions before 6 did: over the text of its changes.
    fn legacy_audit(conn: &Connection, seq: i64, changes: &str) {
        use sha2::{Digest, Sha256};
        let prev: String = conn
            .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq - 1], |r| r.get(0))
            .unwrap_or_else(|_| "0".repeat(64));
        let at = "2026-03-06T09:00:00.000000Z";
        let content = serde_json::json!([seq, at, "officer", "case.add", "DSR-2026-0001", changes, prev]);
        let hash = hex::encode(Sha256::digest(content.to_string().as_bytes()));
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, action, case_ref, changes, prev_hash, hash)
             VALUES (?1, ?2, 'officer', 'case.add', 'DSR-2026-0001', ?3, ?4, ?5)",
            rusqlite::params![seq, at, changes, prev, hash],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            rusqlite::params![seq, hash],
        )
        .unwrap();
    }

    #[test]
    fn an_intact_audit_chain_is_resealed_over_digests_and_a_broken_one_stays_broken() {
        let mut intact = at_version(5);
        legacy_audit(&intact, 1, r#"{"name":[null,"Ann Lee"]}"#);
        legacy_audit(&intact, 2, r#"{"status":["new","acknowledged"]}"#);
        assert_eq!(super::super::audit::verify_chain(&intact).unwrap().first_broken, None, "legacy records verify");
        migrate(&mut intact).unwrap();
        let report = super::super::audit::verify_chain(&intact).unwrap();
        assert_eq!((report.records, report.first_broken), (2, None));
        let digests: i64 = intact.query_row("SELECT count(changes_sha256) FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(digests, 2, "both records re-sealed");

        let mut broken = at_version(5);
        legacy_audit(&broken, 1, r#"{"name":[null,"Ann Lee"]}"#);
        legacy_audit(&broken, 2, r#"{"status":["new","acknowledged"]}"#);
        broken.execute("UPDATE audit_log SET changes = '{}' WHERE seq = 1", []).unwrap();
        migrate(&mut broken).unwrap();
        assert_eq!(super::super::audit::verify_chain(&broken).unwrap().first_broken, Some(1), "still reported");
    }

    #[test]
    fn a_failed_migration_leaves_the_database_as_it_was() {
        let mut old = at_version(1);
        let before = schema(&old);
        let broken = [MIGRATIONS[0], "CREATE TABLE extra (x INTEGER); THIS IS NOT SQL;"];
        let e = migrate_with(&mut old, &broken).unwrap_err();
        assert!(e.message.contains("migration to schema version 2 failed"), "{}", e.message);
        assert_eq!(schema(&old), before);
        let v: u32 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut newer = at_version(MIGRATIONS.len());
        newer.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        assert_eq!(migrate(&mut newer).unwrap_err().kind, ErrorKind::Incompatible);
    }

    #[test]
    fn no_insert_builds_a_temporary_index_and_checks_still_refuse() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let column = |i: usize, sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| r.get(i)).unwrap().map(|r| r.unwrap()).collect()
        };
        let tables =
            column(0, "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'");
        assert!(tables.len() > 20, "{tables:?}");
        for table in &tables {
            // EXPLAIN's second column is the operation.
            let plan = column(1, &format!("EXPLAIN INSERT INTO \"{table}\" DEFAULT VALUES"));
            assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "an insert into {table} builds a temporary index");
        }
        conn.execute_batch("INSERT INTO people (name) VALUES ('Ann Lee');").unwrap();
        let case = |status: &str| {
            conn.execute(
                "INSERT INTO cases (reference, kind, regime, channel, received_at, received_tz, received_date, status,
                                    requester_id, created_at, updated_at)
                 VALUES (?1, 'request', 'gdpr', 'email', '2026-03-06T09:00:00Z', 'Europe/Berlin', '2026-03-06', ?2,
                         1, '2026-03-06T09:00:00Z', '2026-03-06T09:00:00Z')",
                [format!("DSR-2026-{status}"), status.to_string()],
            )
        };
        assert!(case("in-progress").is_ok());
        let refused = case("in progress").unwrap_err().to_string();
        assert!(refused.contains("CHECK constraint failed"), "{refused}");
    }
}
