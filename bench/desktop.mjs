// Desktop benchmark: launch the release app under Xvfb on a database of BENCH_CASES cases (made
// with the CLI if missing), then time (1) launch → unlock screen shown, (2) unlock → case list
// shown, and measure (3) the idle memory of every process of the app, WebKit's included (PSS, so
// shared libraries are counted once). Launch goes through tauri-driver and WebKitWebDriver, so the
// times are upper bounds. Run by bench/run; needs a display (xvfb-run).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, sleep } from "../e2e/webdriver.mjs";

const target = process.env.CARGO_TARGET_DIR ?? "target";
const APP = resolve(target, "release/casebook-desktop");
const CLI = resolve(target, "release/casebook");
const cases = Number(process.env.BENCH_CASES ?? 100000);
const PASSPHRASE = "bench passphrase";
const dir = join(tmpdir(), "casebook-desktop-bench");
mkdirSync(dir, { recursive: true });
const db = join(dir, `cases-${cases}.db`);
const env = { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, HOME: dir, XDG_DATA_HOME: dir };
if (!existsSync(db)) {
  const made = spawnSync(CLI, ["--db", db, "demo", "--cases", String(cases), "--seed", "1"], { env, encoding: "utf8" });
  if (made.status !== 0) throw new Error(made.stderr);
}
// A database kept from an older Casebook is upgraded (and checked) first: the window's figures are of opens only.
const opened = spawnSync(CLI, ["--db", db, "case", "list", "--limit", "1"], { env, encoding: "utf8" });
if (opened.status !== 0) throw new Error(opened.stderr);

/** Every process whose parent chain leads to `root`, root included. */
function tree(root) {
  const parent = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const inTree = (pid) => pid === root || (parent.has(pid) && pid > 1 && inTree(parent.get(pid)));
  return [...parent.keys()].filter(inTree);
}

function pssKb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** PSS of every process of the running app, in MB: the total and each process. */
function appMemory() {
  const app = Number(spawnSync("pgrep", ["-n", "-f", APP], { encoding: "utf8" }).stdout.trim());
  // The kernel keeps 15 characters of a process's name: say which process each is in words.
  const names = { "casebook-deskto": "app", WebKitWebProces: "web process", WebKitNetworkPr: "network process" };
  const parts = tree(app).map((pid) => {
    const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    return [names[comm] ?? comm, pssKb(pid) / 1024];
  });
  return { total: parts.reduce((sum, [, mb]) => sum + mb, 0), parts };
}

const runs = Number(process.env.BENCH_RUNS ?? 5);
let locked = 0;
let parts = [];
const launches = [];
const unlocks = [];
let memory = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const { session, stop } = await launch(APP, { CASEBOOK_DB: db, HOME: dir, XDG_DATA_HOME: dir, ...JSON.parse(process.env.BENCH_APP_ENV ?? "{}") }, join(dir, "driver.log"));
  await session.find("#passphrase", 30000);
  launches.push(performance.now() - t0);
  if (i === runs - 1) {
    await sleep(2000);
    locked = appMemory().total;
  }
  await session.type("#passphrase", PASSPHRASE);
  const t1 = performance.now();
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard", 60000);
  await session.click("#nav-cases");
  await session.find("#case-table tbody tr");
  unlocks.push(performance.now() - t1);
  if (i === runs - 1) {
    await sleep(5000);
    ({ total: memory, parts } = appMemory());
  }
  await stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Rows of bench/run's table.
const area = `window, ${cases.toLocaleString("en")} cases`;
const ms = (xs) => `${Math.round(median(xs)).toLocaleString("en")} ms (worst ${Math.round(Math.max(...xs)).toLocaleString("en")} of ${runs})`;
console.log(`| ${area} | launch → unlock screen shown (through WebDriver, an upper bound) | ${ms(launches)} | |`);
console.log(`| ${area} | unlock → case list shown (the key derivation included) | ${ms(unlocks)} | |`);
console.log(`| ${area} | idle memory at the unlock screen, PSS of every process | ${locked.toFixed(0)} MB | goal ≤ 200 MB |`);
console.log(`| ${area} | idle memory with the case list open, PSS | ${memory.toFixed(0)} MB (${parts.map(([name, mb]) => `${name} ${mb.toFixed(0)}`).join(", ")}) | |`);
