//! The printed documents: names for the save dialog, one document written where the user
//! chose, the convocations' batch off the window's thread with its progress and a way to
//! cancel it, and a preview of a first page. Each written file is then opened in the
//! system's viewer (from here: the window itself may open nothing).

use std::path::Path;
use std::sync::atomic::Ordering;

use ateliers::fr;
use ateliers::pdf::{self, files, layout::Page, Format, Request};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// A suggested file name for the save dialog (a folder's name for convocations), in
/// `format` (PDF when absent).
#[tauri::command]
pub async fn document_name(
    state: State<'_, AppState>,
    request: Request,
    format: Option<Format>,
) -> Reply<String> {
    let store = state.store()?;
    Ok(request.file_name(&store, format.unwrap_or_default())?)
}

/// A document written, and whether the viewer could be started on it.
#[derive(Debug, Serialize)]
pub struct Exported {
    pub path: String,
    pub title: String,
    pub opened: bool,
}

/// Writes the document asked for at `path` (chosen in the save dialog) in `format` (PDF
/// when absent; `.odt` to amend it in a word processor), then opens it. The base is read
/// under the lock; drawing and writing happen after it is released, off the window's thread.
#[tauri::command]
pub async fn export_document(
    state: State<'_, AppState>,
    request: Request,
    path: String,
    format: Option<Format>,
) -> Reply<Exported> {
    state.paths().take_write(Path::new(&path))?;
    let document = {
        let store = state.store()?;
        request.document(&store)?
    };
    let written = format.unwrap_or_default().write(&document, Path::new(&path))?;
    let opened = open(&written);
    Ok(Exported { path: written.display().to_string(), title: document.title, opened })
}

/// The letters to post, written: the file, the sentence that says it, and who had no
/// postal address.
#[derive(Debug, Serialize)]
pub struct PostLettersExported {
    pub path: String,
    pub message: String,
    pub without_address: Vec<String>,
    pub opened: bool,
}

/// Writes the letters of the people convoked without an e-mail address (those whose postal
/// address is known) in one PDF at `path`, records them as sent by post, and opens it.
#[tauri::command]
pub async fn export_post_letters(
    state: State<'_, AppState>,
    meeting_id: i64,
    path: String,
) -> Reply<PostLettersExported> {
    state.paths().take_write(Path::new(&path))?;
    let letters = {
        let store = state.store()?;
        pdf::convocation::post_letters(&store, meeting_id)?
    };
    let written = files::write_document(&letters.document, Path::new(&path))?;
    state.store()?.record_convocations_sent(meeting_id, &letters.people, "courrier")?;
    let opened = open(&written);
    let mut message = format!(
        "{} à envoyer par courrier {} dans « {} » ; {} notée{} envoyée{} par courrier.",
        fr::count(letters.people.len(), "lettre", "lettres"),
        if letters.people.len() > 1 { "ont été écrites" } else { "a été écrite" },
        written.display(),
        if letters.people.len() > 1 { "elles sont" } else { "elle est" },
        if letters.people.len() > 1 { "s" } else { "" },
        if letters.people.len() > 1 { "s" } else { "" },
    );
    if !letters.without_address.is_empty() {
        message.push_str(&format!(
            " Sans adresse postale, donc sans lettre : {}.",
            letters.without_address.join(", ")
        ));
    }
    Ok(PostLettersExported {
        path: written.display().to_string(),
        message: fr::typography(&message),
        without_address: letters.without_address,
        opened,
    })
}

/// How far a batch is.
#[derive(Clone, Debug, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// The convocations written, and whether the merged file could be opened.
#[derive(Debug, Serialize)]
pub struct ConvocationsExported {
    pub folder: String,
    pub files: Vec<String>,
    pub merged: String,
    pub opened: bool,
}

/// Writes one convocation per convoked person and the merged file into `folder` (named in
/// the save dialog), reporting
/// each file on `on_progress`; [`cancel_export`] stops it and nothing is left behind.
#[tauri::command]
pub async fn export_convocations(
    state: State<'_, AppState>,
    meeting_id: i64,
    folder: String,
    on_progress: Channel<Progress>,
) -> Reply<ConvocationsExported> {
    state.paths().take_write(Path::new(&folder))?;
    state.export_cancelled.store(false, Ordering::SeqCst);
    let letters = {
        let store = state.store()?;
        pdf::convocation::letters(&store, meeting_id)?
    };
    let written = files::write_letters(&letters, Path::new(&folder), &mut |done, total| {
        // A window closed meanwhile only loses the progress, not the batch.
        let _ = on_progress.send(Progress { done, total });
        !state.export_cancelled.load(Ordering::SeqCst)
    })?;
    let opened = open(&written.merged);
    Ok(ConvocationsExported {
        folder: written.folder.display().to_string(),
        files: written.files.iter().map(|f| f.display().to_string()).collect(),
        merged: written.merged.display().to_string(),
        opened,
    })
}

/// Asks the running batch to stop; it then answers `cancelled` and leaves no file.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) -> Reply<()> {
    state.export_cancelled.store(true, Ordering::SeqCst);
    Ok(())
}

/// The first page of a document, laid out as it will be printed (points, from the top
/// left of an A4 page).
#[derive(Debug, Serialize)]
pub struct Preview {
    pub width: f32,
    pub height: f32,
    #[serde(flatten)]
    pub page: Page,
}

#[tauri::command]
pub async fn document_preview(state: State<'_, AppState>, request: Request) -> Reply<Preview> {
    let document = {
        let store = state.store()?;
        request.preview(&store)?
    };
    Ok(Preview {
        width: pdf::layout::PAGE_WIDTH,
        height: pdf::layout::PAGE_HEIGHT,
        page: pdf::render::first_page(&document),
    })
}

/// Opens `path` in the system's viewer (a folder in the file manager), without waiting for
/// it; false when no viewer could be started (the file is written all the same).
pub(crate) fn open(path: &Path) -> bool {
    match open::that_detached(path) {
        Ok(()) => true,
        Err(error) => {
            eprintln!("Ateliers n'a pas pu ouvrir {} : {error}", path.display());
            false
        }
    }
}
