//! The SQLite store: the only place in the project that holds SQL.
//!
//! One [`Store`] owns one connection. Every method that changes data runs in exactly one
//! transaction ([`Store::write`]), so a refused or failed change leaves nothing behind.

mod agenda;
mod ateliers;
mod attachments;
mod attendance;
mod backup;
mod caldav;
mod charter;
mod communes;
mod convocations;
mod demo;
mod export;
mod external;
mod import;
mod letter_texts;
mod meeting_rules;
mod meetings;
mod memberships;
mod migrations;
mod ownership;
mod people;
mod places;
mod releves;
mod rules;
mod search;
mod series;
mod settings;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, Transaction};

use crate::clock::Clock;
use crate::error::{Error, Result};

pub use agenda::DOCUMENT_MAX_BYTES;
pub use ateliers::CalendarMilestone;
pub use backup::{BackupFile, BaseContents};
pub use caldav::{CaldavSettings, PublishedObject};
pub use communes::CommunesImported;
pub use demo::DemoSummary;
pub use export::Erasure;
pub use external::{CalendarImported, ExternalCalendarSummary, ExternalEventRow};
pub use import::{ImportOutcome, ImportPreview, ImportRow, RowStatus};
pub use meetings::{ConflictReport, Held, MAX_MEETING_DAYS};
pub use migrations::{APPLICATION_ID, LATEST_VERSION};
pub use search::{Excerpt, Piece, ReleveFound, ReleveSearch, SEARCH_LIMIT};
pub use series::{SeriesInfo, SeriesPlan};

/// An open Ateliers database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    clock: Clock,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, backs it up if a migration is
    /// pending, and brings its schema to [`LATEST_VERSION`]. A file that is not an Ateliers
    /// base (another program's SQLite file, anything else) is refused in French before
    /// anything is written: not switched to WAL, no backup folder created.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        // Whose file is it? Read through a read-only connection that creates nothing.
        let exists = std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        if exists {
            open_owned_read_only(path)?;
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path).map_err(|e| not_a_database(path, e))?;
        let mut store = Store { conn, path: Some(path.to_path_buf()), clock: Clock::System };
        // Checked again on the connection that writes: the file may have changed meanwhile.
        let version = ownership::owned_version(&store.conn, path)?;
        store.configure()?;
        store.migrate(version)?;
        Ok(store)
    }

    /// A fresh database in memory, at the latest schema (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store { conn: Connection::open_in_memory()?, path: None, clock: Clock::System };
        store.configure()?;
        store.migrate(0)?;
        Ok(store)
    }

    /// Sets the clock « now » and « today » come from (tests and benchmarks fix it).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The local wall-clock time now, in the settings' time zone.
    pub fn now(&self) -> Result<NaiveDateTime> {
        Ok(self.clock.now_in(self.time_zone()?))
    }

    /// Today's date in the settings' time zone.
    pub fn today(&self) -> Result<NaiveDate> {
        Ok(self.now()?.date())
    }

    /// The store's clock (documents take their creation date from it).
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The instant now as a UTC record time stamp (`2027-01-05T17:00:00Z`).
    pub fn stamp(&self) -> String {
        self.clock.now_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// The settings' time zone, that of new meetings.
    pub(crate) fn time_zone(&self) -> Result<chrono_tz::Tz> {
        let name: String =
            self.conn.query_row("SELECT time_zone FROM settings WHERE id = 1", [], |r| r.get(0))?;
        Ok(crate::clock::zone(&name))
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder of the database file, which also holds its backups and attachments;
    /// `None` in memory.
    pub fn data_folder(&self) -> Option<PathBuf> {
        Some(folder_of(self.path.as_ref()?))
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrations::user_version(&self.conn)?)
    }

    /// True when the base holds no people, ateliers, communes nor meetings.
    pub fn is_empty(&self) -> Result<bool> {
        let count: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM ateliers)
                  + (SELECT count(*) FROM communes) + (SELECT count(*) FROM meetings)",
            [],
            |row| row.get(0),
        )?;
        Ok(count == 0)
    }

    fn configure(&self) -> Result<()> {
        // Deleted text (an erased person) is overwritten, not left in free pages.
        self.conn.pragma_update(None, "secure_delete", true)?;
        // Writes survive a crash or power cut once committed; WAL keeps readers unblocked.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL is durable in WAL mode except for the very last commit on power loss;
        // FULL costs little for a single user and loses nothing committed.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // Every ON DELETE and REFERENCES of the schema is enforced.
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // 32 MB of page cache: a directory of tens of thousands of people and its search
        // index stay in memory (the default 2 MB made a 5,000-row import read pages back).
        self.conn.pragma_update(None, "cache_size", -32_000)?;
        // A second process (the CLI beside the window) waits instead of failing at once.
        self.conn.busy_timeout(BUSY_WAIT)?;
        Ok(())
    }

    /// Brings the schema from `version` to the latest; an Ateliers base of an older
    /// version is backed up first.
    fn migrate(&mut self, version: i64) -> Result<()> {
        if version == LATEST_VERSION {
            return Ok(());
        }
        if version > 0 {
            self.backup_rotating()?;
        }
        migrations::run(&mut self.conn)
    }

    /// Runs `change` in one transaction, committed only if it returns `Ok`. The transaction
    /// takes the write lock as it begins (`IMMEDIATE`), waiting up to [`BUSY_WAIT`] for
    /// another process to finish: a deferred one would fail half-way as « busy » instead.
    fn write<T>(&mut self, change: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = change(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// The folder of the database file `path` (the data folder).
fn folder_of(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// How long a write waits for another process (the CLI beside the window) holding the base.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens `path` read-only, creating nothing beside it, and checks that it is an Ateliers
/// base this program can read (see [`ownership`]). A file with a write-ahead log beside it
/// is in use: it is read with that log; any other is opened as immutable, so that SQLite
/// writes no `-wal` or `-shm` file next to it.
pub(crate) fn open_owned_read_only(path: &Path) -> Result<Connection> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let in_use = Path::new(&wal).exists();
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = ownership::file_uri(path, !in_use);
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| not_a_database(path, e))?;
    conn.busy_timeout(BUSY_WAIT)?;
    ownership::owned_version(&conn, path)?;
    Ok(conn)
}

/// A file SQLite could not read as a base, in French.
fn not_a_database(path: &Path, error: rusqlite::Error) -> Error {
    let reason = match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "ce n'est pas une base de données (le fichier est d'un autre format, ou endommagé)".to_string()
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "le fichier est endommagé".to_string(),
        Some(rusqlite::ErrorCode::CannotOpen) => "le fichier ne peut pas être ouvert".to_string(),
        _ => Error::Sqlite(error).to_string(),
    };
    Error::NotADatabase { path: path.to_path_buf(), reason }
}

/// What the store's unit tests share.
#[cfg(test)]
pub(crate) mod testing {
    use super::Store;
    use crate::model::atelier::AtelierInput;

    /// Plans a meeting of `atelier` on `date` (jj/mm/aaaa) from `start` to `end`, in « Salle 1 ».
    pub(crate) fn plan(
        store: &mut Store,
        atelier: i64,
        date: &str,
        start: &str,
        end: &str,
    ) -> crate::model::meeting::MeetingSummary {
        let input = crate::model::meeting::MeetingInput {
            atelier_id: atelier,
            date: date.into(),
            start_time: start.into(),
            end_time: end.into(),
            place: "Salle 1".into(),
            ..Default::default()
        };
        store.create_meeting(input, false).expect("meeting planned")
    }

    /// Stops the store's clock at `hour` o'clock on `day` (AAAA-MM-JJ), in Paris.
    pub(crate) fn clock_at(store: &mut Store, day: &str, hour: u32) {
        let day: chrono::NaiveDate = day.parse().expect("a date");
        let local = day.and_hms_opt(hour, 0, 0).expect("an hour");
        store.set_clock(crate::clock::Clock::fixed_at(local, crate::clock::DEFAULT_ZONE));
    }

    /// A new person « last » made a member (élu municipal) of `atelier` from `joined` to
    /// `left` (empty: still a member); returns the person's id.
    pub(crate) fn member(
        store: &mut Store,
        atelier: i64,
        last: &str,
        joined: &str,
        left: &str,
        required: bool,
    ) -> i64 {
        let id = store
            .create_person(crate::model::person::PersonInput { last_name: last.into(), ..Default::default() })
            .unwrap()
            .id;
        let input = crate::model::membership::MembershipInput {
            person_id: id,
            category: "elu_municipal".into(),
            joined_on: joined.into(),
            left_on: left.into(),
            presence_required: required,
            ..Default::default()
        };
        store.add_membership(atelier, input).unwrap();
        id
    }

    /// A second atelier « AP-U » in `store`, and its id.
    pub(crate) fn second_atelier(store: &mut Store) -> i64 {
        store
            .create_atelier(AtelierInput {
                code: "AP-U".into(),
                title: "Autre".into(),
                kind: "faisabilite".into(),
                status: "propose".into(),
                ..AtelierInput::default()
            })
            .expect("atelier")
            .id
    }

    /// A fresh base in memory holding one atelier-projet « AP-T », and its id.
    pub(crate) fn base_with_atelier() -> (Store, i64) {
        let mut store = Store::open_in_memory().expect("base in memory");
        let atelier = store
            .create_atelier(AtelierInput {
                code: "AP-T".into(),
                title: "Test".into(),
                kind: "faisabilite".into(),
                status: "propose".into(),
                ..AtelierInput::default()
            })
            .expect("atelier");
        (store, atelier.id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn now_and_today_follow_the_store_clock_in_the_settings_time_zone() {
        let mut store = Store::open_in_memory().unwrap();
        // 23:30 UTC on 31 December: already 1 January in Paris, whatever the machine's zone.
        let instant =
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap().and_hms_opt(23, 30, 0).unwrap().and_utc();
        store.set_clock(Clock::Fixed(instant));
        assert_eq!(store.today().unwrap(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(store.stamp(), "2026-12-31T23:30:00Z");
        let person = store
            .create_person(crate::model::person::PersonInput {
                last_name: "Klein".into(),
                ..Default::default()
            })
            .unwrap();
        store.erase_person(person.id).unwrap();
        assert_eq!(store.person(person.id).unwrap().anonymised_at.as_deref(), Some("2026-12-31T23:30:00Z"));
    }
}
