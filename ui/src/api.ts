// The only module that talks to Rust. Every request and response is typed here.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

export type Kind = "request" | "complaint" | "correspondence";
/** Long work Casebook reports on, and how far one piece of it is. */
export type ProgressStage = "letters" | "import" | "search-index" | "backup" | "purge";
export type ProgressReport = { stage: ProgressStage; done: number; total: number };
export type Regime = "gdpr" | "uk-gdpr" | "ccpa" | "appi";
export type Status =
  | "new"
  | "acknowledged"
  | "awaiting-information"
  | "in-progress"
  | "extended"
  | "responded"
  | "closed"
  | "rejected"
  | "withdrawn";

export interface Person {
  name: string;
  email: string | null;
  postal_address: string | null;
  phone: string | null;
  company: string | null;
  relationship: string | null;
}

export interface Deadlines {
  acknowledge_by: string | null;
  respond_by: string | null;
  extension_notice_by: string | null;
  extended_respond_by: string | null;
  risk_from: string | null;
}

export type DueState = "met" | "overdue" | "due-today" | "due-soon" | "due-this-week" | "later";

export interface DeadlineView {
  id: number;
  /** What a deadline set by hand is for. */
  label: string | null;
  kind: "acknowledge" | "respond" | "extension-notice" | "extended-respond" | "risk" | "manual";
  /** The right this date belongs to, when a request's rights run on different clocks; null: the case's. */
  right: string | null;
  due: string;
  state: DueState;
  met_on: string | null;
  conditional: boolean;
  basis: string;
}

export interface Case {
  reference: string;
  kind: Kind;
  regime: Regime;
  rights: string[];
  channel: string;
  status: Status;
  received: string;
  received_at: string;
  time_zone: string;
  requester: Person;
  agent: { name: string; proof_received: string | null } | null;
  assignee: string | null;
  outcome: string | null;
  outcome_reason: string | null;
  notes: string;
  tags: string[];
  deadlines: Deadlines;
  deadlines_by_right: Record<string, Deadlines>;
  updated_at: string;
}

export interface CaseEvent {
  type: string;
  on: string;
  /** The one right a response, extension or closure was recorded for. */
  right: string | null;
  outcome: string | null;
  note: string | null;
  recorded_at: string;
  actor: string;
}

export type { Breach, BreachClock, BreachInput, BreachNotice, BreachSummary, NoticeInput } from "./breachTypes";
import type { Breach, BreachInput, BreachSummary, NoticeInput } from "./breachTypes";
export type { RegisterColumns, RegisterDryRun, RegisterMapping } from "./registerTypes";
import type { RegisterColumns, RegisterDryRun, RegisterMapping } from "./registerTypes";
export type { Batch, DispatchInput, LetterOptions, LetterRecord, LetterState, LetterText, SavedLetter, Which } from "./letterTypes";
export { DISPATCH_METHODS, LATE_REASONS } from "./letterTypes";
import type { Batch, DispatchInput, LetterOptions, LetterRecord, LetterText, SavedLetter, Which } from "./letterTypes";
export type { CorrespondenceItem, EmailPreview, EmailSender, ItemInput, PickedFile, StoredFile } from "./correspondenceTypes";
import type { CorrespondenceItem, EmailPreview, ItemInput, PickedFile } from "./correspondenceTypes";

export interface RetentionState {
  legal_hold: boolean;
  purged_on: string | null;
}

export const TASK_KINDS = ["search-system", "tell-recipient", "retrieve-records", "review", "other"] as const;

export interface Task {
  id: number;
  title: string;
  kind: string;
  assignee: string | null;
  due: string | null;
  days_before: number | null;
  basis: string;
  done_on: string | null;
  evidence: string;
  /** The address-book party the task is with. */
  party_id: number | null;
  party: string | null;
  /** The correspondence item holding the evidence files. */
  evidence_item: number | null;
  /** Due after the case's response date. */
  after_response_date: boolean;
}

export interface TaskInput {
  title: string;
  kind: string | null;
  assignee: string | null;
  party: number | null;
  due: string | null;
  days_before: number | null;
}

export interface CaseView extends Case {
  tasks: Task[];
  retention: RetentionState;
  linked: string[];
  correspondence: CorrespondenceItem[];
  events: CaseEvent[];
  schedule: DeadlineView[];
  letters: LetterRecord[];
  /** Answered after its due date: by how many days, and why when the office said. */
  late: { due: string; answered: string; days: number; reason: string | null; note: string | null } | null;
  allowed_events: string[];
}

export interface CasePage {
  cases: Case[];
  total: number;
  /** `total` is a lower bound: more cases match than were counted. */
  more: boolean;
}

export interface ListRequest {
  status?: Status | null;
  open_only?: boolean;
  running_only?: boolean;
  due_before?: string | null;
  due_after?: string | null;
  kind?: Kind | null;
  regime?: Regime | null;
  search?: string | null;
  sort?: CaseSort;
  limit?: number;
  offset?: number;
}

/** The case list's orders: soonest due, newest received, by reference, latest change. */
export type CaseSort = "due" | "received" | "reference" | "updated";

export interface CaseInput {
  kind: string;
  regime: string;
  rights: string[];
  channel?: string | null;
  received: string;
  time_zone?: string | null;
  name: string;
  email?: string | null;
  postal_address?: string | null;
  phone?: string | null;
  company?: string | null;
  relationship?: string | null;
  agent_name?: string | null;
  agent_proof_received?: string | null;
  assignee?: string | null;
  notes?: string | null;
  tags?: string[];
}

export interface EventInput {
  event_type: string;
  on?: string | null;
  note?: string | null;
  outcome?: string | null;
  reason?: string | null;
  /** For a response, extension or closure of one right only. */
  right?: string | null;
}

export const PARTY_KINDS = ["eu-representative", "uk-representative", "dpo", "authority", "agent", "processor", "internal", "other"] as const;
export const COUNTERPARTS = ["data-subject", "agent", "eu-representative", "uk-representative", "dpo", "authority", "internal", "processor", "other"] as const;
export const ITEM_CHANNELS = ["email", "post", "phone", "portal", "in-person", "other"] as const;

export interface Party {
  id: number;
  kind: string;
  name: string;
  organisation: string | null;
  contact_person: string | null;
  address: string[];
  email: string | null;
  phone: string | null;
  language: string | null;
  country: string | null;
  notes: string | null;
  retired_on: string | null;
}

/** A party as the Parties form sends it (the address one line per line). */
export interface PartyInput {
  kind: string;
  name: string;
  organisation: string | null;
  contact_person: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
  country: string | null;
  notes: string | null;
}

export interface Processing {
  [key: string]: unknown;
}

export interface Profile {
  name: string;
  address: string[];
  email: string;
  phone?: string | null;
  signatory: string;
  time_zone: string;
  paper: string;
  language: string;
  calendars: Record<string, string>;
  appi_target_days: number;
  complaint_target_days: number;
  eu_suspension?: boolean;
  ccpa_weekend_roll?: boolean;
  retention_months?: Record<string, number>;
  /** Which letters must be approved before they are sent: none, responses, refusals or all. */
  letter_approval?: string;
  /** How many days ahead a due date is announced. */
  reminder_days?: number;
  processing: Processing;
  parties: Party[];
}

export interface Dashboard {
  today: string;
  overdue: number;
  due_today: number;
  due_this_week: number;
  awaiting_information: number;
  open: number;
  open_by_regime: Record<string, number>;
  open_by_kind: Record<string, number>;
  /** Replies incoming items asked for and not yet given, soonest first. */
  replies_owed: { reference: string; label: string; due: string }[];
  /** Open breach clocks, soonest first. */
  breach_clocks: { reference: string; kind: string; who: string; due_at: string; hours_left: number; target: boolean }[];
  open_tasks: number;
  overdue_tasks: number;
}

export interface CalendarEntry {
  reference: string;
  kind: Kind;
  regime: Regime;
  assignee: string | null;
  /** A deadline's kind, a task's internal date, or (added by the calendar) a breach's clock. */
  deadline: DeadlineView["kind"] | "task" | "breach";
  due: string;
  state: DueState;
}

export interface CalendarRequest {
  from: string;
  to: string;
  regime?: Regime | null;
  kind?: Kind | null;
  assignee?: string | null;
  /** Tasks' internal dates too. */
  tasks?: boolean;
}

export interface BackupInfo {
  path: string;
  date: string | null;
  bytes: number;
  cases: number;
  audit_records: number;
}

export interface AppStatus {
  state: "setup" | "locked" | "unlocked";
  database: string;
  organisation: string | null;
  /** Present once, in the answer after sealing began: the seal verification key to show. */
  seal_key?: string;
  /** Present once, in the answer after an open upgraded an older database: the copy kept before. */
  upgrade?: { from: number; to: number; copy: string };
  /** Casebook's version. */
  version: string;
}

export interface RowProblem {
  case: string | null;
  table: string;
  row: number;
  problem: string;
}

/** One record of the audit trail. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  case_ref: string | null;
  /** What changed, as JSON text. */
  changes: string;
}

export interface ChainReport {
  records: number;
  first_broken: number | null;
  problem: string | null;
}

export interface Verification {
  integrity: string | null;
  chain: { records: number; first_broken: number | null; problem: string | null };
  rows: { rows_checked: number; problems: RowProblem[] };
  seals: {
    seals: number;
    last: { epoch: number; seq: number; at: string } | null;
    checked_with_key: boolean;
    problem: string | null;
  };
}

export interface Vocabulary {
  kinds: Kind[];
  regimes: [Regime, string[]][];
  channels: string[];
  statuses: Status[];
  open_statuses: Status[];
  event_types: string[];
  outcomes: string[];
  relationships: string[];
  min_passphrase_chars: number;
}

export interface Figures {
  received: number;
  complied: number;
  complied_in_part: number;
  denied: number;
  withdrawn: number;
  denied_by_reason: Record<string, number>;
  late_by_reason: Record<string, number>;
  answered: number;
  answered_on_time: number;
  on_time_percent: number | null;
  median_days: number | null;
  mean_days: number | null;
  overdue_now: number;
  by_month: number[];
}

export type ReportKind = "annual" | "ccpa-7102";

export interface ReportRequest {
  kind: ReportKind;
  year: number;
  regime?: Regime | null;
}

export interface Report {
  kind: ReportKind;
  year: number;
  title: string;
  lines: { regime: string; right: string; figures: Figures }[];
}

export interface Expired {
  reference: string;
  regime: Regime;
  closed_on: string;
  keep_until: string;
}

/** Where imported emails go: onto a case, or each into a new case under a regime. */
export interface EmailTarget {
  case?: string | null;
  regime?: Regime | null;
}

export interface Restored {
  backup: BackupInfo;
  status: AppStatus;
}

export type ErrorCode =
  | "validation"
  | "not_found"
  | "wrong_passphrase"
  | "locked"
  | "invalid_transition"
  | "incompatible"
  | "storage";

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** Turns whatever a failed call threw into an ApiError. */
export function asApiError(e: unknown): ApiError {
  if (e && typeof e === "object" && "code" in e && "message" in e) return e as ApiError;
  return { code: "storage", message: String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asApiError(e);
  }
}

/** What a Casebook export holds, shown before a database is made from it. */
export interface ExportSummary {
  organisation: string | null;
  cases: number;
  parties: number;
  breaches: number;
}

/** The database open under a new passphrase, with its recovery key to show once. */
export interface NewKeys {
  status: AppStatus;
  recovery_key: string;
}

export const api = {
  status: () => call<AppStatus>("app_status"),
  sampleProfile: () => call<Profile>("sample_profile"),
  vocabulary: () => call<Vocabulary>("vocabulary"),
  setUp: (profile: Profile, passphrase: string) => call<NewKeys>("set_up", { profile, passphrase }),
  /** Asks for a Casebook export to start the first database from; what it holds, or null when cancelled. */
  pickExport: () => call<ExportSummary | null>("pick_export"),
  /** Creates the database from the picked export under a new passphrase. */
  setUpFromExport: (passphrase: string) => call<NewKeys>("set_up_from_export", { passphrase }),
  unlock: (passphrase: string) => call<AppStatus>("unlock", { passphrase }),
  lock: () => call<AppStatus>("lock"),
  listCases: (request: ListRequest) => call<CasePage>("list_cases", { request }),
  getCase: (reference: string) => call<CaseView>("get_case", { reference }),
  addCase: (input: CaseInput) => call<Case>("add_case", { input }),
  linkCase: (reference: string, other: string) => call<CaseView>("link_case", { reference, other }),
  unlinkCase: (reference: string, other: string) => call<CaseView>("unlink_case", { reference, other }),
  addManualDeadline: (reference: string, due: string, label: string) =>
    call<CaseView>("add_manual_deadline", { reference, due, label }),
  completeManualDeadline: (reference: string, id: number) => call<CaseView>("complete_manual_deadline", { reference, id }),
  addTask: (reference: string, input: TaskInput) => call<CaseView>("add_task", { reference, input }),
  /** Marks a task done today, with the evidence typed. */
  completeTask: (reference: string, id: number, evidence: string) => call<CaseView>("complete_task", { reference, id, evidence }),
  /** Corrects a case's facts (kind and regime stay); the deadlines are recomputed. */
  updateCase: (reference: string, input: CaseInput) => call<CaseView>("update_case", { reference, input }),
  recordEvent: (reference: string, input: EventInput) => call<CaseView>("record_event", { reference, input }),
  listParties: () => call<Party[]>("list_parties"),
  addParty: (input: PartyInput) => call<Party>("add_party", { input }),
  editParty: (id: number, input: PartyInput) => call<Party>("edit_party", { id, input }),
  retireParty: (id: number, retired: boolean) => call<Party>("retire_party", { id, retired }),
  /** Every item with a party, newest first. */
  partyThread: (id: number, from: string | null, to: string | null) => call<CorrespondenceItem[]>("party_thread", { id, from, to }),
  /** Opens the native open dialog; every file waiting to be attached, or null when cancelled. */
  pickAttachments: () => call<PickedFile[] | null>("pick_attachments"),
  clearAttachments: () => call<void>("clear_attachments"),
  logCorrespondence: (reference: string, input: ItemInput) => call<CaseView>("log_correspondence", { reference, input }),
  editCorrespondence: (reference: string, id: number, input: ItemInput) => call<CaseView>("edit_correspondence", { reference, id, input }),
  /** Opens the native save dialog for a stored file (attachment k from 1, or the first/the letter); the path, or null. */
  saveStoredFile: (reference: string, item: number, k: number | null) => call<string | null>("save_stored_file", { reference, item, k }),
  dashboard: () => call<Dashboard>("dashboard"),
  calendar: (request: CalendarRequest) => call<CalendarEntry[]>("calendar", { request }),
  assignees: () => call<string[]>("assignees"),
  /** Opens the native save dialog; the number of deadlines written, or null when cancelled. */
  exportCalendar: () => call<number | null>("export_calendar"),
  /** Audit records newest first, 50 at a time, older than `before`: all of them, or one case's. */
  auditLog: (caseRef: string | null, before: number | null) => call<AuditRecord[]>("audit_log", { case: caseRef, before }),
  verifyChain: () => call<ChainReport>("verify_chain"),
  /** Opens the native save dialog, then writes the cases as CSV or everything as JSON; the number of cases, or null. */
  exportData: (format: "csv" | "json") => call<number | null>("export_data", { format }),
  getProfile: () => call<Profile>("get_profile"),
  updateProfile: (profile: Profile) => call<number>("update_profile", { profile }),
  listClosures: () => call<{ day: string; note: string }[]>("list_closures"),
  addClosure: (day: string, note: string) => call<number>("add_closure", { day, note }),
  removeClosure: (day: string) => call<number>("remove_closure", { day }),
  verifyDatabase: (sealKey: string) => call<Verification>("verify_database", { sealKey: sealKey || null }),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  /** Opens the native save dialog; null when cancelled. */
  backupNow: () => call<BackupInfo | null>("backup_now"),
  calendarIds: () => call<string[]>("calendar_ids"),
  /** Shows a desktop notification for each deadline that newly entered the 3-day window. */
  checkDueSoon: () => call<number>("check_due_soon"),
  letterOptions: () => call<LetterOptions>("letter_options"),
  draftLetter: (reference: string, template: string, lang: string) =>
    call<LetterText>("draft_letter", { reference, template, lang }),
  /** Opens the native save dialog; null when the user cancels. */
  saveLetter: (reference: string, text: LetterText, paper: string, revise: number | null) =>
    call<SavedLetter | null>("save_letter", { reference, text, paper, revise }),
  approveLetter: (reference: string, number: number, by: string, note: string) =>
    call<LetterRecord>("approve_letter", { reference, number, by, note }),
  listBreaches: () => call<BreachSummary[]>("list_breaches"),
  breachCalendar: (from: string, to: string) =>
    call<{ reference: string; kind: string; who: string; due_at: string; hours_left: number; target: boolean; met: boolean }[]>("breach_calendar", { from, to }),
  /** Opens the native save dialog; how many breaches the register holds, or null when cancelled. */
  exportBreachRegister: (format: "csv" | "pdf") => call<number | null>("export_breach_register", { format }),
  getBreach: (reference: string) => call<Breach>("get_breach", { reference }),
  /** Drafts a breach letter, then opens the native save dialog; the file's name, or null when cancelled. */
  saveBreachLetter: (reference: string, choice: { template: string; lang: string; party: number | null; delay_reasons: string | null }) =>
    call<string | null>("save_breach_letter", { reference, choice }),
  linkBreach: (reference: string, caseRef: string) => call<Breach>("link_breach", { reference, case: caseRef }),
  addBreach: (input: BreachInput) => call<Breach>("add_breach", { input }),
  breachInput: (reference: string) => call<BreachInput>("breach_input", { reference }),
  editBreach: (reference: string, input: BreachInput) => call<Breach>("edit_breach", { reference, input }),
  notifyBreach: (reference: string, input: NoticeInput) => call<Breach>("notify_breach", { reference, input }),
  recordBreachEvent: (reference: string, input: { kind: string; at: string | null; risk: string | null; note: string }) =>
    call<Breach>("record_breach_event", { reference, input }),
  setLateReason: (reference: string, reason: string, note: string) => call<CaseView>("set_late_reason", { reference, reason, note }),
  dispatchLetter: (reference: string, number: number, input: DispatchInput) =>
    call<LetterRecord>("dispatch_letter", { reference, number, input }),
  /** Asks for a folder in the native dialog, then writes one letter per case there; null when cancelled. */
  batchLetters: (which: Which, template: string, lang: string, replace: boolean, draft: boolean) =>
    call<Batch | null>("batch_letters", { which, template, lang, replace, draft }),
  cancelLetters: () => call<void>("cancel_letters"),
  /** How far long work is (letters, imports, the search index, backups, purges), as it goes. */
  onProgress: (handler: (report: ProgressReport) => void) => listen<ProgressReport>("progress", (e) => handler(e.payload)),
  /** The same figures as `casebook report KIND --year Y --format json`. */
  report: (request: ReportRequest) => call<Report>("report", { request }),
  /** Opens the native save dialog, then writes the report as CSV or PDF; its title, or null when cancelled. */
  saveReport: (request: ReportRequest, format: "csv" | "pdf") => call<string | null>("save_report", { request, format }),
  retentionPreview: () => call<Expired[]>("retention_preview"),
  purgeExpired: () => call<Expired[]>("purge_expired"),
  setLegalHold: (reference: string, hold: boolean) => call<CaseView>("set_legal_hold", { reference, hold }),
  /** Opens the native open dialog; null when cancelled. */
  restoreBackup: (passphrase: string) => call<Restored | null>("restore_backup", { passphrase }),
  restoreRolling: (date: string, passphrase: string) => call<Restored>("restore_rolling", { date, passphrase }),
  /** Opens the native open dialog for .eml files; they wait, previewed, until imported. Null when cancelled. */
  pickEmails: () => call<EmailPreview[] | null>("pick_emails"),
  /** The waiting emails with who each is from, before anything is written. */
  previewEmails: () => call<EmailPreview[]>("preview_emails"),
  /** Imports the waiting .eml files (dropped on the window or picked). */
  importDroppedEmails: (target: EmailTarget) => call<{ references: string[] }>("import_dropped_emails", { target }),
  /** Asks for a register's CSV file and reads its columns; null when cancelled. */
  pickRegister: () => call<RegisterColumns | null>("pick_register"),
  /** Checks every row of the picked register; writes nothing. */
  registerDryRun: (mapping: RegisterMapping) => call<RegisterDryRun>("register_dry_run", { mapping }),
  /** Writes every case of the picked register, or none; the new references. */
  importRegister: (mapping: RegisterMapping) => call<string[]>("import_register", { mapping }),
  keyringState: () => call<{ remembered: boolean }>("keyring_state"),
  /** Remembers the open database's key in the OS keyring, or forgets it. */
  rememberKey: (on: boolean) => call<{ remembered: boolean }>("remember_key", { on }),
  unlockFromKeyring: () => call<AppStatus>("unlock_from_keyring"),
  /** Re-keys the open database under a new passphrase, once the current one is confirmed. */
  changePassphrase: (current: string, next: string) => call<NewKeys>("change_passphrase", { current, new: next }),
  /** Opens the locked database with its recovery key and re-keys it under a new passphrase. */
  resetPassphrase: (recovery: string, next: string) => call<NewKeys>("reset_passphrase", { recovery, new: next }),
  /** Calls `handler` with the file names each time .eml files are dropped on the window. */
  onEmailsDropped: (handler: (names: string[]) => void) => listen<string[]>("emails-dropped", (e) => handler(e.payload)),
};
