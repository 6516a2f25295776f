// The dialog that writes the same letter for every case with a status, or for the cases ticked in
// the list: a folder picked in the native dialog, a progress bar while the letters are made, and
// Cancel, after which nothing is kept.
import { api, asApiError, type Status, type Which } from "./api";
import type { Ctx } from "./app";
import { h, select } from "./dom";
import { label } from "./format";
import { t, tn } from "./i18n";
import { LETTER_LANGUAGES } from "./screens/letter";

export async function lettersDialog(ctx: Ctx, cases: Which): Promise<HTMLDialogElement> {
  const options = await api.letterOptions();
  const which = select(ctx.vocab.statuses.map((s): [string, string] => [s, label(s)]), "status" in cases ? cases.status : "new");
  which.id = "batch-status";
  const forWhom =
    "cases" in cases
      ? h("p", { id: "batch-cases" }, tn(cases.cases.length, "For the {n} case selected: {references}", "For the {n} cases selected: {references}", { references: listed(cases.cases) }))
      : [h("label", { for: "batch-status" }, t("Every case with the status")), which];
  const template = select(options.templates.map((n): [string, string] => [n, label(n)]), "acknowledgement");
  template.id = "batch-template";
  const lang = select(options.languages.map((l): [string, string] => [l, LETTER_LANGUAGES[l] ?? l]), "en");
  lang.id = "batch-lang";
  const replaceFiles = h("input", { type: "checkbox", id: "batch-replace" });
  const asDrafts = h("input", { type: "checkbox", id: "batch-draft" });
  const bar = h("progress", { id: "batch-progress", max: 1, value: 0, hidden: true });
  const count = h("span", { id: "batch-count", class: "muted" });
  const result = h("div", { role: "status", id: "batch-result" });
  const write = h("button", { type: "submit", class: "primary", id: "batch-write" }, t("Choose a folder and write…"));
  const cancel = h("button", { type: "button", id: "batch-cancel" }, t("Close"));
  let running = false;

  const dialog = h(
    "dialog",
    { id: "letters-dialog", "aria-labelledby": "letters-dialog-title" },
    h(
      "form",
      { method: "dialog" },
      h("h2", { id: "letters-dialog-title" }, t("Letters for many cases")),
      h("p", { class: "hint" }, t("One PDF per case, named by its reference, stored with each case. If anything fails or you cancel, no letter is kept.")),
      forWhom,
      h("label", { for: "batch-template" }, t("Letter")),
      template,
      h("label", { for: "batch-lang" }, t("Language")),
      lang,
      h("label", { class: "check" }, replaceFiles, t("Replace letters already in the folder")),
      h("label", { class: "check" }, asDrafts, t("Keep them as drafts to approve and dispatch one by one (otherwise recorded as sent today)")),
      h("div", { class: "progress-line" }, bar, count),
      result,
      h("div", { class: "actions" }, cancel, write),
    ),
  );
  const stopListening = await api.onProgress(({ stage, done, total }) => {
    if (stage !== "letters") return;
    bar.hidden = false;
    bar.max = total;
    bar.value = done;
    count.textContent = t("{done} of {total} letters", { done, total });
  });

  cancel.addEventListener("click", () => {
    if (running) void api.cancelLetters();
    else dialog.close();
  });
  dialog.querySelector("form")!.addEventListener("submit", async (e) => {
    e.preventDefault();
    result.className = "";
    result.textContent = "";
    count.textContent = "";
    bar.hidden = true;
    running = true;
    write.disabled = true;
    cancel.textContent = t("Cancel");
    try {
      const chosen: Which = "cases" in cases ? cases : { status: which.value as Status };
      const made = await api.batchLetters(chosen, template.value, lang.value, replaceFiles.checked, asDrafts.checked);
      if (made) {
        result.className = "form-ok";
        result.textContent =
          tn(made.written.length, "Wrote {n} letter and stored it with its case.", "Wrote {n} letters and stored each with its case.") +
          (made.skipped.length ? " " + tn(made.skipped.length, "{n} case was skipped:", "{n} cases were skipped:") : "");
        made.skipped.forEach((why) => result.appendChild(h("div", { class: "muted" }, why)));
      }
    } catch (err) {
      result.className = "form-error";
      result.textContent = asApiError(err).message;
    } finally {
      running = false;
      write.disabled = false;
      cancel.textContent = t("Close");
    }
  });
  dialog.addEventListener("close", () => {
    stopListening();
    dialog.remove();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}

/** The references picked, the first few of them: `DSR-2026-0001, DSR-2026-0004 and 12 more`. */
function listed(references: string[]): string {
  const shown = references.slice(0, 4).join(", ");
  const more = references.length - 4;
  return more > 0 ? t("{shown} and {n} more", { shown, n: more }) : shown;
}
