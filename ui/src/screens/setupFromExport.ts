// Starting the first database from a Casebook export (a new laptop, or a backup kept as JSON): the
// export picked and described, a new passphrase, then the database created with everything in it.
import { api, asApiError, type ExportSummary } from "../api";
import type { Ctx } from "../app";
import { clearFieldErrors, h, showFieldError } from "../dom";
import { newPassphrase } from "../newPassphrase";
import { t, tn } from "../i18n";
import { showRecoveryKey } from "./setup";

/** Asks for the export, then shows the dialog; the app opens on the new database. */
export async function setupFromExport(ctx: Ctx): Promise<void> {
  const summary = await api.pickExport();
  if (summary) exportDialog(ctx, summary);
}

function exportDialog(ctx: Ctx, summary: ExportSummary): void {
  const min = ctx.vocab.min_passphrase_chars;
  // Named apart from the set-up form's own passphrase fields, which stay on the page behind.
  const passphrase = newPassphrase(min, [t("Passphrase"), t("Repeat the passphrase")], ["export-passphrase", "export-confirm"]);
  const formError = h("div", { class: "form-error", role: "alert", id: "from-export-error" });
  const submit = h("button", { type: "submit", class: "primary", id: "from-export-create" }, t("Create encrypted database"));
  const form = h(
    "form",
    { method: "dialog", id: "from-export-form", novalidate: true },
    h("h2", { id: "from-export-title" }, t("Start from a Casebook export")),
    h(
      "p",
      { class: "lead", id: "from-export-summary" },
      `${summary.organisation ?? t("An organisation not named")}: ` +
        [
          tn(summary.cases, "{n} case", "{n} cases"),
          tn(summary.parties, "{n} party", "{n} parties"),
          tn(summary.breaches, "{n} breach", "{n} breaches"),
        ].join(", "),
    ),
    h(
      "p",
      { class: "hint" },
      t("Every row is checked as it is imported; one that is refused leaves no database behind. The audit log starts anew with the import."),
    ),
    passphrase.nodes,
    formError,
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => dialog.close() }, t("Cancel")), submit),
  );
  const dialog = h("dialog", { id: "from-export-dialog", "aria-labelledby": "from-export-title" }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    if (!passphrase.repeated(form)) return;
    submit.disabled = true;
    submit.textContent = t("Creating…");
    try {
      const done = await api.setUpFromExport(passphrase.input.value);
      showRecoveryKey(form, done.recovery_key, done.status.seal_key, () => {
        dialog.close();
        ctx.enter(done.status);
      });
    } catch (err) {
      const error = asApiError(err);
      const at = error.field === "passphrase" ? "export-passphrase" : null;
      if (!at || !showFieldError(form, at, error.message)) formError.textContent = error.message;
      submit.disabled = false;
      submit.textContent = t("Create encrypted database");
    }
  });
  dialog.addEventListener("cancel", (e) => {
    if (!form.isConnected) e.preventDefault();
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  queueMicrotask(() => passphrase.input.focus());
}
