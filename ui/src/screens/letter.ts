// Writing a letter on a case: choose a template, edit the filled text, save it as PDF, stored as a
// draft; or the same for a letter not yet sent, which becomes a draft again.
import { api, asApiError, type LetterText } from "../api";
import type { Ctx } from "../app";
import { field, h, select } from "../dom";
import { label } from "../format";
import { t } from "../i18n";

export async function letterScreen(ctx: Ctx, reference: string, revise: number | null): Promise<HTMLElement> {
  const options = await api.letterOptions();
  const old = revise === null ? undefined : (await api.getCase(reference)).letters.find((l) => l.number === revise);
  const template = select(options.templates.map((t): [string, string] => [t, label(t)]), old?.template ?? "acknowledgement");
  const lang = select(options.languages.map((l): [string, string] => [l, LETTER_LANGUAGES[l] ?? l]), old?.language ?? "en");
  const paper = select(options.papers.map((p): [string, string] => [p, p === "a4" ? "A4" : t("US Letter")]), old?.paper ?? "a4");
  const subject = h("input", { type: "text" });
  const body = h("textarea", { rows: 22, spellcheck: true });
  const status = h("div", { class: "form-error", role: "alert", id: "letter-status" });
  const save = h("button", { type: "button", class: "primary", id: "save-letter", disabled: true }, t("Save as PDF…"));
  let draft: LetterText | null = null;

  async function fill(): Promise<void> {
    status.textContent = "";
    status.className = "form-error";
    try {
      draft = await api.draftLetter(reference, template.value, lang.value);
      subject.value = draft.subject;
      body.value = draft.body;
      save.disabled = false;
    } catch (e) {
      draft = null;
      subject.value = "";
      body.value = "";
      save.disabled = true;
      status.textContent = asApiError(e).message;
    }
  }

  save.addEventListener("click", async () => {
    if (!draft) return;
    status.textContent = "";
    try {
      const saved = await api.saveLetter(reference, { ...draft, subject: subject.value, body: body.value }, paper.value, revise);
      if (saved) {
        status.className = "form-ok";
        status.textContent = t("Saved {file} ({kb} KB) as letter {n} on {reference}, a draft: approve it or record it as sent on the case.", {
          file: saved.file_name,
          kb: Math.round(saved.record.size / 1024),
          n: saved.record.number,
          reference,
        });
      }
    } catch (e) {
      status.textContent = asApiError(e).message;
    }
  });
  [template, lang].forEach((s) => s.addEventListener("change", () => void fill()));
  await fill();

  const form = h(
    "div",
    { class: "card form-wide" },
    h("div", { class: "row" }, field(t("Template"), "template", template), field(t("Language"), "lang", lang), field(t("Paper"), "paper", paper)),
    field(t("Subject"), "subject", subject),
    field(t("Text"), "body", body, t("Blank lines separate paragraphs; a line starting with “- ” is a bullet; “## ” starts a heading. The letterhead, address, date, reference and signature are added when it is saved.")),
    status,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "reset-letter", onclick: () => void fill() }, t("Reset to template")),
      save,
    ),
  );
  return h(
    "section",
    { class: "screen" },
    h(
      "header",
      { class: "screen-head" },
      h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "case", reference }) }, `‹ ${reference}`),
      h("h1", {}, revise === null ? t("Write a letter") : t("Revise letter {n}", { n: revise })),
    ),
    form,
  );
}

/** The languages letters are written in, each named in itself. */
export const LETTER_LANGUAGES: Record<string, string> = { en: "English", ja: "日本語", de: "Deutsch" };
