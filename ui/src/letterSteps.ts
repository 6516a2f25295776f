// The letters of a case and the steps of each: a draft is revised or approved, then dispatched;
// the state chip says where it stands.
import { api, asApiError, DISPATCH_METHODS, LATE_REASONS, type CaseView, type LetterRecord } from "./api";
import type { Ctx } from "./app";
import { clearFieldErrors, field, h, select, showFieldError } from "./dom";
import { formatDate, formatDateTime, label } from "./format";
import { t } from "./i18n";
import { dateInput } from "./dateField";

/** The Letters card: each letter with its number, state and dates, and the next steps it can take. */
export function lettersCard(ctx: Ctx, c: CaseView, shown: (view: CaseView) => void): HTMLElement {
  const open = !c.retention.purged_on;
  const step = (l: LetterRecord, name: string, text: string, act: () => void) =>
    h("button", { type: "button", class: "link", [`data-${name}`]: l.number, onclick: act }, text);
  const item = (l: LetterRecord) =>
    h(
      "li",
      { "data-letter": l.number },
      h("div", {}, h("strong", {}, `${l.number}. ${label(l.template)}`), " ", h("span", { class: `letter-state letter-${l.state}` }, label(l.state))),
      h("div", { class: "muted small" }, facts(l)),
      open && l.state !== "sent"
        ? h(
            "div",
            { class: "steps" },
            step(l, "revise", t("Revise…"), () => ctx.navigate({ name: "letter", reference: c.reference, revise: l.number })),
            l.state === "draft" ? step(l, "approve", t("Approve…"), () => approveDialog(c.reference, l, shown)) : null,
            step(l, "dispatch", t("Record as sent…"), () => dispatchDialog(c, l, shown)),
          )
        : null,
    );
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Letters")),
    c.letters.length === 0 ? h("p", { class: "muted" }, t("No letters yet.")) : h("ul", { class: "letters", id: "letters" }, c.letters.map(item)),
    c.late ? lateNote(c, shown) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "write-letter", onclick: () => ctx.navigate({ name: "letter", reference: c.reference }) }, t("Write a letter…")),
    ),
  );
}

function facts(l: LetterRecord): string {
  const parts = [`${l.language} · ${t("made {date}", { date: formatDate(l.created_at) })} · ${Math.round(l.size / 1024)} KB`];
  if (l.approved_by && l.approved_at) parts.push(t("approved by {name} on {date}", { name: l.approved_by, date: formatDate(l.approved_at) }));
  if (l.sent_on) {
    const how = l.sent_method ? ` (${label(l.sent_method)}${l.tracking ? `, ${l.tracking}` : ""})` : "";
    parts.push(t("sent {date}", { date: formatDate(l.sent_on) }) + how);
  }
  return parts.join(" · ");
}

/** How late the case was answered and why; without a reason yet, a form to give it. */
function lateNote(c: CaseView, shown: (view: CaseView) => void): HTMLElement {
  const late = c.late!;
  const why = late.reason ? `${label(late.reason)}${late.note ? ` — ${late.note}` : ""}` : t("no reason recorded");
  const text = h("p", {}, t("Answered {days} days after the due date ({due}): {why}", { days: late.days, due: formatDate(late.due), why }));
  if (late.reason || c.retention.purged_on) return h("div", { class: "late-answer", id: "late-answer" }, text);
  const reason = select(LATE_REASONS.map((r): [string, string] => [r, label(r)]), "volume");
  reason.setAttribute("aria-label", t("Reason for lateness"));
  const note = h("input", { type: "text", "aria-label": t("Note on lateness"), placeholder: t("Note on lateness") });
  const error = h("div", { class: "form-error", role: "alert" });
  const form = h("form", { class: "inline-form", id: "late-form" }, h("div", { class: "row" }, reason, note, h("button", { type: "submit" }, t("Give the reason"))), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      shown(await api.setLateReason(c.reference, reason.value, note.value));
    } catch (err) {
      error.textContent = asApiError(err).message;
    }
  });
  return h("div", { class: "late-answer", id: "late-answer" }, text, form);
}

/** A small modal form; `submit` returns the case to show, or throws an error for a field. */
function stepDialog(id: string, title: string, body: HTMLElement[], action: string, submit: () => Promise<CaseView>, shown: (view: CaseView) => void): void {
  const error = h("div", { class: "form-error", role: "alert", id: `${id}-error` });
  const button = h("button", { type: "submit", class: "primary", id: `${id}-save` }, action);
  const form = h(
    "form",
    { method: "dialog", id: `${id}-form`, novalidate: true },
    h("h2", { id: `${id}-title` }, title),
    body,
    error,
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => dialog.close() }, t("Cancel")), button),
  );
  const dialog = h("dialog", { id, "aria-labelledby": `${id}-title` }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    error.textContent = "";
    button.disabled = true;
    try {
      const view = await submit();
      dialog.close();
      shown(view);
    } catch (err) {
      const problem = asApiError(err);
      if (!problem.field || !showFieldError(form, problem.field, problem.message)) error.textContent = problem.message;
    } finally {
      button.disabled = false;
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
}

function approveDialog(reference: string, l: LetterRecord, shown: (view: CaseView) => void): void {
  const by = h("input", { type: "text", autofocus: true, placeholder: t("you") });
  const note = h("input", { type: "text" });
  stepDialog(
    "approve-dialog",
    t("Approve letter {n}", { n: l.number }),
    [
      h("p", { class: "hint" }, t("The approval records who and when, with the fingerprint of this exact PDF: {sha}", { sha: l.sha256.slice(0, 16) + "…" })),
      field(t("Approved by"), "by", by),
      field(t("Comment"), "note", note),
    ],
    t("Approve"),
    async () => {
      await api.approveLetter(reference, l.number, by.value, note.value);
      return api.getCase(reference);
    },
    shown,
  );
}

function dispatchDialog(c: CaseView, l: LetterRecord, shown: (view: CaseView) => void): void {
  const method = select(DISPATCH_METHODS.map((m): [string, string] => [m, label(m)]), "email");
  // Empty: today at the office (the store's day, which the window's clock may not share).
  const on = dateInput();
  const tracking = h("input", { type: "text" });
  const reason = select([["", t("Not late")], ...LATE_REASONS.map((r): [string, string] => [r, label(r)])], "");
  const note = h("input", { type: "text" });
  stepDialog(
    "dispatch-dialog",
    t("Record letter {n} as sent", { n: l.number }),
    [
      h("p", { class: "hint" }, t("Made {date}. Recording a response as sent marks the request answered on that day.", { date: formatDateTime(l.created_at.slice(0, 10)) })),
      h("div", { class: "grid-2" }, field(t("How it left"), "method", method), field(t("Date (empty: today)"), "on", on)),
      field(t("Tracking number or receipt"), "tracking", tracking),
      h("div", { class: "grid-2" }, field(t("Reason for lateness (when late)"), "late_reason", reason), field(t("Note on lateness"), "late_note", note)),
    ],
    t("Record as sent"),
    async () => {
      await api.dispatchLetter(c.reference, l.number, { method: method.value, on: on.value, tracking: tracking.value, late_reason: reason.value, late_note: note.value });
      return api.getCase(c.reference);
    },
    shown,
  );
}
