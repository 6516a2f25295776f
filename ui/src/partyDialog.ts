// The dialog that adds a party to the address book or corrects one.
import { api, asApiError, PARTY_KINDS, partyId, type Party, type PartyInput } from "./api";
import { clearFieldErrors, field, h, select, showFieldError } from "./dom";
import { label } from "./format";
import { t } from "./i18n";

/** Shows the dialog; `party` to correct one. `done` gets the party as stored. */
export function partyDialog(party: Party | null, done: (p: Party) => void): void {
  const text = (value: string | null | undefined) => h("input", { type: "text", value: value ?? "" });
  const kind = select(PARTY_KINDS.map((k): [string, string] => [k, label(k)]), party?.kind ?? "authority");
  const name = h("input", { type: "text", value: party?.name ?? "", required: true, autofocus: true });
  const organisation = text(party?.organisation);
  const contact = text(party?.contact_person);
  const address = h("textarea", { rows: 3 }, party?.address.join("\n") ?? "");
  const email = h("input", { type: "email", value: party?.email ?? "" });
  const phone = text(party?.phone);
  const language = select([["", t("Not set")], ["en", "English"], ["ja", "日本語"], ["de", "Deutsch"]], party?.language ?? "");
  const country = h("input", { type: "text", value: party?.country ?? "", maxlength: 2, size: 3 });
  const notes = h("textarea", { rows: 2 }, party?.notes ?? "");
  const formError = h("div", { class: "form-error", role: "alert", id: "party-error" });
  const submit = h("button", { type: "submit", class: "primary", id: "party-save" }, party ? t("Save correction") : t("Add party"));
  const form = h(
    "form",
    { method: "dialog", id: "party-form", novalidate: true },
    h("h2", { id: "party-dialog-title" }, party ? t("Correct {name}", { name: party.name }) : t("Add a party")),
    h("div", { class: "grid-2" }, field(t("Kind"), "kind", kind), field(t("Country (two letters)"), "country", country)),
    field(t("Name"), "name", name),
    h("div", { class: "grid-2" }, field(t("Organisation"), "organisation", organisation), field(t("Contact person"), "contact person", contact)),
    field(t("Postal address"), "address", address),
    h("div", { class: "grid-2" }, field(t("Email"), "email", email), field(t("Phone"), "phone", phone)),
    field(t("Language of letters"), "language", language),
    field(t("Notes"), "notes", notes),
    formError,
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => dialog.close() }, t("Cancel")), submit),
  );
  const dialog = h("dialog", { id: "party-dialog", "aria-labelledby": "party-dialog-title" }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    const input: PartyInput = {
      kind: kind.value,
      name: name.value,
      organisation: organisation.value,
      contact_person: contact.value,
      address: address.value,
      email: email.value,
      phone: phone.value,
      language: language.value,
      country: country.value,
      notes: notes.value,
    };
    submit.disabled = true;
    try {
      const saved = party ? await api.editParty(partyId(party), input) : await api.addParty(input);
      dialog.close();
      done(saved);
    } catch (err) {
      const error = asApiError(err);
      if (!error.field || !showFieldError(form, error.field, error.message)) formError.textContent = error.message;
    } finally {
      submit.disabled = false;
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
}
