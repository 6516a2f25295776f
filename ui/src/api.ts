// The only module that talks to Rust. Every request and response is typed by bindings.ts, which
// is generated from the Rust types, so the two cannot drift apart.
export type * from "./bindings";
import type {
  ApiError, AppStatus, AuditRecord, BackupInfo, Batch, Breach, BreachInput, BreachSummary, CalendarEntry, CalendarRequest,
  Case, CaseInput, CasePage, CaseView, ChainReport, CorrespondenceItem, Dashboard, DispatchInput, EmailPreview, EmailTarget,
  EventInput, ExportSummary, Expired, ItemInput, LetterOptions, LetterRecord, LetterText, ListRequest, NewKeys, NoticeInput,
  Party, PartyInput, PickedFile, Profile, ProgressReport, RegisterColumns, RegisterDryRun, RegisterMapping, Report,
  ReportRequest, Restored, SavedLetter, TaskInput, Verification, Vocabulary, Which,
} from "./bindings";
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";


export const DISPATCH_METHODS = ["email", "post", "portal", "in-person"] as const;
export const LATE_REASONS = ["volume", "complexity", "third-party", "identity", "systems", "oversight", "other"] as const;
export const TASK_KINDS = ["search-system", "tell-recipient", "retrieve-records", "review", "other"] as const;

/** The case list's orders: soonest due, newest received, by reference, latest change. */
export type CaseSort = "due" | "received" | "reference" | "updated";

export const PARTY_KINDS = ["eu-representative", "uk-representative", "dpo", "authority", "agent", "processor", "internal", "other"] as const;
export const COUNTERPARTS = ["data-subject", "agent", "eu-representative", "uk-representative", "dpo", "authority", "internal", "processor", "other"] as const;
export const ITEM_CHANNELS = ["email", "post", "phone", "portal", "in-person", "other"] as const;

export type ReportKind = "annual" | "ccpa-7102";

/** A party of the address book: the commands answer each with its id (a profile's seed has none). */
export function partyId(p: Party): number {
  if (p.id === undefined) throw new Error("this party is not in the address book");
  return p.id;
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
