import { describe, expect, it } from "vitest";
import typedDates from "../../tests/data/typed_dates.json";
import { daysBetween, daysLeftText, dueDate, dueState, formatCount, formatDate, label, parseDate, passphraseHint, todayIso } from "./format";

const deadlines = (respond: string | null, extended: string | null = null) => ({
  acknowledge_by: null,
  respond_by: respond,
  extension_notice_by: respond,
  extended_respond_by: extended,
  risk_from: null,
});

describe("due state", () => {
  const today = "2026-03-10";
  it.each([
    ["2026-03-09", "overdue"],
    ["2026-03-10", "today"],
    ["2026-03-13", "soon"],
    ["2026-03-17", "week"],
    ["2026-03-18", "later"],
  ])("respond by %s is %s", (date, state) => {
    expect(dueState({ status: "in-progress", deadlines: deadlines(date) }, today)).toBe(state);
  });

  it("uses the extended date once a case is extended", () => {
    const c = { status: "extended" as const, deadlines: deadlines("2026-03-01", "2026-05-01") };
    expect(dueDate(c)).toBe("2026-05-01");
    expect(dueState(c, today)).toBe("later");
  });

  it("is paused while the clock is stopped for information", () => {
    expect(dueState({ status: "awaiting-information", deadlines: deadlines("2026-03-01") }, today)).toBe("paused");
  });

  it("is none once the case is answered or has no date", () => {
    expect(dueState({ status: "closed", deadlines: deadlines("2026-03-01") }, today)).toBe("none");
    expect(dueState({ status: "new", deadlines: deadlines(null) }, today)).toBe("none");
  });
});

describe("dates and words", () => {
  it("counts days across month ends and DST changes", () => {
    expect(daysBetween("2026-03-28", "2026-04-02")).toBe(5);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysLeftText(-1)).toBe("1 day overdue");
    expect(daysLeftText(3)).toBe("3 days left");
  });
  it("formats dates for people", () => {
    expect(formatDate("2026-03-06")).toBe("6 Mar 2026");
    expect(formatDate(null)).toBe("–");
    expect(todayIso(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
  it("groups the digits of counts", () => {
    expect(formatCount(10000)).toBe("10,000");
    expect(formatCount(7)).toBe("7");
  });
  it("labels vocabulary values", () => {
    expect(label("awaiting-information")).toBe("Awaiting information");
    expect(label("uk-gdpr")).toBe("UK GDPR");
    expect(label("erasure")).toBe("Erasure");
  });
  it("hints at passphrase strength", () => {
    expect(passphraseHint("short", 8).ok).toBe(false);
    expect(passphraseHint("four words in a row", 8).text).toMatch(/Strong/);
  });
});

describe("typed dates", () => {
  it.each(typedDates)("$typed → $date", ({ typed, date }) => {
    expect(parseDate(typed)).toBe(date);
  });

  it("reads back every date it shows, in both languages", () => {
    for (const iso of ["2026-01-05", "2026-09-30", "2027-12-31"]) {
      expect(parseDate(formatDate(iso, "en-GB"))).toBe(iso);
      expect(parseDate(formatDate(iso, "ja-JP"))).toBe(iso);
    }
  });
});
