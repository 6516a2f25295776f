// End to end: a register kept in a spreadsheet moved into Casebook from the window. Its columns are
// matched to case fields by their names, the dry run lists the rows `casebook import csv --dry-run`
// rejects with the same reasons and writes nothing; once the register is corrected, every case is
// created at once, as the command line would.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const CLI = resolve(process.env.CLI ?? "target/debug/casebook");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const FIXTURE = resolve("tests/data/register");
const PASSPHRASE = "e2e register passphrase";

let session;
let stop;
let db;
let env;
let register;

function run(...args) {
  const out = spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

const rowsShown = (table) =>
  session.execute(
    `return [...document.querySelectorAll('#${table} tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent));`,
  );

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-register-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "casebook.db");
  env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: PASSPHRASE };
  run("init");
  const dialogs = join(home, "dialogs");
  mkdirSync(join(dialogs, "to-open"), { recursive: true });
  register = join(dialogs, "to-open", "register.csv");
  writeFileSync(register, readFileSync(join(FIXTURE, "register.csv")));
  const appEnv = { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home, CASEBOOK_TEST_DIALOG_DIR: dialogs };
  ({ session, stop } = await launch(APP, appEnv, join(ARTIFACTS, "tauri-driver-register.log")));
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
});

after(async () => {
  await stop?.();
});

test("the dry run rejects the rows the command line rejects, with its reasons, and writes nothing", async () => {
  await session.click("#nav-cases");
  await session.click("#import-register");
  await session.find("#register-dialog");
  // The columns are matched by their names; the dates' order is read from the dates.
  const guessed = await session.execute(
    "return Object.fromEntries([...document.querySelectorAll('#register-columns select')].map((s) => [s.dataset.column, s.value]));",
  );
  const mapping = JSON.parse(readFileSync(join(FIXTURE, "mapping.json"), "utf8"));
  assert.deepEqual(guessed, mapping.columns);
  assert.equal(await session.execute("return document.getElementById('register-date-format').value"), mapping.date_format);

  await session.click("#register-check");
  await session.waitForText("#register-summary", (t) => t.startsWith("3 rows are rejected"));
  const dryRun = run("import", "csv", register, "--map", join(FIXTURE, "mapping.json"), "--dry-run");
  const rejected = [...dryRun.matchAll(/^ {2}row (\d+): (.+)$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(await rowsShown("register-rejected"), rejected);
  const accepted = await rowsShown("register-accepted");
  assert.deepEqual(
    accepted.map((r) => r[1]),
    ["Anna Schmidt", "Smith, John", "山田 花子"],
  );
  assert.equal(await session.execute("return document.getElementById('register-import').disabled"), true);
  writeFileSync(join(ARTIFACTS, "register-dry-run.png"), await session.screenshot());
  assert.equal(JSON.parse(run("case", "list", "--json")).length, 0, "nothing written");
});

test("corrected, the register is checked again and every case is created at once", async () => {
  const corrected = readFileSync(register, "utf8")
    .replace("maria@,", "maria@example.es,")
    .replace("31/02/2025", "28/02/2025")
    .replace("gdpr,opt-out", "gdpr,objection");
  writeFileSync(register, corrected);
  await session.click("#register-check");
  await session.waitForText("#register-summary", (t) => t === "6 cases would be created; no row is rejected.");
  await session.waitForText("#register-import", (t) => t === "Import 6 cases");
  await session.click("#register-import");
  // The import shows how far it is, and is seen to have finished.
  const shown = await session.waitForText("#work-progress", (t) => t.includes("6 of 6"));
  assert.match(shown, /^Importing/);
  writeFileSync(join(ARTIFACTS, "register-imported.png"), await session.screenshot());
  await session.waitFor("return !document.getElementById('register-dialog')", "the dialog to close");
  const cases = JSON.parse(run("case", "list", "--json"));
  assert.equal(cases.length, 6);
  assert.ok(cases.some((c) => c.requester.name === "Smith, John" && c.regime === "uk-gdpr"));
  const audit = JSON.parse(run("audit", "--json"));
  assert.equal(audit.filter((r) => r.action === "case.add").length, 6, "each audited like every new case");
});
