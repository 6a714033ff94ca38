//! Upgrading a real base of the first released schema (version 1), filled with the
//! demonstration data by that release's own `ateliers demo` (fixture
//! `fixtures/v1-demo.sqlite3`, written by commit dc78ffa): every row of every table is still
//! there afterwards, foreign keys hold, and the backup taken before migrating opens.

use std::collections::BTreeMap;
use std::path::Path;

use ateliers::store::{Store, LATEST_VERSION};
use rusqlite::{Connection, OpenFlags};

const V1_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1-demo.sqlite3");

/// Every table of `file` (not SQLite's own, not FTS shadow tables) with all its rows as text,
/// by rowid.
fn contents(file: &Path) -> BTreeMap<String, BTreeMap<i64, Vec<String>>> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'people_search%' AND name NOT LIKE 'releve_search%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn.prepare(&format!("SELECT rowid, * FROM \"{table}\"")).unwrap();
            let columns = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let values = (1..columns)
                        .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok((r.get::<_, i64>(0)?, values))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

fn upgraded() -> (tempfile::TempDir, std::path::PathBuf) {
    copy_of(V1_DEMO)
}

fn copy_of(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    std::fs::copy(fixture, &db).unwrap();
    (dir, db)
}

/// The meeting columns every schema version has, by name (version 3 rebuilt the table with
/// new columns in the middle).
const MEETING_COLUMNS: &str =
    "id, atelier_id, kind, title, starts_at, ends_at, place, address, video_link, status, ical_uid, ical_sequence, notes";

/// Every row of every table of `before` is in `after`, with its values first (tables
/// gain columns at the end); the meetings are compared by named columns; the tables
/// `changed` only by their rows.
fn assert_rows_kept(
    before: &BTreeMap<String, BTreeMap<i64, Vec<String>>>,
    after: &BTreeMap<String, BTreeMap<i64, Vec<String>>>,
    changed: &[&str],
) {
    for (table, rows) in before {
        let now = after.get(table).unwrap_or_else(|| panic!("table {table} is gone"));
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            rows.keys().collect::<Vec<_>>(),
            "every row of {table} is still there"
        );
        if changed.contains(&table.as_str()) || table == "meetings" {
            continue;
        }
        for (id, row) in rows {
            assert_eq!(&now[id][..row.len()], &row[..], "{table} row {id} keeps its values");
        }
    }
}

/// The meetings of `file` by the columns every version has.
fn meetings(file: &Path) -> Vec<Vec<String>> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare(&format!("SELECT {MEETING_COLUMNS} FROM meetings ORDER BY id")).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get_ref(i).map(|v| format!("{v:?}"))).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_filled_version_1_base_keeps_every_row_of_every_table() {
    let (dir, db) = upgraded();
    let before = contents(&db);
    assert!(before["memberships"].len() > 50 && before["attendance"].len() > 100, "the fixture is filled");

    let meetings_before = meetings(&db);
    let store = Store::open(&db).expect("the v1 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let after = contents(&db);

    assert_rows_kept(&before, &after, &["memberships", "ateliers"]);
    // The ateliers lost their last two columns (the binôme, now on the memberships), and
    // gained others since (their outcome) at the end.
    for (id, row) in &before["ateliers"] {
        assert_eq!(&after["ateliers"][id][..row.len() - 2], &row[..row.len() - 2], "ateliers row {id}");
    }

    assert_eq!(meetings(&db), meetings_before);
    let conn = Connection::open(&db).unwrap();
    let broken: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0);
    let current: i64 = conn
        .query_row("SELECT count(*) FROM charter_versions WHERE is_current = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(current, 1, "exactly one current charter version");
    // The binôme of every atelier that had one is now held by memberships, one each place.
    let v1 = Connection::open_with_flags(V1_DEMO, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let binomes: Vec<(i64, Option<i64>, Option<i64>)> = v1
        .prepare("SELECT id, porteur_politique_id, collaborateur_referent_id FROM ateliers")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(binomes.iter().any(|(_, p, _)| p.is_some()), "the fixture has binômes");
    for (atelier, porteur, referent) in binomes {
        for (place, person) in [("porteur_politique", porteur), ("collaborateur_referent", referent)] {
            let holders: Vec<i64> = conn
                .prepare("SELECT person_id FROM memberships WHERE atelier_id = ?1 AND binome = ?2")
                .unwrap()
                .query_map(rusqlite::params![atelier, place], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(holders, person.into_iter().collect::<Vec<_>>(), "{place} of atelier {atelier}");
        }
    }
    let snapshot: i64 = conn
        .query_row(
            "SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id
             WHERE m.commune_id IS NOT p.commune_id OR m.organisation_id IS NOT p.organisation_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(snapshot, 0, "what each membership represents is recorded from the person");
    let searchable: i64 = conn.query_row("SELECT count(*) FROM people_search", [], |r| r.get(0)).unwrap();
    assert_eq!(searchable as usize, before["people"].len(), "every person is in the directory search");

    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1, "one backup taken before migrating");
    let backup = backups[0].path();
    let version: i64 = Connection::open_with_flags(&backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "the backup is the base as it was");
    assert_eq!(contents(&backup), before, "the backup holds every row of the v1 base");
}

#[test]
fn the_upgraded_demo_base_works_with_the_new_features() {
    let (_dir, db) = upgraded();
    let store = Store::open(&db).unwrap();
    let ateliers = store.list_ateliers().unwrap();
    assert_eq!(ateliers.len(), 4);
    assert!(ateliers.iter().all(|a| a.composition.is_some()));
    let found = store.search_people("helene", false, Default::default(), 50).unwrap();
    assert!(found.total > 0, "the directory search finds people of the old base");
}

/// A base of schema version 2 (the second release), filled by that release's own `ateliers
/// demo` (fixture `fixtures/v2-demo.sqlite3`, written by commit 6ef7e04).
const V2_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2-demo.sqlite3");

#[test]
fn a_filled_version_2_base_keeps_every_row_and_its_meetings_get_their_instants_and_records() {
    let (dir, db) = copy_of(V2_DEMO);
    let before = contents(&db);
    assert!(before["meetings"].len() >= 10 && before["attendance"].len() > 100, "the fixture is filled");
    let meetings_before = meetings(&db);
    let store = Store::open(&db).expect("the v2 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    // The meetings work as they did, now compared as instants.
    let listed = store.list_meetings().unwrap();
    assert_eq!(listed.len(), meetings_before.len());
    for m in &listed {
        assert_eq!(m.time_zone, "Europe/Paris");
        assert_eq!(
            m.start_utc,
            ateliers::clock::utc_stamp(m.start_local(), ateliers::clock::DEFAULT_ZONE),
            "{m:?}"
        );
    }
    let releve = listed
        .iter()
        .find_map(|m| store.releve(m.id).unwrap().filter(|r| r.status.as_str() == "valide"))
        .expect("a validated relevé");
    assert_eq!(releve.versions.len(), 1, "the validated version is kept, frozen");
    assert!(releve.versions[0].validated_on.is_some());
    drop(store);
    let after = contents(&db);
    assert_rows_kept(&before, &after, &[]);
    assert_eq!(meetings(&db), meetings_before);
    let conn = Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_eq!(
        count("SELECT count(*) FROM action_status_changes"),
        before["actions"].len() as i64,
        "every action has the date of its status"
    );
    assert_eq!(
        count("SELECT count(*) FROM convocations WHERE sent_at IS NOT NULL AND sent_sequence IS NULL"),
        0,
        "every convocation sent knows which version it announced"
    );
    assert_eq!(
        count("SELECT count(*) FROM releve_versions"),
        count("SELECT count(*) FROM releves WHERE status <> 'brouillon'"),
        "every diffused relevé has its version"
    );
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v2 base");
}

#[test]
fn a_foreign_sqlite_file_stays_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("autre-programme.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (texte TEXT); INSERT INTO notes VALUES ('à garder');").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("n'est pas une base Ateliers"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not even switched to WAL");
    assert!(!dir.path().join("sauvegardes").exists(), "no backup of someone else's file");
}

/// A base of schema version 3 (the third release, with meetings and documents), filled by
/// that release's own `ateliers demo` (fixture `fixtures/v3-demo.sqlite3`, written by commit
/// 6d763ef).
const V3_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v3-demo.sqlite3");

#[test]
fn a_filled_version_3_base_keeps_every_row_and_gains_the_calendars() {
    let (dir, db) = copy_of(V3_DEMO);
    let before = contents(&db);
    assert!(before["meetings"].len() >= 10 && before["agenda_items"].len() > 10, "the fixture is filled");
    let store = Store::open(&db).expect("the v3 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.caldav_settings().unwrap().url, "", "no shared calendar yet");
    // The meetings of the old base make an invitation and a calendar.
    let meeting = store.list_meetings().unwrap().into_iter().find(|m| m.status.is_active()).unwrap();
    let all = ateliers::ical::calendar(&store, ateliers::ical::Scope::All).unwrap();
    assert!(all.contains(&format!("UID:{}\r\n", meeting.ical_uid)));
    assert!(store
        .external_events_between("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
        .unwrap()
        .is_empty());
    drop(store);
    let after = contents(&db);
    assert_rows_kept(&before, &after, &[]);
    assert_eq!(meetings(&db), meetings(Path::new(V3_DEMO)));
    for table in ["external_calendars", "external_events", "caldav_objects"] {
        assert!(after[table].is_empty(), "{table} starts empty");
    }
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v3 base");
}

/// A base of schema version 4 (the fourth release, with imported calendars and the shared
/// calendar), filled by that release's own `ateliers demo` then `ateliers import ics` of a
/// calendar with a repeating event (fixture `fixtures/v4-demo.sqlite3`, written by commit
/// 3909fca).
const V4_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v4-demo.sqlite3");

#[test]
fn a_filled_version_4_base_keeps_every_row_and_gains_the_application_id() {
    let (dir, db) = copy_of(V4_DEMO);
    let before = contents(&db);
    assert!(
        before["meetings"].len() >= 10
            && before["external_events"].len() >= 7
            && before["releve_versions"].len() > 1,
        "the fixture is filled"
    );
    let store = Store::open(&db).expect("the v4 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.external_calendars().unwrap()[0].name, "Agenda de la Région");
    drop(store);
    // Every row, its values first (later versions add columns at the end).
    assert_rows_kept(&before, &contents(&db), &[]);
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(id, ateliers::store::APPLICATION_ID);
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v4 base");
}

/// A base of schema version 5 (the fifth release, the file marked as an Ateliers base),
/// filled by that release's own `ateliers demo` then `ateliers import ics` of a calendar with
/// a repeating event (fixture `fixtures/v5-demo.sqlite3`, written by commit 9d45848).
const V5_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v5-demo.sqlite3");

#[test]
fn a_filled_version_5_base_keeps_every_row_and_its_communes_may_share_a_name() {
    let (dir, db) = copy_of(V5_DEMO);
    let before = contents(&db);
    assert!(
        before["communes"].len() >= 39
            && before["people"].len() >= 150
            && before["external_events"].len() >= 5,
        "the fixture is filled"
    );
    let store = Store::open(&db).expect("the v5 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.find_communes("", 1).unwrap().total, before["communes"].len());
    drop(store);
    // Every row, its values first (later versions add columns at the end).
    assert_rows_kept(&before, &contents(&db), &[]);
    let conn = Connection::open(&db).unwrap();
    conn.execute("INSERT INTO communes (name, insee_code) VALUES ('Baldersheim', '99999')", [])
        .expect("a second commune of the same name");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v5 base");
}

/// A base of schema version 6 (communes told apart by their INSEE code), filled by that
/// release's own `ateliers demo`, `import communes` (two Saint-Louis) and `export eml` of a
/// meeting's drafts (fixture `fixtures/v6-demo.sqlite3`, written by commit a873249).
const V6_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v6-demo.sqlite3");

#[test]
fn a_filled_version_6_base_keeps_every_row_and_its_people_gain_a_postal_address() {
    let (dir, db) = copy_of(V6_DEMO);
    let before = contents(&db);
    assert!(
        before["communes"].len() >= 41 && before["people"].len() >= 150 && before["convocations"].len() >= 30,
        "the fixture is filled"
    );
    let store = Store::open(&db).expect("the v6 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let people = store.list_people().unwrap();
    assert_eq!(people.len(), before["people"].len());
    let person = store.person(people[0].id).unwrap();
    assert_eq!(person.data.postal, ateliers::model::postal::Postal::default(), "no address yet");
    assert_eq!(store.settings().unwrap().data.signatory_name, "");
    drop(store);
    let after = contents(&db);
    assert_rows_kept(&before, &after, &[]);
    for table in ["letter_texts", "releve_recipients"] {
        assert!(after[table].is_empty(), "{table} starts empty");
    }
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v6 base");
    let mut store = Store::open(&db).unwrap();
    store.set_setting("signatory_name", "Odile Koenig").unwrap();
    assert_eq!(store.settings().unwrap().data.signatory_name, "Odile Koenig");
}

/// A base of schema version 7 (postal letters), filled by that release's own `ateliers demo`,
/// `meeting add --kind forum` and `export eml` of a meeting's drafts (fixture
/// `fixtures/v7-demo.sqlite3`, written by commit 821bb77).
const V7_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v7-demo.sqlite3");

#[test]
fn a_filled_version_7_base_keeps_every_row_and_whom_each_meeting_convoked() {
    let (dir, db) = copy_of(V7_DEMO);
    let before = contents(&db);
    let convoked_before: Vec<(i64, i64, i64)> = {
        let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let mut stmt =
            conn.prepare("SELECT meeting_id, person_id, guest FROM convoked ORDER BY 1, 2").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let others: i64 = {
        let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        conn.query_row("SELECT count(*) FROM meetings WHERE kind <> 'seance'", [], |r| r.get(0)).unwrap()
    };
    assert!(
        before["people"].len() >= 150 && others >= 1,
        "the fixture is filled, with a meeting that is not a séance"
    );
    let store = Store::open(&db).expect("the v7 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let after = contents(&db);
    assert_rows_kept(&before, &after, &[]);
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT meeting_id, person_id, guest FROM convoked ORDER BY 1, 2").unwrap();
    let convoked_after: Vec<(i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(convoked_after, convoked_before, "every meeting convokes whom it convoked");
    assert!(!after["meeting_members"].is_empty(), "the other kinds' lists are written");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v7 base");
}

/// A base of schema version 8 (who each meeting convokes), filled by that release's own
/// `ateliers demo`, `meeting add --kind petit-groupe --convoke role:comite_restreint` and
/// `export eml` of a meeting's drafts (fixture `fixtures/v8-demo.sqlite3`, written by commit
/// fcfa0d8).
const V8_DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v8-demo.sqlite3");

#[test]
fn a_filled_version_8_base_keeps_every_row_and_its_releves_are_found_by_the_new_search() {
    let (dir, db) = copy_of(V8_DEMO);
    let before = contents(&db);
    assert!(
        before["people"].len() >= 150 && before["releves"].len() >= 3 && before["milestones"].len() >= 5,
        "the fixture is filled"
    );
    let store = Store::open(&db).expect("the v8 base upgrades");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let after = contents(&db);
    assert_rows_kept(&before, &after, &[]);
    assert!(after["meeting_series"].is_empty(), "no series yet");
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let indexed: i64 = conn.query_row("SELECT count(*) FROM releve_search", [], |r| r.get(0)).unwrap();
    assert_eq!(indexed as usize, before["releves"].len(), "every relevé of the base is indexed");
    let (series, done): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM meetings WHERE series_id IS NOT NULL),
                    (SELECT count(*) FROM milestones WHERE done_on IS NOT NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((series, done), (0, 0), "no meeting in a series, no milestone done yet");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("sauvegardes")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(contents(&backups[0].path()), before, "the backup holds every row of the v8 base");
}
