// The window's language. The English text is the key: `t("Cases")` gives it in the chosen
// language, with `{name}` placeholders filled in. Japanese lives in locales/ja.ts; a missing entry
// falls back to English (a unit test keeps the dictionary complete).
import { JA, JA_LABELS } from "./locales/ja";

export type Language = "en" | "ja";

/** The languages the window speaks, each named in itself. */
export const LANGUAGES: [Language, string][] = [
  ["en", "English"],
  ["ja", "日本語"],
];

const KEY = "casebook.language";
const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
let current: Language = stored === "ja" ? "ja" : "en";

export function language(): Language {
  return current;
}

/** Remembers the language for the next start; the caller reloads the window to apply it. */
export function setLanguage(lang: Language): void {
  current = lang;
  if (typeof localStorage !== "undefined") localStorage.setItem(KEY, lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** The locale dates and numbers are formatted for. */
export function locale(): string {
  return current === "ja" ? "ja-JP" : "en-GB";
}

type Vars = Record<string, string | number>;

function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** `text` in the window's language. */
export function t(text: string, vars?: Vars): string {
  return fill(current === "ja" ? (JA[text] ?? text) : text, vars);
}

/** `one` or `many` by `n` (English has two forms; Japanese one), with `{n}` filled in. */
export function tn(n: number, one: string, many: string, vars?: Vars): string {
  return t(n === 1 ? one : many, { n, ...vars });
}

/** A vocabulary value (`in-progress`) in Japanese, or null to use the English label. */
export function jaLabel(value: string): string | null {
  return current === "ja" ? (JA_LABELS[value] ?? null) : null;
}
