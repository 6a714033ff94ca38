//! The commands called through Tauri's IPC without a webview (`tauri::test`): arguments
//! and answers as the UI sends and receives them, errors as `{code, message, fields}`.

use ateliers::store::Store;
use ateliers_desktop::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

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

fn atelier_input(code: &str, title: &str) -> Value {
    json!({
        "code": code, "title": title, "kind": "faisabilite", "status": "propose",
        "planned_start": "2027-01-05", "planned_end": "2027-06-30",
        "milestones": [{"label": "Séance 1", "planned_on": "2027-01-12", "kind": "seance"}],
        "commune_ids": [], "porteur_politique_id": null, "collaborateur_referent_id": null
    })
}

#[test]
fn an_empty_base_asks_for_the_first_start_choice_until_it_is_made() {
    let (_app, window) = window();
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["first_start_pending"], json!(true));
    invoke(&window, "start_empty", json!({})).unwrap();
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_eq!(info["first_start_pending"], json!(false));
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
    assert_eq!(error["message"], json!("L'atelier n° 77 est introuvable"));
}

#[test]
fn the_vocabulary_offers_the_core_labels() {
    let (_app, window) = window();
    let vocabulary = invoke(&window, "vocabulary", json!({})).unwrap();
    let kinds = vocabulary["atelier_kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), 4);
    assert!(kinds.contains(&json!({"value": "mise_en_oeuvre", "label": "Atelier de mise en œuvre"})));
}

#[test]
fn settings_are_checked_and_saved() {
    let (_app, window) = window();
    let input = json!({"org_name": "m2A", "time_zone": "Europe/Paris", "attendance_threshold_pct": "55",
                       "consecutive_absences_max": "3", "organizer_email": "pas-une-adresse"});
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
    for command in ["app_info", "list_ateliers", "get_settings"] {
        let answer = invoke(&window, command, json!({})).unwrap_err();
        assert_eq!(answer["code"], json!("schema_too_new"), "{command}");
        assert!(
            answer["message"].as_str().unwrap().starts_with(
                "Ateliers ne peut pas ouvrir sa base de données : la base de données est en version 9"
            ),
            "{answer}"
        );
    }
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
    let permissions: Vec<&str> =
        main["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(permissions.iter().all(|p| p.starts_with("allow-")), "only our own commands: {permissions:?}");
    let (_app, window) = window();
    let unknown = |command: &str| {
        let answer = invoke(&window, command, json!({}));
        answer.as_ref().err().and_then(Value::as_str).is_some_and(|m| m.contains("not found"))
    };
    assert!(unknown("commande_inexistante"), "an unknown command is recognised as such");
    for permission in &permissions {
        let command = permission.trim_start_matches("allow-").replace('-', "_");
        assert!(!unknown(&command), "{permission} grants a command that does not exist");
    }
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
