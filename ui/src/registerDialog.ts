// Importing a register kept in a spreadsheet: each column matched to a case field (guessed from its
// name), the dry run shown (what would be created, every rejected row with its reason), then every
// case written at once or none.
import { api, asApiError, type RegisterColumns, type RegisterDryRun, type RegisterMapping } from "./api";
import type { Ctx } from "./app";
import { h, replace, select } from "./dom";
import { formatDate, label } from "./format";
import { t, tn } from "./i18n";

/** How received dates may be written: chrono's format, and how a person reads it. */
const DATE_FORMATS: [string, string][] = [
  ["", "YYYY-MM-DD"],
  ["%d/%m/%Y", "DD/MM/YYYY"],
  ["%m/%d/%Y", "MM/DD/YYYY"],
  ["%d.%m.%Y", "DD.MM.YYYY"],
  ["%d-%m-%Y", "DD-MM-YYYY"],
  ["%Y/%m/%d", "YYYY/MM/DD"],
];

function fieldLabel(field: string): string {
  const labels: Record<string, string> = {
    kind: t("Kind"),
    regime: t("Regime"),
    rights: t("Rights"),
    channel: t("Channel"),
    received: t("Received"),
    time_zone: t("Time zone"),
    name: t("Name"),
    email: t("Email"),
    postal_address: t("Postal address"),
    phone: t("Phone"),
    company: t("Company"),
    relationship: t("Relationship"),
    agent_name: t("Agent name"),
    assignee: t("Assignee"),
    notes: t("Notes"),
    tags: t("Tags"),
    old_reference: t("Reference in the old register"),
  };
  return labels[field] ?? field;
}

/** Shows the dialog for a register just picked; `done` gets the new references. */
export function registerDialog(ctx: Ctx, columns: RegisterColumns, done: (references: string[]) => void): void {
  const chooser = columns.headers.map((header) => {
    const s = select([["", t("Not imported")], ...columns.fields.map((f): [string, string] => [f, fieldLabel(f)])], columns.guessed[header] ?? "");
    s.setAttribute("aria-label", t("Case field for the column {column}", { column: header }));
    s.dataset.column = header;
    return s;
  });
  const formats = DATE_FORMATS.some(([f]) => f === (columns.date_format ?? "")) ? DATE_FORMATS : [...DATE_FORMATS, [columns.date_format!, columns.date_format!] as [string, string]];
  const dateFormat = select(formats, columns.date_format ?? "");
  dateFormat.id = "register-date-format";
  const regime = select([["", t("None: each row gives its own")], ...ctx.vocab.regimes.map(([r]): [string, string] => [r, label(r)])]);
  regime.id = "register-regime";
  const kind = select(ctx.vocab.kinds.map((k): [string, string] => [k, label(k)]), "request");
  kind.id = "register-kind";
  const result = h("div", { id: "register-result", role: "status" });
  const formError = h("div", { class: "form-error", role: "alert", id: "register-error" });
  const check = h("button", { type: "button", id: "register-check" }, t("Check every row"));
  const submit = h("button", { type: "submit", class: "primary", id: "register-import", disabled: true }, t("Import"));

  const mapping = (): RegisterMapping => {
    const mapped: Record<string, string> = {};
    for (const s of chooser) if (s.value) mapped[s.dataset.column!] = s.value;
    const defaults: Record<string, string> = { kind: kind.value };
    if (regime.value) defaults.regime = regime.value;
    return { columns: mapped, defaults, date_format: dateFormat.value || null };
  };
  // Any change to the mapping asks for a new check before the import.
  const changed = () => {
    submit.disabled = true;
    replace(result, []);
  };
  [...chooser, dateFormat, regime, kind].forEach((s) => s.addEventListener("change", changed));

  check.addEventListener("click", async () => {
    formError.textContent = "";
    check.disabled = true;
    try {
      const run = await api.registerDryRun(mapping());
      showDryRun(result, run);
      submit.disabled = run.rejected.length > 0 || run.accepted.length === 0;
      submit.textContent = tn(run.accepted.length, "Import {n} case", "Import {n} cases");
    } catch (err) {
      formError.textContent = asApiError(err).message;
    } finally {
      check.disabled = false;
    }
  });

  const form = h(
    "form",
    { method: "dialog", id: "register-form", novalidate: true },
    h("h2", { id: "register-dialog-title" }, t("Import a register")),
    h(
      "p",
      { class: "hint" },
      tn(columns.rows, "{n} row. Match each column to a case field; a column not imported is left out. Every row is checked before anything is written, and the cases are created all together or not at all.", "{n} rows. Match each column to a case field; a column not imported is left out. Every row is checked before anything is written, and the cases are created all together or not at all."),
    ),
    h(
      "table",
      { class: "mapping", id: "register-columns" },
      h("thead", {}, h("tr", {}, h("th", {}, t("Column")), h("th", {}, t("Case field")))),
      h("tbody", {}, columns.headers.map((header, i) => h("tr", {}, h("td", {}, header), h("td", {}, chooser[i])))),
    ),
    h(
      "div",
      { class: "grid-3" },
      h("div", { class: "field" }, h("label", { for: dateFormat.id }, t("Dates written as")), dateFormat),
      h("div", { class: "field" }, h("label", { for: regime.id }, t("Regime where a row gives none")), regime),
      h("div", { class: "field" }, h("label", { for: kind.id }, t("Kind where a row gives none")), kind),
    ),
    formError,
    result,
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => dialog.close() }, t("Cancel")), check, submit),
  );
  const dialog = h("dialog", { id: "register-dialog", class: "wide", "aria-labelledby": "register-dialog-title" }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    formError.textContent = "";
    submit.disabled = true;
    try {
      const references = await api.importRegister(mapping());
      dialog.close();
      done(references);
    } catch (err) {
      formError.textContent = asApiError(err).message;
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
}

/** The dry run: the rejected rows first (each with its reason), then what would be created. */
function showDryRun(container: HTMLElement, run: RegisterDryRun): void {
  const summary =
    run.rejected.length === 0
      ? h("p", { class: "form-ok", id: "register-summary" }, tn(run.accepted.length, "{n} case would be created; no row is rejected.", "{n} cases would be created; no row is rejected."))
      : h(
          "p",
          { class: "form-error", id: "register-summary" },
          tn(run.rejected.length, "{n} row is rejected: correct it in the register and check again. Nothing is imported while a row is rejected.", "{n} rows are rejected: correct them in the register and check again. Nothing is imported while a row is rejected."),
        );
  replace(
    container,
    summary,
    run.rejected.length > 0
      ? h(
          "table",
          { class: "cases", id: "register-rejected" },
          h("thead", {}, h("tr", {}, h("th", {}, t("Row")), h("th", {}, t("Reason")))),
          h("tbody", {}, run.rejected.map((r) => h("tr", { "data-row": r.row }, h("td", {}, String(r.row)), h("td", {}, r.reason)))),
        )
      : null,
    h(
      "table",
      { class: "cases", id: "register-accepted" },
      h("thead", {}, h("tr", {}, [t("Row"), t("Name"), t("Kind"), t("Regime"), t("Rights"), t("Received")].map((x) => h("th", {}, x)))),
      h(
        "tbody",
        {},
        run.accepted.map((c) =>
          h(
            "tr",
            { "data-row": c.row },
            h("td", {}, String(c.row)),
            h("td", {}, c.name),
            h("td", {}, label(c.kind)),
            h("td", {}, label(c.regime)),
            h("td", {}, c.rights.map(label).join(", ")),
            h("td", {}, formatDate(c.received)),
          ),
        ),
      ),
    ),
  );
}
