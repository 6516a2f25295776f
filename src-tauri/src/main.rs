// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Forms and tables need no GPU compositing; without it WebKitGTK's web process takes about
    // 120 MB instead of 220 MB (measured by bench/desktop.mjs). A user's own setting wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    casebook_desktop::run();
}
