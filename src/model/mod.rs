//! Plain domain types and their validation: no IO.

pub mod breach;
pub mod case;
pub mod correction;
pub mod correspondence;
pub mod flow;
pub mod letter_flow;
pub mod party;
pub mod profile;
pub mod task;
pub mod validate;
pub mod vocab;

pub use case::{
    Agent, Case, CaseDetail, CaseInput, DeadlineView, Deadlines, Event, EventInput, NewCase, NewEvent, Person, Received,
};
pub use correspondence::{ItemInput, NewItem};
pub use party::{Party, PartyInput};
pub use profile::OrganisationProfile;
pub use task::{NewTask, TaskInput, TaskTemplate};
pub use vocab::{
    ApprovalPolicy, Channel, Counterpart, Direction, DispatchMethod, EventType, ItemChannel, Kind, LateReason,
    LetterState, Outcome, PartyKind, Regime, Relationship, Right, Status, TaskKind,
};
