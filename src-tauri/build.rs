//! Tauri's build step: our commands are opt-in permissions (`allow-<command>`), granted to the
//! main window by `src-tauri/capabilities/`. Without an explicit capabilities path the build
//! would look in `./capabilities` beside the manifest, find nothing and allow every command.

/// Every `#[tauri::command]` of `src-tauri/commands.rs`.
const COMMANDS: &[&str] = &[
    "app_info",
    "load_demo",
    "start_empty",
    "vocabulary",
    "list_ateliers",
    "get_atelier",
    "create_atelier",
    "update_atelier",
    "list_people",
    "list_communes",
    "get_settings",
    "save_settings",
    "set_logo",
    "remove_logo",
    "get_logo",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build a échoué : {error:#}");
    }
}
