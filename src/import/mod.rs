//! What comes into Casebook from elsewhere.

pub mod eml;
pub mod register;
