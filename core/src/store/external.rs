//! Calendars of other bodies imported from `.ics` files: kept read-only beside our
//! meetings, re-imported in place, and compared with our meetings for overlaps.

use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::clock::UTC_FORMAT;
use chrono::{NaiveDate, NaiveTime};

use crate::error::{Error, Result};
use crate::fr;
use crate::ical::import::ExternalCalendar;
use crate::model::date::DATE_TIME_FORMAT;

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CalendarImported {
    pub calendar_id: i64,
    pub name: String,
    pub added: usize,
    pub updated: usize,
    /// Events of an earlier import no longer in the file.
    pub removed: usize,
    /// Repeating events, each kept at its dates from a year ago to three years ahead.
    pub repeating: usize,
    /// Repeating events whose rule could not be read, of which only the first date is kept.
    pub first_date_only: usize,
    /// The calendar had been imported before: this import updated it.
    pub again: bool,
}

impl CalendarImported {
    /// What the import did, in French, for the window and the CLI: « Le calendrier
    /// « Région » est importé : 3 événements affichés à côté des réunions. » the first time,
    /// « … est mis à jour : 1 événement ajouté, 2 mis à jour, 0 retiré. » after, then what
    /// became of the repeating events.
    pub fn message(&self) -> String {
        let what = if self.again {
            format!(
                "est mis à jour : {}, {}, {}",
                fr::count(self.added, "événement ajouté", "événements ajoutés"),
                fr::count(self.updated, "mis à jour", "mis à jour"),
                fr::count(self.removed, "retiré", "retirés")
            )
        } else {
            format!(
                "est importé : {} à côté des réunions",
                fr::count(self.added, "événement affiché", "événements affichés")
            )
        };
        let mut text = format!("Le calendrier « {} » {what}.", self.name);
        if self.repeating > 0 {
            let repeating = fr::count(
                self.repeating,
                "événement répété est repris à chacune de ses dates",
                "événements répétés sont repris à chacune de leurs dates",
            );
            text.push_str(&format!(" {repeating}, d'il y a un an à dans trois ans."));
        }
        if self.first_date_only > 0 {
            let unreadable = fr::count(
                self.first_date_only,
                "règle de répétition illisible",
                "règles de répétition illisibles",
            );
            text.push_str(&format!(" {unreadable} : seule la première date est reprise."));
        }
        text
    }
}

/// An imported calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExternalCalendarSummary {
    pub id: i64,
    pub name: String,
    pub source_file: String,
    pub imported_at: String,
    pub events: i64,
}

/// An event of an imported calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExternalEventRow {
    pub id: i64,
    pub calendar_id: i64,
    pub calendar: String,
    pub summary: String,
    pub location: String,
    /// UTC instants `2027-01-12T17:00:00Z`.
    pub start_utc: String,
    pub end_utc: String,
    /// The same instants as local times of the settings' zone (`2027-01-12T18:00:00`).
    pub start: String,
    pub end: String,
    pub all_day: bool,
}

impl Store {
    /// Records the calendar read from file `source_file`: a calendar of the same name is
    /// updated (events matched by UID and RECURRENCE-ID, those gone from the file removed),
    /// in one transaction.
    pub fn import_calendar(
        &mut self,
        calendar: &ExternalCalendar,
        source_file: &str,
    ) -> Result<CalendarImported> {
        let now = self.stamp();
        self.write(|tx| {
            let again: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM external_calendars WHERE name = ?1)",
                [&calendar.name],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO external_calendars (name, source_file, imported_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET source_file = excluded.source_file, imported_at = excluded.imported_at",
                params![calendar.name, source_file, now],
            )?;
            let id: i64 = tx.query_row("SELECT id FROM external_calendars WHERE name = ?1", [&calendar.name], |r| r.get(0))?;
            tx.execute("CREATE TEMP TABLE IF NOT EXISTS seen_events (id INTEGER PRIMARY KEY)", [])?;
            tx.execute("DELETE FROM seen_events", [])?;
            let (mut added, mut updated) = (0, 0);
            let mut find = tx.prepare_cached(
                "SELECT id FROM external_events WHERE calendar_id = ?1 AND uid = ?2 AND recurrence_id = ?3",
            )?;
            for event in &calendar.events {
                let existing: Option<i64> = rusqlite::OptionalExtension::optional(
                    find.query_row(params![id, event.uid, event.recurrence_id], |r| r.get(0)),
                )?;
                let values = params![
                    id,
                    event.uid,
                    event.recurrence_id,
                    event.summary,
                    event.location,
                    event.start_utc.format(UTC_FORMAT).to_string(),
                    event.end_utc.format(UTC_FORMAT).to_string(),
                    event.all_day,
                    event.repeats,
                ];
                let row = match existing {
                    Some(row) => {
                        tx.execute(
                            "UPDATE external_events SET summary = ?4, location = ?5, starts_utc = ?6, ends_utc = ?7,
                                    all_day = ?8, repeats = ?9
                             WHERE calendar_id = ?1 AND uid = ?2 AND recurrence_id = ?3",
                            values,
                        )?;
                        updated += 1;
                        row
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO external_events (calendar_id, uid, recurrence_id, summary, location,
                                    starts_utc, ends_utc, all_day, repeats)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            values,
                        )?;
                        added += 1;
                        tx.last_insert_rowid()
                    }
                };
                tx.execute("INSERT OR IGNORE INTO seen_events (id) VALUES (?1)", [row])?;
            }
            let removed = tx.execute(
                "DELETE FROM external_events WHERE calendar_id = ?1 AND id NOT IN (SELECT id FROM seen_events)",
                [id],
            )?;
            tx.execute("DELETE FROM seen_events", [])?;
            Ok(CalendarImported {
                calendar_id: id,
                name: calendar.name.clone(),
                added,
                updated,
                removed,
                repeating: calendar.repeating,
                first_date_only: calendar.first_date_only,
                again,
            })
        })
    }

    /// The imported calendars, by name.
    pub fn external_calendars(&self) -> Result<Vec<ExternalCalendarSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.source_file, c.imported_at, count(e.id)
             FROM external_calendars c LEFT JOIN external_events e ON e.calendar_id = c.id
             GROUP BY c.id ORDER BY c.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ExternalCalendarSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                source_file: r.get(2)?,
                imported_at: r.get(3)?,
                events: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets an imported calendar and its events.
    pub fn delete_external_calendar(&mut self, id: i64) -> Result<()> {
        self.write(|tx| match tx.execute("DELETE FROM external_calendars WHERE id = ?1", [id])? {
            0 => Err(crate::Error::NotFound { what: "Le calendrier importé", id }),
            _ => Ok(()),
        })
    }

    /// The imported events that overlap the UTC span `from`–`to` (`2027-01-12T17:00:00Z`).
    pub fn external_events_between(&self, from: &str, to: &str) -> Result<Vec<ExternalEventRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.calendar_id, c.name, e.summary, e.location, e.starts_utc, e.ends_utc, e.all_day
             FROM external_events e JOIN external_calendars c ON c.id = e.calendar_id
             WHERE e.starts_utc < ?2 AND e.ends_utc > ?1 ORDER BY e.starts_utc, e.id",
        )?;
        let zone = self.time_zone()?;
        let local = |utc: String| -> String {
            utc.parse::<chrono::DateTime<chrono::Utc>>()
                .map(|t| t.with_timezone(&zone).naive_local().format(DATE_TIME_FORMAT).to_string())
                .unwrap_or(utc)
        };
        let rows = stmt.query_map([from, to], |r| {
            Ok(ExternalEventRow {
                id: r.get(0)?,
                calendar_id: r.get(1)?,
                calendar: r.get(2)?,
                summary: r.get(3)?,
                location: r.get(4)?,
                start_utc: r.get(5)?,
                end_utc: r.get(6)?,
                start: local(r.get(5)?),
                end: local(r.get(6)?),
                all_day: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The imported events of the days `from`–`to` (`AAAA-MM-JJ`, both included) of the
    /// settings' time zone, as the calendar shows them.
    pub fn external_events_on_days(&self, from: &str, to: &str) -> Result<Vec<ExternalEventRow>> {
        let zone = self.time_zone()?;
        let day = |text: &str, field: &str| -> Result<NaiveDate> {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                Error::invalid(field, format!("La date « {text} » n'est pas une date AAAA-MM-JJ"))
            })
        };
        let (first, last) = (day(from, "from")?, day(to, "to")?);
        let start = crate::clock::utc_stamp(first.and_time(NaiveTime::MIN), zone);
        let end = crate::clock::utc_stamp((last + chrono::Duration::days(1)).and_time(NaiveTime::MIN), zone);
        self.external_events_between(&start, &end)
    }
}

#[cfg(test)]
mod tests {
    use crate::ical::import::{read, Span};

    fn span() -> Span {
        Span::around(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
    }

    const FILE: &str =
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Région\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270115T170000Z\r\n\
        DTEND:20270115T190000Z\r\nSUMMARY:Commission\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n\
        DTSTART:20270116T170000Z\r\nSUMMARY:Autre\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn importing_the_same_calendar_again_updates_and_never_duplicates() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let zone = chrono_tz::Europe::Paris;
        let first =
            store.import_calendar(&read(FILE.as_bytes(), "x", zone, span()).unwrap(), "region.ics").unwrap();
        assert_eq!((first.added, first.updated, first.removed), (2, 0, 0));
        assert_eq!(
            crate::fr::typography(&first.message()),
            "Le calendrier «\u{a0}Région\u{a0}» est importé\u{a0}: 2 événements affichés à côté des réunions."
        );
        let moved = FILE.replace("20270115T190000Z", "20270115T200000Z").replace(
            "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20270116T170000Z\r\nSUMMARY:Autre\r\nEND:VEVENT\r\n",
            "",
        );
        let again =
            store.import_calendar(&read(moved.as_bytes(), "x", zone, span()).unwrap(), "region.ics").unwrap();
        assert_eq!((again.added, again.updated, again.removed), (0, 1, 1));
        assert_eq!(again.calendar_id, first.calendar_id);
        assert_eq!(
            again.message(),
            "Le calendrier « Région » est mis à jour : 0 événement ajouté, 1 mis à jour, 1 retiré."
        );
        let events = store.external_events_between("2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z").unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].end_utc, "2027-01-15T20:00:00Z");
        assert_eq!(events[0].calendar, "Région");
        assert_eq!(store.external_calendars().unwrap()[0].events, 1);
        store.delete_external_calendar(first.calendar_id).unwrap();
        assert!(store.external_calendars().unwrap().is_empty());
    }
}
