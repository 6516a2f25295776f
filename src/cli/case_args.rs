//! The flags of `casebook case` and its tasks.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::args::ItemCommand;

#[derive(Subcommand)]
pub enum CaseCommand {
    /// The work on a case: add, done, list tasks.
    #[command(subcommand)]
    Task(TaskCommand),
    /// A case's correspondence: add, list, edit.
    #[command(subcommand)]
    Correspondence(ItemCommand),
    /// Save a copy of a stored file: ITEM is an item's id (its first attachment, or its letter) or ID/K.
    File {
        reference: String,
        item: String,
        #[arg(long)]
        out: PathBuf,
        /// Replace the file at --out if there is one.
        #[arg(long)]
        force: bool,
    },
    /// Open a new case.
    Add(Box<AddArgs>),
    /// Correct a case's facts, its kind and regime included (only the flags given change); its
    /// deadlines are computed anew and the change is audited.
    Edit(Box<EditArgs>),
    /// List cases, soonest due first (or as --sort says).
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        regime: Option<String>,
        /// Only cases due on or before this date (YYYY-MM-DD).
        #[arg(long)]
        due_before: Option<String>,
        /// Text in the reference, the requester's name or email, or the notes.
        #[arg(long)]
        search: Option<String>,
        /// due (soonest first), received (newest first), reference, or updated (latest change first).
        #[arg(long, default_value = "due")]
        sort: String,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Show one case with its timeline.
    Show {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Say why a case was (or will be) answered after its due date; shown in the annual report.
    Late {
        reference: String,
        /// volume, complexity, third-party, identity, systems, oversight or other.
        #[arg(long)]
        reason: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Put a case under legal hold (kept past retention), or release it with --release.
    Hold {
        reference: String,
        #[arg(long)]
        release: bool,
    },
    /// Record a dated event on a case's timeline.
    Event {
        reference: String,
        #[arg(long = "type")]
        event_type: String,
        /// The date it happened (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// complied | complied-in-part | denied | withdrawn | id-failed (when closing; id-failed
        /// also when rejecting because identity could not be verified).
        #[arg(long)]
        outcome: Option<String>,
        /// The reason for a denial or rejection.
        #[arg(long)]
        reason: Option<String>,
        /// Record a response, extension or closure for this right of the request only.
        #[arg(long)]
        right: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub regime: String,
    /// YYYY-MM-DD or YYYY-MM-DDTHH:MM, local to --tz.
    #[arg(long)]
    pub received: String,
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub details: CaseDetails,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct EditArgs {
    pub reference: String,
    /// request, complaint or correspondence: the deadlines are computed anew; the reference stays.
    #[arg(long)]
    pub kind: Option<String>,
    /// gdpr, uk-gdpr, ccpa or appi: give the rights under the new regime with --right when they differ.
    #[arg(long)]
    pub regime: Option<String>,
    /// YYYY-MM-DD or YYYY-MM-DDTHH:MM, local to --tz.
    #[arg(long)]
    pub received: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub details: CaseDetails,
    #[arg(long)]
    pub json: bool,
}

/// A case's facts besides its kind, regime, receipt and name; an empty value clears a field.
#[derive(Args)]
pub struct CaseDetails {
    /// IANA time zone of the receiving office (default: the profile's).
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// A right exercised; repeat for several (on an edit, the rights given replace the case's).
    #[arg(long = "right")]
    pub rights: Vec<String>,
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub postal_address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub relationship: Option<String>,
    #[arg(long)]
    pub agent_name: Option<String>,
    #[arg(long)]
    pub agent_proof_received: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// A tag; repeat for several (on an edit, the tags given replace the case's).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

#[derive(Subcommand)]
pub enum TaskCommand {
    /// Add a task; due on --due, or --days-before the response date (redated when it moves).
    Add {
        reference: String,
        #[arg(long)]
        title: String,
        /// search-system, tell-recipient, retrieve-records, review or other.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        assignee: Option<String>,
        /// The address-book party the task is with (a processor, the DPO…), by id.
        #[arg(long)]
        party: Option<i64>,
        /// YYYY-MM-DD.
        #[arg(long, conflicts_with = "days_before")]
        due: Option<String>,
        /// Working days before the response date, on the office calendar.
        #[arg(long)]
        days_before: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Mark a task done (today, or --on DATE), with what shows it was done.
    Done {
        reference: String,
        id: i64,
        #[arg(long)]
        on: Option<String>,
        #[arg(long, default_value = "")]
        evidence: String,
        /// A file that shows it was done (at most 25 MB); repeat for several. Kept with the case's
        /// correspondence as an internal item.
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List a case's tasks: open ones by due date, then the done ones.
    List {
        reference: String,
        #[arg(long)]
        json: bool,
    },
}
