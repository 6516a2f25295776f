// Settings: the organisation profile and deadline rules, office closure days, locking, and the
// database's health and backups.
import { api, asApiError, type AppStatus, type ApprovalPolicy, type Profile } from "../api";
import { shortcutsOn, type Ctx } from "../app";
import { clearFieldErrors, field, h, replace, select, showFieldError } from "../dom";
import { formatDate, label } from "../format";
import { LANGUAGES, language, setLanguage, t, tn, type Language } from "../i18n";
import { organisationFields } from "./organisationFields";
import { auditList } from "../auditList";
import { passphraseDialog } from "../passphraseDialog";
import { dateInput } from "../dateField";

export async function settingsScreen(ctx: Ctx): Promise<HTMLElement> {
  const [profile, calendars, status] = await Promise.all([api.getProfile(), api.calendarIds(), api.status()]);
  return h(
    "section",
    { class: "screen settings" },
    h("header", { class: "screen-head" }, h("h1", {}, t("Settings"))),
    h("div", { class: "columns" }, h("div", {}, profileForm(ctx, profile, calendars)), h("div", {}, languageCard(), closuresCard(), lockCard(ctx), healthCard(), auditCard(), exportCard(), restoreCard(ctx), aboutCard(status))),
  );
}

function profileForm(ctx: Ctx, profile: Profile, calendars: string[]): HTMLElement {
  const organisation = organisationFields();
  organisation.fill(profile);
  const appi = h("input", { type: "number", min: 1, max: 60, value: profile.appi_target_days });
  const complaint = h("input", { type: "number", min: 1, max: 365, value: profile.complaint_target_days ?? 30 });
  const eu = h("input", { type: "checkbox", checked: profile.eu_suspension !== false });
  const ccpa = h("input", { type: "checkbox", checked: profile.ccpa_weekend_roll === true });
  const calendarFor = ctx.vocab.regimes.map(([regime]) => {
    const s = select(calendars.map((c): [string, string] => [c, c]), profile.calendars[regime] ?? "");
    return [regime, s] as const;
  });
  // Months a closed case is kept before its personal data is purged (CCPA at least 24).
  const retentionFor = ctx.vocab.regimes.map(([regime]) => {
    const kept = profile.retention_months?.[regime] ?? (regime === "ccpa" ? 24 : 36);
    const input = h("input", { type: "number", min: regime === "ccpa" ? 24 : 1, max: 600, value: kept, id: `f-retention-${regime}` });
    return [regime, input] as const;
  });
  const retention = h(
    "div",
    { class: "field", "data-field": "retention_months" },
    h("span", { class: "label" }, t("Keep closed cases for (months)")),
    h("div", { class: "row" }, retentionFor.map(([regime, input]) => h("label", { class: "inline" }, `${label(regime)} `, input))),
    h("div", { class: "hint" }, t("Then the Retention screen offers to purge their personal data. CCPA: at least 24 months.")),
    h("div", { class: "field-error", id: "f-retention_months-error", role: "alert" }),
  );
  const approval = select(
    [
      ["none", t("No letter needs approval")],
      ["responses", t("Responses and refusals")],
      ["refusals", t("Refusals only")],
      ["all", t("Every letter")],
    ],
    profile.letter_approval ?? "none",
  );
  const reminders = h("input", { type: "number", min: 0, max: 30, value: profile.reminder_days ?? 3 });
  const status = h("div", { class: "form-error", role: "alert", id: "profile-status" });
  const form = h(
    "form",
    { class: "card", id: "profile-form", novalidate: true },
    h("h2", {}, t("Organisation")),
    organisation.nodes,
    h("h2", {}, t("Deadline rules")),
    h("div", { class: "row" }, calendarFor.map(([regime, s]) => field(t("{regime} calendar", { regime: label(regime) }), `calendar-${regime}`, s))),
    h(
      "div",
      { class: "row top" },
      field(t("APPI response target (days)"), "appi_target_days", appi, t("The office's own target; APPI sets no number of days.")),
      field(
        t("Complaint outcome target (days)"),
        "complaint_target_days",
        complaint,
        t("The office's own target for telling a complainant the outcome; UK complaints are also acknowledged within 30 days."),
      ),
    ),
    h("label", { class: "check" }, eu, t("EU GDPR: stop the clock while identity or clarification is awaited")),
    h("label", { class: "check" }, ccpa, t("CCPA: move calendar-day deadlines off weekends and holidays")),
    h("h2", {}, t("Letters and reminders")),
    h(
      "div",
      { class: "row top" },
      field(t("Approval before a letter is sent"), "letter_approval", approval, t("A letter that needs approval is kept as a draft until someone approves it.")),
      field(t("Announce due dates this many days ahead"), "reminder_days", reminders, t("Deadlines and tasks are announced once a day each, and not again after a restart.")),
    ),
    h("h2", {}, t("Retention")),
    retention,
    status,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "save-profile" }, t("Save"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    status.className = "form-error";
    status.textContent = "";
    const updated: Profile = {
      ...organisation.read(profile),
      appi_target_days: Number(appi.value),
      complaint_target_days: Number(complaint.value),
      eu_suspension: eu.checked,
      ccpa_weekend_roll: ccpa.checked,
      letter_approval: approval.value as ApprovalPolicy,
      reminder_days: Number(reminders.value),
      calendars: Object.fromEntries(calendarFor.map(([regime, s]) => [regime, s.value])),
      retention_months: Object.fromEntries(retentionFor.map(([regime, input]) => [regime, Number(input.value)])),
    };
    try {
      const moved = await api.updateProfile(updated);
      status.className = "form-ok";
      status.textContent = tn(moved, "Saved. Deadlines moved on {n} open case.", "Saved. Deadlines moved on {n} open cases.");
    } catch (err) {
      const error = asApiError(err);
      if (!error.field || !showFieldError(form, error.field, error.message)) status.textContent = error.message;
    }
  });
  return form;
}

/** The window's language; the window reloads in it and comes back to Settings. */
function languageCard(): HTMLElement {
  const choice = select(LANGUAGES, language());
  choice.addEventListener("change", () => {
    setLanguage(choice.value as Language);
    sessionStorage.setItem("casebook.route", "settings");
    location.reload();
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Language")),
    field(t("Window language"), "ui-language", choice, t("The window's language; dates follow it. Letters choose their own language.")),
  );
}

function closuresCard(): HTMLElement {
  const list = h("ul", { class: "closures", id: "closures" });
  const day = dateInput({ "aria-label": t("Closure day") });
  const note = h("input", { type: "text", placeholder: t("Note (e.g. office move)"), "aria-label": t("Note") });
  const status = h("div", { class: "form-error", role: "alert" });
  async function load(): Promise<void> {
    const closures = await api.listClosures();
    replace(
      list,
      closures.length === 0
        ? h("li", { class: "muted" }, t("None."))
        : closures.map((c) =>
            h(
              "li",
              {},
              h("span", {}, `${formatDate(c.day)}${c.note ? ` — ${c.note}` : ""}`),
              h("button", { type: "button", class: "link", onclick: () => void remove(c.day) }, t("Remove")),
            ),
          ),
    );
  }
  async function remove(d: string): Promise<void> {
    await api.removeClosure(d);
    await load();
  }
  const add = h("button", { type: "button" }, t("Add"));
  add.addEventListener("click", async () => {
    status.textContent = "";
    try {
      const moved = await api.addClosure(day.value, note.value);
      status.className = "form-ok";
      status.textContent = tn(moved, "Added; deadlines moved on {n} open case.", "Added; deadlines moved on {n} open cases.");
      day.value = "";
      note.value = "";
      await load();
    } catch (e) {
      status.className = "form-error";
      status.textContent = asApiError(e).message;
    }
  });
  void load();
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Office closure days")),
    h("p", { class: "hint" }, t("Days the office is closed besides public holidays; no deadline falls on them.")),
    list,
    h("div", { class: "row" }, day, note, add),
    status,
  );
}

function lockCard(ctx: Ctx): HTMLElement {
  const minutes = h("input", { type: "number", min: 0, max: 240, value: localStorage.getItem("casebook.idleMinutes") ?? "10" });
  minutes.addEventListener("change", () => localStorage.setItem("casebook.idleMinutes", String(Math.max(0, Number(minutes.value) || 0))));
  const shortcuts = h("input", { type: "checkbox", id: "shortcuts-on", checked: shortcutsOn() });
  shortcuts.addEventListener("change", () => localStorage.setItem("casebook.shortcuts", shortcuts.checked ? "on" : "off"));
  const changed = h("div", { role: "status", id: "passphrase-changed" });
  const change = h("button", { type: "button", id: "change-passphrase" }, t("Change passphrase…"));
  change.addEventListener("click", () =>
    passphraseDialog("change", ctx.vocab.min_passphrase_chars, () => {
      changed.className = "form-ok";
      changed.textContent = t("The passphrase is changed and the database re-encrypted under its new key.");
    }),
  );
  const remember = h("input", { type: "checkbox", id: "remember-key" });
  const keyringStatus = h("div", { class: "form-error", role: "alert" });
  // The state on opening, unless the box was already clicked: then the click's answer is the state.
  let clicked = false;
  void api
    .keyringState()
    .then((k) => clicked || (remember.checked = k.remembered))
    .catch((e) => (keyringStatus.textContent = asApiError(e).message))
    .finally(() => (remember.dataset.loaded = "true"));
  remember.addEventListener("change", async () => {
    clicked = true;
    keyringStatus.textContent = "";
    try {
      remember.checked = (await api.rememberKey(remember.checked)).remembered;
    } catch (e) {
      remember.checked = !remember.checked;
      keyringStatus.textContent = asApiError(e).message;
    }
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Locking and keyboard")),
    h("label", { class: "check" }, remember, t("Remember the key in this computer's system keyring (unlock without the passphrase)")),
    keyringStatus,
    field(t("Lock after this many idle minutes"), "idle", minutes, t("0 turns it off; takes effect the next time Casebook starts. Ctrl+L locks at once.")),
    h("label", { class: "check" }, shortcuts, t("Keyboard shortcuts (Ctrl+D, Ctrl+G, Ctrl+N, Ctrl+K, Ctrl+L, Ctrl+S)")),
    h("h3", {}, t("Passphrase")),
    h("div", { class: "actions start" }, change),
    changed,
  );
}

function healthCard(): HTMLElement {
  const result = h("div", { role: "status", id: "health" });
  const backups = h("ul", { class: "closures", id: "backups" });
  async function loadBackups(): Promise<void> {
    const list = await api.listBackups();
    replace(
      backups,
      list.length === 0
        ? h("li", { class: "muted" }, t("None yet: one is made each day when Casebook locks or closes."))
        : list.map((b) => h("li", {}, h("span", {}, `${formatDate(b.date)} · ${Math.round(b.bytes / 1024)} KB`))),
    );
  }
  const sealKey = h("input", {
    id: "seal-key-check",
    autocomplete: "off",
    spellcheck: false,
    placeholder: "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
    "aria-label": t("Seal verification key (optional)"),
  });
  const findings = h("ul", { class: "closures", id: "health-rows" });
  const verify = h("button", { type: "button", id: "verify-db" }, t("Check the database"));
  verify.addEventListener("click", async () => {
    result.textContent = t("Checking…");
    replace(findings, []);
    try {
      const v = await api.verifyDatabase(sealKey.value.trim());
      const problem =
        v.integrity ??
        (v.chain.first_broken !== null ? t("audit record {n}: {problem}", { n: v.chain.first_broken, problem: v.chain.problem ?? "" }) : null) ??
        (v.rows.problems.length > 0 ? t("{n} rows differ from the audit trail", { n: v.rows.problems.length }) : null) ??
        v.seals.problem;
      result.className = problem === null ? "form-ok" : "form-error";
      const seals = v.seals.last
        ? tn(v.seals.seals, "{n} seal, covering records 1 to {seq}", "{n} seals, the last covering records 1 to {seq}", { seq: v.seals.last.seq })
        : t("no seals yet");
      result.textContent =
        problem === null
          ? t("Sound: integrity check passed; audit chain of {n} records verified.", { n: v.chain.records }) +
            " " +
            t("{rows} rows match the audit trail; {seals}.", { rows: v.rows.rows_checked, seals }) +
            (v.seals.checked_with_key ? " " + t("The seals match the verification key.") : "")
          : t("Problem: {what}. Restore a backup.", { what: problem });
      replace(
        findings,
        v.rows.problems.map((p) => h("li", {}, `${p.case ?? "—"} · ${p.table} ${p.row}: ${p.problem}`)),
      );
    } catch (e) {
      result.className = "form-error";
      result.textContent = asApiError(e).message;
    }
  });
  const backup = h("button", { type: "button", id: "backup-now" }, t("Back up now…"));
  backup.addEventListener("click", async () => {
    try {
      const b = await api.backupNow();
      if (b) {
        result.className = "form-ok";
        result.textContent = t("Backed up and verified: {cases} cases, {records} audit records.", { cases: b.cases, records: b.audit_records });
      }
    } catch (e) {
      result.className = "form-error";
      result.textContent = asApiError(e).message;
    }
  });
  void loadBackups();
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Database")),
    h("label", { for: "seal-key-check" }, t("Seal verification key (optional)")),
    sealKey,
    h("div", { class: "actions start" }, verify, backup),
    result,
    findings,
    h("h3", {}, t("Rolling backups")),
    backups,
  );
}

/** The whole audit trail, newest first, and a check of its chain. */
function auditCard(): HTMLElement {
  const state = h("div", { role: "status", id: "chain-state" });
  const check = h("button", { type: "button", id: "verify-chain" }, t("Verify the chain"));
  check.addEventListener("click", async () => {
    state.className = "";
    state.textContent = t("Checking…");
    try {
      const c = await api.verifyChain();
      state.className = c.first_broken === null ? "form-ok" : "form-error";
      state.textContent =
        c.first_broken === null
          ? tn(c.records, "The chain of {n} record verifies: none was changed, removed or reordered.", "The chain of {n} records verifies: none was changed, removed or reordered.")
          : t("audit record {n}: {problem}", { n: c.first_broken, problem: c.problem ?? "" });
    } catch (e) {
      state.className = "form-error";
      state.textContent = asApiError(e).message;
    }
  });
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Audit log")),
    h("div", { class: "actions start" }, check),
    state,
    auditList("audit-log", (before) => api.auditLog(null, before), true),
  );
}

/** Exports for other programs: the cases as a spreadsheet, everything as JSON (what `casebook import json` reads). */
function exportCard(): HTMLElement {
  const result = h("div", { role: "status", id: "export-result" });
  const run = async (format: "csv" | "json"): Promise<void> => {
    result.className = "";
    result.textContent = "";
    try {
      const n = await api.exportData(format);
      if (n === null) return;
      result.className = "form-ok";
      result.textContent =
        format === "csv"
          ? tn(n, "Exported {n} case as CSV.", "Exported {n} cases as CSV.")
          : tn(n, "Exported everything but the audit log, {n} case, as JSON.", "Exported everything but the audit log, {n} cases, as JSON.");
    } catch (e) {
      result.className = "form-error";
      result.textContent = asApiError(e).message;
    }
  };
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Export")),
    h("p", { class: "hint" }, t("A spreadsheet of the cases (CSV), or everything but the audit log as JSON, which a new Casebook database can import.")),
    h(
      "div",
      { class: "actions start" },
      h("button", { type: "button", id: "export-csv", onclick: () => void run("csv") }, t("Cases as CSV…")),
      h("button", { type: "button", id: "export-json", onclick: () => void run("json") }, t("Everything as JSON…")),
    ),
    result,
  );
}

/** The version of Casebook and the database file it has open. */
function aboutCard(status: AppStatus): HTMLElement {
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("About Casebook")),
    h("p", { id: "about-version" }, t("Version {version}", { version: status.version })),
    h("p", { class: "muted path" }, t("Database file: {path}", { path: status.database })),
  );
}

/** Restores a rolling backup or a backup file, after Rust has verified it with the passphrase. */
function restoreCard(ctx: Ctx): HTMLElement {
  const which = h("select", { id: "f-restore-date" });
  const passphrase = h("input", { type: "password", autocomplete: "current-password" });
  const status = h("div", { class: "form-error", role: "alert", id: "restore-status" });
  void api.listBackups().then((list) => {
    const dated = list.filter((b) => b.date);
    replace(
      which,
      dated.length
        ? dated.map((b) => h("option", { value: b.date! }, formatDate(b.date)))
        : h("option", { value: "" }, t("None yet")),
    );
  });
  const run = async (restore: () => Promise<{ status: AppStatus } | null>) => {
    status.textContent = "";
    try {
      const done = await restore();
      if (done) ctx.enter(done.status);
    } catch (e) {
      const error = asApiError(e);
      const why = error.code === "wrong_passphrase" ? t("Wrong passphrase for this backup") : error.message;
      status.textContent = t("{why}. Nothing was changed.", { why });
    }
  };
  const fromRolling = h("button", { type: "button", id: "restore-rolling" }, t("Restore this backup"));
  fromRolling.addEventListener("click", () => {
    if (!which.value) status.textContent = t("There is no rolling backup yet.");
    else void run(() => api.restoreRolling(which.value, passphrase.value));
  });
  const fromFile = h("button", { type: "button", id: "restore-file" }, t("Restore from a file…"));
  fromFile.addEventListener("click", () => void run(() => api.restoreBackup(passphrase.value)));
  return h(
    "article",
    { class: "card" },
    h("h2", {}, t("Restore")),
    h("p", { class: "hint" }, t("The backup is checked with its passphrase before anything changes; the current database is kept beside it as “.before-restore”.")),
    h("div", { class: "row" }, field(t("Rolling backup"), "restore-date", which), field(t("Passphrase of the backup"), "restore-passphrase", passphrase)),
    status,
    h("div", { class: "actions" }, fromFile, fromRolling),
  );
}
