// Lists the app's commands so that each gets an `allow-…` permission; only those granted in
// capabilities/main.json can be invoked from the window.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(casebook_commands::ALL)),
    )
    .expect("tauri-build failed");
}

#[path = "src/command_names.rs"]
mod casebook_commands;
