// One case: its facts, deadlines, timeline, and the actions that move it along.
import { api, asApiError, type CaseView } from "../api";
import type { Ctx } from "../app";
import { clearFieldErrors, field, h, replace, select, showFieldError } from "../dom";
import { daysBetween, daysLeftText, dueState, formatDate, label, todayIso } from "../format";

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
  const deadline = (name: string, date: string | null) => {
    const state = date ? dueState({ status: c.status, deadlines: { ...c.deadlines, respond_by: date } }, today) : "none";
    return [
      h("dt", {}, name),
      h(
        "dd",
        { class: `due-${state}` },
        date ? formatDate(date) : "–",
        date && state !== "none" ? h("span", { class: "days" }, daysLeftText(daysBetween(today, date))) : null,
      ),
    ];
  };
  const d = c.deadlines;
  const computed = Object.values(d).some(Boolean);

  replace(
    root,
    h(
      "header",
      { class: "screen-head" },
      h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "cases" }) }, "‹ Cases"),
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
          h("h2", {}, "Facts"),
          h(
            "dl",
            { class: "facts" },
            fact("Requester", c.requester.name),
            fact("Email", c.requester.email),
            fact("Phone", c.requester.phone),
            fact("Company", c.requester.company),
            fact("Relationship", c.requester.relationship && label(c.requester.relationship)),
            fact("Postal address", c.requester.postal_address),
            fact("Agent", c.agent && `${c.agent.name}${c.agent.proof_received ? ` (proof ${formatDate(c.agent.proof_received)})` : ""}`),
            fact("Rights", c.rights.map(label).join(", ")),
            fact("Channel", label(c.channel)),
            fact("Received", `${formatDate(c.received)} (${c.time_zone})`),
            fact("Assignee", c.assignee),
            fact("Outcome", c.outcome && `${label(c.outcome)}${c.outcome_reason ? `: ${c.outcome_reason}` : ""}`),
            fact("Tags", c.tags.join(", ")),
          ),
          c.notes ? h("div", { class: "notes" }, h("h3", {}, "Notes"), h("p", {}, c.notes)) : null,
        ),
        h(
          "article",
          { class: "card" },
          h("h2", {}, "Timeline"),
          c.events.length === 0
            ? h("p", { class: "muted" }, "Nothing recorded yet.")
            : h(
                "ol",
                { class: "timeline", id: "timeline" },
                c.events.map((e) =>
                  h(
                    "li",
                    {},
                    h("time", {}, formatDate(e.on)),
                    h("strong", {}, label(e.type)),
                    e.note ? h("span", { class: "note" }, e.note) : null,
                    h("span", { class: "muted small" }, `by ${e.actor}`),
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
          h("h2", {}, "Deadlines"),
          h(
            "dl",
            { class: "facts" },
            deadline("Acknowledge by", d.acknowledge_by),
            deadline("Respond by", d.respond_by),
            deadline("Extension notice by", d.extension_notice_by),
            deadline("Extended response by", d.extended_respond_by),
          ),
          computed ? null : h("p", { class: "hint" }, "No statutory dates have been computed for this case."),
        ),
        actionForm(ctx, root, c),
      ),
    ),
  );
}

function actionForm(ctx: Ctx, root: HTMLElement, c: CaseView): HTMLElement {
  if (c.allowed_events.length === 0) return h("div");
  const type = select(c.allowed_events.map((t): [string, string] => [t, label(t)]));
  const on = h("input", { type: "date", value: todayIso(), max: todayIso(), min: c.received });
  const note = h("textarea", { rows: 2 });
  const outcome = select([["", "—"], ...ctx.vocab.outcomes.map((o): [string, string] => [o, label(o)])]);
  const reason = h("input", { type: "text" });
  const outcomeField = field("Outcome", "outcome", outcome);
  const reasonField = field("Reason", "reason", reason, "For a denial or rejection: the exception relied on.");
  const error = h("div", { class: "form-error", role: "alert" });
  const sync = () => {
    outcomeField.hidden = type.value !== "closed";
    reasonField.hidden = !["closed", "rejected", "withdrawn"].includes(type.value);
  };
  type.addEventListener("change", sync);
  sync();
  const form = h(
    "form",
    { class: "card", id: "event-form" },
    h("h2", {}, "Record an event"),
    h("div", { class: "row" }, field("Event", "event_type", type), field("Date", "on", on)),
    outcomeField,
    reasonField,
    field("Note", "note", note),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Record")),
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
      });
      render(ctx, root, updated);
    } catch (err) {
      const apiError = asApiError(err);
      if (!apiError.field || !showFieldError(form, apiError.field, apiError.message)) error.textContent = apiError.message;
    }
  });
  return form;
}
