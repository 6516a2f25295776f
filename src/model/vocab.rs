//! The closed vocabularies of the domain: each value has one stable spelling, used in
//! the database, the CLI, JSON and the UI alike.

use crate::error::Error;

/// Declares an enum whose values are spelled as kebab-case strings, with `ALL`, `as_str`,
/// `FromStr` (error lists the accepted values) and serde in that spelling.
macro_rules! vocab {
    ($(#[$m:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
        pub enum $name { $(#[ts(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Error::validation(format!(
                        "unknown {} '{}' (expected one of: {})",
                        $what,
                        crate::model::validate::printable(s),
                        [$($text),+].join(", ")
                    ))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(|e: Error| serde::de::Error::custom(e.message))
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                v.as_str()?.parse().map_err(|e: Error| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

pub(crate) use vocab;

vocab!(
    /// What a case is about.
    Kind, "kind" {
        Request => "request",
        Complaint => "complaint",
        Correspondence => "correspondence",
    }
);

vocab!(
    /// The law whose clock governs a case.
    Regime, "regime" {
        Gdpr => "gdpr",
        UkGdpr => "uk-gdpr",
        Ccpa => "ccpa",
        Appi => "appi",
    }
);

vocab!(
    /// A right a person exercises. Which rights a regime knows is `Regime::rights`.
    Right, "right" {
        Access => "access",
        Rectification => "rectification",
        Erasure => "erasure",
        Restriction => "restriction",
        Objection => "objection",
        Portability => "portability",
        Know => "know",
        Delete => "delete",
        Correct => "correct",
        OptOut => "opt-out",
        Limit => "limit",
        Disclosure => "disclosure",
        Correction => "correction",
        Cessation => "cessation",
        ThirdPartyRecords => "third-party-records",
    }
);

vocab!(
    /// How a case reached the office.
    Channel, "channel" {
        Email => "email",
        Post => "post",
        WebForm => "web-form",
        Phone => "phone",
        InPerson => "in-person",
        Representative => "representative",
        Authority => "authority",
    }
);

vocab!(
    /// Where a case stands; the allowed moves are in `flow`.
    Status, "status" {
        New => "new",
        Acknowledged => "acknowledged",
        AwaitingInformation => "awaiting-information",
        InProgress => "in-progress",
        Extended => "extended",
        Responded => "responded",
        Closed => "closed",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
);

vocab!(
    /// A dated entry on a case's timeline.
    EventType, "event type" {
        Acknowledged => "acknowledged",
        IdRequested => "id-requested",
        IdReceived => "id-received",
        ClarificationRequested => "clarification-requested",
        ClarificationReceived => "clarification-received",
        FeeRequested => "fee-requested",
        FeeReceived => "fee-received",
        Extended => "extended",
        Responded => "responded",
        Closed => "closed",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
        Note => "note",
    }
);

vocab!(
    /// How a case ended.
    Outcome, "outcome" {
        Complied => "complied",
        CompliedInPart => "complied-in-part",
        Denied => "denied",
        Withdrawn => "withdrawn",
        IdFailed => "id-failed",
    }
);

vocab!(
    /// Who the requester is to the organisation.
    Relationship, "relationship" {
        Customer => "customer",
        WebsiteVisitor => "website-visitor",
        ServiceEndUser => "service-end-user",
        Employee => "employee",
        Other => "other",
    }
);

vocab!(
    /// What an address-book party is to the organisation.
    PartyKind, "party kind" {
        EuRepresentative => "eu-representative",
        UkRepresentative => "uk-representative",
        Dpo => "dpo",
        Authority => "authority",
        Agent => "agent",
        Processor => "processor",
        Internal => "internal",
        Other => "other",
    }
);

vocab!(
    /// Which way an item of correspondence went.
    Direction, "direction" {
        In => "in",
        Out => "out",
    }
);

vocab!(
    /// Who an item of correspondence was with: the data subject, or a kind of party.
    Counterpart, "counterpart" {
        DataSubject => "data-subject",
        Agent => "agent",
        EuRepresentative => "eu-representative",
        UkRepresentative => "uk-representative",
        Dpo => "dpo",
        Authority => "authority",
        Internal => "internal",
        Processor => "processor",
        Other => "other",
    }
);

vocab!(
    /// How an item of correspondence travelled (`letter`: a letter Casebook made).
    ItemChannel, "correspondence channel" {
        Email => "email",
        Post => "post",
        Phone => "phone",
        Portal => "portal",
        InPerson => "in-person",
        Letter => "letter",
        Other => "other",
    }
);

vocab!(
    /// What a task on a case is.
    TaskKind, "task kind" {
        SearchSystem => "search-system",
        TellRecipient => "tell-recipient",
        RetrieveRecords => "retrieve-records",
        Review => "review",
        Other => "other",
    }
);

impl PartyKind {
    /// The counterpart an item with a party of this kind is logged with.
    pub fn counterpart(self) -> Counterpart {
        match self {
            PartyKind::EuRepresentative => Counterpart::EuRepresentative,
            PartyKind::UkRepresentative => Counterpart::UkRepresentative,
            PartyKind::Dpo => Counterpart::Dpo,
            PartyKind::Authority => Counterpart::Authority,
            PartyKind::Agent => Counterpart::Agent,
            PartyKind::Processor => Counterpart::Processor,
            PartyKind::Internal => Counterpart::Internal,
            PartyKind::Other => Counterpart::Other,
        }
    }
}

impl Regime {
    /// The rights a request under this regime may name.
    pub fn rights(self) -> &'static [Right] {
        use Right::*;
        match self {
            Regime::Gdpr | Regime::UkGdpr => &[Access, Rectification, Erasure, Restriction, Objection, Portability],
            Regime::Ccpa => &[Know, Delete, Correct, OptOut, Limit],
            Regime::Appi => &[Disclosure, Correction, Cessation, ThirdPartyRecords],
        }
    }
}

impl Kind {
    /// The prefix of the references of this kind of case.
    pub fn reference_prefix(self) -> &'static str {
        match self {
            Kind::Request => "DSR",
            Kind::Complaint => "CMP",
            Kind::Correspondence => "COR",
        }
    }
}

vocab!(
    /// Where a stored letter is in its life: made, approved, gone out.
    LetterState, "letter state" {
        Draft => "draft",
        Approved => "approved",
        Sent => "sent",
    }
);

vocab!(
    /// How a letter left the office.
    DispatchMethod, "dispatch method" {
        Email => "email",
        Post => "post",
        Portal => "portal",
        InPerson => "in-person",
    }
);

vocab!(
    /// Which letters must be approved before they are sent.
    ApprovalPolicy, "approval policy" {
        None => "none",
        Responses => "responses",
        Refusals => "refusals",
        All => "all",
    }
);

vocab!(
    /// Why a case was answered after its due date.
    LateReason, "reason for lateness" {
        Volume => "volume",
        Complexity => "complexity",
        ThirdParty => "third-party",
        Identity => "identity",
        Systems => "systems",
        Oversight => "oversight",
        Other => "other",
    }
);

impl DispatchMethod {
    /// The channel the sent letter is logged with in the correspondence.
    pub fn channel(self) -> ItemChannel {
        match self {
            DispatchMethod::Email => ItemChannel::Email,
            DispatchMethod::Post => ItemChannel::Post,
            DispatchMethod::Portal => ItemChannel::Portal,
            DispatchMethod::InPerson => ItemChannel::InPerson,
        }
    }
}
