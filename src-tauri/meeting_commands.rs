//! The commands of meetings and their records: planning, agenda, convocations, attendance,
//! relevé, actions, assiduité and the dashboard. Each borrows the store and calls the core.
//! Those that read much of the base are `async`: Tauri runs them off the main thread, so
//! the window keeps painting while they work.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ateliers::model::agenda::{Agenda, AgendaItemInput};
use ateliers::model::attendance::{Assiduity, AttendanceInput, AttendanceSheet, Convocations, MeetingGuest};
use ateliers::model::date::{date_or, Date};
use ateliers::model::meeting::{MeetingInput, MeetingSummary};
use ateliers::model::releve::{Action, Releve, ReleveInput};
use ateliers::model::rich_text::RichBlock;
use ateliers::rules::Finding;
use ateliers::store::{CalendarMilestone, ConflictReport, Held, ReleveSearch, SeriesInfo, SeriesPlan, Store};
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// How many upcoming meetings the dashboard lists.
const DASHBOARD_MEETINGS: usize = 8;

#[tauri::command]
pub fn atelier_meetings(state: State<'_, AppState>, atelier_id: i64) -> Reply<Vec<MeetingSummary>> {
    Ok(state.store()?.atelier_meetings(atelier_id)?)
}

/// The meetings of every atelier from `from` to `to` (`AAAA-MM-JJ`, included).
#[tauri::command]
pub async fn calendar_meetings(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Reply<Vec<MeetingSummary>> {
    let store = state.store()?;
    let (from, to) = period(&store, &from, &to)?;
    Ok(store.meetings_between(from, to)?)
}

/// The étapes of every atelier from `from` to `to` (`AAAA-MM-JJ`, included), with their state.
#[tauri::command]
pub async fn calendar_milestones(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Reply<Vec<CalendarMilestone>> {
    let store = state.store()?;
    let (from, to) = period(&store, &from, &to)?;
    Ok(store.milestones_between(from, to)?)
}

/// The days `from` and `to` as typed (`AAAA-MM-JJ` or `jj/mm/aaaa`), today when empty.
fn period(store: &Store, from: &str, to: &str) -> Reply<(Date, Date)> {
    let today = store.today()?;
    Ok((date_or(from, today)?, date_or(to, today)?))
}

#[tauri::command]
pub fn get_meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingSummary> {
    Ok(state.store()?.meeting(id)?)
}

#[tauri::command]
pub fn next_session_number(state: State<'_, AppState>, atelier_id: i64) -> Reply<i64> {
    Ok(state.store()?.next_session_number(atelier_id)?)
}

/// The conflicts the form shows before saving (`id` absent for a new meeting).
#[tauri::command]
pub fn meeting_conflicts(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: MeetingInput,
) -> Reply<ConflictReport> {
    Ok(state.store()?.meeting_conflicts(id, input)?)
}

/// The dates, conflicts and notices of a series (`rule`: an RRULE) before it is saved.
#[tauri::command]
pub fn series_preview(state: State<'_, AppState>, input: MeetingInput, rule: String) -> Reply<SeriesPlan> {
    Ok(state.store()?.series_preview(input, &rule)?)
}

/// Plans a series of meetings (`rule`: an RRULE), all or none.
#[tauri::command]
pub fn create_series(
    state: State<'_, AppState>,
    input: MeetingInput,
    rule: String,
    force: bool,
) -> Reply<Vec<MeetingSummary>> {
    Ok(state.store()?.create_series(input, &rule, force)?)
}

/// The series a meeting belongs to, if any.
#[tauri::command]
pub fn meeting_series(state: State<'_, AppState>, id: i64) -> Reply<Option<SeriesInfo>> {
    Ok(state.store()?.meeting_series(id)?)
}

/// The conflicts of moving a meeting with the following ones of its series, before saving.
#[tauri::command]
pub fn following_conflicts(
    state: State<'_, AppState>,
    id: i64,
    input: MeetingInput,
) -> Reply<ConflictReport> {
    Ok(state.store()?.following_conflicts(id, input)?)
}

/// Moves a meeting and the following ones of its series.
#[tauri::command]
pub fn update_following(
    state: State<'_, AppState>,
    id: i64,
    input: MeetingInput,
    force: bool,
) -> Reply<Vec<MeetingSummary>> {
    Ok(state.store()?.update_following(id, input, force)?)
}

/// Cancels a meeting and the following ones of its series.
#[tauri::command]
pub fn cancel_following(state: State<'_, AppState>, id: i64) -> Reply<Vec<MeetingSummary>> {
    Ok(state.store()?.cancel_following(id)?)
}

#[tauri::command]
pub fn create_meeting(state: State<'_, AppState>, input: MeetingInput, force: bool) -> Reply<MeetingSummary> {
    Ok(state.store()?.create_meeting(input, force)?)
}

#[tauri::command]
pub fn update_meeting(
    state: State<'_, AppState>,
    id: i64,
    input: MeetingInput,
    force: bool,
) -> Reply<MeetingSummary> {
    Ok(state.store()?.update_meeting(id, input, force)?)
}

#[tauri::command]
pub fn postpone_meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingSummary> {
    Ok(state.store()?.postpone_meeting(id)?)
}

#[tauri::command]
pub fn cancel_meeting(state: State<'_, AppState>, id: i64) -> Reply<MeetingSummary> {
    Ok(state.store()?.cancel_meeting(id)?)
}

/// Deletes a meeting planned by mistake (refused once anything was sent or recorded for it).
#[tauri::command]
pub fn delete_meeting(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.store()?.delete_meeting(id)?)
}

#[tauri::command]
pub fn mark_meeting_held(state: State<'_, AppState>, id: i64) -> Reply<Held> {
    Ok(state.store()?.mark_meeting_held(id)?)
}

#[tauri::command]
pub fn get_agenda(state: State<'_, AppState>, meeting_id: i64) -> Reply<Agenda> {
    Ok(state.store()?.agenda(meeting_id)?)
}

#[tauri::command]
pub fn save_agenda(
    state: State<'_, AppState>,
    meeting_id: i64,
    items: Vec<AgendaItemInput>,
) -> Reply<Agenda> {
    Ok(state.store()?.save_agenda(meeting_id, items)?)
}

/// Attaches a file the user chose in the open dialog (copied into the data folder).
#[tauri::command]
pub fn attach_meeting_document(state: State<'_, AppState>, meeting_id: i64, path: PathBuf) -> Reply<Agenda> {
    state.paths().check_read(&path)?;
    Ok(state.store()?.attach_meeting_document(meeting_id, &path)?)
}

#[tauri::command]
pub fn remove_meeting_document(
    state: State<'_, AppState>,
    meeting_id: i64,
    attachment_id: i64,
) -> Reply<Agenda> {
    Ok(state.store()?.remove_meeting_document(meeting_id, attachment_id)?)
}

#[tauri::command]
pub fn get_convocations(state: State<'_, AppState>, meeting_id: i64) -> Reply<Convocations> {
    Ok(state.store()?.convocations(meeting_id)?)
}

#[tauri::command]
pub fn record_convocations_sent(
    state: State<'_, AppState>,
    meeting_id: i64,
    people: Vec<i64>,
    channel: String,
) -> Reply<Convocations> {
    Ok(state.store()?.record_convocations_sent(meeting_id, &people, &channel)?)
}

#[tauri::command]
pub fn record_reply(
    state: State<'_, AppState>,
    meeting_id: i64,
    person_id: i64,
    reply: String,
) -> Reply<Convocations> {
    Ok(state.store()?.record_reply(meeting_id, person_id, &reply)?)
}

/// Chooses whom a meeting that is not a séance convokes among its members (`all`, `none`,
/// `role:ROLE` or people's numbers separated by commas).
#[tauri::command]
pub fn set_convoked_members(
    state: State<'_, AppState>,
    meeting_id: i64,
    choice: String,
) -> Reply<Convocations> {
    Ok(state.store()?.set_convoked_members(meeting_id, &choice)?)
}

#[tauri::command]
pub fn add_guest_convocation(
    state: State<'_, AppState>,
    meeting_id: i64,
    person_id: i64,
) -> Reply<Convocations> {
    Ok(state.store()?.add_guest_convocation(meeting_id, person_id)?)
}

#[tauri::command]
pub fn remove_guest_convocation(
    state: State<'_, AppState>,
    meeting_id: i64,
    person_id: i64,
) -> Reply<Convocations> {
    Ok(state.store()?.remove_guest_convocation(meeting_id, person_id)?)
}

#[tauri::command]
pub fn get_attendance(state: State<'_, AppState>, meeting_id: i64) -> Reply<AttendanceSheet> {
    Ok(state.store()?.attendance(meeting_id)?)
}

#[tauri::command]
pub fn record_attendance(
    state: State<'_, AppState>,
    meeting_id: i64,
    input: AttendanceInput,
) -> Reply<AttendanceSheet> {
    Ok(state.store()?.record_attendance(meeting_id, input)?)
}

#[tauri::command]
pub fn add_meeting_guest(
    state: State<'_, AppState>,
    meeting_id: i64,
    guest: MeetingGuest,
) -> Reply<AttendanceSheet> {
    Ok(state.store()?.add_meeting_guest(meeting_id, guest)?)
}

#[tauri::command]
pub fn remove_meeting_guest(
    state: State<'_, AppState>,
    meeting_id: i64,
    guest_id: i64,
) -> Reply<AttendanceSheet> {
    Ok(state.store()?.remove_meeting_guest(meeting_id, guest_id)?)
}

#[tauri::command]
pub fn get_releve(state: State<'_, AppState>, meeting_id: i64) -> Reply<Option<Releve>> {
    Ok(state.store()?.releve(meeting_id)?)
}

/// `text` read in the light syntax of a relevé's sections (paragraphs, lists, bold, italics),
/// for the window's preview.
#[tauri::command]
pub fn rich_text(text: String) -> Vec<RichBlock> {
    ateliers::model::rich_text::blocks(&text)
}

/// The relevés holding every word of `text`, the most recent first, with their excerpts.
#[tauri::command]
pub async fn search_releves(state: State<'_, AppState>, text: String) -> Reply<ReleveSearch> {
    Ok(state.store()?.search_releves(&text)?)
}

#[tauri::command]
pub fn save_releve(state: State<'_, AppState>, meeting_id: i64, input: ReleveInput) -> Reply<Releve> {
    Ok(state.store()?.save_releve(meeting_id, input)?)
}

#[tauri::command]
pub fn diffuse_releve(state: State<'_, AppState>, meeting_id: i64) -> Reply<Releve> {
    Ok(state.store()?.diffuse_releve(meeting_id)?)
}

#[tauri::command]
pub fn validate_releve(state: State<'_, AppState>, meeting_id: i64, at_meeting_id: i64) -> Reply<Releve> {
    Ok(state.store()?.validate_releve(meeting_id, at_meeting_id)?)
}

#[tauri::command]
pub fn correct_releve(state: State<'_, AppState>, meeting_id: i64) -> Reply<Releve> {
    Ok(state.store()?.correct_releve(meeting_id)?)
}

/// The relevés waiting for validation that meeting `meeting_id` can validate.
#[tauri::command]
pub fn releves_to_validate(state: State<'_, AppState>, meeting_id: i64) -> Reply<Vec<(i64, String)>> {
    Ok(state.store()?.releves_to_validate_at(meeting_id)?)
}

#[tauri::command]
pub async fn list_actions(state: State<'_, AppState>, atelier_id: Option<i64>) -> Reply<Vec<Action>> {
    Ok(state.store()?.actions(atelier_id)?)
}

#[tauri::command]
pub fn set_action_status(state: State<'_, AppState>, id: i64, status: String) -> Reply<()> {
    Ok(state.store()?.set_action_status(id, &status)?)
}

#[tauri::command]
pub async fn get_assiduity(state: State<'_, AppState>, atelier_id: Option<i64>) -> Reply<Vec<Assiduity>> {
    Ok(state.store()?.assiduity(atelier_id)?)
}

/// The home screen: the next meetings and what needs the secretary's attention.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    /// Today, `AAAA-MM-JJ`, in the settings' time zone.
    pub today: String,
    pub upcoming: Vec<MeetingSummary>,
    /// The findings of the rules today, except the composition of the ateliers (shown on
    /// their own screens) and the attendance alerts (`attendance_alerts`, asked apart so
    /// the rest shows at once).
    #[serde(flatten)]
    pub lines: Lines,
    /// Every atelier's id and code (findings name their atelier by its code).
    pub ateliers: Vec<(i64, String)>,
}

/// Findings as the dashboard lists them: the first lines of each rule, and how many each
/// rule has (thousands of unsigned charters need not cross to the window).
#[derive(Debug, Serialize)]
pub struct Lines {
    /// At most [`DASHBOARD_LINES`] per rule, in the core's order.
    pub findings: Vec<Finding>,
    /// How many findings each rule has.
    pub counts: BTreeMap<&'static str, usize>,
}

/// How many lines of each rule the dashboard receives.
const DASHBOARD_LINES: usize = 10;

impl Lines {
    fn of(all: Vec<Finding>) -> Lines {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        let findings = all
            .into_iter()
            .filter(|f| {
                let seen = counts.entry(f.rule).or_default();
                *seen += 1;
                *seen <= DASHBOARD_LINES
            })
            .collect();
        Lines { findings, counts }
    }
}

/// The attendance alerts of every member (rule 5), for the dashboard's last section.
#[tauri::command]
pub async fn attendance_alerts(state: State<'_, AppState>) -> Reply<Lines> {
    Ok(Lines::of(state.store()?.attendance_alerts()?))
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> Reply<Dashboard> {
    let store = state.store()?;
    dashboard_of(&store)
}

/// The dashboard's data (also sent with the first screen by `start`).
pub(crate) fn dashboard_of(store: &Store) -> Reply<Dashboard> {
    let today = store.today()?;
    Ok(Dashboard {
        today: today.to_string(),
        upcoming: store.upcoming_meetings(DASHBOARD_MEETINGS)?,
        lines: Lines::of(store.attention(today)?),
        ateliers: store.atelier_codes()?,
    })
}
