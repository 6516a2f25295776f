// Retention: the closed cases whose retention period has ended, and the purge that redacts their
// personal data while keeping the figures. Cases on legal hold are never listed.
import { api, asApiError, type Expired } from "../api";
import type { Ctx } from "../app";
import { h, replace } from "../dom";
import { formatDate, label } from "../format";
import { t, tn } from "../i18n";

export async function retentionScreen(ctx: Ctx): Promise<HTMLElement> {
  const body = h("div", { id: "retention-body" });
  const status = h("div", { role: "status", id: "purge-status" });
  const actions = h("div", { class: "head-actions" });

  async function load(): Promise<void> {
    try {
      render(await api.retentionPreview());
    } catch (e) {
      replace(body, h("p", { class: "form-error" }, asApiError(e).message));
    }
  }

  function render(expired: Expired[]): void {
    replace(actions);
    if (expired.length === 0) {
      replace(body, h("p", { class: "empty" }, t("No closed case has passed its retention period.")));
      return;
    }
    const confirm = h("button", { type: "button", class: "danger", id: "confirm-purge", hidden: true }, tn(expired.length, "Yes, redact {n} case", "Yes, redact {n} cases"));
    const purge = h("button", { type: "button", class: "primary", id: "purge" }, tn(expired.length, "Purge {n} case…", "Purge {n} cases…"));
    purge.addEventListener("click", () => {
      purge.hidden = true;
      confirm.hidden = false;
      confirm.focus();
      status.className = "hint";
      status.textContent = t("Names, contact details, notes, correspondence text, attachments and letters of these cases will be removed for good. Regime, rights, dates and outcome stay for the reports.");
    });
    confirm.addEventListener("click", async () => {
      try {
        const done = await api.purgeExpired();
        status.className = "form-ok";
        status.textContent = tn(done.length, "Purged {n} case; the purge is in the audit log.", "Purged {n} cases; the purge is in the audit log.");
        await load();
      } catch (e) {
        status.className = "form-error";
        status.textContent = asApiError(e).message;
      }
    });
    replace(actions, purge, confirm);
    replace(
      body,
      h("p", { class: "muted" }, tn(expired.length, "{n} closed case has passed the retention period.", "{n} closed cases have passed the retention period, oldest first.")),
      h(
        "table",
        { class: "cases", id: "expired-table" },
        h("thead", {}, h("tr", {}, [t("Reference"), t("Regime"), t("Closed"), t("Keep until")].map((text) => h("th", { scope: "col" }, text)))),
        h(
          "tbody",
          {},
          expired.map((e) =>
            h(
              "tr",
              { "data-reference": e.reference, onclick: () => ctx.navigate({ name: "case", reference: e.reference }) },
              h("td", { class: "ref" }, e.reference),
              h("td", {}, label(e.regime)),
              h("td", {}, formatDate(e.closed_on)),
              h("td", {}, formatDate(e.keep_until)),
            ),
          ),
        ),
      ),
    );
  }

  await load();
  return h(
    "section",
    { class: "screen retention" },
    h("header", { class: "screen-head" }, h("h1", {}, t("Retention")), actions),
    h(
      "p",
      { class: "hint" },
      t("Closed cases are kept for the period set per regime (CCPA at least 24 months after the response; GDPR and UK GDPR the office's own period). A case on legal hold is kept until the hold is released on the case."),
    ),
    status,
    body,
  );
}
