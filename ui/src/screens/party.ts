// One party's thread: every item with it across cases, newest first, each linked to its case —
// what a representative or the DPO asks ("what did we send you this quarter?").
import { api, asApiError } from "../api";
import type { Ctx } from "../app";
import { partyTitle, withWhom } from "../correspondenceDialog";
import { h, replace } from "../dom";
import { formatDate, formatDateTime, label } from "../format";
import { t } from "../i18n";
import { dateInput } from "../dateField";

export async function partyScreen(ctx: Ctx, id: number): Promise<HTMLElement> {
  const root = h("section", { class: "screen" });
  const party = (await api.listParties()).find((p) => p.id === id);
  if (!party) return h("section", { class: "screen" }, h("p", { class: "form-error" }, t("This party is not in the address book.")));
  const from = dateInput({ "aria-label": t("From"), id: "thread-from" });
  const to = dateInput({ "aria-label": t("To"), id: "thread-to" });
  const list = h("div", {});
  const load = async () => {
    try {
      const items = await api.partyThread(id, from.value || null, to.value || null);
      replace(
        list,
        items.length === 0
          ? h("p", { class: "muted" }, t("Nothing with this party in these dates."))
          : h(
              "ol",
              { class: "thread", id: "thread" },
              items.map((item) =>
                h(
                  "li",
                  { "data-item": item.id },
                  h(
                    "div",
                    {},
                    h("time", {}, formatDateTime(item.on)),
                    " · ",
                    h("button", { type: "button", class: "link", "data-case": item.case, onclick: () => ctx.navigate({ name: "case", reference: item.case }) }, item.case),
                  ),
                  h("strong", {}, `${item.direction === "in" ? t("← In") : t("→ Out")} · ${withWhom(item)} · ${label(item.channel)} · ${item.subject}`),
                  item.summary ? h("span", { class: "note clamp" }, item.summary) : null,
                  item.attachments.length || item.letter
                    ? h("span", { class: "muted small" }, t("Files: {list}", { list: [...item.attachments, ...(item.letter ? [item.letter] : [])].map((f) => f.name).join(", ") }))
                    : null,
                ),
              ),
            ),
      );
    } catch (e) {
      replace(list, h("p", { class: "form-error" }, asApiError(e).message));
    }
  };
  from.addEventListener("change", () => void load());
  to.addEventListener("change", () => void load());
  await load();
  replace(
    root,
    h(
      "header",
      { class: "screen-head" },
      h("button", { type: "button", class: "link", onclick: () => ctx.navigate({ name: "parties" }) }, t("‹ Parties")),
      h("h1", { id: "party-name" }, partyTitle(party)),
      h("span", { class: "muted" }, label(party.kind), party.retired_on ? ` · ${t("retired {date}", { date: formatDate(party.retired_on) })}` : ""),
    ),
    h("div", { class: "row filters" }, h("label", {}, t("From"), " ", from), h("label", {}, t("To"), " ", to)),
    list,
  );
  return root;
}
