//! The `ateliers` CLI, run as a process against temporary databases.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs this package's `ateliers --db DB ARGS…` (see [`ateliers_testkit::cli::run`]).
fn ateliers(db: &Path, args: &[&str]) -> Output {
    ateliers_testkit::cli::run(Path::new(env!("CARGO_BIN_EXE_ateliers")), db, args)
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
    assert!(stderr(&out).contains("n’est pas une base Ateliers utilisable"), "{}", stderr(&out));
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

// The members part: `atelier add`, `import members`, `export csv`, `sign`,
// `person export|erase` and `check`.

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn last_line(output: &Output) -> String {
    stdout(output).lines().last().unwrap_or_default().to_string()
}

fn findings(db: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "--json"];
    args.extend_from_slice(extra);
    let out = ateliers(db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("an array of findings")
}

/// A members sheet as French Excel writes it: `;`, Windows-1252, CRLF, a quoted cell with a
/// line break (so line numbers count rows, not text lines).
fn sheet(broken: bool) -> Vec<u8> {
    let college = if broken { "Elu(e)s ?" } else { "Élus" };
    let text = format!(
        "Civilité;Prénom;Nom;Commune;Courriel;Collège;Catégorie\r\n\
         Mme;Hélène;Œhler;Riedisheim;helene.oehler@exemple.fr;élus;Élue municipale\r\n\
         M.;François;Kœnig;Illzach;;experts;\"Partenaire\r\n\"\r\n\
         M.;Jérôme;Müller;Mulhouse;;{college};\r\n"
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn demo_base() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    assert!(ateliers(&db, &["demo"]).status.success());
    (dir, db)
}

#[test]
fn atelier_add_prints_the_new_id_alone_on_its_last_line() {
    let (_dir, db) = demo_base();
    let out = ateliers(
        &db,
        &[
            "atelier",
            "add",
            "--code",
            "AP-NEW",
            "--title",
            "Nouvel atelier",
            "--kind",
            "mise-en-oeuvre",
            "--start",
            "2027-01-05",
            "--end",
            "2027-06-30",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let id: i64 = last_line(&out).parse().expect("an id");
    assert!(id > 4);
    let bad = ateliers(
        &db,
        &["atelier", "add", "--code", "AP-NEW", "--title", " ", "--kind", "autre", "--start", "2027-02-30"],
    );
    assert_eq!(bad.status.code(), Some(1));
    let text = stderr(&bad);
    assert!(text.contains("Le titre est obligatoire"), "{text}");
    assert!(text.contains("2027-02-30") && text.contains("n’est pas une date valide"), "{text}");
    let duplicate =
        ateliers(&db, &["atelier", "add", "--code", "ap-new", "--title", "Doublon", "--kind", "autre"]);
    assert_eq!(duplicate.status.code(), Some(1));
    assert!(stderr(&duplicate).contains("déjà celui de l’atelier"), "{}", stderr(&duplicate));
    let usage = ateliers(&db, &["atelier", "add", "--code", "X", "--title", "T", "--kind", "bizarre"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn an_invalid_row_refuses_the_whole_import_unless_skip_invalid() {
    let (dir, db) = demo_base();
    let created =
        ateliers(&db, &["atelier", "add", "--code", "AP-IMP", "--title", "Import", "--kind", "faisabilite"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let file = dir.path().join("membres.csv");
    std::fs::write(&file, sheet(true)).unwrap();
    let people_before = ateliers(&db, &["list", "people", "--json"]).stdout;

    let refused = ateliers(&db, &["import", "members", file.to_str().unwrap(), "--atelier", "AP-IMP"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(last_line(&refused), "imported: 0, matched: 0, rejected: 1");
    let errors = stderr(&refused);
    assert!(
        errors.contains("Ligne 4") && errors.contains("Collège"),
        "the line as a spreadsheet shows it: {errors}"
    );
    assert_eq!(ateliers(&db, &["list", "people", "--json"]).stdout, people_before, "nothing written");

    let dry = ateliers(
        &db,
        &["import", "members", file.to_str().unwrap(), "--atelier", "AP-IMP", "--dry-run", "--skip-invalid"],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert_eq!(last_line(&dry), "imported: 2, matched: 0, rejected: 1");
    assert_eq!(
        ateliers(&db, &["list", "people", "--json"]).stdout,
        people_before,
        "a dry run writes nothing"
    );

    let done = ateliers(
        &db,
        &["import", "members", file.to_str().unwrap(), "--atelier", "AP-IMP", "--skip-invalid"],
    );
    assert!(done.status.success(), "{}", stderr(&done));
    assert_eq!(last_line(&done), "imported: 2, matched: 0, rejected: 1");

    // The fixed file again: the two are matched, not duplicated; the third is new.
    std::fs::write(&file, sheet(false)).unwrap();
    let again = ateliers(&db, &["import", "members", file.to_str().unwrap(), "--atelier", "AP-IMP"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(last_line(&again), "imported: 1, matched: 2, rejected: 0");
    let people: Vec<Value> =
        serde_json::from_slice(&ateliers(&db, &["list", "people", "--json"]).stdout).unwrap();
    assert_eq!(people.iter().filter(|p| p["last_name"] == "Œhler").count(), 1);
}

#[test]
fn a_file_that_is_not_a_table_gets_one_clear_message() {
    let (dir, db) = demo_base();
    let file = dir.path().join("classeur.xlsx");
    std::fs::write(&file, b"PK\x03\x04\x14\x00\x00\x00binaire").unwrap();
    let out = ateliers(&db, &["import", "members", file.to_str().unwrap(), "--atelier", "AP-VELO"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("ne peut pas être lu comme un tableau") && text.contains("CSV"), "{text}");
}

#[test]
fn csv_exports_open_in_french_excel() {
    let (dir, db) = demo_base();
    let people = dir.path().join("annuaire.csv");
    let out = ateliers(&db, &["export", "csv", "people", "--out", people.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&people).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Civilité;Prénom;Nom;"), "{}", &text[..60]);
    assert!(text.contains("\r\n"));
    assert_eq!(text.lines().count(), 153, "header and 152 people");

    let members = dir.path().join("membres.csv");
    let out = ateliers(
        &db,
        &["export", "csv", "members", "--atelier", "AP-VELO", "--out", members.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(std::fs::read(&members).unwrap()[3..].to_vec()).unwrap();
    assert!(text.lines().next().unwrap().contains("Collège;Catégorie;Rôle"));
    // The export reads back as an import of the same people: all matched.
    let atelier =
        ateliers(&db, &["atelier", "add", "--code", "AP-COPIE", "--title", "Copie", "--kind", "autre"]);
    assert!(atelier.status.success());
    let copy = ateliers(&db, &["import", "members", members.to_str().unwrap(), "--atelier", "AP-COPIE"]);
    assert!(copy.status.success(), "{}", stderr(&copy));
    let rows = text.lines().count() - 1;
    assert_eq!(last_line(&copy), format!("imported: 0, matched: {rows}, rejected: 0"));

    let usage = ateliers(&db, &["export", "csv", "members", "--out", members.to_str().unwrap()]);
    assert_eq!(usage.status.code(), Some(2), "members needs --atelier");
}

#[test]
fn signing_removes_a_charter_finding_and_check_has_the_documented_shape() {
    let (_dir, db) = demo_base();
    let all = findings(&db, &[]);
    for f in &all {
        for key in ["rule", "severity", "message", "atelier", "meeting", "person"] {
            assert!(f.get(key).is_some(), "{key} in {f}");
        }
    }
    let unsigned: Vec<&Value> = all.iter().filter(|f| f["rule"] == "charter.unsigned").collect();
    assert!(!unsigned.is_empty(), "the demo has members who have not signed");
    let person = unsigned[0]["person"].as_i64().unwrap();
    assert!(unsigned[0]["message"].as_str().unwrap().contains("n’a pas signé"));
    let out =
        ateliers(&db, &["sign", "--person", &person.to_string(), "--date", "2026-11-20", "--mode", "seance"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = findings(&db, &[]);
    assert!(!after.iter().any(|f| f["rule"] == "charter.unsigned" && f["person"] == person));

    let bad =
        ateliers(&db, &["sign", "--person", &person.to_string(), "--date", "2026-11-20", "--version", "9"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("pas de version 9"), "{}", stderr(&bad));
}

#[test]
fn check_at_a_date_before_anyone_joined_flags_every_atelier_without_members() {
    let (_dir, db) = demo_base();
    let early = findings(&db, &["--at", "2000-01-01"]);
    let colleges: Vec<&Value> = early.iter().filter(|f| f["rule"] == "composition.colleges").collect();
    assert_eq!(colleges.len(), 3, "every non-exempt atelier is empty in 2000: {early:?}");
    assert!(colleges.iter().all(|f| f["atelier"].is_string() && f["meeting"].is_null()));
    let usage = ateliers(&db, &["check", "--at", "hier"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_person_is_exported_then_erased_and_their_counts_stay() {
    let (dir, db) = demo_base();
    let people: Vec<Value> =
        serde_json::from_slice(&ateliers(&db, &["list", "people", "--json"]).stdout).unwrap();
    let person = &people[0];
    let id = person["id"].as_i64().unwrap().to_string();
    let out_file = dir.path().join("personne.json");
    let out = ateliers(&db, &["person", "export", &id, "--out", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record: Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(record["person"]["last_name"], person["last_name"]);
    assert!(record["memberships"].as_array().is_some_and(|m| !m.is_empty()) || record["meetings"].is_array());
    let csv = std::fs::read(dir.path().join("personne.csv")).unwrap();
    assert!(String::from_utf8_lossy(&csv).contains(person["last_name"].as_str().unwrap()));

    let refused = ateliers(&db, &["person", "erase", &id]);
    assert_eq!(refused.status.code(), Some(2), "erasing needs --yes");
    let erased = ateliers(&db, &["person", "erase", &id, "--yes"]);
    assert!(erased.status.success(), "{}", stderr(&erased));
    let after: Vec<Value> =
        serde_json::from_slice(&ateliers(&db, &["list", "people", "--json"]).stdout).unwrap();
    let gone = after.iter().find(|p| p["id"] == person["id"]).expect("the row stays");
    assert_eq!(gone["email"], "");
    assert!(gone["last_name"].as_str().unwrap().starts_with("Personne effacée"));
    let again = ateliers(&db, &["person", "erase", &id, "--yes"]);
    assert_eq!(again.status.code(), Some(2), "already erased");
}

/// The id printed alone on the last line of stdout.
fn last_line_id(output: &Output) -> i64 {
    assert!(output.status.success(), "failed: {}", stderr(output));
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("no id in « {text} »"))
}

fn meeting_json(db: &Path, id: i64) -> Value {
    json(&ateliers(db, &["list", "meetings", "--json"])).into_iter().find(|m| m["id"] == id).expect("listed")
}

#[test]
fn meetings_are_planned_refused_on_overlap_with_status_3_moved_and_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    for code in ["AP-A", "AP-B"] {
        let out =
            ateliers(&db, &["atelier", "add", "--code", code, "--title", "Test", "--kind", "faisabilite"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let plan = |atelier: &str, start: &str, end: &str, extra: &[&str]| {
        let mut args = vec![
            "meeting",
            "add",
            "--atelier",
            atelier,
            "--start",
            start,
            "--end",
            end,
            "--place",
            "Salle 1",
        ];
        args.extend_from_slice(extra);
        ateliers(&db, &args)
    };
    let first = last_line_id(&plan("AP-A", "2027-01-12 18:00", "2027-01-12 20:00", &[]));
    let refused = plan("AP-B", "2027-01-12 19:00", "2027-01-12 21:00", &[]);
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert!(stderr(&refused).contains(&format!("réunion n° {first} :")), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("AP-A"), "{}", stderr(&refused));
    assert_eq!(json(&ateliers(&db, &["list", "meetings", "--json"])).len(), 1, "nothing written");
    let touching = last_line_id(&plan("AP-B", "2027-01-12 20:00", "2027-01-12 21:00", &[]));
    let forced = last_line_id(&plan(
        "AP-B",
        "2027-01-12 17:00",
        "2027-01-12 18:30",
        &["--kind", "petit-groupe", "--force"],
    ));
    assert!(touching != forced);
    let listed = meeting_json(&db, first);
    assert_eq!(
        (listed["start"].as_str(), listed["time_zone"].as_str()),
        (Some("2027-01-12T18:00:00"), Some("Europe/Paris"))
    );
    // The conflict stays listed by the rules until it is resolved.
    let check = |db: &Path| json(&ateliers(db, &["check", "--json", "--at", "2027-01-01"]));
    assert!(check(&db)
        .iter()
        .any(|f| f["rule"] == "meeting.overlap" && (f["meeting"] == forced || f["meeting"] == first)));
    // Moving it away resolves it, raises the sequence; moving onto another is refused.
    let moved = ateliers(
        &db,
        &["meeting", "move", &forced.to_string(), "--start", "2027-01-13 17:00", "--end", "2027-01-13 18:30"],
    );
    assert!(moved.status.success(), "{}", stderr(&moved));
    assert_eq!(meeting_json(&db, forced)["sequence"], 1);
    assert!(!check(&db).iter().any(|f| f["rule"] == "meeting.overlap"));
    let onto = ateliers(
        &db,
        &[
            "meeting",
            "move",
            &touching.to_string(),
            "--start",
            "2027-01-12 19:30",
            "--end",
            "2027-01-12 21:00",
        ],
    );
    assert_eq!(onto.status.code(), Some(3), "{}", stderr(&onto));
    // A time that does not exist is refused in French, naming it.
    let gap = plan("AP-A", "2027-03-28 02:30", "2027-03-28 04:00", &[]);
    assert_eq!(gap.status.code(), Some(1));
    assert!(stderr(&gap).contains("n’existe pas"), "{}", stderr(&gap));
    let cancelled = ateliers(&db, &["meeting", "cancel", &first.to_string()]);
    assert!(cancelled.status.success(), "{}", stderr(&cancelled));
    assert_eq!(meeting_json(&db, first)["status"], "annulee");
    assert_eq!(meeting_json(&db, first)["sequence"], 1);
    assert_eq!(ateliers(&db, &["meeting", "cancel", &first.to_string()]).status.code(), Some(2));
    let early = ateliers(&db, &["meeting", "held", &touching.to_string()]);
    assert_eq!(early.status.code(), Some(2));
    assert!(stderr(&early).contains("pas encore commencé"), "{}", stderr(&early));
}

#[test]
fn attendance_is_recorded_for_a_convoked_person_and_a_proxy_names_someone_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    assert!(ateliers(&db, &["demo"]).status.success());
    let store = ateliers::store::Store::open(&db).unwrap();
    let held = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.status.as_str() == "tenue")
        .expect("a held meeting");
    let sheet = store.attendance(held.id).unwrap();
    let (a, b) = (sheet.rows[0].person_id, sheet.rows[1].person_id);
    drop(store);
    let record = |status: &str, by: Option<i64>| {
        let (m, p) = (held.id.to_string(), a.to_string());
        let mut args = vec!["attendance", "--meeting", &m, "--person", &p, "--status", status];
        let by = by.map(|b| b.to_string());
        if let Some(by) = &by {
            args.extend(["--by", by]);
        }
        ateliers(&db, &args)
    };
    assert!(record("distance", None).status.success());
    let no_proxy = record("represente", None);
    assert_eq!(no_proxy.status.code(), Some(1));
    assert!(stderr(&no_proxy).contains("pouvoir"), "{}", stderr(&no_proxy));
    assert_eq!(record("represente", Some(a)).status.code(), Some(1), "never oneself");
    let ok = record("represente", Some(b));
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(record("en-vacances", None).status.code(), Some(1));
    let store = ateliers::store::Store::open(&db).unwrap();
    let row = store.attendance(held.id).unwrap().rows.into_iter().find(|r| r.person_id == a).unwrap();
    assert_eq!((row.status.map(|s| s.as_str()), row.by_person_id), (Some("represente"), Some(b)));
    // The meeting rules are in check.
    drop(store);
    let findings = json(&ateliers(&db, &["check", "--json"]));
    let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"releve.pending_validation"), "the demo's diffused relevé waits: {rules:?}");
}

#[test]
fn export_pdf_prints_what_it_wrote_and_refuses_in_french_what_it_cannot_make() {
    let (dir, db) = demo_base();
    let meetings = json(&ateliers(&db, &["list", "meetings", "--json"]));
    let coming = meetings.iter().find(|m| m["status"] == "convoquee").expect("a convoked meeting");
    let id = coming["id"].to_string();

    let folder = dir.path().join("convocations");
    let out = ateliers(
        &db,
        &["export", "pdf", "convocations", "--meeting", &id, "--out", folder.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let merged = last_line(&out);
    assert!(merged.ends_with(" - toutes.pdf"), "the merged file comes last: {merged}");
    let files = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(files, stdout(&out).lines().count(), "every file written is printed");
    assert!(stderr(&out).contains("convocation(s) écrite(s)"));

    let file = dir.path().join("odj");
    let out =
        ateliers(&db, &["export", "pdf", "ordre-du-jour", "--meeting", &id, "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(last_line(&out), format!("{}.pdf", file.display()));
    assert!(std::fs::read(format!("{}.pdf", file.display())).unwrap().starts_with(b"%PDF-"));

    let releve = dir.path().join("releve.pdf");
    let out =
        ateliers(&db, &["export", "pdf", "releve", "--meeting", &id, "--out", releve.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "a relevé not yet written is refused");
    assert!(stderr(&out).contains("n’a pas encore été rédigé"), "{}", stderr(&out));
    assert!(!releve.exists());

    let out = ateliers(
        &db,
        &["export", "pdf", "calendrier", "--from", "2027-02-30", "--to", "2027-03-01", "--out", "x.pdf"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("2027-02-30"), "{}", stderr(&out));
    let out = ateliers(&db, &["export", "pdf", "affiche", "--out", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("n'est pas un document"));
}

#[test]
fn calendars_and_drafts_from_the_command_line_say_what_they_wrote_or_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    assert!(ateliers(&db, &["demo"]).status.success());
    let meetings = json(&ateliers(&db, &["list", "meetings", "--json"]));
    let planned = meetings.iter().rev().find(|m| m["status"] == "prevue").expect("a planned meeting");
    let id = planned["id"].to_string();

    let out = dir.path().join("invitation");
    let written = ateliers(&db, &["export", "ics", "--meeting", &id, "--out", out.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    let path = String::from_utf8_lossy(&written.stdout).lines().last().unwrap().to_string();
    assert!(path.ends_with("invitation.ics"), "the path is the last line: {path}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("METHOD:REQUEST\r\n"));

    // No cancellation of a meeting that takes place (2), nor two sources at once (usage, 2).
    let refused =
        ateliers(&db, &["export", "ics", "--meeting", &id, "--cancel", "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("ni annulée ni reportée"), "{}", stderr(&refused));
    let both = ateliers(&db, &["export", "ics", "--all", "--atelier", "FIN", "--out", "x.ics"]);
    assert_eq!(both.status.code(), Some(2));

    let all = dir.path().join("tous.ics");
    assert!(ateliers(&db, &["export", "ics", "--all", "--out", all.to_str().unwrap()]).status.success());
    let imported = ateliers(&db, &["import", "ics", all.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let again = ateliers(&db, &["import", "ics", all.to_str().unwrap()]);
    let line = String::from_utf8_lossy(&again.stdout).lines().last().unwrap().to_string();
    assert!(line.starts_with("added: 0, updated: ") && line.ends_with(", removed: 0"), "{line}");
    let csv = dir.path().join("membres.csv");
    std::fs::write(&csv, "nom;prénom\n").unwrap();
    let not_a_calendar = ateliers(&db, &["import", "ics", csv.to_str().unwrap()]);
    assert_eq!(not_a_calendar.status.code(), Some(1));
    assert!(
        stderr(&not_a_calendar).contains("n’est pas un calendrier lisible"),
        "{}",
        stderr(&not_a_calendar)
    );

    let drafts = dir.path().join("brouillons");
    let written = ateliers(&db, &["export", "eml", "--meeting", &id, "--out", drafts.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    let files: Vec<String> = String::from_utf8_lossy(&written.stdout).lines().map(str::to_string).collect();
    assert!(!files.is_empty() && files.iter().all(|f| f.ends_with(".eml") && Path::new(f).exists()));
    assert!(stderr(&written).contains("notées envoyées par courriel"), "{}", stderr(&written));

    // No shared calendar configured: refused in French.
    let publish = ateliers(&db, &["publish", "caldav", "--dry-run"]);
    assert_eq!(publish.status.code(), Some(2));
    assert!(stderr(&publish).contains("Aucun calendrier partagé n’est configuré"), "{}", stderr(&publish));
}

/// `text` with French typography's spaces and apostrophes made plain.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ").replace('’', "'")
}

#[test]
fn settings_are_printed_and_changed_one_at_a_time_with_the_window_s_checks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let settings = |db: &Path| -> serde_json::Map<String, Value> {
        let out = ateliers(db, &["settings", "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("one JSON object")
    };
    // A new base: every setting is named, the organisation's name not given yet.
    let fresh = settings(&db);
    let mut keys: Vec<&str> = fresh.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = [
        "org_name",
        "org_short_name",
        "address",
        "organizer_email",
        "default_place",
        "time_zone",
        "attendance_threshold_pct",
        "consecutive_absences_max",
        "convocation_notice_days",
        "signatory_name",
        "signatory_function",
        "caldav_url",
        "caldav_user",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!((fresh["org_name"].as_str(), fresh["time_zone"].as_str()), (Some(""), Some("Europe/Paris")));
    assert!(fresh["attendance_threshold_pct"].is_i64(), "numbers as numbers");

    // One setting changes although the form would still ask for the organisation's name.
    let set = ateliers(&db, &["settings", "set", "convocation_notice_days", " 8 "]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(plain(&stderr(&set)).contains("convocation_notice_days enregistré : 8"), "{}", stderr(&set));
    assert_eq!(settings(&db)["convocation_notice_days"], 8);

    // A bad value: the window's message, nothing written.
    let bad = ateliers(&db, &["settings", "set", "attendance_threshold_pct", "150"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        plain(&stderr(&bad))
            .contains("Le seuil d'assiduité doit être un nombre entier entre 0 et 100 (saisi : « 150 »)"),
        "{}",
        stderr(&bad)
    );
    let bad = ateliers(&db, &["settings", "set", "caldav_url", "http://nuage.example.fr/dav/"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(plain(&stderr(&bad)).contains("doit commencer par https://"), "{}", stderr(&bad));
    let unknown = ateliers(&db, &["settings", "set", "couleur", "bleu"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(plain(&stderr(&unknown)).contains("« couleur » n'est pas un paramètre"), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("caldav_user"), "the names are listed: {}", stderr(&unknown));
    let after = settings(&db);
    assert_eq!(
        (after["attendance_threshold_pct"].as_i64(), after["caldav_url"].as_str()),
        (Some(50), Some(""))
    );

    // The shared calendar's address takes its final « / », as in the window.
    for (key, value) in [
        ("caldav_url", "https://nuage.example.fr/dav/ateliers"),
        ("caldav_user", "secretariat"),
        ("address", "Hôtel de ville\n2 place de la Réunion\n68100 Mulhouse"),
        ("org_name", "Mulhouse Alsace Agglomération"),
    ] {
        let set = ateliers(&db, &["settings", "set", key, value]);
        assert!(set.status.success(), "{key}: {}", stderr(&set));
    }
    let text = stdout(&ateliers(&db, &["settings"]));
    let line =
        |key: &str| text.lines().find(|l| l.split('\t').next() == Some(key)).unwrap_or_default().to_string();
    assert_eq!(line("caldav_url"), "caldav_url\thttps://nuage.example.fr/dav/ateliers/");
    assert_eq!(line("address"), "address\tHôtel de ville / 2 place de la Réunion / 68100 Mulhouse");
    assert_eq!(text.lines().count(), 13);
    assert_eq!(settings(&db)["address"], "Hôtel de ville\n2 place de la Réunion\n68100 Mulhouse");
}

#[test]
fn an_invitation_refused_for_want_of_the_organiser_s_address_is_written_once_it_is_set() {
    let (dir, db) = demo_base();
    assert!(ateliers(&db, &["settings", "set", "organizer_email", ""]).status.success());
    let meetings = json(&ateliers(&db, &["list", "meetings", "--json"]));
    let id =
        meetings.iter().rev().find(|m| m["status"] == "prevue").expect("a planned meeting")["id"].to_string();
    let out = dir.path().join("invitation.ics");
    let refused = ateliers(&db, &["export", "ics", "--meeting", &id, "--out", out.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(plain(&stderr(&refused)).contains("l'adresse e-mail de l'organisateur"), "{}", stderr(&refused));
    let bad = ateliers(&db, &["settings", "set", "organizer_email", "secretariat at m2a"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(plain(&stderr(&bad)).contains("« secretariat at m2a » n'est pas valide"), "{}", stderr(&bad));
    assert!(ateliers(&db, &["settings", "set", "organizer_email", "secretariat@m2a.example.fr"])
        .status
        .success());
    let written = ateliers(&db, &["export", "ics", "--meeting", &id, "--out", out.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    let ics = std::fs::read_to_string(&out).unwrap().replace("\r\n ", "");
    assert!(ics.contains("mailto:secretariat@m2a.example.fr"), "{ics}");
}

#[test]
fn people_are_imported_into_the_directory_alone_with_the_members_import_s_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let file = dir.path().join("elus.csv");
    // As Excel writes it in French: Windows-1252, semicolons, CRLF, a title row.
    let text = "Élus de l'agglomération;;;\r\nCivilité;Prénom;Nom;Commune;Courriel\r\n\
                Mme;Hélène;Dupont;Mulhouse;h.dupont@mulhouse.fr\r\n\
                M.;Jean;Martin;Illzach;\r\n\
                Mme;;Sans-Prénom;Riedisheim;pas-une-adresse\r\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'É' => 0xC9,
            'é' => 0xE9,
            'è' => 0xE8,
            c => c as u8,
        })
        .collect();
    std::fs::write(&file, bytes).unwrap();
    let path = file.to_str().unwrap();

    let refused = ateliers(&db, &["import", "people", path]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(stdout(&refused), "imported: 0, matched: 0, rejected: 1\n");
    assert!(plain(&stderr(&refused)).contains("Ligne 5, colonne « Prénom »"), "{}", stderr(&refused));
    let tried = ateliers(&db, &["import", "people", path, "--dry-run", "--skip-invalid"]);
    assert!(tried.status.success(), "{}", stderr(&tried));
    assert_eq!(last_line(&tried), "imported: 2, matched: 0, rejected: 1");
    assert!(json(&ateliers(&db, &["list", "people", "--json"])).is_empty(), "a dry run writes nothing");

    let done = ateliers(&db, &["import", "people", path, "--skip-invalid"]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert_eq!(last_line(&done), "imported: 2, matched: 0, rejected: 1");
    let people = json(&ateliers(&db, &["list", "people", "--json"]));
    let names: Vec<&str> = people.iter().map(|p| p["first_name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Hélène"), "read as Windows-1252: {names:?}");
    let again = ateliers(&db, &["import", "people", path, "--skip-invalid"]);
    assert_eq!(last_line(&again), "imported: 0, matched: 2, rejected: 1");

    let mixed = ateliers(&db, &["import", "people", path, "--atelier", "FIN"]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(stderr(&mixed).contains("import members"), "{}", stderr(&mixed));
}

#[test]
fn communes_are_imported_from_insee_s_file_with_the_import_s_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let file = dir.path().join("v_commune_2025.csv");
    let mut text = String::from("TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\r\n");
    for n in 0..300 {
        let dep = if n % 2 == 0 { "68" } else { "2A" };
        text.push_str(&format!(
            "COM,{dep}{n:03},44,{dep},68D,684,0,COMMUNE {n},Commune {n},Commune {n},6899,\r\n"
        ));
    }
    text.push_str("COMD,68301,44,68,68D,682,0,STEINSOULTZ,Steinsoultz,Steinsoultz,,68240\r\n");
    text.push_str("COM,68,44,68,68D,684,0,TROP COURT,Trop-Court,Trop-Court,,\r\n");
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();

    let done = ateliers(&db, &["import", "communes", path]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert_eq!(stdout(&done), "imported: 300, matched: 0, rejected: 1\n");
    let said = plain(&stderr(&done));
    assert!(said.contains("Ligne 303 : « 68 » n'est pas un code INSEE"), "{said}");
    assert!(said.contains("1 ligne du fichier de l'INSEE n'est pas une commune"), "{said}");
    let again = ateliers(&db, &["import", "communes", path]);
    assert_eq!(stdout(&again), "imported: 0, matched: 300, rejected: 1\n");

    let not_communes = dir.path().join("population.csv");
    std::fs::write(&not_communes, "Nom;Population\nMulhouse;108000\n").unwrap();
    let refused = ateliers(&db, &["import", "communes", not_communes.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(plain(&stderr(&refused)).contains("code INSEE"), "{}", stderr(&refused));
}

#[test]
fn one_grouped_draft_is_written_from_the_command_line() {
    let (dir, db) = demo_base();
    let meetings = json(&ateliers(&db, &["list", "meetings", "--json"]));
    let id =
        meetings.iter().rev().find(|m| m["status"] == "prevue").expect("a planned meeting")["id"].to_string();
    let out = dir.path().join("convocation groupée.eml");
    let written =
        ateliers(&db, &["export", "eml", "--meeting", &id, "--grouped", "--out", out.to_str().unwrap()]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert_eq!(last_line(&written), out.display().to_string());
    assert!(plain(&stderr(&written)).contains("en copie cachée"), "{}", stderr(&written));
    let text = String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned();
    assert!(text.contains("\r\nBcc: "), "the Bcc header is kept in a draft");
    assert!(text.contains("X-Unsent: 1"));
    let missing = ateliers(&db, &["export", "eml", "--meeting", &id, "--grouped"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--out FICHIER.eml"), "{}", stderr(&missing));
}

#[test]
fn a_meeting_that_is_not_a_seance_convokes_whom_convoke_names() {
    let (_dir, db) = demo_base();
    let store = ateliers::store::Store::open(&db).unwrap();
    let velo = store.list_ateliers().unwrap().into_iter().find(|a| a.code == "AP-VELO").unwrap().id;
    let members: Vec<i64> = store
        .atelier_members(velo, ateliers::clock::today())
        .unwrap()
        .into_iter()
        .filter(|m| m.current)
        .map(|m| m.person_id)
        .collect();
    drop(store);
    let day =
        (0..40).fold(ateliers::clock::today(), |d, _| d.succ_opt().unwrap()).format("%Y-%m-%d").to_string();
    let plan = |kind: &str, convoke: Option<&str>, hour: &str| {
        let (start, end) = (format!("{day} {hour}:00"), format!("{day} {hour}:30"));
        let mut args = vec!["meeting", "add", "--atelier", "AP-VELO", "--start", &start, "--end", &end];
        args.extend(["--place", "Salle 2", "--kind", kind, "--force"]);
        if let Some(convoke) = convoke {
            args.extend(["--convoke", convoke]);
        }
        ateliers(&db, &args)
    };
    let two = format!("{},{}", members[0], members[1]);
    let chosen = last_line_id(&plan("petit-groupe", Some(&two), "06"));
    let nobody = last_line_id(&plan("visite-site", None, "07"));
    let all = last_line_id(&plan("forum", Some("all"), "08"));
    let store = ateliers::store::Store::open(&db).unwrap();
    let count = |id: i64| store.convocations(id).unwrap().rows.len();
    assert_eq!((count(chosen), count(nobody), count(all)), (2, 0, members.len()));
    drop(store);
    let seance = plan("seance", Some("none"), "09");
    assert_eq!(seance.status.code(), Some(1), "{}", stderr(&seance));
    assert!(plain(&stderr(&seance)).contains("Une séance convoque tous les membres"), "{}", stderr(&seance));
    let unknown = plan("forum", Some("tout le monde"), "10");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(plain(&stderr(&unknown)).contains("ne dit pas qui convoquer"), "{}", stderr(&unknown));
}

#[test]
fn a_meeting_planned_by_mistake_is_deleted_and_one_already_convoked_is_refused_with_status_2() {
    let (_dir, db) = demo_base();
    let day =
        (0..50).fold(ateliers::clock::today(), |d, _| d.succ_opt().unwrap()).format("%Y-%m-%d").to_string();
    let (start, end) = (format!("{day} 06:00"), format!("{day} 06:30"));
    let args =
        ["meeting", "add", "--atelier", "AP-VELO", "--start", &start, "--end", &end, "--place", "Salle 3"];
    let id = last_line_id(&ateliers(&db, &args));
    let deleted = ateliers(&db, &["meeting", "delete", &id.to_string()]);
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    assert!(plain(&stderr(&deleted)).contains("est supprimée"), "{}", stderr(&deleted));
    let again = ateliers(&db, &["meeting", "delete", &id.to_string()]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    let store = ateliers::store::Store::open(&db).unwrap();
    let sent = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| {
            store.convocations(m.id).unwrap().rows.iter().any(|r| r.sent_at.is_some())
                && m.status.as_str() != "tenue"
        })
        .unwrap();
    drop(store);
    let refused = ateliers(&db, &["meeting", "delete", &sent.id.to_string()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(plain(&stderr(&refused)).contains("annulez-la plutôt"), "{}", stderr(&refused));
}

#[test]
fn a_series_is_planned_from_an_rrule_refused_whole_on_a_conflict_then_moved_and_cancelled_from_one_on() {
    use chrono::Datelike;
    let (_dir, db) = demo_base();
    // The first 2nd Tuesday more than a year ahead, early in the morning: free of the demo.
    let mut first = ateliers::clock::today() + chrono::Duration::days(400);
    while !(first.weekday() == chrono::Weekday::Tue && (8..=14).contains(&first.day())) {
        first = first.succ_opt().unwrap();
    }
    let (start, end) = (format!("{first} 06:00"), format!("{first} 07:00"));
    let plan = |atelier: &str| {
        ateliers(
            &db,
            &[
                "meeting",
                "add",
                "--atelier",
                atelier,
                "--start",
                &start,
                "--end",
                &end,
                "--place",
                "Salle 4",
                "--repeat",
                "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
            ],
        )
    };
    let planned = plan("AP-VELO");
    assert!(planned.status.success(), "{}", stderr(&planned));
    let ids: Vec<i64> = stdout(&planned).lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(ids.len(), 10, "one id per line");
    assert!(
        plain(&stderr(&planned)).contains("le 2e mardi de chaque mois, 10 réunions"),
        "{}",
        stderr(&planned)
    );
    let store = ateliers::store::Store::open(&db).unwrap();
    let meetings: Vec<_> = ids.iter().map(|id| store.meeting(*id).unwrap()).collect();
    assert!(meetings.iter().all(|m| {
        let day = m.start_local().date();
        day.weekday() == chrono::Weekday::Tue
            && (8..=14).contains(&day.day())
            && m.start.ends_with("06:00:00")
    }));
    let count_before = store.list_meetings().unwrap().len();
    drop(store);
    // Another atelier at the same times: every date conflicts, nothing is written, status 3.
    let refused = plan("AP-PISC");
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert_eq!(stderr(&refused).matches("  - réunion n°").count(), 10, "{}", stderr(&refused));
    let store = ateliers::store::Store::open(&db).unwrap();
    assert_eq!(store.list_meetings().unwrap().len(), count_before);
    drop(store);
    // From the 8th on, an hour later.
    let eighth = meetings[7].start_local().date();
    let (start, end) = (format!("{eighth} 07:00"), format!("{eighth} 08:00"));
    let moved = ateliers(
        &db,
        &["meeting", "move", &ids[7].to_string(), "--start", &start, "--end", &end, "--following"],
    );
    assert!(moved.status.success(), "{}", stderr(&moved));
    assert_eq!(stderr(&moved).matches("a lieu désormais").count(), 3);
    let cancelled = ateliers(&db, &["meeting", "cancel", &ids[8].to_string(), "--following"]);
    assert!(cancelled.status.success(), "{}", stderr(&cancelled));
    let store = ateliers::store::Store::open(&db).unwrap();
    let status: Vec<&str> = ids.iter().map(|id| store.meeting(*id).unwrap().status.as_str()).collect();
    assert_eq!(&status[6..], ["prevue", "prevue", "annulee", "annulee"]);
    assert!(store.meeting(ids[9]).unwrap().start.ends_with("07:00:00"));
    assert!(store.meeting(ids[6]).unwrap().start.ends_with("06:00:00"));
    drop(store);
    let bad = ateliers(
        &db,
        &[
            "meeting",
            "add",
            "--atelier",
            "AP-VELO",
            "--start",
            &start,
            "--end",
            &end,
            "--place",
            "S",
            "--repeat",
            "FREQ=DAILY;COUNT=2",
        ],
    );
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("DAILY"), "{}", stderr(&bad));
}

#[test]
fn search_finds_the_releves_holding_every_word_and_says_how_many() {
    let (_dir, db) = demo_base();
    let store = ateliers::store::Store::open(&db).unwrap();
    // A word of a demonstration relevé's decisions, typed without its accents and in capitals.
    let (meeting, decision) = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find_map(|m| {
            let releve = store.releve(m.id).ok().flatten()?;
            releve.content.decisions.first().cloned().map(|d| (m.id, d))
        })
        .expect("a demonstration relevé with a decision");
    drop(store);
    let word: String = decision.split_whitespace().max_by_key(|w| w.chars().count()).unwrap().to_string();
    let typed = ateliers::text::fold(&word).to_uppercase();
    let found = ateliers(&db, &["search", &typed]);
    assert!(found.status.success(), "{}", stderr(&found));
    let out = stdout(&found);
    assert!(out.lines().any(|l| l.starts_with(&format!("{meeting}\t"))), "{out}");
    assert!(out.contains("  Décisions : "), "{out}");
    assert!(
        out.contains(&format!("[{}", word.trim_matches(|c: char| !c.is_alphanumeric()))),
        "the word in brackets: {out}"
    );
    assert!(plain(&stderr(&found)).contains("contien"), "{}", stderr(&found));
    let json: Value = serde_json::from_slice(&ateliers(&db, &["search", &typed, "--json"]).stdout).unwrap();
    assert!(json["total"].as_u64().unwrap() >= 1);
    assert!(json["found"][0]["excerpts"][0]["pieces"].as_array().unwrap().iter().any(|p| p["hit"] == true));
    let none = ateliers(&db, &["search", "zyxwvutsrq"]);
    assert!(none.status.success());
    assert!(stdout(&none).is_empty());
    assert!(plain(&stderr(&none)).contains("Aucun relevé ne contient « zyxwvutsrq »"), "{}", stderr(&none));
    assert_eq!(ateliers(&db, &["search"]).status.code(), Some(2));
    assert_eq!(ateliers(&db, &["search", "vélo", "--csv"]).status.code(), Some(2));
}

#[test]
fn a_releve_is_exported_as_odt_and_convocations_only_as_pdf() {
    let (dir, db) = demo_base();
    let store = ateliers::store::Store::open(&db).unwrap();
    let meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| store.releve(m.id).unwrap().is_some())
        .expect("a demonstration relevé")
        .id;
    drop(store);
    let out = dir.path().join("releve");
    let written = ateliers(
        &db,
        &["export", "odt", "releve", "--meeting", &meeting.to_string(), "--out", out.to_str().unwrap()],
    );
    assert!(written.status.success(), "{}", stderr(&written));
    let path = stdout(&written).trim().to_string();
    assert!(path.ends_with("releve.odt"), "{path}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    assert_eq!(&bytes[30..38], b"mimetype", "the mimetype is the first entry");
    let refused = ateliers(
        &db,
        &["export", "odt", "convocations", "--meeting", &meeting.to_string(), "--out", out.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(plain(&stderr(&refused)).contains("s'écrivent en PDF"), "{}", stderr(&refused));
}
