// End to end: the passphrase changed in Settings (the current one asked for first) and, once
// forgotten, replaced from the lock screen with the recovery key. Each change re-encrypts the
// database and shows a new recovery key once; the command line opens it with the last passphrase.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const CLI = resolve(process.env.CLI ?? "target/debug/casebook");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const FIRST = "e2e first passphrase";
const SECOND = "copper lantern orchard seventeen";
const THIRD = "violet harbour ledger tangerine";
const RECOVERY_KEY = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/;

let session;
let stop;
let db;
let home;
let firstRecovery;
let secondRecovery;

function cli(passphrase, ...args) {
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: passphrase };
  return spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
}

async function setValue(selector, value) {
  await session.find(selector);
  await session.execute(
    "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input'));",
    [selector, value],
  );
}

/** Fills the open passphrase dialog and submits it. */
async function fill(first, next, repeat = next) {
  await setValue("#passphrase-form input[name=current], #passphrase-form input[name=recovery]", first);
  await setValue("#f-passphrase", next);
  await setValue("#f-confirm", repeat);
  await session.click("#passphrase-save");
}

/** Reads the new recovery key, confirms it is stored, and goes on. */
async function takeRecoveryKey() {
  const key = await session.waitForText("#recovery-key", (t) => RECOVERY_KEY.test(t));
  await session.click("#recovery-stored");
  await session.click("#recovery-continue");
  return key;
}

before(async () => {
  home = mkdtempSync(join(tmpdir(), "casebook-e2e-passphrase-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "casebook.db");
  const init = cli(FIRST, "init");
  assert.equal(init.status, 0, init.stderr);
  firstRecovery = init.stdout.match(/Recovery key: (\S+)/)[1];
  ({ session, stop } = await launch(APP, { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home }, join(ARTIFACTS, "tauri-driver-passphrase.log")));
  await session.type("#passphrase", FIRST);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
});

after(async () => {
  await stop?.();
});

test("Settings changes the passphrase once the current one is confirmed, and shows the new recovery key", async () => {
  await session.click("#nav-settings");
  await session.click("#change-passphrase");
  await fill("not the passphrase at all", SECOND);
  await session.waitForText("#f-current-error", (t) => t.includes("not the current passphrase"));
  await fill(FIRST, SECOND, "something else");
  await session.waitForText("#f-confirm-error", (t) => t.length > 0);
  await fill(FIRST, "short");
  await session.waitForText("#f-passphrase-error", (t) => t.includes("at least"));
  assert.equal(cli(FIRST, "case", "list").status, 0, "nothing changed yet");

  await fill(FIRST, SECOND);
  secondRecovery = await takeRecoveryKey();
  assert.notEqual(secondRecovery, firstRecovery);
  await session.waitForText("#passphrase-changed", (t) => t.includes("re-encrypted"));
  writeFileSync(join(ARTIFACTS, "passphrase-changed.png"), await session.screenshot());
  assert.notEqual(cli(FIRST, "case", "list").status, 0, "the old passphrase no longer opens it");
  assert.equal(cli(SECOND, "case", "list").status, 0);
});

test("a forgotten passphrase is replaced from the lock screen with the recovery key", async () => {
  await session.click("#nav-lock");
  await session.click("#reset-passphrase");
  await fill(firstRecovery, THIRD);
  await session.waitForText("#f-recovery-error", (t) => t.includes("does not open"));
  writeFileSync(join(ARTIFACTS, "passphrase-reset.png"), await session.screenshot());
  await fill(secondRecovery.toLowerCase(), THIRD);
  const third = await takeRecoveryKey();
  assert.notEqual(third, secondRecovery);
  await session.waitForText("h1", (t) => t === "Dashboard");
  assert.equal(cli(THIRD, "case", "list").status, 0);
  const audit = JSON.parse(cli(THIRD, "audit", "--json").stdout);
  assert.equal(audit.filter((r) => r.action === "passphrase.change").length, 2);
});
