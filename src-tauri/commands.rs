//! The commands the UI calls: each borrows the store, calls the core, converts the error.
//! No SQL and no business rule here.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ateliers::model::atelier::{
    Atelier, AtelierInput, AtelierKind, AtelierStatus, AtelierSummary, MilestoneKind,
};
use ateliers::model::attendance::AttendanceStatus;
use ateliers::model::charter::{
    CharterVersion, CharterVersionInput, Signature, SignatureInput, SignatureMode,
};
use ateliers::model::meeting::{
    AgendaItemKind, ConvocationChannel, ConvocationReply, MeetingKind, MeetingStatus, MeetingSummary,
};
use ateliers::model::membership::{
    BinomeRole, College, Designation, Member, MemberCategory, MemberRole, MembershipInput, PersonMembership,
};
use ateliers::model::person::{Civility, PeoplePage, PeopleSort, Person, PersonInput, PersonSummary};
use ateliers::model::places::OrganisationKind;
use ateliers::model::releve::{ActionStatus, ReleveStatus};
use ateliers::model::settings::{Picture, Settings, SettingsInput, SUPPORTED_TIME_ZONES};
use ateliers::model::TextEnum;
use ateliers::rules::composition::Composition;
use ateliers::store::{ImportOutcome, ImportPreview, Store};
use ateliers::{files, fr};
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::AppState;

pub use crate::about_commands::*;
pub use crate::backup_commands::*;
pub use crate::calendar_commands::*;
pub use crate::dialog_commands::*;
pub use crate::document_commands::*;
pub use crate::letter_commands::*;
use crate::meeting_commands::dashboard_of;
pub use crate::meeting_commands::*;
pub use crate::place_commands::*;

type Reply<T> = Result<T, CommandError>;

/// What the UI needs to know at start.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub database_path: String,
    pub schema_version: i64,
    /// The base is empty and the user has not yet chosen demo data or an empty start.
    pub first_start_pending: bool,
    pub version: &'static str,
    /// The settings' time zone: the window counts its days in it, as the core does.
    pub time_zone: String,
}

/// What the first screen needs, in one round trip: the application's facts, the
/// organisation's name for the header, the vocabulary, and — when that screen is the
/// dashboard (`screen: "dashboard"`) and the first-start choice is made — its data.
#[derive(Debug, Serialize)]
pub struct Start {
    pub app: AppInfo,
    pub org_name: String,
    pub vocabulary: BTreeMap<&'static str, Vec<Choice>>,
    pub dashboard: Option<Dashboard>,
}

/// Answers what the window asks before showing anything (see [`Start`]).
#[tauri::command]
pub async fn start(state: State<'_, AppState>, screen: Option<String>) -> Reply<Start> {
    let store = state.store()?;
    let settings = store.settings()?;
    let app = AppInfo {
        time_zone: settings.data.time_zone.clone(),
        database_path: store.path().map(|p| p.display().to_string()).unwrap_or_default(),
        schema_version: store.schema_version()?,
        first_start_pending: !settings.first_start_done && store.is_empty()?,
        version: env!("CARGO_PKG_VERSION"),
    };
    let dashboard = match screen.as_deref() {
        Some("dashboard") if !app.first_start_pending => Some(dashboard_of(&store)?),
        _ => None,
    };
    Ok(Start { app, org_name: settings.data.org_name, vocabulary: vocabulary(), dashboard })
}

/// The French sentence that says what happened.
#[derive(Debug, Serialize)]
pub struct Done {
    pub message: String,
}

impl Done {
    /// `message`, with French typography.
    pub(crate) fn new(message: impl AsRef<str>) -> Done {
        Done { message: ateliers::fr::typography(message.as_ref()) }
    }
}

#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> Reply<Done> {
    let mut store = state.store()?;
    let today = store.today()?;
    let summary = store.load_demo(today)?;
    Ok(Done::new(summary.message()))
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
    /// For a member category: the collège it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub college: Option<&'static str>,
}

fn choices<T: TextEnum>() -> Vec<Choice> {
    T::all().iter().map(|v| Choice { value: v.as_str(), label: v.label(), college: None }).collect()
}

/// Every enumeration the forms offer, by name, with its labels from the core.
#[tauri::command]
pub fn vocabulary() -> BTreeMap<&'static str, Vec<Choice>> {
    BTreeMap::from([
        ("atelier_kinds", choices::<AtelierKind>()),
        ("atelier_statuses", choices::<AtelierStatus>()),
        ("milestone_kinds", choices::<MilestoneKind>()),
        ("colleges", choices::<College>()),
        (
            "member_categories",
            MemberCategory::ALL
                .iter()
                .map(|c| Choice { value: c.as_str(), label: c.label(), college: Some(c.college().as_str()) })
                .collect(),
        ),
        ("member_roles", choices::<MemberRole>()),
        ("binome_roles", choices::<BinomeRole>()),
        ("designations", choices::<Designation>()),
        ("signature_modes", choices::<SignatureMode>()),
        ("civilities", choices::<Civility>()),
        ("organisation_kinds", choices::<OrganisationKind>()),
        ("meeting_kinds", choices::<MeetingKind>()),
        ("meeting_statuses", choices::<MeetingStatus>()),
        ("attendance_statuses", choices::<AttendanceStatus>()),
        ("agenda_item_kinds", choices::<AgendaItemKind>()),
        ("convocation_channels", choices::<ConvocationChannel>()),
        ("convocation_replies", choices::<ConvocationReply>()),
        ("releve_statuses", choices::<ReleveStatus>()),
        ("action_statuses", choices::<ActionStatus>()),
        (
            "time_zones",
            SUPPORTED_TIME_ZONES
                .iter()
                .map(|&(value, label)| Choice { value, label, college: None })
                .collect(),
        ),
    ])
}

/// The date the window asks about (`jj/mm/aaaa` or `AAAA-MM-JJ`), today in the settings'
/// time zone when absent.
fn date_or_today(store: &Store, text: Option<String>) -> Reply<ateliers::model::date::Date> {
    Ok(ateliers::model::date::date_or(text.as_deref().unwrap_or(""), store.today()?)?)
}

/// `async`: off the main thread (the compositions of every atelier are computed).
#[tauri::command]
pub async fn list_ateliers(state: State<'_, AppState>) -> Reply<Vec<AtelierSummary>> {
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

/// Deletes an atelier that has no meeting (one with meetings is closed instead).
#[tauri::command]
pub fn delete_atelier(state: State<'_, AppState>, id: i64) -> Reply<Done> {
    let mut store = state.store()?;
    let code = store.atelier(id)?.data.code;
    store.delete_atelier(id)?;
    Ok(Done::new(format!("L'atelier {code} a été supprimé.")))
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
    set_picture(&state, &request, Picture::Logo)
}

#[tauri::command]
pub fn remove_logo(state: State<'_, AppState>) -> Reply<Settings> {
    remove_picture(&state, Picture::Logo)
}

/// The logo as a `data:` URL, or `null`.
#[tauri::command]
pub fn get_logo(state: State<'_, AppState>) -> Reply<Option<String>> {
    Ok(state.store()?.picture_data_url(Picture::Logo)?)
}

/// Stores the letters' scanned signature sent as the raw bytes of the request body.
#[tauri::command]
pub fn set_signature(state: State<'_, AppState>, request: tauri::ipc::Request<'_>) -> Reply<Settings> {
    set_picture(&state, &request, Picture::Signature)
}

#[tauri::command]
pub fn remove_signature(state: State<'_, AppState>) -> Reply<Settings> {
    remove_picture(&state, Picture::Signature)
}

/// The scanned signature as a `data:` URL, or `null`.
#[tauri::command]
pub fn get_signature(state: State<'_, AppState>) -> Reply<Option<String>> {
    Ok(state.store()?.picture_data_url(Picture::Signature)?)
}

/// Stores `picture` from the raw bytes of `request`'s body.
fn set_picture(state: &AppState, request: &tauri::ipc::Request<'_>, picture: Picture) -> Reply<Settings> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::bad_request("l'image doit être envoyée comme fichier binaire"));
    };
    let mut store = state.store()?;
    store.set_picture(picture, picture.name(), bytes)?;
    Ok(store.settings()?)
}

fn remove_picture(state: &AppState, picture: Picture) -> Reply<Settings> {
    let mut store = state.store()?;
    store.remove_picture(picture)?;
    Ok(store.settings()?)
}

/// Rows the directory shows at first (a screenful and more, painted at each keystroke); the
/// window asks for more on demand, up to [`DIRECTORY_MAX`]. The total says how many matched.
const DIRECTORY_PAGE: i64 = 50;
const DIRECTORY_MAX: i64 = 1000;

#[tauri::command]
pub fn search_people(
    state: State<'_, AppState>,
    query: String,
    include_archived: bool,
    sort: PeopleSort,
    limit: Option<i64>,
) -> Reply<PeoplePage> {
    let limit = limit.unwrap_or(DIRECTORY_PAGE).clamp(1, DIRECTORY_MAX);
    Ok(state.store()?.search_people(&query, include_archived, sort, limit)?)
}

/// A person's page: details, ateliers and charter.
#[derive(Debug, Serialize)]
pub struct PersonPage {
    pub person: Person,
    pub memberships: Vec<PersonMembership>,
    pub signatures: Vec<Signature>,
    pub current_charter_version: i64,
}

#[tauri::command]
pub fn get_person(state: State<'_, AppState>, id: i64) -> Reply<PersonPage> {
    let store = state.store()?;
    Ok(PersonPage {
        person: store.person(id)?,
        memberships: store.person_memberships(id, store.today()?)?,
        signatures: store.person_signatures(id)?,
        current_charter_version: store.current_charter_version()?,
    })
}

#[tauri::command]
pub fn create_person(state: State<'_, AppState>, input: PersonInput) -> Reply<Person> {
    Ok(state.store()?.create_person(input)?)
}

#[tauri::command]
pub fn update_person(state: State<'_, AppState>, id: i64, input: PersonInput) -> Reply<Person> {
    Ok(state.store()?.update_person(id, input)?)
}

#[tauri::command]
pub fn set_person_archived(state: State<'_, AppState>, id: i64, archived: bool) -> Reply<Person> {
    Ok(state.store()?.set_person_archived(id, archived)?)
}

/// Writes everything on person `id` at `path` (chosen in the save dialog; `.json` added
/// when missing) and beside it as `.csv`.
#[tauri::command]
pub fn export_person(state: State<'_, AppState>, id: i64, path: PathBuf) -> Reply<Done> {
    state.paths().take_write(&path)?;
    let path = files::with_extension(&path, "json");
    let (json, csv) = state.store()?.export_person(id, &path)?;
    Ok(Done::new(format!(
        "Les données de la personne ont été écrites dans « {} » et « {} ».",
        json.display(),
        csv.display()
    )))
}

#[tauri::command]
pub fn erase_person(state: State<'_, AppState>, id: i64) -> Reply<Done> {
    let erasure = state.store()?.erase_person(id)?;
    Ok(Done::new(erasure.message()))
}

#[tauri::command]
pub fn atelier_members(
    state: State<'_, AppState>,
    atelier_id: i64,
    at: Option<String>,
) -> Reply<Vec<Member>> {
    let store = state.store()?;
    Ok(store.atelier_members(atelier_id, date_or_today(&store, at)?)?)
}

#[tauri::command]
pub fn add_membership(state: State<'_, AppState>, atelier_id: i64, input: MembershipInput) -> Reply<i64> {
    Ok(state.store()?.add_membership(atelier_id, input)?)
}

/// A person created on the spot who joins the atelier, in one transaction; returns their id.
#[tauri::command]
pub fn add_new_member(
    state: State<'_, AppState>,
    atelier_id: i64,
    person: PersonInput,
    membership: MembershipInput,
) -> Reply<i64> {
    Ok(state.store()?.add_new_member(atelier_id, person, membership)?)
}

#[tauri::command]
pub fn update_membership(state: State<'_, AppState>, id: i64, input: MembershipInput) -> Reply<()> {
    Ok(state.store()?.update_membership(id, input)?)
}

#[tauri::command]
pub fn delete_membership(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.store()?.delete_membership(id)?)
}

/// Sets the binôme from date `from` (today when absent).
#[tauri::command]
pub fn set_binome(
    state: State<'_, AppState>,
    atelier_id: i64,
    porteur_id: Option<i64>,
    referent_id: Option<i64>,
    from: Option<String>,
) -> Reply<()> {
    let mut store = state.store()?;
    let from = date_or_today(&store, from)?;
    Ok(store.set_binome(atelier_id, porteur_id, referent_id, from)?)
}

#[tauri::command]
pub fn get_composition(
    state: State<'_, AppState>,
    atelier_id: i64,
    at: Option<String>,
) -> Reply<Composition> {
    let store = state.store()?;
    Ok(store.composition(atelier_id, date_or_today(&store, at)?)?)
}

/// The meetings a signature « en séance » may name.
#[tauri::command]
pub fn signing_meetings(state: State<'_, AppState>, atelier_id: i64) -> Reply<Vec<MeetingSummary>> {
    Ok(state.store()?.signing_meetings(atelier_id)?)
}

#[tauri::command]
pub fn charter_versions(state: State<'_, AppState>) -> Reply<Vec<CharterVersion>> {
    Ok(state.store()?.charter_versions()?)
}

#[tauri::command]
pub fn create_charter_version(
    state: State<'_, AppState>,
    input: CharterVersionInput,
) -> Reply<CharterVersion> {
    Ok(state.store()?.create_charter_version(input)?)
}

#[tauri::command]
pub fn set_current_charter(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.store()?.set_current_charter(id)?)
}

/// Records a signature; `scan_path` is a file the user chose in the open dialog.
#[tauri::command]
pub fn record_signature(
    state: State<'_, AppState>,
    input: SignatureInput,
    scan_path: Option<PathBuf>,
) -> Reply<Signature> {
    if let Some(scan) = &scan_path {
        state.paths().check_read(scan)?;
    }
    Ok(state.store()?.record_signature(input, scan_path.as_deref())?)
}

#[tauri::command]
pub fn unsigned_members(
    state: State<'_, AppState>,
    atelier_id: i64,
    at: Option<String>,
) -> Reply<Vec<PersonSummary>> {
    let store = state.store()?;
    Ok(store.unsigned_members(atelier_id, date_or_today(&store, at)?)?)
}

#[tauri::command]
pub fn preview_import(state: State<'_, AppState>, atelier_id: i64, path: PathBuf) -> Reply<ImportPreview> {
    state.paths().check_read(&path)?;
    let preview = state.store()?.preview_import(atelier_id, &path)?;
    Ok(typeset(preview))
}

/// Reads the chosen sheet of people and tells row by row what importing it into the
/// directory alone would do. Writes nothing.
#[tauri::command]
pub fn preview_people_import(state: State<'_, AppState>, path: PathBuf) -> Reply<ImportPreview> {
    state.paths().check_read(&path)?;
    let preview = state.store()?.preview_people_import(&path)?;
    Ok(typeset(preview))
}

/// `preview` with its messages in French typography.
fn typeset(mut preview: ImportPreview) -> ImportPreview {
    for row in &mut preview.rows {
        for error in &mut row.errors {
            error.message = fr::typography(&error.message);
        }
        for note in &mut row.notes {
            *note = fr::typography(note);
        }
    }
    preview
}

/// What an import did, and the sentence that says it.
#[derive(Debug, Serialize)]
pub struct Imported {
    #[serde(flatten)]
    pub outcome: ImportOutcome,
    pub message: String,
}

#[tauri::command]
pub fn import_members(
    state: State<'_, AppState>,
    atelier_id: i64,
    path: PathBuf,
    skip_invalid: bool,
) -> Reply<Imported> {
    state.paths().check_read(&path)?;
    let mut store = state.store()?;
    let today = store.today()?;
    let outcome = store.import_members(atelier_id, &path, today, skip_invalid)?;
    Ok(Imported { message: ateliers::fr::typography(&outcome.message()), outcome })
}

/// Imports the chosen sheet of people into the directory alone (see
/// [`ateliers::store::Store::import_people`]).
#[tauri::command]
pub fn import_people(state: State<'_, AppState>, path: PathBuf, skip_invalid: bool) -> Reply<Imported> {
    state.paths().check_read(&path)?;
    let outcome = state.store()?.import_people(&path, skip_invalid)?;
    Ok(Imported { message: ateliers::fr::typography(&outcome.message()), outcome })
}

/// Writes the directory at `path` (chosen in the save dialog; `.csv` added when missing).
#[tauri::command]
pub fn export_people_csv(state: State<'_, AppState>, path: PathBuf) -> Reply<Done> {
    state.paths().take_write(&path)?;
    let path = files::with_extension(&path, "csv");
    let rows = state.store()?.export_people_csv(&path)?;
    Ok(Done::new(format!(
        "L'annuaire ({}) a été enregistré dans « {} ».",
        fr::count(rows, "personne", "personnes"),
        path.display()
    )))
}

#[tauri::command]
pub fn export_members_csv(state: State<'_, AppState>, atelier_id: i64, path: PathBuf) -> Reply<Done> {
    state.paths().take_write(&path)?;
    let store = state.store()?;
    let rows = store.export_members_csv(atelier_id, store.today()?, &path)?;
    Ok(Done::new(format!(
        "{} {} dans « {} ».",
        fr::count(rows, "membre", "membres"),
        if rows > 1 { "ont été enregistrés" } else { "a été enregistré" },
        path.display()
    )))
}
