//! Links between cases, deadlines set by hand and tasks, as the case detail screen changes them;
//! each answers with the case as it now stands.

use casebook::model::{validate, TaskInput};
use tauri::State;

use crate::error::UiError;
use crate::state::{AppState, CaseView};

impl AppState {
    fn change_case(
        &self,
        reference: &str,
        change: impl FnOnce(&mut casebook::app::session::Store) -> casebook::Result<()>,
    ) -> Result<CaseView, UiError> {
        self.with_store(|s| {
            change(s)?;
            CaseView::read(s, reference)
        })
    }

    pub fn link_case(&self, reference: &str, other: &str) -> Result<CaseView, UiError> {
        self.change_case(reference, |s| s.link_cases(reference, other))
    }

    pub fn unlink_case(&self, reference: &str, other: &str) -> Result<CaseView, UiError> {
        self.change_case(reference, |s| s.unlink_cases(reference, other))
    }

    pub fn add_manual_deadline(&self, reference: &str, due: &str, label: &str) -> Result<CaseView, UiError> {
        self.change_case(reference, |s| s.add_manual_deadline(reference, validate::date("due", due)?, label))
    }

    pub fn complete_manual_deadline(&self, reference: &str, id: i64) -> Result<CaseView, UiError> {
        self.change_case(reference, |s| s.complete_manual_deadline(reference, id))
    }

    pub fn add_task(&self, reference: &str, input: &TaskInput) -> Result<CaseView, UiError> {
        self.change_case(reference, |s| s.add_task(reference, &input.validate()?).map(drop))
    }

    /// Marks a task done today, with the evidence typed and the files waiting (let go once done).
    pub fn complete_task(&self, reference: &str, id: i64, evidence: &str) -> Result<CaseView, UiError> {
        let paths = self.picked().clone();
        let view = self.change_case(reference, |s| {
            let files = casebook::app::correspondence::read_attachments(&paths)?;
            s.complete_task(reference, id, s.today(), evidence, &files).map(drop)
        })?;
        self.picked().clear();
        Ok(view)
    }
}

#[tauri::command(async)]
pub fn add_task(state: State<'_, AppState>, reference: String, input: TaskInput) -> Result<CaseView, UiError> {
    state.add_task(&reference, &input)
}

#[tauri::command(async)]
pub fn complete_task(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    evidence: String,
) -> Result<CaseView, UiError> {
    state.complete_task(&reference, id, &evidence)
}

#[tauri::command(async)]
pub fn link_case(state: State<'_, AppState>, reference: String, other: String) -> Result<CaseView, UiError> {
    state.link_case(&reference, &other)
}

#[tauri::command(async)]
pub fn unlink_case(state: State<'_, AppState>, reference: String, other: String) -> Result<CaseView, UiError> {
    state.unlink_case(&reference, &other)
}

#[tauri::command(async)]
pub fn add_manual_deadline(
    state: State<'_, AppState>,
    reference: String,
    due: String,
    label: String,
) -> Result<CaseView, UiError> {
    state.add_manual_deadline(&reference, &due, &label)
}

#[tauri::command(async)]
pub fn complete_manual_deadline(state: State<'_, AppState>, reference: String, id: i64) -> Result<CaseView, UiError> {
    state.complete_manual_deadline(&reference, id)
}
