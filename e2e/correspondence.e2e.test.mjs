// End to end: the address book and correspondence in the real window. A party is added, a letter
// that came by post from it is logged with a PDF attachment and a reply-by date, found in the
// party's thread and by search, and its attachment saved back identical; a task is added and ticked off.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const CLI = resolve(process.env.CLI ?? "target/debug/casebook");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const PASSPHRASE = "e2e correspondence passphrase";
const AUTHORITY = "Datenschutzbehörde Österreich";

let session;
let stop;
let db;
let env;
/** Where the window's dialogs answer: files to open in `to-open/`, saved files beside it. */
let dialogs;
let reference;
let scan;

function cli(...args) {
  const out = spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

async function snap(name) {
  writeFileSync(join(ARTIFACTS, `${name}.png`), await session.screenshot());
}

/** Sets a form control's value as a person would, with the events the form listens for. */
async function setValue(selector, value) {
  await session.find(selector);
  await session.execute(
    "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));",
    [selector, value],
  );
}

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-items-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "casebook.db");
  env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: PASSPHRASE };
  assert.equal(spawnSync(CLI, ["--db", db, "init"], { env, encoding: "utf8" }).status, 0);
  reference = cli("case", "add", "--kind", "request", "--regime", "gdpr", "--received", "2026-11-02", "--name", "Ann Lee", "--json").reference;
  dialogs = join(home, "dialogs");
  mkdirSync(join(dialogs, "to-open"), { recursive: true });
  // A scanned letter: binary content, not only text, must come back byte for byte.
  scan = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 40000 }, (_, i) => (i * 31) % 256))]);
  writeFileSync(join(dialogs, "to-open", "letter-from-vienna.pdf"), scan);
  const appEnv = { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home, CASEBOOK_TEST_DIALOG_DIR: dialogs };
  ({ session, stop } = await launch(APP, appEnv, join(ARTIFACTS, "tauri-driver-items.log")));
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
});

after(async () => {
  await stop?.();
});

test("add a party to the address book; a bad email is refused beside its field", async () => {
  await session.click("#nav-parties");
  await session.waitForText("#parties", (t) => t.includes("PLANIT // LEGAL"));
  await session.click("#add-party");
  await setValue("#party-form #f-kind", "authority");
  await session.type("#party-form #f-name", AUTHORITY);
  await session.type("#party-form #f-email", "dsb@");
  await setValue("#party-form #f-address", "Barichgasse 40-42\n1030 Wien\nAustria");
  await session.type("#party-form #f-country", "AT");
  await session.click("#party-save");
  await session.waitForText("#party-form #f-email-error", (t) => t.includes("email is not a valid address"));
  await session.type("#party-form #f-email", "dsb@dsb.gv.at");
  await snap("party-dialog");
  await session.click("#party-save");
  await session.waitForText("#parties", (t) => t.includes(AUTHORITY) && t.includes("1030 Wien"));
  const party = cli("party", "list", "--json").find((p) => p.name === AUTHORITY);
  assert.equal(party.kind, "authority");
  assert.equal(party.country, "AT");
  assert.deepEqual(party.address, ["Barichgasse 40-42", "1030 Wien", "Austria"]);
});

test("log a letter that came by post from the party, with a PDF and a reply-by date", async () => {
  const party = cli("party", "list", "--json").find((p) => p.name === AUTHORITY);
  await session.click("#nav-cases");
  await session.click("#case-table td.ref");
  await session.waitForText("#case-reference", (t) => t === reference);
  await session.click("#log-correspondence");
  await setValue("#item-form #f-direction", "in");
  await setValue("#item-form #f-channel", "post");
  await setValue("#item-form #f-party", `party:${party.id}`);
  await setValue("#item-form #f-on", "2026-11-20");
  await setValue("#item-form #f-time", "10:30");
  await session.type("#item-form #f-subject", "Questionnaire from the Austrian authority");
  await session.type("#item-form #f-summary", "They ask how the request was answered.");
  await setValue("#item-form #f-reply_by", "2026-12-18");
  await session.click("#attach-files");
  await session.waitForText("#attachment-list", (t) => t.includes("letter-from-vienna.pdf"));
  await snap("correspondence-dialog");
  await session.click("#item-save");
  const logged = await session.waitForText("#correspondence", (t) => t.includes("Questionnaire from the Austrian authority"));
  assert.match(logged, new RegExp(AUTHORITY));
  assert.match(logged, /letter-from-vienna\.pdf/);
  assert.match(logged, /Reply asked for by 18 Dec 2026/);
  await session.waitForText("#deadlines", (t) => t.includes(`Reply to ${AUTHORITY}`));
  await snap("case-correspondence");

  const [item] = cli("case", "correspondence", "list", reference, "--json");
  assert.equal(item.direction, "in");
  assert.equal(item.counterpart, "authority");
  assert.equal(item.party_id, party.id);
  assert.equal(item.on, "2026-11-20T10:30");
  assert.equal(item.attachments[0].sha256, createHash("sha256").update(scan).digest("hex"));

  // The reply owed is on the dashboard, and opens its case.
  await session.click("#nav-dashboard");
  await session.waitForText("#replies-owed", (t) => t.includes(reference) && t.includes(`Reply to ${AUTHORITY}`));
  await session.click(`#replies-owed li[data-reference="${reference}"] button`);
  await session.waitForText("#case-reference", (t) => t === reference);
});

test("the party's thread lists the item linked to its case, and search finds it", async () => {
  await session.click("#nav-parties");
  const party = cli("party", "list", "--json").find((p) => p.name === AUTHORITY);
  await session.click(`button[data-thread="${party.id}"]`);
  await session.waitForText("#party-name", (t) => t === AUTHORITY);
  await session.waitForText("#thread", (t) => t.includes("Questionnaire from the Austrian authority") && t.includes(reference));
  await snap("party-thread");
  await session.click(`#thread button[data-case="${reference}"]`);
  await session.waitForText("#case-reference", (t) => t === reference);

  await session.click("#nav-cases");
  await session.find("#search");
  await session.execute("const s = document.getElementById('search'); s.value = 'questionnaire'; s.dispatchEvent(new Event('input'));");
  await session.waitForText("#case-count", (t) => t.includes("1 case"));
});

test("save a copy of the attachment: the same bytes come back", async () => {
  await session.click("#case-table td.ref");
  await session.waitForText("#case-reference", (t) => t === reference);
  await session.click("#correspondence button[data-save]");
  await session.waitForText("#file-saved", (t) => t.includes("Saved a copy of letter-from-vienna.pdf"));
  assert.deepEqual(readFileSync(join(dialogs, "letter-from-vienna.pdf")), scan);
});

test("the work on the case: a task added with its date, ticked off with evidence, counted on the dashboard", async () => {
  await session.click("#nav-cases");
  await session.click("#case-table td.ref");
  await session.waitForText("#case-reference", (t) => t === reference);
  await session.type("#task-title", "Search the support mailbox");
  await setValue("#task-due", "2026-12-10");
  await session.click("#task-form button[type=submit]");
  await session.waitForText("#tasks", (t) => t.includes("Search the support mailbox") && t.includes("due 10 Dec 2026"));
  const open = cli("case", "task", "list", reference, "--json").filter((task) => !task.done_on).length;
  assert.ok(open >= 1);
  await session.click("#nav-dashboard");
  await session.waitForText("#open-tasks", (t) => t.startsWith(`${open} open task`));
  await session.click("#nav-cases");
  await session.click("#case-table td.ref");
  const task = cli("case", "task", "list", reference, "--json").find((x) => x.title === "Search the support mailbox");
  await session.type(`#tasks li[data-task="${task.id}"] input`, "Nothing found (ticket 4711)");
  await session.click(`button[data-done-task="${task.id}"]`);
  await session.waitForText("#tasks", (t) => t.includes("Nothing found (ticket 4711)"));
  await snap("case-tasks");
  const done = cli("case", "task", "list", reference, "--json").find((x) => x.id === task.id);
  assert.equal(done.evidence, "Nothing found (ticket 4711)");
  assert.ok(done.done_on);
});
