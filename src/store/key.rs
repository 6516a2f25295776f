//! The database key: derived from the passphrase with Argon2id. The salt and cost parameters are
//! kept beside the database in `<database>.kdf` (JSON); they are not secret, but without them the
//! database cannot be opened, so backups carry them too.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// Memory cost in KiB (64 MiB), iterations and lanes used for new databases.
pub const DEFAULT_M_COST_KIB: u32 = 64 * 1024;
pub const DEFAULT_T_COST: u32 = 3;
pub const DEFAULT_P_COST: u32 = 1;
/// The shortest passphrase accepted when a database is created.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The SQLCipher raw key: 256 bits, wiped from memory when dropped.
pub struct Key(Zeroizing<[u8; 32]>);

impl Key {
    /// The key as SQLCipher's raw-key literal, `x'…'`.
    pub(crate) fn pragma_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(*self.0)))
    }
}

/// The non-secret parameters needed to derive the key again.
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
    /// Fresh parameters with a random 16-byte salt.
    pub fn generate() -> Result<KdfParams> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| Error::storage(format!("no random numbers available: {e}")))?;
        Ok(KdfParams {
            algorithm: "argon2id".into(),
            version: 0x13,
            m_cost_kib: DEFAULT_M_COST_KIB,
            t_cost: DEFAULT_T_COST,
            p_cost: DEFAULT_P_COST,
            salt: hex::encode(salt),
        })
    }

    pub fn derive(&self, passphrase: &str) -> Result<Key> {
        let bad = |what: &str| Error::new(ErrorKind::Incompatible, format!("the key file is damaged: {what}"));
        if self.algorithm != "argon2id" || self.version != 0x13 {
            return Err(bad("unknown key derivation"));
        }
        let salt = hex::decode(&self.salt).map_err(|_| bad("salt"))?;
        let params = Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(32)).map_err(|_| bad("parameters"))?;
        let mut key = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &salt, &mut *key)
            .map_err(|_| bad("salt length"))?;
        Ok(Key(key))
    }

    pub fn read(db_path: &Path) -> Result<KdfParams> {
        let path = sidecar_path(db_path);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::new(ErrorKind::Incompatible, format!("cannot read the key file {}: {e}", path.display()))
        })?;
        serde_json::from_str(&text)
            .map_err(|_| Error::new(ErrorKind::Incompatible, format!("the key file {} is damaged", path.display())))
    }

    /// Writes the parameters next to the database, atomically (temporary file, fsync, rename).
    pub fn write(&self, db_path: &Path) -> Result<()> {
        let path = sidecar_path(db_path);
        let tmp = path.with_extension("kdf.tmp");
        let json = serde_json::to_string_pretty(self).expect("parameters serialise");
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(json.as_bytes())?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &path)?;
        Ok(())
    }
}

/// `casebook.db` → `casebook.db.kdf`.
pub fn sidecar_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".kdf");
    PathBuf::from(name)
}

/// Checks a new passphrase before a database is created with it.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid_field(
            "passphrase",
            format!("the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters"),
        ));
    }
    Ok(())
}
