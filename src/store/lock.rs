//! Who else has the database open. Every open `Store` holds a shared lock on `<db>.lock` for as long
//! as it lives. Re-keying (a passphrase change) and restoring replace the file under everyone's
//! feet, so they take the lock alone and are refused while another Casebook has the database open.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

/// How long an open waits for a passphrase change or a restore in another process to finish.
const WAIT_FOR_EXCLUSIVE: Duration = Duration::from_secs(60);

pub(super) struct DbLock {
    file: File,
}

fn busy() -> Error {
    Error::new(
        ErrorKind::NotReady,
        "another Casebook is using this database (the window or a command); close it and try again",
    )
}

impl DbLock {
    /// A shared lock, waiting while a passphrase change or restore holds the database alone.
    pub fn shared(db: &Path) -> Result<DbLock> {
        let file = open(db)?;
        let start = Instant::now();
        loop {
            match file.try_lock_shared() {
                Ok(()) => return Ok(DbLock { file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT_FOR_EXCLUSIVE => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::new(
                        ErrorKind::NotReady,
                        "another Casebook has been changing this database for a minute; try again later",
                    ))
                }
                Err(TryLockError::Error(e)) => return Err(e.into()),
            }
        }
    }

    /// The database alone, or `busy` at once when another Casebook has it open.
    pub fn exclusive(db: &Path) -> Result<DbLock> {
        let lock = DbLock { file: open(db)? };
        lock.try_exclusive()?;
        Ok(lock)
    }

    /// From shared to exclusive; refused (and still shared) when another Casebook has it open.
    pub fn upgrade(&self) -> Result<()> {
        self.file.unlock()?;
        if let Err(e) = self.try_exclusive() {
            self.file.lock_shared()?;
            return Err(e);
        }
        Ok(())
    }

    /// Back to shared after `upgrade`, letting other Casebooks in again.
    pub fn downgrade(&self) -> Result<()> {
        self.file.unlock()?;
        self.file.lock_shared()?;
        Ok(())
    }

    fn try_exclusive(&self) -> Result<()> {
        match self.file.try_lock() {
            Ok(()) => Ok(()),
            Err(TryLockError::WouldBlock) => Err(busy()),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

pub(super) fn lock_path(db: &Path) -> PathBuf {
    crate::files::with_suffix(db, ".lock")
}

fn open(db: &Path) -> Result<File> {
    crate::files::private_options(true).open(lock_path(db)).map_err(|e| {
        Error::new(ErrorKind::Storage, format!("cannot open the lock file {}: {e}", lock_path(db).display()))
    })
}
