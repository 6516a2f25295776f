// The application shell: which screen shows, navigation and keyboard shortcuts.
import { api, type AppStatus, type ListRequest, type Vocabulary } from "./api";
import { h, replace } from "./dom";
import { showWorkProgress } from "./progress";
import { breachScreen } from "./screens/breach";
import { breachesScreen } from "./screens/breaches";
import { caseDetailScreen } from "./screens/caseDetail";
import { calendarScreen } from "./screens/calendar";
import { caseListScreen } from "./screens/caseList";
import { emailDialog } from "./emailDialog";
import { dashboardScreen } from "./screens/dashboard";
import { letterScreen } from "./screens/letter";
import { newBreachScreen } from "./screens/newBreach";
import { editCaseScreen, newCaseScreen } from "./screens/newCase";
import { partiesScreen } from "./screens/parties";
import { partyScreen } from "./screens/party";
import { reportsScreen } from "./screens/reports";
import { retentionScreen } from "./screens/retention";
import { settingsScreen } from "./screens/settings";
import { setupScreen } from "./screens/setup";
import { unlockScreen } from "./screens/unlock";
import { language, t } from "./i18n";

export type Route =
  | { name: "dashboard" }
  | { name: "calendar" }
  | { name: "cases"; preset?: CasePreset }
  | { name: "case"; reference: string }
  | { name: "letter"; reference: string; revise?: number }
  | { name: "new" }
  | { name: "edit"; reference: string }
  | { name: "parties" }
  | { name: "party"; id: number }
  | { name: "reports" }
  | { name: "retention" }
  | { name: "settings" }
  | { name: "breaches" }
  | { name: "breach"; reference: string }
  | { name: "new-breach" }
  | { name: "edit-breach"; reference: string };

/** A filtered case list the dashboard opens, with the words that describe it. */
export interface CasePreset {
  title: string;
  request: ListRequest;
}

/** The screen a route shows. */
function screenFor(ctx: Ctx, route: Route): HTMLElement | Promise<HTMLElement> {
  switch (route.name) {
    case "dashboard":
      return dashboardScreen(ctx);
    case "calendar":
      return calendarScreen(ctx);
    case "cases":
      return caseListScreen(ctx, route.preset);
    case "case":
      return caseDetailScreen(ctx, route.reference);
    case "letter":
      return letterScreen(ctx, route.reference, route.revise ?? null);
    case "new":
      return newCaseScreen(ctx);
    case "edit":
      return editCaseScreen(ctx, route.reference);
    case "settings":
      return settingsScreen(ctx);
    case "reports":
      return reportsScreen(ctx);
    case "retention":
      return retentionScreen(ctx);
    case "party":
      return partyScreen(ctx, route.id);
    case "parties":
      return partiesScreen(ctx);
    case "breaches":
      return breachesScreen(ctx);
    case "breach":
      return breachScreen(ctx, route.reference);
    case "new-breach":
      return newBreachScreen(ctx, null);
    case "edit-breach":
      return newBreachScreen(ctx, route.reference);
  }
}

export interface Ctx {
  vocab: Vocabulary;
  status: AppStatus;
  navigate(route: Route): void;
  /** Called after unlock or setup with the new status. */
  enter(status: AppStatus): void;
}

const SHORTCUTS: [string, string, Route | "lock" | "search"][] = [
  ["Ctrl+D", t("Dashboard"), { name: "dashboard" }],
  ["Ctrl+G", t("Calendar"), { name: "calendar" }],
  ["Ctrl+N", t("New case"), { name: "new" }],
  ["Ctrl+K", t("Search cases"), "search"],
  ["Ctrl+L", t("Lock"), "lock"],
];

export async function startApp(root: HTMLElement): Promise<void> {
  document.documentElement.lang = language();
  await showWorkProgress();
  const vocab = await api.vocabulary();
  let status = await api.status();
  const main = h("main", { id: "main", tabindex: "-1" });

  const ctx: Ctx = {
    vocab,
    get status() {
      return status;
    },
    navigate: (route) => void show(route),
    enter: (s) => {
      status = s;
      render();
    },
  };

  const lock = async () => {
    status = await api.lock();
    render();
  };

  const nav = () =>
    h(
      "nav",
      { class: "sidebar", "aria-label": t("Main") },
      h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }), "Casebook"),
      h("div", { class: "org" }, status.organisation ?? ""),
      navButton(t("Dashboard"), "nav-dashboard", () => ctx.navigate({ name: "dashboard" }), "Ctrl+D"),
      navButton(t("Cases"), "nav-cases", () => ctx.navigate({ name: "cases" })),
      navButton(t("Calendar"), "nav-calendar", () => ctx.navigate({ name: "calendar" }), "Ctrl+G"),
      navButton(t("New case"), "nav-new", () => ctx.navigate({ name: "new" }), "Ctrl+N"),
      navButton(t("Breaches"), "nav-breaches", () => ctx.navigate({ name: "breaches" })),
      navButton(t("Parties"), "nav-parties", () => ctx.navigate({ name: "parties" })),
      navButton(t("Reports"), "nav-reports", () => ctx.navigate({ name: "reports" })),
      navButton(t("Retention"), "nav-retention", () => ctx.navigate({ name: "retention" })),
      navButton(t("Settings"), "nav-settings", () => ctx.navigate({ name: "settings" })),
      h("div", { class: "spacer" }),
      navButton(t("Lock"), "nav-lock", () => void lock(), "Ctrl+L"),
      shortcutsOn()
        ? h(
            "div",
            { class: "shortcuts", "aria-label": t("Keyboard shortcuts") },
            SHORTCUTS.map(([keys, what]) => h("div", {}, h("kbd", {}, keys), " ", what)),
          )
        : null,
    );

  let currentRoute: Route = { name: "dashboard" };

  async function show(route: Route): Promise<void> {
    currentRoute = route;
    document.querySelectorAll(".sidebar button").forEach((b) => b.removeAttribute("aria-current"));
    const current = {
      dashboard: "nav-dashboard",
      calendar: "nav-calendar",
      cases: "nav-cases",
      case: "nav-cases",
      letter: "nav-cases",
      edit: "nav-cases",
      new: "nav-new",
      parties: "nav-parties",
      party: "nav-parties",
      reports: "nav-reports",
      retention: "nav-retention",
      settings: "nav-settings",
      breaches: "nav-breaches",
      breach: "nav-breaches",
      "new-breach": "nav-breaches",
      "edit-breach": "nav-breaches",
    }[route.name];
    document.getElementById(current)?.setAttribute("aria-current", "page");
    const screen = screenFor(ctx, route);
    replace(main, await screen);
    // The screen's first control when it names one (the search box, the requester's name), else the screen.
    (main.querySelector<HTMLElement>("[autofocus]") ?? main).focus();
  }

  function render(): void {
    if (status.state === "setup") return replace(root, setupScreen(ctx));
    // Nothing of the last screen is kept while locked.
    replace(main);
    if (status.state === "locked") return replace(root, unlockScreen(ctx));
    replace(root, h("div", { class: "shell" }, nav(), main));
    // After a change of language the window reloads and goes back to Settings.
    const back = sessionStorage.getItem("casebook.route");
    sessionStorage.removeItem("casebook.route");
    void show(back === "settings" ? { name: "settings" } : { name: "dashboard" });
    void api.checkDueSoon().catch(() => {});
  }

  // Email files dropped on the window: ask whether they belong to the open case or open new ones.
  void api
    .onEmailsDropped((names) => {
      if (status.state !== "unlocked") return;
      const caseRef = currentRoute.name === "case" ? currentRoute.reference : null;
      if (names.length === 0) return;
      void api.previewEmails().then((previews) =>
        emailDialog(ctx, previews, caseRef, async (target) => (await api.importDroppedEmails(target)).references),
      );
    })
    .catch(() => {});

  // While the app runs, deadlines entering the 3-day window are announced (reference and date only).
  setInterval(() => {
    if (status.state === "unlocked") void api.checkDueSoon().catch(() => {});
  }, 10 * 60_000);

  document.addEventListener("keydown", (e) => {
    if (status.state !== "unlocked" || !(e.ctrlKey || e.metaKey) || !shortcutsOn()) return;
    const key = e.key.toLowerCase();
    if (key === "n") ctx.navigate({ name: "new" });
    else if (key === "d") ctx.navigate({ name: "dashboard" });
    else if (key === "g") ctx.navigate({ name: "calendar" });
    else if (key === "l") void lock();
    else if (key === "k") {
      const search = document.getElementById("search") as HTMLInputElement | null;
      if (search) search.focus();
      else ctx.navigate({ name: "cases" });
    } else return;
    e.preventDefault();
  });

  // Lock after a period without keyboard or mouse use (minutes; 0 turns it off).
  const idleMinutes = Number(localStorage.getItem("casebook.idleMinutes") ?? "10");
  let lastActive = Date.now();
  for (const type of ["keydown", "mousedown", "mousemove", "wheel"]) {
    document.addEventListener(type, () => (lastActive = Date.now()), { passive: true });
  }
  if (idleMinutes > 0) {
    setInterval(() => {
      if (status.state === "unlocked" && Date.now() - lastActive > idleMinutes * 60_000) void lock();
    }, 15_000);
  }

  render();
}

/** Keyboard shortcuts can be switched off in Settings (for screen readers with their own keys). */
export function shortcutsOn(): boolean {
  return localStorage.getItem("casebook.shortcuts") !== "off";
}

function navButton(text: string, id: string, onclick: () => void, keys?: string): HTMLButtonElement {
  return h("button", { id, type: "button", onclick, title: keys ? `${text} (${keys})` : text }, text);
}
