//! Calendars of other bodies imported from `.ics` files: kept read-only beside our
//! meetings, re-imported in place, and compared with our meetings for overlaps.

use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::clock::UTC_FORMAT;
use chrono::{NaiveDate, NaiveTime};

use crate::error::{Error, Result};
use crate::fr;
use crate::ical::import::{ExternalCalendar, MAX_DATES, MAX_OCCURRENCES};
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
    /// Events skipped because their start could not be read.
    pub unreadable: usize,
    /// Events of which some or all dates were left out (a calendar keeps at most
    /// [`MAX_DATES`] dates, a repeating event [`MAX_OCCURRENCES`]).
    pub left_out: usize,
    /// The calendar had been imported before: this import updated it.
    pub again: bool,
    /// The name the file gives, when another calendar had it and this one got a number
    /// after it (« Calendrier (2) »).
    pub renamed_from: Option<String>,
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
        if self.unreadable > 0 {
            let skipped =
                fr::count(self.unreadable, "événement illisible ignoré", "événements illisibles ignorés");
            text.push_str(&format!(" {skipped}."));
        }
        if self.left_out > 0 {
            let what = if self.left_out > 1 {
                format!("{} événements n'y sont pas repris en entier", self.left_out)
            } else {
                "1 événement n'y est pas repris en entier".to_string()
            };
            text.push_str(&format!(
                " Un calendrier garde au plus {} dates, et {} par événement répété : {what}.",
                thousands(MAX_DATES),
                thousands(MAX_OCCURRENCES)
            ));
        }
        if let Some(wanted) = &self.renamed_from {
            text.push_str(&format!(
                " Un autre calendrier s'appelle déjà « {wanted} » : celui-ci est nommé « {} ».",
                self.name
            ));
        }
        text
    }
}

/// `20000` as « 20 000 », with a no-break space between the thousands.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(fr::NBSP);
        }
        out.push(digit);
    }
    out
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
    /// Records the calendar read from file `source_file`, in one transaction. A calendar
    /// imported before is recognised by its events (the one sharing the most UIDs with the
    /// file; for a file without events, the one of the same name and file) and updated:
    /// events matched by UID and RECURRENCE-ID, those gone from the file removed. Otherwise
    /// a new calendar is made, numbered after its name when another has it (French Outlook
    /// names every export « Calendrier »).
    pub fn import_calendar(
        &mut self,
        calendar: &ExternalCalendar,
        source_file: &str,
    ) -> Result<CalendarImported> {
        let now = self.stamp();
        self.write(|tx| {
            tx.execute("CREATE TEMP TABLE IF NOT EXISTS file_uids (uid TEXT PRIMARY KEY)", [])?;
            tx.execute("DELETE FROM file_uids", [])?;
            {
                let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO file_uids (uid) VALUES (?1)")?;
                for event in &calendar.events {
                    insert.execute([&event.uid])?;
                }
            }
            let same_events: Option<i64> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT e.calendar_id FROM external_events e JOIN file_uids f ON f.uid = e.uid
                 GROUP BY e.calendar_id ORDER BY count(DISTINCT e.uid) DESC, e.calendar_id LIMIT 1",
                [],
                |r| r.get(0),
            ))?;
            tx.execute("DELETE FROM file_uids", [])?;
            let same_file = || {
                rusqlite::OptionalExtension::optional(tx.query_row(
                    "SELECT id FROM external_calendars WHERE name = ?1 AND source_file = ?2",
                    params![calendar.name, source_file],
                    |r| r.get::<_, i64>(0),
                ))
            };
            let earlier = match same_events {
                Some(id) => Some(id),
                None if calendar.events.is_empty() => same_file()?,
                None => None,
            };
            let (id, name, renamed_from) = match earlier {
                Some(id) => {
                    tx.execute(
                        "UPDATE external_calendars SET source_file = ?2, imported_at = ?3 WHERE id = ?1",
                        params![id, source_file, now],
                    )?;
                    let name: String =
                        tx.query_row("SELECT name FROM external_calendars WHERE id = ?1", [id], |r| r.get(0))?;
                    (id, name, None)
                }
                None => {
                    let name = free_name(tx, &calendar.name)?;
                    tx.execute(
                        "INSERT INTO external_calendars (name, source_file, imported_at) VALUES (?1, ?2, ?3)",
                        params![name, source_file, now],
                    )?;
                    let renamed_from = (name != calendar.name).then(|| calendar.name.clone());
                    (tx.last_insert_rowid(), name, renamed_from)
                }
            };
            let again = earlier.is_some();
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
                name,
                added,
                updated,
                removed,
                repeating: calendar.repeating,
                first_date_only: calendar.first_date_only,
                unreadable: calendar.unreadable,
                left_out: calendar.left_out,
                again,
                renamed_from,
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

/// `name` if no imported calendar has it, else the first of « name (2) », « name (3) »…
/// that none has.
fn free_name(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<String> {
    let taken = |candidate: &str| -> Result<bool> {
        Ok(tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM external_calendars WHERE name = ?1)",
            [candidate],
            |r| r.get(0),
        )?)
    };
    if !taken(name)? {
        return Ok(name.to_string());
    }
    let mut number = 2;
    loop {
        let candidate = format!("{name} ({number})");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
        number += 1;
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

    /// Finding 4 of issue 19: French Outlook names every export « Calendrier »; importing a
    /// second body's removed the first's events.
    #[test]
    fn two_calendars_of_the_same_name_are_both_kept_and_each_reimported_in_place() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let zone = chrono_tz::Europe::Paris;
        let file = |uid: &str, summary: &str| {
            let text = format!(
                "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Calendrier\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
                 DTSTART:20270115T170000Z\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            );
            read(text.as_bytes(), "x", zone, span()).unwrap()
        };
        let region = store.import_calendar(&file("r1@region", "Commission"), "Calendrier.ics").unwrap();
        let departement = store.import_calendar(&file("d1@dep", "Bureau"), "Calendrier.ics").unwrap();
        assert_ne!(region.calendar_id, departement.calendar_id);
        assert_eq!((departement.name.as_str(), departement.again), ("Calendrier (2)", false));
        assert_eq!(
            departement.message(),
            "Le calendrier « Calendrier (2) » est importé : 1 événement affiché à côté des réunions. \
             Un autre calendrier s'appelle déjà « Calendrier » : celui-ci est nommé « Calendrier (2) »."
        );
        let third = store.import_calendar(&file("c1@commune", "Conseil"), "autre.ics").unwrap();
        assert_eq!(third.name, "Calendrier (3)");
        let names: Vec<(String, i64)> =
            store.external_calendars().unwrap().into_iter().map(|c| (c.name, c.events)).collect();
        assert_eq!(
            names,
            [("Calendrier".into(), 1), ("Calendrier (2)".into(), 1), ("Calendrier (3)".into(), 1)]
        );
        // The first imported again, its event renamed: recognised by its UID, updated.
        let again =
            store.import_calendar(&file("r1@region", "Commission (salle 2)"), "Calendrier.ics").unwrap();
        assert_eq!((again.calendar_id, again.again), (region.calendar_id, true));
        assert_eq!((again.name.as_str(), again.added, again.updated, again.removed), ("Calendrier", 0, 1, 0));
        let events = store.external_events_between("2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z").unwrap();
        let shown: Vec<(&str, &str)> =
            events.iter().map(|e| (e.calendar.as_str(), e.summary.as_str())).collect();
        assert_eq!(
            shown,
            [
                ("Calendrier", "Commission (salle 2)"),
                ("Calendrier (2)", "Bureau"),
                ("Calendrier (3)", "Conseil")
            ]
        );
    }

    #[test]
    fn an_emptied_calendar_is_recognised_by_its_name_and_file() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let zone = chrono_tz::Europe::Paris;
        let first =
            store.import_calendar(&read(FILE.as_bytes(), "x", zone, span()).unwrap(), "region.ics").unwrap();
        let empty = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Région\r\nEND:VCALENDAR\r\n";
        let again =
            store.import_calendar(&read(empty.as_bytes(), "x", zone, span()).unwrap(), "region.ics").unwrap();
        assert_eq!((again.calendar_id, again.removed), (first.calendar_id, 2));
        let elsewhere =
            store.import_calendar(&read(empty.as_bytes(), "x", zone, span()).unwrap(), "autre.ics").unwrap();
        assert_eq!(elsewhere.name, "Région (2)");
    }

    #[test]
    fn the_message_counts_what_was_skipped_and_left_out() {
        let imported = super::CalendarImported {
            calendar_id: 1,
            name: "Agenda".into(),
            added: 20_000,
            updated: 0,
            removed: 0,
            repeating: 3,
            first_date_only: 0,
            unreadable: 2,
            left_out: 1,
            again: false,
            renamed_from: None,
        };
        assert_eq!(
            imported.message(),
            "Le calendrier « Agenda » est importé : 20000 événements affichés à côté des réunions. \
             3 événements répétés sont repris à chacune de leurs dates, d'il y a un an à dans trois ans. \
             2 événements illisibles ignorés. Un calendrier garde au plus 20\u{a0}000 dates, et 1\u{a0}500 \
             par événement répété : 1 événement n'y est pas repris en entier."
        );
    }
}
