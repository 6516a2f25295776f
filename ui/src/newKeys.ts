// New keys: a new passphrase and its repetition (with a strength hint as it is typed), the dialog
// that sets one, and the recovery and seal keys shown once: on the set-up screen, when starting
// from an export, and when the passphrase is changed or reset.
import { asApiError, type NewKeys } from "./api";
import { clearFieldErrors, field, h, showFieldError } from "./dom";
import { passphraseHint } from "./format";
import { t } from "./i18n";

export interface NewPassphrase {
  /** The fields, in order: the passphrase, its hint, the repetition. */
  nodes: HTMLElement[];
  input: HTMLInputElement;
  /** False, with the reason shown under the repetition, when the two differ. */
  repeated(form: HTMLElement): boolean;
}

/** `names` name the two fields (for their ids and the errors shown beside them). */
export function newPassphrase(min: number, labels: [string, string], names: [string, string] = ["passphrase", "confirm"]): NewPassphrase {
  const input = h("input", { type: "password", autocomplete: "new-password", required: true, spellcheck: false });
  const repeat = h("input", { type: "password", autocomplete: "new-password", required: true, spellcheck: false });
  const hint = h("div", { class: "hint", id: `${names[0]}-hint` }, t("At least {min} characters.", { min }));
  input.addEventListener("input", () => {
    const r = passphraseHint(input.value, min);
    hint.textContent = r.text;
    hint.className = r.ok ? "hint good" : "hint";
  });
  return {
    nodes: [field(labels[0], names[0], input), hint, field(labels[1], names[1], repeat)],
    input,
    repeated(form) {
      if (input.value === repeat.value) return true;
      showFieldError(form, names[1], t("The two passphrases differ."));
      return false;
    },
  };
}

/** A dialog that sets a new passphrase (with other fields before it) and, once `send` succeeds,
 * shows the new recovery key in its place until the person confirms it is stored. */
export function newKeysDialog(o: {
  /** Names the dialog's parts: `<prefix>-dialog`, `-form`, `-title`, `-error`. */
  prefix: string;
  title: string;
  body: HTMLElement[];
  passphrase: NewPassphrase;
  submitId: string;
  submitLabel: string;
  busyLabel: string;
  send: () => Promise<NewKeys>;
  /** The field of this form where an error naming `field` is shown; none: above the buttons. */
  fieldOf: (field: string) => string | null;
  done: (keys: NewKeys) => void;
  focus: HTMLElement;
}): void {
  const formError = h("div", { class: "form-error", role: "alert", id: `${o.prefix}-error` });
  const submit = h("button", { type: "submit", class: "primary", id: o.submitId }, o.submitLabel);
  const form = h(
    "form",
    { method: "dialog", id: `${o.prefix}-form`, novalidate: true },
    h("h2", { id: `${o.prefix}-title` }, o.title),
    o.body,
    o.passphrase.nodes,
    formError,
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => dialog.close() }, t("Cancel")), submit),
  );
  const dialog = h("dialog", { id: `${o.prefix}-dialog`, "aria-labelledby": `${o.prefix}-title` }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    if (!o.passphrase.repeated(form)) return;
    submit.disabled = true;
    submit.textContent = o.busyLabel;
    try {
      const keys = await o.send();
      showRecoveryKey(form, keys.recovery_key, keys.status.seal_key, () => {
        dialog.close();
        o.done(keys);
      });
    } catch (err) {
      const error = asApiError(err);
      const at = error.field ? o.fieldOf(error.field) : null;
      if (!at || !showFieldError(form, at, error.message)) formError.textContent = error.message;
      submit.disabled = false;
      submit.textContent = o.submitLabel;
    }
  });
  // Once the new recovery key shows, it must be seen and confirmed: Escape does not close it.
  dialog.addEventListener("cancel", (e) => {
    if (!form.isConnected) e.preventDefault();
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  queueMicrotask(() => o.focus.focus());
}

/** Shows the recovery key once in place of `form`; the user confirms they stored it before going on. */
export function showRecoveryKey(form: HTMLElement, key: string, sealKey: string | undefined, next: () => void): void {
  const stored = h("input", { type: "checkbox", id: "recovery-stored" });
  const go = h("button", { type: "button", class: "primary", id: "recovery-continue", disabled: true, onclick: next }, t("Continue"));
  stored.addEventListener("change", () => (go.disabled = !stored.checked));
  form.replaceWith(
    h(
      "div",
      { class: "card setup" },
      h("h1", {}, t("Your recovery key")),
      h(
        "p",
        { class: "lead" },
        t("If the passphrase is ever forgotten, this key is the only way back into the database. Write it down or print it, and keep it apart from this computer. It is shown only now."),
      ),
      h("p", { class: "recovery-key", id: "recovery-key" }, key),
      ...(sealKey ? sealKeyBlock(sealKey) : []),
      h("label", { class: "check" }, stored, sealKey ? t("I have stored both keys somewhere safe") : t("I have stored the recovery key somewhere safe")),
      h("div", { class: "actions" }, go),
    ),
  );
  queueMicrotask(() => stored.focus());
}

/** The seal verification key with what it is for: shown once, when sealing begins. */
export function sealKeyBlock(key: string): HTMLElement[] {
  return [
    h("h2", {}, t("Seal verification key")),
    h(
      "p",
      { class: "lead" },
      t("Give this key to your DPO or print it, and keep it away from this computer. With it, a check of the database proves that no sealed record was rewritten, even by someone who knows the passphrase. It is shown only now."),
    ),
    h("p", { class: "recovery-key", id: "seal-key" }, key),
  ];
}
