//! The application in a real window, driven through WebDriver (`tauri-driver` +
//! WebKitWebDriver) under Xvfb, each test with its own temporary data folder.
//!
//! These tests need a display and the drivers, so they are `#[ignore]`d in a plain
//! `cargo test`; `scripts/test.sh` installs what they need and runs them with `--ignored`.
//! Screenshots of every screen are written to `target/screenshots/`; axe-core checks every
//! screen against WCAG 2.1 A and AA (RGAA 4).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ateliers::store::Store;
use ateliers_testkit::app::*;
use serde_json::json;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn first_start_offers_the_demo_data_and_every_screen_is_accessible() {
    let app = App::new(DESKTOP);
    let session = app.launch();

    session.wait_for("#load-demo", 20);
    assert!(session.page_text().contains("Bienvenue dans Ateliers"));
    session.press_key(TAB);
    let focused = session.execute(
        "const el = document.activeElement;
         return [el.id, getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth];",
        json!([]),
    );
    assert_eq!(focused[0], "skip-link", "the first Tab reaches « Aller au contenu »");
    assert_ne!(focused[1], "none", "the focused control shows a visible outline");
    screenshot(&session, "01-premier-demarrage");
    assert_accessible(&session, "premier démarrage");

    session.find("#load-demo").expect("demo button").click();
    // The home screen is the dashboard; the ateliers are one link away.
    session.wait_for("#tableau-reunions", 30);
    let status = announced(&session, "données de démonstration ont été chargées");
    session.find("a[data-nav='ateliers']").expect("« Ateliers » in the navigation").click();
    session.wait_for("#ateliers-table tr[data-code='AP-VELO']", 30);
    assert!(status.contains("4 ateliers"), "status says what happened: {status}");
    let rows = session.find_all("#ateliers-table tbody tr");
    assert_eq!(rows.len(), 4);
    let text = session.page_text();
    assert!(text.contains("Atelier permanent des Finances"), "{text}");
    assert!(text.contains("En cours"), "labels come from the core: {text}");
    screenshot(&session, "02-liste-des-ateliers");
    assert_accessible(&session, "liste des ateliers");
    assert_fits_laptop_screen(&session, "liste des ateliers");

    session.find("#ateliers-table tr[data-code='AP-VELO'] a").expect("link to the atelier").click();
    session.wait_for("#atelier-form #code", 20);
    assert_eq!(session.find("#code").unwrap().property("value"), json!("AP-VELO"));
    let start = session.find("#planned_start").unwrap().property("value");
    let start = start.as_str().unwrap_or_default();
    assert!(
        start.len() == 10 && start.as_bytes()[2] == b'/' && start.as_bytes()[5] == b'/',
        "dates are shown as jj/mm/aaaa: {start}"
    );
    let checked = session.find_all("#commune_ids input:checked").len();
    assert_eq!(checked, 6, "the six communes concerned are checked");
    assert!(session.find_all("#milestones li").len() >= 5, "milestones are listed");
    screenshot(&session, "03-fiche-atelier");
    assert_accessible(&session, "formulaire d'atelier");
    assert_fits_laptop_screen(&session, "formulaire d'atelier");

    session.find("a[data-nav='parametres']").expect("settings link").click();
    session.wait_for("#settings-form #org_name", 20);
    assert_eq!(session.find("#org_name").unwrap().property("value"), json!("Mulhouse Alsace Agglomération"));
    screenshot(&session, "04-parametres");
    assert_accessible(&session, "paramètres");
    assert_fits_laptop_screen(&session, "paramètres");

    type_into(&session, "#org_name", "Commune de Riedisheim");
    type_into(&session, "#attendance_threshold_pct", "cent");
    session.find("#save-settings").unwrap().click();
    session.wait_for("#attendance_threshold_pct[aria-invalid='true']", 10);
    assert!(session.page_text().contains("Le seuil d’assiduité doit être un nombre entier entre 0 et 100"));
    screenshot(&session, "05-parametres-erreur");
    assert_accessible(&session, "paramètres avec erreur");

    type_into(&session, "#attendance_threshold_pct", "60");
    session.find("#save-settings").unwrap().click();
    announced(&session, "Les paramètres ont été enregistrés.");
    session.wait_until("document.getElementById('org-name').textContent === 'Commune de Riedisheim'", 10);

    let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/128x128.png");
    session.find("#logo").expect("logo file field").send_keys(&logo.display().to_string());
    announced(&session, "Le logo a été enregistré.");
    session.wait_until("!document.querySelector('.logo-preview').hidden && document.querySelector('.logo-preview').naturalWidth === 128", 10);
    screenshot(&session, "10-parametres-logo");
    assert_accessible(&session, "paramètres avec logo");
    session.close();

    let store = Store::open(app.database()).expect("the base opens");
    assert_eq!(store.settings().unwrap().data.attendance_threshold_pct, 60);
    assert!(
        store.picture_data_url(ateliers::model::settings::Picture::Logo).unwrap().is_some(),
        "the logo is in the base"
    );
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn an_atelier_created_in_the_form_is_listed_and_still_there_after_a_crash_and_restart() {
    let app = App::new(DESKTOP);
    let session = app.launch();
    start_empty(&session);
    assert!(session.page_text().contains("Aucun atelier pour l’instant"), "{}", session.page_text());
    screenshot(&session, "06-liste-vide");
    assert_accessible(&session, "liste vide");

    open_new_atelier_form(&session);
    type_into(&session, "#code", "AP-MOB");
    type_into(&session, "#title", "Mobilités douces et covoiturage");
    session.find("#kind option[value='faisabilite']").expect("kind option").click();
    session.find("#atelier-status option[value='propose']").expect("status option").click();
    type_into(&session, "#planned_start", "05/01/2027");
    type_into(&session, "#planned_end", "30/06/2027");
    type_into(
        &session,
        "#political_mandate",
        "Étudier la faisabilité d'un réseau de covoiturage « domicile-travail ».",
    );
    session.find("#add-milestone").expect("add milestone").click();
    let label = session.wait_for("#milestones li input[type='text']", 10);
    label.send_keys("Séance de lancement");
    screenshot(&session, "07-nouvel-atelier");
    assert_accessible(&session, "nouvel atelier");
    session.find("#save-atelier").unwrap().click();

    session.wait_for("#ateliers-table tr[data-code='AP-MOB']", 20);
    announced(&session, "L’atelier « AP-MOB — Mobilités douces et covoiturage » a été créé.");
    assert!(
        session.page_text().contains("du mardi 5 janvier 2027 au mercredi 30 juin 2027"),
        "{}",
        session.page_text()
    );
    screenshot(&session, "08-atelier-cree");
    // A crash right after the save: nothing committed may be lost.
    // (`comm` holds the first 15 bytes of the binary's name.)
    let apps: Vec<u32> = app
        .driver
        .descendants()
        .into_iter()
        .filter(|(_, n)| n == "ateliers-deskto")
        .map(|(p, _)| p)
        .collect();
    assert_eq!(apps.len(), 1, "one application process to kill");
    let killed = Command::new("kill").args(["-KILL", &apps[0].to_string()]).status().expect("kill runs");
    assert!(killed.success());
    drop(session);

    let session = app.launch();
    session.wait_for("a[data-nav='ateliers']", 20).click();
    session.wait_for("#ateliers-table tr[data-code='AP-MOB']", 20);
    assert!(session.page_text().contains("Mobilités douces et covoiturage"));
    session.close();

    let store = Store::open(app.database()).unwrap();
    let ateliers = store.list_ateliers().unwrap();
    assert_eq!(ateliers.len(), 1);
    let saved = store.atelier(ateliers[0].id).unwrap();
    assert_eq!(saved.data.milestones.len(), 1);
    assert_eq!(saved.data.milestones[0].label, "Séance de lancement");
    assert!(saved.data.political_mandate.contains("« domicile-travail »"));
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn an_invalid_atelier_shows_french_errors_beside_the_fields_and_saves_nothing() {
    let app = App::new(DESKTOP);
    let session = app.launch();
    start_empty(&session);
    open_new_atelier_form(&session);
    type_into(&session, "#code", "AP-X");
    session.find("#kind option[value='mise_en_oeuvre']").unwrap().click();
    session.find("#atelier-status option[value='propose']").unwrap().click();
    type_into(&session, "#planned_start", "30/06/2027");
    type_into(&session, "#planned_end", "05/01/2027");
    type_into(&session, "#closed_on", "31/02/2027");
    session.find("#save-atelier").unwrap().click();

    session.wait_for("#title[aria-invalid='true']", 10);
    let title_error = error_beside(&session, "title");
    assert_eq!(title_error, "Le titre est obligatoire");
    let end_error = error_beside(&session, "planned_end");
    assert_eq!(
        end_error,
        "La fin prévue (mardi 5 janvier 2027) est antérieure au début prévu (mercredi 30 juin 2027)"
    );
    assert_eq!(
        error_beside(&session, "closed_on"),
        "La date de clôture «\u{a0}31/02/2027\u{a0}» n’est pas une date valide (attendu\u{a0}: jj/mm/aaaa)"
    );
    let focused = session.execute("return document.activeElement.id;", json!([]));
    assert_eq!(focused, json!("title"), "focus moves to the first invalid field");
    let status = announced(&session, "L’atelier n’a pas été enregistré");
    assert!(status.contains("3 erreurs"), "{status}");
    screenshot(&session, "09-atelier-invalide");
    assert_accessible(&session, "formulaire avec erreurs");

    // The user's input stays in the form.
    assert_eq!(session.find("#code").unwrap().property("value"), json!("AP-X"));
    session.close();
    let store = Store::open(app.database()).unwrap();
    assert!(store.list_ateliers().unwrap().is_empty(), "nothing was saved");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_base_from_a_newer_version_is_explained_in_the_window_and_left_untouched() {
    let app = App::new(DESKTOP);
    let db = app.database();
    Store::open(&db).and_then(|mut s| s.load_demo(ateliers::clock::today())).unwrap();
    set_user_version(&db, ateliers::store::LATEST_VERSION + 1);
    let before = std::fs::read(&db).unwrap();

    let session = app.launch();
    session.wait_until("document.querySelector('main h1')?.textContent === 'Une erreur est survenue'", 20);
    let text = session.page_text();
    assert!(text.contains("Ateliers ne peut pas ouvrir sa base de données"), "{text}");
    assert!(text.contains("mettez l’application à jour"), "{text}");
    screenshot(&session, "11-base-trop-recente");
    assert_accessible(&session, "erreur d'ouverture de la base");
    session.close();
    assert_eq!(std::fs::read(&db).unwrap(), before, "the newer base was not touched");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, and a D-Bus session bus of its own)"]
fn a_second_launch_on_the_same_base_hands_over_to_the_first_and_exits() {
    // The guard is a name on the D-Bus session bus: a bus of the test's own (with a keyring
    // on it, unused here), held until the end.
    let session_bus = ateliers_testkit::servers::SecretService::start();
    let bus = session_bus.address();
    let data = tempfile::tempdir().unwrap();
    let launch = |base: &str| -> Child {
        Command::new(DESKTOP.binary)
            .env("ATELIERS_DB", data.path().join(base))
            .env("XDG_DATA_HOME", data.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("the application starts")
    };
    // The names our instances hold on the bus.
    let instances = || {
        let out = Command::new("dbus-send")
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
            .arg("org.freedesktop.DBus.ListNames")
            .output()
            .expect("dbus-send runs (package dbus)");
        String::from_utf8_lossy(&out.stdout).matches("\"fr.ateliers.desktop.base").count()
    };
    let wait = |what: &str, ready: &mut dyn FnMut() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !ready() {
            assert!(Instant::now() < deadline, "{what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };

    let mut first = launch("ateliers.sqlite3");
    wait("the first window never held its name on the bus", &mut || instances() == 1);
    let mut second = launch("ateliers.sqlite3");
    let mut ended = None;
    wait("a second launch on the same base did not exit", &mut || {
        ended = second.try_wait().expect("its state");
        ended.is_some()
    });
    assert!(ended.is_some_and(|status| status.success()), "it exits quietly: {ended:?}");
    assert!(first.try_wait().unwrap().is_none(), "the first window stays open");

    // Another base is another instance: both windows stay open.
    let mut other = launch("autre.sqlite3");
    wait("a launch on another base was not let through", &mut || instances() == 2);
    assert!(other.try_wait().unwrap().is_none() && first.try_wait().unwrap().is_none());
    for child in [&mut first, &mut other] {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

/// Rewrites the `user_version` field of a database file header (bytes 60..64, big-endian).
fn set_user_version(path: &Path, version: i64) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&(version as u32).to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}
