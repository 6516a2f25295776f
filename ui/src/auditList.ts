// The audit trail as the window shows it: newest first, 50 at a time, each record's time, who, what
// and the change it recorded, as text.
import { asApiError, type AuditRecord } from "./api";
import { h, replace } from "./dom";
import { formatDate } from "./format";
import { t } from "./i18n";

/** A list that loads its first page at once and the next on "Older…"; `load(before)` reads a page. */
export function auditList(id: string, load: (before: number | null) => Promise<AuditRecord[]>, showCase: boolean): HTMLElement {
  // Scrolls on its own, so it takes the focus to be scrolled from the keyboard.
  const list = h("ol", { class: "audit", id, tabindex: "0", "aria-label": t("Audit records") });
  const older = h("button", { type: "button", class: "link", hidden: true }, t("Older…"));
  const status = h("p", { class: "muted" });
  let last: number | null = null;
  async function more(): Promise<void> {
    try {
      const page = await load(last);
      if (last === null && page.length === 0) status.textContent = t("No records.");
      page.forEach((r) => list.appendChild(item(r, showCase)));
      last = page.length ? page[page.length - 1].seq : last;
      older.hidden = page.length < 50;
    } catch (e) {
      replace(status, asApiError(e).message);
    }
  }
  older.addEventListener("click", () => void more());
  void more();
  return h("div", {}, list, status, older);
}

function item(r: AuditRecord, showCase: boolean): HTMLElement {
  const when = `${formatDate(r.at.slice(0, 10))} ${r.at.slice(11, 16)} UTC`;
  return h(
    "li",
    { "data-seq": String(r.seq) },
    h(
      "div",
      { class: "audit-head" },
      h("span", { class: "seq" }, `#${r.seq}`),
      h("span", {}, when),
      h("span", { class: "muted" }, r.actor),
      h("code", {}, r.action),
      showCase && r.case_ref ? h("span", { class: "ref" }, r.case_ref) : null,
    ),
    h("div", { class: "audit-changes" }, r.changes),
  );
}
