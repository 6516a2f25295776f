// The lock screen: nothing of the cases is visible until the passphrase opens the database.
import { api, asApiError, type AppStatus } from "../api";
import type { Ctx } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import { passphraseDialog } from "../passphraseDialog";
import { showOpenedNotice } from "./setup";

export function unlockScreen(ctx: Ctx): HTMLElement {
  // A database upgraded by this open, or opened for the first time by a Casebook that seals, says so once.
  const enter = (status: AppStatus): void => {
    if (status.seal_key || status.upgrade) showOpenedNotice(form, status, () => ctx.enter(status));
    else ctx.enter(status);
  };
  const pass = h("input", {
    type: "password",
    id: "passphrase",
    autocomplete: "current-password",
    "aria-label": t("Passphrase"),
    required: true,
  });
  const error = h("div", { class: "form-error", role: "alert", id: "unlock-error" });
  const button = h("button", { type: "submit", class: "primary", id: "unlock" }, t("Unlock"));
  // Shown only when the key is remembered in the system keyring (Settings → Locking).
  const fromKeyring = h("button", { type: "button", id: "unlock-keyring", hidden: true }, t("Unlock with the system keyring"));
  void api.keyringState().then((k) => (fromKeyring.hidden = !k.remembered)).catch(() => {});
  fromKeyring.addEventListener("click", async () => {
    error.textContent = "";
    try {
      enter(await api.unlockFromKeyring());
    } catch (err) {
      error.textContent = asApiError(err).message;
      fromKeyring.hidden = true;
      pass.focus();
    }
  });
  // A forgotten passphrase: the recovery key opens the database and a new passphrase is set.
  const forgotten = h("button", { type: "button", class: "link", id: "reset-passphrase" }, t("Forgot the passphrase? Use the recovery key…"));
  forgotten.addEventListener("click", () => passphraseDialog("reset", ctx.vocab.min_passphrase_chars, (keys) => enter(keys.status)));
  const form = h(
    "form",
    { class: "card unlock" },
    h("div", { class: "brand big" }, h("span", { class: "logo", "aria-hidden": "true" }), "Casebook"),
    h("p", { class: "hint" }, t("The database is locked. Enter its passphrase.")),
    h("label", { for: "passphrase" }, t("Passphrase")),
    pass,
    error,
    button,
    fromKeyring,
    forgotten,
    h("p", { class: "hint small path" }, ctx.status.database),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    button.disabled = true;
    button.textContent = t("Unlocking…");
    try {
      enter(await api.unlock(pass.value));
    } catch (err) {
      const e2 = asApiError(err);
      error.textContent = e2.code === "wrong_passphrase" ? t("Wrong passphrase. Try again.") : e2.message;
      pass.select();
      button.disabled = false;
      button.textContent = t("Unlock");
    }
  });
  queueMicrotask(() => pass.focus());
  return h("div", { class: "center" }, form);
}
