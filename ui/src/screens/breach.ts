// A breach's page: its clocks to the minute (in the office's zone and each authority's), the
// notifications made and a form to record one, its timeline and the facts the register keeps.
import { api, asApiError, type Breach, type BreachClock } from "../api";
import type { Ctx } from "../app";
import { clearFieldErrors, field, h, replace, select, showFieldError } from "../dom";
import { formatInstant, hoursLeftText, label } from "../format";
import { t } from "../i18n";
import { LETTER_LANGUAGES } from "./letter";

export async function breachScreen(ctx: Ctx, reference: string): Promise<HTMLElement> {
  const root = h("section", { class: "screen detail" });
  const zone = (await api.getProfile()).time_zone;
  const show = (b: Breach) => render(ctx, root, b, zone, show);
  try {
    show(await api.getBreach(reference));
  } catch (e) {
    replace(root, h("p", { class: "form-error" }, asApiError(e).message));
  }
  return root;
}

function render(ctx: Ctx, root: HTMLElement, b: Breach, zone: string, show: (b: Breach) => void): void {
  const fact = (name: string, value: string | null | undefined) => (value ? [h("dt", {}, name), h("dd", {}, value)] : []);
  const counts = Object.entries(b.counts).map(([place, n]) => `${place} ${n}`).join(", ");
  replace(
    root,
    h(
      "header",
      { class: "screen-head" },
      h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "breaches" }) }, t("‹ Breaches")),
      h("h1", { id: "breach-reference" }, b.reference),
      h("span", { class: "muted" }, b.regimes.map(label).join(" · ")),
      b.closed_at ? null : h("button", { type: "button", id: "edit-breach", onclick: () => ctx.navigate({ name: "edit-breach", reference: b.reference }) }, t("Correct…")),
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
          h("h2", {}, t("Clocks")),
          h("ul", { class: "deadlines", id: "breach-clocks" }, b.clocks.map((c) => clockItem(c, zone))),
        ),
        noticesCard(b, zone, show),
        lettersCard(b),
      ),
      h(
        "div",
        {},
        h(
          "article",
          { class: "card" },
          h("h2", {}, t("Facts")),
          h(
            "dl",
            { class: "facts" },
            fact(t("Aware since"), `${formatInstant(b.aware_at, b.time_zone)}${b.time_zone !== zone ? ` · ${formatInstant(b.aware_at, zone)}` : ""}`),
            fact(t("What happened"), b.description),
            fact(
              t("When it happened"),
              b.occurred_from || b.occurred_to ? `${b.occurred_from ? formatInstant(b.occurred_from, zone) : "?"} – ${b.occurred_to ? formatInstant(b.occurred_to, zone) : "?"}` : null,
            ),
            fact(t("How it was discovered"), b.discovered_how),
            fact(t("Categories of data"), b.data_categories.join(", ")),
            fact(t("Categories of people"), b.subject_categories.join(", ")),
            fact(t("Approximate number of people"), counts),
            fact(t("Likely consequences"), b.consequences),
            fact(t("Risk to people"), b.risk ? `${label(`risk-${b.risk}`)}${b.risk_reasoning ? ` — ${b.risk_reasoning}` : ""}` : t("not assessed")),
            fact(t("Measures taken or proposed"), b.measures),
            fact(t("Authorities"), b.authorities.map((a) => a.name).join("; ")),
            fact(t("Contained"), b.contained_at && formatInstant(b.contained_at, zone)),
            fact(t("Requests and complaints it caused"), b.cases.join(", ")),
          ),
          b.closed_at ? null : h("p", { class: "muted small", id: "breach-elapsed" }, t("{n} hours since the office became aware", { n: Math.floor((Date.now() - Date.parse(b.aware_at)) / 3600e3) })),
          linkForm(b, show),
        ),
        timelineCard(b, zone, show),
      ),
    ),
  );
}

/** Drafts of the notification to an authority and of the communication to the people, as PDF. */
function lettersCard(b: Breach): HTMLElement {
  const template = select([["authority-notification", t("Notification to an authority (Art. 33(3))")], ["subject-communication", t("Communication to the people concerned (Art. 34(2))")]]);
  const party = select(b.authorities.map((a): [string, string] => [String(a.party_id), a.name]));
  const lang = select(Object.entries(LETTER_LANGUAGES), "en");
  const reasons = h("input", { type: "text" });
  const status = h("div", { class: "form-error", role: "alert", id: "breach-letter-status" });
  template.addEventListener("change", () => (party.disabled = template.value !== "authority-notification"));
  const form = h(
    "form",
    { id: "breach-letter-form", novalidate: true },
    field(t("Letter"), "template", template),
    h("div", { class: "grid-2" }, field(t("Authority"), "party", party), field(t("Language"), "lang", lang)),
    field(t("Reasons for the delay (when after the 72 hours)"), "delay_reasons", reasons),
    status,
    h("div", { class: "actions" }, h("button", { type: "submit", id: "save-breach-letter" }, t("Save as PDF…"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    status.className = "form-error";
    status.textContent = "";
    try {
      const name = await api.saveBreachLetter(b.reference, {
        template: template.value,
        lang: lang.value,
        party: template.value === "authority-notification" && party.value ? Number(party.value) : null,
        delay_reasons: reasons.value || null,
      });
      if (name) {
        status.className = "form-ok";
        status.textContent = t("Saved {file}: a draft to send; record the notification once it is made.", { file: name });
      }
    } catch (err) {
      status.textContent = asApiError(err).message;
    }
  });
  return h("article", { class: "card" }, h("h2", {}, t("Letters")), form);
}

function linkForm(b: Breach, show: (b: Breach) => void): HTMLElement {
  const other = h("input", { type: "text", placeholder: t("Reference, e.g. DSR-2026-0007"), "aria-label": t("A request or complaint it caused"), id: "breach-link-reference" });
  const error = h("div", { class: "form-error", role: "alert" });
  const form = h("form", { class: "inline-form", id: "breach-link-form" }, h("div", { class: "row" }, other, h("button", { type: "submit" }, t("Link"))), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      show(await api.linkBreach(b.reference, other.value));
    } catch (err) {
      error.textContent = asApiError(err).message;
    }
  });
  return form;
}

/** What a clock is for: the kind, and the authority's name when it is one's (the other kinds name
 * whom they concern themselves). */
export function clockTitle(c: { kind: string; who: string; party_id?: number | null }): string {
  return c.kind === "authority" ? `${label(c.kind)}: ${c.who}` : label(c.kind);
}

function clockItem(c: BreachClock, zone: string): HTMLElement {
  const state = c.met_at ? "met" : c.hours_left !== null && c.hours_left < 0 ? "overdue" : c.hours_left !== null && c.hours_left < 24 ? "due-today" : "later";
  const there = c.authority_zone && c.authority_zone !== zone ? ` · ${formatInstant(c.due_at, c.authority_zone)}` : "";
  return h(
    "li",
    { class: `deadline state-${state}`, "data-clock": `${c.kind}-${c.party_id ?? 0}` },
    h("div", { class: "deadline-head" }, h("strong", {}, clockTitle(c)), c.target ? h("span", { class: "muted small" }, ` ${t("(the office's target)")}`) : null),
    h("div", {}, h("time", { datetime: c.due_at }, formatInstant(c.due_at, zone)), there),
    h("div", { class: "deadline-state" }, c.met_at ? t("met {when}", { when: formatInstant(c.met_at, zone) }) : hoursLeftText(c.hours_left ?? 0)),
    h("div", { class: "basis" }, c.basis),
  );
}

function noticesCard(b: Breach, zone: string, show: (b: Breach) => void): HTMLElement {
  const to = select([["authority", t("An authority")], ["subjects", t("The data subjects")], ["attorney-general", t("The California Attorney General")]], "authority");
  const party = select(b.authorities.map((a): [string, string] => [String(a.party_id), a.name]));
  const phase = select(["initial", "preliminary", "follow-up", "final"].map((p): [string, string] => [p, label(p)]), "initial");
  const at = h("input", { type: "datetime-local" });
  const method = select(["portal", "email", "post", "phone", "in-person"].map((m): [string, string] => [m, label(m)]), "portal");
  const theirs = h("input", { type: "text" });
  const reasons = h("textarea", { rows: 2 });
  const error = h("div", { class: "form-error", role: "alert", id: "notice-error" });
  to.addEventListener("change", () => (party.disabled = to.value !== "authority"));
  const form = h(
    "form",
    { id: "notice-form", novalidate: true },
    h("h3", {}, t("Record a notification")),
    h("div", { class: "grid-2" }, field(t("To"), "to", to), field(t("Authority"), "party", party)),
    h("div", { class: "grid-2" }, field(t("Phase"), "phase", phase), field(t("How"), "method", method)),
    field(t("When (local time in {zone})", { zone: b.time_zone }), "at", at),
    field(t("Their reference"), "their_reference", theirs),
    field(t("Reasons for the delay (when after the 72 hours)"), "delay_reasons", reasons),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "save-notice" }, t("Record"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    error.textContent = "";
    try {
      show(
        await api.notifyBreach(b.reference, {
          to: to.value,
          party: to.value === "authority" && party.value ? Number(party.value) : null,
          phase: phase.value,
          at: at.value,
          method: method.value,
          their_reference: theirs.value || null,
          delay_reasons: reasons.value || null,
          note: null,
        }),
      );
    } catch (err) {
      const problem = asApiError(err);
      if (!problem.field || !showFieldError(form, problem.field, problem.message)) error.textContent = problem.message;
    }
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Notifications")),
    b.notifications.length === 0
      ? h("p", { class: "muted" }, t("None yet."))
      : h(
          "ul",
          { class: "letters", id: "notices" },
          b.notifications.map((n) =>
            h(
              "li",
              {},
              h("strong", {}, n.party ?? label(n.to)),
              ` · ${label(n.phase)} · ${label(n.method)} · ${formatInstant(n.at, zone)}`,
              n.their_reference ? ` · ${n.their_reference}` : "",
              n.delay_reasons ? h("div", { class: "basis" }, n.delay_reasons) : null,
            ),
          ),
        ),
    b.closed_at ? null : form,
  );
}

function timelineCard(b: Breach, zone: string, show: (b: Breach) => void): HTMLElement {
  const kind = select(["contained", "assessed", "note", "closed"].map((k): [string, string] => [k, label(k)]), "contained");
  const risk = select([["", "—"], ["none", label("risk-none")], ["risk", label("risk-risk")], ["high", label("risk-high")]], "");
  const at = h("input", { type: "datetime-local" });
  const note = h("textarea", { rows: 2 });
  const error = h("div", { class: "form-error", role: "alert", id: "breach-event-error" });
  const form = h(
    "form",
    { id: "breach-event-form", novalidate: true },
    h("div", { class: "grid-2" }, field(t("Event"), "kind", kind), field(t("Risk (with an assessment)"), "risk", risk)),
    field(t("When (empty: now)"), "at", at),
    field(t("Note or reasoning"), "note", note),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", id: "save-breach-event" }, t("Record"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    error.textContent = "";
    try {
      show(await api.recordBreachEvent(b.reference, { kind: kind.value, at: at.value || null, risk: risk.value || null, note: note.value }));
    } catch (err) {
      const problem = asApiError(err);
      if (!problem.field || !showFieldError(form, problem.field, problem.message)) error.textContent = problem.message;
    }
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Timeline")),
    h(
      "ol",
      { class: "timeline", id: "breach-events" },
      b.events.map((e) => h("li", {}, h("time", {}, formatInstant(e.at, zone)), h("div", {}, h("strong", {}, label(e.kind)), e.note ? h("div", {}, e.note) : null))),
    ),
    b.closed_at ? null : form,
  );
}
