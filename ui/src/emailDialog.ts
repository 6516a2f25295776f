// The dialog that asks where imported emails go: onto the open case, or each into a new case.
import { asApiError, type EmailPreview, type EmailTarget, type Regime } from "./api";
import type { Ctx } from "./app";
import { h, select } from "./dom";
import { label } from "./format";
import { t, tn } from "./i18n";

/** Who the address book says an email is from (or, for our own, to), for the user to confirm. */
function senderLine(p: EmailPreview): string {
  const who = p.sender.party ?? label(p.sender.counterpart);
  if (p.sender.direction === "out") return t("Sent by the office to {who}", { who: p.sender.party ?? t("the data subject") });
  return p.sender.known ? t("From {who} ({kind})", { who, kind: label(p.sender.counterpart) }) : t("From {address}: not in the address book, logged as from the data subject", { address: p.from });
}

/**
 * Shows the dialog for the waiting emails; `run` imports them to the chosen target and gives the
 * references they went to. Nothing is written before Import. Errors stay in the dialog; on
 * success it closes and the first case opens.
 */
export function emailDialog(ctx: Ctx, previews: EmailPreview[], caseRef: string | null, run: (target: EmailTarget) => Promise<string[] | null>): HTMLDialogElement {
  const onCase = h("input", { type: "radio", name: "email-target", value: "case", checked: caseRef !== null, id: "email-on-case" });
  const asNew = h("input", { type: "radio", name: "email-target", value: "new", checked: caseRef === null, id: "email-new-case" });
  const regime = select(ctx.vocab.regimes.map(([r]): [string, string] => [r, label(r)]), "gdpr");
  regime.setAttribute("aria-label", t("Regime of the new cases"));
  const error = h("div", { class: "form-error", role: "alert", id: "email-error" });
  const importButton = h("button", { type: "submit", class: "primary", id: "email-import" }, t("Import"));
  const title = previews.length ? tn(previews.length, "Import {n} email", "Import {n} emails") : t("Import emails");
  const dialog = h(
    "dialog",
    { id: "email-dialog", "aria-labelledby": "email-dialog-title" },
    h(
      "form",
      { method: "dialog" },
      h("h2", { id: "email-dialog-title" }, title),
      h(
        "ul",
        { class: "plain", id: "email-previews" },
        previews.map((p) => h("li", {}, h("strong", {}, p.subject), h("br"), h("span", { class: "muted small" }, `${p.file} · ${senderLine(p)}`))),
      ),
      caseRef ? h("label", { class: "check" }, onCase, t("Log on case {reference}", { reference: caseRef })) : null,
      h("label", { class: "check" }, asNew, t("Open a new case for each, under")),
      h("div", { class: "field" }, regime),
      error,
      h("div", { class: "actions" }, h("button", { type: "button", id: "email-cancel", onclick: () => dialog.close() }, t("Cancel")), importButton),
    ),
  );
  dialog.querySelector("form")!.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    importButton.disabled = true;
    const target: EmailTarget = onCase.checked && caseRef ? { case: caseRef } : { regime: regime.value as Regime };
    try {
      const references = await run(target);
      dialog.close();
      if (references && references.length) ctx.navigate({ name: "case", reference: references[0] });
    } catch (err) {
      error.textContent = asApiError(err).message;
    } finally {
      importButton.disabled = false;
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}
