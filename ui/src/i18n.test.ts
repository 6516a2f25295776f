import { afterEach, describe, expect, it } from "vitest";
import { daysLeftText, formatDate, label, passphraseHint, weekdayNames } from "./format";
import { setLanguage, t, tn } from "./i18n";
import { JA } from "./locales/ja";

// Every source file of the window as text (tests and the dictionary itself aside).
const SOURCES = import.meta.glob<string>(["./**/*.ts", "!./**/*.test.ts", "!./locales/**"], { query: "?raw", import: "default", eager: true });
const literal = String.raw`"((?:[^"\\]|\\.)*)"`;

/** Every English text the code passes to t() or tn(). */
function textsInCode(): Set<string> {
  const texts = new Set<string>();
  for (const code of Object.values(SOURCES)) {
    for (const m of code.matchAll(new RegExp(String.raw`\bt\(\s*${literal}`, "g"))) texts.add(JSON.parse(`"${m[1]}"`));
    for (const m of code.matchAll(new RegExp(String.raw`\btn\([^,]+,\s*${literal},\s*${literal}`, "g"))) {
      texts.add(JSON.parse(`"${m[1]}"`));
      texts.add(JSON.parse(`"${m[2]}"`));
    }
  }
  return texts;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the Japanese dictionary", () => {
  const texts = textsInCode();

  it("finds the texts in the code", () => {
    expect(Object.keys(SOURCES)).toContain("./screens/caseList.ts");
    expect(texts.size).toBeGreaterThan(200);
    expect(texts).toContain("Dashboard");
    expect(texts).toContain("{n} days left");
  });

  it("has every text of the window", () => {
    expect([...texts].filter((s) => !(s in JA))).toEqual([]);
  });

  it("has no entry the code no longer uses", () => {
    expect(Object.keys(JA).filter((s) => !texts.has(s))).toEqual([]);
  });

  it("keeps each text's placeholders", () => {
    const differing = Object.entries(JA).filter(([en, ja]) => placeholders(en).join() !== placeholders(ja).join());
    expect(differing).toEqual([]);
  });
});

describe("the window in Japanese", () => {
  afterEach(() => setLanguage("en"));

  it("translates and fills placeholders", () => {
    expect(t("Cases")).toBe("Cases");
    expect(tn(3, "{n} open case", "{n} open cases")).toBe("3 open cases");
    setLanguage("ja");
    expect(t("Cases")).toBe("案件");
    expect(tn(3, "{n} open case", "{n} open cases")).toBe("未完了 3件");
    expect(t("Correct {reference}", { reference: "DSR-2026-0001" })).toBe("DSR-2026-0001 を訂正");
  });

  it("formats dates, days and vocabulary for Japan", () => {
    setLanguage("ja");
    expect(formatDate("2026-03-06")).toBe("2026年3月6日");
    expect(daysLeftText(-2)).toBe("2日超過");
    expect(daysLeftText(1)).toBe("残り1日");
    expect(label("in-progress")).toBe("対応中");
    expect(label("uk-gdpr")).toBe("UK GDPR");
    expect(weekdayNames()).toEqual(["月", "火", "水", "木", "金", "土", "日"]);
    expect(passphraseHint("short", 12).text).toBe("12文字以上必要です（現在5文字）。");
  });

  it("stays English by default", () => {
    expect(formatDate("2026-03-06")).toBe("6 Mar 2026");
    expect(weekdayNames()).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(label("in-progress")).toBe("In progress");
  });
});
