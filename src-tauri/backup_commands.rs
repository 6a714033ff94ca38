//! Paramètres › Sauvegardes: the automatic backups with what each holds, a backup saved
//! where the user chose, and a restore (from an automatic backup, or from a file chosen in
//! the open dialog) after the user has seen what will replace what. A file comes only from a
//! dialog that Rust opened (`dialog_commands`).

use std::path::PathBuf;

use ateliers::fr;
use ateliers::store::BaseContents;
use serde::Serialize;
use tauri::State;

use crate::commands::Done;
use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// What a base holds, as the window shows it.
#[derive(Debug, Serialize)]
pub struct ContentsReply {
    pub schema_version: i64,
    /// « 4 ateliers, 152 personnes, 10 réunions ».
    pub description: String,
}

impl From<BaseContents> for ContentsReply {
    fn from(contents: BaseContents) -> Self {
        ContentsReply { description: contents.describe(), schema_version: contents.schema_version }
    }
}

/// One automatic backup.
#[derive(Debug, Serialize)]
pub struct BackupRow {
    /// Its file name: what `restore_backup` takes.
    pub name: String,
    /// « mardi 12 janvier 2027 à 18 h 00 ».
    pub taken_at: String,
    /// « 412 Ko ».
    pub size: String,
    /// `None` when the file cannot be read.
    pub contents: Option<ContentsReply>,
}

/// The section « Sauvegardes »: the open base and its automatic backups, newest first.
#[derive(Debug, Serialize)]
pub struct BackupsReply {
    pub current: ContentsReply,
    pub folder: String,
    pub backups: Vec<BackupRow>,
}

/// A size in French units (« 412 Ko », « 3,2 Mo »).
fn size_label(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let bytes = bytes as f64;
    let text = if bytes < KB * KB {
        format!("{} Ko", (bytes / KB).ceil())
    } else {
        format!("{:.1} Mo", bytes / (KB * KB)).replace('.', ",")
    };
    fr::typography(&text.replace(' ', "\u{a0}"))
}

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Reply<BackupsReply> {
    let store = state.store()?;
    let backups = store
        .automatic_backups()?
        .into_iter()
        .map(|b| BackupRow {
            name: b.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            taken_at: fr::typography(&b.taken_at_label),
            size: size_label(b.size),
            contents: b.contents.map(ContentsReply::from),
        })
        .collect();
    Ok(BackupsReply {
        current: store.contents()?.into(),
        folder: store.backup_folder().map(|f| f.display().to_string()).unwrap_or_default(),
        backups,
    })
}

/// What the backup file `path` (chosen in the open dialog) holds, before restoring it.
#[tauri::command]
pub fn inspect_backup_file(state: State<'_, AppState>, path: PathBuf) -> Reply<ContentsReply> {
    state.paths().check_read(&path)?;
    Ok(ateliers::store::Store::contents_of_file(&path)?.into())
}

/// « Sauvegarder maintenant… »: a complete copy where the user chose.
#[tauri::command]
pub fn backup_now(state: State<'_, AppState>, path: PathBuf) -> Reply<Done> {
    state.paths().take_write(&path)?;
    let path = ateliers::files::with_extension(&path, "sqlite3");
    state.store()?.backup_to(&path)?;
    Ok(Done::new(format!(
        "La sauvegarde a été enregistrée dans « {} ». Gardez-la hors de l'ordinateur (clé USB, dossier partagé).",
        path.display()
    )))
}

/// Restores the automatic backup named `name` (a file of the backups folder).
#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, name: String) -> Reply<Done> {
    let mut store = state.store()?;
    let backup = store
        .automatic_backups()?
        .into_iter()
        .find(|b| b.path.file_name().is_some_and(|n| n.to_string_lossy() == name))
        .ok_or_else(|| ateliers::Error::Refused(format!("la sauvegarde « {name} » n'existe plus")))?;
    store.restore_from(&backup.path)?;
    Ok(Done::new(format!(
        "La base a été restaurée telle qu'elle était le {} ({}). L'état d'avant a été sauvegardé.",
        backup.taken_at_label,
        store.contents()?.describe()
    )))
}

/// Restores the backup file `path`, chosen in the open dialog.
#[tauri::command]
pub fn restore_file(state: State<'_, AppState>, path: PathBuf) -> Reply<Done> {
    state.paths().check_read(&path)?;
    let mut store = state.store()?;
    store.restore_from(&path)?;
    Ok(Done::new(format!(
        "La base a été restaurée depuis « {} » ({}). L'état d'avant a été sauvegardé.",
        path.display(),
        store.contents()?.describe()
    )))
}
