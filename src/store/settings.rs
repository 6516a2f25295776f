//! Settings: the organisation profile.

use rusqlite::OptionalExtension;
use serde_json::json;

use super::{Store, Write};
use crate::error::{Error, ErrorKind, Result};
use crate::model::OrganisationProfile;

/// Stores a new database's profile and seeds the address book from it.
pub(super) fn seed(w: &mut Write<'_>, profile: &OrganisationProfile) -> Result<()> {
    let stored = OrganisationProfile { parties: Vec::new(), ..profile.clone() };
    let json = serde_json::to_string(&stored).expect("profile serialises");
    w.tx.execute("INSERT INTO settings (key, value) VALUES ('profile', ?1)", [&json])?;
    super::deadlines::mark_rules_current(w)?;
    super::parties::seed(w, &profile.parties)?;
    w.audit(
        "database.create",
        None,
        json!({ "profile": [null, profile.name], "parties": [null, profile.parties.len()] }),
    )
}

impl Store {
    /// Replaces the organisation profile (its parties stay in the address book) and recomputes the
    /// open requests' deadlines, since calendars and targets may have changed.
    pub fn update_profile(&mut self, profile: &OrganisationProfile) -> Result<usize> {
        profile.validate()?;
        let zone = crate::model::case::parse_zone(&profile.time_zone)?;
        let before = serde_json::to_value(self.profile()?).expect("profile serialises");
        let stored = OrganisationProfile { parties: Vec::new(), ..profile.clone() };
        let after = serde_json::to_value(&stored).expect("profile serialises");
        let moved = self.write(|w| {
            w.tx.execute("UPDATE settings SET value = ?1 WHERE key = 'profile'", [after.to_string()])?;
            let moved = super::deadlines::recompute_open(w)?;
            let mut changes = serde_json::Map::new();
            for (key, value) in after.as_object().expect("an object") {
                if before.get(key) != Some(value) {
                    changes.insert(format!("profile.{key}"), json!([before.get(key), value]));
                }
            }
            let count = moved.len();
            changes.insert("moved".into(), serde_json::Value::Object(moved));
            w.audit("profile.update", None, serde_json::Value::Object(changes))?;
            Ok(count)
        })?;
        self.zone = zone;
        Ok(moved)
    }

    /// The organisation profile (without parties; see `parties`).
    pub fn profile(&self) -> Result<OrganisationProfile> {
        self.profile_if_set()?.ok_or_else(|| Error::new(ErrorKind::NotReady, "the organisation profile is missing"))
    }

    pub(super) fn profile_if_set(&self) -> Result<Option<OrganisationProfile>> {
        let json: Option<String> =
            self.conn().query_row("SELECT value FROM settings WHERE key = 'profile'", [], |r| r.get(0)).optional()?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|_| Error::new(ErrorKind::Incompatible, "the stored profile is damaged"))
        })
        .transpose()
    }
}
