//! The commands called through Tauri's IPC without a webview (`tauri::test`): arguments
//! and answers as the UI sends and receives them, errors as `{code, message, fields}`.

use std::path::Path;

use ateliers::store::Store;
use ateliers_desktop::{AppState, Grant};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

fn window() -> (tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    window_on(Store::open_in_memory().expect("store"))
}

fn window_on(
    store: Store,
) -> (tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    window_with(AppState::new(store))
}

fn window_with(
    state: AppState,
) -> (tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    let app = ateliers_desktop::with_commands(mock_builder(), state)
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    (app, window)
}

fn invoke(window: &WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_body(window, cmd, InvokeBody::Json(args))
}

fn invoke_body(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: InvokeBody,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body,
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("JSON answer"))
}

/// What choosing `path` in one of the application's dialogs records (the page cannot).
fn choose(app: &tauri::App<tauri::test::MockRuntime>, path: &Path, grant: Grant) {
    app.state::<AppState>().paths().grant(path, grant);
}

fn atelier_input(code: &str, title: &str) -> Value {
    json!({
        "code": code, "title": title, "kind": "faisabilite", "status": "propose",
        "planned_start": "2027-01-05", "planned_end": "2027-06-30",
        "milestones": [{"label": "Séance 1", "planned_on": "2027-01-12", "kind": "seance"}],
        "commune_ids": []
    })
}

#[test]
fn an_empty_base_asks_for_the_first_start_choice_until_it_is_made() {
    let (_app, window) = window();
    let first = invoke(&window, "start", json!({"screen": "dashboard"})).unwrap();
    assert_eq!(first["app"]["first_start_pending"], json!(true));
    assert_eq!(first["dashboard"], Value::Null, "no dashboard before the choice");
    invoke(&window, "start_empty", json!({})).unwrap();
    let then = invoke(&window, "start", json!({"screen": "dashboard"})).unwrap();
    assert_eq!(then["app"]["first_start_pending"], json!(false));
    assert_eq!(then["dashboard"]["upcoming"], json!([]), "the dashboard comes with the first screen");
    assert!(then["vocabulary"]["atelier_kinds"].as_array().is_some_and(|kinds| !kinds.is_empty()));
    let elsewhere = invoke(&window, "start", json!({"screen": "annuaire"})).unwrap();
    assert_eq!(elsewhere["dashboard"], Value::Null, "only the dashboard's data is sent");
}

#[test]
fn loading_the_demo_answers_a_french_sentence_and_fills_the_list() {
    let (_app, window) = window();
    let done = invoke(&window, "load_demo", json!({})).unwrap();
    assert!(done["message"].as_str().unwrap().starts_with("Les données de démonstration ont été chargées"));
    let list = invoke(&window, "list_ateliers", json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 4);
    let again = invoke(&window, "load_demo", json!({})).unwrap_err();
    assert_eq!(again["code"], json!("refused"));
}

#[test]
fn an_atelier_round_trips_through_create_get_and_update() {
    let (_app, window) = window();
    let created =
        invoke(&window, "create_atelier", json!({"input": atelier_input("AP-MOB", "Mobilités")})).unwrap();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["planned_start"], json!("2027-01-05"));
    assert_eq!(created["milestones"][0]["kind"], json!("seance"));
    let fetched = invoke(&window, "get_atelier", json!({"id": id})).unwrap();
    assert_eq!(fetched, created);
    let updated = invoke(
        &window,
        "update_atelier",
        json!({"id": id, "input": atelier_input("AP-MOB", "Mobilités actives")}),
    )
    .unwrap();
    assert_eq!(updated["title"], json!("Mobilités actives"));
}

#[test]
fn invalid_input_comes_back_as_code_message_and_fields() {
    let (_app, window) = window();
    let mut input = atelier_input("AP-MOB", "");
    input["planned_end"] = json!("2026-01-01");
    let error = invoke(&window, "create_atelier", json!({"input": input})).unwrap_err();
    assert_eq!(error["code"], json!("invalid"));
    let fields: Vec<&str> =
        error["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "planned_end"]);
    assert!(error["message"].as_str().unwrap().contains("Le titre est obligatoire"));
    assert_eq!(invoke(&window, "list_ateliers", json!({})).unwrap(), json!([]));
}

#[test]
fn a_missing_atelier_is_not_found_in_french() {
    let (_app, window) = window();
    let error = invoke(&window, "get_atelier", json!({"id": 77})).unwrap_err();
    assert_eq!(error["code"], json!("not_found"));
    assert_eq!(error["message"], json!("L’atelier n° 77 est introuvable"));
}

#[test]
fn the_vocabulary_offers_the_core_labels() {
    let (_app, window) = window();
    let vocabulary = invoke(&window, "vocabulary", json!({})).unwrap();
    let kinds = vocabulary["atelier_kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), 4);
    assert!(kinds.contains(&json!({"value": "mise_en_oeuvre", "label": "Atelier de mise en œuvre"})));
    // Each category names its collège, from the core: the window never keeps its own copy.
    let categories = vocabulary["member_categories"].as_array().unwrap();
    assert_eq!(categories.len(), 7);
    assert!(categories.contains(
        &json!({"value": "conseil_developpement", "label": "Conseil de développement", "college": "societe_civile"})
    ));
}

#[test]
fn settings_are_checked_and_saved() {
    let (_app, window) = window();
    let input = json!({"org_name": "m2A", "time_zone": "Europe/Paris", "attendance_threshold_pct": "55",
                       "consecutive_absences_max": "3", "convocation_notice_days": "5", "organizer_email": "pas-une-adresse"});
    let error = invoke(&window, "save_settings", json!({"input": input})).unwrap_err();
    assert_eq!(error["fields"][0]["field"], json!("organizer_email"));
    let mut input = input;
    input["organizer_email"] = json!("ateliers@agglo.example.org");
    let saved = invoke(&window, "save_settings", json!({"input": input})).unwrap();
    assert_eq!(saved["attendance_threshold_pct"], json!(55));
    assert_eq!(invoke(&window, "get_settings", json!({})).unwrap(), saved);
}

#[test]
fn a_logo_sent_as_raw_bytes_is_stored_and_read_back_as_a_data_url() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = window_on(Store::open(dir.path().join("ateliers.sqlite3")).unwrap());
    let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icons/32x32.png")).unwrap();
    let settings = invoke_body(&window, "set_logo", InvokeBody::Raw(png)).unwrap();
    assert_eq!(settings["has_logo"], json!(true));
    let url = invoke(&window, "get_logo", json!({})).unwrap();
    assert!(url.as_str().unwrap().starts_with("data:image/png;base64,"));

    let error = invoke_body(&window, "set_logo", InvokeBody::Raw(b"GIF89a".to_vec())).unwrap_err();
    assert_eq!(error["code"], json!("invalid"));
    assert_eq!(error["fields"][0]["field"], json!("logo"));
    let error = invoke(&window, "set_logo", json!({"bytes": [1, 2]})).unwrap_err();
    assert_eq!(error["code"], json!("bad_request"));

    let settings = invoke(&window, "remove_logo", json!({})).unwrap();
    assert_eq!(settings["has_logo"], json!(false));
    assert_eq!(invoke(&window, "get_logo", json!({})).unwrap(), Value::Null);
}

#[test]
fn when_the_base_cannot_be_opened_every_command_says_why_in_french() {
    let error = ateliers::Error::SchemaTooNew { found: 9, supported: 1 };
    let (_app, window) = window_with(AppState::failed(error));
    for command in ["start", "list_ateliers", "get_settings"] {
        let answer = invoke(&window, command, json!({})).unwrap_err();
        assert_eq!(answer["code"], json!("schema_too_new"), "{command}");
        assert!(
            answer["message"].as_str().unwrap().starts_with(
                "Ateliers ne peut pas ouvrir sa base de données\u{a0}: la base de données est en version 9"
            ),
            "{answer}"
        );
    }
}

include!("../src-tauri/command_list.rs");

macro_rules! names {
    ($($command:ident),* $(,)?) => { vec![$(stringify!($command)),*] };
}

#[test]
fn the_window_may_call_our_commands_and_nothing_else() {
    let generated = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/capabilities.json"))
        .expect("tauri-build wrote the capabilities");
    let capabilities: Value = serde_json::from_str(&generated).unwrap();
    let map = capabilities.as_object().expect("capabilities by identifier");
    assert_eq!(map.len(), 1, "one capability: {generated}");
    let main = &map["main-window"];
    assert_eq!(main["windows"], json!(["main"]));
    let mut granted: Vec<String> =
        main["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    let plugins: Vec<String> = granted.iter().filter(|p| p.contains(':')).cloned().collect();
    assert_eq!(plugins, Vec::<String>::new(), "no plugin's command");
    for dialog in ["dialog:allow-open", "dialog:allow-save", "dialog:default"] {
        assert!(!granted.iter().any(|p| p == dialog), "the page cannot open a dialog itself ({dialog})");
    }
    for ours in ["allow-choose-file-to-open", "allow-choose-file-to-save"] {
        assert!(granted.iter().any(|p| p == ours), "the page asks Rust to open the dialogs ({ours})");
    }
    granted.retain(|p| !p.contains(':'));
    let mut commands: Vec<String> = granted
        .iter()
        .map(|p| p.strip_prefix("allow-").unwrap_or_else(|| panic!("{p} is not an allow-")).replace('-', "_"))
        .collect();
    commands.sort();
    let mut registered: Vec<&str> = for_each_command!(names);
    registered.sort();
    assert_eq!(commands, registered, "every registered command is granted, and only those");

    // Every granted command answers (its handler is registered), an unknown one does not.
    let (_app, window) = window();
    let unknown = |command: &str| {
        let answer = invoke(&window, command, json!({}));
        answer.as_ref().err().and_then(Value::as_str).is_some_and(|m| m.contains("not found"))
    };
    assert!(unknown("commande_inexistante"), "an unknown command is recognised as such");
    for command in &commands {
        assert!(!unknown(command), "allow-{command} grants a command that is not registered");
    }
    // No permission file is left for a command that no longer exists.
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/permissions/autogenerated"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().trim_end_matches(".toml").to_string())
            .collect();
    files.sort();
    assert_eq!(files, registered, "permissions/autogenerated matches the command list");
}

#[test]
fn the_content_security_policy_allows_only_our_own_files() {
    let config: Value =
        serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json is JSON");
    let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set");
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    let remote = csp.replace("http://ipc.localhost", "");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert!(!remote.contains("http") && !remote.contains('*'), "no remote source: {csp}");
    assert_eq!(config["app"]["withGlobalTauri"], json!(true));
}

fn demo_window() -> (tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    let mut store = Store::open_in_memory().expect("store");
    store.load_demo(ateliers::clock::today()).expect("demo");
    window_on(store)
}

#[test]
fn the_directory_is_searched_and_a_person_created_with_french_errors() {
    let (_app, window) = demo_window();
    let page = invoke(
        &window,
        "search_people",
        json!({"query": "helene", "includeArchived": false, "sort": "name"}),
    )
    .expect("search");
    let rows = page["rows"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["first_name"] == "Hélène"), "{page}");
    assert_eq!(page["total"].as_u64().unwrap() as usize, rows.len());

    let refused = invoke(
        &window,
        "create_person",
        json!({"input": {"first_name": "Anne", "last_name": "", "email": "anne"}}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "invalid");
    let fields: Vec<&str> =
        refused["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["last_name", "email"]);
    assert_eq!(
        refused["fields"][1]["message"], "L’adresse électronique «\u{a0}anne\u{a0}» n’est pas valide",
        "French typography is applied once, on the way out"
    );
    let person = invoke(
        &window,
        "create_person",
        json!({"input": {"first_name": "Anne", "last_name": "Œhler", "civility": "Mme"}}),
    )
    .expect("created");
    let found = invoke(
        &window,
        "search_people",
        json!({"query": "oehler", "includeArchived": false, "sort": "name"}),
    )
    .unwrap();
    assert_eq!(found["rows"][0]["id"], person["id"], "« oehler » finds « Œhler »");
}

#[test]
fn a_membership_changes_the_composition_and_a_signature_the_unsigned_list() {
    let (_app, window) = demo_window();
    let ateliers = invoke(&window, "list_ateliers", json!({})).unwrap();
    let velo = ateliers.as_array().unwrap().iter().find(|a| a["code"] == "AP-VELO").unwrap();
    let id = velo["id"].clone();
    assert!(velo["composition"]["member_count"].as_u64().unwrap() > 0);
    let before = invoke(&window, "get_composition", json!({"atelierId": id, "at": null})).unwrap();

    let person =
        invoke(&window, "create_person", json!({"input": {"first_name": "Léa", "last_name": "Nouvelle"}}))
            .unwrap();
    let added = invoke(
        &window,
        "add_membership",
        json!({"atelierId": id, "input": {"person_id": person["id"], "college": "societe_civile", "category": "conseil_developpement", "joined_on": ""}}),
    )
    .unwrap_err();
    assert_eq!(added["fields"][0]["field"], "joined_on", "the arrival date is required");
    let today = ateliers::clock::today().format("%d/%m/%Y").to_string();
    invoke(
        &window,
        "add_membership",
        json!({"atelierId": id, "input": {"person_id": person["id"], "college": "", "category": "conseil_developpement", "joined_on": today}}),
    )
    .expect("added");
    let after = invoke(&window, "get_composition", json!({"atelierId": id, "at": null})).unwrap();
    assert_eq!(after["member_count"].as_u64().unwrap(), before["member_count"].as_u64().unwrap() + 1);
    assert_eq!(after["conseil_dev"].as_u64().unwrap(), before["conseil_dev"].as_u64().unwrap() + 1);

    let unsigned = invoke(&window, "unsigned_members", json!({"atelierId": id, "at": null})).unwrap();
    let count = unsigned.as_array().unwrap().len();
    assert!(unsigned.as_array().unwrap().iter().any(|p| p["id"] == person["id"]));
    invoke(
        &window,
        "record_signature",
        json!({"input": {"person_id": person["id"], "signed_on": today, "mode": "papier"}, "scanPath": null}),
    )
    .expect("signed");
    let unsigned = invoke(&window, "unsigned_members", json!({"atelierId": id, "at": null})).unwrap();
    assert_eq!(unsigned.as_array().unwrap().len(), count - 1);
}

#[test]
fn an_import_is_previewed_then_written() {
    let (app, window) = demo_window();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("membres.csv");
    std::fs::write(&file, "Prénom,Nom,Collège\nJeanne,Kessler,experts\nPaul,Sans,inconnu\n").unwrap();
    choose(&app, &file, Grant::Open);
    let ateliers = invoke(&window, "list_ateliers", json!({})).unwrap();
    let id = ateliers[0]["id"].clone();
    let preview = invoke(&window, "preview_import", json!({"atelierId": id, "path": file})).unwrap();
    assert_eq!(preview["new_count"], 1);
    assert_eq!(preview["invalid_count"], 1);
    assert_eq!(preview["rows"][1]["line"], 3);
    assert_eq!(preview["rows"][1]["status"], "invalid");
    let done = invoke(&window, "import_members", json!({"atelierId": id, "path": file, "skipInvalid": true}))
        .unwrap();
    assert_eq!((done["imported"].as_u64(), done["rejected"].as_u64()), (Some(1), Some(1)));
    assert!(done["message"].as_str().unwrap().starts_with("Import terminé"));

    let not_a_table = dir.path().join("image.png");
    std::fs::write(&not_a_table, b"\x89PNG\r\n\x1a\n\0\0\0binaire").unwrap();
    choose(&app, &not_a_table, Grant::Open);
    let err = invoke(&window, "preview_import", json!({"atelierId": id, "path": not_a_table})).unwrap_err();
    assert_eq!(err["code"], "not_a_table");
}

#[test]
fn a_document_is_named_previewed_and_written_where_the_user_chose() {
    let (app, window) = demo_window();
    let meetings =
        invoke(&window, "calendar_meetings", json!({"from": "2000-01-01", "to": "2100-01-01"})).unwrap();
    let meeting =
        meetings.as_array().unwrap().iter().find(|m| m["status"] == "tenue").expect("a held meeting").clone();
    let request = json!({"kind": "ordre_du_jour", "meeting_id": meeting["id"]});

    let name = invoke(&window, "document_name", json!({"request": request})).unwrap();
    let name = name.as_str().unwrap();
    assert!(name.starts_with("Ordre du jour ") && name.ends_with(".pdf"), "{name}");

    let preview = invoke(&window, "document_preview", json!({"request": request})).unwrap();
    assert_eq!(preview["width"].as_f64().map(|w| w.round()), Some(595.0));
    let texts: Vec<&str> = preview["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "text")
        .filter_map(|i| i["text"].as_str())
        .collect();
    assert!(texts.contains(&"Ordre du jour"), "{texts:?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ordre");
    choose(&app, &path, Grant::Save);
    let written = invoke(&window, "export_document", json!({"request": request, "path": path})).unwrap();
    let written_path = written["path"].as_str().unwrap();
    assert!(written_path.ends_with("ordre.pdf"), "the extension is added: {written_path}");
    assert!(std::fs::read(written_path).unwrap().starts_with(b"%PDF-"));
    assert!(written["title"].as_str().unwrap().starts_with("Ordre du jour"));
}

#[test]
fn a_document_that_cannot_be_made_is_refused_in_french_and_nothing_is_written() {
    let (app, window) = demo_window();
    let meetings =
        invoke(&window, "calendar_meetings", json!({"from": "2000-01-01", "to": "2100-01-01"})).unwrap();
    let coming = meetings
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "prevue")
        .expect("a coming meeting")
        .clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("releve.pdf");
    choose(&app, &path, Grant::Save);
    let error = invoke(
        &window,
        "export_document",
        json!({"request": {"kind": "releve", "meeting_id": coming["id"]}, "path": path}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "refused");
    assert!(error["message"].as_str().unwrap().contains("n’a pas encore été rédigé"), "{error}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let error = invoke(&window, "document_name", json!({"request": {"kind": "inconnu"}})).unwrap_err();
    assert!(error.is_string() || error["code"].is_string(), "a bad request is refused: {error}");
}

#[test]
fn calendars_are_named_written_and_imported_through_the_commands() {
    let (app, window) = demo_window();
    let meetings =
        invoke(&window, "calendar_meetings", json!({"from": "2000-01-01", "to": "2100-01-01"})).unwrap();
    let coming = meetings
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["status"] == "prevue")
        .expect("a planned meeting")
        .clone();
    let invitation = json!({"kind": "invitation", "meeting_id": coming["id"]});
    let name = invoke(&window, "calendar_file_name", json!({"request": invitation})).unwrap();
    assert!(
        name.as_str().unwrap().starts_with("Invitation ") && name.as_str().unwrap().ends_with(".ics"),
        "{name}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invitation");
    choose(&app, &path, Grant::Save);
    let written = invoke(&window, "export_calendar", json!({"request": invitation, "path": path})).unwrap();
    let written = written["path"].as_str().unwrap().to_string();
    assert!(written.ends_with("invitation.ics"));
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(
        text.contains("METHOD:REQUEST\r\n")
            && text.contains(&format!("UID:{}\r\n", coming["ical_uid"].as_str().unwrap()))
    );
    // A meeting that takes place has no cancellation: refused in French, nothing written.
    choose(&app, &dir.path().join("annulation"), Grant::Save);
    let error = invoke(
        &window,
        "export_calendar",
        json!({"request": {"kind": "cancellation", "meeting_id": coming["id"]}, "path": dir.path().join("annulation")}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "refused");
    assert!(!dir.path().join("annulation.ics").exists());

    // Our own calendar imported as another body's: its events come back on their days.
    let all = dir.path().join("tous");
    choose(&app, &all, Grant::Save);
    choose(&app, &dir.path().join("tous.ics"), Grant::Open);
    invoke(&window, "export_calendar", json!({"request": {"kind": "all"}, "path": all})).unwrap();
    let imported = invoke(&window, "import_calendar", json!({"path": dir.path().join("tous.ics")})).unwrap();
    assert!(imported["added"].as_u64().unwrap() > 0);
    assert!(imported["message"].as_str().unwrap().contains("importé"), "{imported}");
    let day = &coming["start"].as_str().unwrap()[..10];
    let events = invoke(&window, "external_events", json!({"from": day, "to": day})).unwrap();
    assert!(events.as_array().unwrap().iter().any(|e| e["start"] == coming["start"]), "{events}");
    let calendars = invoke(&window, "external_calendars", json!({})).unwrap();
    let id = calendars[0]["id"].clone();
    invoke(&window, "delete_external_calendar", json!({"id": id})).unwrap();
    assert_eq!(invoke(&window, "external_calendars", json!({})).unwrap(), json!([]));
    let not_a_calendar = dir.path().join("notes.txt");
    std::fs::write(&not_a_calendar, "rien").unwrap();
    choose(&app, &not_a_calendar, Grant::Open);
    let error = invoke(&window, "import_calendar", json!({"path": not_a_calendar})).unwrap_err();
    assert_eq!(error["code"], "not_a_calendar");

    // The shared calendar's settings are checked field by field.
    let error = invoke(
        &window,
        "save_caldav_settings",
        json!({"input": {"url": "nuage", "user": ""}, "password": null}),
    )
    .unwrap_err();
    let fields: Vec<&str> =
        error["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["caldav_url", "caldav_user"]);
    let saved = invoke(
        &window,
        "save_caldav_settings",
        json!({"input": {"url": "https://nuage.example.fr/dav/ateliers", "user": "secretariat"}, "password": null}),
    )
    .unwrap();
    assert_eq!(saved["url"], "https://nuage.example.fr/dav/ateliers/");
    assert_eq!(invoke(&window, "get_caldav_settings", json!({})).unwrap(), saved);
}

/// `(command, arguments)` for every command that reads or writes a file the user chooses,
/// aimed at `path`.
fn file_commands(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    path: &Path,
) -> Vec<(&'static str, Value)> {
    let ateliers = invoke(window, "list_ateliers", json!({})).unwrap();
    let atelier = ateliers[0]["id"].clone();
    let meetings =
        invoke(window, "calendar_meetings", json!({"from": "2000-01-01", "to": "2100-01-01"})).unwrap();
    let held = meetings.as_array().unwrap().iter().find(|m| m["status"] == "tenue").expect("a held meeting");
    let meeting = held["id"].clone();
    let person =
        invoke(window, "search_people", json!({"query": "", "includeArchived": false, "sort": "name"}))
            .unwrap()["rows"][0]["id"]
            .clone();
    let today = ateliers::clock::today().format("%d/%m/%Y").to_string();
    vec![
        ("export_people_csv", json!({"path": path})),
        ("export_members_csv", json!({"atelierId": atelier, "path": path})),
        ("export_person", json!({"id": person, "path": path})),
        (
            "export_document",
            json!({"request": {"kind": "ordre_du_jour", "meeting_id": meeting}, "path": path}),
        ),
        ("export_calendar", json!({"request": {"kind": "all"}, "path": path})),
        ("preview_import", json!({"atelierId": atelier, "path": path})),
        ("import_members", json!({"atelierId": atelier, "path": path, "skipInvalid": true})),
        ("import_calendar", json!({"path": path})),
        ("attach_meeting_document", json!({"meetingId": meeting, "path": path})),
        (
            "record_signature",
            json!({"input": {"person_id": person, "signed_on": today, "mode": "copie_numerisee"}, "scanPath": path}),
        ),
        ("backup_now", json!({"path": path})),
        ("inspect_backup_file", json!({"path": path})),
        ("restore_file", json!({"path": path})),
    ]
}

#[test]
fn a_path_the_user_did_not_choose_in_our_dialogs_is_refused_and_nothing_is_read_or_written() {
    let (app, window) = demo_window();
    let home = tempfile::tempdir().unwrap();
    // What a compromised page would aim at.
    let bashrc = home.path().join(".bashrc");
    std::fs::write(&bashrc, "Prénom,Nom,Collège\nJeanne,Kessler,experts\n").unwrap();
    let people_before =
        invoke(&window, "search_people", json!({"query": "", "includeArchived": true, "sort": "name"}))
            .unwrap()["total"]
            .clone();
    for (command, args) in file_commands(&window, &bashrc) {
        let error = invoke(&window, command, args).unwrap_err();
        assert_eq!(error["code"], "chemin_refuse", "{command}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains(".bashrc")
                && message.contains("n’a pas été choisi")
                && message.contains("rien n’a été lu ni écrit"),
            "{command}: {message}"
        );
    }
    let files: Vec<_> = std::fs::read_dir(home.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(files, [".bashrc"], "nothing written beside it");
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), "Prénom,Nom,Collège\nJeanne,Kessler,experts\n");
    let people_after =
        invoke(&window, "search_people", json!({"query": "", "includeArchived": true, "sort": "name"}))
            .unwrap()["total"]
            .clone();
    assert_eq!(people_after, people_before, "nothing imported");

    // A file chosen to be opened is not one to write.
    choose(&app, &bashrc, Grant::Open);
    let error = invoke(&window, "export_people_csv", json!({"path": bashrc})).unwrap_err();
    assert_eq!(error["code"], "chemin_refuse");
    assert!(std::fs::read_to_string(&bashrc).unwrap().starts_with("Prénom"));
}

#[test]
fn a_path_chosen_in_the_save_dialog_is_written_once_and_one_chosen_to_open_is_read_again() {
    let (app, window) = demo_window();
    let dir = tempfile::tempdir().unwrap();

    // Saved: the directory, `.csv` added as the window used to add it; the choice used once.
    let chosen = dir.path().join("annuaire");
    choose(&app, &chosen, Grant::Save);
    let done = invoke(&window, "export_people_csv", json!({"path": chosen})).unwrap();
    let written = dir.path().join("annuaire.csv");
    assert!(done["message"].as_str().unwrap().contains(&written.display().to_string()), "{done}");
    assert!(std::fs::read_to_string(&written).unwrap().contains("Civilité"));
    std::fs::remove_file(&written).unwrap();
    let again = invoke(&window, "export_people_csv", json!({"path": chosen})).unwrap_err();
    assert_eq!(again["code"], "chemin_refuse", "a save dialog's choice is used once");
    assert!(!written.exists());

    // Saved: everything on a person, `.json` added, with its `.csv` beside it.
    let person =
        invoke(&window, "search_people", json!({"query": "", "includeArchived": false, "sort": "name"}))
            .unwrap()["rows"][0]["id"]
            .clone();
    let record = dir.path().join("personne");
    choose(&app, &record, Grant::Save);
    invoke(&window, "export_person", json!({"id": person, "path": record})).unwrap();
    assert!(dir.path().join("personne.json").is_file() && dir.path().join("personne.csv").is_file());

    // Opened: previewed, then imported, from the one choice.
    let sheet = dir.path().join("membres.csv");
    std::fs::write(&sheet, "Prénom,Nom,Collège\nJeanne,Kessler,experts\n").unwrap();
    choose(&app, &sheet, Grant::Open);
    let atelier = invoke(&window, "list_ateliers", json!({})).unwrap()[0]["id"].clone();
    invoke(&window, "preview_import", json!({"atelierId": atelier, "path": sheet})).unwrap();
    let imported =
        invoke(&window, "import_members", json!({"atelierId": atelier, "path": sheet, "skipInvalid": true}))
            .unwrap();
    assert_eq!(imported["imported"], 1);
}

#[test]
fn backups_are_listed_saved_where_chosen_and_restored_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    let mut store = Store::open(&db).expect("store");
    store.load_demo(ateliers::clock::today()).expect("demo");
    store.backup_rotating().unwrap();
    let (app, window) = window_on(store);
    invoke(&window, "create_atelier", json!({"input": atelier_input("AP-APRES", "Après")})).unwrap();

    let listing = invoke(&window, "list_backups", json!({})).unwrap();
    assert_eq!(listing["current"]["description"], "5 ateliers, 152 personnes, 10 réunions");
    let backups = listing["backups"].as_array().unwrap();
    assert_eq!(backups.len(), 1);
    assert!(backups[0]["contents"]["description"].as_str().unwrap().starts_with("4 ateliers"), "{listing}");
    assert!(backups[0]["size"].as_str().unwrap().ends_with("Ko"), "{listing}");

    let copy = dir.path().join("cle").join("copie");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    choose(&app, &copy, Grant::Save);
    let done = invoke(&window, "backup_now", json!({"path": copy})).unwrap();
    assert!(done["message"].as_str().unwrap().contains("copie.sqlite3"), "{done}");
    let copy = copy.with_extension("sqlite3");
    assert_eq!(Store::contents_of_file(&copy).unwrap().ateliers, 5);

    let name = backups[0]["name"].as_str().unwrap();
    let done = invoke(&window, "restore_backup", json!({"name": name})).unwrap();
    assert!(done["message"].as_str().unwrap().contains("4 ateliers"), "{done}");
    assert_eq!(invoke(&window, "list_ateliers", json!({})).unwrap().as_array().unwrap().len(), 4);
    let error = invoke(&window, "restore_backup", json!({"name": "../ateliers.sqlite3"})).unwrap_err();
    assert!(error["message"].as_str().unwrap().contains("n’existe plus"), "{error}");

    choose(&app, &copy, Grant::Open);
    let contents = invoke(&window, "inspect_backup_file", json!({"path": copy})).unwrap();
    assert!(contents["description"].as_str().unwrap().starts_with("5 ateliers"), "{contents}");
    invoke(&window, "restore_file", json!({"path": copy})).unwrap();
    assert_eq!(invoke(&window, "list_ateliers", json!({})).unwrap().as_array().unwrap().len(), 5);
    // Two restores: two backups of the state before each, beside the first one.
    assert_eq!(invoke(&window, "list_backups", json!({})).unwrap()["backups"].as_array().unwrap().len(), 3);
}
