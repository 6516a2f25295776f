//! Deadline rules and holiday calendars: pure functions, no IO; today is always an argument.

pub mod breach;
pub mod calendar;
pub mod dates;
pub mod engine;
pub mod pauses;
pub mod regimes;
pub mod state;

pub use crate::model::DueState;
pub use engine::{
    check_extension, compute, Deadline, Facts, Schedule, Settings, Step, Unpaused, Wait, UK_ART_12A_FROM,
    UK_COMPLAINTS_FROM,
};
