// The address book: representatives, the DPO and supervisory authorities.
import { api } from "../api";
import type { Ctx } from "../app";
import { h } from "../dom";
import { label } from "../format";
import { t } from "../i18n";

export async function partiesScreen(_ctx: Ctx): Promise<HTMLElement> {
  const parties = await api.listParties();
  return h(
    "section",
    { class: "screen" },
    h("header", { class: "screen-head" }, h("h1", {}, t("Parties"))),
    h(
      "div",
      { class: "cards" },
      parties.map((p) =>
        h(
          "article",
          { class: "card party" },
          h("div", { class: "role" }, label(p.role)),
          h("h2", {}, p.name),
          p.contact_person ? h("div", {}, p.contact_person) : null,
          h("address", {}, p.address.flatMap((line, i) => (i ? [h("br"), line] : [line]))),
          p.email ? h("div", { class: "email" }, p.email) : null,
        ),
      ),
    ),
  );
}
