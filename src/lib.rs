//! Casebook's core: the domain model, the encrypted store, and demo data. No window, no Tauri:
//! the CLI (`src/main.rs`) and the desktop shell (`src-tauri`) are thin layers over this crate.

pub mod app;
#[cfg(test)]
mod boundaries;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod letter;
pub mod model;
pub mod progress;
pub mod report;
pub mod rules;
pub mod store;

pub use error::{Error, ErrorKind, Result};
