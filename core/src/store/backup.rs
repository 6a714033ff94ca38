//! Copies of the database through SQLite's online backup API: automatic ones beside the
//! database (at start, before a migration and before a restore), and the user's own backup
//! and restore.
//!
//! An automatic backup of base `ateliers.sqlite3` is `sauvegardes/ateliers-AAAAMMJJ-HHMMSS-mmm.sqlite3`
//! (UTC). Only files of exactly that pattern are this base's: another base's backups in the
//! same folder (`ateliers-essai-…`) are never touched. The history kept reaches back a year:
//! every backup of the last 2 days, the newest of each day for 30 days, the newest of each
//! month for 12 months. A backup whose date is ahead of the clock (a clock once set in the
//! future) is kept but pushes nothing out.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use rusqlite::{backup::Backup, backup::Progress, Connection};
use serde::Serialize;

use super::{folder_of, migrations, open_owned_read_only, Store};
use crate::clock::Clock;
use crate::error::{Error, Result};

/// Name of the folder, beside the database, that holds the automatic backups.
const BACKUP_FOLDER: &str = "sauvegardes";

/// The time stamp in an automatic backup's name (UTC, sortable).
const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S-%3f";

/// Every automatic backup younger than this is kept.
const KEEP_ALL_DAYS: i64 = 2;
/// Then the newest of each day, for this many days.
const KEEP_DAILY_DAYS: i64 = 30;
/// Then the newest of each month, for this many months.
const KEEP_MONTHLY_MONTHS: i64 = 12;

const NO_PROGRESS: Option<fn(Progress)> = None;

/// What a base holds, to tell two of them apart before a restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseContents {
    pub schema_version: i64,
    pub ateliers: i64,
    pub people: i64,
    pub meetings: i64,
}

/// An automatic backup of the open base.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken (UTC), from its name.
    pub taken_at: DateTime<Utc>,
    /// The same in French, in the settings' time zone (« mardi 12 janvier 2027 à 18 h 00 »).
    pub taken_at_label: String,
    /// Its size in bytes.
    pub size: u64,
    /// What it holds; `None` when it cannot be read (damaged, or not ours).
    pub contents: Option<BaseContents>,
}

impl BaseContents {
    /// « 4 ateliers, 152 personnes, 10 réunions ».
    pub fn describe(&self) -> String {
        let count =
            |n: i64, one: &str, many: &str| crate::fr::count(usize::try_from(n).unwrap_or(0), one, many);
        format!(
            "{}, {}, {}",
            count(self.ateliers, "atelier", "ateliers"),
            count(self.people, "personne", "personnes"),
            count(self.meetings, "réunion", "réunions")
        )
    }
}

impl Store {
    /// The folder of automatic backups, beside the database file.
    pub fn backup_folder(&self) -> Option<PathBuf> {
        Some(self.data_folder()?.join(BACKUP_FOLDER))
    }

    /// Writes an automatic backup into [`Store::backup_folder`] and prunes the older ones
    /// (see the module). Returns the new file. Does nothing in memory.
    pub fn backup_rotating(&self) -> Result<Option<PathBuf>> {
        match self.path.as_ref() {
            Some(path) => rotate(&self.conn, path, self.clock, &[]).map(Some),
            None => Ok(None),
        }
    }

    /// The automatic backup of the base file `db`, read through a connection of its own,
    /// so that the start-up backup can run beside the window without holding up the first
    /// screen (SQLite's backup API copies a consistent state even while the application
    /// writes). Returns the new file.
    pub fn backup_file_rotating(db: &Path) -> Result<PathBuf> {
        let conn = open_owned_read_only(db)?;
        rotate(&conn, db, Clock::System, &[])
    }

    /// The automatic backups of the open base, newest first, with what each holds.
    pub fn automatic_backups(&self) -> Result<Vec<BackupFile>> {
        let Some(path) = self.path.as_ref() else { return Ok(Vec::new()) };
        let zone = self.time_zone()?;
        let mut backups = backups_of(path)?;
        backups.sort_by_key(|b| std::cmp::Reverse(b.0));
        Ok(backups
            .into_iter()
            .map(|(taken_at, file)| {
                let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
                let contents = read_contents(&file).ok();
                let taken_at_label = crate::fr::long_date_time(taken_at.with_timezone(&zone).naive_local());
                BackupFile { path: file, taken_at, taken_at_label, size, contents }
            })
            .collect())
    }

    /// What the open base holds.
    pub fn contents(&self) -> Result<BaseContents> {
        contents_of(&self.conn)
    }

    /// What the base file `file` holds, read without changing it; refused in French when it
    /// is not an Ateliers base this program can read.
    pub fn contents_of_file(file: &Path) -> Result<BaseContents> {
        read_contents(file)
    }

    /// Writes a complete, consistent copy of the database to `dest` (replacing it). The copy
    /// is written beside `dest` first and renamed, so a crash never leaves half a backup.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_to(&self.conn, dest)
    }

    /// Replaces the whole database by the backup `source`, after checking that it is an
    /// Ateliers base, sound, and not newer than this program, and after an automatic backup
    /// of the current content. `source` is only read: it is opened read-only before
    /// anything else, and never pruned even when it is itself an automatic backup. An older
    /// backup is migrated to the current schema in memory, before the open base is touched.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        if let Some(current) = self.path.as_deref() {
            if same_file(current, source) {
                return Err(Error::Refused(
                    "ce fichier est la base ouverte elle-même : choisissez une sauvegarde".into(),
                ));
            }
        }
        let from = open_backup(source)?;
        // Brought to the current schema in memory first: a backup that cannot be migrated
        // is refused before anything of the open base is replaced.
        let mut staged = Connection::open_in_memory()?;
        copy_pages(&from, &mut staged)?;
        drop(from);
        migrations::run(&mut staged)?;
        if let Some(path) = self.path.clone() {
            rotate(&self.conn, &path, self.clock, &[source])?;
        }
        copy_pages(&staged, &mut self.conn)?;
        self.configure()
    }
}

/// Opens `source` read-only and checks it is a sound Ateliers base this program can read.
fn open_backup(source: &Path) -> Result<Connection> {
    let reason = |r: &str| Error::NotADatabase { path: source.to_path_buf(), reason: r.to_string() };
    if !source.is_file() {
        return Err(reason("le fichier n'existe pas"));
    }
    let conn = open_owned_read_only(source)?;
    if migrations::user_version(&conn)? == 0 {
        return Err(reason("c'est une base vide, pas une sauvegarde"));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| super::not_a_database(source, e))?;
    if integrity != "ok" {
        return Err(reason(&format!("le contrôle d'intégrité a échoué ({integrity})")));
    }
    Ok(conn)
}

fn read_contents(file: &Path) -> Result<BaseContents> {
    contents_of(&open_owned_read_only(file)?)
}

fn contents_of(conn: &Connection) -> Result<BaseContents> {
    let count = |table: &str| -> Result<i64> {
        // Table names are ours and fixed; no data goes into the statement.
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let schema_version = migrations::user_version(conn)?;
    Ok(BaseContents {
        schema_version,
        ateliers: count("ateliers")?,
        people: count("people")?,
        meetings: if schema_version >= 3 { count("meetings")? } else { 0 },
    })
}

/// True when `a` and `b` name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes an automatic backup of `conn` (the base at `path`) into the backup folder beside
/// it, then prunes the older ones, never those in `protected`.
fn rotate(conn: &Connection, path: &Path, clock: Clock, protected: &[&Path]) -> Result<PathBuf> {
    let folder = folder_of(path).join(BACKUP_FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let now = clock.now_utc();
    let mut file = folder.join(backup_name(path, now));
    // Two backups in the same millisecond (or a fixed clock): the next free millisecond.
    let mut at = now;
    while file.exists() {
        at += Duration::milliseconds(1);
        file = folder.join(backup_name(path, at));
    }
    copy_to(conn, &file)?;
    let mut keep: Vec<&Path> = protected.to_vec();
    keep.push(&file);
    prune(path, now, &keep)?;
    Ok(file)
}

/// The stem of the base's file name, which starts the names of its backups.
fn stem_of(db: &Path) -> &str {
    db.file_stem().and_then(|s| s.to_str()).unwrap_or("ateliers")
}

fn backup_name(db: &Path, at: DateTime<Utc>) -> String {
    format!("{}-{}.sqlite3", stem_of(db), at.format(STAMP_FORMAT))
}

/// When the automatic backup named `name` of the base whose stem is `stem` was taken, if
/// `name` is exactly such a backup's name.
fn taken_at(name: &str, stem: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".sqlite3")?;
    // 20270112-170000-123: 19 characters, the pattern's digits and dashes only.
    let shape = stamp.len() == 19
        && stamp
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 8 || i == 15 { b == b'-' } else { b.is_ascii_digit() });
    if !shape {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok().map(|t| t.and_utc())
}

/// The automatic backups of base `db`: the files of its backup folder whose name is
/// exactly this base's pattern, with their dates.
pub(super) fn backups_of(db: &Path) -> Result<Vec<(DateTime<Utc>, PathBuf)>> {
    let folder = folder_of(db).join(BACKUP_FOLDER);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&folder, e)),
    };
    let stem = stem_of(db);
    Ok(entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|p| {
            let at = taken_at(p.file_name()?.to_str()?, stem)?;
            p.is_file().then_some((at, p))
        })
        .collect())
}

/// The backups to keep at `now` among `backups`: every one of the last days (and any dated
/// after `now`), then the newest of each day, then the newest of each month.
fn kept(backups: &[(DateTime<Utc>, PathBuf)], now: DateTime<Utc>) -> HashSet<PathBuf> {
    let mut newest_first: Vec<&(DateTime<Utc>, PathBuf)> = backups.iter().collect();
    newest_first.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut days = HashSet::new();
    let mut months = HashSet::new();
    let mut keep = HashSet::new();
    for (at, file) in newest_first {
        let age = now.signed_duration_since(*at);
        let day = at.date_naive();
        let month = (at.year(), at.month());
        let wanted = if age < Duration::days(KEEP_ALL_DAYS) {
            true
        } else if age < Duration::days(KEEP_DAILY_DAYS) {
            days.insert(day)
        } else {
            let months_ago =
                i64::from(now.year() - at.year()) * 12 + i64::from(now.month()) - i64::from(at.month());
            months_ago < KEEP_MONTHLY_MONTHS && months.insert(month)
        };
        if wanted {
            // The newest of its day and month stands for them further back.
            days.insert(day);
            months.insert(month);
            keep.insert(file.clone());
        }
    }
    keep
}

/// Deletes the automatic backups of base `db` that the history no longer keeps, never
/// those in `protected`.
fn prune(db: &Path, now: DateTime<Utc>, protected: &[&Path]) -> Result<()> {
    let backups = backups_of(db)?;
    let keep = kept(&backups, now);
    for (_, old) in &backups {
        if keep.contains(old) || protected.iter().any(|p| same_file(p, old)) {
            continue;
        }
        std::fs::remove_file(old).map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}

/// Copies every page of `from` over `to` (SQLite's online backup API).
fn copy_pages(from: &Connection, to: &mut Connection) -> Result<()> {
    Ok(Backup::new(from, to)?.run_to_completion(256, std::time::Duration::ZERO, NO_PROGRESS)?)
}

/// Copies `conn` into `dest` through a partial file renamed once whole and on the disk. The
/// copy is a plain rollback-journal file (not WAL), so opening it read-only later creates
/// nothing beside it.
fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    let partial = crate::files::partial_name(dest);
    let _ = std::fs::remove_file(&partial);
    let copied = (|| -> Result<()> {
        let mut copy = Connection::open(&partial)?;
        copy_pages(conn, &mut copy)?;
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        copy.close().map_err(|(_, e)| e)?;
        Ok(())
    })();
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    crate::files::rename_into_place(&partial, dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn only_this_base_s_exact_pattern_is_its_backup() {
        let stamp = "ateliers-20270112-170000-123.sqlite3";
        assert_eq!(taken_at(stamp, "ateliers"), Some(at("2027-01-12T17:00:00.123Z")));
        // Another base whose name starts the same, a partial copy, a renamed copy.
        assert_eq!(taken_at("ateliers-essai-20270112-170000-123.sqlite3", "ateliers"), None);
        assert_eq!(taken_at("ateliers-20270112-170000-123.sqlite3.partiel", "ateliers"), None);
        assert_eq!(taken_at("ateliers-20270112-170000-123 (copie).sqlite3", "ateliers"), None);
        assert_eq!(taken_at("ateliers-2027011-170000-1234.sqlite3", "ateliers"), None);
        assert_eq!(taken_at("ateliers-20271312-170000-123.sqlite3", "ateliers"), None, "no 13th month");
        assert_eq!(
            taken_at("ateliers-essai-20270112-170000-123.sqlite3", "ateliers-essai"),
            Some(at("2027-01-12T17:00:00.123Z"))
        );
    }

    #[test]
    fn the_history_keeps_two_days_then_a_day_a_month_then_a_month_a_year() {
        let now = at("2027-06-15T12:00:00Z");
        // A backup every six hours for 400 days, and one ahead of the clock.
        let mut backups: Vec<(DateTime<Utc>, PathBuf)> = (0..400 * 4)
            .map(|i| {
                let when = now - Duration::hours(6 * i);
                (when, PathBuf::from(format!("{i}")))
            })
            .collect();
        backups.push((now + Duration::days(300), PathBuf::from("futur")));
        let keep = kept(&backups, now);
        let kept_dates: Vec<DateTime<Utc>> = {
            let mut d: Vec<_> = backups.iter().filter(|(_, f)| keep.contains(f)).map(|(t, _)| *t).collect();
            d.sort();
            d
        };
        assert!(keep.contains(Path::new("futur")), "a backup dated ahead of the clock is kept");
        // The last two days: all 8 (ages 0 to 42 h).
        assert_eq!(kept_dates.iter().filter(|t| **t <= now && now - **t < Duration::days(2)).count(), 8);
        // Days 2 to 29: one a day, no more.
        let daily: HashSet<_> = kept_dates
            .iter()
            .filter(|t| (Duration::days(2)..Duration::days(30)).contains(&(now - **t)))
            .map(|t| t.date_naive())
            .collect();
        assert!(daily.len() >= 27, "about one a day: {}", daily.len());
        assert_eq!(
            kept_dates
                .iter()
                .filter(|t| (Duration::days(2)..Duration::days(30)).contains(&(now - **t)))
                .count(),
            daily.len()
        );
        // Back to a year: one a month, and nothing older than 12 months.
        let oldest = kept_dates.iter().filter(|t| **t <= now).min().unwrap();
        assert!(now - *oldest < Duration::days(366), "oldest kept: {oldest}");
        assert!(now - *oldest > Duration::days(300), "the history reaches back: {oldest}");
        assert!(keep.len() < 60, "{} kept", keep.len());
    }

    #[test]
    fn a_clock_once_in_the_future_pushes_nothing_out() {
        let now = at("2027-06-15T12:00:00Z");
        let mut backups = vec![(now - Duration::hours(1), PathBuf::from("recent"))];
        for i in 0..20 {
            backups.push((
                now + Duration::days(3650) + Duration::minutes(i),
                PathBuf::from(format!("futur{i}")),
            ));
        }
        assert!(kept(&backups, now).contains(Path::new("recent")));
    }
}
