// The breach register: every breach, the latest first, with the clock that runs out next.
import { api, asApiError } from "../api";
import type { Ctx } from "../app";
import { h } from "../dom";
import { formatInstant, hoursLeftText, label } from "../format";
import { t, tn } from "../i18n";
import { clockTitle } from "./breach";

export async function breachesScreen(ctx: Ctx): Promise<HTMLElement> {
  const [breaches, profile] = await Promise.all([api.listBreaches(), api.getProfile()]);
  const zone = profile.time_zone;
  const row = (b: (typeof breaches)[number]) =>
    h(
      "tr",
      { "data-reference": b.reference, class: b.next && b.next.hours_left !== null && b.next.hours_left < 24 ? "urgent" : "" },
      h("td", { class: "ref" }, h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "breach", reference: b.reference }) }, b.reference)),
      h("td", {}, formatInstant(b.aware_at, zone)),
      h("td", {}, b.regimes.map(label).join(", ")),
      h("td", {}, b.risk ? label(`risk-${b.risk}`) : t("not assessed")),
      h(
        "td",
        {},
        b.closed_at
          ? t("closed")
          : b.next
            ? `${clockTitle(b.next)}: ${formatInstant(b.next.due_at, zone)} · ${hoursLeftText(b.next.hours_left ?? 0)}`
            : t("every clock met"),
      ),
    );
  const saved = h("span", { class: "muted small", role: "status", id: "register-saved" });
  const save = (format: "csv" | "pdf") => async () => {
    try {
      const n = await api.exportBreachRegister(format);
      if (n !== null) saved.textContent = tn(n, "The register of {n} breach was saved.", "The register of {n} breaches was saved.");
    } catch (e) {
      saved.textContent = asApiError(e).message;
    }
  };
  return h(
    "section",
    { class: "screen" },
    h(
      "header",
      { class: "screen-head" },
      h("h1", {}, t("Breaches")),
      saved,
      h("button", { type: "button", id: "register-csv", onclick: save("csv") }, t("Register as CSV…")),
      h("button", { type: "button", id: "register-pdf", onclick: save("pdf") }, t("Register as PDF…")),
      h("button", { type: "button", class: "primary", id: "new-breach", onclick: () => ctx.navigate({ name: "new-breach" }) }, t("Record a breach…")),
    ),
    h("p", { class: "hint" }, t("The register of personal-data breaches (GDPR Art. 33(5)), with each notification's clock.")),
    breaches.length === 0
      ? h("p", { class: "empty" }, t("No breaches recorded."))
      : h(
          "table",
          { class: "cases", id: "breach-table" },
          h("thead", {}, h("tr", {}, [t("Reference"), t("Aware"), t("Laws"), t("Risk"), t("Next")].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, breaches.map(row)),
        ),
  );
}
