import { api } from "./api";
import { startApp } from "./app";
import { h, replace } from "./dom";

const root = document.getElementById("app")!;

startApp(root).catch((e) => {
  replace(root, h("div", { class: "fatal" }, h("h1", {}, "Casebook could not start"), h("p", {}, String(e?.message ?? e))));
});

// Kept referenced so a bundler never drops the IPC module from the entry chunk.
void api;
