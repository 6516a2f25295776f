// Captures every main screen of the real app on a database, for a person to look at.
// Usage: APP=path/to/casebook-desktop DB=demo.db PASSPHRASE=… [SIZE=1920x1080] [UI_LANG=ja] \
//          xvfb-run -a -s "-screen 0 1920x1080x24" node e2e/screenshots.mjs OUT_DIR
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort, Session, sleep } from "./webdriver.mjs";

const out = resolve(process.argv[2] ?? "e2e/artifacts");
const [width, height] = (process.env.SIZE ?? "1280x800").split("x").map(Number);
const lang = process.env.UI_LANG ?? "en";
mkdirSync(out, { recursive: true });
const [port, nativePort] = [await freePort(), await freePort()];
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
  env: { ...process.env, CASEBOOK_DB: resolve(process.env.DB) },
  stdio: "inherit",
});
const setLanguage = (s, code) => s.execute("localStorage.setItem('casebook.language', arguments[0]); location.reload();", [code]);
try {
  await sleep(1500);
  const s = await Session.start(`http://127.0.0.1:${port}`, resolve(process.env.APP));
  await s.cmd("POST", "/window/rect", { x: 0, y: 0, width, height });
  const shot = async (name) => writeFileSync(join(out, `${lang}-${width}-${name}.png`), await s.screenshot());
  const visit = async (nav, ready, name) => {
    await s.click(nav);
    await s.find(ready);
    await sleep(400);
    await shot(name);
  };
  await s.find("#passphrase");
  await setLanguage(s, lang);
  await sleep(1000);
  await s.find("#passphrase");
  await shot("unlock");
  await s.type("#passphrase", process.env.PASSPHRASE);
  await s.click("#unlock");
  await s.find("#tile-overdue", 60000);
  await sleep(300);
  await shot("dashboard");
  await visit("#nav-calendar", "#month .day.today", "calendar");
  await visit("#nav-cases", "#case-table tbody tr", "cases");
  await s.click("tr[data-reference] td.ref");
  await s.find("#case-reference");
  await sleep(300);
  await shot("case");
  await s.click("#write-letter");
  await s.waitFor("return !document.getElementById('save-letter').disabled", "the letter text");
  await shot("letter");
  await visit("#nav-new", "#new-case-form", "new-case");
  await visit("#nav-parties", ".party", "parties");
  await visit("#nav-reports", "#report-body h2", "reports");
  await visit("#nav-retention", "#retention-body p", "retention");
  await visit("#nav-settings", "#profile-form", "settings");
  await setLanguage(s, "en");
  await s.end();
} finally {
  driver.kill();
}
