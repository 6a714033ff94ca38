//! The `ateliers` CLI, run as a process against temporary databases.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn ateliers(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ateliers"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ATELIERS_DB")
        .output()
        .expect("the ateliers binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "failed: {}", stderr(output));
    match serde_json::from_slice(&output.stdout).expect("stdout is JSON") {
        Value::Array(rows) => rows,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn demo_fills_an_empty_base_then_refuses_a_second_time_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let first = ateliers(&db, &["demo"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("4 ateliers"), "{}", stderr(&first));

    let again = ateliers(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("base vide"), "French refusal: {}", stderr(&again));
}

#[test]
fn list_json_gives_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    assert!(ateliers(&db, &["demo"]).status.success());

    let rows = json(&ateliers(&db, &["list", "ateliers", "--json"]));
    assert_eq!(rows.len(), 4);
    for key in ["id", "code", "title", "kind", "status"] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "ateliers carry {key}");
    }
    assert!(rows.iter().any(|r| r["kind"] == "permanent" && r["code"] == "FIN"));

    let rows = json(&ateliers(&db, &["list", "people", "--json"]));
    assert!(rows.len() >= 140, "{} people", rows.len());
    for key in ["id", "first_name", "last_name", "email"] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "people carry {key}");
    }

    let rows = json(&ateliers(&db, &["list", "meetings", "--json"]));
    assert!(rows.len() >= 8);
    for row in &rows {
        let start = row["start"].as_str().expect("start is text");
        let end = row["end"].as_str().expect("end is text");
        assert!(
            chrono::NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M:%S").is_ok(),
            "ISO 8601 local: {start}"
        );
        assert!(end > start);
        assert!(row["atelier"].is_string() && row["place"].is_string() && row["status"].is_string());
    }
}

#[test]
fn an_empty_base_lists_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rows = json(&ateliers(&dir.path().join("vide.sqlite3"), &["list", "ateliers", "--json"]));
    assert!(rows.is_empty());
}

#[test]
fn bad_usage_exits_2_with_a_french_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    for args in [&["list", "chats"][..], &["danser"], &[], &["backup"], &["list", "ateliers", "en-trop"]] {
        let out = ateliers(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("Utilisation : ateliers"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn backup_then_restore_brings_the_data_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let copy = dir.path().join("copie.sqlite3");
    assert!(ateliers(&db, &["demo"]).status.success());
    let out = ateliers(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let empty = dir.path().join("autre.sqlite3");
    assert!(json(&ateliers(&empty, &["list", "ateliers", "--json"])).is_empty());
    let out = ateliers(&empty, &["restore", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&ateliers(&empty, &["list", "ateliers", "--json"])).len(), 4);
}

#[test]
fn restoring_a_file_that_is_not_a_base_exits_1_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    assert!(ateliers(&db, &["demo"]).status.success());
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "pas une base").unwrap();
    let out = ateliers(&db, &["restore", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("n'est pas une base Ateliers utilisable"), "{}", stderr(&out));
    assert_eq!(json(&ateliers(&db, &["list", "ateliers", "--json"])).len(), 4);
}

#[test]
fn the_database_defaults_to_ateliers_db_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    let out =
        Command::new(env!("CARGO_BIN_EXE_ateliers")).args(["demo"]).env("ATELIERS_DB", &db).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.is_file());
}

#[cfg(target_os = "linux")]
#[test]
fn without_any_setting_the_base_lives_in_the_application_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ateliers"))
        .args(["demo"])
        .env_remove("ATELIERS_DB")
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("fr.ateliers.desktop/ateliers.sqlite3").is_file());
}
