//! The only code that speaks SQL: opening and unlocking the encrypted database, migrations,
//! one module per table family, and the audit chain that every write appends to.

mod archive;
mod archive_check;
mod audit;
mod backup;
mod breach_reads;
mod breaches;
mod case_list;
mod cases;
mod checked;
mod closures;
mod correspondence;
mod deadlines;
mod edits;
mod key;
mod letters;
mod links;
mod lock;
mod overview;
mod parties;
mod reminders;
mod retention;
mod rows;
mod schema;
mod seal;
mod search;
mod settings;
mod sql;
mod stored_schema;
mod tasks;
mod write;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use archive_check::check_reference;
pub use backup::{restore, verify_backup};
pub use checked::PendingCheck;
pub use key::{check_new_passphrase, sidecar_path, KeyFile, RecoveryKey, MIN_PASSPHRASE_CHARS};
pub use schema::LATEST_VERSION;
pub use seal::{state_path as seal_state_path, SealKey};
pub(crate) use write::Write;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{OrganisationProfile, RowReport};
use checked::Integrity;

/// An open, unlocked database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    zone: Tz,
    /// Kept for backups, which are encrypted with the same key; wiped when the store is dropped.
    key: key::Key,
    /// `PRAGMA quick_check` of the file: passed, or still running beside the first reads.
    integrity: Integrity,
    /// Shared with every other open Store of this file; taken alone to re-key.
    lock: lock::DbLock,
    /// The verification key of seals started by this store, until the face has shown it.
    new_seal_key: Option<SealKey>,
    /// The copy kept before this open upgraded the file's schema, until the face has said so.
    upgrade: Option<Upgrade>,
    /// The rows this connection's writes touched, for the audit record that closes each write.
    noted: rows::Noted,
}

/// An older database brought up to this Casebook's schema, with the copy kept before.
#[derive(Debug, Clone)]
pub struct Upgrade {
    pub from: u32,
    pub to: u32,
    pub copy: PathBuf,
}

/// When the open checks the file with `PRAGMA quick_check` (it reads the whole file: 2 s at
/// 100,000 cases).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Before the open returns.
    Now,
    /// Before the open returns, unless the file was checked today already (the CLI).
    Daily,
    /// On a second connection while reads go ahead (the window); the first write waits for it.
    BeforeFirstWrite,
}

impl Store {
    /// Creates a new encrypted database at `path` with the given profile, and returns it with its
    /// recovery key (to be shown once). Refuses to overwrite anything; if creation fails half-way,
    /// the new files are removed again.
    pub fn create(path: &Path, passphrase: &str, profile: &OrganisationProfile) -> Result<(Store, RecoveryKey)> {
        Store::create_then(path, passphrase, profile, |_| Ok(()))
    }

    /// Creates a new database as `create` does, then runs `then` on it; if either fails, the new
    /// files are removed again.
    fn create_then(
        path: &Path,
        passphrase: &str,
        profile: &OrganisationProfile,
        then: impl FnOnce(&mut Store) -> Result<()>,
    ) -> Result<(Store, RecoveryKey)> {
        check_new_passphrase(passphrase)?;
        profile.validate()?;
        if path.exists() || sidecar_path(path).exists() {
            return Err(Error::validation(format!("a database already exists at {}", path.display())));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::create_private_dir(dir)?;
        }
        let result = (|| {
            let lock = lock::DbLock::shared(path)?;
            // SQLite gives its journal files the database file's mode: both stay the owner's alone.
            crate::files::create_new_private(path)?;
            let mut new = KeyFile::create(passphrase)?;
            new.file.write(path)?;
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
            let mut store = Store::connect(path, flags, new.key, Check::Now, lock)?;
            store.write(|w| settings::seed(w, profile))?;
            store.start_sealing()?;
            new.file.set_audit_genesis(audit::genesis(&store.conn)?);
            new.file.remember_database(path, key::salt_of(&store.conn)?)?;
            store.zone = crate::model::case::parse_zone(&profile.time_zone)?;
            then(&mut store)?;
            Ok((store, new.recovery))
        })();
        if result.is_err() {
            let leftovers = [
                path.to_path_buf(),
                sidecar_path(path),
                seal::state_path(path),
                checked::path(path),
                crate::files::with_suffix(path, "-wal"),
                crate::files::with_suffix(path, "-shm"),
            ];
            for leftover in leftovers {
                let _ = std::fs::remove_file(leftover);
            }
        }
        result
    }

    /// Creates a new database holding a Casebook export (its profile and address book in place of
    /// the sample's), all or nothing: an export refused for any row leaves no file behind.
    pub fn create_from_export(
        path: &Path,
        passphrase: &str,
        export: &serde_json::Value,
    ) -> Result<(Store, RecoveryKey)> {
        Store::create_then(path, passphrase, &OrganisationProfile::sample(), |store| {
            store.import_json(export)?;
            if let Some(profile) = store.profile_if_set()? {
                store.zone = crate::model::case::parse_zone(&profile.time_zone)?;
            }
            Ok(())
        })
    }

    /// Opens an existing database. A wrong passphrase gives `WrongPassphrase` and changes nothing.
    pub fn open(path: &Path, passphrase: &str) -> Result<Store> {
        if !path.exists() {
            return Err(Error::new(
                ErrorKind::NotReady,
                format!("no database at {} (create one with `casebook init`)", path.display()),
            ));
        }
        Store::open_with(path, Check::Daily, |file| file.unlock(passphrase))?.with_current_key_costs(passphrase)
    }

    /// Opens like `open`, but checks the file's integrity beside the first reads instead of before
    /// them; nothing is written until the check has passed. For the window, whose case list should
    /// show without waiting for a read of the whole file.
    pub fn open_checking_before_writes(path: &Path, passphrase: &str) -> Result<Store> {
        if !path.exists() {
            return Err(Error::new(ErrorKind::NotReady, format!("no database at {}", path.display())));
        }
        Store::open_with(path, Check::BeforeFirstWrite, |file| file.unlock(passphrase))?
            .with_current_key_costs(passphrase)
    }

    /// A key file sealed under older key-derivation costs is sealed anew under today's once the
    /// passphrase has opened the database (same passphrase, same recovery key). Best effort: a key
    /// file that cannot be written now keeps opening as before.
    fn with_current_key_costs(self, passphrase: &str) -> Result<Store> {
        if let Ok(Some(file)) = KeyFile::read(&self.path).and_then(|f| f.with_current_costs(&self.key, passphrase)) {
            let _ = file.write(&self.path);
        }
        Ok(self)
    }

    /// Opens an existing database with its recovery key (to set a new passphrase).
    pub fn open_with_recovery_key(path: &Path, recovery: &str) -> Result<Store> {
        if !path.exists() {
            return Err(Error::not_found(format!("no database at {}", path.display())));
        }
        Store::open_with(path, Check::Now, |file| file.unlock_with_recovery(recovery))
    }

    /// Opens an existing database with its data key as `data_key_secret` gave it (kept in the OS
    /// keyring). A key that no longer fits (the passphrase was changed since) gives `WrongPassphrase`.
    pub fn open_with_data_key(path: &Path, secret: &str) -> Result<Store> {
        if !path.exists() {
            return Err(Error::not_found(format!("no database at {}", path.display())));
        }
        let key = key::Key::from_hex(secret)?;
        let lock = lock::DbLock::shared(path)?;
        check_not_cut_short(path)?;
        Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, key, Check::BeforeFirstWrite, lock).map_err(|e| match e
            .kind
        {
            ErrorKind::WrongPassphrase => {
                Error::new(ErrorKind::WrongPassphrase, "the remembered key no longer opens this database")
            }
            _ => e,
        })
    }

    /// The data key as hex, for the OS keyring only; wiped from memory when dropped.
    pub fn data_key_secret(&self) -> zeroize::Zeroizing<String> {
        self.key.to_hex()
    }

    /// Unlocks with the key file, or with the pending one of a passphrase change that was
    /// interrupted after the database was re-keyed (which is then made the key file).
    /// A key that unwraps (the passphrase is right) but does not open the file means damage or a
    /// key file from another database, never a wrong passphrase; the error says which it looks like.
    fn open_with(path: &Path, check: Check, unlock: impl Fn(&KeyFile) -> Result<key::Key>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE;
        // Taken before the key file is read, so a passphrase change in another process is seen whole.
        let lock = lock::DbLock::shared(path)?;
        check_not_cut_short(path)?;
        let file = KeyFile::read(path)?;
        let pending = KeyFile::read_pending(path);
        let from_pending = |lock| -> Result<Store> {
            let store = pending
                .as_ref()
                .ok_or_else(|| Error::new(ErrorKind::WrongPassphrase, "wrong passphrase"))
                .and_then(&unlock)
                .and_then(|key| Store::connect(path, flags, key, check, lock))
                .map_err(|_| {
                    Error::new(
                        ErrorKind::WrongPassphrase,
                        "wrong passphrase (a passphrase change was interrupted: try the new passphrase too)",
                    )
                })?;
            KeyFile::promote_pending(path)?;
            Ok(store)
        };
        let store = match unlock(&file) {
            // The new passphrase of a change interrupted before its key file became current.
            Err(e) if e.kind == ErrorKind::WrongPassphrase && pending.is_some() => from_pending(lock)?,
            Err(e) => return Err(e),
            Ok(key) => match Store::connect(path, flags, key, check, lock) {
                Ok(store) => {
                    if pending.is_some() {
                        // The change never reached the database; its pending key file is stale.
                        let _ = std::fs::remove_file(key::pending_path(path));
                    }
                    store
                }
                Err(e) if e.kind == ErrorKind::WrongPassphrase && pending.is_some() => {
                    from_pending(lock::DbLock::shared(path)?)?
                }
                Err(e) if e.kind == ErrorKind::WrongPassphrase => return Err(key::diagnose_mismatch(path, &file)),
                Err(e) => return Err(e),
            },
        };
        if !file.remembers_database() {
            KeyFile::read(path)?.remember_database(path, key::salt_of(&store.conn)?)?;
        }
        if file.audit_genesis().is_none() {
            let mut file = KeyFile::read(path)?;
            file.set_audit_genesis(audit::genesis(&store.conn)?);
            file.write(path)?;
        }
        Ok(store)
    }

    /// Refuses, as a wrong passphrase, one that is not this database's: for a step that asks for
    /// the passphrase again while the database is open.
    pub fn confirm_passphrase(&self, passphrase: &str) -> Result<()> {
        KeyFile::read(&self.path)?.unlock(passphrase).map(drop)
    }

    /// Re-keys the database under a new data key sealed with `new_passphrase` and a new recovery
    /// key (returned, to be shown once). Crash-safe: the new key file is written first as pending,
    /// the database re-keyed in one step, then the pending file made current; an open after a crash
    /// between those steps finds whichever key opens the database.
    pub fn change_passphrase(&mut self, new_passphrase: &str) -> Result<RecoveryKey> {
        check_new_passphrase(new_passphrase)?;
        // Re-encrypting every page under another Casebook's feet would leave it half written.
        self.lock.upgrade()?;
        let changed = self.rekey(new_passphrase);
        self.lock.downgrade()?;
        changed
    }

    fn rekey(&mut self, new_passphrase: &str) -> Result<RecoveryKey> {
        let mut new = KeyFile::create(new_passphrase)?;
        // A connection opened now, alone: the one opened before may hold pages that writers in other
        // processes changed since, and re-keying from those would lose their commits.
        self.conn = Store::connection(&self.path, OpenFlags::SQLITE_OPEN_READ_WRITE, &self.key)?;
        self.noted = rows::watch(&mut self.conn)?;
        new.file.set_database_salt(key::salt_of(&self.conn)?);
        new.file.set_audit_genesis(KeyFile::read(&self.path)?.audit_genesis().map(str::to_string));
        new.file.write_pending(&self.path)?;
        // SQLCipher re-keys a database only in rollback-journal mode.
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        let rekeyed = self.conn.execute_batch(&format!("PRAGMA rekey = \"{}\";", new.key.pragma_literal().as_str()));
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        if let Err(e) = rekeyed {
            let _ = std::fs::remove_file(key::pending_path(&self.path));
            return Err(e.into());
        }
        KeyFile::promote_pending(&self.path)?;
        self.key = new.key;
        self.write(|w| w.audit("passphrase.change", None, serde_json::json!({ "passphrase": ["(old)", "(new)"] })))?;
        Ok(new.recovery)
    }

    /// An unlocked connection, set up as every Store's is (WAL, durable commits, a page cache).
    fn connection(path: &Path, flags: OpenFlags, key: &key::Key) -> Result<Connection> {
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        apply_key(&conn, key)?;
        // The first read proves the key; nothing is written before it succeeds.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())).map_err(|e| {
            match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => {
                    Error::new(ErrorKind::WrongPassphrase, "the key does not open this database")
                }
                _ => damaged(e),
            }
        })?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(damaged)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Every page read is decrypted, so a page cache that holds the working set matters: 32 MiB
        // took the calendar month at 100,000 cases from 28 to 7 ms and the open-cases page from 24 to 4.
        conn.pragma_update(None, "cache_size", -32768)?;
        // Temporary tables and sorts stay in memory, never in a file beside the encrypted one.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(sql::CACHED_STATEMENTS);
        // Plans do not depend on the values bound: without this, SQLite (built with STAT4) parses a
        // statement again every time a new value is bound to it, which was a fifth of an import.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(conn)
    }

    fn connect(path: &Path, flags: OpenFlags, key: key::Key, check: Check, lock: lock::DbLock) -> Result<Store> {
        let mut conn = Store::connection(path, flags, &key)?;
        // A damaged file is neither migrated nor written to: the user is told to restore instead.
        // A migration writes, so a file that needs one is checked first in any case.
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        // The window checks beside its first reads, the CLI once a day.
        let current = version == schema::LATEST_VERSION;
        let integrity = match check {
            Check::Daily if current && checked::today_already(path) => Integrity::Sound,
            Check::BeforeFirstWrite if current => Integrity::check_in_background(path, &key),
            _ => {
                checked::quick_check(&conn)?;
                checked::record(path);
                Integrity::Sound
            }
        };
        let mut upgrade = None;
        if version > 0 && version < schema::LATEST_VERSION {
            let copy = backup::before_upgrade(&conn, &key, path, version, schema::LATEST_VERSION)?;
            upgrade = Some(Upgrade { from: version, to: schema::LATEST_VERSION, copy: copy.path });
        }
        schema::migrate(&mut conn)?;
        let noted = rows::watch(&mut conn)?;
        // USER on Linux and macOS, USERNAME on Windows.
        let actor = ["USER", "USERNAME"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "casebook".into());
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor,
            zone: chrono_tz::UTC,
            key,
            integrity,
            lock,
            new_seal_key: None,
            upgrade,
            noted,
        };
        store.digest_rows_once()?;
        if let Some(profile) = store.profile_if_set()? {
            store.zone = crate::model::case::parse_zone(&profile.time_zone)?;
            deadlines::bring_rules_up_to_date(&mut store)?;
            store.start_sealing_if_new()?;
        }
        Ok(store)
    }

    /// An unlocked connection with no migrations or checks, for support work and for tests that
    /// must tamper with the file as an attacker with the passphrase could.
    pub fn raw_connection(path: &Path, passphrase: &str) -> Result<Connection> {
        let key = KeyFile::read(path)?.unlock(passphrase)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        apply_key(&conn, &key)?;
        Ok(conn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The office's time zone, from the profile.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// Today's date at the office.
    pub fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.zone).date_naive()
    }

    /// A database written before rows were digested gets every row digested once, under a record
    /// that says so; from then on each write digests what it touches.
    fn digest_rows_once(&mut self) -> Result<()> {
        let undigested: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_log) AND NOT EXISTS (SELECT 1 FROM audit_log WHERE rows_sha256 IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        if undigested {
            self.write(|w| {
                w.noted.note_all(&w.tx)?;
                w.audit("record.digest", None, serde_json::json!({ "rows": [null, "every row digested"] }))
            })?;
        }
        Ok(())
    }

    /// Checks every row against its latest audited digest, and stored files against their SHA-256.
    pub fn verify_rows(&self) -> Result<RowReport> {
        rows::check(&self.conn)
    }

    /// Waits for a pending integrity check; a damaged file refuses every write.
    fn wait_until_checked(&mut self) -> Result<()> {
        self.integrity.settle()
    }

    /// The integrity check still running beside the first reads after the window's unlock, if any.
    pub fn pending_check(&self) -> Option<PendingCheck> {
        match &self.integrity {
            Integrity::Pending(check) if !check.is_done() => Some(check.clone()),
            _ => None,
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Drop for Store {
    /// Records written since the last seal are sealed when the store closes.
    fn drop(&mut self) {
        if matches!(self.integrity, Integrity::Sound) {
            let _ = self.seal(true);
        }
    }
}

/// An empty file, or one that is not made of whole pages, was cut short: it is reported as
/// damaged, never taken for a new database.
fn check_not_cut_short(path: &Path) -> Result<()> {
    const PAGE: u64 = 4096; // SQLCipher 4's page size
    let len = std::fs::metadata(path)?.len();
    if len == 0 || len % PAGE != 0 {
        return Err(Error::new(
            ErrorKind::Incompatible,
            format!(
                "the database file is damaged: it is {len} bytes long, {}; restore the latest backup with \
                 `casebook restore --from FILE`",
                if len == 0 { "empty" } else { "cut short" }
            ),
        ));
    }
    Ok(())
}

/// SQLite's complaint about an unreadable file, turned into what the user can do about it.
fn damaged(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::damaged_file(e),
        _ => Error::from(e),
    }
}

fn apply_key(conn: &Connection, key: &key::Key) -> Result<()> {
    // SQLCipher would otherwise print decryption failures (a wrong passphrase) to stderr.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.pragma_literal().as_str()))?;
    Ok(())
}

/// Statuses as an SQL list for `IN (…)`: `'new', 'acknowledged', …` (closed vocabulary, no user text).
pub(crate) fn sql_list(statuses: &[crate::model::Status]) -> String {
    statuses.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
}

/// The database path used when neither `--db` nor `CASEBOOK_DB` names one.
pub fn default_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("org", "Casebook", "casebook")
        .map(|d| d.data_local_dir().join("casebook.db"))
        .ok_or_else(|| Error::new(ErrorKind::NotReady, "no home directory: pass --db PATH or set CASEBOOK_DB"))
}
