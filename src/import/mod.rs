//! What comes into Casebook from elsewhere.

pub mod eml;
