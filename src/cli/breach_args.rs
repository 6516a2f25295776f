//! The flags of `casebook breach`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum BreachCommand {
    /// Record a breach: when the office became aware (--aware, local time in --tz), under which laws
    /// (--regime), what happened (--description).
    Add {
        #[command(flatten)]
        facts: Box<BreachFlags>,
        #[arg(long)]
        json: bool,
    },
    /// Correct or complete a breach's facts (only the flags given change; --count PLACE=N sets one
    /// place's number); audited field by field. The clocks follow.
    Edit {
        reference: String,
        #[command(flatten)]
        facts: Box<BreachFlags>,
        #[arg(long)]
        json: bool,
    },
    /// A breach with its clocks (to the minute, in the office's zone and each authority's), notifications and timeline.
    Show {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Every breach, the latest first, with its next clock.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Record an entry on a breach's timeline: contained, assessed (--risk), a note, closed.
    Event {
        reference: String,
        /// contained, assessed, note or closed.
        #[arg(long)]
        kind: String,
        /// YYYY-MM-DDTHH:MM in the breach's zone (default: now).
        #[arg(long)]
        at: Option<String>,
        /// With `assessed`: none, risk or high.
        #[arg(long)]
        risk: Option<String>,
        /// What happened; with `assessed`, the reasoning.
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a notification made: to an authority (--party), the data subjects or the Attorney General.
    Notify {
        reference: String,
        /// authority, subjects or attorney-general.
        #[arg(long)]
        to: String,
        #[arg(long)]
        party: Option<i64>,
        /// initial, preliminary, follow-up or final.
        #[arg(long, default_value = "initial")]
        phase: String,
        /// YYYY-MM-DDTHH:MM in the breach's zone.
        #[arg(long)]
        at: String,
        /// email, post, portal, in-person or phone.
        #[arg(long)]
        method: String,
        /// The reference the authority gave.
        #[arg(long)]
        their_reference: Option<String>,
        /// Why it came after the 72 hours, when it did (Art. 33(1)).
        #[arg(long)]
        delay_reasons: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The register (GDPR Art. 33(5)) for an authority's inspection: all breaches, or those the office became aware of in a period.
    Register {
        /// csv or pdf.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// YYYY-MM-DD (local).
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// Replace the file at --out if there is one.
        #[arg(long)]
        force: bool,
    },
    /// Draft a letter as PDF: the notification to an authority (Art. 33(3)) or the communication to the people concerned (Art. 34(2)).
    Letter {
        reference: String,
        /// authority-notification or subject-communication.
        #[arg(long)]
        template: String,
        /// en, ja or de.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The authority (default: the breach's first).
        #[arg(long)]
        party: Option<i64>,
        /// When the 72 hours have passed: why.
        #[arg(long)]
        delay_reasons: Option<String>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Link a request or complaint the breach caused.
    Link { reference: String, case: String },
}

/// A breach's facts as flags, for `breach add` and `breach edit`.
#[derive(Args)]
pub struct BreachFlags {
    /// YYYY-MM-DDTHH:MM, local to --tz.
    #[arg(long)]
    pub aware: Option<String>,
    /// The IANA zone of --aware (and --occurred-from/--occurred-to): never assumed.
    #[arg(long)]
    pub tz: Option<String>,
    /// gdpr, uk-gdpr, appi or ccpa; repeat for several.
    #[arg(long = "regime")]
    pub regimes: Vec<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub occurred_from: Option<String>,
    #[arg(long)]
    pub occurred_to: Option<String>,
    #[arg(long)]
    pub discovered_how: Option<String>,
    /// A category of personal data; repeat for several.
    #[arg(long = "data-category")]
    pub data_categories: Vec<String>,
    /// A category of people; repeat for several.
    #[arg(long = "subject-category")]
    pub subject_categories: Vec<String>,
    /// Approximate number of people in a country or state, PLACE=N (DE=120, US-CA=600); repeat.
    #[arg(long = "count")]
    pub counts: Vec<String>,
    #[arg(long)]
    pub consequences: Option<String>,
    #[arg(long)]
    pub measures: Option<String>,
    /// none, risk or high.
    #[arg(long)]
    pub risk: Option<String>,
    #[arg(long)]
    pub risk_reasoning: Option<String>,
    /// An authority to notify (its party id); repeat. Default: the address book's authorities under the laws named.
    #[arg(long = "authority")]
    pub authorities: Vec<i64>,
    /// APPI: possibly caused with a wrongful purpose (final report in 60 days); `false` to undo.
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    pub wrongful_purpose: Option<bool>,
}
