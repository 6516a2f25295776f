// Changing the passphrase (Settings) and replacing a forgotten one with the recovery key (the lock
// screen). Either re-keys the database and shows its new recovery key once.
import { api, type NewKeys } from "./api";
import { field, h } from "./dom";
import { t } from "./i18n";
import { newKeysDialog, newPassphrase } from "./newKeys";

type Mode = "change" | "reset";

/** Shows the dialog; `done` gets the answer once its new recovery key has been confirmed as stored. */
export function passphraseDialog(mode: Mode, minChars: number, done: (keys: NewKeys) => void): void {
  const first =
    mode === "change"
      ? h("input", { type: "password", autocomplete: "current-password", required: true, spellcheck: false })
      : h("input", {
          type: "text",
          autocomplete: "off",
          spellcheck: false,
          required: true,
          placeholder: "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
        });
  const passphrase = newPassphrase(minChars, [t("New passphrase"), t("Repeat the new passphrase")]);
  newKeysDialog({
    prefix: "passphrase",
    title: mode === "change" ? t("Change the passphrase") : t("Reset the passphrase"),
    body: [
      h(
        "p",
        { class: "hint" },
        mode === "change"
          ? t("The database is re-encrypted under a new key. The recovery key changes too: the new one is shown once.")
          : t("The recovery key shown when the database was set up (or at the last change of passphrase) opens it. The database is re-encrypted under a new key, and a new recovery key is shown once."),
      ),
      mode === "change" ? field(t("Current passphrase"), "current", first) : field(t("Recovery key"), "recovery", first),
    ],
    passphrase,
    submitId: "passphrase-save",
    submitLabel: t("Change passphrase"),
    busyLabel: t("Re-encrypting…"),
    send: () => (mode === "change" ? api.changePassphrase(first.value, passphrase.input.value) : api.resetPassphrase(first.value, passphrase.input.value)),
    fieldOf: (f) => f,
    done,
    focus: first,
  });
}
