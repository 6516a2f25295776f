// End to end on a demo database made by the CLI: the reports screen shows exactly the figures of
// `casebook report`, the retention purge agrees with `casebook purge --dry-run`, a legal hold set
// on a case is respected, and a rolling backup restored in the app brings the purged cases back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, runAxe, sleep } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const CLI = resolve(process.env.CLI ?? "target/debug/casebook");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const PASSPHRASE = "e2e demo passphrase";

let session;
let stop;
let db;
let env;
/** Where the window's save and folder dialogs answer (the e2e cannot drive GTK's file chooser). */
let letters;

/** Runs the CLI on the demo database; returns its parsed JSON output. */
function cli(...args) {
  const out = spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-demo-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "demo.db");
  env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: PASSPHRASE };
  const made = spawnSync(CLI, ["--db", db, "demo", "--cases", "400", "--seed", "7"], { env, encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  letters = join(home, "letters");
  mkdirSync(letters);
  const appEnv = { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home, CASEBOOK_TEST_DIALOG_DIR: letters };
  ({ session, stop } = await launch(APP, appEnv, join(ARTIFACTS, "tauri-driver-demo.log")));
});

after(async () => {
  await stop?.();
});

async function choose(id, value) {
  await session.find(`#${id}`);
  await session.execute(`const s = document.getElementById('${id}'); s.value = '${value}'; s.dispatchEvent(new Event('change'));`);
}

async function unlock() {
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
}

const expiredShown = () =>
  session.execute("return [...document.querySelectorAll('#expired-table tbody tr')].map((tr) => tr.dataset.reference)");

test("unlock the demo database", async () => {
  await unlock();
});

test("the reports screen shows the figures of `casebook report`, line by line", async () => {
  await session.click("#nav-reports");
  const year = new Date().getFullYear();
  let compared = 0;
  for (const kind of ["annual", "ccpa-7102"]) {
    for (const y of [year, year - 1, year - 2]) {
      await choose("f-report-kind", kind);
      await choose("f-report-year", String(y));
      await session.waitForText("#report-body", (t) => t.includes(String(y)) && t.includes(kind === "annual" ? "Annual" : "7102"));
      await sleep(200);
      const shown = await session.execute(
        "return Object.fromEntries([...document.querySelectorAll('#report-table tbody tr')].map((tr) => [tr.dataset.line, [...tr.querySelectorAll('td')].map((td) => td.textContent)]))",
      );
      const json = cli("report", kind, "--year", String(y), "--format", "json");
      const lines = kind === "annual" ? Object.entries(json.regimes).flatMap(([reg, rights]) => Object.entries(rights).map(([r, f]) => [`${reg}/${r}`, f])) : Object.entries(json.rights).map(([r, f]) => [`ccpa/${r}`, f]);
      const dash = (v, suffix = "") => (v === null ? "—" : `${v}${suffix}`);
      const expected = Object.fromEntries(
        lines
          .filter(([, f]) => kind === "ccpa-7102" || f.received > 0 || f.overdue_now > 0)
          .map(([line, f]) => [
            line,
            [f.received, f.complied, f.complied_in_part, f.denied, f.withdrawn].map(String).concat(dash(f.on_time_percent, "%"), dash(f.median_days), dash(f.mean_days), String(f.overdue_now)),
          ]),
      );
      assert.deepEqual(shown, expected, `${kind} ${y}`);
      compared += Object.keys(expected).length;
    }
  }
  assert.ok(compared > 20, `lines compared: ${compared}`);
  await choose("f-report-kind", "annual");
  await choose("f-report-year", String(year - 1));
  await session.waitForText("#report-title", (t) => t.includes(String(year - 1)) && t.includes("Annual"));
  assert.equal(await session.execute("return document.querySelectorAll('#report-body svg.chart').length"), 2);
  writeFileSync(join(ARTIFACTS, "10-reports.png"), await session.screenshot());
  assert.deepEqual(await runAxe(session), []);

  // Saved as CSV: the bytes of `casebook report --format csv`; as PDF: the report with the audit chain's line.
  const name = join(letters, `casebook-annual-${year - 1}`);
  const fromCli = join(tmpdir(), `casebook-e2e-${process.pid}-report.csv`);
  const out = spawnSync(CLI, ["--db", db, "report", "annual", "--year", String(year - 1), "--format", "csv", "--out", fromCli, "--force"], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  await session.click("#save-report-csv");
  await session.waitForText("#report-saved", (t) => t.startsWith("Saved: ") && t.endsWith("(CSV)"));
  assert.ok(readFileSync(`${name}.csv`).equals(readFileSync(fromCli)), "the window's CSV is the CLI's");
  await session.click("#save-report-pdf");
  await session.waitForText("#report-saved", (t) => t.endsWith("(PDF)"));
  const text = spawnSync("pdftotext", [`${name}.pdf`, "-"], { encoding: "utf8" }).stdout;
  assert.match(text, new RegExp(`Annual.*${year - 1}`));
  assert.match(text, /Audit chain:/);
  for (const file of [`${name}.csv`, `${name}.pdf`, fromCli]) rmSync(file);
});

let expiredBefore;

test("retention lists what `casebook purge --dry-run` lists; a legal hold takes a case off", async () => {
  // Lock and unlock: locking makes today's rolling backup, restored in the last test.
  await session.click("#nav-lock");
  await unlock();
  await session.click("#nav-retention");
  await session.find("#expired-table");
  expiredBefore = await expiredShown();
  assert.deepEqual(expiredBefore, cli("purge", "--dry-run", "--json").map((e) => e.reference));
  assert.ok(expiredBefore.length >= 2, `expired cases in the demo: ${expiredBefore.length}`);
  writeFileSync(join(ARTIFACTS, "11-retention.png"), await session.screenshot());
  assert.deepEqual(await runAxe(session), []);

  const held = expiredBefore[0];
  await session.click(`#expired-table tr[data-reference="${held}"] td.ref`);
  await session.click("#legal-hold");
  await session.waitForText("#retention-state", (t) => t.startsWith("On legal hold"));
  await session.click("#nav-retention");
  await session.find("#expired-table");
  assert.deepEqual(await expiredShown(), expiredBefore.slice(1));

  await session.click("#purge");
  await session.click("#confirm-purge");
  await session.waitForText("#purge-status", (t) => t.startsWith(`Purged ${expiredBefore.length - 1} case`));
  const purged = expiredBefore.length - 1;
  await session.waitForText("#work-progress", (t) => t.startsWith("Purging personal data") && t.endsWith(`${purged} of ${purged}`));
  await session.waitForText("#retention-body", (t) => t.startsWith("No closed case"));
  assert.deepEqual(cli("purge", "--dry-run", "--json"), []);
  assert.equal(cli("case", "show", expiredBefore[1], "--json").requester.name, "Redacted");
  assert.notEqual(cli("case", "show", held, "--json").requester.name, "Redacted");
});

test("restoring today's rolling backup in the app checks the passphrase and brings the cases back", async () => {
  await session.click("#nav-settings");
  await session.find("#f-restore-date option");
  await session.type("#f-restore-passphrase", "not the passphrase");
  await session.click("#restore-rolling");
  await session.waitForText("#restore-status", (t) => t.includes("Wrong passphrase") && t.includes("Nothing was changed"));
  await session.type("#f-restore-passphrase", PASSPHRASE);
  await session.click("#restore-rolling");
  await session.waitForText("h1", (t) => t === "Dashboard");
  await session.click("#nav-retention");
  await session.find("#expired-table");
  // The backup was made before the legal hold was set, so every case is listed again.
  assert.deepEqual(await expiredShown(), expiredBefore, "the purged cases are back");
});

test("the calendar export opens in ical.js, the parser of Mozilla's calendar", async () => {
  const { default: ICAL } = await import("../ui/node_modules/ical.js/dist/ical.js");
  const file = join(tmpdir(), `casebook-e2e-${process.pid}.ics`);
  const out = spawnSync(CLI, ["--db", db, "export", "ics", "--out", file], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  assert.ok(events.length > 10, `events: ${events.length}`);
  assert.equal(new Set(events.map((e) => e.uid)).size, events.length, "one UID per deadline");
  const names = cli("case", "list", "--json", "--limit", "1000").map((c) => c.requester.name);
  for (const e of events) {
    assert.match(e.summary, /^(DSR|CMP|COR)-\d{4}-\d{4}: /);
    assert.ok(e.startDate.isDate, "all-day");
    assert.ok(e.component.getFirstSubcomponent("valarm"), "a reminder");
    assert.ok(!names.some((n) => e.summary.includes(n)), "no names unless asked for");
  }
});

/** Opens the batch letters dialog from the case list, for every case with `status`. */
async function openBatch(status) {
  await session.click("#nav-cases");
  await session.click("#batch-letters");
  await choose("batch-status", status);
  await choose("batch-template", "acknowledgement");
}

test("letters for every acknowledged case: a progress bar, one stored PDF per request in the chosen folder", async () => {
  // Complaints have their own acknowledgement letter: they are skipped, and the dialog says so.
  const listed = cli("case", "list", "--status", "acknowledged", "--json", "--limit", "1000");
  const expected = listed.filter((c) => c.kind === "request").map((c) => `${c.reference}.pdf`);
  assert.ok(expected.length >= 2, `acknowledged requests in the demo: ${expected.length}`);
  await openBatch("acknowledged");
  await session.click("#batch-write");
  await session.waitForText("#batch-result", (t) => t.startsWith(`Wrote ${expected.length} letters`), 120000);
  const skipped = listed.length - expected.length;
  if (skipped > 0) assert.match(await session.text("#batch-result"), new RegExp(`${skipped} cases? (was|were) skipped`));
  assert.equal(await session.text("#batch-count"), `${expected.length} of ${expected.length} letters`);
  writeFileSync(join(ARTIFACTS, "13-batch-letters.png"), await session.screenshot());
  assert.deepEqual(await runAxe(session), []);
  assert.deepEqual(readdirSync(letters).sort(), [...expected].sort());
  // Each file is the letter stored with its case: the audit trail holds one record per letter, with its SHA-256.
  const records = cli("audit", "--limit", String(expected.length), "--json");
  assert.deepEqual(records.map((r) => `${r.case_ref}.pdf`).sort(), [...expected].sort());
  for (const r of records) {
    assert.equal(r.action, "letter.add");
    const pdf = readFileSync(join(letters, `${r.case_ref}.pdf`));
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    assert.equal(JSON.parse(r.changes).letter[1].sha256, createHash("sha256").update(pdf).digest("hex"));
  }
  await session.click("#batch-cancel");
});

test("a batch cancelled half way leaves no file and stores no letter", async () => {
  rmSync(letters, { recursive: true });
  mkdirSync(letters);
  const closed = cli("case", "list", "--status", "closed", "--json", "--limit", "1000");
  assert.ok(closed.length >= 40, `closed cases in the demo: ${closed.length}`);
  const audit = () => cli("audit", "--limit", "1", "--json")[0].seq;
  const lastRecord = audit();
  await openBatch("closed");
  await session.click("#batch-write");
  await session.waitFor("return document.getElementById('batch-progress').hidden ? null : true", "the first letter made");
  await session.click("#batch-cancel");
  await session.waitForText("#batch-result", (t) => t.startsWith("cancelled: no letter was written or stored"), 120000);
  assert.deepEqual(readdirSync(letters), [], "no letter and no partial file left");
  assert.equal(audit(), lastRecord, "nothing stored");
  await session.click("#batch-cancel");
});

test("Settings exports the cases as CSV and everything as JSON: the same bytes as `casebook export`", async () => {
  rmSync(letters, { recursive: true });
  mkdirSync(letters);
  await session.click("#nav-settings");
  for (const [format, name] of [["csv", /^casebook-cases-\d{4}-\d{2}-\d{2}\.csv$/], ["json", /^casebook-export-\d{4}-\d{2}-\d{2}\.json$/]]) {
    const fromCli = join(tmpdir(), `casebook-e2e-${process.pid}.${format}`);
    const out = spawnSync(CLI, ["--db", db, "export", format, "--out", fromCli, "--force"], { env, encoding: "utf8" });
    assert.equal(out.status, 0, out.stderr);
    await session.click(`#export-${format}`);
    await session.waitForText("#export-result", (t) => t.startsWith("Exported ") && t.includes(format.toUpperCase()));
    const file = readdirSync(letters).find((f) => f.endsWith(`.${format}`));
    assert.match(file ?? "", name);
    assert.ok(readFileSync(join(letters, file)).equals(readFileSync(fromCli)), `the window's ${format} export is the CLI's`);
    rmSync(fromCli);
  }
  writeFileSync(join(ARTIFACTS, "14-export.png"), await session.screenshot());
});

test("letters for the cases ticked in the list, kept across filters: one PDF each, none for the others", async () => {
  rmSync(letters, { recursive: true });
  mkdirSync(letters);
  await session.click("#nav-cases");
  await choose("case-status", "acknowledged");
  const requests = cli("case", "list", "--status", "acknowledged", "--json", "--limit", "1000").filter((c) => c.kind === "request");
  const picked = requests.slice(0, 2).map((c) => c.reference);
  for (const reference of picked) await session.click(`#case-table tr[data-reference="${reference}"] input.pick`);
  assert.equal(await session.text("h1"), "Cases", "a tick does not open the case");
  await session.waitForText("#selected-count", (t) => t === "2 cases selected");
  // The ticks stay while the list shows other cases.
  await choose("case-status", "closed");
  await session.waitFor(`return !document.querySelector('#case-table tr[data-reference="${picked[0]}"]')`, "the closed cases");
  assert.equal(await session.text("#selected-count"), "2 cases selected");
  await session.click("#letters-selected");
  assert.equal(await session.text("#batch-cases"), `For the 2 cases selected: ${picked.join(", ")}`);
  await choose("batch-template", "acknowledgement");
  writeFileSync(join(ARTIFACTS, "14-letters-selected.png"), await session.screenshot());
  await session.click("#batch-write");
  await session.waitForText("#batch-result", (t) => t.startsWith("Wrote 2 letters"), 120000);
  assert.deepEqual(readdirSync(letters).sort(), picked.map((r) => `${r}.pdf`).sort());
  await session.click("#batch-cancel");
  await session.click("#clear-selection");
  assert.equal(await session.execute("return document.getElementById('selection').hidden"), true);
});

test("the case list sorts by due date, receipt, reference or latest change: the order of `casebook case list --sort`", async () => {
  await session.click("#nav-cases");
  await choose("case-status", "");
  const shown = () => session.execute("return [...document.querySelectorAll('#case-table tbody tr')].map((tr) => tr.dataset.reference)");
  for (const sort of ["received", "reference", "updated", "due"]) {
    await choose("case-sort", sort);
    const expected = cli("case", "list", "--sort", sort, "--limit", "50", "--json").map((c) => c.reference);
    await session.waitFor(`return JSON.stringify([...document.querySelectorAll('#case-table tbody tr')].map((tr) => tr.dataset.reference)) === ${JSON.stringify(JSON.stringify(expected))}`, `the list sorted by ${sort}`).catch(() => {});
    assert.deepEqual(await shown(), expected, `sorted by ${sort}`);
  }
  writeFileSync(join(ARTIFACTS, "15-sorted.png"), await session.screenshot());
});
