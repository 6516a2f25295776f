// Reports: the CCPA §7102 metrics and the annual summary, as a table and charts, with exactly the
// figures `casebook report` gives.
import { api, asApiError, type Regime, type Report, type ReportKind } from "../api";
import type { Ctx } from "../app";
import { barChart, monthTotals, onTimeShares, shareBars } from "../chart";
import { field, h, replace, select } from "../dom";
import { label, monthNames, todayIso } from "../format";
import { t } from "../i18n";


export async function reportsScreen(ctx: Ctx): Promise<HTMLElement> {
  const thisYear = Number(todayIso().slice(0, 4));
  const kind = select([["annual", t("Annual summary")], ["ccpa-7102", t("CCPA §7102 metrics")]], "annual");
  const year = select(Array.from({ length: 6 }, (_, i): [string, string] => [String(thisYear - i), String(thisYear - i)]));
  const regime = select([["", t("All regimes")], ...ctx.vocab.regimes.map(([r]): [string, string] => [r, label(r)])]);
  const regimeField = field(t("Regime"), "report-regime", regime);
  const body = h("div", { id: "report-body" });

  const request = () => ({
    kind: kind.value as ReportKind,
    year: Number(year.value),
    regime: kind.value === "annual" && regime.value ? (regime.value as Regime) : null,
  });
  const saved = h("span", { class: "muted small", role: "status", id: "report-saved" });
  const save = (format: "csv" | "pdf") => async () => {
    saved.className = "muted small";
    saved.textContent = "";
    try {
      const title = await api.saveReport(request(), format);
      if (title) saved.textContent = t("Saved: {title} ({format})", { title, format: format.toUpperCase() });
    } catch (e) {
      saved.className = "form-error";
      saved.textContent = asApiError(e).message;
    }
  };

  let generation = 0;
  async function load(): Promise<void> {
    const mine = ++generation;
    regimeField.hidden = kind.value !== "annual";
    try {
      const report = await api.report(request());
      if (mine === generation) replace(body, renderReport(report)); // else a newer request is on its way
    } catch (e) {
      replace(body, h("p", { class: "form-error" }, asApiError(e).message));
    }
  }
  for (const control of [kind, year, regime]) control.addEventListener("change", () => void load());
  await load();
  return h(
    "section",
    { class: "screen reports" },
    h(
      "header",
      { class: "screen-head" },
      h("h1", {}, t("Reports")),
      saved,
      h("button", { type: "button", id: "save-report-csv", onclick: save("csv") }, t("Save as CSV…")),
      h("button", { type: "button", id: "save-report-pdf", onclick: save("pdf") }, t("Save as PDF…")),
    ),
    h("div", { class: "row card" }, field(t("Report"), "report-kind", kind), field(t("Year received"), "report-year", year), regimeField),
    body,
  );
}

function renderReport(r: Report): HTMLElement {
  const lines = r.lines.filter((l) => r.kind === "ccpa-7102" || l.figures.received > 0 || l.figures.overdue_now > 0);
  const name = (l: Report["lines"][number]) => (r.kind === "ccpa-7102" ? label(l.right) : `${label(l.regime)} · ${label(l.right)}`);
  const num = (v: number | null, suffix = "") => (v === null ? "—" : `${v}${suffix}`);
  const reasons = lines.flatMap((l) => Object.entries(l.figures.denied_by_reason).map(([reason, n]) => h("li", {}, `${name(l)}: ${reason} (${n})`)));
  const late = lines.flatMap((l) => Object.entries(l.figures.late_by_reason).map(([reason, n]) => h("li", {}, `${name(l)}: ${label(reason)} (${n})`)));
  const shares = onTimeShares(lines, name);
  return h(
    "div",
    {},
    h("h2", { id: "report-title" }, r.kind === "ccpa-7102" ? t("CCPA §7102 metrics for {year}", { year: r.year }) : t("Annual summary of rights requests, {year}", { year: r.year })),
    lines.length
      ? h(
          "div",
          { class: "cards two" },
          h("article", { class: "card" }, h("h3", {}, t("Received by month")), barChart(monthTotals(lines), monthNames(), t("Requests received per month in {year}", { year: r.year }))),
          h(
            "article",
            { class: "card" },
            h("h3", {}, t("Answered on time")),
            shares.length ? shareBars(shares, t("Share of answered requests answered on time in {year}", { year: r.year })) : h("p", { class: "muted" }, t("Nothing answered yet.")),
          ),
        )
      : null,
    lines.length === 0
      ? h("p", { class: "empty" }, t("No requests were received in this year."))
      : h(
          "table",
          { class: "cases report", id: "report-table" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              [t("Right"), t("Requests"), t("Complied"), t("In part"), t("Denied"), t("Withdrawn"), t("On time"), t("Median days"), t("Mean days"), t("Overdue now")].map((text) =>
                h("th", { scope: "col" }, text),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            lines.map((l) => {
              const f = l.figures;
              return h(
                "tr",
                { "data-line": `${l.regime}/${l.right}` },
                h("th", { scope: "row" }, name(l)),
                [f.received, f.complied, f.complied_in_part, f.denied, f.withdrawn].map((n) => h("td", {}, String(n))),
                h("td", {}, num(f.on_time_percent, "%")),
                h("td", {}, num(f.median_days)),
                h("td", {}, num(f.mean_days)),
                h("td", {}, String(f.overdue_now)),
              );
            }),
          ),
        ),
    reasons.length ? h("article", { class: "card" }, h("h3", {}, t("Denials by reason")), h("ul", {}, reasons)) : null,
    late.length ? h("article", { class: "card", id: "late-reasons" }, h("h3", {}, t("Answered late, by reason")), h("ul", {}, late)) : null,
  );
}
