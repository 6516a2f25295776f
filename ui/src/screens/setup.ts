// First run: the organisation profile (prefilled from the sample) and the passphrase.
import { api, asApiError, type AppStatus, type Profile } from "../api";
import type { Ctx } from "../app";
import { clearFieldErrors, field, h, select, showFieldError } from "../dom";
import { LANGUAGES, language, setLanguage, t, type Language } from "../i18n";
import { newPassphrase, sealKeyBlock, showRecoveryKey } from "../newKeys";
import { organisationFields } from "./organisationFields";
import { setupFromExport } from "./setupFromExport";

export function setupScreen(ctx: Ctx): HTMLElement {
  const min = ctx.vocab.min_passphrase_chars;
  const organisation = organisationFields();
  const passphrase = newPassphrase(min, [t("Passphrase"), t("Repeat the passphrase")]);
  const formError = h("div", { class: "form-error", role: "alert" });
  let profile: Profile | null = null;

  void api.sampleProfile().then((p) => {
    profile = p;
    organisation.fill(p);
  });

  const lang = select(LANGUAGES, language());
  lang.addEventListener("change", () => {
    setLanguage(lang.value as Language);
    location.reload();
  });
  const form = h(
    "form",
    { class: "card setup", novalidate: true },
    h("div", { class: "setup-head" }, h("h1", {}, t("Set up Casebook")), field(t("Window language"), "ui-language", lang)),
    h(
      "p",
      { class: "lead" },
      t("Casebook keeps your privacy office's cases in one encrypted file on this computer. Check the organisation details below; they head every letter and can be changed later."),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("Organisation")),
      organisation.nodes,
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("Passphrase")),
      h(
        "p",
        { class: "hint" },
        t("The passphrase unlocks the database. It cannot be recovered: store it in your password manager."),
      ),
      passphrase.nodes,
    ),
    formError,
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "link",
          id: "from-export",
          onclick: () => void setupFromExport(ctx).catch((err) => (formError.textContent = asApiError(err).message)),
        },
        t("Start from a Casebook export instead…"),
      ),
      h("button", { type: "submit", class: "primary", id: "create-db" }, t("Create encrypted database")),
    ),
  );

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    if (!passphrase.repeated(form) || !profile) return;
    const edited = organisation.read(profile);
    const button = form.querySelector("button")!;
    button.disabled = true;
    button.textContent = t("Creating…");
    try {
      const done = await api.setUp(edited, passphrase.input.value);
      showRecoveryKey(form, done.recovery_key, done.status.seal_key, () => ctx.enter(done.status));
    } catch (err) {
      const error = asApiError(err);
      if (!error.field || !showFieldError(form, error.field, error.message)) formError.textContent = error.message;
      button.disabled = false;
      button.textContent = t("Create encrypted database");
    }
  });

  return h("div", { class: "center" }, form);
}

/** Says once what an open did to the database: upgraded it (and where the copy from before is),
 * began sealing it (with the verification key to keep); then goes on. */
export function showOpenedNotice(container: HTMLElement, status: AppStatus, next: () => void): void {
  const go = h("button", { type: "button", class: "primary", id: "opened-continue", onclick: next }, t("Continue"));
  const upgrade = status.upgrade;
  container.replaceWith(
    h(
      "div",
      { class: "card setup" },
      h("h1", {}, upgrade ? t("This database was upgraded") : t("This database is now sealed")),
      ...(upgrade
        ? [
            h("p", { class: "lead", id: "upgrade-note" }, t("Casebook brought this database up to its new version. A copy of it as it was before is kept here:")),
            h("p", { class: "path", id: "upgrade-copy" }, upgrade.copy),
          ]
        : []),
      ...(status.seal_key ? sealKeyBlock(status.seal_key) : []),
      h("div", { class: "actions" }, go),
    ),
  );
  queueMicrotask(() => go.focus());
}
