// End to end: a new laptop's first run starts from a Casebook export (made by `casebook export
// json` on the old one). The set-up screen says what the export holds, a damaged export is refused
// leaving no database, and the database created from a sound one holds exactly what was exported.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");
const CLI = resolve(process.env.CLI ?? "target/debug/casebook");
const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const OLD_PASSPHRASE = "e2e old laptop passphrase";
const NEW_PASSPHRASE = "copper lantern orchard seventeen";

let session;
let stop;
let home;
let oldDb;
let newDb;
let toOpen;
let exported;

function cli(db, passphrase, ...args) {
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: home, CASEBOOK_PASSPHRASE: passphrase };
  const out = spawnSync(CLI, ["--db", db, ...args], { env, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

async function setValue(selector, value) {
  await session.find(selector);
  await session.execute("const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input'));", [
    selector,
    value,
  ]);
}

before(async () => {
  home = mkdtempSync(join(tmpdir(), "casebook-e2e-from-export-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  oldDb = join(home, "old", "casebook.db");
  newDb = join(home, "new", "casebook.db");
  cli(oldDb, OLD_PASSPHRASE, "init");
  cli(oldDb, OLD_PASSPHRASE, "demo", "--cases", "60", "--seed", "4");
  exported = join(home, "export.json");
  cli(oldDb, OLD_PASSPHRASE, "export", "json", "--out", exported);
  const dialogs = join(home, "dialogs");
  toOpen = join(dialogs, "to-open");
  mkdirSync(toOpen, { recursive: true });
  const appEnv = { CASEBOOK_DB: newDb, HOME: home, XDG_DATA_HOME: home, CASEBOOK_TEST_DIALOG_DIR: dialogs };
  ({ session, stop } = await launch(APP, appEnv, join(ARTIFACTS, "tauri-driver-from-export.log")));
  await session.find("#create-db");
});

after(async () => {
  await stop?.();
});

test("a damaged export is described, then refused whole: no database is left behind", async () => {
  const damaged = JSON.parse(readFileSync(exported, "utf8"));
  damaged.tables.cases[5].regime = "lgpd";
  writeFileSync(join(toOpen, "export.json"), JSON.stringify(damaged));
  await session.click("#from-export");
  await session.waitForText("#from-export-summary", (t) => t.startsWith("Cyber Security Cloud, Inc.: 60 cases,"));
  await setValue("#f-export-passphrase", NEW_PASSPHRASE);
  await setValue("#f-export-confirm", NEW_PASSPHRASE);
  await session.click("#from-export-create");
  await session.waitForText("#from-export-error", (t) => t.includes("cases row 6"));
  assert.ok(!existsSync(newDb) && !existsSync(`${newDb}.kdf`), "no database left behind");
  await session.execute("document.getElementById('from-export-dialog').close()");
});

test("a sound export becomes the new database, holding exactly what was exported", async () => {
  rmSync(join(toOpen, "export.json"));
  writeFileSync(join(toOpen, "export.json"), readFileSync(exported));
  await session.click("#from-export");
  await session.waitForText("#from-export-summary", (t) => t.includes("60 cases"));
  writeFileSync(join(ARTIFACTS, "from-export.png"), await session.screenshot());
  await setValue("#f-export-passphrase", NEW_PASSPHRASE);
  await setValue("#f-export-confirm", NEW_PASSPHRASE);
  await session.click("#from-export-create");
  await session.waitForText("#recovery-key", (t) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/.test(t));
  await session.click("#recovery-stored");
  await session.click("#recovery-continue");
  await session.waitForText("h1", (t) => t === "Dashboard");
  const again = join(home, "again.json");
  cli(newDb, NEW_PASSPHRASE, "export", "json", "--out", again);
  assert.ok(readFileSync(again).equals(readFileSync(exported)), "the new database exports what the old one did");
});
