// The dialog that logs an item of correspondence by hand (a posted letter, a call, a portal
// message) or corrects one: who it was with, how, when, what, a reply asked for, and files.
import { api, asApiError, COUNTERPARTS, ITEM_CHANNELS, type CaseView, type CorrespondenceItem, type ItemInput, type Party } from "./api";
import { clearFieldErrors, field, h, replace, select, showFieldError } from "./dom";
import { label } from "./format";
import { t } from "./i18n";
import { dateInput } from "./dateField";

/** Shows the dialog for `c`; `item` to correct one (its files stay). `done` gets the case as it now stands. */
export async function correspondenceDialog(c: CaseView, item: CorrespondenceItem | null, done: (c: CaseView) => void): Promise<void> {
  const parties = (await api.listParties()).filter((p) => !p.retired_on || p.id === item?.party_id);
  const withOptions: [string, string][] = [
    ...parties.map((p): [string, string] => [`party:${p.id}`, `${p.name} (${label(p.kind)})`]),
    ...COUNTERPARTS.map((k): [string, string] => [`counterpart:${k}`, k === "data-subject" ? t("The data subject") : t("Another {kind} (not in the address book)", { kind: label(k) })]),
  ];
  const current = item ? (item.party_id ? `party:${item.party_id}` : `counterpart:${item.counterpart}`) : "counterpart:data-subject";
  const direction = select([["in", t("Received (in)")], ["out", t("Sent (out)")]], item?.direction ?? "in");
  const withWhom = select(withOptions, current);
  const channel = select(ITEM_CHANNELS.map((k): [string, string] => [k, label(k)]), item?.channel ?? "post");
  const [day, time] = (item?.on ?? "").split("T");
  const on = dateInput({ value: day || new Date().toISOString().slice(0, 10), required: true });
  const at = h("input", { type: "time", value: time ?? "" });
  const subject = h("input", { type: "text", value: item?.subject ?? "", required: true, autofocus: true });
  const summary = h("textarea", { rows: 3 }, item?.summary ?? "");
  const replyBy = dateInput({ value: item?.reply_by ?? "" });
  const replyField = field(t("Reply asked for by (optional)"), "reply_by", replyBy, t("Becomes a deadline of the case until an item to them is logged."));
  const files = h("ul", { class: "plain", id: "attachment-list" });
  const attach = h("button", { type: "button", id: "attach-files" }, t("Attach files…"));
  const formError = h("div", { class: "form-error", role: "alert", id: "item-error" });
  const submit = h("button", { type: "submit", class: "primary", id: "item-save" }, item ? t("Save correction") : t("Log"));
  const showReply = () => (replyField.hidden = direction.value !== "in");
  direction.addEventListener("change", showReply);
  showReply();
  attach.addEventListener("click", async () => {
    try {
      const picked = await api.pickAttachments();
      if (picked) replace(files, picked.map((f) => h("li", {}, `${f.name} (${Math.max(1, Math.ceil(f.size / 1024))} KB)`)));
    } catch (e) {
      formError.textContent = asApiError(e).message;
    }
  });
  const form = h(
    "form",
    { method: "dialog", id: "item-form", novalidate: true },
    h("h2", { id: "item-dialog-title" }, item ? t("Correct correspondence") : t("Log correspondence")),
    h("div", { class: "grid-2" }, field(t("Direction"), "direction", direction), field(t("Channel"), "channel", channel)),
    field(t("With"), "party", withWhom),
    h("div", { class: "grid-2" }, field(t("Date"), "on", on), field(t("Time (optional)"), "time", at)),
    field(t("Subject"), "subject", subject),
    field(t("Summary"), "summary", summary),
    replyField,
    item ? null : h("div", { class: "field" }, attach, files),
    formError,
    h("div", { class: "actions" }, h("button", { type: "button", id: "item-cancel", onclick: () => dialog.close() }, t("Cancel")), submit),
  );
  const dialog = h("dialog", { id: "item-dialog", "aria-labelledby": "item-dialog-title" }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    formError.textContent = "";
    const [kind, value] = withWhom.value.split(":");
    const input: ItemInput = {
      direction: direction.value,
      party_id: kind === "party" ? Number(value) : null,
      counterpart: kind === "counterpart" ? value : null,
      channel: channel.value,
      on: at.value ? `${on.value}T${at.value}` : on.value,
      subject: subject.value,
      summary: summary.value,
      reply_by: direction.value === "in" && replyBy.value ? replyBy.value : null,
    };
    submit.disabled = true;
    try {
      const view = item ? await api.editCorrespondence(c.reference, item.id, input) : await api.logCorrespondence(c.reference, input);
      dialog.close();
      done(view);
    } catch (err) {
      const error = asApiError(err);
      const name = error.field === "attach" || error.field === "counterpart" ? null : error.field;
      if (!name || !showFieldError(form, name, error.message)) formError.textContent = error.message;
    } finally {
      submit.disabled = false;
    }
  });
  dialog.addEventListener("close", () => {
    void api.clearAttachments().catch(() => {});
    dialog.remove();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
}

/** Who an item was with, in words. */
export function withWhom(item: Pick<CorrespondenceItem, "party" | "counterpart">): string {
  return item.party ?? (item.counterpart === "data-subject" ? t("The data subject") : label(item.counterpart));
}

/** A party's kind and name on one line. */
export function partyTitle(p: Party): string {
  return p.organisation && p.organisation !== p.name ? `${p.name}, ${p.organisation}` : p.name;
}
