// End to end: the work on an erasure request in the real window, in an office that approves its
// responses. A task with a party shows on the calendar; the generated tasks are ticked off (one
// with a file as evidence); the confirmation is written and stored as a draft,
// refused at dispatch until approved, approved (binding the PDF's SHA-256) and recorded as sent by
// post, which marks the request responded on that day.
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
const PASSPHRASE = "e2e letters passphrase";

let session;
let stop;
let db;
let env;
let saved;
let reference;
/** A recipient's confirmation, kept as a task's evidence. */
let proof;

function run(...args) {
  const out = spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

const cli = (...args) => JSON.parse(run(...args));

async function setValue(selector, value) {
  await session.find(selector);
  await session.execute(
    "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));",
    [selector, value],
  );
}

async function openCase() {
  await session.click("#nav-cases");
  await session.click("#case-table td.ref");
  await session.waitForText("#case-reference", (t) => t === reference);
}

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-letters-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "casebook.db");
  env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: PASSPHRASE };
  assert.equal(spawnSync(CLI, ["--db", db, "init"], { env, encoding: "utf8" }).status, 0);
  const profile = cli("profile", "show");
  profile.letter_approval = "responses";
  writeFileSync(join(home, "profile.json"), JSON.stringify(profile));
  run("profile", "set", join(home, "profile.json"));
  const received = new Date(Date.now() - 3 * 86400000).toISOString().slice(0, 10);
  reference = cli("case", "add", "--kind", "request", "--regime", "gdpr", "--received", received, "--name", "Jonas Weber", "--right", "erasure", "--json").reference;
  saved = join(home, "saved");
  mkdirSync(join(saved, "to-open"), { recursive: true });
  proof = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 13) % 256))]);
  writeFileSync(join(saved, "to-open", "recipient-confirmation.pdf"), proof);
  const appEnv = { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home, CASEBOOK_TEST_DIALOG_DIR: saved };
  ({ session, stop } = await launch(APP, appEnv, join(ARTIFACTS, "tauri-driver-letters.log")));
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
});

after(async () => {
  await stop?.();
});

test("a task with the EU representative is on the calendar until tasks are switched off", async () => {
  await openCase();
  const representative = cli("party", "list", "--json").find((p) => p.kind === "eu-representative");
  await session.type("#task-title", "Ask the representative for its copy");
  await session.waitFor(`return document.querySelector('#task-party option[value="${representative.id}"]') ? true : null`, "the parties listed");
  await setValue("#task-party", String(representative.id));
  await setValue("#task-due", new Date().toISOString().slice(0, 10));
  await session.click("#task-form button[type=submit]");
  await session.waitForText("#tasks", (t) => t.includes("Ask the representative for its copy") && t.includes(representative.name));
  await session.click("#nav-calendar");
  await session.waitForText("#agenda", (t) => t.includes(reference) && t.includes("task"));
  writeFileSync(join(ARTIFACTS, "calendar-tasks.png"), await session.screenshot());
  await session.click("#calendar-tasks");
  await session.waitForText("#agenda", (t) => !t.includes("task"));
});

test("the tasks are ticked off one by one, the first with a file as evidence", async () => {
  await openCase();
  const tasks = cli("case", "task", "list", reference, "--json");
  assert.ok(tasks.some((t) => t.kind === "tell-recipient"), "an erasure tells each recipient");
  for (const [i, task] of tasks.entries()) {
    await session.type(`#tasks li[data-task="${task.id}"] input`, `Done, ref ${task.id}`);
    if (i === 0) {
      await session.click(`button[data-attach-task="${task.id}"]`);
      await session.waitForText(`span[data-files="${task.id}"]`, (t) => t === "recipient-confirmation.pdf");
    }
    await session.click(`button[data-done-task="${task.id}"]`);
    await session.waitForText("#tasks", (t) => t.includes(`Done, ref ${task.id}`));
  }
  const done = cli("case", "task", "list", reference, "--json");
  assert.ok(done.every((t) => t.done_on), "every task done");
  const first = done.find((t) => t.id === tasks[0].id);
  assert.ok(first.evidence_item, "the file is kept");
  const copy = join(saved, "copy.pdf");
  run("case", "file", reference, String(first.evidence_item), "--out", copy);
  assert.deepEqual(readFileSync(copy), proof, "kept byte for byte");
});

test("the confirmation is written and stored as a draft", async () => {
  await session.click("#write-letter");
  await setValue("#f-template", "erasure-confirmation");
  await session.waitFor("return document.getElementById('save-letter').disabled ? null : true", "the letter filled");
  await session.click("#save-letter");
  await session.waitForText("#letter-status", (t) => t.includes("as letter 1") && t.includes("a draft"));
  await openCase();
  await session.waitForText('#letters li[data-letter="1"] .letter-state', (t) => t === "Draft");
  const letter = cli("case", "show", reference, "--json").letters[0];
  assert.equal(letter.state, "draft");
  const pdf = readFileSync(join(saved, `${reference}-erasure-confirmation.pdf`));
  assert.equal(letter.sha256, createHash("sha256").update(pdf).digest("hex"), "the stored draft is the file");
});

test("a draft the office approves cannot be recorded as sent; approval binds its hash", async () => {
  await session.click('#letters button[data-dispatch="1"]');
  await setValue("#dispatch-dialog-form #f-method", "post");
  await session.click("#dispatch-dialog-save");
  await session.waitForText("#dispatch-dialog-error", (t) => t.includes("must be approved before it is sent"));
  await session.click("#dispatch-dialog-form button[type=button]");
  await session.click('#letters button[data-approve="1"]');
  await session.type("#approve-dialog-form #f-by", "Mia Keller");
  await session.type("#approve-dialog-form #f-note", "Wording checked");
  await session.click("#approve-dialog-save");
  await session.waitForText('#letters li[data-letter="1"]', (t) => t.includes("Approved") && t.includes("approved by Mia Keller"));
  const approval = cli("audit", "--json", "--case", reference).find((r) => r.action === "letter.approve");
  assert.equal(JSON.parse(approval.changes).sha256, cli("case", "show", reference, "--json").letters[0].sha256);
});

test("recorded as sent by post: the request is responded on the dispatch day", async () => {
  await session.click('#letters button[data-dispatch="1"]');
  await setValue("#dispatch-dialog-form #f-method", "post");
  await session.type("#dispatch-dialog-form #f-tracking", "RR123456785DE");
  await session.click("#dispatch-dialog-save");
  await session.waitForText('#letters li[data-letter="1"]', (t) => t.includes("Sent") && t.includes("RR123456785DE"));
  await session.waitForText("#case-status", (t) => t === "Responded");
  await session.execute("document.getElementById('letters').scrollIntoView({ block: 'center' })");
  writeFileSync(join(ARTIFACTS, "letters-dispatched.png"), await session.screenshot());
  const detail = cli("case", "show", reference, "--json");
  const letter = detail.letters[0];
  assert.deepEqual([letter.state, letter.sent_method, letter.tracking], ["sent", "post", "RR123456785DE"]);
  const responded = detail.events.filter((e) => e.type === "responded");
  assert.deepEqual(responded.map((e) => e.on), [letter.sent_on], "responded on the day the letter left");
  assert.equal(detail.late, null);
});

test("a late answer asks for its reason beside the field, and the annual report counts it", async () => {
  const received = new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10);
  const late = cli("case", "add", "--kind", "request", "--regime", "gdpr", "--received", received, "--name", "Lea Roth", "--right", "access", "--json").reference;
  run("letter", late, "--template", "access-response", "--draft", "--out", join(saved, "late.pdf"));
  run("letter", "approve", late, "1");
  await session.click("#nav-cases");
  await session.click(`tr[data-reference="${late}"] td.ref`);
  await session.waitForText("#case-reference", (t) => t === late);
  await session.click('#letters button[data-dispatch="1"]');
  await session.click("#dispatch-dialog-save");
  await session.waitForText("#dispatch-dialog-form #f-late_reason-error", (t) => t.includes("give the reason for lateness"));
  await setValue("#dispatch-dialog-form #f-late_reason", "systems");
  await session.click("#dispatch-dialog-save");
  await session.waitForText("#late-answer", (t) => t.includes("Systems"));
  assert.equal(cli("case", "show", late, "--json").late.reason, "systems");
  await session.click("#nav-reports");
  await setValue("#f-report-year", received.slice(0, 4));
  await session.waitForText("#late-reasons", (t) => t.includes("Systems (1)"));
});
