//! Plain domain types and their validation: no IO.

pub mod audit;
pub mod breach;
pub mod case;
pub mod correction;
pub mod correspondence;
pub mod flow;
pub mod letter;
pub mod letter_flow;
pub mod party;
pub mod profile;
pub mod task;
pub mod validate;
pub mod views;
pub mod vocab;

pub use audit::{AuditRecord, ChainReport, ChainWitness, RowProblem, RowReport, Seal, SealReport};
pub use breach::{Breach, BreachClock, BreachEvent, BreachSummary, BreachView, ClockView, Notice};
pub use case::{
    Agent, Case, CaseDetail, CaseInput, DeadlineView, Deadlines, DueState, Event, EventInput, NewCase, NewEvent,
    Person, Received,
};
pub use correspondence::{
    Attachment, CorrespondenceItem, CorrespondenceTotals, Email, EmailSender, FileInfo, ItemInput, NewItem,
};
pub use letter::{Lang, LetterFacts, LetterText, Paper};
pub use letter_flow::{Filing, LetterRecord};
pub use party::{Party, PartyInput};
pub use profile::{CalendarId, OrganisationProfile};
pub use task::{NewTask, Task, TaskInput, TaskTemplate};
pub use views::{
    BackupInfo, CalendarEntry, CalendarFilter, CaseFilter, Closure, Dashboard, Expired, IcsDeadline, Reminder,
    ReplyOwed, ReportRow, RetentionState, Sort,
};
pub use vocab::{
    ApprovalPolicy, Channel, Counterpart, Direction, DispatchMethod, EventType, ItemChannel, Kind, LateReason,
    LetterState, Outcome, PartyKind, Regime, Relationship, Right, Status, TaskKind,
};
