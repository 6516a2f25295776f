//! Remembering the database key in the OS keyring (macOS Keychain, Windows Credential Manager,
//! the Linux kernel keyring), if the user turns it on; off by default. The passphrase always
//! works: a keyring entry that is gone or stale only means typing it again.

use casebook::app::session::Store;
use serde::Serialize;
use tauri::State;

use crate::error::UiError;
use crate::state::{AppState, AppStatus};

const SERVICE: &str = "org.casebook.desktop";

fn entry(state: &AppState) -> Result<keyring::Entry, UiError> {
    let path = std::fs::canonicalize(state.path()).unwrap_or_else(|_| state.path().to_path_buf());
    keyring::Entry::new(SERVICE, &path.display().to_string()).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> UiError {
    casebook::Error::storage(format!("the system keyring is not available: {e}")).into()
}

/// Stores the secret. The Linux kernel keyring can answer "no such key" while it is still
/// reclaiming an entry of the same name removed a moment before; a few tries, a fresh entry each,
/// ride that out.
fn store_secret(state: &AppState, first: keyring::Entry, secret: &str) -> Result<(), UiError> {
    let mut entry = first;
    for attempt in 1..=5 {
        match entry.set_password(secret) {
            Ok(()) => return Ok(()),
            Err(keyring::Error::NoEntry) if attempt < 5 => {
                std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
                entry = self::entry(state)?;
            }
            Err(e) => return Err(unavailable(e)),
        }
    }
    unreachable!("the last attempt returns")
}

/// Whether the key of this database is remembered.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct KeyringState {
    pub remembered: bool,
}

impl AppState {
    /// Whether the keyring holds this database's key; a keyring that cannot be asked says why.
    pub fn keyring_state(&self) -> Result<KeyringState, UiError> {
        match entry(self)?.get_password() {
            Ok(_) => Ok(KeyringState { remembered: true }),
            Err(keyring::Error::NoEntry) => Ok(KeyringState { remembered: false }),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Stores the open database's key in the keyring, or removes it.
    pub fn remember_key(&self, on: bool) -> Result<KeyringState, UiError> {
        let entry = entry(self)?;
        if on {
            let secret = self.with_store(|s| Ok(s.data_key_secret()))?;
            store_secret(self, entry, &secret)?;
        } else {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                Err(e) => return Err(unavailable(e)),
            }
        }
        // What was just done, not a fresh search: the kernel keyring caches searches, so a key just
        // removed can still be found for a moment.
        Ok(KeyringState { remembered: on })
    }

    /// Unlocks with the remembered key; a stale entry is removed and the passphrase asked for.
    pub fn unlock_from_keyring(&self) -> Result<AppStatus, UiError> {
        let entry = entry(self)?;
        let secret = zeroize::Zeroizing::new(entry.get_password().map_err(|_| {
            UiError::from(casebook::Error::new(
                casebook::ErrorKind::WrongPassphrase,
                "the system keyring no longer holds the key; unlock with the passphrase",
            ))
        })?);
        match Store::open_with_data_key(self.path(), &secret) {
            Ok(store) => Ok(self.opened(store)),
            Err(e) => {
                if e.kind == casebook::ErrorKind::WrongPassphrase {
                    let _ = entry.delete_credential();
                }
                Err(e.into())
            }
        }
    }
}

#[tauri::command(async)]
pub fn keyring_state(state: State<'_, AppState>) -> Result<KeyringState, UiError> {
    state.keyring_state()
}

#[tauri::command(async)]
pub fn remember_key(state: State<'_, AppState>, on: bool) -> Result<KeyringState, UiError> {
    state.remember_key(on)
}

#[tauri::command(async)]
pub fn unlock_from_keyring(state: State<'_, AppState>) -> Result<AppStatus, UiError> {
    state.unlock_from_keyring()
}

#[cfg(test)]
mod tests {
    use super::*;
    use casebook::model::OrganisationProfile;

    #[test]
    fn a_remembered_key_unlocks_and_the_passphrase_still_works_when_it_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        assert!(!state.keyring_state().unwrap().remembered, "off by default");
        assert!(state.remember_key(true).unwrap().remembered);
        state.lock();
        assert_eq!(state.unlock_from_keyring().unwrap().state, "unlocked");

        // The keyring loses the entry (another tool, a new login): the passphrase still opens it.
        entry(&state).unwrap().delete_credential().unwrap();
        state.lock();
        let e = state.unlock_from_keyring().unwrap_err();
        assert!(e.message.contains("unlock with the passphrase"), "{}", e.message);
        assert_eq!(state.unlock("a long passphrase").unwrap().state, "unlocked");

        // A stale key (the passphrase was changed since, so the data key is new) is refused and forgotten.
        entry(&state).unwrap().set_password(&"00".repeat(32)).unwrap();
        state.lock();
        let e = state.unlock_from_keyring().unwrap_err();
        assert!(e.message.contains("no longer opens"), "{}", e.message);
        assert!(!state.keyring_state().unwrap().remembered);
        state.unlock("a long passphrase").unwrap();
        assert!(!state.remember_key(false).unwrap().remembered);
    }
}
