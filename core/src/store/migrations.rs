//! Schema migrations keyed on `PRAGMA user_version`.
//!
//! A fresh file goes straight to the latest version; an older one is upgraded step by step
//! in one transaction; a newer one is refused, never touched. The schema changes only by
//! appending a step here: version 1 is what the first release wrote, and someone holds it.
//!
//! A step may rebuild a table (the only way to change a CHECK in SQLite). So that dropping
//! the old table never cascades into its children, the steps follow SQLite's documented
//! procedure (sqlite.org/lang_altertable.html, « Making Other Kinds Of Table Schema
//! Changes »): foreign keys off *before* the transaction (the pragma is ignored inside
//! one), `PRAGMA foreign_key_check` before commit, roll back on any violation, keys on again.

use rusqlite::{Connection, Transaction};

use crate::error::{Error, Result};

/// One step of the schema: SQL, then an optional seed written in Rust in the same
/// transaction.
struct Step {
    sql: &'static str,
    seed: Option<fn(&Transaction<'_>) -> Result<()>>,
}

/// The migrations, in order: entry `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Step] = &[
    Step { sql: include_str!("migrations/001_schema.sql"), seed: None },
    Step { sql: include_str!("migrations/002_members.sql"), seed: Some(seed_charter) },
    Step { sql: include_str!("migrations/003_meetings.sql"), seed: Some(seed_meetings) },
    Step { sql: include_str!("migrations/004_calendars.sql"), seed: None },
    Step { sql: include_str!("migrations/005_application_id.sql"), seed: None },
    Step { sql: include_str!("migrations/006_communes.sql"), seed: None },
    Step { sql: include_str!("migrations/007_letters.sql"), seed: None },
    Step { sql: include_str!("migrations/008_convoked_lists.sql"), seed: None },
    Step { sql: include_str!("migrations/009_series_outcomes_search.sql"), seed: None },
];

/// What a released step runs, pinned: a test fails if any of these files changes. Each
/// entry is the file and the SHA-256 of its bytes.
#[cfg(test)]
const RELEASED: &[(&str, &str)] = &[
    ("001_schema.sql", "fcfbf097843793bb63d75a5a3eb7abf5021c567f7a8c1094aae8f955df5d4bc3"),
    ("002_members.sql", "d4e9e51112839f50ec9dc229f1f5a738a3a681dcbc343aab887ff5023807d4d9"),
    ("002_charter_title.txt", "02a13b3cea4f264d3bd01cf4081728e81d9e93f476e73e963b5376c5216b7240"),
    ("002_charter_body.txt", "a6140cbe0fcc06a8d4f693c45287511f7255a60b69d07db0c2b76ec043ceb795"),
    ("003_meetings.sql", "a394cd13bbbef3b7fbcb47e5b2da0b3b1058b63ee1ac8309e898f6f93d991f66"),
    ("003_releves_frozen.sql", "89c156171ebf46437bad436ea6c983d12f4a27585225743ec4b398f07e4850c6"),
    ("004_calendars.sql", "f1ecb69e88d767b07147470ad4e7f52f071a3966fb7f26df0c3b51842ee0c8b5"),
    ("005_application_id.sql", "a39f45b456100f8283975b0a97d448fd4164f149b04ff6a4f7ae576158e875cd"),
    ("006_communes.sql", "ef00334032aa3deb3d4237a1a179f3c2e702a3d7e3069ab5c9f2f35c9235e0a3"),
    ("007_letters.sql", "42c02d837d18182557699061c101f90da67bb7fa43e59c967ff8b4e0012671b2"),
    ("008_convoked_lists.sql", "808fa0928262b412bebea97422fecb33135e1499bd8259a5765251b290e9eb20"),
    ("009_series_outcomes_search.sql", "49c9591431af7de2ba52f8dfb5ea0c031fe88b982b0d20b245c4bdfb50b53b73"),
];

/// The `application_id` in the header of every Ateliers base (« ATLR »), from version 5.
pub const APPLICATION_ID: i64 = 0x4154_4C52;

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
    conn.pragma_update(None, "foreign_keys", false)?;
    let applied = apply(conn, version, target);
    let restored = conn.pragma_update(None, "foreign_keys", true);
    applied?;
    Ok(restored?)
}

/// The steps from `version` to `target` in one transaction, committed only when every
/// foreign key still holds.
fn apply(conn: &mut Connection, version: i64, target: i64) -> Result<()> {
    let tx = conn.transaction()?;
    for (index, step) in MIGRATIONS.iter().enumerate().take(target as usize).skip(version as usize) {
        tx.execute_batch(step.sql)?;
        if let Some(seed) = step.seed {
            seed(&tx)?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(Error::Refused(format!(
            "la mise à jour de la base a été annulée : {broken} lien(s) entre enregistrements seraient rompus ; la base est restée telle quelle"
        )));
    }
    tx.commit()?;
    Ok(())
}

/// Version 3: every meeting gets its instants in UTC through its time zone, and every relevé
/// already diffused or validated keeps that version, frozen (by SQL of its own, so that it
/// does not follow the application's later code).
fn seed_meetings(tx: &Transaction<'_>) -> Result<()> {
    let meetings: Vec<(i64, String, String, String)> = tx
        .prepare("SELECT id, time_zone, starts_at, ends_at FROM meetings")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let local = |text: &str| {
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .map_err(|e| Error::Refused(format!("heure de réunion illisible « {text} » : {e}")))
    };
    for (id, zone, start, end) in meetings {
        let zone = crate::clock::zone(&zone);
        tx.execute(
            "UPDATE meetings SET starts_utc = ?2, ends_utc = ?3 WHERE id = ?1",
            rusqlite::params![
                id,
                crate::clock::utc_stamp(local(&start)?, zone),
                crate::clock::utc_stamp(local(&end)?, zone)
            ],
        )?;
    }
    tx.execute_batch(include_str!("migrations/003_releves_frozen.sql"))?;
    Ok(())
}

/// Version 2: every base holds the charter of seed 000 (its text as version 2 wrote it) as
/// its first, current version.
fn seed_charter(tx: &Transaction<'_>) -> Result<()> {
    let none: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM charter_versions)", [], |r| r.get(0))?;
    if none {
        let zone: String = tx.query_row("SELECT time_zone FROM settings WHERE id = 1", [], |r| r.get(0))?;
        let today = crate::clock::Clock::System.today_in(crate::clock::zone(&zone));
        tx.execute(
            "INSERT INTO charter_versions (version, title, body, effective_on, is_current)
             VALUES (1, ?1, ?2, ?3, 1)",
            rusqlite::params![
                include_str!("migrations/002_charter_title.txt"),
                include_str!("migrations/002_charter_body.txt"),
                today
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_migrations_are_never_edited() {
        use sha2::Digest;
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
        for (file, pinned) in RELEASED {
            let bytes = std::fs::read(folder.join(file)).unwrap();
            let sum: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(
                &sum, pinned,
                "{file} was released and must not change: write a new migration instead"
            );
        }
        let files = std::fs::read_dir(&folder).unwrap().count();
        assert_eq!(files, RELEASED.len(), "every file of the migrations is pinned");
    }

    #[test]
    fn the_frozen_relevé_versions_are_what_the_application_freezes() {
        // The demonstration freezes its diffused relevés with today's code; the frozen SQL of
        // version 3 must give the same contents.
        let mut store = crate::store::Store::open_in_memory().unwrap();
        store.load_demo(crate::clock::today()).unwrap();
        let conn = &store.conn;
        let read = |conn: &Connection| -> Vec<(i64, crate::model::releve::ReleveContent)> {
            conn.prepare("SELECT releve_id, content FROM releve_versions ORDER BY releve_id, version")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))
                .unwrap()
                .map(|row| {
                    let (id, json) = row.unwrap();
                    (id, serde_json::from_str(&json).unwrap())
                })
                .collect()
        };
        let today = read(conn);
        assert!(today.len() >= 2 && today.iter().any(|(_, c)| !c.actions.is_empty()), "the demo has relevés");
        conn.execute_batch("DELETE FROM releve_versions").unwrap();
        conn.execute_batch(include_str!("migrations/003_releves_frozen.sql")).unwrap();
        assert_eq!(read(conn), today);
    }

    #[test]
    fn a_fresh_database_reaches_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        let id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
        let fk: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(fk, "foreign keys are back on after the migration");
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
    fn communes_of_the_same_name_are_kept_apart_by_their_insee_code_from_version_6() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 5).unwrap();
        // Codes typed by hand in version 5: one twice, one blank.
        conn.execute_batch(
            "INSERT INTO communes (id, name, insee_code) VALUES
                 (1, 'Mulhouse', '68224'), (2, 'Mulhouse (doublon)', ' 68224 '), (3, 'Illzach', ' '),
                 (4, 'Riedisheim', NULL), (5, 'Wittenheim', '68376');
             INSERT INTO people (id, first_name, last_name, commune_id) VALUES (1, 'Hélène', 'Dupont', 2);",
        )
        .unwrap();
        run(&mut conn).unwrap();
        let rows: Vec<(i64, String, Option<String>)> = conn
            .prepare("SELECT id, name, insee_code FROM communes ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let codes: Vec<Option<&str>> = rows.iter().map(|(_, _, code)| code.as_deref()).collect();
        assert_eq!(
            codes,
            [Some("68224"), None, None, None, Some("68376")],
            "the first keeps a code typed twice"
        );
        assert_eq!(rows[1].1, "Mulhouse (doublon)", "every commune is kept");
        let person: i64 =
            conn.query_row("SELECT commune_id FROM people WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(person, 2);
        // Homonyms with their own codes; a code twice is refused.
        conn.execute(
            "INSERT INTO communes (name, insee_code) VALUES ('Saint-Louis', '68297'), ('Saint-Louis', '57619')",
            [],
        )
        .unwrap();
        assert!(conn
            .execute("INSERT INTO communes (name, insee_code) VALUES ('Autre', '68297')", [])
            .is_err());
        // The search index follows a rename, as before.
        conn.execute("UPDATE communes SET name = 'Mulhouse-Dornach' WHERE id = 2", []).unwrap();
        let found: i64 = conn
            .query_row("SELECT count(*) FROM people_search WHERE people_search MATCH 'dornach'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(found, 1);
    }

    #[test]
    fn a_migration_that_would_break_a_foreign_key_is_rolled_back() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 1).unwrap();
        // A v1 base whose data a rebuild would orphan: a signature of a person that a
        // (hypothetical) step deletes. Simulated by breaking a key with keys off.
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute_batch(
            "INSERT INTO charter_versions (version, title, body, effective_on) VALUES (1, 't', 'b', '2026-01-01');
             INSERT INTO signatures (person_id, charter_version_id, signed_on, mode) VALUES (99, 1, '2026-01-02', 'papier');",
        )
        .unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        let err = run(&mut conn).unwrap_err();
        assert!(matches!(err, Error::Refused(_)), "{err}");
        assert!(err.to_string().contains("la base est restée telle quelle"), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 1, "nothing was applied");
        let signatures: i64 = conn.query_row("SELECT count(*) FROM signatures", [], |r| r.get(0)).unwrap();
        assert_eq!(signatures, 1);
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

    #[test]
    fn a_new_base_starts_with_the_seed_charter_as_its_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        let (version, current, body): (i64, bool, String) = conn
            .query_row("SELECT version, is_current, body FROM charter_versions", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((version, current), (1, true));
        assert!(body.contains("débattre dans le respect de chacun"));
    }
}
