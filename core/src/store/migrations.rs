//! Schema migrations keyed on `PRAGMA user_version`.
//!
//! A fresh file goes straight to the latest version; an older one is upgraded step by step
//! in one transaction; a newer one is refused, never touched.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The migrations, in order: entry `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[include_str!("migrations/001_schema.sql")];

/// The schema version this program writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// The schema version, refused when it is newer than this program.
pub(super) fn readable_version(conn: &Connection) -> Result<i64> {
    let version = user_version(conn)?;
    if version > LATEST_VERSION {
        return Err(Error::SchemaTooNew { found: version, supported: LATEST_VERSION });
    }
    Ok(version)
}

/// Applies every pending migration in one transaction.
pub(super) fn run(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

/// Applies the migrations up to `target` (tests build each earlier version with it).
pub(super) fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let version = readable_version(conn)?;
    if version >= target {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_database_reaches_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
    }

    #[test]
    fn every_earlier_version_upgrades_to_the_latest() {
        for start in 0..LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            assert_eq!(user_version(&conn).unwrap(), start);
            run(&mut conn).unwrap_or_else(|e| panic!("upgrade from version {start} failed: {e}"));
            assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION, "from version {start}");
            let broken: i64 =
                conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
            assert_eq!(broken, 0, "foreign keys consistent after upgrade from {start}");
        }
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        let err = run(&mut conn).unwrap_err();
        assert!(matches!(err, Error::SchemaTooNew { .. }), "{err}");
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION + 1);
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0, "nothing was created");
    }

    #[test]
    fn every_table_is_strict() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        let loose: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(loose.is_empty(), "tables not STRICT: {loose:?}");
    }
}
