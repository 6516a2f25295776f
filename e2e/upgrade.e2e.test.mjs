// End to end on a database made by an older Casebook (tests/data/older-database, schema 9): the
// window upgrades it at unlock, says so once with the copy it kept and the new seal key, and then
// shows the cases; Settings → About names the version.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const FIXTURE = resolve("tests/data/older-database");
const PASSPHRASE = readFileSync(join(FIXTURE, "passphrase"), "utf8");
const VERSION = readFileSync("Cargo.toml", "utf8").match(/^version = "(.+)"$/m)[1];

let session;
let stop;
let db;

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-upgrade-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  db = join(home, "casebook.db");
  copyFileSync(join(FIXTURE, "casebook.db"), db);
  copyFileSync(join(FIXTURE, "casebook.db.kdf"), `${db}.kdf`);
  ({ session, stop } = await launch(APP, { CASEBOOK_DB: db, HOME: home, XDG_DATA_HOME: home }, join(ARTIFACTS, "tauri-driver-upgrade.log")));
});

after(async () => {
  await stop?.();
});

test("an older database is upgraded at unlock, with the copy from before named once", async () => {
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "This database was upgraded");
  const copy = await session.text("#upgrade-copy");
  assert.match(copy, /backups\/before-upgrade-9-to-\d+-.+\.db$/);
  assert.ok(existsSync(copy), `the copy ${copy} exists`);
  assert.match(await session.text("#seal-key"), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
  writeFileSync(join(ARTIFACTS, "upgraded.png"), await session.screenshot());
  await session.click("#opened-continue");
  await session.waitForText("h1", (t) => t === "Dashboard");
});

test("Settings → About shows the version of Casebook", async () => {
  await session.click("#nav-settings");
  await session.waitForText("#about-version", (t) => t === `Version ${VERSION}`);
  writeFileSync(join(ARTIFACTS, "settings-about.png"), await session.screenshot());
});
