import { describe, expect, it } from "vitest";
import { monthGrid } from "./screens/calendar";

describe("month grid", () => {
  it("covers whole Monday-to-Sunday weeks around the month", () => {
    const days = monthGrid(2026, 10); // November 2026 starts on a Sunday
    expect(days[0]).toBe("2026-10-26");
    expect(days[days.length - 1]).toBe("2026-12-06");
    expect(days.length % 7).toBe(0);
    expect(days).toContain("2026-11-30");
  });
  it("handles February in a leap year and months starting on Monday", () => {
    const feb = monthGrid(2027, 1); // 1 Feb 2027 is a Monday
    expect(feb[0]).toBe("2027-02-01");
    expect(monthGrid(2028, 1)).toContain("2028-02-29");
  });
});
