//! Opening the record, for both faces: create it, open it (passphrase, recovery key, or the data
//! key the system keyring keeps), restore it from a backup, replace a forgotten passphrase; and
//! what an open has to tell the user once. The faces keep the `Store` handed back and call its
//! reads and one-step writes; an action of more than one step is a function of `app`.

use std::path::Path;

use crate::error::Result;
pub use crate::store::{
    check_new_passphrase, default_path, restore, sidecar_path, verify_backup, RecoveryKey, SealKey, Store, Upgrade,
    MIN_PASSPHRASE_CHARS,
};

/// What an open has to tell the user, once: the copy kept before an upgrade, and the verification
/// key of the seals when this open began sealing.
pub struct Notices {
    pub upgrade: Option<Upgrade>,
    pub seal_key: Option<SealKey>,
}

/// Takes what a store just opened (or created) has to say; asked again, it says nothing.
pub fn notices(store: &mut Store) -> Notices {
    Notices { upgrade: store.take_upgrade(), seal_key: store.take_new_seal_key() }
}

/// Opens the database with its recovery key and re-keys it under `new`: the store is then open,
/// and the answer carries the new recovery key. A key that does not fit is `WrongPassphrase`; a
/// weak `new` is refused before anything is opened.
pub fn reset_passphrase(db: &Path, recovery: &str, new: &str) -> Result<(Store, RecoveryKey)> {
    check_new_passphrase(new)?;
    let mut store = Store::open_with_recovery_key(db, recovery)?;
    let recovery = store.change_passphrase(new)?;
    Ok((store, recovery))
}
