//! Invitations and calendars: the agenda invitation or cancellation of a meeting and the
//! calendars of an atelier or of all (saved where the user chose), the e-mail drafts of the
//! convocations (their folder then opened in the file manager), the calendars of other
//! bodies imported beside ours, and the publication to the shared CalDAV calendar with its
//! progress.

use std::path::Path;

use ateliers::caldav::{self, Publication};
use ateliers::ical::{self, CalendarRequest};
use ateliers::mail;
use ateliers::store::{CaldavSettings, CalendarImported, ExternalCalendarSummary, ExternalEventRow};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::document_commands::{open, Progress};
use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// A calendar file written.
#[derive(Debug, Serialize)]
pub struct CalendarWritten {
    pub path: String,
}

/// A suggested name for the save dialog (without folder).
#[tauri::command]
pub async fn calendar_file_name(state: State<'_, AppState>, request: CalendarRequest) -> Reply<String> {
    Ok(request.file_name(&*state.store()?)?)
}

/// Writes the calendar file asked for at `path`, chosen in the save dialog (not opened: opening it would add it to
/// the secretary's own agenda).
#[tauri::command]
pub async fn export_calendar(
    state: State<'_, AppState>,
    request: CalendarRequest,
    path: String,
) -> Reply<CalendarWritten> {
    state.paths().take_write(Path::new(&path))?;
    let text = request.text(&*state.store()?)?;
    let written = ical::write_file(&text, Path::new(&path))?;
    Ok(CalendarWritten { path: written.display().to_string() })
}

/// « Brouillons AP-MOB Séance n° 3 2027-01-12 »: the drafts' folder name for the save dialog.
#[tauri::command]
pub async fn drafts_folder_name(state: State<'_, AppState>, meeting_id: i64) -> Reply<String> {
    Ok(ical::meeting_file_stem(&state.store()?.meeting(meeting_id)?, "Brouillons"))
}

/// The drafts written, and whether their folder could be opened.
#[derive(Debug, Serialize)]
pub struct DraftsExported {
    #[serde(flatten)]
    pub written: mail::DraftsWritten,
    pub opened: bool,
}

/// Writes the e-mail drafts of meeting `meeting_id` into `folder` (named in the save
/// dialog), records those
/// convocations as sent by e-mail, then opens the folder in the file manager.
#[tauri::command]
pub async fn export_drafts(
    state: State<'_, AppState>,
    meeting_id: i64,
    folder: String,
    on_progress: Channel<Progress>,
) -> Reply<DraftsExported> {
    state.paths().take_write(Path::new(&folder))?;
    let written = {
        let mut store = state.store()?;
        mail::write_drafts(&mut store, meeting_id, Path::new(&folder), &mut |done, total| {
            let _ = on_progress.send(Progress { done, total });
        })?
    };
    let opened = open(&written.folder);
    Ok(DraftsExported { written, opened })
}

/// « Brouillon groupé AP-MOB Séance n° 3 2027-01-12.eml »: the grouped draft's name for the
/// save dialog.
#[tauri::command]
pub async fn grouped_draft_file_name(state: State<'_, AppState>, meeting_id: i64) -> Reply<String> {
    Ok(format!("{}.eml", ical::meeting_file_stem(&state.store()?.meeting(meeting_id)?, "Brouillon groupé")))
}

/// The grouped draft written, and whether the mail client could be opened on it.
#[derive(Debug, Serialize)]
pub struct GroupedDraftExported {
    #[serde(flatten)]
    pub draft: mail::GroupedDraft,
    pub opened: bool,
}

/// Writes at `path` (chosen in the save dialog) one draft of meeting `meeting_id` to the
/// organiser with every convoked address in Bcc, records those convocations as sent by
/// e-mail, then opens the draft (in the mail client that opens `.eml` files).
#[tauri::command]
pub async fn export_grouped_draft(
    state: State<'_, AppState>,
    meeting_id: i64,
    path: String,
) -> Reply<GroupedDraftExported> {
    state.paths().take_write(Path::new(&path))?;
    let draft = mail::write_grouped_draft(&mut *state.store()?, meeting_id, Path::new(&path))?;
    let opened = open(&draft.file);
    Ok(GroupedDraftExported { draft, opened })
}

/// The relevé's draft written, and what to say of it.
#[derive(Debug, Serialize)]
pub struct ReleveDraftExported {
    #[serde(flatten)]
    pub draft: mail::ReleveDraft,
    pub opened: bool,
    pub message: String,
}

/// Writes at `path` (chosen in the save dialog) one draft to the organiser with the
/// meeting's convoked people in Bcc and the diffused relevé as PDF, keeps who it went to
/// with the diffused version, then opens the draft.
#[tauri::command]
pub async fn export_releve_draft(
    state: State<'_, AppState>,
    meeting_id: i64,
    path: String,
) -> Reply<ReleveDraftExported> {
    state.paths().take_write(Path::new(&path))?;
    let draft = mail::write_releve_draft(&mut *state.store()?, meeting_id, Path::new(&path))?;
    let opened = open(&draft.file);
    let count = draft.addresses.len();
    let mut message = format!(
        "Le brouillon du relevé (version {}, {} en copie cachée) est écrit dans « {} », {} ; la liste de ses destinataires est gardée avec cette version.",
        draft.version,
        ateliers::fr::count(count, "adresse", "adresses"),
        draft.file.display(),
        if opened { "ouvert dans votre messagerie" } else { "à ouvrir dans votre messagerie" },
    );
    if !draft.paper.is_empty() {
        message.push_str(&format!(" Sans adresse e-mail : {}.", draft.paper.join(", ")));
    }
    Ok(ReleveDraftExported { draft, opened, message: ateliers::fr::typography(&message) })
}

/// « Relevé AP-MOB Séance n° 3 2027-01-12.eml »: the relevé draft's name for the save dialog.
#[tauri::command]
pub async fn releve_draft_file_name(state: State<'_, AppState>, meeting_id: i64) -> Reply<String> {
    Ok(format!("{}.eml", ical::meeting_file_stem(&state.store()?.meeting(meeting_id)?, "Relevé")))
}

/// What an import did, said in French.
#[derive(Debug, Serialize)]
pub struct CalendarImportedReply {
    #[serde(flatten)]
    pub imported: CalendarImported,
    pub message: String,
}

/// Imports the calendar file at `path` (chosen in the open dialog). The base is locked for
/// a moment to read the settings' zone and today, then again to write; not while the file
/// is read and its repeating events expanded, which may take a while for a large file.
#[tauri::command]
pub async fn import_calendar(state: State<'_, AppState>, path: String) -> Reply<CalendarImportedReply> {
    let path = Path::new(&path);
    state.paths().check_read(path)?;
    let (zone, today) = ical::import::context(&*state.store()?)?;
    let calendar = ical::import::read_file(path, zone, today)?;
    let imported = state.store()?.import_calendar(&calendar, &ical::import::file_name(path))?;
    let message = ateliers::fr::typography(&imported.message());
    Ok(CalendarImportedReply { imported, message })
}

/// The imported calendars.
#[tauri::command]
pub async fn external_calendars(state: State<'_, AppState>) -> Reply<Vec<ExternalCalendarSummary>> {
    Ok(state.store()?.external_calendars()?)
}

/// Forgets an imported calendar.
#[tauri::command]
pub async fn delete_external_calendar(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.store()?.delete_external_calendar(id)?)
}

/// The imported events of the days `from`–`to` (`AAAA-MM-JJ`), with their local times.
#[tauri::command]
pub async fn external_events(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Reply<Vec<ExternalEventRow>> {
    let store = state.store()?;
    Ok(store.external_events_on_days(&from, &to)?)
}

/// The shared calendar's settings.
#[tauri::command]
pub async fn get_caldav_settings(state: State<'_, AppState>) -> Reply<CaldavSettings> {
    Ok(state.store()?.caldav_settings()?)
}

/// Checks and saves the shared calendar's settings; a password typed is put in the
/// system's credential store first (never in the base), so nothing is saved if it fails.
#[tauri::command]
pub async fn save_caldav_settings(
    state: State<'_, AppState>,
    input: CaldavSettings,
    password: Option<String>,
) -> Reply<CaldavSettings> {
    let checked = input.check()?;
    if let Some(password) = password.filter(|p| !p.is_empty()) {
        caldav::save_password(&checked.url, &checked.user, &password)?;
    }
    Ok(state.store()?.save_caldav_settings(checked)?)
}

/// Publishes the meetings to the shared calendar, reporting each object on `on_progress`.
/// The base is locked to prepare and for a moment after each object the server took, not
/// while the network is waited for.
#[tauri::command]
pub async fn publish_caldav(
    state: State<'_, AppState>,
    on_progress: Channel<Progress>,
) -> Reply<Publication> {
    let prepared = caldav::prepare(&*state.store()?)?;
    let password = prepared.password()?;
    let collection = prepared.collection().to_string();
    let publication = prepared.send(
        &password,
        &mut |recorded| {
            let mut store = state.store().map_err(|e| ateliers::Error::Refused(e.message))?;
            recorded.record(&mut store, &collection)
        },
        &mut |done, total| {
            let _ = on_progress.send(Progress { done, total });
        },
    )?;
    Ok(publication)
}
