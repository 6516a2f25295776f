// A register import's shapes at the command boundary, as the Rust side serialises them.

/** The picked register's header row, with the field each column seems to hold. */
export interface RegisterColumns {
  headers: string[];
  /** Header → case field, where the header's name says which. */
  guessed: Record<string, string>;
  /** The chrono format its received dates seem to be written in; null: YYYY-MM-DD. */
  date_format: string | null;
  rows: number;
  fields: string[];
}

/** Which column fills which case field, values for fields no column gives, and the date format. */
export interface RegisterMapping {
  columns: Record<string, string>;
  defaults: Record<string, string>;
  date_format: string | null;
}

/** What the register would create, and every row it rejects with the reason. */
export interface RegisterDryRun {
  accepted: { row: number; name: string; kind: string; regime: string; rights: string[]; received: string }[];
  rejected: { row: number; reason: string }[];
}
