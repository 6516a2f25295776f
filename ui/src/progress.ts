// Long work shows how far it is: a bar at the foot of the window while an upgrade rebuilds the
// search index, an import writes its cases, a backup copies the database or a purge redacts cases.
// Letters have their own bar in their dialog. The bar stays a moment after the work ends, so a
// short piece of work is seen to have finished rather than flicker; it never takes a click meant
// for what lies under it.
import { api, type ProgressStage } from "./api";
import { h, replace } from "./dom";
import { formatCount } from "./format";
import { t } from "./i18n";

const SHOWN_AFTER_END_MS = 4000;

function stageTitle(stage: ProgressStage): string {
  switch (stage) {
    case "letters":
      return t("Making letters");
    case "import":
      return t("Importing");
    case "search-index":
      return t("Indexing cases for search");
    case "backup":
      return t("Backing up the database");
    case "purge":
      return t("Purging personal data");
  }
}

/** Listens for the core's reports for as long as the window lives. */
export async function showWorkProgress(): Promise<void> {
  const bar = h("progress", { max: 1, value: 0 });
  const title = h("strong", {});
  const count = h("span", { class: "muted" });
  // A popover, so that it shows above a dialog open when the work starts (a register's import).
  const panel = h("div", { class: "work-progress", id: "work-progress", role: "status", popover: "manual" }, title, bar, count);
  document.body.appendChild(panel);
  let hideLater: number | undefined;
  await api.onProgress(({ stage, done, total }) => {
    if (stage === "letters") return;
    window.clearTimeout(hideLater);
    if (!panel.matches(":popover-open")) panel.showPopover();
    panel.dataset.stage = stage;
    replace(title, stageTitle(stage));
    bar.max = total;
    bar.value = done;
    replace(count, t("{done} of {total}", { done: formatCount(done), total: formatCount(total) }));
    if (done >= total) hideLater = window.setTimeout(() => panel.hidePopover(), SHOWN_AFTER_END_MS);
  });
}
