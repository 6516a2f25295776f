// The deadline calendar: a month grid and an agenda of every deadline (and, unless switched off,
// every task's internal date), coloured by state.
import { api, asApiError, type CalendarEntry, type Kind, type Regime } from "../api";
import type { Ctx } from "../app";
import { h, replace, select } from "../dom";
import { formatDate, label, todayIso, weekdayNames } from "../format";
import { locale, t, tn } from "../i18n";

const DEADLINE_SHORT: Record<string, string> = {
  acknowledge: t("acknowledge"),
  respond: t("respond"),
  "extension-notice": t("extension notice"),
  "extended-respond": t("extended respond"),
  risk: t("APPI Art. 39"),
  manual: t("deadline"),
  task: t("task"),
  breach: t("breach notice"),
};

/** Chips a day of the month grid shows; the agenda below lists every one. */
const SHOWN_PER_DAY = 3;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The Monday-to-Sunday weeks covering a month, as ISO dates. */
export function monthGrid(year: number, month: number): string[] {
  const first = utc(year, month, 1);
  const start = utc(year, month, 1 - ((first.getUTCDay() + 6) % 7));
  const last = utc(year, month + 1, 0);
  const end = utc(year, month + 1, (7 - last.getUTCDay()) % 7);
  const days: string[] = [];
  for (let d = start; d <= end; d = utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)) days.push(iso(d));
  return days;
}

export async function calendarScreen(ctx: Ctx): Promise<HTMLElement> {
  const today = todayIso();
  const zone = (await api.getProfile()).time_zone;
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7)) - 1;
  const regime = select([["", t("All regimes")], ...ctx.vocab.regimes.map(([r]): [string, string] => [r, label(r)])]);
  const kind = select([["", t("All kinds")], ...ctx.vocab.kinds.map((k): [string, string] => [k, label(k)])]);
  const assignee = select([["", t("Everyone")], ...(await api.assignees()).map((a): [string, string] => [a, a])]);
  regime.setAttribute("aria-label", t("Regime"));
  kind.setAttribute("aria-label", t("Kind"));
  assignee.setAttribute("aria-label", t("Assignee"));
  const withTasks = h("input", { type: "checkbox", id: "calendar-tasks", checked: true });
  const title = h("h1", { id: "calendar-title" });
  const grid = h("div", { class: "month", id: "month" });
  const agenda = h("ol", { class: "agenda", id: "agenda" });

  const chip = (e: CalendarEntry) =>
    h(
      "button",
      {
        type: "button",
        class: `chip state-${e.state}`,
        title: e.deadline === "breach" ? `${e.reference}: ${DEADLINE_SHORT.breach} ${formatDate(e.due)}` : `${e.reference}: ${DEADLINE_SHORT[e.deadline]} (${label(e.regime)}) ${formatDate(e.due)}`,
        onclick: () => ctx.navigate(e.deadline === "breach" ? { name: "breach", reference: e.reference } : { name: "case", reference: e.reference }),
      },
      e.reference,
      h("span", { class: "what" }, DEADLINE_SHORT[e.deadline] ?? e.deadline),
    );

  async function load(): Promise<void> {
    const days = monthGrid(year, month);
    const clocks = api.breachCalendar(days[0], days[days.length - 1]);
    const entries = await api.calendar({
      from: days[0],
      to: days[days.length - 1],
      regime: (regime.value || null) as Regime | null,
      kind: (kind.value || null) as Kind | null,
      assignee: assignee.value || null,
      tasks: withTasks.checked,
    });
    const monthName = new Date(Date.UTC(year, month, 15)).toLocaleDateString(locale(), { month: "long", year: "numeric", timeZone: "UTC" });
    title.textContent = monthName;
    const byDay = new Map<string, CalendarEntry[]>();
    for (const e of entries) byDay.set(e.due, [...(byDay.get(e.due) ?? []), e]);
    // Breach clocks come first on their day: hours, not months.
    for (const c of await clocks) {
      const due = new Date(c.due_at).toLocaleDateString("sv-SE", { timeZone: zone });
      const entry: CalendarEntry = {
        reference: c.reference,
        kind: "request",
        regime: "gdpr",
        assignee: null,
        deadline: "breach",
        due,
        state: c.met ? "met" : c.hours_left < 0 ? "overdue" : c.hours_left < 72 ? "due-soon" : "later",
      };
      byDay.set(due, [entry, ...(byDay.get(due) ?? [])]);
    }
    const inMonth = (d: string) => Number(d.slice(5, 7)) - 1 === month;
    replace(
      grid,
      weekdayNames().map((d) => h("div", { class: "dow" }, d)),
      days.map((d) =>
        h(
          "div",
          { class: `day${inMonth(d) ? "" : " outside"}${d === today ? " today" : ""}`, "data-date": d },
          h("span", { class: "num" }, String(Number(d.slice(8)))),
          (byDay.get(d) ?? []).slice(0, SHOWN_PER_DAY).map(chip),
          (byDay.get(d)?.length ?? 0) > SHOWN_PER_DAY ? h("span", { class: "more" }, t("+{n} more", { n: byDay.get(d)!.length - SHOWN_PER_DAY })) : null,
        ),
      ),
    );
    const monthDays = [...byDay.keys()].filter(inMonth).sort();
    replace(
      agenda,
      monthDays.length === 0
        ? h("li", { class: "muted" }, t("No deadlines this month."))
        : monthDays.map((d) => h("li", {}, h("time", { class: d === today ? "today" : "" }, formatDate(d)), h("div", { class: "chips" }, byDay.get(d)!.map(chip)))),
    );
  }

  const exported = h("span", { class: "muted small", role: "status" });
  async function exportIcs(): Promise<void> {
    try {
      const n = await api.exportCalendar();
      if (n !== null) exported.textContent = tn(n, "{n} date exported (deadlines and tasks)", "{n} dates exported (deadlines and tasks)");
    } catch (e) {
      exported.textContent = asApiError(e).message;
    }
  }

  const move = (delta: number) => {
    const d = utc(year, month + delta, 1);
    year = d.getUTCFullYear();
    month = d.getUTCMonth();
    void load();
  };
  [regime, kind, assignee, withTasks].forEach((s) => s.addEventListener("change", () => void load()));
  await load();
  return h(
    "section",
    { class: "screen" },
    h(
      "header",
      { class: "screen-head" },
      title,
      h("button", { type: "button", id: "prev-month", onclick: () => move(-1), title: t("Previous month") }, "‹"),
      h("button", { type: "button", id: "this-month", onclick: () => ((year = Number(today.slice(0, 4))), (month = Number(today.slice(5, 7)) - 1), void load()) }, t("Today")),
      h("button", { type: "button", id: "next-month", onclick: () => move(1), title: t("Next month") }, "›"),
      h("button", { type: "button", id: "export-ics", onclick: () => void exportIcs() }, t("Export to calendar app…")),
      exported,
    ),
    h("div", { class: "toolbar" }, regime, kind, assignee, h("label", { class: "check" }, withTasks, t("Tasks")), h("span", { class: "legend" }, ["overdue", "due-soon", "due-this-week", "later", "met"].map((s) => h("span", { class: `chip state-${s}` }, label(s))))),
    grid,
    h("h2", { class: "agenda-title" }, t("Agenda")),
    agenda,
  );
}
