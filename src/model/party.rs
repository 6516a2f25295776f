//! The address book: representatives, the DPO, authorities and the others the office writes to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate;
use super::vocab::{PartyKind, Regime};
use crate::error::Result;

/// A party as stored (with its `id`) or as a profile seeds it (without).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Party {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<i64>,
    #[serde(alias = "role")]
    pub kind: PartyKind,
    pub name: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub contact_person: Option<String>,
    #[serde(default)]
    pub address: Vec<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The language letters to the party are written in (`en`, `ja`, …).
    #[serde(default)]
    pub language: Option<String>,
    /// ISO 3166 country code: picks the supervisory authority of a representative's country.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Set when the party no longer acts for or with the office; its history stays.
    #[serde(default)]
    pub retired_on: Option<NaiveDate>,
}

/// A party as typed in a form or given as flags: raw strings, validated into a `Party`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct PartyInput {
    pub kind: String,
    pub name: String,
    pub organisation: Option<String>,
    pub contact_person: Option<String>,
    /// The postal address, one line per line.
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub country: Option<String>,
    pub notes: Option<String>,
}

impl PartyInput {
    /// The input of an existing party, for a form to edit or flags to overlay.
    pub fn from_party(p: &Party) -> PartyInput {
        PartyInput {
            kind: p.kind.to_string(),
            name: p.name.clone(),
            organisation: p.organisation.clone(),
            contact_person: p.contact_person.clone(),
            address: Some(p.address.join("\n")),
            email: p.email.clone(),
            phone: p.phone.clone(),
            language: p.language.clone(),
            country: p.country.clone(),
            notes: p.notes.clone(),
        }
    }

    pub fn validate(&self) -> Result<Party> {
        let kind: PartyKind = self.kind.trim().parse().map_err(|e: crate::error::Error| e.in_field("kind"))?;
        let address = validate::text("address", self.address.as_deref().unwrap_or(""))?;
        let language = validate::optional_line("language", self.language.as_deref())?;
        if let Some(lang) = &language {
            super::letter::Lang::parse(lang).map_err(|e| e.in_field("language"))?;
        }
        let country = validate::optional_line("country", self.country.as_deref())?.map(|c| c.to_uppercase());
        if country.as_ref().is_some_and(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_alphabetic())) {
            return Err(crate::error::Error::invalid_field("country", "country must be a two-letter code such as DE"));
        }
        Ok(Party {
            id: None,
            kind,
            name: validate::line("name", &self.name)?,
            organisation: validate::optional_line("organisation", self.organisation.as_deref())?,
            contact_person: validate::optional_line("contact person", self.contact_person.as_deref())?,
            address: address.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
            email: validate::optional_email(self.email.as_deref())?,
            phone: validate::optional_line("phone", self.phone.as_deref())?,
            language,
            country,
            notes: Some(validate::text("notes", self.notes.as_deref().unwrap_or(""))?).filter(|n| !n.is_empty()),
            retired_on: None,
        })
    }
}

impl Party {
    /// The party's name with its organisation, on one line.
    pub fn display_name(&self) -> String {
        match &self.organisation {
            Some(org) if org != &self.name => format!("{}, {org}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The representative who answers for the organisation under `regime`: the UK one for UK GDPR,
/// else the EU one (the first current one in the address book's order).
pub fn representative(parties: &[Party], regime: Regime) -> Option<&Party> {
    let kind = if regime == Regime::UkGdpr { PartyKind::UkRepresentative } else { PartyKind::EuRepresentative };
    parties.iter().find(|p| p.kind == kind && p.retired_on.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PartyInput {
        PartyInput { kind: "authority".into(), name: "Datenschutzbehörde".into(), ..PartyInput::default() }
    }

    #[test]
    fn a_party_is_validated_field_by_field() {
        let p = PartyInput { address: Some("Barichgasse 40-42\n\n1030 Wien ".into()), ..input() }.validate().unwrap();
        assert_eq!(p.address, ["Barichgasse 40-42", "1030 Wien"]);
        for (bad, field) in [
            (PartyInput { kind: "regulator".into(), ..input() }, "kind"),
            (PartyInput { name: " ".into(), ..input() }, "name"),
            (PartyInput { email: Some("not an address".into()), ..input() }, "email"),
            (PartyInput { country: Some("Austria".into()), ..input() }, "country"),
            (PartyInput { language: Some("klingon".into()), ..input() }, "language"),
            (PartyInput { organisation: Some("a\u{7}b".into()), ..input() }, "organisation"),
        ] {
            assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some(field));
        }
    }

    #[test]
    fn a_profile_written_with_roles_still_reads() {
        let p: Party = serde_json::from_str(r#"{"role": "dpo", "name": "DPO"}"#).unwrap();
        assert_eq!(p.kind, PartyKind::Dpo);
    }
}
