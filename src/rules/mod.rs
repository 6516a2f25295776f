//! Deadline rules and holiday calendars: pure functions, no IO; today is always an argument.

pub mod calendar;
