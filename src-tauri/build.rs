//! Tauri's build step: our commands (the one list of `src-tauri/command_list.rs`) become
//! opt-in permissions (`allow-<command>`), and the main window's capability is written from
//! the same list and holds nothing else: no plugin's command, not even the dialog plugin's
//! open and save (our own `choose_file_to_open` and `choose_file_to_save` open the dialogs
//! from Rust, so that a path comes only from the user's choice). Without an explicit capabilities
//! path the build would look in `./capabilities` beside the manifest, find nothing and allow
//! every command.

include!("command_list.rs");

macro_rules! names {
    ($($command:ident),* $(,)?) => { &[$(stringify!($command)),*] };
}

/// Every command of the window.
const COMMANDS: &[&str] = for_each_command!(names);

const CAPABILITY: &str = "src-tauri/capabilities/main-window.json";

fn main() {
    write_capability();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build a échoué : {error:#}");
    }
}

/// Writes the capability from the list (only when it changed, so the build does not rerun).
fn write_capability() {
    let permissions: Vec<String> =
        COMMANDS.iter().map(|c| format!("\"allow-{}\"", c.replace('_', "-"))).collect();
    let json = format!(
        "{{\n  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main-window\",\n  \"description\": \"Written by src-tauri/build.rs from src-tauri/command_list.rs: the main window may call our own commands, nothing else (no plugin's command: the dialogs are opened from Rust).\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\n    {}\n  ]\n}}\n",
        permissions.join(",\n    ")
    );
    if std::fs::read_to_string(CAPABILITY).ok().as_deref() != Some(json.as_str()) {
        if let Err(error) = std::fs::write(CAPABILITY, json) {
            panic!("impossible d'écrire {CAPABILITY} : {error}");
        }
    }
    println!("cargo:rerun-if-changed=src-tauri/command_list.rs");
}
