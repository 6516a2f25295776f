// The organisation's details that head every letter, as the first-run screen and Settings ask for them.
import type { Profile } from "../api";
import { field, h, select } from "../dom";
import { t } from "../i18n";

export interface OrganisationFields {
  /** The labelled fields, in order. */
  nodes: HTMLElement[];
  fill(profile: Profile): void;
  /** `profile` with the details as typed. */
  read(profile: Profile): Profile;
}

export function organisationFields(): OrganisationFields {
  const name = h("input", { type: "text", required: true, autocomplete: "organization" });
  const email = h("input", { type: "email", required: true });
  const address = h("textarea", { rows: 4 });
  const signatory = h("input", { type: "text" });
  const zone = h("input", { type: "text" });
  const paper = select([["a4", "A4"], ["letter", t("US Letter")]]);
  return {
    nodes: [
      field(t("Organisation name"), "organisation name", name),
      field(t("Privacy contact email"), "email", email),
      field(t("Postal address"), "address", address, t("One line per row.")),
      field(t("Letters signed by"), "signatory", signatory),
      h("div", { class: "row" }, field(t("Office time zone"), "time_zone", zone), field(t("Paper"), "paper", paper)),
    ],
    fill(p) {
      name.value = p.name;
      email.value = p.email;
      address.value = p.address.join("\n");
      signatory.value = p.signatory;
      zone.value = p.time_zone;
      paper.value = p.paper;
    },
    read: (p) => ({
      ...p,
      name: name.value,
      email: email.value,
      address: address.value.split("\n").map((l) => l.trim()).filter(Boolean),
      signatory: signatory.value,
      time_zone: zone.value,
      paper: paper.value,
    }),
  };
}
