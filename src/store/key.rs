//! Keys. The database is encrypted (SQLCipher) with a random 256-bit data key. That key is kept
//! beside the database in `<database>.kdf`, wrapped twice with XChaCha20-Poly1305: once under a key
//! derived from the passphrase with Argon2id, once under a key derived from the recovery key shown
//! at setup. A wrong passphrase fails the wrap's authentication and touches nothing. Without the
//! key file the database cannot be opened, so backups carry it too.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// Argon2id costs for new key files: 256 MiB, 3 passes, 4 lanes computed on every core (about
/// 0.3 s on this project's 2-core reference machine in a release build; see ARCHITECTURE.md).
pub const DEFAULT_M_COST_KIB: u32 = 256 * 1024;
pub const DEFAULT_T_COST: u32 = 3;
pub const DEFAULT_P_COST: u32 = 4;
/// The most a key file may ask of the key derivation: a key file is not secret and could be
/// edited to make unlocking exhaust memory or never end.
const MAX_M_COST_KIB: u32 = 4 * 1024 * 1024;
const MAX_T_COST: u32 = 64;
const MAX_P_COST: u32 = 16;
/// The shortest passphrase accepted when a database is created or its passphrase changed.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The SQLCipher raw key: 256 bits, wiped from memory when dropped.
#[derive(Clone)]
pub struct Key(Zeroizing<[u8; 32]>);

/// Never prints the key itself.
impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(redacted)")
    }
}

impl Key {
    fn random() -> Result<Key> {
        let mut key = Zeroizing::new([0u8; 32]);
        random_bytes(&mut *key)?;
        Ok(Key(key))
    }

    pub(crate) fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(*self.0))
    }

    pub(crate) fn from_hex(secret: &str) -> Result<Key> {
        let mut key = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(secret.trim(), &mut *key)
            .map_err(|_| Error::new(ErrorKind::WrongPassphrase, "the remembered key is not a key"))?;
        Ok(Key(key))
    }

    /// The key as SQLCipher's raw-key literal, `x'…'`.
    pub(crate) fn pragma_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(*self.0)))
    }
}

fn random_bytes(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::storage(format!("no random numbers available: {e}")))
}

/// The non-secret parameters needed to derive a wrapping key again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    pub version: u32,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    pub salt: String,
}

impl KdfParams {
    /// Fresh parameters for a passphrase, with a random 16-byte salt.
    pub fn generate() -> Result<KdfParams> {
        Self::with_costs(DEFAULT_M_COST_KIB, DEFAULT_T_COST)
    }

    /// For the recovery key, which has 160 random bits of its own: the OWASP minimum suffices.
    fn for_random_secret() -> Result<KdfParams> {
        Self::with_costs(19 * 1024, 2)
    }

    fn with_costs(m_cost_kib: u32, t_cost: u32) -> Result<KdfParams> {
        let mut salt = [0u8; 16];
        random_bytes(&mut salt)?;
        Ok(KdfParams {
            algorithm: "argon2id".into(),
            version: 0x13,
            m_cost_kib,
            t_cost,
            p_cost: DEFAULT_P_COST,
            salt: hex::encode(salt),
        })
    }

    fn derive(&self, secret: &str) -> Result<Key> {
        let bad = |what: &str| damaged(what);
        if self.algorithm != "argon2id" || self.version != 0x13 {
            return Err(bad("unknown key derivation"));
        }
        if self.m_cost_kib > MAX_M_COST_KIB || self.t_cost > MAX_T_COST || self.p_cost > MAX_P_COST {
            return Err(bad(&format!(
                "it asks for {} MiB and {} passes of key derivation, more than Casebook allows ({} MiB, {} passes)",
                self.m_cost_kib / 1024,
                self.t_cost,
                MAX_M_COST_KIB / 1024,
                MAX_T_COST
            )));
        }
        let salt = hex::decode(&self.salt).map_err(|_| bad("salt"))?;
        let params = Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(32)).map_err(|_| bad("parameters"))?;
        // The working memory is mapped fresh from the system, so it comes zeroed without a pass
        // over it and its pages are first touched by the lanes, on every core.
        let bytes = params.block_count() * std::mem::size_of::<Block>();
        let mut memory = mmapio::MmapOptions::new()
            .len(bytes)
            .private()
            .map_anon()
            .map_err(|e| Error::storage(format!("no memory for the key derivation: {e}")))?;
        // Large pages where the system allows them: the lanes read the memory in a random order,
        // which with small pages is as much address translation as work.
        // SAFETY: only advice on a mapping this function owns; failure changes nothing.
        unsafe { libc::madvise(memory.as_mut_ptr().cast(), bytes, libc::MADV_HUGEPAGE) };
        // SAFETY: a `Block` is an array of integers, valid for any bytes; the map is page-aligned,
        // so no bytes come before the first block.
        let (before, blocks, _) = unsafe { memory.align_to_mut::<Block>() };
        if !before.is_empty() {
            return Err(Error::storage("the key derivation's memory is not aligned"));
        }
        let mut key = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into_with_memory(secret.as_bytes(), &salt, &mut *key, blocks)
            .map_err(|_| bad("salt length"))?;
        Ok(Key(key))
    }
}

/// The data key wrapped under a key derived from one secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    kdf: KdfParams,
    nonce: String,
    wrapped: String,
}

impl Slot {
    fn seal(data_key: &Key, secret: &str, kdf: KdfParams) -> Result<Slot> {
        let kek = kdf.derive(secret)?;
        let mut nonce = [0u8; 24];
        random_bytes(&mut nonce)?;
        let wrapped = XChaCha20Poly1305::new((&*kek.0).into())
            .encrypt(XNonce::from_slice(&nonce), data_key.0.as_slice())
            .map_err(|_| Error::storage("the data key could not be wrapped"))?;
        Ok(Slot { kdf, nonce: hex::encode(nonce), wrapped: hex::encode(wrapped) })
    }

    /// The data key, or `None` when `secret` is not the one this slot was sealed with.
    fn open(&self, secret: &str) -> Result<Option<Key>> {
        let kek = self.kdf.derive(secret)?;
        let nonce = hex::decode(&self.nonce).ok().filter(|n| n.len() == 24).ok_or_else(|| damaged("nonce"))?;
        let wrapped = hex::decode(&self.wrapped).map_err(|_| damaged("wrapped key"))?;
        let Ok(plain) =
            XChaCha20Poly1305::new((&*kek.0).into()).decrypt(XNonce::from_slice(&nonce), wrapped.as_slice())
        else {
            return Ok(None);
        };
        let plain = Zeroizing::new(plain);
        let mut key = Zeroizing::new([0u8; 32]);
        if plain.len() != 32 {
            return Err(damaged("wrapped key length"));
        }
        key.copy_from_slice(&plain);
        Ok(Some(Key(key)))
    }
}

fn damaged(what: &str) -> Error {
    Error::new(ErrorKind::Incompatible, format!("the key file is damaged: {what}"))
}

/// What is kept in `<database>.kdf`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    format: u32,
    passphrase: Slot,
    recovery: Slot,
    /// The first 16 bytes of the database it belongs to (SQLCipher's salt, not secret), so a key
    /// file from another database is told apart from a damaged one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    database_salt: Option<String>,
    /// The hash of the database's first audit record, kept outside it (and so in every backup's key
    /// file), so a chain deleted or replaced from its start is told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit_genesis: Option<String>,
}

/// A recovery key: 160 random bits written as eight groups of four letters and digits.
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    pub(super) fn generate() -> Result<RecoveryKey> {
        // Crockford's base 32: no I, L, O or U to misread.
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let mut bytes = Zeroizing::new([0u8; 32]);
        random_bytes(&mut *bytes)?;
        let chars: String = bytes.iter().map(|b| ALPHABET[(b % 32) as usize] as char).collect();
        let groups: Vec<&str> = (0..8).map(|i| &chars[i * 4..i * 4 + 4]).collect();
        Ok(RecoveryKey(Zeroizing::new(groups.join("-"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What a person typed, in the canonical form (upper case, hyphens between groups of four).
    pub fn normalise(typed: &str) -> String {
        let chars: String =
            typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
        chars.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
    }
}

/// A new data key, sealed under a passphrase and a new recovery key.
pub struct NewKeys {
    pub file: KeyFile,
    pub key: Key,
    pub recovery: RecoveryKey,
}

impl KeyFile {
    /// A fresh data key and recovery key, sealed under both secrets.
    pub fn create(passphrase: &str) -> Result<NewKeys> {
        check_new_passphrase(passphrase)?;
        let key = Key::random()?;
        let recovery = RecoveryKey::generate()?;
        let file = KeyFile {
            format: 2,
            passphrase: Slot::seal(&key, passphrase, KdfParams::generate()?)?,
            recovery: Slot::seal(&key, recovery.as_str(), KdfParams::for_random_secret()?)?,
            database_salt: None,
            audit_genesis: None,
        };
        Ok(NewKeys { file, key, recovery })
    }

    pub fn unlock(&self, passphrase: &str) -> Result<Key> {
        self.passphrase.open(passphrase)?.ok_or_else(|| Error::new(ErrorKind::WrongPassphrase, "wrong passphrase"))
    }

    /// This key file with its passphrase slot sealed anew under today's costs, when it was sealed
    /// with fewer lanes and the same memory and passes: as strong, but slower to unlock on a
    /// machine with several cores. `None` when it is current.
    pub(crate) fn with_current_costs(&self, key: &Key, passphrase: &str) -> Result<Option<KeyFile>> {
        let kdf = &self.passphrase.kdf;
        if kdf.p_cost >= DEFAULT_P_COST || kdf.m_cost_kib != DEFAULT_M_COST_KIB || kdf.t_cost != DEFAULT_T_COST {
            return Ok(None);
        }
        let mut file = self.clone();
        file.passphrase = Slot::seal(key, passphrase, KdfParams::generate()?)?;
        Ok(Some(file))
    }

    pub fn unlock_with_recovery(&self, recovery: &str) -> Result<Key> {
        self.recovery
            .open(&RecoveryKey::normalise(recovery))?
            .ok_or_else(|| Error::new(ErrorKind::WrongPassphrase, "wrong recovery key"))
    }

    pub(crate) fn set_database_salt(&mut self, salt: String) {
        self.database_salt = Some(salt);
    }

    pub(crate) fn set_audit_genesis(&mut self, hash: Option<String>) {
        self.audit_genesis = hash;
    }

    pub(crate) fn audit_genesis(&self) -> Option<&str> {
        self.audit_genesis.as_deref()
    }

    pub(crate) fn remembers_database(&self) -> bool {
        self.database_salt.is_some()
    }

    /// Records which database this key file belongs to (its salt, from `salt_of`), and writes it
    /// beside that database.
    pub(crate) fn remember_database(&mut self, db_path: &Path, salt: String) -> Result<()> {
        self.database_salt = Some(salt);
        self.write(db_path)
    }

    pub fn read(db_path: &Path) -> Result<KeyFile> {
        read_json(&sidecar_path(db_path))
    }

    /// The key file of a passphrase change that may not have finished, if there is one.
    pub fn read_pending(db_path: &Path) -> Option<KeyFile> {
        read_json(&pending_path(db_path)).ok()
    }

    /// Writes the key file next to the database, atomically (temporary file, fsync, rename).
    pub fn write(&self, db_path: &Path) -> Result<()> {
        write_atomically(&sidecar_path(db_path), self)
    }

    /// Writes the key file of a change in progress; `promote_pending` makes it the key file.
    pub fn write_pending(&self, db_path: &Path) -> Result<()> {
        write_atomically(&pending_path(db_path), self)
    }

    pub fn promote_pending(db_path: &Path) -> Result<()> {
        std::fs::rename(pending_path(db_path), sidecar_path(db_path))?;
        Ok(())
    }
}

fn read_json(path: &Path) -> Result<KeyFile> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(ErrorKind::Incompatible, format!("cannot read the key file {}: {e}", path.display()))
    })?;
    serde_json::from_str(&text)
        .map_err(|_| Error::new(ErrorKind::Incompatible, format!("the key file {} is damaged", path.display())))
}

fn write_atomically(path: &Path, file: &KeyFile) -> Result<()> {
    let json = serde_json::to_string_pretty(file).expect("key file serialises");
    crate::files::replace_private(path, json.as_bytes())
        .map_err(|e| Error::storage(format!("cannot write the key file {}: {e}", path.display())))
}

/// The salt of an open database (its file's first 16 bytes), as hex, asked of SQLCipher: opening
/// and closing the file beside an open connection would drop the process's locks on it.
pub(crate) fn salt_of(conn: &rusqlite::Connection) -> Result<String> {
    Ok(conn.pragma_query_value(None, "cipher_salt", |r| r.get(0))?)
}

/// The first 16 bytes of a database file no connection of this process has open, as hex.
pub(crate) fn database_salt(db_path: &Path) -> Result<String> {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(db_path)?.read_exact(&mut head)?;
    Ok(hex::encode(head))
}

/// Why a key the passphrase unwrapped does not open the database: damage, a key file from
/// another database, or a file that is not an encrypted Casebook database at all.
pub(crate) fn diagnose_mismatch(db_path: &Path, file: &KeyFile) -> Error {
    const RESTORE: &str =
        "restore the latest backup with `casebook restore --from FILE` (its key file travels with it)";
    let head = database_salt(db_path).unwrap_or_default();
    let message = if head == hex::encode(b"SQLite format 3\0") {
        "this is a plain, unencrypted SQLite file, not a Casebook database".to_string()
    } else {
        match &file.database_salt {
            Some(salt) if *salt == head => format!("the database file is damaged (its key file fits, its pages do not open); {RESTORE}"),
            Some(_) => format!(
                "the key file beside the database belongs to another database (or the database's first bytes are damaged); {RESTORE}"
            ),
            None => format!("the database does not open with its key file: the file is damaged or the key file belongs to another database; {RESTORE}"),
        }
    };
    Error::new(ErrorKind::Incompatible, message)
}

/// `casebook.db` → `casebook.db.kdf`.
pub fn sidecar_path(db_path: &Path) -> PathBuf {
    crate::files::with_suffix(db_path, ".kdf")
}

pub(crate) fn pending_path(db_path: &Path) -> PathBuf {
    crate::files::with_suffix(db_path, ".kdf.next")
}

/// Checks a new passphrase before a database is created or re-keyed with it: long enough, and
/// not easy to guess (zxcvbn, the estimator password managers use, scores it 3 of 4 or more).
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid_field(
            "passphrase",
            format!("the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters"),
        ));
    }
    let estimate = zxcvbn::zxcvbn(passphrase, &[]);
    if estimate.score() < zxcvbn::Score::Three {
        let why = estimate.feedback().and_then(|f| f.warning()).map(|w| format!(" ({w})")).unwrap_or_default();
        return Err(Error::invalid_field(
            "passphrase",
            format!("the passphrase is too easy to guess{why}: use four or more words that do not belong together"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_secrets_unlock_and_others_do_not() {
        let new = KeyFile::create("a long passphrase").unwrap();
        let data_key = hex::encode(*new.key.0);
        assert_eq!(hex::encode(*new.file.unlock("a long passphrase").unwrap().0), data_key);
        let typed = new.recovery.as_str().to_lowercase().replace('-', " ");
        assert_eq!(hex::encode(*new.file.unlock_with_recovery(&typed).unwrap().0), data_key);
        assert_eq!(new.file.unlock("a wrong passphrase").unwrap_err().message, "wrong passphrase");
        assert_eq!(new.file.unlock_with_recovery("AAAA-BBBB").unwrap_err().message, "wrong recovery key");
        assert_eq!(new.recovery.as_str().len(), 8 * 4 + 7);
    }

    #[test]
    fn easy_passphrases_are_refused_with_the_reason() {
        for easy in ["        ", "password123", "qwertyuiop", "aaaaaaaaaaaa", "letmein2026"] {
            let e = check_new_passphrase(easy).unwrap_err();
            assert!(e.message.contains("too easy to guess"), "{easy}: {}", e.message);
            assert!(!e.message.contains(easy.trim()) || easy.trim().is_empty(), "the passphrase is not echoed");
        }
        for fine in ["correct horse battery", "a long passphrase", "casebook-demo", "the other long passphrase"] {
            check_new_passphrase(fine).unwrap();
        }
    }

    #[test]
    fn a_key_file_asking_for_unbounded_work_is_refused_at_once() {
        let new = KeyFile::create("a long passphrase").unwrap();
        for (m, t) in [(u32::MAX, 3), (8 * 1024 * 1024, 3), (256 * 1024, u32::MAX)] {
            let mut file = new.file.clone();
            file.passphrase.kdf.m_cost_kib = m;
            file.passphrase.kdf.t_cost = t;
            let e = file.unlock("a long passphrase").unwrap_err();
            assert_eq!(e.kind, ErrorKind::Incompatible);
            assert!(e.message.contains("more than Casebook allows"), "{}", e.message);
        }
    }
}
