//! Casebook's desktop shell: the only crate that knows Tauri. It owns the window, converts core
//! errors to `{code, message, field}` for the UI, and keeps the open database behind a mutex.

mod breaches;
mod command_names;
mod commands;
mod correspondence;
mod dialogs;
mod emails;
mod error;
mod from_export;
#[cfg(test)]
mod hostile;
mod keyring;
mod letters;
mod links;
mod parties;
mod passphrase;
mod records;
mod register;
mod state;
mod ts_types;
mod webview;

use std::path::PathBuf;

pub use emails::{EmailImport, EmailTarget};
pub use error::{Code, UiError};
pub use letters::{LetterOptions, SavedLetter};
pub use records::{ReportRequest, Restored};
pub use state::{AppState, AppStatus, CalendarRequest, CasePage, CaseView, ListRequest, NewKeys, Vocabulary};

/// The database this window works on: `--db PATH`, else `CASEBOOK_DB`, else the data directory.
pub fn database_path(args: impl IntoIterator<Item = String>) -> Result<PathBuf, UiError> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            if let Some(path) = args.next() {
                return Ok(PathBuf::from(path));
            }
        } else if let Some(path) = arg.strip_prefix("--db=") {
            return Ok(PathBuf::from(path));
        }
    }
    match std::env::var_os("CASEBOOK_DB") {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => casebook::app::session::default_path().map_err(UiError::from),
    }
}

/// Adds the app's state and commands to a builder (the real one, or a test's mock).
pub fn app_builder<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder.manage(state).invoke_handler(tauri::generate_handler![
        commands::app_status,
        commands::sample_profile,
        commands::vocabulary,
        commands::set_up,
        commands::unlock,
        commands::lock,
        commands::list_cases,
        commands::get_case,
        commands::add_case,
        commands::update_case,
        commands::record_event,
        parties::list_parties,
        parties::add_party,
        parties::edit_party,
        parties::retire_party,
        parties::party_thread,
        correspondence::pick_attachments,
        correspondence::clear_attachments,
        correspondence::log_correspondence,
        correspondence::edit_correspondence,
        correspondence::save_stored_file,
        commands::letter_options,
        commands::draft_letter,
        commands::save_letter,
        commands::approve_letter,
        commands::dispatch_letter,
        commands::set_late_reason,
        breaches::list_breaches,
        breaches::get_breach,
        breaches::add_breach,
        breaches::notify_breach,
        breaches::record_breach_event,
        breaches::export_breach_register,
        commands::breach_calendar,
        breaches::link_breach,
        breaches::save_breach_letter,
        breaches::breach_input,
        breaches::edit_breach,
        commands::batch_letters,
        commands::cancel_letters,
        commands::audit_log,
        commands::verify_chain,
        commands::dashboard,
        commands::calendar,
        commands::assignees,
        commands::export_calendar,
        commands::export_data,
        commands::get_profile,
        commands::update_profile,
        commands::list_closures,
        commands::add_closure,
        commands::remove_closure,
        commands::verify_database,
        commands::list_backups,
        commands::backup_now,
        commands::calendar_ids,
        commands::check_due_soon,
        records::report,
        records::save_report,
        records::retention_preview,
        records::purge_expired,
        records::set_legal_hold,
        records::restore_backup,
        records::restore_rolling,
        emails::pick_emails,
        emails::import_dropped_emails,
        emails::preview_emails,
        keyring::keyring_state,
        keyring::remember_key,
        keyring::unlock_from_keyring,
        passphrase::change_passphrase,
        passphrase::reset_passphrase,
        register::pick_register,
        register::register_dry_run,
        register::import_register,
        from_export::pick_export,
        from_export::set_up_from_export,
        links::link_case,
        links::unlink_case,
        links::add_manual_deadline,
        links::complete_manual_deadline,
        links::add_task,
        links::complete_task,
    ])
}

pub fn run() {
    let path = match database_path(std::env::args().skip(1)) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("casebook-desktop: {}", e.message);
            std::process::exit(1);
        }
    };
    app_builder(
        tauri::Builder::default().plugin(tauri_plugin_dialog::init()).plugin(tauri_plugin_notification::init()),
        AppState::new(path),
    )
    .setup(|app| {
        use tauri::Manager;
        // A bundled app finds the CJK font among its resources; a build from source finds the vendored copy.
        if let Ok(dir) = app.path().resource_dir() {
            casebook::letter::fonts::set_font_dir(dir.join("fonts"));
        }
        if let Some(window) = app.get_webview_window("main") {
            window.with_webview(webview::tune)?;
        }
        // Long work (an upgrade's index rebuild, imports, backups, purges, letters) shows its bar.
        let handle = app.handle().clone();
        casebook::progress::set_sink(move |report| {
            use tauri::Emitter;
            let _ = handle.emit("progress", report);
        });
        Ok(())
    })
    .on_window_event(|window, event| {
        use tauri::{Emitter, Manager};
        // Email files dropped on the window wait in the state; the window asks where they go.
        if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
            let names = window.state::<AppState>().stash_dropped(paths);
            if !names.is_empty() {
                let _ = window.emit("emails-dropped", names);
            }
        }
    })
    .build(tauri::generate_context!())
    .expect("the Casebook window could not start")
    .run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager;
            // Closing the app locks it, which also makes the day's rolling backup.
            app.state::<AppState>().lock();
        }
    });
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn the_capability_grants_exactly_the_apps_own_commands() {
        let capability: Value = serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let granted: Vec<&str> =
            capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        let mut expected: Vec<String> =
            crate::command_names::ALL.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
        // Listening for the app's own events (a drop of email files); emitting stays with Rust.
        expected.extend(["core:event:allow-listen".into(), "core:event:allow-unlisten".into()]);
        assert_eq!(granted, expected);
    }

    #[test]
    fn the_content_security_policy_allows_no_eval_and_no_remote_origin() {
        let config: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = config["app"]["security"]["csp"].as_str().unwrap();
        assert!(!csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"), "{csp}");
        let remote: Vec<&str> = csp
            .split([' ', ';'])
            .filter(|s| s.starts_with("http") && *s != "http://ipc.localhost" || s.starts_with("ws") || *s == "*")
            .collect();
        assert!(remote.is_empty(), "remote sources in the CSP: {remote:?}");
        assert_eq!(config["app"]["withGlobalTauri"], false);
    }

    /// Every string of a JSON value, however deeply nested.
    fn strings(value: &Value, into: &mut Vec<String>) {
        match value {
            Value::String(s) => into.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
            Value::Object(fields) => fields.values().for_each(|v| strings(v, into)),
            _ => {}
        }
    }

    #[test]
    fn every_value_the_window_labels_has_a_japanese_label() {
        use casebook::model::DueState;
        use casebook::model::{Counterpart, DispatchMethod, ItemChannel, LateReason, LetterState, PartyKind, TaskKind};
        let ja = include_str!("../../ui/src/locales/ja.ts");
        let labels = &ja[..ja.find("export const JA:").expect("the JA dictionary")];
        let mut values = Vec::new();
        strings(&serde_json::to_value(crate::state::Vocabulary::new()).unwrap(), &mut values);
        strings(&serde_json::to_value(crate::letters::LetterOptions::new().templates).unwrap(), &mut values);
        strings(&serde_json::to_value(PartyKind::ALL).unwrap(), &mut values);
        strings(&serde_json::to_value(Counterpart::ALL).unwrap(), &mut values);
        strings(&serde_json::to_value(ItemChannel::ALL).unwrap(), &mut values);
        strings(&serde_json::to_value(TaskKind::ALL).unwrap(), &mut values);
        strings(&serde_json::to_value(LetterState::ALL).unwrap(), &mut values);
        strings(&serde_json::to_value(DispatchMethod::ALL).unwrap(), &mut values);
        strings(&serde_json::to_value(LateReason::ALL).unwrap(), &mut values);
        {
            use casebook::model::breach::{Audience, BreachEventKind, NoticeMethod, Phase};
            strings(&serde_json::to_value(Audience::ALL).unwrap(), &mut values);
            strings(&serde_json::to_value(Phase::ALL).unwrap(), &mut values);
            strings(&serde_json::to_value(NoticeMethod::ALL).unwrap(), &mut values);
            strings(&serde_json::to_value(BreachEventKind::ALL).unwrap(), &mut values);
        }
        let states = [
            DueState::Met,
            DueState::Overdue,
            DueState::DueToday,
            DueState::DueSoon,
            DueState::DueThisWeek,
            DueState::Later,
        ];
        strings(&serde_json::to_value(states).unwrap(), &mut values);
        assert!(values.len() > 70, "{values:?}");
        let missing: Vec<&String> = values
            .iter()
            .filter(|v| !labels.contains(&format!("\n  {v}: ")) && !labels.contains(&format!("\n  \"{v}\": ")))
            .collect();
        assert!(missing.is_empty(), "no Japanese label in ui/src/locales/ja.ts for {missing:?}");
    }
}
