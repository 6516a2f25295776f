// The breach register's shapes at the command boundary, as the Rust side serialises them.

/** A breach's clock: who must be told by when, and why. */
export interface BreachClock {
  kind: string;
  regime: string;
  party_id: number | null;
  due_at: string;
  /** The office's own target, where the law says "without undue delay". */
  target: boolean;
  authority_zone: string | null;
  basis: string;
  who: string;
  met_at: string | null;
  hours_left: number | null;
}

export interface BreachNotice {
  id: number;
  to: string;
  party_id: number | null;
  party: string | null;
  phase: string;
  at: string;
  method: string;
  their_reference: string | null;
  delay_reasons: string | null;
  note: string;
}

export interface Breach {
  reference: string;
  aware_at: string;
  time_zone: string;
  regimes: string[];
  description: string;
  occurred_from: string | null;
  occurred_to: string | null;
  discovered_how: string;
  data_categories: string[];
  subject_categories: string[];
  counts: Record<string, number>;
  consequences: string;
  measures: string;
  risk: string | null;
  risk_reasoning: string;
  wrongful_purpose: boolean;
  contained_at: string | null;
  closed_at: string | null;
  authorities: { party_id: number; name: string; country: string | null }[];
  cases: string[];
  notifications: BreachNotice[];
  events: { kind: string; at: string; note: string }[];
  clocks: BreachClock[];
}

export interface BreachSummary {
  reference: string;
  aware_at: string;
  time_zone: string;
  regimes: string[];
  risk: string | null;
  closed_at: string | null;
  description: string;
  next: BreachClock | null;
}

export interface BreachInput {
  aware: string;
  time_zone: string;
  regimes: string[];
  description: string;
  occurred_from: string | null;
  occurred_to: string | null;
  discovered_how: string | null;
  data_categories: string[];
  subject_categories: string[];
  counts: string[];
  consequences: string | null;
  measures: string | null;
  risk: string | null;
  risk_reasoning: string | null;
  authorities: number[];
  wrongful_purpose: boolean;
}

export interface NoticeInput {
  to: string;
  party: number | null;
  phase: string;
  at: string;
  method: string;
  their_reference: string | null;
  delay_reasons: string | null;
  note: string | null;
}
