// A minimal W3C WebDriver client over fetch: enough to drive the real app through tauri-driver.
import { spawn, spawnSync } from "node:child_process";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** WebDriver's codes for keys that are not text. */
export const KEYS = { tab: "\uE004", enter: "\uE007", control: "\uE009", escape: "\uE00C" };

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application) {
    const res = await request(base, "POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } },
    });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Waits until `selector` matches an element, then returns its id. */
  async find(selector, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
      try {
        const el = await this.cmd("POST", "/element", { using: "css selector", value: selector });
        return el[ELEMENT];
      } catch (e) {
        last = e;
        await sleep(150);
      }
    }
    throw new Error(`no element matches ${selector}: ${last?.message}`);
  }

  /** Clicks the element `selector` matches; found again if a re-render replaced it in between. */
  async click(selector, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.cmd("POST", `/element/${await this.find(selector)}/click`, {});
      } catch (e) {
        const stale = / 404 /.test(e.message) || /stale/i.test(e.message);
        if (!stale || Date.now() > end) throw e;
        await sleep(100);
      }
    }
  }

  async type(selector, text) {
    const id = await this.find(selector);
    await this.cmd("POST", `/element/${id}/clear`, {});
    await this.cmd("POST", `/element/${id}/value`, { text });
  }

  async text(selector) {
    return this.cmd("GET", `/element/${await this.find(selector)}/text`);
  }

  /** Waits until the text of `selector` satisfies `predicate`; returns it. */
  async waitForText(selector, predicate, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    let text = "";
    while (Date.now() < end) {
      try {
        text = await this.text(selector);
        if (predicate(text)) return text;
      } catch {
        // not there yet
      }
      await sleep(150);
    }
    throw new Error(`${selector} never matched; last text: ${JSON.stringify(text)}`);
  }

  /** Polls `script` until it returns something truthy; returns that. */
  async waitFor(script, what, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const value = await this.execute(script).catch(() => null);
      if (value) return value;
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Runs `script` (which calls its last argument with the result) and waits for the result. */
  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /**
   * Presses keys as a person would, through WebDriver actions: each item is text to type, or
   * `{ ctrl: "n" }` for a chord, or a WebDriver key code such as KEYS.tab.
   */
  async keys(...items) {
    const actions = [];
    const press = (value) => actions.push({ type: "keyDown", value }, { type: "keyUp", value });
    for (const item of items) {
      if (typeof item === "string") [...item].forEach(press);
      else {
        actions.push({ type: "keyDown", value: KEYS.control });
        press(item.ctrl);
        actions.push({ type: "keyUp", value: KEYS.control });
      }
    }
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /**
   * The screen as a person sees it, grabbed from the X display (ImageMagick). WebDriver's own
   * screenshot command never answers when WebKit renders without GPU compositing, as the app does.
   */
  async screenshot() {
    await sleep(200); // let the last paint land
    const grab = spawnSync("import", ["-window", "root", "png:-"], { maxBuffer: 64 << 20 });
    if (grab.status !== 0) throw new Error(`screenshot: ${grab.stderr}`);
    return grab.stdout;
  }

  end() {
    return this.cmd("DELETE", "");
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.value?.message ?? ""}`);
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts tauri-driver on free ports with `env` added (CASEBOOK_DB chooses the database) and opens
 * a session on the app; its log goes to `logFile`. Returns { driver, session, stop }.
 */
export async function launch(app, env, logFile) {
  const { openSync } = await import("node:fs");
  // Ports the system says are free, so a run never talks to another run's driver.
  const [port, nativePort] = [await freePort(), await freePort()];
  const log = openSync(logFile, "w");
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...env },
    // Not the test runner's own pipes: a window that outlives its driver must not keep the run waiting.
    stdio: ["ignore", log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch (e) {
      if (i > 100) throw new Error(`tauri-driver did not start: ${e}`);
      await sleep(100);
    }
  }
  const session = await Session.start(base, app);
  const stop = async () => {
    await session.end().catch(() => {});
    driver.kill();
    // WebKitWebDriver normally closes the app with the session; make sure no window outlives the run.
    spawnSync("pkill", ["-f", app]);
  };
  return { driver, session, stop };
}

/** Runs axe-core on the current screen (WCAG 2.x A and AA rules); returns the violations. */
export async function runAxe(session) {
  const { readFileSync } = await import("node:fs");
  const { resolve } = await import("node:path");
  const axe = readFileSync(resolve("ui/node_modules/axe-core/axe.min.js"), "utf8");
  return session.executeAsync(
    `${axe};
     const done = arguments[arguments.length - 1];
     axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] })
       .then((r) => done(r.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", "))))
       .catch((e) => done(["axe failed: " + e]));`,
  );
}
