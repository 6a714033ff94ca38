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
        self.meetings_where("1", params![], "m.starts_at, m.id")
    }

    /// The meetings of atelier `atelier_id` where a charter can have been signed « en
    /// séance »: begun by now, neither cancelled nor postponed; the latest first.
    pub fn signing_meetings(&self, atelier_id: i64) -> Result<Vec<MeetingSummary>> {
        self.atelier(atelier_id)?;
        let now = store_date_time(self.now()?);
        self.meetings_where(
            "m.atelier_id = ?1 AND m.starts_at <= ?2 AND m.status NOT IN ('annulee', 'reportee')",
            params![atelier_id, now],
            "m.starts_at DESC, m.id DESC",
        )
    }

    fn meetings_where(
        &self,
        filter: &str,
        params: &[&dyn rusqlite::ToSql],
        order: &str,
    ) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT m.id, a.code, a.title, m.session_number, m.kind, m.starts_at, m.ends_at,
                    m.place, m.status, m.ical_uid, m.ical_sequence
             FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             WHERE {filter} ORDER BY {order}"
        ))?;
        let rows = stmt.query_map(params, |row| {
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::meeting::MeetingStatus;

    #[test]
    fn a_signature_in_session_names_a_meeting_already_begun_and_held() {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        store.load_demo(today).unwrap();
        store.set_clock(crate::clock::Clock::fixed_at(
            today.and_hms_opt(12, 0, 0).unwrap(),
            crate::clock::DEFAULT_ZONE,
        ));
        for atelier in store.list_ateliers().unwrap() {
            let meetings = store.signing_meetings(atelier.id).unwrap();
            assert!(meetings.windows(2).all(|w| w[0].start >= w[1].start), "the latest first");
            for m in &meetings {
                assert!(m.start.as_str() <= "2026-11-24T12:00:00", "{m:?}");
                assert!(!matches!(m.status, MeetingStatus::Annulee | MeetingStatus::Reportee));
            }
        }
        let all = store.list_meetings().unwrap().len();
        let signing: usize =
            store.list_ateliers().unwrap().iter().map(|a| store.signing_meetings(a.id).unwrap().len()).sum();
        assert!(signing > 0 && signing < all, "past meetings only: {signing} of {all}");
    }
}
