// Starting the first database from a Casebook export (a new laptop, or a backup kept as JSON): the
// export picked and described, a new passphrase, then the database created with everything in it.
import { api, type ExportSummary } from "../api";
import type { Ctx } from "../app";
import { h } from "../dom";
import { t, tn } from "../i18n";
import { newKeysDialog, newPassphrase } from "../newKeys";

/** Asks for the export, then shows the dialog; the app opens on the new database. */
export async function setupFromExport(ctx: Ctx): Promise<void> {
  const summary = await api.pickExport();
  if (summary) exportDialog(ctx, summary);
}

function exportDialog(ctx: Ctx, summary: ExportSummary): void {
  // Named apart from the set-up form's own passphrase fields, which stay on the page behind.
  const passphrase = newPassphrase(ctx.vocab.min_passphrase_chars, [t("Passphrase"), t("Repeat the passphrase")], ["export-passphrase", "export-confirm"]);
  const holds = [
    tn(summary.cases, "{n} case", "{n} cases"),
    tn(summary.parties, "{n} party", "{n} parties"),
    tn(summary.breaches, "{n} breach", "{n} breaches"),
  ].join(", ");
  newKeysDialog({
    prefix: "from-export",
    title: t("Start from a Casebook export"),
    body: [
      h("p", { class: "lead", id: "from-export-summary" }, `${summary.organisation ?? t("An organisation not named")}: ${holds}`),
      h(
        "p",
        { class: "hint" },
        t("Every row is checked as it is imported; one that is refused leaves no database behind. The audit log starts anew with the import."),
      ),
    ],
    passphrase,
    submitId: "from-export-create",
    submitLabel: t("Create encrypted database"),
    busyLabel: t("Creating…"),
    send: () => api.setUpFromExport(passphrase.input.value),
    fieldOf: (f) => (f === "passphrase" ? "export-passphrase" : null),
    done: (keys) => ctx.enter(keys.status),
    focus: passphrase.input,
  });
}
