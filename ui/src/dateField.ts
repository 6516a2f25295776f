// A date field in the window's language. WebKit draws `<input type=date>` in the order of the
// process's locale (07/01/2026 beside a window that writes 1 Jul 2026), which can be read as the
// wrong month; this field shows dates as the rest of the window does and takes them typed in
// either language or as 2026-07-01. Like `<input type=date>`, its `value` is `YYYY-MM-DD`; text that
// is no date is passed on as typed, for the validator to refuse beside the field.
import { h } from "./dom";
import { formatDate, parseDate, todayIso } from "./format";
import { t } from "./i18n";

const NATIVE = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!;

type DateAttrs = { value?: string; id?: string; "aria-label"?: string; required?: boolean };

export function dateInput(attrs: DateAttrs = {}): HTMLInputElement {
  const { value, ...rest } = attrs;
  const input = h("input", {
    type: "text",
    class: "date-input",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: t("e.g. {date}", { date: formatDate(todayIso()) }),
    ...rest,
  });
  const text = (): string => NATIVE.get!.call(input);
  const show = (s: string) => NATIVE.set!.call(input, s);
  Object.defineProperty(input, "value", {
    get: () => {
      const typed = text().trim();
      return typed === "" ? "" : (parseDate(typed) ?? typed);
    },
    set: (iso: string) => show(iso ? formatDate(iso) : ""),
  });
  input.value = value ?? "";
  // Once typed, the date is shown as the window writes dates, so a misread shows at once; text
  // that is no date says how to write one, beside the field.
  input.addEventListener("blur", () => {
    const typed = text().trim();
    const iso = parseDate(typed);
    if (iso) show(formatDate(iso));
    const message = input.closest(".field")?.querySelector<HTMLElement>(".field-error");
    if (!message) return;
    const wrong = typed !== "" && !iso;
    input.closest(".field")?.classList.toggle("invalid", wrong);
    message.textContent = wrong ? t("Write the date as {example} or {iso}.", { example: formatDate("2026-07-01"), iso: "2026-07-01" }) : "";
  });
  // Up and down move a day, as in a native date field.
  input.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    const iso = parseDate(text()) ?? todayIso();
    const day = new Date(`${iso}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() + (e.key === "ArrowUp" ? 1 : -1));
    input.value = day.toISOString().slice(0, 10);
    input.dispatchEvent(new Event("change"));
    e.preventDefault();
  });
  return input;
}
