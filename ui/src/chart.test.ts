import { describe, expect, it } from "vitest";
import { barChart, monthTotals, onTimeShares, shareBars, type Line } from "./chart";

const line = (right: string, by_month: number[], answered: number, on_time_percent: number | null): Line => ({
  regime: "ccpa",
  right,
  figures: { by_month, answered, on_time_percent },
});

const months = (jan: number, feb: number) => [jan, feb, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

describe("report charts", () => {
  it("adds the lines month by month", () => {
    expect(monthTotals([line("know", months(2, 1), 3, 100), line("delete", months(1, 4), 0, null)]).slice(0, 3)).toEqual([3, 5, 0]);
  });

  it("shows the on-time share only for lines with answered requests", () => {
    const shares = onTimeShares([line("know", months(2, 1), 3, 66.7), line("delete", months(1, 0), 0, null)], (l) => l.right);
    expect(shares).toEqual([{ label: "know", percent: 66.7 }]);
  });

  it("draws one bar per month with its number, labels as text", () => {
    const chart = barChart(months(3, 5), ["<b>Jan</b>", "Feb", "", "", "", "", "", "", "", "", "", ""], "By month");
    expect(chart.querySelectorAll("rect.bar").length).toBe(12);
    expect([...chart.querySelectorAll("text.value")].slice(0, 2).map((t) => t.textContent)).toEqual(["3", "5"]);
    expect(chart.querySelector("text.axis")!.textContent).toBe("<b>Jan</b>");
    expect(chart.querySelector("b")).toBeNull();
    const heights = [...chart.querySelectorAll("rect.bar")].map((r) => Number(r.getAttribute("height")));
    expect(heights[1]).toBeGreaterThan(heights[0]);
    expect(heights[2]).toBe(0);
  });

  it("draws shares as bars in proportion", () => {
    const chart = shareBars([{ label: "Know", percent: 50 }, { label: "Delete", percent: 100 }], "On time");
    const bars = [...chart.querySelectorAll("rect.bar")].map((r) => Number(r.getAttribute("width")));
    expect(bars[1]).toBeCloseTo(bars[0] * 2);
  });
});
