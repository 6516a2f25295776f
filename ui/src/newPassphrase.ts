// A new passphrase and its repetition, with a strength hint as it is typed: the same fields on the
// set-up screen, when starting from an export, and when the passphrase is changed or reset.
import { field, h, showFieldError } from "./dom";
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
