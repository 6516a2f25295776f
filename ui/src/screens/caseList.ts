// The case list: search as you type, filters, soonest due first or another order, paged; cases
// ticked across pages and filters get one letter each.
import { api, asApiError, type Case, type CaseSort, type ListRequest, type Kind, type Regime, type Status } from "../api";
import type { CasePreset, Ctx } from "../app";
import { h, replace, select } from "../dom";
import { emailDialog } from "../emailDialog";
import { lettersDialog } from "../lettersDialog";
import { registerDialog } from "../registerDialog";
import { daysBetween, daysLeftText, dueDate, dueState, formatCount, formatDate, label, todayIso } from "../format";
import { t, tn } from "../i18n";

const PAGE = 50;
/** The order chosen last, kept for the next visit. */
const SORT_KEY = "casebook.caseSort";

export async function caseListScreen(ctx: Ctx, preset?: CasePreset): Promise<HTMLElement> {
  const sort = select(
    [
      ["due", t("By due date")],
      ["received", t("Newest received")],
      ["reference", t("By reference")],
      ["updated", t("Latest changed")],
    ],
    localStorage.getItem(SORT_KEY) ?? "due",
  );
  sort.id = "case-sort";
  sort.setAttribute("aria-label", t("Order"));
  const request: ListRequest = { open_only: true, sort: sort.value as CaseSort, ...preset?.request, limit: PAGE, offset: 0 };
  const search = h("input", {
    type: "search",
    id: "search",
    autofocus: true,
    placeholder: t("Search reference, name, email, notes…  (Ctrl+K)"),
    "aria-label": t("Search cases"),
    autocomplete: "off",
  });
  const status = select(
    [["open", t("Open cases")], ["", t("All statuses")], ...ctx.vocab.statuses.map((s): [string, string] => [s, label(s)])],
    "open",
  );
  const kind = select([["", t("All kinds")], ...ctx.vocab.kinds.map((k): [string, string] => [k, label(k)])]);
  const regime = select([["", t("All regimes")], ...ctx.vocab.regimes.map(([r]): [string, string] => [r, label(r)])]);
  status.value = request.status ?? (request.open_only === false ? "" : "open");
  status.id = "case-status";
  status.setAttribute("aria-label", t("Status"));
  kind.setAttribute("aria-label", t("Kind"));
  regime.setAttribute("aria-label", t("Regime"));
  const body = h("div", { class: "list-body" });
  const pager = h("div", { class: "pager" });
  const picked = new Set<string>();
  const selection = h("div", { class: "selection", id: "selection", role: "status", hidden: true });
  const renderSelection = () => {
    selection.hidden = picked.size === 0;
    replace(
      selection,
      h("span", { id: "selected-count" }, tn(picked.size, "{n} case selected", "{n} cases selected")),
      h("button", { type: "button", class: "primary", id: "letters-selected", onclick: () => void lettersDialog(ctx, { cases: [...picked] }) }, t("Letters for these…")),
      h(
        "button",
        {
          type: "button",
          class: "link",
          id: "clear-selection",
          onclick: () => {
            picked.clear();
            body.querySelectorAll<HTMLInputElement>("input.pick").forEach((c) => (c.checked = false));
            renderSelection();
          },
        },
        t("Clear the selection"),
      ),
    );
  };

  let generation = 0;
  async function load(): Promise<void> {
    const mine = ++generation;
    try {
      const page = await api.listCases(request);
      if (mine !== generation) return; // a newer query has been sent meanwhile
      replace(body, caseTable(ctx, page.cases, picked, renderSelection));
      renderPager(page.total, page.more);
    } catch (e) {
      replace(body, h("p", { class: "form-error" }, asApiError(e).message));
    }
  }

  function renderPager(total: number, more: boolean): void {
    const from = total === 0 ? 0 : request.offset! + 1;
    const to = Math.min(request.offset! + PAGE, total);
    const prev = h("button", { type: "button", disabled: request.offset === 0 }, t("‹ Previous"));
    const next = h("button", { type: "button", disabled: to >= total && !more }, t("Next ›"));
    prev.addEventListener("click", () => {
      request.offset = Math.max(0, request.offset! - PAGE);
      void load();
    });
    next.addEventListener("click", () => {
      request.offset = request.offset! + PAGE;
      void load();
    });
    const n = formatCount(total);
    const count = more
      ? t("{from}–{to} of more than {n} cases", { from, to, n })
      : tn(total, "{from}–{to} of {n} case", "{from}–{to} of {n} cases", { from, to, n });
    replace(pager, h("span", { id: "case-count" }, count), prev, next);
  }

  let timer: number | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      request.search = search.value;
      request.offset = 0;
      void load();
    }, 120);
  });
  const onFilter = () => {
    request.open_only = status.value === "open";
    request.status = status.value && status.value !== "open" ? (status.value as Status) : null;
    request.kind = (kind.value || null) as Kind | null;
    request.regime = (regime.value || null) as Regime | null;
    request.offset = 0;
    void load();
  };
  [status, kind, regime].forEach((s) => s.addEventListener("change", onFilter));
  sort.addEventListener("change", () => {
    localStorage.setItem(SORT_KEY, sort.value);
    request.sort = sort.value as CaseSort;
    request.offset = 0;
    void load();
  });

  await load();
  return h(
    "section",
    { class: "screen" },
    h(
      "header",
      { class: "screen-head" },
      h("h1", {}, t("Cases")),
      preset
        ? h(
            "span",
            { class: "preset", id: "preset" },
            preset.title,
            h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "cases" }) }, t("× show all open")),
          )
        : null,
      pager,
      h(
        "button",
        {
          type: "button",
          id: "import-emails",
          title: t("Open cases from .eml files (or drop them on the window)"),
          onclick: async () => {
            const previews = await api.pickEmails();
            if (previews) emailDialog(ctx, previews, null, async (target) => (await api.importDroppedEmails(target)).references);
          },
        },
        t("Import emails…"),
      ),
      h(
        "button",
        {
          type: "button",
          id: "import-register",
          title: t("Open a case for each row of a register kept in a spreadsheet (CSV)"),
          onclick: async () => {
            try {
              const columns = await api.pickRegister();
              if (columns) registerDialog(ctx, columns, () => ctx.navigate({ name: "cases" }));
            } catch (e) {
              replace(body, h("p", { class: "form-error" }, asApiError(e).message));
            }
          },
        },
        t("Import a register…"),
      ),
      h(
        "button",
        {
          type: "button",
          id: "batch-letters",
          title: t("The same letter for every case with a status"),
          onclick: () => void lettersDialog(ctx, { status: request.status ?? "new" }),
        },
        t("Letters for many…"),
      ),
    ),
    h("div", { class: "toolbar" }, search, status, kind, regime, sort),
    selection,
    body,
  );
}

/** The page of cases; a tick adds a case to `picked` (kept across pages), and `changed` says so. */
function caseTable(ctx: Ctx, cases: Case[], picked: Set<string>, changed: () => void): HTMLElement {
  if (cases.length === 0) {
    return h(
      "div",
      { class: "empty" },
      h("p", {}, t("No cases match.")),
      h("button", { type: "button", class: "primary", onclick: () => ctx.navigate({ name: "new" }) }, t("Add a case")),
    );
  }
  const today = todayIso();
  const ticks: HTMLInputElement[] = [];
  const all = h("input", { type: "checkbox", id: "pick-page", "aria-label": t("Select every case on this page") });
  const syncAll = () => (all.checked = ticks.every((c) => c.checked));
  all.addEventListener("change", () => {
    for (const tick of ticks) {
      tick.checked = all.checked;
      if (all.checked) picked.add(tick.value);
      else picked.delete(tick.value);
    }
    changed();
  });
  const tickFor = (reference: string) => {
    const tick = h("input", { type: "checkbox", class: "pick", value: reference, "aria-label": t("Select {reference}", { reference }) });
    tick.checked = picked.has(reference);
    tick.addEventListener("click", (e) => e.stopPropagation());
    tick.addEventListener("keydown", (e) => e.stopPropagation());
    tick.addEventListener("change", () => {
      if (tick.checked) picked.add(reference);
      else picked.delete(reference);
      syncAll();
      changed();
    });
    ticks.push(tick);
    return tick;
  };
  const table = h(
    "table",
    { class: "cases", id: "case-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { class: "pick" }, all),
        [t("Reference"), t("Requester"), t("Kind"), t("Regime"), t("Status"), t("Received"), t("Due")].map((text) => h("th", {}, text)),
      ),
    ),
    h(
      "tbody",
      {},
      cases.map((c) => {
        const open = () => ctx.navigate({ name: "case", reference: c.reference });
        const due = dueDate(c);
        const state = dueState(c, today);
        const row = h(
          "tr",
          { tabindex: "0", class: `due-${state}`, "data-reference": c.reference },
          h("td", { class: "pick" }, tickFor(c.reference)),
          h("td", { class: "ref" }, c.reference),
          h("td", {}, c.requester.name),
          h("td", {}, label(c.kind)),
          h("td", {}, label(c.regime)),
          h("td", {}, h("span", { class: `badge status-${c.status}` }, label(c.status))),
          h("td", {}, formatDate(c.received)),
          h(
            "td",
            { class: "due" },
            due ? formatDate(due) : "–",
            state === "paused"
              ? h("span", { class: "days" }, t("clock stopped"))
              : due && state !== "none"
                ? h("span", { class: "days" }, daysLeftText(daysBetween(today, due)))
                : null,
          ),
        );
        row.addEventListener("click", open);
        row.addEventListener("keydown", (e) => {
          if (e.key === "Enter") open();
        });
        return row;
      }),
    ),
  );
  syncAll();
  return table;
}
