//! Communes and organisations: found as the user types (the forms that name them and their
//! own screen), created, renamed, merged, deleted when unused, and communes imported from a
//! file chosen in the open dialog.

use std::path::PathBuf;

use ateliers::fr;
use ateliers::model::places::{CommuneEntry, CommuneInput, Found, OrganisationEntry, OrganisationInput};
use serde::Serialize;
use tauri::State;

use crate::commands::Done;
use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// The most rows a search returns: a list the window can show at once.
const FOUND_MAX: usize = 1000;

/// The communes whose name holds `query` or whose INSEE code starts with it, the closest
/// first: how many, and the first `limit`.
#[tauri::command]
pub fn find_communes(state: State<'_, AppState>, query: String, limit: usize) -> Reply<Found<CommuneEntry>> {
    Ok(state.store()?.find_communes(&query, limit.clamp(1, FOUND_MAX))?)
}

/// The organisations whose name holds `query`, the closest first.
#[tauri::command]
pub fn find_organisations(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> Reply<Found<OrganisationEntry>> {
    Ok(state.store()?.find_organisations(&query, limit.clamp(1, FOUND_MAX))?)
}

/// Adds a commune (`id` null) or changes one.
#[tauri::command]
pub fn save_commune(state: State<'_, AppState>, id: Option<i64>, input: CommuneInput) -> Reply<Done> {
    let name = input.name.trim().to_string();
    state.store()?.save_commune(id, input)?;
    Ok(Done::new(match id {
        None => format!("La commune « {name} » a été ajoutée."),
        Some(_) => format!("La commune « {name} » a été enregistrée."),
    }))
}

/// Adds an organisation (`id` null) or changes one.
#[tauri::command]
pub fn save_organisation(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: OrganisationInput,
) -> Reply<Done> {
    let name = input.name.trim().to_string();
    state.store()?.save_organisation(id, input)?;
    Ok(Done::new(match id {
        None => format!("L'organisation « {name} » a été ajoutée."),
        Some(_) => format!("L'organisation « {name} » a été enregistrée."),
    }))
}

/// Merges commune `duplicate` into commune `kept`: everything that named the duplicate names
/// the kept one.
#[tauri::command]
pub fn merge_communes(state: State<'_, AppState>, kept: i64, duplicate: i64) -> Reply<Done> {
    state.store()?.merge_communes(kept, duplicate)?;
    Ok(Done::new("Les deux communes n'en font plus qu'une : les personnes, les adhésions et les ateliers de la commune fusionnée ont suivi."))
}

/// Merges organisation `duplicate` into organisation `kept`.
#[tauri::command]
pub fn merge_organisations(state: State<'_, AppState>, kept: i64, duplicate: i64) -> Reply<Done> {
    state.store()?.merge_organisations(kept, duplicate)?;
    Ok(Done::new("Les deux organisations n'en font plus qu'une : les personnes et les adhésions de l'organisation fusionnée ont suivi."))
}

/// Deletes a commune that nothing names.
#[tauri::command]
pub fn delete_commune(state: State<'_, AppState>, id: i64) -> Reply<Done> {
    state.store()?.delete_commune(id)?;
    Ok(Done::new("La commune a été supprimée."))
}

/// Deletes an organisation that nothing names.
#[tauri::command]
pub fn delete_organisation(state: State<'_, AppState>, id: i64) -> Reply<Done> {
    state.store()?.delete_organisation(id)?;
    Ok(Done::new("L'organisation a été supprimée."))
}

/// What an import of communes did: the sentence, and each rejected row's reason.
#[derive(Debug, Serialize)]
pub struct CommunesReply {
    pub message: String,
    pub rejections: Vec<String>,
}

/// Imports the communes of the file chosen in the open dialog (INSEE's code officiel
/// géographique, or a sheet of names and codes).
#[tauri::command]
pub fn import_communes(state: State<'_, AppState>, path: PathBuf) -> Reply<CommunesReply> {
    state.paths().check_read(&path)?;
    let done = state.store()?.import_communes(&path)?;
    let mut message = done.message();
    if let Some(note) = done.other_kinds_note() {
        message = format!("{message} {note}");
    }
    Ok(CommunesReply {
        message: fr::typography(&message),
        rejections: done.rejections.iter().map(|r| fr::typography(r)).collect(),
    })
}
