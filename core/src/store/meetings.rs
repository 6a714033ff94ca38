//! Meetings, as lists.

use chrono::NaiveDateTime;
use rusqlite::{params, Transaction};

use super::Store;
use crate::error::Result;
use crate::model::date::store_date_time;
use crate::model::meeting::{MeetingKind, MeetingStatus, MeetingSummary};

/// What a new meeting is made of; its iCalendar UID is given at insertion.
#[derive(Debug, Clone)]
pub(crate) struct NewMeeting<'a> {
    pub atelier_id: i64,
    pub session_number: Option<i64>,
    pub kind: MeetingKind,
    pub title: &'a str,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub place: &'a str,
    pub address: &'a str,
    pub status: MeetingStatus,
}

/// Inserts a meeting with a new, stable iCalendar UID and SEQUENCE 0.
pub(super) fn insert_meeting(tx: &Transaction<'_>, meeting: &NewMeeting<'_>) -> Result<i64> {
    tx.execute(
        "INSERT INTO meetings (atelier_id, session_number, kind, title, starts_at, ends_at,
                               place, address, status, ical_uid, ical_sequence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0)",
        params![
            meeting.atelier_id,
            meeting.session_number,
            meeting.kind,
            meeting.title,
            store_date_time(meeting.start),
            store_date_time(meeting.end),
            meeting.place,
            meeting.address,
            meeting.status,
            new_ical_uid(),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A globally unique UID (RFC 5545 §3.8.4.7), kept for the life of the meeting.
fn new_ical_uid() -> String {
    format!("{}@ateliers", uuid::Uuid::new_v4())
}

impl Store {
    /// Every meeting, by start time.
    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.id, a.code, a.title, m.session_number, m.kind, m.starts_at, m.ends_at,
                    m.place, m.status, m.ical_uid, m.ical_sequence
             FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             ORDER BY m.starts_at, m.id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(MeetingSummary {
                id: row.get(0)?,
                atelier: row.get(1)?,
                atelier_title: row.get(2)?,
                session_number: row.get(3)?,
                kind: row.get(4)?,
                start: row.get(5)?,
                end: row.get(6)?,
                place: row.get(7)?,
                status: row.get(8)?,
                ical_uid: row.get(9)?,
                ical_sequence: row.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
