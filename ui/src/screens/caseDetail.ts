// One case: its facts, deadlines, timeline, and the actions that move it along.
import { api, asApiError, type CaseView, type CorrespondenceItem, type DeadlineView } from "../api";
import type { Ctx } from "../app";
import { auditList } from "../auditList";
import { correspondenceDialog, withWhom } from "../correspondenceDialog";
import { emailDialog } from "../emailDialog";
import { lettersCard } from "../letterSteps";
import { tasksCard } from "../tasksCard";
import { clearFieldErrors, field, h, replace, select, showFieldError } from "../dom";
import { daysBetween, daysLeftText, formatDate, formatDateTime, label, todayIso } from "../format";
import { t, tn } from "../i18n";
import { dateInput } from "../dateField";

export async function caseDetailScreen(ctx: Ctx, reference: string): Promise<HTMLElement> {
  const root = h("section", { class: "screen detail" });
  try {
    render(ctx, root, await api.getCase(reference));
  } catch (e) {
    replace(root, h("p", { class: "form-error" }, asApiError(e).message));
  }
  return root;
}

function render(ctx: Ctx, root: HTMLElement, c: CaseView): void {
  const today = todayIso();
  const fact = (name: string, value: string | null | undefined) =>
    value ? [h("dt", {}, name), h("dd", {}, value)] : [];
  replace(
    root,
    h(
      "header",
      { class: "screen-head" },
      h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "cases" }) }, t("‹ Cases")),
      h("h1", { id: "case-reference" }, c.reference),
      h("span", { class: `badge status-${c.status}`, id: "case-status" }, label(c.status)),
      h("span", { class: "muted" }, `${label(c.kind)} · ${label(c.regime)}`),
    ),
    h(
      "div",
      { class: "columns" },
      h(
        "div",
        {},
        h(
          "article",
          { class: "card" },
          h(
            "div",
            { class: "card-head" },
            h("h2", {}, t("Facts")),
            c.retention.purged_on
              ? null
              : h("button", { type: "button", id: "edit-case", onclick: () => ctx.navigate({ name: "edit", reference: c.reference }) }, t("Correct…")),
          ),
          h(
            "dl",
            { class: "facts" },
            fact(t("Requester"), c.requester.name),
            fact(t("Email"), c.requester.email),
            fact(t("Phone"), c.requester.phone),
            fact(t("Company"), c.requester.company),
            fact(t("Relationship"), c.requester.relationship && label(c.requester.relationship)),
            fact(t("Postal address"), c.requester.postal_address),
            fact(t("Agent"), c.agent && `${c.agent.name}${c.agent.proof_received ? t(" (proof received {date})", { date: formatDate(c.agent.proof_received) }) : ""}`),
            fact(t("Rights"), c.rights.map(label).join(", ")),
            fact(t("Channel"), label(c.channel)),
            fact(t("Received"), `${formatDate(c.received)} (${c.time_zone})`),
            fact(t("Assignee"), c.assignee),
            fact(t("Outcome"), c.outcome && `${label(c.outcome)}${c.outcome_reason ? `: ${c.outcome_reason}` : ""}`),
            fact(t("Tags"), c.tags.join(", ")),
          ),
          c.notes ? h("div", { class: "notes" }, h("h3", {}, t("Notes")), h("p", {}, c.notes)) : null,
        ),
        tasksCard(c, ctx.vocab.open_statuses.includes(c.status), (view) => render(ctx, root, view)),
        correspondenceCard(ctx, root, c),
        h(
          "article",
          { class: "card" },
          h("h2", {}, t("Timeline")),
          c.events.length === 0
            ? h("p", { class: "muted" }, t("Nothing recorded yet."))
            : h(
                "ol",
                { class: "timeline", id: "timeline" },
                c.events.map((e) =>
                  h(
                    "li",
                    {},
                    h("time", {}, formatDate(e.on)),
                    h("strong", {}, e.right ? `${label(e.type)} · ${label(e.right)}` : label(e.type)),
                    e.outcome ? h("span", { class: "muted" }, label(e.outcome)) : null,
                    e.note ? h("span", { class: "note" }, e.note) : null,
                    h("span", { class: "muted small" }, t("by {actor}", { actor: e.actor })),
                  ),
                ),
              ),
        ),
      ),
      h(
        "div",
        {},
        h(
          "article",
          { class: "card" },
          h("h2", {}, t("Deadlines")),
          c.schedule.length === 0
            ? h("p", { class: "hint" }, t("No statutory deadlines apply to this kind of case."))
            : h("ul", { class: "deadlines", id: "deadlines" }, c.schedule.filter((d) => !d.right).map((d) => deadlineItem(ctx, root, c, d, today))),
          rightsDeadlines(ctx, root, c, today),
          manualDeadlineForm(ctx, root, c),
        ),
        linksCard(ctx, root, c),
        actionForm(ctx, root, c),
        lettersCard(ctx, c, (view) => render(ctx, root, view)),
        retentionCard(ctx, root, c),
        h(
          "article",
          { class: "card" },
          h("h2", {}, t("History")),
          h("p", { class: "hint" }, t("Every change to this case, from the audit trail.")),
          auditList("case-history", (before) => api.auditLog(c.reference, before), false),
        ),
      ),
    ),
  );
}

/** The work on the case: tasks with their internal dates, ticked off with what shows they were done. */
function correspondenceCard(ctx: Ctx, root: HTMLElement, c: CaseView): HTMLElement {
  const importEmail = h("button", { type: "button", id: "import-email", title: t("Or drop .eml files on the window") }, t("Import email…"));
  importEmail.addEventListener("click", async () => {
    const previews = await api.pickEmails();
    if (previews) emailDialog(ctx, previews, c.reference, async (target) => (await api.importDroppedEmails(target)).references);
  });
  const logItem = h("button", { type: "button", id: "log-correspondence" }, t("Log correspondence…"));
  logItem.addEventListener("click", () => void correspondenceDialog(c, null, (view) => render(ctx, root, view)));
  const status = h("div", { role: "status", class: "muted small", id: "file-saved" });
  const saveCopy = (item: CorrespondenceItem, k: number | null, name: string) =>
    h(
      "button",
      {
        type: "button",
        class: "link",
        "data-save": k === null ? `${item.id}` : `${item.id}/${k}`,
        onclick: async () => {
          try {
            const path = await api.saveStoredFile(c.reference, item.id, k);
            if (path) status.textContent = t("Saved a copy of {file} to {path}.", { file: name, path });
          } catch (e) {
            status.textContent = asApiError(e).message;
          }
        },
      },
      t("Save a copy of {file}…", { file: name }),
    );
  return h(
    "article",
    { class: "card" },
    h("div", { class: "card-head" }, h("h2", {}, t("Correspondence")), h("div", { class: "row" }, logItem, importEmail)),
    c.correspondence.length === 0
      ? h("p", { class: "muted" }, t("Nothing in or out yet."))
      : h(
          "ol",
          { class: "timeline", id: "correspondence" },
          c.correspondence.map((item) =>
            h(
              "li",
              { "data-item": item.id },
              h("time", {}, formatDateTime(item.on)),
              h("strong", {}, `${item.direction === "in" ? t("← In") : t("→ Out")} · ${withWhom(item)} · ${label(item.channel)} · ${item.subject}`),
              item.summary ? h("span", { class: "note clamp" }, item.summary) : null,
              item.reply_by
                ? h(
                    "span",
                    { class: item.replied_on ? "muted small" : "small reply-open" },
                    item.replied_on
                      ? t("Reply asked for by {date}; answered {answered}", { date: formatDate(item.reply_by), answered: formatDate(item.replied_on) })
                      : t("Reply asked for by {date}", { date: formatDate(item.reply_by) }),
                  )
                : null,
              item.attachments.length
                ? h("span", { class: "muted small" }, t("Attachments: {list}", { list: item.attachments.map((a) => `${a.name} (${Math.max(1, Math.ceil(a.size / 1024))} KB)`).join(", ") }))
                : null,
              h(
                "span",
                { class: "row small" },
                item.attachments.map((a, i) => saveCopy(item, i + 1, a.name)),
                item.letter ? saveCopy(item, null, item.letter.name) : null,
                c.retention.purged_on
                  ? null
                  : h("button", { type: "button", class: "link", "data-correct": item.id, onclick: () => void correspondenceDialog(c, item, (view) => render(ctx, root, view)) }, t("Correct…")),
              ),
            ),
          ),
        ),
    status,
  );
}

const DEADLINE_NAMES: Record<DeadlineView["kind"], string> = {
  acknowledge: t("Acknowledge by"),
  respond: t("Respond by"),
  "extension-notice": t("Extension notice by"),
  "extended-respond": t("Extended response by"),
  risk: t("Two-week wait ends (APPI Art. 39)"),
  manual: t("Deadline"),
};

/** Each right's own dates, when a request's rights run on different clocks. */
function rightsDeadlines(ctx: Ctx, root: HTMLElement, c: CaseView, today: string): HTMLElement | null {
  const own = c.schedule.filter((d) => d.right);
  if (own.length === 0) return null;
  return h(
    "div",
    { id: "deadlines-by-right" },
    h("p", { class: "hint" }, t("This request's rights run on different clocks; above, the earliest date still open for each.")),
    c.rights.map((right) =>
      h(
        "section",
        { class: "right-deadlines", "data-right": right },
        h("h3", {}, label(right)),
        h("ul", { class: "deadlines" }, own.filter((d) => d.right === right).map((d) => deadlineItem(ctx, root, c, d, today))),
      ),
    ),
  );
}

function deadlineItem(ctx: Ctx, root: HTMLElement, c: CaseView, d: DeadlineView, today: string): HTMLElement {
  const days = daysBetween(today, d.due);
  const status =
    d.state === "met"
      ? t("done {date}", { date: formatDate(d.met_on) })
      : d.conditional
        ? t("only if extended")
        : d.kind === "risk"
          ? days < 0
            ? t("reached")
            : tn(days, "in {n} day", "in {n} days")
          : daysLeftText(days);
  return h(
    "li",
    { class: `deadline state-${d.conditional ? "conditional" : d.state}`, "data-kind": d.kind },
    h(
      "div",
      { class: "deadline-head" },
      h("span", { class: "deadline-name" }, d.kind === "manual" ? (d.label ?? DEADLINE_NAMES.manual) : DEADLINE_NAMES[d.kind]),
      h("strong", {}, formatDate(d.due)),
      h("span", { class: "deadline-state" }, status),
      d.kind === "manual" && d.state !== "met"
        ? h(
            "button",
            { type: "button", class: "link", "data-done": d.id, onclick: async () => render(ctx, root, await api.completeManualDeadline(c.reference, d.id)) },
            t("Mark done"),
          )
        : null,
    ),
    h("div", { class: "basis" }, d.basis),
  );
}

function actionForm(ctx: Ctx, root: HTMLElement, c: CaseView): HTMLElement {
  if (c.allowed_events.length === 0) return h("div");
  const type = select(c.allowed_events.map((t): [string, string] => [t, label(t)]));
  const on = dateInput({ value: todayIso() });
  const note = h("textarea", { rows: 2 });
  const outcome = select([["", "—"], ...ctx.vocab.outcomes.map((o): [string, string] => [o, label(o)])]);
  const reason = h("input", { type: "text" });
  const outcomeField = field(t("Outcome"), "outcome", outcome, t("A rejection takes an outcome only when identity could not be verified."));
  const right = select([["", t("The whole request")], ...c.rights.map((r): [string, string] => [r, label(r)])]);
  const rightField = field(t("Right"), "right", right, t("Record a response, extension or closure for one right only."));
  const reasonField = field(t("Reason"), "reason", reason, t("For a denial or rejection: the exception relied on."));
  const error = h("div", { class: "form-error", role: "alert" });
  const sync = () => {
    outcomeField.hidden = !["closed", "rejected"].includes(type.value);
    rightField.hidden = c.rights.length < 2 || !["responded", "extended", "closed"].includes(type.value);
    reasonField.hidden = !["closed", "rejected", "withdrawn"].includes(type.value);
  };
  type.addEventListener("change", sync);
  sync();
  const form = h(
    "form",
    { class: "card", id: "event-form" },
    h("h2", {}, t("Record an event")),
    h("div", { class: "row" }, field(t("Event"), "event_type", type), field(t("Date"), "on", on)),
    rightField,
    outcomeField,
    reasonField,
    field(t("Note"), "note", note),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("Record"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    error.textContent = "";
    try {
      const updated = await api.recordEvent(c.reference, {
        event_type: type.value,
        on: on.value,
        note: note.value,
        outcome: outcomeField.hidden ? null : outcome.value,
        reason: reasonField.hidden ? null : reason.value,
        right: rightField.hidden ? null : right.value,
      });
      render(ctx, root, updated);
    } catch (err) {
      const apiError = asApiError(err);
      if (!apiError.field || !showFieldError(form, apiError.field, apiError.message)) error.textContent = apiError.message;
    }
  });
  return form;
}

function retentionCard(ctx: Ctx, root: HTMLElement, c: CaseView): HTMLElement {
  const r = c.retention;
  const error = h("div", { class: "form-error", role: "alert" });
  const toggle = h("button", { type: "button", id: "legal-hold" }, r.legal_hold ? t("Release the legal hold") : t("Put on legal hold"));
  toggle.addEventListener("click", async () => {
    try {
      render(ctx, root, await api.setLegalHold(c.reference, !r.legal_hold));
    } catch (e) {
      error.textContent = asApiError(e).message;
    }
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Retention")),
    h(
      "p",
      { id: "retention-state" },
      r.purged_on
        ? t("Personal data purged on {date}; the figures remain.", { date: formatDate(r.purged_on) })
        : r.legal_hold
          ? t("On legal hold: kept past its retention period until the hold is released.")
          : t("Kept for the retention period of its regime once closed, then purged."),
    ),
    error,
    r.purged_on ? null : h("div", { class: "actions" }, toggle),
  );
}

/** A deadline set by hand: a promise made in a letter, a date an authority gave. */
function manualDeadlineForm(ctx: Ctx, root: HTMLElement, c: CaseView): HTMLElement {
  const due = dateInput({ "aria-label": t("Due on"), id: "manual-due" });
  const what = h("input", { type: "text", placeholder: t("What is due (e.g. documents promised to the ICO)"), "aria-label": t("What is due"), id: "manual-label" });
  const error = h("div", { class: "form-error", role: "alert", id: "manual-error" });
  const form = h(
    "form",
    { class: "inline-form", id: "manual-form" },
    h("h3", {}, t("Add a deadline of your own")),
    h("div", { class: "row" }, due, what, h("button", { type: "submit" }, t("Add deadline"))),
    error,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      render(ctx, root, await api.addManualDeadline(c.reference, due.value, what.value));
    } catch (err) {
      error.textContent = asApiError(err).message;
    }
  });
  return form;
}

function linksCard(ctx: Ctx, root: HTMLElement, c: CaseView): HTMLElement {
  const other = h("input", { type: "text", placeholder: t("Reference, e.g. DSR-2026-0007"), "aria-label": t("Reference of the case to link"), id: "link-reference" });
  const error = h("div", { class: "form-error", role: "alert", id: "link-error" });
  const form = h("form", { class: "inline-form", id: "link-form" }, h("div", { class: "row" }, other, h("button", { type: "submit" }, t("Link"))), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      render(ctx, root, await api.linkCase(c.reference, other.value));
    } catch (err) {
      error.textContent = asApiError(err).message;
    }
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Linked cases")),
    c.linked.length === 0
      ? h("p", { class: "muted" }, t("None."))
      : h(
          "ul",
          { class: "plain", id: "linked" },
          c.linked.map((r) =>
            h(
              "li",
              {},
              h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "case", reference: r }) }, r),
              " ",
              h("button", { type: "button", class: "link muted-link", onclick: async () => render(ctx, root, await api.unlinkCase(c.reference, r)) }, t("Unlink")),
            ),
          ),
        ),
    form,
  );
}
