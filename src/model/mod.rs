//! Plain domain types and their validation: no IO.

pub mod case;
pub mod flow;
pub mod profile;
pub mod validate;
pub mod vocab;

pub use case::{
    Agent, Case, CaseDetail, CaseInput, DeadlineView, Deadlines, Event, EventInput, NewCase, NewEvent, Person, Received,
};
pub use profile::{OrganisationProfile, Party};
pub use vocab::{Channel, EventType, Kind, Outcome, PartyRole, Regime, Relationship, Right, Status};
