//! The Ateliers desktop shell: a Tauri window over the core crate `ateliers`.
//!
//! This crate holds no SQL and no business rule: [`commands`] forward to the core's
//! [`Store`] and turn its errors into [`CommandError`] for the UI in `ui/`.

pub mod about_commands;
pub mod backup_commands;
pub mod calendar_commands;
pub mod commands;
pub mod dialog_commands;
pub mod document_commands;
mod error;
pub mod letter_commands;
pub mod meeting_commands;
pub mod place_commands;

include!("command_list.rs");

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use ateliers::store::Store;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Builder, Manager, Runtime};

pub use dialog_commands::{Grant, GrantedPaths};
pub use error::CommandError;

/// What every command shares: the one open store, or why it could not be opened (the window
/// then shows that reason instead of vanishing with a message nobody sees).
pub struct AppState {
    store: Result<Mutex<Store>, CommandError>,
    /// Set by `cancel_export` to stop the running batch of documents.
    export_cancelled: AtomicBool,
    /// The files the user chose in our dialogs: the only ones a command reads or writes.
    paths: GrantedPaths,
}

impl AppState {
    /// The state around an open store.
    pub fn new(store: Store) -> Self {
        AppState::with(Ok(Mutex::new(store)))
    }

    /// The state of an application whose database could not be opened.
    pub fn failed(error: ateliers::Error) -> Self {
        AppState::with(Err(CommandError::startup(error)))
    }

    fn with(store: Result<Mutex<Store>, CommandError>) -> Self {
        AppState { store, export_cancelled: AtomicBool::new(false), paths: GrantedPaths::default() }
    }

    /// The files the user chose in the dialogs opened by `choose_file_to_open` and
    /// `choose_file_to_save`.
    pub fn paths(&self) -> &GrantedPaths {
        &self.paths
    }

    fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        match &self.store {
            Ok(store) => store.lock().map_err(|_| CommandError::unavailable()),
            Err(error) => Err(error.clone()),
        }
    }
}

/// Adds the state and every command to `builder`: used by [`run`] and by the tests that call
/// the commands without a webview. The dialog plugin serves our own dialog commands: the
/// window is granted none of its commands.
pub fn with_commands<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    macro_rules! handlers {
        ($($command:ident),* $(,)?) => { tauri::generate_handler![$(commands::$command),*] };
    }
    builder.manage(state).plugin(tauri_plugin_dialog::init()).invoke_handler(for_each_command!(handlers))
}

/// Opens the database (`$ATELIERS_DB`, else the application-data folder), starts the
/// start-up backup, and runs the window until it is closed; a second launch on the same
/// base only brings that window forward.
pub fn run() -> ExitCode {
    let database = ateliers::paths::default_database();
    // First, as its documentation asks: a second instance exits before anything else.
    let builder = tauri::Builder::default().plugin(single_instance(database.as_deref().ok()));
    let state = match database.and_then(|path| open_store(&path)) {
        Ok(store) => AppState::new(store),
        Err(error) => {
            eprintln!("Ateliers ne peut pas ouvrir sa base de données : {error}");
            AppState::failed(error)
        }
    };
    match with_commands(builder, state).run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Ateliers s'est arrêté sur une erreur : {error}");
            ExitCode::FAILURE
        }
    }
}

/// How long the start-up backup waits, so that it does not compete with the first screen
/// for the two cores of a modest laptop.
const BACKUP_DELAY: std::time::Duration = std::time::Duration::from_secs(2);

/// Opens the base and starts its start-up backup beside the window: the first screen does
/// not wait for the copy (a failed backup is reported on stderr; the base stays usable).
fn open_store(path: &Path) -> ateliers::Result<Store> {
    let store = Store::open(path)?;
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        std::thread::sleep(BACKUP_DELAY);
        if let Err(error) = Store::backup_file_rotating(&path) {
            eprintln!("Ateliers n'a pas pu faire la sauvegarde de démarrage : {error}");
        }
    });
    Ok(store)
}

/// One window per base: a second launch on the same base brings the first window forward
/// and exits. On Linux the guard is a D-Bus name made of the identifier and a digest of the
/// base's path ([`instance_id`]), so two different bases may be open side by side (each
/// window test on its own temporary base, beside a secretary's running application).
fn single_instance<R: Runtime>(database: Option<&Path>) -> TauriPlugin<R> {
    let builder =
        tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| bring_forward(app));
    match database {
        Some(path) => builder.dbus_id(instance_id(path)),
        None => builder,
    }
    .build()
}

/// `fr.ateliers.desktop.base` and 16 hexadecimal digits of the base's absolute path hashed:
/// a valid D-Bus name, the same for every version of the program.
fn instance_id(database: &Path) -> String {
    let path = std::path::absolute(database).unwrap_or_else(|_| database.to_path_buf());
    // FNV-1a: the same digest from every build, so that two versions recognise each other.
    let digest = path.to_string_lossy().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}.base{digest:016x}", ateliers::paths::APP_IDENTIFIER)
}

/// Shows the main window in front of the others (a second launch asked for it).
fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else { return };
    for result in [window.unminimize(), window.show(), window.set_focus()] {
        if let Err(error) = result {
            eprintln!("Ateliers n'a pas pu ramener sa fenêtre au premier plan : {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_base_has_its_own_instance_and_a_valid_d_bus_name() {
        let one = instance_id(Path::new("/home/secretariat/ateliers.sqlite3"));
        // Pinned: an older and a newer version of the program must find the same name.
        assert_eq!(one, "fr.ateliers.desktop.base8fe6e8902ed47e08");
        assert_ne!(one, instance_id(Path::new("/tmp/test/ateliers.sqlite3")));
        assert!(
            one.starts_with("fr.ateliers.desktop.base") && one.len() == "fr.ateliers.desktop.base".len() + 16
        );
        let elements_valid = one.split('.').all(|e| {
            e.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        assert!(elements_valid, "{one}");
    }
}
