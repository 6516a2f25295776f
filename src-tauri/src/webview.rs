//! WebKitGTK settings for a window of forms and tables: software rendering and the smallest
//! caches. GPU compositing buys nothing here and costs about 100 MB (measured in bench/desktop.mjs).

/// Applies the settings to the window's web view; elsewhere than Linux there is nothing to do.
pub fn tune(webview: tauri::webview::PlatformWebview) {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_webgl(false);
            settings.set_enable_page_cache(false);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = webview;
}
