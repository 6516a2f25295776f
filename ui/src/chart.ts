// Small SVG charts for the reports: bars by month, and the on-time share per line. Labels are
// text nodes; sizes are attributes, so the strict CSP needs no inline styles.

const SVG = "http://www.w3.org/2000/svg";

function s(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

export interface Line {
  regime: string;
  right: string;
  figures: { by_month: number[]; answered: number; on_time_percent: number | null };
}

/** Requests received per month over every line of a report (a request naming two rights counts twice). */
export function monthTotals(lines: Line[]): number[] {
  const totals = new Array(12).fill(0);
  for (const l of lines) l.figures.by_month.forEach((n, i) => (totals[i] += n));
  return totals;
}

/** The lines with answered requests, with their on-time share. */
export function onTimeShares<L extends Line>(lines: L[], name: (l: L) => string): { label: string; percent: number }[] {
  return lines
    .filter((l) => l.figures.answered > 0 && l.figures.on_time_percent !== null)
    .map((l) => ({ label: name(l), percent: l.figures.on_time_percent as number }));
}

/** A column per value, its number above and its label below. */
export function barChart(values: number[], labels: string[], caption: string): SVGElement {
  const width = 640, height = 180, top = 18, bottom = 22;
  const max = Math.max(1, ...values);
  const step = width / values.length;
  const barWidth = step * 0.62;
  const chart = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": caption });
  chart.appendChild(s("title", {}, caption));
  values.forEach((v, i) => {
    const h = ((height - top - bottom) * v) / max;
    const x = i * step + (step - barWidth) / 2;
    const y = height - bottom - h;
    chart.appendChild(s("rect", { x, y, width: barWidth, height: Math.max(h, v > 0 ? 1 : 0), rx: 3, class: "bar" }));
    chart.appendChild(s("text", { x: x + barWidth / 2, y: y - 4, class: "value" }, String(v)));
    chart.appendChild(s("text", { x: x + barWidth / 2, y: height - 6, class: "axis" }, labels[i]));
  });
  chart.appendChild(s("line", { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: "baseline" }));
  return chart;
}

/** A horizontal bar per row, 0–100 %. */
export function shareBars(rows: { label: string; percent: number }[], caption: string): SVGElement {
  const width = 640, row = 26, labelWidth = 210, barMax = width - labelWidth - 60;
  const chart = s("svg", { viewBox: `0 0 ${width} ${Math.max(row, rows.length * row)}`, class: "chart", role: "img", "aria-label": caption });
  chart.appendChild(s("title", {}, caption));
  rows.forEach((r, i) => {
    const y = i * row;
    chart.appendChild(s("text", { x: 0, y: y + 17, class: "axis start" }, r.label));
    chart.appendChild(s("rect", { x: labelWidth, y: y + 5, width: barMax, height: 16, rx: 3, class: "track" }));
    chart.appendChild(s("rect", { x: labelWidth, y: y + 5, width: (barMax * r.percent) / 100, height: 16, rx: 3, class: r.percent >= 90 ? "bar good" : "bar warn" }));
    chart.appendChild(s("text", { x: labelWidth + barMax + 8, y: y + 17, class: "value start" }, `${r.percent}%`));
  });
  return chart;
}
