//! Sealing the audit chain so that the key holder cannot rewrite its past, after journald's Forward
//! Secure Sealing. A random *verification key* is made once and shown once (to be kept by the DPO,
//! away from this computer). From it come the sealing keys of epochs 1, 2, 3…, each the SHA-256 of
//! the one before, so a later key never gives an earlier one. The program keeps only the key of the
//! next epoch (`<db>.seal`); a seal tags the chain's head (sequence number and hash) with HMAC-SHA-256
//! under the key of its epoch, which is then replaced by the next. Whoever later rewrites records
//! that a seal covers, passphrase or not, cannot make that seal match again; the verification key
//! recomputes every epoch's key and checks every seal.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::key::RecoveryKey;
use super::Store;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{ChainWitness, Seal, SealReport};

/// How long records may wait for a seal while a store stays open; closing a store seals at once.
const INTERVAL: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// The verification key, as shown to the user once: eight groups of four letters and digits.
pub struct SealKey(Zeroizing<String>);

impl SealKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The sealing key of the next epoch, as kept beside the database.
#[derive(Serialize, Deserialize)]
struct State {
    format: u32,
    epoch: i64,
    key: String,
}

type Key = Zeroizing<[u8; 32]>;

/// Why seals can be missing.
const GAP: &str = " (deleted, or the database was restored from an older backup since)";

fn first_key(verification_key: &str) -> Key {
    let canonical = RecoveryKey::normalise(verification_key);
    Zeroizing::new(Sha256::new().chain_update(b"casebook seal 1\0").chain_update(canonical).finalize().into())
}

fn next_key(key: &Key) -> Key {
    Zeroizing::new(Sha256::new().chain_update(b"casebook seal next\0").chain_update(key.as_slice()).finalize().into())
}

fn tag(key: &Key, epoch: i64, seq: i64, head_hash: &str, at: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_slice()).expect("HMAC takes any key length");
    mac.update(format!("casebook seal\0{epoch}\0{seq}\0{head_hash}\0{at}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub fn state_path(db_path: &Path) -> PathBuf {
    crate::files::with_suffix(db_path, ".seal")
}

fn read_state(db_path: &Path) -> Result<Option<(i64, Key)>> {
    let path = state_path(db_path);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::storage(format!("cannot read the sealing key {}: {e}", path.display()))),
    };
    let bad = || Error::new(ErrorKind::Incompatible, format!("the sealing key {} is damaged", path.display()));
    let state: State = serde_json::from_str(&text).map_err(|_| bad())?;
    let mut key = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(&state.key, key.as_mut_slice()).map_err(|_| bad())?;
    if state.format != 1 || state.epoch < 1 {
        return Err(bad());
    }
    Ok(Some((state.epoch, key)))
}

fn write_state(db_path: &Path, epoch: i64, key: &Key) -> Result<()> {
    let state = Zeroizing::new(
        serde_json::to_string(&State { format: 1, epoch, key: hex::encode(key.as_slice()) }).expect("serialises"),
    );
    crate::files::replace_private(&state_path(db_path), state.as_bytes())
        .map_err(|e| Error::storage(format!("cannot write the sealing key: {e}")))
}

/// Starts sealing a database: a new verification key, and the key of epoch 1 kept beside it.
pub(super) fn start(db_path: &Path) -> Result<SealKey> {
    let code = RecoveryKey::generate()?;
    let verification = SealKey(Zeroizing::new(code.as_str().to_string()));
    write_state(db_path, 1, &first_key(verification.as_str()))?;
    Ok(verification)
}

/// A head that needs a seal, and the last seal's epoch.
struct Due {
    seq: i64,
    head_hash: String,
    last_epoch: Option<i64>,
}

/// Whether the head needs sealing: records since the last seal, and `now` asked or the last seal
/// older than the interval.
fn due(conn: &rusqlite::Connection, now: bool) -> Result<Option<Due>> {
    let Some((seq, head_hash)) = super::audit::head(conn)? else {
        return Ok(None);
    };
    let last: Option<(i64, i64, String)> = conn
        .query_row("SELECT epoch, seq, at FROM audit_seals ORDER BY epoch DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    if let Some((_, last_seq, last_at)) = &last {
        let recent = DateTime::parse_from_rfc3339(last_at).is_ok_and(|at| Utc::now() - at.to_utc() < INTERVAL);
        if *last_seq >= seq || (recent && !now) {
            return Ok(None);
        }
    }
    Ok(Some(Due { seq, head_hash, last_epoch: last.map(|(epoch, _, _)| epoch) }))
}

impl ChainWitness {
    /// One line for a document: "412 records, head 3f9a…, sealed to record 410 (seal 37)".
    pub fn line(&self) -> String {
        let head: String = self.head.chars().take(16).collect();
        let sealed = match &self.last_seal {
            Some(seal) => format!(", sealed to record {} (seal {})", seal.seq, seal.epoch),
            None => String::new(),
        };
        format!("{} records, head {head}{sealed}", self.records)
    }
}

impl Store {
    /// The chain's head and last seal now.
    pub fn chain_witness(&self) -> Result<ChainWitness> {
        let (records, head) = super::audit::head(&self.conn)?.unwrap_or((0, String::new()));
        let last_seal = self
            .conn
            .query_row("SELECT epoch, seq, at FROM audit_seals ORDER BY epoch DESC LIMIT 1", [], |r| {
                Ok(Seal { epoch: r.get(0)?, seq: r.get(1)?, at: r.get(2)? })
            })
            .optional()?;
        Ok(ChainWitness { records, head, last_seal })
    }

    /// Seals the chain's head when records were added since the last seal and either `now` is
    /// asked or the last seal is older than the interval. Returns the new seal's epoch.
    pub fn seal(&mut self, now: bool) -> Result<Option<i64>> {
        // Most writes find nothing due: decided on plain reads, before any lock or file.
        if due(&self.conn, now)?.is_none() {
            return Ok(None);
        }
        let Some((mut epoch, mut key)) = read_state(&self.path)? else {
            return Ok(None);
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Decided again under the lock: another process may have sealed meanwhile.
        let Some(Due { seq, head_hash, last_epoch }) = due(&tx, now)? else {
            return Ok(None);
        };
        // Another process sealed last and has not yet moved the kept key on: catch up.
        while last_epoch.is_some_and(|last| epoch <= last) {
            key = next_key(&key);
            epoch += 1;
        }
        let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        tx.execute(
            "INSERT INTO audit_seals (epoch, seq, head_hash, at, tag) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![epoch, seq, head_hash, at, tag(&key, epoch, seq, &head_hash, &at)],
        )?;
        tx.commit()?;
        // The key of this epoch is forgotten: only the next one is kept.
        write_state(&self.path, epoch + 1, &next_key(&key))?;
        Ok(Some(epoch))
    }

    /// The verification key made when this store started sealing (a new database, or one opened
    /// for the first time by a Casebook that seals): to be shown once, then it is gone.
    pub fn take_new_seal_key(&mut self) -> Option<SealKey> {
        self.new_seal_key.take()
    }

    /// Starts sealing with a new verification key (replacing whatever sealing key was kept beside
    /// the path), and makes the first seal.
    pub(super) fn start_sealing(&mut self) -> Result<()> {
        self.new_seal_key = Some(start(&self.path)?);
        self.seal(true)?;
        Ok(())
    }

    /// Starts sealing a database that has never been sealed.
    pub(super) fn start_sealing_if_new(&mut self) -> Result<()> {
        let sealed: bool = self.conn.query_row("SELECT EXISTS (SELECT 1 FROM audit_seals)", [], |r| r.get(0))?;
        if sealed || state_path(&self.path).exists() {
            return Ok(());
        }
        self.start_sealing()
    }

    /// Checks the seals: each must name a record whose hash it holds; with the verification key,
    /// each tag is recomputed, the epochs must run unbroken from 1, and the kept key must be the
    /// one the verification key leads to.
    pub fn verify_seals(&self, verification_key: Option<&str>) -> Result<SealReport> {
        let seals: Vec<(i64, i64, String, String, String)> = {
            let mut stmt =
                self.conn.prepare("SELECT epoch, seq, head_hash, at, tag FROM audit_seals ORDER BY epoch")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut report = SealReport {
            seals: seals.len() as i64,
            last: seals.last().map(|(epoch, seq, _, at, _)| Seal { epoch: *epoch, seq: *seq, at: at.clone() }),
            checked_with_key: verification_key.is_some(),
            problem: None,
        };
        let mut fail = |problem: String| {
            if report.problem.is_none() {
                report.problem = Some(problem);
            }
        };
        for (epoch, seq, head_hash, _, _) in &seals {
            let hash: Option<String> =
                self.conn.query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0)).optional()?;
            if hash.as_deref() != Some(head_hash.as_str()) {
                fail(format!("seal {epoch} covers record {seq}, which has been rewritten or removed since"));
            }
        }
        let Some(verification_key) = verification_key else {
            return Ok(report);
        };
        let mut key = first_key(verification_key);
        let mut expected_epoch = 1;
        for (epoch, seq, head_hash, at, stored) in &seals {
            if *epoch != expected_epoch {
                fail(format!("seals {expected_epoch} to {} are missing{GAP}", epoch - 1));
                while expected_epoch < *epoch {
                    key = next_key(&key);
                    expected_epoch += 1;
                }
            }
            if tag(&key, *epoch, *seq, head_hash, at) != *stored {
                fail(format!(
                    "seal {epoch} does not match the verification key: it was forged, or the key is another database's"
                ));
            }
            key = next_key(&key);
            expected_epoch += 1;
        }
        match read_state(&self.path)? {
            None => fail("the sealing key beside the database is missing".into()),
            Some((kept_epoch, kept)) => {
                // The kept key is the next epoch's, or (if the last sealer stopped before moving it on)
                // the last seal's own.
                let behind = expected_epoch - kept_epoch;
                if !(0..=1).contains(&behind) {
                    if kept_epoch > expected_epoch {
                        fail(format!("seals {expected_epoch} to {} are missing{GAP}", kept_epoch - 1));
                    } else {
                        fail("the sealing key beside the database is older than its seals".into());
                    }
                } else {
                    let mut walk = first_key(verification_key);
                    for _ in 1..kept_epoch {
                        walk = next_key(&walk);
                    }
                    if walk.as_slice() != kept.as_slice() {
                        fail("the sealing key beside the database was replaced".into());
                    }
                }
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_key_is_derived_from_an_earlier_one_and_tags_differ_per_epoch() {
        let k1 = first_key("abcd-efgh-jkmn-pqrs-tvwx-yz01-2345-6789");
        assert_eq!(k1.as_slice(), first_key("ABCDEFGHJKMNPQRSTVWXYZ0123456789").as_slice(), "typed either way");
        let k2 = next_key(&k1);
        assert_ne!(k1.as_slice(), k2.as_slice());
        assert_ne!(tag(&k1, 1, 5, "h", "t"), tag(&k2, 1, 5, "h", "t"));
        assert_ne!(tag(&k1, 1, 5, "h", "t"), tag(&k1, 1, 6, "h", "t"));
    }
}
