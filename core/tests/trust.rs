//! Issue 19: no mistake or hostile file can lose the secretariat's data. Backups and
//! restore (findings 1 and 2), whose file a base is (finding 6), and erasure (finding 5).

use std::path::{Path, PathBuf};

use ateliers::clock::Clock;
use ateliers::model::atelier::AtelierInput;
use ateliers::store::{Store, APPLICATION_ID, LATEST_VERSION};
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

fn atelier(code: &str) -> AtelierInput {
    AtelierInput {
        code: code.into(),
        title: format!("Atelier {code}"),
        kind: "faisabilite".into(),
        status: "propose".into(),
        ..AtelierInput::default()
    }
}

fn codes(store: &Store) -> Vec<String> {
    store.list_ateliers().unwrap().into_iter().map(|a| a.code).collect()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[test]
fn restoring_the_oldest_automatic_backup_after_many_restores_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
    store.create_atelier(atelier("AP-1")).unwrap();
    let oldest = store.backup_rotating().unwrap().unwrap();
    store.create_atelier(atelier("AP-2")).unwrap();
    let copy = dir.path().join("copie.sqlite3");
    store.backup_to(&copy).unwrap();
    for _ in 0..12 {
        store.restore_from(&copy).unwrap();
    }
    store.restore_from(&oldest).unwrap();
    assert_eq!(codes(&store), ["AP-1"], "the oldest backup's content, not an empty base");
    assert!(oldest.is_file(), "the file restored is still there");
}

#[test]
fn the_backup_being_restored_is_never_pruned_however_old() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
    store.create_atelier(atelier("AP-ANCIEN")).unwrap();
    // Taken two years ago: the history no longer keeps it, but it is the one restored.
    store.set_clock(Clock::Fixed(at("2025-01-10T09:00:00Z")));
    let ancient = store.backup_rotating().unwrap().unwrap();
    store.create_atelier(atelier("AP-2")).unwrap();
    store.set_clock(Clock::Fixed(at("2027-01-10T09:00:00Z")));
    store.restore_from(&ancient).unwrap();
    assert_eq!(codes(&store), ["AP-ANCIEN"]);
    assert!(ancient.is_file());
    let backups = store.automatic_backups().unwrap();
    assert_eq!(backups.len(), 2, "the one restored and the one taken before restoring");
    assert_eq!(backups[0].contents.as_ref().unwrap().ateliers, 2, "the base as it was before the restore");
    assert_eq!(backups[0].taken_at, at("2027-01-10T09:00:00Z"));
}

#[test]
fn restore_reads_its_source_only_and_refuses_the_open_base_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ateliers.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_atelier(atelier("AP-1")).unwrap();
    let source_dir = dir.path().join("cle-usb");
    std::fs::create_dir(&source_dir).unwrap();
    let source = source_dir.join("sauvegarde.sqlite3");
    store.backup_to(&source).unwrap();
    let before = std::fs::read(&source).unwrap();
    store.restore_from(&source).unwrap();
    assert_eq!(std::fs::read(&source).unwrap(), before, "the source is unchanged");
    assert_eq!(names_in(&source_dir), ["sauvegarde.sqlite3"], "nothing created beside it");
    let missing = source_dir.join("absente.sqlite3");
    let error = store.restore_from(&missing).unwrap_err();
    assert!(error.to_string().contains("n'existe pas"), "{error}");
    assert!(!missing.exists(), "a missing source is not created");
    let error = store.restore_from(&path).unwrap_err();
    assert!(error.to_string().contains("la base ouverte"), "{error}");
    assert_eq!(codes(&store), ["AP-1"]);
}

#[test]
fn rotation_never_touches_another_base_s_backups_nor_its_own_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut main = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
    let mut trial = Store::open(dir.path().join("ateliers-essai.sqlite3")).unwrap();
    let now = at("2027-06-15T12:00:00Z");
    // A year of daily use of the main base.
    for day in (0..400).rev() {
        main.set_clock(Clock::Fixed(now - Duration::days(day)));
        main.backup_rotating().unwrap();
    }
    let main_kept = main.automatic_backups().unwrap();
    // Then many backups of the trial base, some with a clock set years ahead.
    for i in 0..30 {
        trial.set_clock(Clock::Fixed(now + Duration::minutes(i)));
        trial.backup_rotating().unwrap();
        trial.set_clock(Clock::Fixed(now + Duration::days(3650) + Duration::minutes(i)));
        trial.backup_rotating().unwrap();
    }
    assert_eq!(main.automatic_backups().unwrap(), main_kept, "the other base's backups are not this base's");
    // The main base again, with its clock right: its history is all there.
    main.set_clock(Clock::Fixed(now + Duration::hours(1)));
    main.backup_rotating().unwrap();
    let history = main.automatic_backups().unwrap();
    let oldest = history.last().unwrap().taken_at;
    assert!(now - oldest > Duration::days(300), "a history that reaches back: {oldest}");
    assert!(history.len() >= 2 + 28 + 10 && history.len() <= 50, "{} kept", history.len());
    assert!(trial.automatic_backups().unwrap().len() >= 30, "the future-dated backups pushed nothing out");
}

/// A SQLite file of another program that sets a schema version of its own.
fn foreign_file(dir: &Path, user_version: i64, application_id: i64) -> PathBuf {
    let path = dir.join("autre-programme.sqlite3");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (texte TEXT); INSERT INTO notes VALUES ('à garder');").unwrap();
    conn.pragma_update(None, "user_version", user_version).unwrap();
    conn.pragma_update(None, "application_id", application_id).unwrap();
    drop(conn);
    path
}

#[test]
fn a_foreign_sqlite_file_with_a_version_of_its_own_is_refused_untouched_in_french() {
    for (user_version, application_id) in [(3, 0), (LATEST_VERSION, 0), (1, 0x5042_4D53), (7, 0)] {
        let dir = tempfile::tempdir().unwrap();
        let path = foreign_file(dir.path(), user_version, application_id);
        let before = std::fs::read(&path).unwrap();
        let error = Store::open(&path).unwrap_err().to_string();
        assert!(
            error.contains("n'est pas une base Ateliers") && error.contains("autre programme"),
            "{error}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "not even switched to WAL");
        assert_eq!(names_in(dir.path()), ["autre-programme.sqlite3"], "no folder, no journal created");

        let mut ours = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
        ours.create_atelier(atelier("AP-1")).unwrap();
        let error = ours.restore_from(&path).unwrap_err().to_string();
        assert!(error.contains("autre programme"), "{error}");
        assert_eq!(codes(&ours), ["AP-1"]);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tableur.sqlite3");
    let text = b"Nom;Prenom\nDupont;Anne\n".repeat(100);
    std::fs::write(&path, &text).unwrap();
    let error = Store::open(&path).unwrap_err().to_string();
    assert!(error.contains("ce n'est pas une base de données"), "{error}");
    assert!(!error.contains("file is not a database"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), text);
}

#[test]
fn every_new_base_and_every_backup_carries_the_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
    let backup = store.backup_rotating().unwrap().unwrap();
    for file in [store.path().unwrap(), backup.as_path()] {
        let conn = Connection::open(file).unwrap();
        let id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID, "{}", file.display());
    }
    // A backup is a plain file: reading it (the window's list) creates nothing beside it.
    let folder = backup.parent().unwrap();
    let listed = store.automatic_backups().unwrap();
    assert_eq!(listed[0].contents.as_ref().unwrap().schema_version, LATEST_VERSION);
    assert_eq!(names_in(folder).len(), 1, "{:?}", names_in(folder));
}

/// Whether `needle` occurs in the bytes of `file` (or of its write-ahead log).
fn file_holds(file: &Path, needle: &str) -> bool {
    let mut wal = file.as_os_str().to_owned();
    wal.push("-wal");
    [file.to_path_buf(), PathBuf::from(wal)].iter().any(|f| {
        std::fs::read(f)
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

#[test]
fn erasure_leaves_the_name_nowhere_in_the_base_its_log_or_its_automatic_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ateliers.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.load_demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap();
    // An owner of an action frozen in a diffused relevé.
    let (id, first, last): (i64, String, String) = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT p.id, p.first_name, p.last_name FROM people p
             WHERE EXISTS (SELECT 1 FROM releve_versions v, json_each(v.content, '$.actions') a
                           WHERE json_extract(a.value, '$.owner_id') = p.id)
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the demonstration has an owner of a frozen action");
    // Nobody else may carry the same name: give them one of their own first.
    let (first, last) = (format!("{first}-Zéphyrine"), format!("{last}-Quatremaire"));
    let email = format!("zephyrine.quatremaire.{id}@exemple.fr");
    let input = ateliers::model::person::PersonInput {
        first_name: first.clone(),
        last_name: last.clone(),
        email: email.clone(),
        ..Default::default()
    };
    store.update_person(id, input).unwrap();
    let full = format!("{first} {last}");
    let backup = store.backup_rotating().unwrap().unwrap();
    assert!(file_holds(&path, &last) && file_holds(&backup, &last), "the name is there before");
    // Someone else, to check that the backups keep everything but the erased person.
    let others = store.list_ateliers().unwrap().len();

    let erasure = store.erase_person(id).unwrap();
    assert_eq!(erasure.backups_erased, 1, "the backup taken before the erasure: {erasure:?}");
    let message = erasure.message();
    assert!(message.contains("1 sauvegarde automatique") && message.contains("ailleurs"), "{message}");

    for needle in [last.as_str(), full.as_str(), email.as_str()] {
        assert!(!file_holds(&path, needle), "« {needle} » is still in the base or its log");
        for b in store.automatic_backups().unwrap() {
            assert!(!file_holds(&b.path, needle), "« {needle} » is still in {}", b.path.display());
        }
    }
    // The frozen relevé shows « Personne effacée »; the rest of the base and backups is whole.
    let frozen: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT json_extract(a.value, '$.owner') FROM releve_versions v, json_each(v.content, '$.actions') a
             WHERE json_extract(a.value, '$.owner_id') = ?1 LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(frozen, "Personne effacée");
    let found = store.search_people(&last, true, ateliers::model::person::PeopleSort::Name, 10).unwrap();
    assert_eq!(found.total, 0, "the search no longer finds the name");
    let copy = Store::open(&backup).unwrap();
    assert_eq!(copy.list_ateliers().unwrap().len(), others);
    assert!(copy.person(id).unwrap().anonymised_at.is_some());
}

#[test]
fn a_write_waits_for_another_process_holding_the_base_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ateliers.sqlite3");
    let mut store = Store::open(&path).unwrap();
    // The CLI beside the window: it holds the write lock for a moment.
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; UPDATE settings SET org_name = 'Autre' WHERE id = 1;").unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        other.execute_batch("COMMIT").unwrap();
    });
    store.create_atelier(atelier("AP-1")).expect("the write waited for the other one");
    holder.join().unwrap();
    assert_eq!(codes(&store), ["AP-1"]);
    assert_eq!(store.settings().unwrap().data.org_name, "Autre");
}

mod hostile_files {
    //! Any file given as a base, to open or to restore: refused or opened, never a panic,
    //! and a refused file is left byte for byte as it was, with nothing created beside it.

    use super::*;
    use proptest::prelude::*;

    /// A small Ateliers base, as bytes.
    fn a_base() -> &'static [u8] {
        static BASE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        BASE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("ateliers.sqlite3");
            let mut store = Store::open(&path).unwrap();
            store.create_atelier(atelier("AP-1")).unwrap();
            store.backup_to(&dir.path().join("copie.sqlite3")).unwrap();
            std::fs::read(dir.path().join("copie.sqlite3")).unwrap()
        })
    }

    /// Bytes to try: arbitrary ones, a SQLite header followed by anything, or our own base
    /// with a few bytes changed (mostly in its header and first pages).
    fn hostile() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..2048),
            proptest::collection::vec(any::<u8>(), 0..4096).prop_map(|tail| {
                let mut bytes = b"SQLite format 3\0".to_vec();
                bytes.extend(tail);
                bytes
            }),
            proptest::collection::vec((0usize..8192, any::<u8>()), 1..12).prop_map(|changes| {
                let mut bytes = a_base().to_vec();
                for (at, value) in changes {
                    let at = at % bytes.len();
                    bytes[at] = value;
                }
                bytes
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_hostile_file_is_refused_untouched_or_opened(bytes in hostile()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("ateliers.sqlite3");
            std::fs::write(&path, &bytes).unwrap();
            match Store::open(&path) {
                Ok(store) => {
                    // Opened: it was ours, and it answers.
                    let _ = store.list_ateliers();
                }
                Err(_) => {
                    prop_assert_eq!(std::fs::read(&path).unwrap(), bytes.clone());
                    prop_assert_eq!(names_in(dir.path()), vec!["ateliers.sqlite3".to_string()]);
                }
            }
        }

        #[test]
        fn a_hostile_file_given_to_restore_never_harms_the_open_base(bytes in hostile()) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
            store.create_atelier(atelier("AP-GARDE")).unwrap();
            let source = dir.path().join("source.sqlite3");
            std::fs::write(&source, &bytes).unwrap();
            if store.restore_from(&source).is_err() {
                prop_assert_eq!(codes(&store), vec!["AP-GARDE".to_string()]);
            }
            prop_assert_eq!(std::fs::read(&source).unwrap(), bytes.clone());
        }
    }
}
