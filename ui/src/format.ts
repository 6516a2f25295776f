// Labels and dates as the office reads them.
import type { Case, Status } from "./api";
import { jaLabel, locale, t, tn } from "./i18n";

const LABELS: Record<string, string> = {
  request: "Rights request",
  complaint: "Complaint",
  correspondence: "Correspondence",
  gdpr: "GDPR",
  "uk-gdpr": "UK GDPR",
  ccpa: "CCPA",
  appi: "APPI",
  "awaiting-information": "Awaiting information",
  "in-progress": "In progress",
  "id-requested": "Identity requested",
  "id-received": "Identity received",
  "clarification-requested": "Clarification requested",
  "clarification-received": "Clarification received",
  "fee-requested": "Fee requested",
  "fee-received": "Fee received",
  "id-failed": "Identity could not be verified",
  "complied-in-part": "Complied in part",
  "opt-out": "Opt-out of sale/sharing",
  limit: "Limit use of sensitive data",
  "third-party-records": "Third-party provision records",
  "web-form": "Web form",
  "in-person": "In person",
  "website-visitor": "Website visitor",
  "service-end-user": "Service end user",
  "id-request": "Identity verification request",
  "ccpa-denial": "CCPA denial",
  "ccpa-opt-out-confirmation": "CCPA opt-out confirmation",
  "portability-cover": "Portability cover letter",
  "access-response": "Access response",
  "representative-cover": "Cover letter to the representative",
  "risk-none": "No risk",
  "risk-risk": "Risk",
  "risk-high": "High risk",
  "appi-preliminary": "APPI preliminary report",
  "appi-final": "APPI final report",
  subjects: "The data subjects",
  residents: "California residents",
  "attorney-general": "Attorney General",
  "follow-up": "Follow-up",
};

/** A readable label for a vocabulary value: `in-progress` → `In progress`. */
export function label(value: string): string {
  return jaLabel(value) ?? LABELS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, " ");
}

/** The date a response is currently owed by: the extended date once extended. */
export function dueDate(c: Pick<Case, "status" | "deadlines">): string | null {
  if (c.status === "extended" && c.deadlines.extended_respond_by) return c.deadlines.extended_respond_by;
  return c.deadlines.respond_by;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when past. */
export function daysBetween(today: string, date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

export type DueState = "overdue" | "today" | "soon" | "week" | "later" | "paused" | "none";

const FINAL: Status[] = ["responded", "closed", "rejected", "withdrawn"];

/** How urgent a case is, for its colour. */
export function dueState(c: Pick<Case, "status" | "deadlines">, today: string): DueState {
  const due = dueDate(c);
  if (!due || FINAL.includes(c.status)) return "none";
  if (c.status === "awaiting-information") return "paused";
  const days = daysBetween(today, due);
  if (days < 0) return "overdue";
  if (days === 0) return "today";
  if (days <= 3) return "soon";
  if (days <= 7) return "week";
  return "later";
}

export function daysLeftText(days: number): string {
  if (days === 0) return t("due today");
  if (days < 0) return tn(-days, "{n} day overdue", "{n} days overdue");
  return tn(days, "{n} day left", "{n} days left");
}

/** `2026-03-06` → `6 Mar 2026` (or `2026年3月6日` in Japanese). */
export function formatDate(iso: string | null | undefined, dateLocale = locale()): string {
  if (!iso) return "–";
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(dateLocale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A date as people write it, in either of the window's languages, as `YYYY-MM-DD`; null when it is
 * no date or its order is ambiguous. Taken: `2026-07-01`, `2026/7/1`, `2026年7月1日`, `1 Jul 2026`,
 * `1 July 2026`, `July 1, 2026`. Refused: `07/01/2026` (1 July or 7 January?).
 */
export function parseDate(text: string): string | null {
  const s = text.trim().replace(/\s+/g, " ");
  /** `Jul`, `July`, `Sept` → 7 or 9; anything else → 0 (no month). */
  const month = (name: string) => {
    const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
    const full = new Date(Date.UTC(2024, i, 1)).toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" });
    return i >= 0 && full.toLowerCase().startsWith(name.toLowerCase()) ? i + 1 : 0;
  };
  let parts: [number, number, number] | null = null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})日?$/))) parts = [+m[1], +m[2], +m[3]];
  else if ((m = s.match(/^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$/))) parts = [+m[3], month(m[2]), +m[1]];
  else if ((m = s.match(/^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$/))) parts = [+m[3], month(m[1]), +m[2]];
  if (!parts) return null;
  const [y, mo, d] = parts;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(y).padStart(4, "0")}-${pad(mo)}-${pad(d)}`;
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in the window's language. */
export function formatDateTime(on: string): string {
  const [day, time] = on.split("T");
  return time ? `${formatDate(day)} ${time}` : formatDate(day);
}

/** A count with the locale's digit grouping: 10,000. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** Monday to Sunday, short, in the window's language. */
export function weekdayNames(): string[] {
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString(locale(), { weekday: "short", timeZone: "UTC" }));
}

/** January to December, short, in the window's language. */
export function monthNames(): string[] {
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, i, 15)).toLocaleDateString(locale(), { month: "short", timeZone: "UTC" }));
}

/** Today's date in the local time zone, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An instant as its local time in `zone`, with the zone's abbreviation: `31 Mar 2026, 11:00 CEST`. */
export function formatInstant(iso: string, zone: string, dateLocale = locale()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(dateLocale, { timeZone: zone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short" });
  } catch {
    return `${iso} (${zone})`;
  }
}

/** Hours left as words: `in 5 h`, `23 h overdue`. */
export function hoursLeftText(hours: number): string {
  if (hours < 0) return tn(-hours, "{n} hour overdue", "{n} hours overdue");
  if (hours < 48) return tn(hours, "{n} hour left", "{n} hours left");
  return tn(Math.floor(hours / 24), "{n} day left", "{n} days left");
}

/** A rough strength hint for a new passphrase. */
export function passphraseHint(p: string, min: number): { ok: boolean; text: string } {
  if (p.length < min) return { ok: false, text: t("At least {min} characters ({n} so far).", { min, n: p.length }) };
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p.trim().split(/\s+/).length;
  if (p.length >= 20 || words >= 4) return { ok: true, text: t("Strong: a long passphrase.") };
  if (p.length >= 12 && kinds >= 3) return { ok: true, text: t("Good.") };
  return { ok: true, text: t("Acceptable; a longer passphrase of several words is stronger.") };
}
