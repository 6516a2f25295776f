// End to end: the real Casebook window under Xvfb, driven through tauri-driver and WebKitWebDriver.
// Run by scripts/test; needs APP (the desktop binary) and a display.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { KEYS, launch, runAxe, sleep } from "./webdriver.mjs";

const APP = resolve(process.env.APP ?? "target/debug/casebook-desktop");

const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? "e2e/artifacts");
const PASSPHRASE = "e2e correct horse battery";
// Markup typed into a case must come back as text.
const NAME = "Zoë Ångström <b>bold</b>";

let session;
let stop;
/** The seal verification key shown once at setup, checked later in Settings. */
let sealKey;

before(async () => {
  const home = mkdtempSync(join(tmpdir(), "casebook-e2e-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ session, stop } = await launch(
    APP,
    { CASEBOOK_DB: join(home, "casebook.db"), HOME: home, XDG_DATA_HOME: home },
    join(ARTIFACTS, "tauri-driver.log"),
  ));
});

after(async () => {
  await stop?.();
});

const axe = () => runAxe(session);

async function snap(name) {
  writeFileSync(join(ARTIFACTS, `${name}.png`), await session.screenshot());
}

test("first run: set up an encrypted database with the sample organisation", async () => {
  const org = await session.find("#f-organisation\\ name");
  await session.waitForText("h1", (t) => t === "Set up Casebook");
  // The profile arrives prefilled from the sample.
  const prefilled = await session.execute("return document.getElementById(arguments[0]).value", ["f-organisation name"]);
  assert.equal(prefilled, "Cyber Security Cloud, Inc.");
  assert.ok(org);
  await session.type("#f-passphrase", PASSPHRASE);
  await session.type("#f-confirm", PASSPHRASE);
  await snap("1-setup");
  await session.click("#create-db");
  // The recovery key is shown once; going on needs the user to confirm they stored it.
  const key = await session.waitForText("#recovery-key", (t) => /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/.test(t));
  assert.ok(key);
  // Beside it, the seal verification key for the DPO: another key, also shown only now.
  sealKey = await session.waitForText("#seal-key", (t) => /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/.test(t));
  assert.notEqual(sealKey, key);
  await snap("1b-recovery-key");
  await session.click("#recovery-stored");
  await session.click("#recovery-continue");
  // The dashboard comes first; with no cases every count is zero.
  await session.waitForText("#tile-overdue", (t) => t.startsWith("0"));
});

test("add a case in the form and find it in the list", async () => {
  await session.click("#nav-new");
  await session.type("#f-name", NAME);
  await session.type("#f-email", "bad-address@");
  await session.click("#save-case");
  // The email is refused next to its field, and nothing is created.
  const err = await session.waitForText("#f-email-error", (t) => t.length > 0);
  assert.match(err, /email is not a valid address/);
  await session.type("#f-email", "zoe@example.org");
  await snap("2-new-case");
  await session.click("#save-case");
  const reference = await session.waitForText("#case-reference", (t) => /^DSR-\d{4}-0001$/.test(t));
  assert.equal(await session.text("#case-status"), "New");
  // Deadlines are computed at once, each with its basis.
  const deadlines = await session.waitForText("#deadlines", (t) => t.includes("Respond by"));
  assert.match(deadlines, /GDPR Art\. 12\(3\): one month from receipt/);
  await snap("3-case-detail");

  await session.click("#nav-cases");
  await session.waitForText("#case-count", (t) => t.includes("1 case"));
  const row = await session.text(`tr[data-reference="${reference}"]`);
  assert.ok(row.includes(NAME), `row shows the name as text: ${row}`);
  const bold = await session.execute("return document.querySelectorAll('#case-table b').length");
  assert.equal(bold, 0, "no markup from case text is rendered");
  await snap("4-case-list");
});

test("record an event and see the status move", async () => {
  await session.click("tr[data-reference] td.ref");
  await session.find("#event-form");
  await session.execute(
    "const s = document.getElementById('f-event_type'); s.value = 'acknowledged'; s.dispatchEvent(new Event('change'));",
  );
  await session.click("#event-form button[type=submit]");
  await session.waitForText("#case-status", (t) => t === "Acknowledged");
  await session.waitForText("#timeline", (t) => t.includes("Acknowledged"));
  // The case's history, newest first: the event, then the case being opened.
  const actions = await session.waitFor(
    "const a = [...document.querySelectorAll('#case-history li code')].map((c) => c.textContent); return a.length >= 2 ? a : null",
    "the case's history",
  );
  assert.equal(actions[0], "case.event");
  assert.equal(actions.at(-1), "case.add");
});

test("correct a case's facts: the form is filled in, the change shows and is kept", async () => {
  await session.click("#edit-case");
  await session.find("#edit-case-form");
  assert.equal(await session.execute("return document.getElementById('f-name').value"), NAME);
  // Kind and regime can be corrected too; the form says what that does only once one changes.
  assert.equal(await session.execute("return document.getElementById('reclassify-note').hidden"), true);
  await session.type("#f-email", "not-an-email");
  await session.click("#save-case");
  await session.waitForText("#f-email-error", (t) => t.includes("email is not a valid address"));
  await session.type("#f-email", "zoe.angstrom@example.org");
  await session.type("#f-assignee", "M. Keller");
  await session.type("#f-tag", "board, urgent ,");
  await session.click("#save-case");
  await session.waitForText(".facts", (t) => t.includes("zoe.angstrom@example.org") && t.includes("M. Keller") && t.includes("board, urgent"));
});

test("write a letter: the template is filled from the case and can be edited", async () => {
  await session.click("#write-letter");
  const text = await session.waitFor(
    "const b = document.getElementById('f-body'); return b && b.value.length > 0 ? b.value : null",
    "the letter text",
  );
  assert.ok(text.startsWith(`Dear ${NAME},`), text.slice(0, 80));
  const subject = await session.execute("return document.getElementById('f-subject').value");
  assert.match(subject, /^Your request DSR-\d{4}-0001: confirmation of receipt$/);
  await snap("5-letter");
  // A template the case cannot fill says what is missing, and saving is disabled.
  await session.execute(
    "const s = document.getElementById('f-template'); s.value = 'refusal'; s.dispatchEvent(new Event('change'));",
  );
  await session.waitForText("#letter-status", (t) => t.includes("the refusal letter needs the case closed or rejected with a reason"));
  assert.equal(await session.execute("return document.getElementById('save-letter').disabled"), true);
  await session.click("#nav-cases");
});

test("the dashboard counts the case and the calendar shows its deadlines", async () => {
  await session.click("#nav-dashboard");
  await session.waitForText("h1", (t) => t === "Dashboard");
  const open = await session.text(".screen-head .muted");
  assert.equal(open, "1 open case");
  // The case is behind the counts: listed under what is due next, with its date; a click opens it.
  const next = await session.text("#next-cases li");
  assert.match(next, /^DSR-\d{4}-0001/);
  assert.match(next, /\d+ days left$/);
  await session.click("#next-cases li button");
  await session.waitForText("h1", (t) => /^DSR-\d{4}-0001/.test(t));
  await session.click("#nav-calendar");
  await session.find("#month .day.today");
  // The response date is about a month ahead: find its chip in one of the next two months.
  let found = false;
  for (let i = 0; i < 2 && !found; i++) {
    await session.click("#next-month");
    await sleep(400);
    found = await session.execute("return [...document.querySelectorAll('#month .chip')].some(c => c.textContent.includes('respond'))");
  }
  assert.ok(found, "a respond chip on the calendar");
  await snap("6-calendar");
  await session.click("#this-month");
});

test("settings: the database checks sound and the profile saves", async () => {
  await session.click("#nav-settings");
  await session.click("#verify-db");
  await session.waitForText("#health", (t) => t.startsWith("Sound") && t.includes("rows match the audit trail"));
  // With the verification key every seal is checked; a mistyped key is a problem, not a pass.
  await session.type("#seal-key-check", sealKey.toLowerCase());
  await session.click("#verify-db");
  await session.waitForText("#health", (t) => t.includes("The seals match the verification key."));
  await session.execute("document.getElementById('health').scrollIntoView({ block: 'center' })", []);
  await snap("7b-database-check");
  await session.type("#seal-key-check", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH");
  await session.click("#verify-db");
  await session.waitForText("#health", (t) => t.startsWith("Problem") && t.includes("does not match the verification key"));
  await session.execute("document.getElementById('seal-key-check').value = ''", []);
  // The whole audit log, newest first, and its chain verified on demand.
  await session.click("#verify-chain");
  await session.waitForText("#chain-state", (t) => /^The chain of \d+ records verifies/.test(t));
  const first = await session.text("#audit-log li");
  assert.match(first, /^#\d+ /);
  // CCPA records must be kept at least 24 months: refused next to the field, nothing saved.
  await session.type("#f-retention-ccpa", "12");
  await session.click("#save-profile");
  await session.waitForText("#f-retention_months-error", (t) => t.includes("must be 24 to 600 months"));
  await session.type("#f-retention-ccpa", "30");
  await session.type("#f-appi_target_days", "10");
  await session.click("#save-profile");
  await session.waitForText("#profile-status", (t) => t.startsWith("Saved."));
  await snap("8-settings");
});

test("every screen passes the axe-core accessibility check", async () => {
  const screens = [
    ["#nav-dashboard", "h1"],
    ["#nav-cases", "#case-table"],
    ["#nav-calendar", "#month"],
    ["#nav-new", "#new-case-form"],
    ["#nav-parties", ".party"],
    ["#nav-settings", "#profile-form"],
  ];
  const found = [];
  for (const [nav, ready] of screens) {
    await session.click(nav);
    await session.find(ready);
    await sleep(300);
    for (const v of await axe()) found.push(`${nav}: ${v}`);
  }
  await session.click("#nav-cases");
  await session.click("tr[data-reference] td.ref");
  await session.find("#deadlines");
  for (const v of await axe()) found.push(`case detail: ${v}`);
  assert.deepEqual(found, []);
});

test("extend, respond and close the case; search and filter find it", async () => {
  await session.click("#nav-cases");
  await session.click("tr[data-reference] td.ref");
  const record = async (type, extra = "") => {
    await session.find("#event-form");
    await session.execute(
      `const s = document.getElementById('f-event_type'); s.value = '${type}'; s.dispatchEvent(new Event('change')); ${extra}`,
    );
    await session.click("#event-form button[type=submit]");
  };
  await record("extended", "document.getElementById('f-note').value = 'Three archived systems to search.';");
  await session.waitForText("#case-status", (t) => t === "Extended");
  const deadlines = await session.text("#deadlines");
  assert.ok(!deadlines.includes("only if extended"), "the extended date now applies");
  await record("responded");
  await session.waitForText("#case-status", (t) => t === "Responded");
  await record("closed", "document.getElementById('f-outcome').value = 'complied';");
  await session.waitForText("#case-status", (t) => t === "Closed");

  await session.click("#nav-cases");
  await session.find("#search");
  await session.execute(
    "const s = document.getElementById('search'); s.value = 'angstr'; s.dispatchEvent(new Event('input'));" +
      "const f = document.querySelector('select[aria-label=Status]'); f.value = ''; f.dispatchEvent(new Event('change'));",
  );
  await session.waitForText("#case-count", (t) => t.includes("1 case"));
  await session.execute(
    "const f = document.querySelector('select[aria-label=Status]'); f.value = 'open'; f.dispatchEvent(new Event('change'));",
  );
  await session.waitForText("#case-count", (t) => t.includes("0 cases"));
  await session.execute(
    "const f = document.querySelector('select[aria-label=Status]'); f.value = ''; f.dispatchEvent(new Event('change'));",
  );
});

test("lock hides the cases; a wrong passphrase is refused; the right one unlocks", async () => {
  await session.click("#nav-lock");
  await session.find("#passphrase");
  const visible = await session.execute("return document.body.innerText");
  assert.ok(!visible.includes("Ångström"), "nothing of the cases shows while locked");
  await session.type("#passphrase", "not the passphrase");
  await session.click("#unlock");
  await session.waitForText("#unlock-error", (t) => t.includes("Wrong passphrase"));
  await session.type("#passphrase", PASSPHRASE);
  await session.click("#unlock");
  await session.waitForText("h1", (t) => t === "Dashboard");
  await snap("7-dashboard");
  await session.click("#nav-cases");
  await session.waitForText("h1", (t) => t === "Cases");
});

test("keyboard only: Ctrl+N, type the requester, Tab to the email, Ctrl+S saves the case", async () => {
  await session.keys({ ctrl: "n" });
  await session.find("#new-case-form");
  await session.waitFor("return document.activeElement && document.activeElement.id === 'f-name'", "focus on the name");
  await session.keys("Kenji Watanabe", KEYS.tab, "kenji@example.jp");
  assert.equal(await session.execute("return document.activeElement.id"), "f-email");
  await session.keys({ ctrl: "s" });
  const reference = await session.waitForText("#case-reference", (t) => /^DSR-\d{4}-\d{4}$/.test(t));
  await session.waitForText(".facts", (t) => t.includes("Kenji Watanabe") && t.includes("kenji@example.jp"));
  // Ctrl+K searches from anywhere: the list shows the new case.
  await session.keys({ ctrl: "d" });
  await session.waitForText("h1", (t) => t === "Dashboard");
  await session.keys({ ctrl: "k" });
  await session.find("#search");
  await session.waitFor("return document.activeElement && document.activeElement.id === 'search'", "focus on search");
  await session.keys("watanabe");
  await session.waitFor(`return [...document.querySelectorAll('#case-table td.ref')].some((td) => td.textContent === '${reference}')`, "the case in the list");
});

test("link two cases and set a deadline by hand, then mark it done", async () => {
  await session.click("#case-table td.ref");
  const reference = await session.text("#case-reference");
  const first = reference.replace(/-\d{4}$/, "-0001");
  await session.type("#link-reference", "DSR-1999-0001");
  await session.click("#link-form button[type=submit]");
  await session.waitForText("#link-error", (t) => t.includes("no case with reference DSR-1999-0001"));
  await session.type("#link-reference", first);
  await session.click("#link-form button[type=submit]");
  await session.waitForText("#linked", (t) => t.includes(first));
  await session.execute("const d = document.getElementById('manual-due'); d.value = '2027-01-15';");
  await session.type("#manual-label", "Send the documents promised");
  await session.click("#manual-form button[type=submit]");
  await session.waitForText("#deadlines", (t) => t.includes("Send the documents promised") && t.includes("15 Jan 2027"));
  await session.click("#deadlines button[data-done]");
  await session.waitForText("#deadlines [data-kind=manual]", (t) => t.includes("done"));
  // The link shows on the other case too.
  await session.click(`#linked button.link`);
  await session.waitForText("#case-reference", (t) => t === first);
  await session.waitForText("#linked", (t) => t.includes(reference));
});

test("a key remembered in the system keyring unlocks without the passphrase", async () => {
  await session.click("#nav-settings");
  // Clicked once the box shows what the keyring holds; then it shows the answer, or the keyring's error.
  await session.waitFor("const b = document.getElementById('remember-key'); return b && b.dataset.loaded === 'true' ? true : null", "the keyring's state");
  await session.click("#remember-key");
  const remembered = await session.waitFor(
    "const b = document.getElementById('remember-key'); const s = b.closest('article').querySelector('[role=alert]'); return (b.checked && 'remembered') || (s && s.textContent) || null",
    "the key remembered",
  );
  assert.equal(remembered, "remembered");
  await session.click("#nav-lock");
  await session.waitFor("const b = document.getElementById('unlock-keyring'); return b && !b.hidden", "the keyring button");
  await session.click("#unlock-keyring");
  const outcome = await session.waitFor(
    "const h = document.querySelector('h1'); const e = document.getElementById('unlock-error'); return (h && h.textContent === 'Dashboard' && 'Dashboard') || (e && e.textContent) || null",
    "the dashboard or an error",
  );
  assert.equal(outcome, "Dashboard");
  await session.click("#nav-settings");
  // The box shows what the keyring says, or the keyring's error beside it.
  const answer = await session
    .waitFor(
      "const b = document.getElementById('remember-key'); const s = b && b.closest('article').querySelector('[role=alert]'); return (b && b.dataset.loaded && b.checked && 'remembered') || (s && s.textContent) || null",
      "the keyring's answer",
    )
    .catch(async (e) => {
      await snap("keyring-no-answer");
      const seen = await session.execute("const b = document.getElementById('remember-key'); return b ? `loaded=${b.dataset.loaded} checked=${b.checked}` : `no box; h1=${document.querySelector('h1')?.textContent}`");
      throw new Error(`${e.message} (${seen})`);
    });
  assert.equal(answer, "remembered");
  await session.click("#remember-key");
  await session.waitFor("return document.getElementById('remember-key').checked === false", "forgotten");
});

test("the window in Japanese: labels, dates and the calendar follow the language, and it switches back", async () => {
  const choose = (lang) =>
    session.execute("const s = document.getElementById('f-ui-language'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));", [lang]);
  await session.click("#nav-settings");
  await session.find("#f-ui-language");
  await choose("ja");
  // The window reloads in Japanese and comes back to Settings.
  await session.waitForText("h1", (t) => t === "設定");
  assert.equal(await session.text("#nav-cases"), "案件");
  assert.equal(await session.execute("return document.documentElement.lang"), "ja");
  await snap("13-settings-ja");

  await session.click("#nav-cases");
  await session.find("#case-table tbody tr");
  const headers = await session.execute("return [...document.querySelectorAll('#case-table th')].map((th) => th.textContent)");
  assert.deepEqual(headers, ["", "案件番号", "請求者", "種別", "法制度", "状態", "受付日", "期限"]);
  const received = await session.execute("return document.querySelector('#case-table tbody td:nth-child(7)').textContent");
  assert.match(received, /^\d{4}年\d{1,2}月\d{1,2}日$/);
  await snap("13-cases-ja");
  await session.click("#nav-new");
  await session.find("#f-received");
  assert.match(
    await session.execute("return Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').get.call(document.getElementById('f-received'))"),
    /^\d{4}年\d{1,2}月\d{1,2}日$/,
    "a date field writes dates as the Japanese window does",
  );

  await session.click("#nav-calendar");
  await session.waitForText("#calendar-title", (t) => /^\d{4}年\d{1,2}月$/.test(t));
  assert.equal(await session.text("#month .dow"), "月");
  await snap("13-calendar-ja");
  const found = [];
  for (const [nav, ready] of [["#nav-calendar", "#month"], ["#nav-dashboard", "#tile-overdue"]]) {
    await session.click(nav);
    await session.find(ready);
    for (const v of await axe()) found.push(`${nav}: ${v}`);
  }
  assert.deepEqual(found, []);

  await session.click("#nav-settings");
  await session.find("#f-ui-language");
  await choose("en");
  await session.waitForText("h1", (t) => t === "Settings");
  assert.equal(await session.text("#nav-cases"), "Cases");
});

/** Opens the new-case form and saves a case with these facts; returns its reference. */
async function addCase({ kind, regime, rights, received, name }) {
  await session.click("#nav-new");
  await session.find("#f-name");
  await session.execute(
    `const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); };
     set('f-kind', arguments[0]); set('f-regime', arguments[1]);
     document.querySelectorAll('input[name=right]').forEach((c) => (c.checked = arguments[2].includes(c.value)));
     document.getElementById('f-received').value = arguments[3];`,
    [kind, regime, rights, received],
  );
  await session.type("#f-name", name);
  await session.click("#save-case");
  return session.waitForText("#case-reference", (t) => /^(DSR|CMP)-\d{4}-\d{4}$/.test(t));
}

test("a CCPA know + opt-out request keeps each right's dates, and the opt-out is honoured on its own", async () => {
  await addCase({ kind: "request", regime: "ccpa", rights: ["know", "opt-out"], received: "2025-11-26", name: "Kai Tanaka" });
  // The case shows the earliest open date of each kind; each right keeps its own below.
  const headline = await session.waitForText("#deadlines", (t) => t.includes("Respond by"));
  assert.match(headline, /Acknowledge by\s*11 Dec 2025/);
  assert.match(headline, /Respond by\s*18 Dec 2025/);
  const optOut = await session.text('#deadlines-by-right section[data-right="opt-out"]');
  assert.match(optOut, /Respond by\s*18 Dec 2025/);
  assert.match(optOut, /15 working days on the us calendar/);
  const know = await session.text('#deadlines-by-right section[data-right="know"]');
  assert.match(know, /Respond by\s*10 Jan 2026/);
  assert.match(know, /Extended response by\s*24 Feb 2026/);
  await session.execute("document.getElementById('deadlines').scrollIntoView()");
  await snap("14-ccpa-two-rights");

  // The opt-out honoured on day 3: the case stays open for the request to know.
  await session.execute(
    `const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); };
     set('f-event_type', 'closed'); set('f-right', 'opt-out'); set('f-outcome', 'complied');
     document.getElementById('f-on').value = '2025-11-29';`,
  );
  await session.click("#event-form button[type=submit]");
  await session.waitForText("#timeline", (t) => t.includes("Closed · Opt-out of sale/sharing"));
  assert.equal(await session.text("#case-status"), "New");
  await session.waitForText("#deadlines", (t) => /Respond by\s*10 Jan 2026/.test(t));
  const honoured = await session.text('#deadlines-by-right section[data-right="opt-out"]');
  assert.match(honoured, /done 29 Nov 2025/);
  await session.execute("document.getElementById('deadlines-by-right').scrollIntoView()");
  await snap("14b-opt-out-honoured");
});

test("a UK complaint must be acknowledged within 30 days and shows on the calendar", async () => {
  const reference = await addCase({ kind: "complaint", regime: "uk-gdpr", rights: [], received: "2026-07-01", name: "Ada Byrne" });
  const deadlines = await session.waitForText("#deadlines", (t) => t.includes("Acknowledge by"));
  assert.match(deadlines, /Acknowledge by\s*30 Jul 2026/);
  assert.match(deadlines, /DPA 2018 s\.164A\(3\)/);
  assert.match(deadlines, /Respond by\s*31 Jul 2026/);
  assert.match(deadlines, /Office target for the outcome/);

  await session.click("#nav-calendar");
  await session.find("#month .day.today");
  const now = new Date();
  const back = now.getFullYear() * 12 + now.getMonth() - (2026 * 12 + 6);
  for (let i = 0; i < back; i++) await session.click("#prev-month");
  await session.waitForText("#calendar-title", (t) => t.startsWith("July 2026"));
  await session.waitFor(
    `return [...document.querySelectorAll('#month .chip')].filter((c) => c.textContent.includes('${reference}')).length === 2`,
    "the complaint's two dates on the calendar",
  );
  await snap("15-complaint-calendar");
  await session.click("#this-month");
});

test("a UK complaint logged as an EU request is corrected in place: same reference, the complaint's dates", async () => {
  const reference = await addCase({ kind: "request", regime: "gdpr", rights: ["access"], received: "2026-07-01", name: "Cara Quinn" });
  await session.waitForText("#deadlines", (t) => /GDPR Art\. 12\(3\)/.test(t));
  await session.click("#edit-case");
  await session.find("#edit-case-form");
  await session.execute(
    `const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); };
     set('f-kind', 'complaint'); set('f-regime', 'uk-gdpr');`,
  );
  const note = await session.waitForText("#reclassify-note", (t) => t.length > 0);
  assert.match(note, new RegExp(`Every deadline of ${reference} will be computed anew`));
  // The UK GDPR shares the EU's rights: the one ticked stays ticked; a complaint names none here.
  assert.deepEqual(await session.execute("return [...document.querySelectorAll('input[name=right]:checked')].map((c) => c.value)"), ["access"]);
  await session.execute("document.querySelectorAll('input[name=right]').forEach((c) => (c.checked = false))");
  await snap("15b-reclassify");
  await session.click("#save-case");
  const deadlines = await session.waitForText("#deadlines", (t) => t.includes("DPA 2018 s.164A(3)"));
  assert.equal(await session.text("#case-reference"), reference);
  assert.match(deadlines, /Acknowledge by\s*30 Jul 2026/);
  assert.equal(await session.text(".screen-head .muted"), "Complaint · UK GDPR");
  const latest = await session.waitFor(
    "const c = document.querySelector('#case-history li code'); return c ? c.textContent : null",
    "the case's history",
  );
  assert.equal(latest, "case.edit");
});

/** What a date field shows (its `value` is the date as YYYY-MM-DD, like a native date field's). */
const shownDate = (selector) =>
  session.execute(
    "return Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').get.call(document.querySelector(arguments[0]))",
    [selector],
  );

test("dates are shown as the window writes them and typed either way; an ambiguous one is refused", async () => {
  await session.click("#nav-new");
  await session.find("#f-received");
  // Today, as the rest of the window writes dates: not 12/03/2026, which reads as two different days.
  assert.match(await shownDate("#f-received"), /^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
  await session.type("#f-name", "Dana Reyes");
  await session.type("#f-received", "07/01/2026");
  await session.keys(KEYS.tab);
  await session.waitForText("#f-received-error", (t) => t === "Write the date as 1 Jul 2026 or 2026-07-01.");
  await session.click("#save-case");
  await session.waitForText("#f-received-error", (t) => t.includes("is not a valid date"));
  assert.equal(await session.text("h1"), "New case", "nothing was saved");
  await session.type("#f-received", "july 1, 2026");
  await session.keys(KEYS.tab);
  assert.equal(await shownDate("#f-received"), "1 Jul 2026");
  await snap("16-date-field");
  await session.click("#save-case");
  await session.waitForText(".facts", (t) => t.includes("1 Jul 2026"));
  // Typed in Japanese order, a deadline set by hand lands on that day.
  await session.type("#manual-due", "2027年1月15日");
  await session.type("#manual-label", "Call back");
  await session.click("#manual-form button[type=submit]");
  await session.waitForText("#deadlines", (t) => t.includes("Call back") && t.includes("15 Jan 2027"));
});
