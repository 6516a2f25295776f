// The dashboard: what is overdue, due today, due this week, waiting for information, and open.
import { api } from "../api";
import type { CasePreset, Ctx } from "../app";
import { h } from "../dom";
import { label } from "../format";
import { t, tn } from "../i18n";

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A bar `percent` wide; set through the DOM because the CSP forbids inline style attributes. */
function bar(percent: number): HTMLElement {
  const el = h("span", { class: "bar" });
  el.style.width = `${percent}%`;
  return el;
}

export async function dashboardScreen(ctx: Ctx): Promise<HTMLElement> {
  const d = await api.dashboard();
  const tile = (id: string, count: number, title: string, tone: string, preset: CasePreset) =>
    h(
      "button",
      { type: "button", class: `tile tone-${tone}`, id, onclick: () => ctx.navigate({ name: "cases", preset }) },
      h("span", { class: "count" }, String(count)),
      h("span", { class: "what" }, title),
    );
  const breakdown = (title: string, counts: Record<string, number>, key: "regime" | "kind") =>
    h(
      "article",
      { class: "card" },
      h("h2", {}, title),
      Object.keys(counts).length === 0
        ? h("p", { class: "muted" }, t("No open cases."))
        : h(
            "ul",
            { class: "bars" },
            Object.entries(counts).map(([name, n]) =>
              h(
                "li",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    class: "link",
                    onclick: () =>
                      ctx.navigate({ name: "cases", preset: { title: t("Open · {what}", { what: label(name) }), request: { open_only: true, [key]: name } } }),
                  },
                  label(name),
                ),
                bar(Math.max(4, Math.round((n / Math.max(1, d.open)) * 100))),
                h("span", { class: "n" }, String(n)),
              ),
            ),
          ),
    );
  return h(
    "section",
    { class: "screen" },
    h("header", { class: "screen-head" }, h("h1", {}, t("Dashboard")), h("span", { class: "muted" }, tn(d.open, "{n} open case", "{n} open cases"))),
    h(
      "div",
      { class: "tiles" },
      tile("tile-overdue", d.overdue, t("overdue"), t("overdue"), {
        title: t("Overdue"),
        request: { running_only: true, due_before: addDays(d.today, -1) },
      }),
      tile("tile-today", d.due_today, t("due today"), "soon", {
        title: t("Due today"),
        request: { running_only: true, due_after: d.today, due_before: d.today },
      }),
      tile("tile-week", d.due_this_week, t("due in the next 7 days"), "week", {
        title: t("Due in the next 7 days"),
        request: { running_only: true, due_after: addDays(d.today, 1), due_before: addDays(d.today, 7) },
      }),
      tile("tile-waiting", d.awaiting_information, t("awaiting information (clock stopped)"), "waiting", {
        title: t("Awaiting information"),
        request: { open_only: false, status: "awaiting-information" },
      }),
    ),
    h("div", { class: "columns even" }, breakdown(t("Open by regime"), d.open_by_regime, "regime"), breakdown(t("Open by kind"), d.open_by_kind, "kind")),
  );
}
