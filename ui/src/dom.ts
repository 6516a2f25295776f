// Building DOM nodes. Strings always become text nodes, never markup, so text from cases
// cannot inject HTML.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(name.replace(/^on/, ""), value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces everything inside `parent`. */
export function replace(parent: Node, ...children: (Child | Child[])[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A labelled form field with a place for its validation message. */
export function field(label: string, name: string, control: HTMLElement, hint?: string): HTMLElement {
  control.setAttribute("name", name);
  control.id = `f-${name}`;
  const message = h("div", { class: "field-error", id: `f-${name}-error`, role: "alert" });
  control.setAttribute("aria-describedby", message.id);
  return h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: control.id }, label),
    control,
    hint ? h("div", { class: "hint" }, hint) : null,
    message,
  );
}

/** Shows `message` under the field called `name` in `form`; returns false if there is no such field. */
export function showFieldError(form: HTMLElement, name: string, message: string): boolean {
  const box = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
  if (!box) return false;
  box.classList.add("invalid");
  box.querySelector(".field-error")!.textContent = message;
  box.querySelector<HTMLElement>("input, select, textarea")?.focus();
  return true;
}

export function clearFieldErrors(form: HTMLElement): void {
  form.querySelectorAll(".field.invalid").forEach((f) => f.classList.remove("invalid"));
  form.querySelectorAll(".field-error").forEach((e) => (e.textContent = ""));
}

export function select(options: [string, string][], selected?: string): HTMLSelectElement {
  return h(
    "select",
    {},
    options.map(([value, label]) => h("option", { value, selected: value === selected }, label)),
  );
}
