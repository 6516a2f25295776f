//! The integration tests of the core and the command line, in one test binary: one link instead of
//! one per file (each links SQLCipher, OpenSSL and the fonts), and every test in one run across the
//! cores. The crash test, the oracle, the passphrase race and the progress reports (which install a
//! process-wide sink) keep binaries of their own.

#[path = "../common/mod.rs"]
mod common;

mod backup;
mod breach_clocks;
mod breaches;
mod case_deadlines;
mod cli;
mod correspondence;
mod damage;
mod deadline_combinations;
mod deadlines;
mod disk_full;
mod edits;
mod eml;
mod export;
mod holidays;
mod hostile;
mod ics;
mod import_hostile;
mod keys;
mod letter_life;
mod letters;
mod outputs;
mod overview;
mod register;
mod report;
mod retention;
mod seal;
mod store;
mod tamper;
mod tasks;
