import { describe, expect, it } from "vitest";
import { clearFieldErrors, field, h, showFieldError } from "./dom";

describe("h", () => {
  it("shows text from cases as text, never as markup", () => {
    const name = '<img src=x onerror="alert(1)">Eve';
    const el = h("td", {}, name);
    expect(el.textContent).toBe(name);
    expect(el.querySelector("img")).toBeNull();
    expect(el.innerHTML).toContain("&lt;img");
  });

  it("sets boolean attributes only when true and wires listeners", () => {
    let clicks = 0;
    const b = h("button", { disabled: false, hidden: true, onclick: () => clicks++ }, "Go");
    expect(b.hasAttribute("disabled")).toBe(false);
    expect(b.hasAttribute("hidden")).toBe(true);
    b.click();
    expect(clicks).toBe(1);
  });
});

describe("field errors", () => {
  it("puts a validation message next to the named field and clears it", () => {
    const form = h("form", {}, field("Email", "email", h("input")), field("Name", "name", h("input")));
    expect(showFieldError(form, "email", "email is not a valid address")).toBe(true);
    const box = form.querySelector('[data-field="email"]')!;
    expect(box.classList.contains("invalid")).toBe(true);
    expect(box.querySelector(".field-error")!.textContent).toBe("email is not a valid address");
    expect(showFieldError(form, "nowhere", "x")).toBe(false);
    clearFieldErrors(form);
    expect(box.classList.contains("invalid")).toBe(false);
  });
});
