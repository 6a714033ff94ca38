//! The Ateliers desktop shell: a Tauri window over the core crate `ateliers`.
//!
//! This crate holds no SQL and no business rule: [`commands`] forward to the core's
//! [`Store`] and turn its errors into [`CommandError`] for the UI in `ui/`.

pub mod about_commands;
pub mod backup_commands;
pub mod calendar_commands;
pub mod commands;
pub mod document_commands;
mod error;
pub mod meeting_commands;

include!("command_list.rs");

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use ateliers::store::Store;
use tauri::{Builder, Runtime};

pub use error::CommandError;

/// What every command shares: the one open store, or why it could not be opened (the window
/// then shows that reason instead of vanishing with a message nobody sees).
pub struct AppState {
    store: Result<Mutex<Store>, CommandError>,
    /// Set by `cancel_export` to stop the running batch of documents.
    export_cancelled: AtomicBool,
}

impl AppState {
    /// The state around an open store.
    pub fn new(store: Store) -> Self {
        AppState { store: Ok(Mutex::new(store)), export_cancelled: AtomicBool::new(false) }
    }

    /// The state of an application whose database could not be opened.
    pub fn failed(error: ateliers::Error) -> Self {
        AppState { store: Err(CommandError::startup(error)), export_cancelled: AtomicBool::new(false) }
    }

    fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        match &self.store {
            Ok(store) => store.lock().map_err(|_| CommandError::unavailable()),
            Err(error) => Err(error.clone()),
        }
    }
}

/// Adds the state and every command to `builder`: used by [`run`] and by the tests that call
/// the commands without a webview.
pub fn with_commands<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    macro_rules! handlers {
        ($($command:ident),* $(,)?) => { tauri::generate_handler![$(commands::$command),*] };
    }
    builder
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(for_each_command!(handlers))
}

/// Opens the database (`$ATELIERS_DB`, else the application-data folder), starts the
/// start-up backup, and runs the window until it is closed.
pub fn run() -> ExitCode {
    let state = match open_store() {
        Ok(store) => AppState::new(store),
        Err(error) => {
            eprintln!("Ateliers ne peut pas ouvrir sa base de données : {error}");
            AppState::failed(error)
        }
    };
    match with_commands(tauri::Builder::default(), state).run(tauri::generate_context!()) {
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
fn open_store() -> ateliers::Result<Store> {
    let path = ateliers::paths::default_database()?;
    let store = Store::open(&path)?;
    std::thread::spawn(move || {
        std::thread::sleep(BACKUP_DELAY);
        if let Err(error) = Store::backup_file_rotating(&path) {
            eprintln!("Ateliers n'a pas pu faire la sauvegarde de démarrage : {error}");
        }
    });
    Ok(store)
}
