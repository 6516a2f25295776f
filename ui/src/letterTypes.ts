// The letters' shapes at the command boundary, as the Rust side serialises them.
import type { Status } from "./api";

export type LetterState = "draft" | "approved" | "sent";

export interface LetterRecord {
  id: number;
  /** Its number on the case: 1 for the first. */
  number: number;
  template: string;
  language: string;
  paper: string;
  subject: string;
  created_at: string;
  sha256: string;
  size: number;
  state: LetterState;
  approved_by: string | null;
  approved_at: string | null;
  approval_note: string | null;
  sent_on: string | null;
  sent_method: string | null;
  tracking: string | null;
}

export const DISPATCH_METHODS = ["email", "post", "portal", "in-person"] as const;
export const LATE_REASONS = ["volume", "complexity", "third-party", "identity", "systems", "oversight", "other"] as const;

export interface DispatchInput {
  method: string;
  on: string;
  tracking: string;
  late_reason: string;
  late_note: string;
}

export interface LetterText {
  template: string;
  lang: string;
  subject: string;
  body: string;
}

/** The cases a batch of letters is for: every case with a status, or these references. */
export type Which = { status: Status } | { cases: string[] };

/** What a batch of letters made: the files, and why some cases got none. */
export interface Batch {
  written: string[];
  skipped: string[];
}

export interface LetterOptions {
  templates: string[];
  languages: string[];
  papers: string[];
}

export interface SavedLetter {
  record: LetterRecord;
  file_name: string;
}
