// The address book: representatives, the DPO, authorities and the others the office writes to.
// Each party can be corrected, retired (its history kept) and opened on its thread.
import { api, asApiError, partyId, type Party } from "../api";
import type { Ctx } from "../app";
import { partyTitle } from "../correspondenceDialog";
import { h, replace } from "../dom";
import { formatDate, label } from "../format";
import { t } from "../i18n";
import { partyDialog } from "../partyDialog";

export async function partiesScreen(ctx: Ctx): Promise<HTMLElement> {
  const root = h("section", { class: "screen" });
  const error = h("div", { class: "form-error", role: "alert", id: "parties-error" });
  const draw = async () => {
    const parties = await api.listParties();
    const add = h("button", { type: "button", class: "primary", id: "add-party", onclick: () => partyDialog(null, () => void draw()) }, t("Add party…"));
    replace(
      root,
      h("header", { class: "screen-head" }, h("h1", {}, t("Parties")), add),
      error,
      h("div", { class: "cards", id: "parties" }, parties.map((p) => card(ctx, p, draw, error))),
    );
  };
  await draw();
  return root;
}

function card(ctx: Ctx, p: Party, redraw: () => Promise<void>, error: HTMLElement): HTMLElement {
  const act = (run: () => Promise<unknown>) => async () => {
    error.textContent = "";
    try {
      await run();
      await redraw();
    } catch (e) {
      error.textContent = asApiError(e).message;
    }
  };
  return h(
    "article",
    { class: p.retired_on ? "card party retired" : "card party", "data-party": p.id },
    h("div", { class: "role" }, label(p.kind), p.retired_on ? ` · ${t("retired {date}", { date: formatDate(p.retired_on) })}` : ""),
    h("h2", {}, partyTitle(p)),
    p.contact_person ? h("div", {}, p.contact_person) : null,
    h("address", {}, p.address.flatMap((line, i) => (i ? [h("br"), line] : [line]))),
    p.email ? h("div", { class: "email" }, p.email) : null,
    p.phone ? h("div", {}, p.phone) : null,
    p.notes ? h("p", { class: "muted small" }, p.notes) : null,
    h(
      "div",
      { class: "row small" },
      h("button", { type: "button", class: "link", "data-thread": partyId(p), onclick: () => ctx.navigate({ name: "party", id: partyId(p) }) }, t("Correspondence")),
      h("button", { type: "button", class: "link", "data-edit": p.id, onclick: () => partyDialog(p, () => void redraw()) }, t("Correct…")),
      h(
        "button",
        { type: "button", class: "link", "data-retire": p.id, onclick: act(() => api.retireParty(partyId(p), !p.retired_on)) },
        p.retired_on ? t("Bring back") : t("Retire"),
      ),
    ),
  );
}
