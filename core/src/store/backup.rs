//! Copies of the database through SQLite's online backup API: automatic ones beside the
//! database (at start and before a migration), and the user's own backup and restore.

use std::path::{Path, PathBuf};

use rusqlite::{backup::Progress, Connection, OpenFlags, MAIN_DB};

use super::{check_database_file, folder_of, migrations, Store};
use crate::error::{Error, Result};

/// How many automatic backups are kept beside the database.
pub const BACKUPS_KEPT: usize = 10;

/// Name of the folder, beside the database, that holds the automatic backups.
const BACKUP_FOLDER: &str = "sauvegardes";

const NO_PROGRESS: Option<fn(Progress)> = None;

impl Store {
    /// The folder of automatic backups, beside the database file.
    pub fn backup_folder(&self) -> Option<PathBuf> {
        Some(self.data_folder()?.join(BACKUP_FOLDER))
    }

    /// Writes an automatic backup into [`Store::backup_folder`] and keeps only the
    /// [`BACKUPS_KEPT`] newest. Returns the new file. Does nothing in memory.
    pub fn backup_rotating(&self) -> Result<Option<PathBuf>> {
        match self.path.as_ref() {
            Some(path) => rotate(&self.conn, path).map(Some),
            None => Ok(None),
        }
    }

    /// The automatic backup of the base file `db`, read through a connection of its own,
    /// so that the start-up backup can run beside the window without holding up the first
    /// screen (SQLite's backup API copies a consistent state even while the application
    /// writes). Returns the new file.
    pub fn backup_file_rotating(db: &Path) -> Result<PathBuf> {
        let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        rotate(&conn, db)
    }

    /// Writes a complete, consistent copy of the database to `dest` (replacing it). The copy
    /// is written beside `dest` first and renamed, so a crash never leaves half a backup.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_to(&self.conn, dest)
    }

    /// Replaces the whole database by the backup `source`, after checking its integrity and
    /// schema version, and after an automatic backup of the current content. An older backup
    /// is migrated to the current schema.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        check_database_file(source)?;
        self.backup_rotating()?;
        self.conn.restore(MAIN_DB, source, NO_PROGRESS)?;
        migrations::run(&mut self.conn)
    }
}

/// Writes an automatic backup of `conn` (the base at `path`) into the backup folder beside
/// it and keeps only the [`BACKUPS_KEPT`] newest.
fn rotate(conn: &Connection, path: &Path) -> Result<PathBuf> {
    let folder = folder_of(path).join(BACKUP_FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("ateliers");
    // A sortable stamp in UTC: the names order the backups, whatever the machine's zone.
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S-%3f");
    let file = folder.join(format!("{stem}-{stamp}.sqlite3"));
    copy_to(conn, &file)?;
    prune(&folder, stem)?;
    Ok(file)
}

fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    let partial = partial_name(dest);
    let _ = std::fs::remove_file(&partial);
    conn.backup(MAIN_DB, &partial, NO_PROGRESS)?;
    std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))
}

fn partial_name(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partiel");
    dest.with_file_name(name)
}

/// Deletes the oldest automatic backups of `stem` beyond [`BACKUPS_KEPT`]. Names carry a
/// sortable time stamp, so name order is age order.
fn prune(folder: &Path, stem: &str) -> Result<()> {
    let prefix = format!("{stem}-");
    let mut backups: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| Error::io(folder, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".sqlite3"))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(BACKUPS_KEPT);
    for old in &backups[..excess] {
        std::fs::remove_file(old).map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}
