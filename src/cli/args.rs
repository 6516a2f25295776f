//! The command-line contract (see product.md): names and flags here are stable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use super::breach_args::{BreachCommand, BreachFlags};
pub use super::case_args::{AddArgs, CaseCommand, CaseDetails, EditArgs, TaskCommand};
pub use super::letter_args::{LetterArgs, LetterMade, LetterStep};

#[derive(Parser)]
#[command(name = "casebook", version, about = "The privacy office's case tracker, offline and encrypted.")]
pub struct Cli {
    /// The database file (default: the app's data directory).
    #[arg(long, global = true, env = "CASEBOOK_DB")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new encrypted database.
    Init {
        /// An organisation profile as JSON (default: the sample profile).
        #[arg(long, conflicts_with = "from_export")]
        profile: Option<PathBuf>,
        /// Start from a Casebook export (`casebook export json`): its profile, address book and cases.
        #[arg(long)]
        from_export: Option<PathBuf>,
    },
    /// Add, list, show cases and record events on them.
    #[command(subcommand)]
    Case(Box<CaseCommand>),
    /// The address book: representatives, the DPO, authorities and others the office writes to.
    #[command(subcommand)]
    Party(Box<PartyCommand>),
    /// The breach register (GDPR Art. 33(5)): breaches, their clocks and notifications.
    #[command(subcommand)]
    Breach(Box<BreachCommand>),
    /// Correspondence across cases: `list --party ID` is everything with one party.
    #[command(subcommand)]
    Correspondence(ThreadCommand),
    /// Show or replace the organisation profile (calendars, time zone, targets, processing facts).
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The office's closure days, which count as non-working days for every deadline.
    #[command(subcommand)]
    Closure(ClosureCommand),
    /// Compute a request's deadlines without storing anything.
    Deadline(Box<DeadlineArgs>),
    /// Write a letter for a case as PDF, stored with the case: sent today, or with --draft kept for
    /// approval and dispatch (`letter approve`, `letter dispatch`, `letter revise`).
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Letter(Box<LetterArgs>),
    /// Write the same letter for every case with a status, one PDF per case named by reference.
    Letters {
        #[arg(long)]
        template: String,
        #[arg(long)]
        status: String,
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        paper: Option<String>,
        #[arg(long)]
        out_dir: PathBuf,
        /// Replace letters already in --out-dir.
        #[arg(long)]
        force: bool,
        /// Store them as drafts, to be approved and dispatched one by one.
        #[arg(long)]
        draft: bool,
        #[arg(long)]
        json: bool,
    },
    /// Back up the database to a new file (encrypted like it, verified before success); with
    /// --rolling, make today's backup in backups/ beside the database and prune old ones.
    Backup {
        #[arg(long, required_unless_present = "rolling")]
        to: Option<PathBuf>,
        #[arg(long, conflicts_with = "to")]
        rolling: bool,
    },
    /// Replace the database with a verified backup; the replaced file is kept as <db>.before-restore.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// List the rolling backups, newest first.
    Backups,
    /// Add cases one transaction at a time, printing each reference once it is durable (crash tests).
    #[command(hide = true)]
    StressWriter {
        #[arg(long, default_value_t = 1_000_000)]
        count: u32,
    },
    /// Change the passphrase (re-keys the database), or reset it with the recovery key.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Export data: `ics` (open deadlines), `csv` (one row per case), `json` (everything).
    Export {
        /// ics, csv or json
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// Days before each deadline for the calendar reminder (ics).
        #[arg(long, default_value_t = 3)]
        alarm_days: u32,
        /// Put requesters' names in calendar entries (off: references only).
        #[arg(long)]
        with_names: bool,
        /// Replace the file at --out if there is one.
        #[arg(long)]
        force: bool,
    },
    /// Import: `json` (a Casebook export, into a database with no cases yet), `eml` (an email: logged
    /// on --case REF, or opening a new request under --regime R) or `csv` (a register, with --map).
    Import {
        /// json, eml or csv
        format: String,
        file: PathBuf,
        #[arg(long)]
        case: Option<String>,
        #[arg(long)]
        regime: Option<String>,
        /// csv: the mapping file (JSON) from the register's columns to case fields.
        #[arg(long)]
        map: Option<PathBuf>,
        /// csv: report what would be created and every row that would be rejected; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Yearly figures: `ccpa-7102` (CCPA §7102 metrics) or `annual` (per regime and right).
    Report {
        kind: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        regime: Option<String>,
        /// json, csv or pdf.
        #[arg(long, default_value = "json")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the file at --out if there is one.
        #[arg(long)]
        force: bool,
    },
    /// Remove the personal data of closed cases past their retention period (--dry-run lists them).
    Purge {
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print the path of the database in use.
    Path,
    /// Print a completion script for a shell, e.g. `casebook completions bash`.
    Completions { shell: clap_complete::Shell },
    /// Write the manual pages (casebook.1 and one per command) into a folder (used by packaging).
    #[command(hide = true)]
    ManPages { out_dir: PathBuf },
    /// The newest audit records, newest first: who changed what, when, and which dates moved.
    Audit {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Only this case's (or breach's, BR-…) records.
        #[arg(long)]
        case: Option<String>,
        /// Only records older than this sequence number (the next page).
        #[arg(long)]
        before: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Check the database's integrity, the audit chain, every row against its audited digest, and the seals.
    Verify {
        #[arg(long)]
        json: bool,
        /// The seal verification key shown when sealing began: proves no sealed record was rewritten.
        #[arg(long, value_name = "KEY")]
        seal_key: Option<String>,
    },
    /// Fill the database (created if missing) with realistic fake cases.
    Demo {
        #[arg(long, default_value_t = 200)]
        cases: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
pub enum PartyCommand {
    /// Add a party; prints it with its id.
    Add(PartyArgs),
    /// Correct a party's details (only the flags given change).
    Edit {
        id: i64,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: PartyFields,
        #[arg(long)]
        json: bool,
    },
    /// Retire a party: no new letters or items with it, its history kept (--undo brings it back).
    Retire {
        id: i64,
        #[arg(long)]
        undo: bool,
    },
    /// List the address book.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one party.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct PartyArgs {
    /// eu-representative, uk-representative, dpo, authority, agent, processor, internal or other.
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub fields: PartyFields,
    #[arg(long)]
    pub json: bool,
}

/// A party's details besides its kind and name.
#[derive(Args)]
pub struct PartyFields {
    #[arg(long)]
    pub organisation: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    /// The postal address; separate lines with newlines or " / ".
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// The language of letters to the party: en, ja or de.
    #[arg(long)]
    pub language: Option<String>,
    /// Two-letter country code (an EU representative's country picks the lead authority).
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Subcommand)]
pub enum ThreadCommand {
    /// Every item with a party across cases, newest first.
    List {
        #[arg(long)]
        party: i64,
        /// From this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Up to this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ItemCommand {
    /// Log an item in or out by hand: a posted letter, a call, a portal message, an email.
    Add(Box<ItemArgs>),
    /// List a case's correspondence, oldest first.
    List {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Correct an item's facts (only the flags given change); audited like correcting a case.
    Edit(Box<ItemArgs>),
}

#[derive(Args)]
pub struct ItemArgs {
    pub reference: String,
    /// The item to correct (edit only).
    #[arg(long)]
    pub item: Option<i64>,
    /// in or out.
    #[arg(long)]
    pub direction: Option<String>,
    /// The address-book party it was with (its id).
    #[arg(long, conflicts_with = "counterpart")]
    pub party: Option<i64>,
    /// Who it was with when not a party: data-subject, agent, eu-representative, uk-representative,
    /// dpo, authority, internal, processor or other.
    #[arg(long)]
    pub counterpart: Option<String>,
    /// email, post, phone, portal, in-person or other.
    #[arg(long)]
    pub channel: Option<String>,
    /// YYYY-MM-DD or YYYY-MM-DDTHH:MM.
    #[arg(long)]
    pub on: Option<String>,
    #[arg(long)]
    pub subject: Option<String>,
    #[arg(long)]
    pub summary: Option<String>,
    /// For an incoming item: the date a reply was asked for by (becomes a deadline of the case).
    #[arg(long)]
    pub reply_by: Option<String>,
    /// A file to attach (at most 25 MB); repeat for several (add only).
    #[arg(long = "attach")]
    pub attach: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct DeadlineArgs {
    /// request (default) or complaint.
    #[arg(long, default_value = "request")]
    pub kind: String,
    #[arg(long)]
    pub regime: String,
    /// The local receipt date, YYYY-MM-DD.
    #[arg(long)]
    pub received: String,
    /// For ccpa: know | delete | correct | opt-out | limit (default know).
    #[arg(long)]
    pub right: Option<String>,
    /// Holiday calendar (default: the sample profile's calendar for the regime).
    #[arg(long)]
    pub calendar: Option<String>,
    #[arg(long)]
    pub id_requested: Option<String>,
    #[arg(long)]
    pub id_received: Option<String>,
    #[arg(long)]
    pub clarification_requested: Option<String>,
    #[arg(long)]
    pub clarification_received: Option<String>,
    /// UK GDPR: a fee asked for; the relevant time waits for its payment.
    #[arg(long)]
    pub fee_requested: Option<String>,
    #[arg(long)]
    pub fee_received: Option<String>,
    /// The day the deadline was extended: checked against the extension rules.
    #[arg(long)]
    pub extended: Option<String>,
    /// The day to compute for (default today); an unanswered request for information runs until then.
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum ClosureCommand {
    /// Add a closure day (YYYY-MM-DD); open requests' deadlines are recomputed.
    Add {
        day: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove a closure day.
    Remove { day: String },
    /// List the closure days.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ProfileCommand {
    /// Print the profile as JSON.
    Show,
    /// Replace the profile with one written as JSON; open requests' deadlines are recomputed.
    Set { file: PathBuf },
}

#[derive(Subcommand)]
pub enum PassphraseCommand {
    /// Re-key the database under a new passphrase (CASEBOOK_NEW_PASSPHRASE or asked); prints a new recovery key.
    Change,
    /// Set a new passphrase using the recovery key (CASEBOOK_RECOVERY_KEY or asked).
    Reset,
}
