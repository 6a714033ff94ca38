//! Meetings, as lists.

use super::Store;
use crate::error::Result;
use crate::model::meeting::MeetingSummary;

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
