// Correspondence and imported emails' shapes at the command boundary, as the Rust side serialises them.

export interface StoredFile {
  name: string;
  media_type: string;
  sha256: string;
  size: number;
}

export interface CorrespondenceItem {
  id: number;
  /** The case's reference. */
  case: string;
  direction: "in" | "out";
  counterpart: string;
  party_id: number | null;
  party: string | null;
  channel: string;
  /** YYYY-MM-DD, or YYYY-MM-DDTHH:MM when the time was logged. */
  on: string;
  subject: string;
  summary: string;
  reply_by: string | null;
  replied_on: string | null;
  attachments: StoredFile[];
  letter: StoredFile | null;
}

/** An item as the Log correspondence form sends it. */
export interface ItemInput {
  direction: string;
  party_id: number | null;
  counterpart: string | null;
  channel: string;
  on: string;
  subject: string;
  summary: string;
  reply_by: string | null;
}

export interface PickedFile {
  name: string;
  size: number;
}

export interface EmailSender {
  direction: "in" | "out";
  counterpart: string;
  party_id: number | null;
  party: string | null;
  known: boolean;
}

export interface EmailPreview {
  file: string;
  subject: string;
  from: string;
  sender: EmailSender;
}
