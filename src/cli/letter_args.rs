//! The flags of `casebook letter` and its steps.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Args)]
pub struct LetterArgs {
    #[command(subcommand)]
    pub step: Option<LetterStep>,
    #[arg(required = true)]
    pub reference: Option<String>,
    #[command(flatten)]
    pub made: LetterMade,
    /// Store it as a draft: not sent until `letter dispatch`.
    #[arg(long)]
    pub draft: bool,
}

/// Which letter to make and where to write it.
#[derive(Args)]
pub struct LetterMade {
    #[arg(long, required = true)]
    pub template: Option<String>,
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// a4 or letter (default: the profile's).
    #[arg(long)]
    pub paper: Option<String>,
    #[arg(long, required = true)]
    pub out: Option<PathBuf>,
    /// Replace the file at --out if there is one.
    #[arg(long)]
    pub force: bool,
}

/// A step in the life of a stored letter; N is its number on the case (1 for the first).
#[derive(Subcommand)]
pub enum LetterStep {
    /// Approve a letter not yet sent: who, when, and the SHA-256 of its exact PDF.
    Approve {
        reference: String,
        number: usize,
        /// Who approves (default: the operating-system user).
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record how and when a letter left; a response answers the request on that day.
    Dispatch {
        reference: String,
        number: usize,
        /// email, post, portal or in-person.
        #[arg(long)]
        method: String,
        /// The day it left, YYYY-MM-DD (default: today).
        #[arg(long)]
        on: Option<String>,
        /// A postal tracking number or a portal's receipt.
        #[arg(long)]
        tracking: Option<String>,
        /// When the answer is late: volume, complexity, third-party, identity, systems, oversight or other.
        #[arg(long)]
        late_reason: Option<String>,
        #[arg(long)]
        late_note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make a letter not yet sent again from its template: a draft again, to be approved anew.
    Revise {
        reference: String,
        number: usize,
        #[command(flatten)]
        made: LetterMade,
    },
}
