// The dashboard: what is overdue, due today, due this week, waiting for information, and open.
import { api, type Case, type Dashboard } from "../api";
import type { CasePreset, Ctx } from "../app";
import { h } from "../dom";
import { daysBetween, daysLeftText, dueDate, formatDate, formatInstant, hoursLeftText, label } from "../format";
import { t, tn } from "../i18n";
import { clockTitle } from "./breach";

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

/** Cases listed under a heading, each with its due date and how far off it is; a click opens the case. */
function caseList(ctx: Ctx, id: string, title: string, cases: Case[], today: string, none: string, more: CasePreset | null): HTMLElement {
  return h(
    "article",
    { class: "card" },
    h("h2", {}, title),
    cases.length === 0
      ? h("p", { class: "muted" }, none)
      : h(
          "ul",
          { class: "due-list", id },
          cases.map((c) => {
            const due = dueDate(c);
            return h(
              "li",
              { "data-reference": c.reference },
              h(
                "button",
                { type: "button", class: "link", onclick: () => ctx.navigate({ name: "case", reference: c.reference }) },
                h("span", { class: "ref" }, c.reference),
                h("span", { class: "who" }, c.requester.name),
              ),
              h("span", { class: "when" }, due ? `${formatDate(due)} · ${daysLeftText(daysBetween(today, due))}` : "–"),
            );
          }),
        ),
    more ? h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "cases", preset: more }) }, t("Show all…")) : null,
  );
}

/** The clocks of open breaches, soonest first: hours, not months, so they come before everything
 * else, and one within a day is marked urgent. */
function breachClocks(ctx: Ctx, clocks: Dashboard["breach_clocks"], zone: string): HTMLElement | null {
  if (clocks.length === 0) return null;
  const urgent = clocks.some((c) => c.hours_left < 24);
  return h(
    "article",
    { class: `card breach-alert${urgent ? " urgent" : ""}`, id: "breach-clocks-card", role: urgent ? "alert" : null },
    h("h2", {}, t("Breach notifications due")),
    h(
      "ul",
      { class: "due-list", id: "dashboard-breaches" },
      clocks.slice(0, 6).map((c) =>
        h(
          "li",
          { "data-reference": c.reference },
          h(
            "button",
            { type: "button", class: "link", onclick: () => ctx.navigate({ name: "breach", reference: c.reference }) },
            h("span", { class: "ref" }, c.reference),
            h("span", { class: "who" }, clockTitle(c)),
          ),
          h("span", { class: "when" }, `${formatInstant(c.due_at, zone)} · ${hoursLeftText(c.hours_left)}${c.target ? ` · ${t("office target")}` : ""}`),
        ),
      ),
    ),
  );
}

/** Replies asked for by a party or the data subject, not yet given: each opens its case. */
function repliesOwed(ctx: Ctx, replies: { reference: string; label: string; due: string }[], today: string): HTMLElement {
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Replies owed")),
    replies.length === 0
      ? h("p", { class: "muted" }, t("No reply asked for is outstanding."))
      : h(
          "ul",
          { class: "due-list", id: "replies-owed" },
          replies.map((r) =>
            h(
              "li",
              { "data-reference": r.reference },
              h(
                "button",
                { type: "button", class: "link", onclick: () => ctx.navigate({ name: "case", reference: r.reference }) },
                h("span", { class: "ref" }, r.reference),
                h("span", { class: "who" }, r.label),
              ),
              h("span", { class: "when" }, `${formatDate(r.due)} · ${daysLeftText(daysBetween(today, r.due))}`),
            ),
          ),
        ),
  );
}

const LISTED = 6;

export async function dashboardScreen(ctx: Ctx): Promise<HTMLElement> {
  const d = await api.dashboard();
  const zone = d.breach_clocks.length ? (await api.getProfile()).time_zone : "UTC";
  const overduePreset: CasePreset = { title: t("Overdue"), request: { running_only: true, due_before: addDays(d.today, -1) } };
  const nextPreset: CasePreset = { title: t("Due next"), request: { running_only: true, due_after: d.today } };
  const [overdue, next] = await Promise.all([
    api.listCases({ ...overduePreset.request, limit: LISTED, offset: 0 }),
    api.listCases({ ...nextPreset.request, limit: LISTED, offset: 0 }),
  ]);
  const tile = (id: string, count: number, title: string, tone: string, preset: CasePreset) =>
    h(
      "button",
      { type: "button", class: `tile tone-${tone}`, id, onclick: () => ctx.navigate({ name: "cases", preset }) },
      h("span", { class: "count" }, String(count)),
      h("span", { class: "what" }, title),
    );
  const breakdown = (title: string, counts: Partial<Record<string, number>>, key: "regime" | "kind") =>
    h(
      "article",
      { class: "card" },
      h("h2", {}, title),
      Object.keys(counts).length === 0
        ? h("p", { class: "muted" }, t("No open cases."))
        : h(
            "ul",
            { class: "bars" },
            Object.entries(counts).map(([name, n = 0]) =>
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
    breachClocks(ctx, d.breach_clocks, zone),
    h(
      "div",
      { class: "tiles" },
      tile("tile-overdue", d.overdue, t("overdue"), t("overdue"), overduePreset),
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
    h(
      "div",
      { class: "columns even" },
      caseList(ctx, "next-cases", t("Due next"), next.cases, d.today, t("Nothing due."), next.total > LISTED || next.more ? nextPreset : null),
      caseList(ctx, "overdue-cases", t("Overdue"), overdue.cases, d.today, t("Nothing overdue."), overdue.total > LISTED || overdue.more ? overduePreset : null),
    ),
    h(
      "div",
      { class: "columns even" },
      h(
        "article",
        { class: "card" },
        h("h2", {}, t("Tasks")),
        h("p", { id: "open-tasks" }, tn(d.open_tasks, "{n} open task on open cases", "{n} open tasks on open cases")),
        d.overdue_tasks > 0 ? h("p", { class: "reply-open", id: "overdue-tasks" }, tn(d.overdue_tasks, "{n} past its internal date", "{n} past their internal date")) : null,
      ),
      repliesOwed(ctx, d.replies_owed, d.today),
    ),
    h("div", { class: "columns even" }, breakdown(t("Open by regime"), d.open_by_regime, "regime"), breakdown(t("Open by kind"), d.open_by_kind, "kind")),
  );
}
