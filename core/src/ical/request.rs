//! Which calendar file the window or the CLI asks for, what it holds and its name.

use serde::Deserialize;

use super::{calendar, cancellation, invitation, Scope};
use crate::error::Result;
use crate::model::meeting::MeetingSummary;
use crate::pdf::meeting_name;
use crate::store::Store;

/// A calendar file to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CalendarRequest {
    /// A meeting's invitation (METHOD:REQUEST).
    Invitation { meeting_id: i64 },
    /// A cancelled or postponed meeting's cancellation (METHOD:CANCEL).
    Cancellation { meeting_id: i64 },
    /// An atelier's calendar (METHOD:PUBLISH).
    Atelier { atelier_id: i64 },
    /// Every atelier's calendar.
    All,
}

impl CalendarRequest {
    /// The file's text.
    pub fn text(self, store: &Store) -> Result<String> {
        match self {
            CalendarRequest::Invitation { meeting_id } => invitation(store, meeting_id),
            CalendarRequest::Cancellation { meeting_id } => cancellation(store, meeting_id),
            CalendarRequest::Atelier { atelier_id } => calendar(store, Scope::Atelier(atelier_id)),
            CalendarRequest::All => calendar(store, Scope::All),
        }
    }

    /// A name for the save dialog: « Invitation AP-MOB Séance n° 3 2027-01-12.ics ».
    pub fn file_name(self, store: &Store) -> Result<String> {
        Ok(match self {
            CalendarRequest::Invitation { meeting_id } => {
                format!("{}.ics", meeting_file_stem(&store.meeting(meeting_id)?, "Invitation"))
            }
            CalendarRequest::Cancellation { meeting_id } => {
                format!("{}.ics", meeting_file_stem(&store.meeting(meeting_id)?, "Annulation"))
            }
            CalendarRequest::Atelier { atelier_id } => {
                format!(
                    "{}.ics",
                    crate::pdf::file_name(&format!("Calendrier {}", store.atelier(atelier_id)?.data.code))
                )
            }
            CalendarRequest::All => "Calendrier des ateliers.ics".to_string(),
        })
    }
}

/// « Brouillons AP-MOB Séance n° 3 2027-01-12 »: a file or folder name for what a meeting
/// sends, without extension.
pub fn meeting_file_stem(meeting: &MeetingSummary, what: &str) -> String {
    crate::pdf::file_name(&format!(
        "{what} {} {} {}",
        meeting.atelier,
        meeting_name(meeting),
        meeting.start_local().format("%Y-%m-%d")
    ))
}
