//! The names of the app's commands, shared by the build script (permissions) and the shell.

// Read by build.rs and by the capability test; the handler list in lib.rs names the same commands.
#[allow(dead_code)]
pub const ALL: &[&str] = &[
    "app_status",
    "sample_profile",
    "vocabulary",
    "set_up",
    "unlock",
    "lock",
    "list_cases",
    "get_case",
    "add_case",
    "record_event",
    "list_parties",
    "letter_options",
    "draft_letter",
    "save_letter",
    "dashboard",
    "calendar",
    "assignees",
    "export_calendar",
    "get_profile",
    "update_profile",
    "list_closures",
    "add_closure",
    "remove_closure",
    "verify_database",
    "list_backups",
    "backup_now",
    "calendar_ids",
    "check_due_soon",
];
