//! The store on real files: persistence, one transaction per change, backups and restore.

use ateliers::model::atelier::{AtelierInput, MilestoneInput};
use ateliers::model::settings::{Picture, SettingsInput};
use ateliers::store::{Store, LATEST_VERSION};
use ateliers::Error;

fn atelier(code: &str, title: &str) -> AtelierInput {
    AtelierInput {
        code: code.into(),
        title: title.into(),
        kind: "faisabilite".into(),
        status: "propose".into(),
        planned_start: "2027-01-05".into(),
        planned_end: "2027-06-30".into(),
        milestones: vec![MilestoneInput {
            label: "Séance 1".into(),
            planned_on: "2027-01-12".into(),
            kind: "seance".into(),
            done_on: String::new(),
        }],
        ..AtelierInput::default()
    }
}

#[test]
fn an_atelier_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sous-dossier/ateliers.sqlite3");
    let created = Store::open(&path).unwrap().create_atelier(atelier("AP-MOB", "Mobilités")).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.atelier(created.id).unwrap(), created, "same atelier after reopening");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_duplicate_code_is_refused_naming_the_other_atelier_and_nothing_is_saved() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_atelier(atelier("AP-MOB", "Mobilités")).unwrap();
    let err = store.create_atelier(atelier("ap-mob", "Autre sujet")).unwrap_err();
    assert_eq!(err.fields()[0].field, "code");
    assert_eq!(err.fields()[0].message, "Le code « ap-mob » est déjà celui de l'atelier « Mobilités »");
    assert_eq!(store.list_ateliers().unwrap().len(), 1, "nothing written");
}

#[test]
fn an_invalid_update_leaves_the_atelier_and_its_milestones_unchanged() {
    let mut store = Store::open_in_memory().unwrap();
    let saved = store.create_atelier(atelier("AP-MOB", "Mobilités")).unwrap();
    let mut bad = atelier("AP-MOB", "Mobilités revues");
    bad.milestones.clear();
    bad.planned_end = "2026-01-01".into();
    let err = store.update_atelier(saved.id, bad).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert_eq!(store.atelier(saved.id).unwrap(), saved);
}

#[test]
fn an_update_replaces_milestones_and_communes() {
    let mut store = Store::open_in_memory().unwrap();
    store.load_demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap();
    let communes = store.find_communes("", 10).unwrap().rows;
    let saved = store.create_atelier(atelier("AP-NEW", "Nouveau")).unwrap();
    let mut input = atelier("AP-NEW", "Nouveau titre");
    input.milestones.push(MilestoneInput {
        label: "Forum".into(),
        planned_on: String::new(),
        kind: "forum".into(),
        done_on: String::new(),
    });
    input.commune_ids = vec![communes[0].id, communes[5].id];
    let updated = store.update_atelier(saved.id, input).unwrap();
    assert_eq!(updated.data.title, "Nouveau titre");
    assert_eq!(updated.data.milestones.len(), 2);
    assert_eq!(updated.data.commune_ids, vec![communes[0].id, communes[5].id]);
}

#[test]
fn updating_a_missing_atelier_is_not_found() {
    let mut store = Store::open_in_memory().unwrap();
    let err = store.update_atelier(42, atelier("X", "Y")).unwrap_err();
    assert_eq!(err.to_string(), "L'atelier n° 42 est introuvable");
}

#[test]
fn an_unknown_porteur_is_reported_on_its_field() {
    let mut store = Store::open_in_memory().unwrap();
    let atelier = store.create_atelier(atelier("AP-MOB", "Mobilités")).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
    let err = store.set_binome(atelier.id, Some(999), None, day).unwrap_err();
    assert_eq!(err.fields()[0].field, "porteur_politique_id");
    assert_eq!(err.to_string(), "Le porteur politique choisi n'existe plus");
}

#[test]
fn settings_are_saved_and_read_back() {
    let mut store = Store::open_in_memory().unwrap();
    let saved = store
        .save_settings(SettingsInput {
            org_name: "Commune de Riedisheim".into(),
            organizer_email: "secretariat@riedisheim.example.org".into(),
            time_zone: "Europe/Paris".into(),
            attendance_threshold_pct: "60".into(),
            consecutive_absences_max: "2".into(),
            convocation_notice_days: "7".into(),
            ..SettingsInput::default()
        })
        .unwrap();
    assert_eq!(saved.data.org_name, "Commune de Riedisheim");
    assert_eq!(saved.data.convocation_notice_days, 7);
    assert_eq!(store.settings().unwrap().data.attendance_threshold_pct, 60);
}

#[test]
fn a_foreign_sqlite_file_is_not_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("autre-programme.sqlite3");
    let other = Store::open_in_memory().unwrap();
    other.backup_to(&path).unwrap();
    drop(other);
    set_user_version(&path, 0);
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("n'est pas une base Ateliers"), "{err}");
    assert_eq!(Store::open_in_memory().unwrap().schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_backup_restores_the_data_it_was_taken_with() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ateliers.sqlite3");
    let backup = dir.path().join("copie.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_atelier(atelier("AP-1", "Avant la sauvegarde")).unwrap();
    store.backup_to(&backup).unwrap();
    store.create_atelier(atelier("AP-2", "Après la sauvegarde")).unwrap();
    store.restore_from(&backup).unwrap();
    let codes: Vec<String> = store.list_ateliers().unwrap().into_iter().map(|a| a.code).collect();
    assert_eq!(codes, ["AP-1"]);
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.list_ateliers().unwrap().len(), 1, "the restore is on disk");
}

#[test]
fn a_corrupt_or_foreign_file_is_refused_and_the_base_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ateliers.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_atelier(atelier("AP-1", "À garder")).unwrap();

    let garbage = dir.path().join("pas-une-base.sqlite3");
    std::fs::write(&garbage, b"ceci n'est pas une base SQLite, juste du texte").unwrap();
    let err = store.restore_from(&garbage).unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");

    let foreign = dir.path().join("autre.sqlite3");
    let other = Store::open_in_memory().unwrap();
    other.backup_to(&foreign).unwrap();
    drop(other);
    // A database of another program: valid SQLite, no schema version.
    let plain = dir.path().join("autre-programme.sqlite3");
    std::fs::copy(&foreign, &plain).unwrap();
    set_user_version(&plain, 0);
    let err = store.restore_from(&plain).unwrap_err();
    assert!(err.to_string().contains("n'est pas une base Ateliers"), "{err}");

    let newer = dir.path().join("future.sqlite3");
    std::fs::copy(&foreign, &newer).unwrap();
    set_user_version(&newer, LATEST_VERSION + 1);
    let err = store.restore_from(&newer).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { .. }), "{err}");

    assert_eq!(store.list_ateliers().unwrap().len(), 1, "base untouched");
}

/// Rewrites the `user_version` field of a database file header (bytes 60..64, big-endian).
fn set_user_version(path: &std::path::Path, version: i64) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&(version as u32).to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_newer_database_file_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ateliers.sqlite3");
    Store::open_in_memory().unwrap().backup_to(&path).unwrap();
    set_user_version(&path, LATEST_VERSION + 5);
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("plus récente"), "{err}");
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n-une-image-de-test";

#[test]
fn a_logo_is_copied_into_the_data_folder_and_replaced_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
    assert_eq!(store.picture_data_url(Picture::Logo).unwrap(), None);
    store.set_picture(Picture::Logo, "logo.png", PNG).unwrap();
    assert!(store.settings().unwrap().has_logo);
    let url = store.picture_data_url(Picture::Logo).unwrap().expect("a logo");
    assert!(url.starts_with("data:image/png;base64,"), "{url}");
    let folder = store.attachment_folder().unwrap();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);

    store.set_picture(Picture::Logo, "autre.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).unwrap();
    assert!(store.picture_data_url(Picture::Logo).unwrap().unwrap().starts_with("data:image/jpeg;base64,"));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "the old file is gone");

    store.remove_picture(Picture::Logo).unwrap();
    assert!(!store.settings().unwrap().has_logo);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

#[test]
fn a_file_that_is_not_an_image_is_refused_and_the_logo_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("ateliers.sqlite3")).unwrap();
    store.set_picture(Picture::Logo, "logo.png", PNG).unwrap();
    let err = store.set_picture(Picture::Logo, "notes.txt", b"du texte").unwrap_err();
    assert_eq!(err.fields()[0].field, "logo");
    assert!(store.picture_data_url(Picture::Logo).unwrap().unwrap().starts_with("data:image/png"));
}

#[test]
fn the_start_up_backup_reads_the_file_through_its_own_connection_while_the_base_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.load_demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap();
    // Committed in WAL mode, not yet checkpointed into the main file: the copy still sees it.
    let backup = Store::backup_file_rotating(&db).expect("backup beside the open base");
    assert_eq!(backup.parent(), store.backup_folder().as_deref());
    let copy = Store::open(&backup).unwrap();
    assert_eq!(copy.list_meetings().unwrap().len(), store.list_meetings().unwrap().len());
    assert_eq!(copy.list_ateliers().unwrap().len(), 4);
}
