// Recording a breach: when the office became aware (local time and its zone, never assumed), the
// laws it falls under, what happened and to whom; the authorities default to the address book's.
// The same form corrects or completes a breach's facts as the investigation goes on.
import { api, asApiError, partyId, type BreachInput } from "../api";
import type { Ctx } from "../app";
import { clearFieldErrors, field, h, select, showFieldError } from "../dom";
import { label } from "../format";
import { t } from "../i18n";

const lines = (v: string) => v.split("\n").map((l) => l.trim()).filter(Boolean);

export async function newBreachScreen(ctx: Ctx, editing: string | null): Promise<HTMLElement> {
  const [profile, parties, was] = await Promise.all([api.getProfile(), api.listParties(), editing ? api.breachInput(editing) : Promise.resolve(null)]);
  const aware = h("input", { type: "datetime-local", required: true, autofocus: true });
  const zone = h("input", { type: "text", value: profile.time_zone, required: true, spellcheck: false });
  const regimes = ctx.vocab.regimes.map(([r]) => [r, h("input", { type: "checkbox", value: r, id: `breach-regime-${r}` })] as const);
  const description = h("textarea", { rows: 3, required: true });
  const occurredFrom = h("input", { type: "datetime-local" });
  const occurredTo = h("input", { type: "datetime-local" });
  const discovered = h("input", { type: "text" });
  const dataCategories = h("textarea", { rows: 2, placeholder: t("One per line") });
  const subjectCategories = h("textarea", { rows: 2, placeholder: t("One per line") });
  const counts = h("textarea", { rows: 2, placeholder: t("PLACE=NUMBER, one per line (DE=120, US-CA=600)") });
  const risk = select([["", t("Not assessed yet")], ["none", label("risk-none")], ["risk", label("risk-risk")], ["high", label("risk-high")]], "");
  const reasoning = h("textarea", { rows: 2 });
  const measures = h("textarea", { rows: 2 });
  const consequences = h("textarea", { rows: 2 });
  const wrongful = h("input", { type: "checkbox", id: "breach-wrongful" });
  const authorities = parties
    .filter((p) => p.kind === "authority" && !p.retired_on)
    .map((p) => [partyId(p), h("input", { type: "checkbox", value: String(p.id), "data-authority": p.id }), p] as const);
  const error = h("div", { class: "form-error", role: "alert", id: "breach-error" });
  const form = h(
    "form",
    { class: "card form-wide", id: "breach-form", novalidate: true },
    h("div", { class: "grid-2" }, field(t("Aware since (local time)"), "aware", aware), field(t("Time zone of that time"), "time_zone", zone)),
    h(
      "fieldset",
      { class: "field", "data-field": "regime" },
      h("legend", {}, t("Laws it falls under")),
      regimes.map(([r, box]) => h("label", { class: "check inline" }, box, label(r))),
      h("div", { class: "field-error", id: "f-regime-error", role: "alert" }),
    ),
    field(t("What happened"), "description", description),
    h("div", { class: "grid-2" }, field(t("It began (if known)"), "occurred_from", occurredFrom), field(t("It ended (if known)"), "occurred_to", occurredTo)),
    field(t("How it was discovered"), "discovered_how", discovered),
    h("div", { class: "grid-2" }, field(t("Categories of data"), "data_categories", dataCategories), field(t("Categories of people"), "subject_categories", subjectCategories)),
    field(t("Approximate number of people, by country or state"), "count", counts),
    h("div", { class: "grid-2" }, field(t("Risk to people"), "risk", risk), field(t("Reasoning"), "risk_reasoning", reasoning)),
    field(t("Likely consequences"), "consequences", consequences),
    field(t("Measures taken or proposed"), "measures", measures),
    h(
      "fieldset",
      { class: "field", "data-field": "authority" },
      h("legend", {}, t("Authorities to notify (none ticked: those of the laws chosen)")),
      authorities.map(([, box, p]) => h("label", { class: "check" }, box, `${p.name}${p.country ? ` (${p.country})` : ""}`)),
      h("div", { class: "field-error", id: "f-authority-error", role: "alert" }),
    ),
    h("label", { class: "check" }, wrongful, t("APPI: possibly caused with a wrongful purpose (final report within 60 days)")),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "save-breach" }, editing ? t("Save the correction") : t("Record the breach"))),
  );
  if (was) fill(was);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    error.textContent = "";
    const input: BreachInput = {
      aware: aware.value,
      time_zone: zone.value,
      regimes: regimes.filter(([, box]) => box.checked).map(([r]) => r),
      description: description.value,
      occurred_from: occurredFrom.value || null,
      occurred_to: occurredTo.value || null,
      discovered_how: discovered.value || null,
      data_categories: lines(dataCategories.value),
      subject_categories: lines(subjectCategories.value),
      counts: lines(counts.value),
      consequences: consequences.value || null,
      measures: measures.value || null,
      risk: risk.value || null,
      risk_reasoning: reasoning.value || null,
      authorities: authorities.filter(([, box]) => box.checked).map(([id]) => id),
      wrongful_purpose: wrongful.checked,
    };
    try {
      const b = editing ? await api.editBreach(editing, input) : await api.addBreach(input);
      ctx.navigate({ name: "breach", reference: b.reference });
    } catch (err) {
      const problem = asApiError(err);
      if (!problem.field || !showFieldError(form, problem.field, problem.message)) error.textContent = problem.message;
    }
  });
  function fill(b: BreachInput): void {
    aware.value = b.aware;
    zone.value = b.time_zone;
    regimes.forEach(([r, box]) => (box.checked = b.regimes.includes(r)));
    description.value = b.description;
    occurredFrom.value = b.occurred_from ?? "";
    occurredTo.value = b.occurred_to ?? "";
    discovered.value = b.discovered_how ?? "";
    dataCategories.value = b.data_categories.join("\n");
    subjectCategories.value = b.subject_categories.join("\n");
    counts.value = b.counts.join("\n");
    consequences.value = b.consequences ?? "";
    measures.value = b.measures ?? "";
    risk.value = b.risk ?? "";
    reasoning.value = b.risk_reasoning ?? "";
    authorities.forEach(([id, box]) => (box.checked = b.authorities.includes(id)));
    wrongful.checked = b.wrongful_purpose;
  }
  return h(
    "section",
    { class: "screen" },
    h(
      "header",
      { class: "screen-head" },
      editing
        ? h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "breach", reference: editing }) }, `‹ ${editing}`)
        : h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "breaches" }) }, t("‹ Breaches")),
      h("h1", {}, editing ? t("Correct {reference}", { reference: editing }) : t("Record a breach")),
    ),
    form,
  );
}
