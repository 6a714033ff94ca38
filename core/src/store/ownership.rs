//! Whose file is it? A base is Ateliers' when it carries our `application_id` (set by
//! migration 5), or, for a base of an earlier release, when its tables are exactly those
//! that release wrote. Anything else — another program's SQLite file, a file of another
//! format — is refused in French, and only read: nothing is written to it.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::Connection;

use super::migrations::{self, APPLICATION_ID, LATEST_VERSION};
use super::not_a_database;
use crate::error::{Error, Result};

/// The first schema version that carries [`APPLICATION_ID`].
const FIRST_VERSION_WITH_ID: i64 = 5;

/// The schema version of the base open on `conn` (the file `path`), when it is ours: 0 for a
/// new, empty file. Refused otherwise, and a newer base of ours is refused as too new.
pub(super) fn owned_version(conn: &Connection, path: &Path) -> Result<i64> {
    let read = |e| not_a_database(path, e);
    let application: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(read)?;
    let version = migrations::user_version(conn).map_err(read)?;
    let foreign = |reason: &str| Error::NotADatabase { path: path.to_path_buf(), reason: reason.to_string() };
    if version == 0 {
        // A new file is empty; a file with tables and no version is someone else's.
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(read)?;
        return match objects {
            0 if application == 0 || application == APPLICATION_ID => Ok(0),
            _ => Err(foreign(
                "c'est la base de données d'un autre programme (ou une base Ateliers sans version de schéma)",
            )),
        };
    }
    if application == APPLICATION_ID {
        return migrations::readable_version(conn);
    }
    if application != 0 {
        return Err(foreign("c'est la base de données d'un autre programme"));
    }
    if version >= FIRST_VERSION_WITH_ID {
        return Err(foreign("c'est la base de données d'un autre programme"));
    }
    // A base of an earlier release, written before the application id: its tables must be
    // those of its version.
    if tables(conn).map_err(read)? != tables_of_version(version)? {
        return Err(foreign(
            "c'est la base de données d'un autre programme (ses tables ne sont pas celles d'Ateliers)",
        ));
    }
    Ok(version)
}

/// The names of the tables of the base on `conn`.
fn tables(conn: &Connection) -> rusqlite::Result<BTreeSet<String>> {
    conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect()
}

/// The tables Ateliers writes at schema `version`, from its own migrations in memory.
fn tables_of_version(version: i64) -> Result<BTreeSet<String>> {
    debug_assert!(version <= LATEST_VERSION);
    let mut conn = Connection::open_in_memory()?;
    migrations::migrate_to(&mut conn, version)?;
    Ok(tables(&conn)?)
}

/// The SQLite URI that opens `path` read-only; `immutable` also tells SQLite that nobody
/// writes the file, so that it creates no `-wal` or `-shm` file beside it.
pub(super) fn file_uri(path: &Path, immutable: bool) -> String {
    let mut uri = String::from("file:");
    #[cfg(windows)]
    let bytes = {
        // `file:///C:/dossier/base.sqlite3`
        let text = path.to_string_lossy().replace('\\', "/");
        if path.is_absolute() {
            uri.push_str("///");
        }
        text.into_bytes()
    };
    #[cfg(not(windows))]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    for byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(char::from(byte))
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?mode=ro");
    if immutable {
        uri.push_str("&immutable=1");
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_becomes_a_uri_that_sqlite_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        // « ? » is no character of a Windows file name; the URI must escape it elsewhere.
        let name = if cfg!(windows) { "Base d'essai #1 %é.sqlite3" } else { "Base d'essai #1 ?%é.sqlite3" };
        let path = dir.path().join(name);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);").unwrap();
        drop(conn);
        let uri = file_uri(&path, true);
        assert!(uri.ends_with("?mode=ro&immutable=1"), "{uri}");
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let read = Connection::open_with_flags(&uri, flags).unwrap();
        let x: i64 = read.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        assert!(read.execute("INSERT INTO t VALUES (1)", []).is_err(), "read-only");
    }

    #[test]
    fn every_earlier_version_is_recognised_by_its_tables_and_a_lookalike_is_not() {
        for version in 1..FIRST_VERSION_WITH_ID {
            let mut conn = Connection::open_in_memory().unwrap();
            migrations::migrate_to(&mut conn, version).unwrap();
            conn.pragma_update(None, "application_id", 0).unwrap();
            assert_eq!(owned_version(&conn, Path::new("b")).unwrap(), version);
            conn.execute_batch("CREATE TABLE notre_table (x)").unwrap();
            let refused = owned_version(&conn, Path::new("b")).unwrap_err();
            assert!(refused.to_string().contains("autre programme"), "{refused}");
        }
        let other = Connection::open_in_memory().unwrap();
        other.execute_batch("CREATE TABLE people (x); PRAGMA user_version = 2;").unwrap();
        assert!(owned_version(&other, Path::new("b")).is_err());
        other.execute_batch("PRAGMA user_version = 0; PRAGMA application_id = 7;").unwrap();
        assert!(owned_version(&other, Path::new("b")).unwrap_err().to_string().contains("autre programme"));
    }
}
