// A new case from a form, or the same form to correct a case; each validation message appears
// next to its field.
import { api, asApiError, type CaseInput, type CaseView } from "../api";
import type { Ctx } from "../app";
import { clearFieldErrors, field, h, replace, select, showFieldError } from "../dom";
import { label, todayIso } from "../format";
import { t } from "../i18n";
import { dateInput } from "../dateField";

export function newCaseScreen(ctx: Ctx): HTMLElement {
  return caseForm(ctx, null);
}

/** The form filled with a case's facts, its kind and regime included (the reference stays). */
export async function editCaseScreen(ctx: Ctx, reference: string): Promise<HTMLElement> {
  return caseForm(ctx, await api.getCase(reference));
}

/** The local wall-clock time of an instant in a zone, as `HH:MM`. */
export function localTime(instant: string, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${part("hour")}:${part("minute")}`;
}

function caseForm(ctx: Ctx, existing: CaseView | null): HTMLElement {
  const v = ctx.vocab;
  const kind = select(v.kinds.map((k): [string, string] => [k, label(k)]), "request");
  const regime = select(v.regimes.map(([r]): [string, string] => [r, label(r)]), "gdpr");
  const rights = h("div", { class: "checks", role: "group", "aria-label": t("Rights") });
  const channel = select(v.channels.map((c): [string, string] => [c, label(c)]), "email");
  const date = dateInput({ value: todayIso(), required: true });
  const time = h("input", { type: "time", value: "" });
  const zone = h("input", { type: "text", placeholder: t("Office time zone") });
  const name = h("input", { type: "text", required: true, autocomplete: "off", autofocus: true });
  const email = h("input", { type: "email", autocomplete: "off" });
  const phone = h("input", { type: "tel", autocomplete: "off" });
  const company = h("input", { type: "text", autocomplete: "off" });
  const relationship = select([["", "—"], ...v.relationships.map((r): [string, string] => [r, label(r)])]);
  const address = h("textarea", { rows: 3 });
  const agentName = h("input", { type: "text", autocomplete: "off" });
  const agentProof = dateInput();
  const assignee = h("input", { type: "text" });
  const tags = h("input", { type: "text", autocomplete: "off" });
  const notes = h("textarea", { rows: 3 });
  const formError = h("div", { class: "form-error", role: "alert" });

  const correction = h("p", { class: "hint", id: "reclassify-note", role: "status", hidden: true });
  /** The regime's rights, keeping the ticks of those it shares with the one before. */
  const renderRights = () => {
    const ticked = new Set([...rights.querySelectorAll<HTMLInputElement>("input:checked")].map((c) => c.value));
    const known = v.regimes.find(([r]) => r === regime.value)?.[1] ?? [];
    const keep = known.some((r) => ticked.has(r));
    replace(
      rights,
      known.map((r, i) =>
        h(
          "label",
          { class: "check" },
          h("input", { type: "checkbox", name: "right", value: r, checked: keep ? ticked.has(r) : i === 0 && kind.value === "request" }),
          label(r),
        ),
      ),
    );
    if (existing) {
      correction.hidden = kind.value === existing.kind && regime.value === existing.regime;
      correction.textContent = t("Every deadline of {reference} will be computed anew under the rules of this kind and regime; its reference stays.", {
        reference: existing.reference,
      });
    }
  };
  regime.addEventListener("change", renderRights);
  kind.addEventListener("change", renderRights);
  renderRights();
  if (existing) {
    kind.value = existing.kind;
    regime.value = existing.regime;
    replace(rights);
    renderRights();
    rights.querySelectorAll<HTMLInputElement>("input").forEach((c) => (c.checked = existing.rights.some((r) => r === c.value)));
    channel.value = existing.channel;
    date.value = existing.received;
    time.value = localTime(existing.received_at, existing.time_zone);
    zone.value = existing.time_zone;
    name.value = existing.requester.name;
    email.value = existing.requester.email ?? "";
    phone.value = existing.requester.phone ?? "";
    company.value = existing.requester.company ?? "";
    relationship.value = existing.requester.relationship ?? "";
    address.value = existing.requester.postal_address ?? "";
    agentName.value = existing.agent?.name ?? "";
    agentProof.value = existing.agent?.proof_received ?? "";
    assignee.value = existing.assignee ?? "";
    tags.value = existing.tags.join(", ");
    notes.value = existing.notes;
  }
  const cancel = () => (existing ? ctx.navigate({ name: "case", reference: existing.reference }) : ctx.navigate({ name: "cases" }));

  const form = h(
    "form",
    { class: "card form-wide", id: existing ? "edit-case-form" : "new-case-form", novalidate: true },
    h("h1", {}, existing ? t("Correct {reference}", { reference: existing.reference }) : t("New case")),
    h("div", { class: "row" }, field(t("Kind"), "kind", kind), field(t("Regime"), "regime", regime), field(t("Channel"), "channel", channel)),
    correction,
    h("div", { class: "field", "data-field": "rights" }, h("span", { class: "label" }, t("Rights")), rights, h("div", { class: "field-error" })),
    h(
      "div",
      { class: "row" },
      field(t("Received on"), "received", date),
      field(t("At (local time)"), "received_time", time, t("Optional")),
      field(t("Time zone"), "time_zone", zone, t("Blank: the office's zone")),
    ),
    h("h2", {}, t("Requester")),
    h("div", { class: "row" }, field(t("Name"), "name", name), field(t("Email"), "email", email)),
    h("div", { class: "row" }, field(t("Phone"), "phone", phone), field(t("Company"), "company", company), field(t("Relationship"), "relationship", relationship)),
    field(t("Postal address"), "postal_address", address),
    h("h2", {}, t("Authorised agent")),
    h("div", { class: "row" }, field(t("Agent name"), "agent_name", agentName), field(t("Proof of authority received"), "agent_proof_received", agentProof)),
    h("h2", {}, t("Handling")),
    h("div", { class: "row" }, field(t("Assignee"), "assignee", assignee), field(t("Tags"), "tag", tags, t("Separated by commas"))),
    field(t("Notes"), "notes", notes),
    formError,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", onclick: cancel }, t("Cancel")),
      h("button", { type: "submit", class: "primary", id: "save-case", title: t("Save (Ctrl+S)") }, existing ? t("Save changes") : t("Save case")),
    ),
  );

  form.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    const input: CaseInput = {
      kind: kind.value,
      regime: regime.value,
      rights: [...rights.querySelectorAll<HTMLInputElement>("input:checked")].map((c) => c.value),
      channel: channel.value,
      received: time.value ? `${date.value}T${time.value}` : date.value,
      time_zone: zone.value || null,
      name: name.value,
      email: email.value || null,
      phone: phone.value || null,
      company: company.value || null,
      relationship: relationship.value || null,
      postal_address: address.value || null,
      agent_name: agentName.value || null,
      agent_proof_received: agentProof.value || null,
      assignee: assignee.value || null,
      notes: notes.value || null,
      tags: tags.value
        .split(",")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ""),
    };
    try {
      const saved = existing ? await api.updateCase(existing.reference, input) : await api.addCase(input);
      ctx.navigate({ name: "case", reference: saved.reference });
    } catch (err) {
      const error = asApiError(err);
      if (!error.field || !showFieldError(form, error.field, error.message)) formError.textContent = error.message;
    }
  });

  return h("section", { class: "screen" }, form);
}
