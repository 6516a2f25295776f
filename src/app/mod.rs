//! What a user does, written once: each function here is one action over the store and the pure
//! core (rules, letters, exports), returning what both faces show. The command line and the
//! window parse their input, call one of these and print or serialise the result; neither holds
//! a flow of its own.

pub mod breaches;
pub mod correspondence;
pub mod deadline;
pub mod demo;
pub mod emails;
pub mod exports;
pub mod from_export;
pub mod letters;
pub mod register;
pub mod reports;
pub mod session;
