// The work on a case: its tasks, each with its internal date and basis, ticked off with evidence
// (a note, and files kept with the case's correspondence); a task can be with a party of the
// address book.
import { api, asApiError, TASK_KINDS, type CaseView, type Task } from "./api";
import { h, select } from "./dom";
import { daysBetween, daysLeftText, formatDate, label, todayIso } from "./format";
import { t, tn } from "./i18n";
import { dateInput } from "./dateField";

/** `open`: the case still takes new tasks. */
export function tasksCard(c: CaseView, open: boolean, shown: (view: CaseView) => void): HTMLElement {
  const error = h("div", { class: "form-error", role: "alert", id: "task-error" });
  const attempt = async (act: () => Promise<CaseView>) => {
    try {
      shown(await act());
    } catch (err) {
      error.textContent = asApiError(err).message;
    }
  };
  const openTasks = c.tasks.filter((task) => !task.done_on).length;
  const editable = !c.retention.purged_on;
  return h(
    "article",
    { class: "card" },
    h("div", { class: "card-head" }, h("h2", {}, t("Tasks")), h("span", { class: "muted" }, tn(openTasks, "{n} open", "{n} open"))),
    c.tasks.length === 0 ? h("p", { class: "muted" }, t("No tasks.")) : h("ul", { class: "tasks", id: "tasks" }, c.tasks.map((task) => taskItem(c, task, editable, attempt))),
    error,
    open && editable ? taskForm(c, attempt) : null,
  );
}

function taskItem(c: CaseView, task: Task, editable: boolean, attempt: (act: () => Promise<CaseView>) => Promise<void>): HTMLElement {
  const today = todayIso();
  const late = !task.done_on && task.due !== null && task.due < today;
  const who = task.party ?? task.assignee;
  const when = task.done_on
    ? t("done {date}", { date: formatDate(task.done_on) }) + (task.evidence ? ` — ${task.evidence}` : "")
    : task.due
      ? `${t("due {date}", { date: formatDate(task.due) })} · ${daysLeftText(daysBetween(today, task.due))}`
      : t("no date yet");
  const evidence = h("input", { type: "text", placeholder: t("Evidence (optional)"), "aria-label": t("Evidence for {task}", { task: task.title }) });
  const files = h("span", { class: "muted small", "data-files": task.id });
  const attach = h("button", { type: "button", class: "link", "data-attach-task": task.id }, t("Attach a file…"));
  attach.addEventListener("click", async () => {
    const picked = await api.pickAttachments();
    if (picked) files.textContent = picked.map((f) => f.name).join(", ");
  });
  return h(
    "li",
    { "data-task": task.id, class: task.done_on ? "done" : late ? "late" : "" },
    h("div", { class: "task-title" }, task.done_on ? "✓ " : "", task.title),
    h("div", { class: "muted small" }, [label(task.kind), who, when].filter(Boolean).join(" · "), task.evidence_item ? ` · ${t("file kept with the correspondence")}` : ""),
    task.after_response_date && !task.done_on ? h("div", { class: "reply-open" }, t("Due after the response date")) : null,
    task.basis && !task.done_on ? h("div", { class: "basis" }, task.basis) : null,
    task.done_on || !editable
      ? null
      : h(
          "div",
          { class: "task-actions" },
          evidence,
          attach,
          files,
          h("button", { type: "button", "data-done-task": task.id, onclick: () => void attempt(() => api.completeTask(c.reference, task.id, evidence.value)) }, t("Done")),
        ),
  );
}

function taskForm(c: CaseView, attempt: (act: () => Promise<CaseView>) => Promise<void>): HTMLElement {
  const title = h("input", { type: "text", placeholder: t("What needs doing"), "aria-label": t("Task"), id: "task-title" });
  const kind = select(TASK_KINDS.map((k): [string, string] => [k, label(k)]), "other");
  kind.setAttribute("aria-label", t("Kind of task"));
  const due = dateInput({ "aria-label": t("Due on (empty: 5 working days before the response date)"), id: "task-due" });
  const party = select([["", t("With no party")]]);
  party.id = "task-party";
  party.setAttribute("aria-label", t("With a party of the address book"));
  void api.listParties().then((parties) => {
    for (const p of parties.filter((p) => !p.retired_on)) party.append(h("option", { value: String(p.id) }, `${p.name} (${label(p.kind)})`));
  });
  const form = h("form", { class: "inline-form", id: "task-form" }, h("div", { class: "row" }, title, kind, due, party, h("button", { type: "submit" }, t("Add task"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void attempt(() =>
      api.addTask(c.reference, {
        title: title.value,
        kind: kind.value,
        assignee: null,
        party: party.value ? Number(party.value) : null,
        due: due.value || null,
        days_before: due.value ? null : 5,
      }),
    );
  });
  return form;
}
