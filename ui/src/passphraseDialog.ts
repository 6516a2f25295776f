// Changing the passphrase (Settings) and replacing a forgotten one with the recovery key (the lock
// screen). Either re-keys the database and shows its new recovery key once.
import { api, asApiError, type NewKeys } from "./api";
import { clearFieldErrors, field, h, showFieldError } from "./dom";
import { newPassphrase } from "./newPassphrase";
import { t } from "./i18n";
import { showRecoveryKey } from "./screens/setup";

type Mode = "change" | "reset";

/** Shows the dialog; `done` gets the answer once its new recovery key has been confirmed as stored. */
export function passphraseDialog(mode: Mode, minChars: number, done: (keys: NewKeys) => void): void {
  const secret = (autocomplete: string) => h("input", { type: "password", autocomplete, required: true, spellcheck: false });
  const first =
    mode === "change"
      ? secret("current-password")
      : h("input", {
          type: "text",
          autocomplete: "off",
          spellcheck: false,
          required: true,
          placeholder: "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
        });
  const passphrase = newPassphrase(minChars, [t("New passphrase"), t("Repeat the new passphrase")]);
  const formError = h("div", { class: "form-error", role: "alert", id: "passphrase-error" });
  const submit = h("button", { type: "submit", class: "primary", id: "passphrase-save" }, t("Change passphrase"));
  const form = h(
    "form",
    { method: "dialog", id: "passphrase-form", novalidate: true },
    h("h2", { id: "passphrase-dialog-title" }, mode === "change" ? t("Change the passphrase") : t("Reset the passphrase")),
    h(
      "p",
      { class: "hint" },
      mode === "change"
        ? t("The database is re-encrypted under a new key. The recovery key changes too: the new one is shown once.")
        : t("The recovery key shown when the database was set up (or at the last change of passphrase) opens it. The database is re-encrypted under a new key, and a new recovery key is shown once."),
    ),
    mode === "change" ? field(t("Current passphrase"), "current", first) : field(t("Recovery key"), "recovery", first),
    passphrase.nodes,
    formError,
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => dialog.close() }, t("Cancel")), submit),
  );
  const dialog = h("dialog", { id: "passphrase-dialog", "aria-labelledby": "passphrase-dialog-title" }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    if (!passphrase.repeated(form)) return;
    submit.disabled = true;
    submit.textContent = t("Re-encrypting…");
    try {
      const keys = mode === "change" ? await api.changePassphrase(first.value, passphrase.input.value) : await api.resetPassphrase(first.value, passphrase.input.value);
      showRecoveryKey(form, keys.recovery_key, keys.status.seal_key, () => {
        dialog.close();
        done(keys);
      });
    } catch (err) {
      const error = asApiError(err);
      if (!error.field || !showFieldError(form, error.field, error.message)) formError.textContent = error.message;
      submit.disabled = false;
      submit.textContent = t("Change passphrase");
    }
  });
  // Closed only by its buttons once the new recovery key shows: it must be seen and confirmed.
  dialog.addEventListener("cancel", (e) => {
    if (!form.isConnected) e.preventDefault();
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  queueMicrotask(() => first.focus());
}
