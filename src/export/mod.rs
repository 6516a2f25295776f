//! What leaves Casebook for other programs: calendars, spreadsheets, archives.

pub mod csv;
pub mod ics;
