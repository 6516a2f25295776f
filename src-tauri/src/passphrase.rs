//! Changing the passphrase while the database is open, and replacing a forgotten one with the
//! recovery key from the lock screen. Both re-key the database and give a new recovery key, shown
//! once; a key remembered in the system keyring is replaced by the new one.

use casebook::app::session;
use casebook::{Error, ErrorKind};
use tauri::State;

use crate::error::UiError;
use crate::state::{AppState, NewKeys};

impl AppState {
    /// Re-keys the open database under `new`, once `current` is confirmed as its passphrase.
    pub fn change_passphrase(&self, current: &str, new: &str) -> Result<NewKeys, UiError> {
        let recovery = self.with_store(|s| {
            s.confirm_passphrase(current).map_err(|e| match e.kind {
                ErrorKind::WrongPassphrase => Error::invalid_field("current", "this is not the current passphrase"),
                _ => e,
            })?;
            s.change_passphrase(new)
        })?;
        self.keep_remembered_key_current();
        Ok(NewKeys { status: self.status(), recovery_key: recovery.as_str().to_string() })
    }

    /// Opens the database with its recovery key and re-keys it under `new`; it is then open.
    pub fn reset_passphrase(&self, recovery: &str, new: &str) -> Result<NewKeys, UiError> {
        let (store, recovery) = session::reset_passphrase(self.path(), recovery, new).map_err(|e| match e.kind {
            ErrorKind::WrongPassphrase => {
                Error::invalid_field("recovery", "this recovery key does not open the database")
            }
            _ => e,
        })?;
        let status = self.opened(store);
        self.keep_remembered_key_current();
        Ok(NewKeys { status, recovery_key: recovery.as_str().to_string() })
    }

    /// A re-key makes a remembered key stale: the keyring gets the new one (best effort: a stale
    /// entry is only ever refused and forgotten at the next unlock).
    fn keep_remembered_key_current(&self) {
        if self.keyring_state().is_ok_and(|k| k.remembered) {
            let _ = self.remember_key(true);
        }
    }
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<'_, AppState>, current: String, new: String) -> Result<NewKeys, UiError> {
    state.change_passphrase(&current, &new)
}

#[tauri::command(async)]
pub fn reset_passphrase(state: State<'_, AppState>, recovery: String, new: String) -> Result<NewKeys, UiError> {
    state.reset_passphrase(&recovery, &new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;
    use casebook::model::OrganisationProfile;

    const FIRST: &str = "copper lantern orchard seventeen";
    const SECOND: &str = "violet harbour ledger tangerine";

    #[test]
    fn the_passphrase_is_changed_with_the_current_one_and_reset_with_the_recovery_key() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        let first_recovery = state.set_up(&OrganisationProfile::sample(), FIRST).unwrap().recovery_key;

        let e = state.change_passphrase("not the passphrase", SECOND).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (Code::Validation, Some("current")), "{}", e.message);
        let e = state.change_passphrase(FIRST, "short").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("passphrase"), "{}", e.message);
        let changed = state.change_passphrase(FIRST, SECOND).unwrap();
        assert_eq!(changed.status.state, "unlocked");
        assert_ne!(changed.recovery_key, first_recovery, "a new recovery key");
        state.lock();
        assert_eq!(state.unlock(FIRST).unwrap_err().code, Code::WrongPassphrase);
        state.unlock(SECOND).unwrap();
        state.lock();

        // Forgotten: the old recovery key no longer opens it, the new one does, and is then spent.
        let e = state.reset_passphrase(&first_recovery, FIRST).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("recovery"), "{}", e.message);
        assert_eq!(state.status().state, "locked");
        let reset = state.reset_passphrase(&changed.recovery_key, FIRST).unwrap();
        assert_eq!(reset.status.state, "unlocked");
        state.lock();
        assert_eq!(
            state.reset_passphrase(&changed.recovery_key, SECOND).unwrap_err().field.as_deref(),
            Some("recovery")
        );
        state.unlock(FIRST).unwrap();
        let audit = state.with_store(|s| s.audit_page(None, None, 50)).unwrap();
        assert_eq!(audit.iter().filter(|r| r.action == "passphrase.change").count(), 2);
    }
}
