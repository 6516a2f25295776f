// Captures the main screens of the real app on a database, for a person to look at.
// Usage: APP=path/to/casebook-desktop DB=demo.db PASSPHRASE=… xvfb-run -a node e2e/screenshots.mjs OUT_DIR
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort, Session, sleep } from "./webdriver.mjs";

const out = resolve(process.argv[2] ?? "e2e/artifacts");
mkdirSync(out, { recursive: true });
const [port, nativePort] = [await freePort(), await freePort()];
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
  env: { ...process.env, CASEBOOK_DB: resolve(process.env.DB) },
  stdio: "inherit",
});
try {
  await sleep(1500);
  const s = await Session.start(`http://127.0.0.1:${port}`, resolve(process.env.APP));
  const shot = async (name) => writeFileSync(join(out, `${name}.png`), await s.screenshot());
  await s.find("#passphrase");
  await sleep(500);
  await shot("unlock");
  await s.type("#passphrase", process.env.PASSPHRASE);
  await s.click("#unlock");
  await s.waitForText("h1", (t) => t === "Dashboard");
  await sleep(300);
  await shot("dashboard");
  await s.click("#nav-calendar");
  await s.find("#month .day.today");
  await sleep(300);
  await shot("calendar");
  await s.click("#nav-cases");
  await s.waitForText("#case-count", (t) => t.includes("of"));
  await shot("cases");
  await s.click("tr[data-reference] td.ref");
  await s.find("#case-reference");
  await sleep(300);
  await shot("case");
  await s.click("#nav-parties");
  await sleep(500);
  await shot("parties");
  await s.end();
} finally {
  driver.kill();
}
