// End to end: the breach register in the real window. A breach is recorded from the form (a
// missing law refused beside its field), its 72-hour clock tops the dashboard when less than a
// day is left, the notification to the authority is recorded, and the register is saved as CSV
// (the same bytes as the command line's) and PDF.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, runAxe, sleep } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const CLI = resolve(process.env.CLI ?? "target/debug/casebook");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const PASSPHRASE = "e2e breach passphrase";

let session;
let stop;
let db;
let env;
let saved;
let reference;

function run(...args) {
  const out = spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

/** `hours` ago as local time in Tokyo (the sample office's zone), as a datetime-local value. */
function tokyo(hoursAgo) {
  return new Date(Date.now() - hoursAgo * 3600e3).toLocaleString("sv-SE", { timeZone: "Asia/Tokyo" }).replace(" ", "T").slice(0, 16);
}

async function setValue(selector, value) {
  await session.find(selector);
  await session.execute(
    "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));",
    [selector, value],
  );
}

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-breach-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "casebook.db");
  env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: PASSPHRASE };
  assert.equal(spawnSync(CLI, ["--db", db, "init"], { env, encoding: "utf8" }).status, 0);
  saved = join(home, "saved");
  mkdirSync(saved);
  const appEnv = { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home, CASEBOOK_TEST_DIALOG_DIR: saved };
  ({ session, stop } = await launch(APP, appEnv, join(ARTIFACTS, "tauri-driver-breach.log")));
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
});

after(async () => {
  await stop?.();
});

test("record a breach: a missing law is refused beside its field, then the clocks show", async () => {
  await session.click("#nav-breaches");
  await session.click("#new-breach");
  await session.find("#breach-form");
  await sleep(300);
  assert.deepEqual(await runAxe(session), [], "the form passes the accessibility check");
  await setValue("#breach-form #f-aware", tokyo(50));
  await session.type("#breach-form #f-description", "A misaddressed batch of order confirmations");
  await session.click("#save-breach");
  await session.waitForText("#f-regime-error", (t) => t.includes("name at least one law"));
  await session.click("#breach-regime-gdpr");
  await setValue("#breach-form #f-count", "DE=120");
  await setValue("#breach-form #f-occurred_from", tokyo(60));
  await setValue("#breach-form #f-data_categories", "order history\npostal address");
  await setValue("#breach-form #f-consequences", "Unwanted mail; no financial data was exposed.");
  await setValue("#breach-form #f-measures", "The mail house recalled the batch.");
  await session.click("#save-breach");
  await session.waitForText("#breach-reference", (t) => t.startsWith("BR-"));
  reference = await session.text("#breach-reference");
  await session.waitForText("#breach-clocks", (t) => t.includes("Hamburg") && t.includes("hours left"));
  writeFileSync(join(ARTIFACTS, "breach-page.png"), await session.screenshot());
  await sleep(300);
  assert.deepEqual(await runAxe(session), [], "the breach page passes the accessibility check");
  const shown = JSON.parse(run("breach", "show", reference, "--json"));
  assert.equal(shown.counts.DE, 120);
  assert.ok(shown.occurred_from < shown.aware_at, "it began before the office knew");
  assert.equal(shown.clocks[0].kind, "authority");
});

test("less than a day left: the breach tops the dashboard, marked urgent", async () => {
  await session.click("#nav-dashboard");
  await session.waitForText("#dashboard-breaches", (t) => t.includes(reference) && t.includes("Hamburg"));
  const first = await session.execute("return document.querySelector('main .card, main .tiles')?.id");
  assert.equal(first, "breach-clocks-card", "before every other card and tile");
  assert.equal(await session.execute("return document.getElementById('breach-clocks-card').classList.contains('urgent')"), true);
  writeFileSync(join(ARTIFACTS, "breach-dashboard.png"), await session.screenshot());
});

test("the facts are completed as the investigation goes on, then the notification meets its clock", async () => {
  await session.click(`#dashboard-breaches li[data-reference="${reference}"] button`);
  await session.waitForText("#breach-reference", (t) => t === reference);
  await session.click("#edit-breach");
  await session.waitFor("const e = document.querySelector('#breach-form #f-count'); return e && e.value === 'DE=120' ? true : null", "the form filled with the facts");
  await setValue("#breach-form #f-count", "DE=150\nAT=12");
  await session.click("#save-breach");
  await session.waitForText("main", (t) => t.includes("AT 12") && t.includes("DE 150"));
  assert.equal(JSON.parse(run("audit", "--case", reference, "--limit", "1", "--json"))[0].action, "breach.edit");
  await setValue("#notice-form #f-at", tokyo(1));
  await session.type("#notice-form #f-their_reference", "HH-2026-114");
  await session.click("#save-notice");
  await session.waitForText("#notices", (t) => t.includes("Hamburg") && t.includes("HH-2026-114"));
  await session.waitForText("#breach-clocks", (t) => t.includes("met"));
  const shown = JSON.parse(run("breach", "show", reference, "--json"));
  assert.ok(shown.clocks[0].met_at, "the clock is met");
});

test("the letter to the people concerned is drafted as PDF; one the breach cannot fill says what it lacks", async () => {
  await setValue("#breach-letter-form #f-template", "subject-communication");
  await session.click("#save-breach-letter");
  await session.waitForText("#breach-letter-status", (t) => t.startsWith("Saved"));
  const text = spawnSync("pdftotext", [join(saved, `${reference}-subject-communication.pdf`), "-"], { encoding: "utf8" }).stdout;
  assert.ok(text.includes("What this may mean for you") && text.includes("Unwanted mail"), text);
  // The notification to the authority also names the categories of people, which the form left out.
  await setValue("#breach-letter-form #f-template", "authority-notification");
  await session.click("#save-breach-letter");
  await session.waitForText("#breach-letter-status", (t) => t.includes("needs the categories of people concerned"));
});

test("the request the breach caused is linked, and the clock is on the calendar", async () => {
  const request = JSON.parse(run("case", "add", "--kind", "request", "--regime", "gdpr", "--received", tokyo(1).slice(0, 10), "--name", "Jan Kowalski", "--right", "access", "--json")).reference;
  await session.type("#breach-link-reference", request);
  await session.click("#breach-link-form button[type=submit]");
  await session.waitForText("main", (t) => t.includes(request));
  assert.deepEqual(JSON.parse(run("breach", "show", reference, "--json")).cases, [request]);
  await session.click("#nav-calendar");
  await session.find("#agenda");
  if (!(await session.text("#agenda")).includes(reference)) await session.click("#next-month");
  await session.waitForText("#agenda", (t) => t.includes(reference) && t.includes("breach notice"));
});

test("the register is saved as CSV (the command line's bytes) and as PDF", async () => {
  await session.click("#nav-breaches");
  await session.find("#breach-table");
  await sleep(300);
  assert.deepEqual(await runAxe(session), [], "the register passes the accessibility check");
  await session.click("#register-csv");
  await session.waitForText("#register-saved", (t) => t.includes("1 breach"));
  const fromCli = join(saved, "cli.csv");
  run("breach", "register", "--format", "csv", "--out", fromCli);
  assert.ok(readFileSync(join(saved, "breach-register.csv")).equals(readFileSync(fromCli)));
  await session.execute("document.getElementById('register-saved').textContent = ''");
  await session.click("#register-pdf");
  await session.waitForText("#register-saved", (t) => t.includes("1 breach"));
  const text = spawnSync("pdftotext", [join(saved, "breach-register.pdf"), "-"], { encoding: "utf8" }).stdout;
  assert.ok(text.includes(reference) && text.includes("HH-2026-114"), text);
});
