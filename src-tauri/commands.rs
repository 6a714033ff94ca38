//! The commands the UI calls: each borrows the store, calls the core, converts the error.
//! No SQL and no business rule here.

use ateliers::model::atelier::{
    Atelier, AtelierInput, AtelierKind, AtelierStatus, AtelierSummary, MilestoneKind,
};
use ateliers::model::person::{Commune, PersonSummary};
use ateliers::model::settings::{Settings, SettingsInput};
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// What the UI needs to know at start.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub database_path: String,
    pub schema_version: i64,
    /// The base is empty and the user has not yet chosen demo data or an empty start.
    pub first_start_pending: bool,
    pub version: &'static str,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    let store = state.store()?;
    Ok(AppInfo {
        database_path: store.path().map(|p| p.display().to_string()).unwrap_or_default(),
        schema_version: store.schema_version()?,
        first_start_pending: !store.settings()?.first_start_done && store.is_empty()?,
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The French sentence that says what happened.
#[derive(Debug, Serialize)]
pub struct Done {
    pub message: String,
}

#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> Reply<Done> {
    let summary = state.store()?.load_demo(ateliers::model::date::today())?;
    Ok(Done { message: summary.message() })
}

#[tauri::command]
pub fn start_empty(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.store()?.finish_first_start()?)
}

/// One value of an enumeration and its French label.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

/// The enumerations the forms offer, with their labels from the core.
#[derive(Debug, Serialize)]
pub struct Vocabulary {
    pub atelier_kinds: Vec<Choice>,
    pub atelier_statuses: Vec<Choice>,
    pub milestone_kinds: Vec<Choice>,
}

#[tauri::command]
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        atelier_kinds: AtelierKind::ALL
            .iter()
            .map(|k| Choice { value: k.as_str(), label: k.label() })
            .collect(),
        atelier_statuses: AtelierStatus::ALL
            .iter()
            .map(|s| Choice { value: s.as_str(), label: s.label() })
            .collect(),
        milestone_kinds: MilestoneKind::ALL
            .iter()
            .map(|k| Choice { value: k.as_str(), label: k.label() })
            .collect(),
    }
}

#[tauri::command]
pub fn list_ateliers(state: State<'_, AppState>) -> Reply<Vec<AtelierSummary>> {
    Ok(state.store()?.list_ateliers()?)
}

#[tauri::command]
pub fn get_atelier(state: State<'_, AppState>, id: i64) -> Reply<Atelier> {
    Ok(state.store()?.atelier(id)?)
}

#[tauri::command]
pub fn create_atelier(state: State<'_, AppState>, input: AtelierInput) -> Reply<Atelier> {
    Ok(state.store()?.create_atelier(input)?)
}

#[tauri::command]
pub fn update_atelier(state: State<'_, AppState>, id: i64, input: AtelierInput) -> Reply<Atelier> {
    Ok(state.store()?.update_atelier(id, input)?)
}

#[tauri::command]
pub fn list_people(state: State<'_, AppState>) -> Reply<Vec<PersonSummary>> {
    Ok(state.store()?.list_people()?)
}

#[tauri::command]
pub fn list_communes(state: State<'_, AppState>) -> Reply<Vec<Commune>> {
    Ok(state.store()?.list_communes()?)
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    Ok(state.store()?.settings()?)
}

#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, input: SettingsInput) -> Reply<Settings> {
    Ok(state.store()?.save_settings(input)?)
}

/// Stores the logo sent as the raw bytes of the request body (an `Uint8Array` from the UI).
#[tauri::command]
pub fn set_logo(state: State<'_, AppState>, request: tauri::ipc::Request<'_>) -> Reply<Settings> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::bad_request("le logo doit être envoyé comme fichier binaire"));
    };
    let mut store = state.store()?;
    store.set_logo("logo", bytes)?;
    Ok(store.settings()?)
}

#[tauri::command]
pub fn remove_logo(state: State<'_, AppState>) -> Reply<Settings> {
    let mut store = state.store()?;
    store.remove_logo()?;
    Ok(store.settings()?)
}

/// The logo as a `data:` URL, or `null`.
#[tauri::command]
pub fn get_logo(state: State<'_, AppState>) -> Reply<Option<String>> {
    Ok(state.store()?.logo_data_url()?)
}
