// Generated from the Rust types by `CASEBOOK_WRITE_BINDINGS=1 cargo test -p casebook-desktop bindings`;
// do not edit. 64-bit integers are numbers: serde_json writes them as JSON numbers.

export type Agent = { name: string, proof_received: string | null, };

export type ApiError = { code: ErrorCode, message: string, field?: string, };

export type AppStatus = { 
/**
 * `setup` (no database yet), `locked` or `unlocked`.
 */
state: string, database: string, organisation: string | null, 
/**
 * The seal verification key, in the one answer after sealing began (to be shown once).
 */
seal_key?: string, 
/**
 * In the one answer after an open upgraded an older database: the copy kept before.
 */
upgrade?: UpgradeNote, 
/**
 * Casebook's version (Settings → About).
 */
version: string, };

export type ApprovalPolicy = "none" | "responses" | "refusals" | "all";

export type Audience = "authority" | "subjects" | "attorney-general";

export type AuditRecord = { seq: number, at: string, actor: string, action: string, case_ref: string | null, changes: string, prev_hash: string, hash: string, 
/**
 * SHA-256 of `changes` as written; `None` for a record written before schema version 6 and
 * never re-sealed (its hash then covers the text itself).
 */
changes_sha256: string | null, 
/**
 * SHA-256 of the row digests stored under this record (`audit_rows`); `None` for a record
 * written before schema version 10.
 */
rows_sha256: string | null, };

export type Authority = { party_id: number, name: string, 
/**
 * ISO 3166 alpha-2, when the address book has it.
 */
country: string | null, };

export type BackupInfo = { path: string, date: string | null, bytes: number, cases: number, audit_records: number, };

export type Batch = { 
/**
 * The files written, one per case, named by reference.
 */
written: Array<string>, 
/**
 * Why a case got no letter (this letter does not fit its kind), by reference.
 */
skipped: Array<string>, };

export type Breach = { notifications: Array<BreachNotice>, events: Array<BreachEvent>, clocks: Array<BreachClock>, reference: string, aware_at: string, time_zone: string, regimes: Array<Regime>, description: string, occurred_from: string | null, occurred_to: string | null, discovered_how: string, data_categories: Array<string>, subject_categories: Array<string>, counts: { [key in string]?: number }, consequences: string, measures: string, risk: Risk | null, risk_reasoning: string, wrongful_purpose: boolean, contained_at: string | null, closed_at: string | null, authorities: Array<Authority>, 
/**
 * The requests and complaints it caused, by reference.
 */
cases: Array<string>, };

export type BreachClock = { 
/**
 * Whom it concerns: the authority's name, "the data subjects", …
 */
who: string, 
/**
 * When the notification that met it was made.
 */
met_at: string | null, 
/**
 * Hours left (negative: overdue) while not met.
 */
hours_left: number | null, 
/**
 * `authority`, `subjects`, `appi-preliminary`, `appi-final`, `residents`, `attorney-general`.
 */
kind: string, regime: Regime, 
/**
 * The authority this clock is for.
 */
party_id: number | null, 
/**
 * The instant it runs out.
 */
due_at: string, 
/**
 * True when the law sets no date ("without undue delay") and `due_at` is the office's target.
 */
target: boolean, 
/**
 * Where the due instant is also shown: the authority's zone (IANA name).
 */
authority_zone: string | null, basis: string, };

export type BreachEvent = { kind: BreachEventKind, at: string, note: string, };

export type BreachEventInput = { 
/**
 * contained, assessed, note or closed.
 */
kind: string, 
/**
 * `YYYY-MM-DDTHH:MM` in the breach's zone; now when absent.
 */
at?: string | null, 
/**
 * With `assessed`: none, risk or high.
 */
risk?: string | null, 
/**
 * What happened; with `assessed`, the reasoning.
 */
note: string, };

export type BreachEventKind = "contained" | "assessed" | "note" | "closed";

export type BreachInput = { 
/**
 * `YYYY-MM-DDTHH:MM`, local to `time_zone`.
 */
aware: string, 
/**
 * The IANA zone `aware` (and `occurred_from`/`to`) are given in: never assumed.
 */
time_zone: string, regimes: Array<string>, description: string, occurred_from?: string | null, occurred_to?: string | null, discovered_how?: string | null, data_categories: Array<string>, subject_categories: Array<string>, 
/**
 * Approximate numbers of people, per country or state (`DE`, `US-CA`): `PLACE=N` each.
 */
counts: Array<string>, consequences?: string | null, measures?: string | null, 
/**
 * none, risk or high.
 */
risk?: string | null, risk_reasoning?: string | null, 
/**
 * Address-book parties (authorities) to notify.
 */
authorities: Array<number>, 
/**
 * APPI: possibly caused with a wrongful purpose (the final report is then due in 60 days).
 */
wrongful_purpose: boolean, };

export type BreachNotice = { id: number, to: Audience, party_id: number | null, party: string | null, phase: Phase, at: string, method: NoticeMethod, their_reference: string | null, delay_reasons: string | null, note: string, };

export type BreachSummary = { reference: string, aware_at: string, time_zone: string, regimes: Array<Regime>, risk: Risk | null, closed_at: string | null, description: string, 
/**
 * The soonest clock not yet met.
 */
next: BreachClock | null, };

export type CalendarEntry = { reference: string, kind: Kind, regime: Regime, assignee: string | null, 
/**
 * acknowledge, respond, extension-notice, extended-respond, risk or manual.
 */
deadline: string, due: string, state: DueState, };

export type CalendarRequest = { from: string, to: string, regime?: Regime | null, kind?: Kind | null, assignee?: string | null, 
/**
 * Tasks' internal dates too.
 */
tasks?: boolean, };

export type Case = { reference: string, kind: Kind, regime: Regime, rights: Array<Right>, channel: Channel, status: Status, 
/**
 * The local receipt date that starts the clock.
 */
received: string, received_at: string, time_zone: string, requester: Person, agent: Agent | null, assignee: string | null, outcome: Outcome | null, outcome_reason: string | null, notes: string, tags: Array<string>, 
/**
 * The case's headline dates: for each kind, the earliest still open among its rights.
 */
deadlines: Deadlines, 
/**
 * Each right's own dates (a request's rights can run on different clocks).
 */
deadlines_by_right: { [key in string]?: Deadlines }, updated_at: string, };

export type CaseEvent = { type: EventType, on: string, 
/**
 * The one right a response, extension or closure was recorded for; none: the whole case.
 */
right: Right | null, 
/**
 * The outcome a closure recorded for its right.
 */
outcome: Outcome | null, note: string | null, recorded_at: string, actor: string, };

export type CaseInput = { kind: string, regime: string, rights: Array<string>, channel?: string | null, 
/**
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, local to `time_zone`.
 */
received: string, 
/**
 * IANA zone; the office's zone when absent.
 */
time_zone?: string | null, name: string, email?: string | null, postal_address?: string | null, phone?: string | null, company?: string | null, relationship?: string | null, agent_name?: string | null, agent_proof_received?: string | null, assignee?: string | null, notes?: string | null, tags: Array<string>, };

export type CasePage = { cases: Array<Case>, total: number, 
/**
 * `total` is a lower bound: more cases match than were counted (see `COUNTED_AHEAD`).
 */
more: boolean, };

export type CaseView = { allowed_events: Array<EventType>, 
/**
 * Every item in or out, oldest first.
 */
correspondence: Array<CorrespondenceItem>, 
/**
 * Legal hold and, once purged, the purge date.
 */
retention: RetentionState, 
/**
 * The references of related cases.
 */
linked: Array<string>, 
/**
 * The work on the case: open tasks by due date, then the done ones.
 */
tasks: Array<Task>, events: Array<CaseEvent>, 
/**
 * Every deadline with its state on the day it was read and its basis.
 */
schedule: Array<DeadlineView>, 
/**
 * The letters stored on the case, newest first, each with its number and state.
 */
letters: Array<LetterRecord>, 
/**
 * How late the case was answered, and why, when it was answered after its due date.
 */
late: LateAnswer | null, reference: string, kind: Kind, regime: Regime, rights: Array<Right>, channel: Channel, status: Status, 
/**
 * The local receipt date that starts the clock.
 */
received: string, received_at: string, time_zone: string, requester: Person, agent: Agent | null, assignee: string | null, outcome: Outcome | null, outcome_reason: string | null, notes: string, tags: Array<string>, 
/**
 * The case's headline dates: for each kind, the earliest still open among its rights.
 */
deadlines: Deadlines, 
/**
 * Each right's own dates (a request's rights can run on different clocks).
 */
deadlines_by_right: { [key in string]?: Deadlines }, updated_at: string, };

export type ChainReport = { records: number, 
/**
 * The sequence number of the first record that does not verify, if any.
 */
first_broken: number | null, problem: string | null, };

export type Channel = "email" | "post" | "web-form" | "phone" | "in-person" | "representative" | "authority";

export type CorrespondenceItem = { id: number, 
/**
 * The case's reference.
 */
case: string, direction: Direction, counterpart: Counterpart, party_id: number | null, 
/**
 * The party's name, when the item is with one.
 */
party: string | null, channel: string, 
/**
 * `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when the time was logged.
 */
on: string, subject: string, summary: string, reply_by: string | null, 
/**
 * The date an outgoing item answered the reply asked for (or it was marked done).
 */
replied_on: string | null, attachments: Array<FileInfo>, 
/**
 * The letter, when Casebook made the item.
 */
letter: FileInfo | null, };

export type Counterpart = "data-subject" | "agent" | "eu-representative" | "uk-representative" | "dpo" | "authority" | "internal" | "processor" | "other";

export type Dashboard = { today: string, overdue: number, due_today: number, 
/**
 * Due in the next 7 days, today excluded.
 */
due_this_week: number, 
/**
 * Waiting for identity or clarification: the clock is stopped.
 */
awaiting_information: number, open: number, open_by_regime: { [key in string]?: number }, open_by_kind: { [key in string]?: number }, 
/**
 * Replies incoming items asked for and not yet given, soonest first (at most ten).
 */
replies_owed: Array<ReplyOwed>, 
/**
 * Tasks not done on open cases, and how many of them are past their internal date.
 */
open_tasks: number, overdue_tasks: number, 
/**
 * The clocks of open breaches not yet met, soonest first: hours, not months.
 */
breach_clocks: Array<DashboardBreachClock>, };

export type DashboardBreachClock = { reference: string, kind: string, who: string, due_at: string, 
/**
 * Negative once overdue.
 */
hours_left: number, 
/**
 * The office's own target rather than a date the law sets.
 */
target: boolean, 
/**
 * Met by a notification (the calendar shows those too).
 */
met: boolean, };

export type DataCategory = { source: string, items: Array<string>, };

export type DeadlineView = { 
/**
 * The stored row, so a deadline set by hand can be marked done.
 */
id: number, kind: string, 
/**
 * The right this date belongs to, on a request whose rights run on different clocks; none:
 * the case's headline date.
 */
right: Right | null, 
/**
 * What a deadline set by hand is for.
 */
label: string | null, due: string, state: DueState, met_on: string | null, 
/**
 * True for the extended date of a case that was not extended: it applies only if it is.
 */
conditional: boolean, basis: string, };

export type Deadlines = { acknowledge_by: string | null, respond_by: string | null, extension_notice_by: string | null, extended_respond_by: string | null, 
/**
 * APPI Art. 39: from this day the person may sue.
 */
risk_from: string | null, };

export type Direction = "in" | "out";

export type DispatchInput = { 
/**
 * email, post, portal or in-person.
 */
method: string, 
/**
 * `YYYY-MM-DD`; today when absent.
 */
on?: string | null, 
/**
 * A postal tracking number, a portal's receipt.
 */
tracking?: string | null, 
/**
 * Why the answer is late, when it is: volume, complexity, third-party, identity, systems, oversight, other.
 */
late_reason?: string | null, late_note?: string | null, };

export type DispatchMethod = "email" | "post" | "portal" | "in-person";

export type DueState = "met" | "overdue" | "due-today" | "due-soon" | "due-this-week" | "later";

export type EmailImport = { references: Array<string>, };

export type EmailPreview = { file: string, subject: string, from: string, sender: EmailSender, };

export type EmailSender = { direction: Direction, counterpart: Counterpart, party_id: number | null, party: string | null, 
/**
 * Whether the sender (or, for our own email, a recipient) was found in the address book or
 * is the office itself; otherwise the data subject is assumed.
 */
known: boolean, };

export type EmailTarget = { case?: string | null, regime?: Regime | null, };

export type ErrorCode = "validation" | "not_found" | "wrong_passphrase" | "locked" | "invalid_transition" | "incompatible" | "storage";

export type EventInput = { event_type: string, 
/**
 * `YYYY-MM-DD`; today when absent.
 */
on?: string | null, note?: string | null, 
/**
 * Required when closing a request.
 */
outcome?: string | null, 
/**
 * Required when the outcome is a denial or the case is rejected.
 */
reason?: string | null, 
/**
 * For a response, extension or closure of one right only.
 */
right?: string | null, };

export type EventType = "acknowledged" | "id-requested" | "id-received" | "clarification-requested" | "clarification-received" | "fee-requested" | "fee-received" | "extended" | "responded" | "closed" | "rejected" | "withdrawn" | "note";

export type Expired = { reference: string, regime: Regime, closed_on: string, keep_until: string, };

export type ExportSummary = { 
/**
 * The organisation its profile names.
 */
organisation: string | null, cases: number, parties: number, breaches: number, };

export type Figures = { received: number, complied: number, complied_in_part: number, denied: number, withdrawn: number, 
/**
 * Denials by the reason given.
 */
denied_by_reason: { [key in string]?: number }, answered: number, answered_on_time: number, 
/**
 * Answered late, by the reason the office gave.
 */
late_by_reason: { [key in string]?: number }, 
/**
 * Share of answered requests answered by their due date, in percent.
 */
on_time_percent: number | null, median_days: number | null, mean_days: number | null, 
/**
 * Still open and past the due date.
 */
overdue_now: number, 
/**
 * Received per month, January first.
 */
by_month: [number, number, number, number, number, number, number, number, number, number, number, number], };

export type FileInfo = { name: string, media_type: string, sha256: string, size: number, };

export type ItemInput = { direction: string, 
/**
 * The address-book party it was with; its kind is the counterpart.
 */
party_id?: number | null, 
/**
 * Who it was with, when not a party of the address book (e.g. `data-subject`).
 */
counterpart?: string | null, channel: string, 
/**
 * `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` in the office's time zone.
 */
on: string, subject: string, summary?: string | null, 
/**
 * For an incoming item: the date its sender asked for a reply by.
 */
reply_by?: string | null, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type KeyringState = { remembered: boolean, };

export type Kind = "request" | "complaint" | "correspondence";

export type LateAnswer = { due: string, answered: string, days: number, reason: LateReason | null, note: string | null, };

export type LateReason = "volume" | "complexity" | "third-party" | "identity" | "systems" | "oversight" | "other";

export type LetterOptions = { templates: Array<string>, languages: Array<string>, papers: [string, string], };

export type LetterRecord = { id: number, 
/**
 * Its number on the case: 1 for the first.
 */
number: number, template: string, language: string, paper: string, subject: string, created_at: string, sha256: string, size: number, state: LetterState, approved_by: string | null, approved_at: string | null, approval_note: string | null, sent_on: string | null, 
/**
 * None for a letter recorded as sent when it was made, without saying how.
 */
sent_method: DispatchMethod | null, tracking: string | null, };

export type LetterState = "draft" | "approved" | "sent";

export type LetterText = { template: string, lang: string, subject: string, body: string, };

export type Line = { regime: string, right: string, figures: Figures, };

export type ListRequest = { status?: Status | null, 
/**
 * `open`: any status in which something is still owed.
 */
open_only?: boolean, 
/**
 * Open and not awaiting information: the clock is running.
 */
running_only?: boolean, kind?: Kind | null, regime?: Regime | null, search?: string | null, due_before?: string | null, due_after?: string | null, sort?: Sort, limit?: number | null, offset?: number, };

export type NewKeys = { status: AppStatus, recovery_key: string, };

export type NoticeInput = { 
/**
 * authority, subjects or attorney-general.
 */
to: string, 
/**
 * The authority's party id (with `to` = authority).
 */
party?: number | null, phase: string, 
/**
 * `YYYY-MM-DDTHH:MM` in the breach's zone.
 */
at: string, method: string, 
/**
 * The reference the authority gave.
 */
their_reference?: string | null, 
/**
 * Why it came after the 72 hours (Art. 33(1)), when it did.
 */
delay_reasons?: string | null, note?: string | null, };

export type NoticeMethod = "email" | "post" | "portal" | "in-person" | "phone";

export type Outcome = "complied" | "complied-in-part" | "denied" | "withdrawn" | "id-failed";

export type Party = { id?: number, kind: PartyKind, name: string, organisation: string | null, contact_person: string | null, address: Array<string>, email: string | null, phone: string | null, 
/**
 * The language letters to the party are written in (`en`, `ja`, …).
 */
language: string | null, 
/**
 * ISO 3166 country code: picks the supervisory authority of a representative's country.
 */
country: string | null, notes: string | null, 
/**
 * Set when the party no longer acts for or with the office; its history stays.
 */
retired_on: string | null, };

export type PartyInput = { kind: string, name: string, organisation?: string | null, contact_person?: string | null, 
/**
 * The postal address, one line per line.
 */
address?: string | null, email?: string | null, phone?: string | null, language?: string | null, country?: string | null, notes?: string | null, };

export type PartyKind = "eu-representative" | "uk-representative" | "dpo" | "authority" | "agent" | "processor" | "internal" | "other";

export type Person = { name: string, email: string | null, postal_address: string | null, phone: string | null, company: string | null, relationship: Relationship | null, };

export type Phase = "initial" | "preliminary" | "follow-up" | "final";

export type PickedFile = { name: string, size: number, };

export type PlannedCase = { row: number, name: string, kind: string, regime: string, rights: Array<string>, received: string, };

export type Processing = { data_categories: Array<DataCategory>, purposes: Array<string>, legal_bases: Array<string>, recipients: Array<string>, retention: string, transfers: string, sale_or_sharing: string, sensitive_information: string, };

export type Profile = { name: string, address: Array<string>, email: string, phone?: string | null, 
/**
 * The name under which letters are signed.
 */
signatory: string, 
/**
 * The office's IANA time zone; receipt dates are local to it unless a case says otherwise.
 */
time_zone: string, 
/**
 * `a4` or `letter`.
 */
paper: string, language: string, 
/**
 * The holiday calendar used per regime.
 */
calendars: { [key in string]?: string }, 
/**
 * The office's own response target for APPI requests, in days.
 */
appi_target_days: number, 
/**
 * The office's target for telling a complainant the outcome, in days (the UK's s.164A asks
 * for it "without undue delay"; elsewhere it is the office's own promise).
 */
complaint_target_days: number, 
/**
 * EU GDPR: stop the clock from a prompt request for identity or clarification until it arrives.
 */
eu_suspension: boolean, 
/**
 * CCPA: move calendar-day deadlines that fall on a weekend or holiday to the next working day.
 */
ccpa_weekend_roll: boolean, 
/**
 * Months a closed case keeps its personal data, per regime (CCPA: at least 24, 11 CCR §7101).
 */
retention_months: { [key in string]?: number }, processing: Processing, 
/**
 * The office's own tasks per right (`erasure`: […]) for new requests; a right not listed gets
 * the defaults drawn from `processing` (see `task::templates_for`).
 */
task_templates: { [key in string]?: Array<TaskTemplate> }, 
/**
 * Which letters must be approved before they are sent: none, responses (refusals included),
 * refusals or all.
 */
letter_approval: ApprovalPolicy, 
/**
 * The office's target, in hours after becoming aware, for telling people of a breach where
 * the law says "without undue delay" (GDPR Art. 34, Cal. Civ. Code §1798.82).
 */
breach_target_hours: number, 
/**
 * How many days ahead the window announces a due deadline or task.
 */
reminder_days: number, 
/**
 * The address book the database is seeded with; kept in the `parties` table afterwards.
 */
parties: Array<Party>, };

export type ProgressReport = { stage: ProgressStage, done: number, total: number, };

export type ProgressStage = "letters" | "import" | "search-index" | "backup" | "purge";

export type Regime = "gdpr" | "uk-gdpr" | "ccpa" | "appi";

export type RegisterColumns = { headers: Array<string>, 
/**
 * Header → case field, for the headers whose name says which.
 */
guessed: { [key in string]?: string }, date_format: string | null, 
/**
 * How many rows follow the header.
 */
rows: number, 
/**
 * The case fields a column can fill.
 */
fields: Array<string>, };

export type RegisterDryRun = { accepted: Array<PlannedCase>, rejected: Array<Rejected>, };

export type RegisterMapping = { 
/**
 * CSV header → case field (`kind regime rights channel received time_zone name email postal_address
 * phone company relationship agent_name assignee notes tags old_reference`).
 */
columns: { [key in string]?: string }, 
/**
 * Values for fields no column gives, such as `"regime": "gdpr"`.
 */
defaults: { [key in string]?: string }, 
/**
 * How the received dates are written, if not `YYYY-MM-DD` (chrono format, e.g. `%d/%m/%Y`).
 */
date_format?: string | null, };

export type Rejected = { row: number, reason: string, };

export type Relationship = "customer" | "website-visitor" | "service-end-user" | "employee" | "other";

export type ReplyOwed = { reference: string, 
/**
 * "Reply to …": whom it is owed to.
 */
label: string, due: string, };

export type Report = { kind: string, year: number, title: string, value: JsonValue, lines: Array<Line>, };

export type ReportRequest = { kind: string, year: number, regime?: Regime | null, };

export type Restored = { backup: BackupInfo, status: AppStatus, };

export type RetentionState = { legal_hold: boolean, purged_on: string | null, };

export type Right = "access" | "rectification" | "erasure" | "restriction" | "objection" | "portability" | "know" | "delete" | "correct" | "opt-out" | "limit" | "disclosure" | "correction" | "cessation" | "third-party-records";

export type Risk = "none" | "risk" | "high";

export type RowProblem = { 
/**
 * The case it belongs to, when it belongs to one.
 */
case: string | null, table: string, row: number, problem: string, };

export type RowReport = { rows_checked: number, problems: Array<RowProblem>, };

export type SavedLetter = { record: LetterRecord, file_name: string, };

export type Seal = { epoch: number, 
/**
 * The last audit record it covers.
 */
seq: number, at: string, };

export type SealReport = { seals: number, last: Seal | null, 
/**
 * Whether each seal's tag was checked with the verification key.
 */
checked_with_key: boolean, problem: string | null, };

export type Sort = "due" | "received" | "reference" | "updated";

export type Status = "new" | "acknowledged" | "awaiting-information" | "in-progress" | "extended" | "responded" | "closed" | "rejected" | "withdrawn";

export type Task = { id: number, title: string, kind: TaskKind, assignee: string | null, 
/**
 * The address-book party the task is with, and its name.
 */
party_id: number | null, party: string | null, due: string | null, 
/**
 * Working days before the response date, when the due date is counted from it.
 */
days_before: number | null, 
/**
 * Why the task is due then.
 */
basis: string, done_on: string | null, evidence: string, 
/**
 * The correspondence item holding the evidence file, when one was kept.
 */
evidence_item: number | null, 
/**
 * Due after the case's response date: allowed, but the work would come too late.
 */
after_response_date: boolean, };

export type TaskInput = { title: string, 
/**
 * search-system, tell-recipient, retrieve-records, review or other (default other).
 */
kind?: string | null, assignee?: string | null, 
/**
 * A party of the address book the task is with (a processor, the DPO…), by id.
 */
party?: number | null, 
/**
 * A date set by hand (`YYYY-MM-DD`)…
 */
due?: string | null, 
/**
 * …or this many working days before the response date.
 */
days_before?: number | null, };

export type TaskKind = "search-system" | "tell-recipient" | "retrieve-records" | "review" | "other";

export type TaskTemplate = { title: string, kind: TaskKind, days_before: number, };

export type UpgradeNote = { from: number, to: number, copy: string, };

export type Verification = { integrity: string | null, chain: ChainReport, rows: RowReport, seals: SealReport, };

export type Vocabulary = { kinds: Array<Kind>, regimes: Array<[Regime, Array<Right>]>, channels: Array<Channel>, statuses: Array<Status>, open_statuses: Array<Status>, event_types: Array<EventType>, outcomes: Array<Outcome>, relationships: Array<Relationship>, min_passphrase_chars: number, };

export type Which = { "status": string } | { "cases": Array<string> };
