//! « Aide » and « À propos » in a real window: the guide opened from the navigation and with
//! F1 from another screen, its table of contents that moves the focus without touching the
//! router's hash; « À propos » with the version, the database file, the schema version, the
//! licences, and its two buttons that open the data and backups folders in the file manager.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb. The file manager is a stand-in `xdg-open`, first in the application's `PATH`,
//! that writes down the folders it is asked to open.

use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::opener::FakeOpener;
use ateliers_testkit_demo::demo_app;
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

const F1: &str = "\u{E031}";

/// The headings of the screen in document order, as « h2 La semaine type ».
fn headings(session: &Session) -> Vec<String> {
    serde_json::from_value(session.execute(
        "return [...document.querySelectorAll('main h1, main h2, main h3')]
                  .map(h => h.tagName.toLowerCase() + ' ' + h.textContent.trim());",
        json!([]),
    ))
    .unwrap()
}

/// Checks the guide on screen: one h1, levels never skipped, the sections and a few texts.
fn assert_help_shown(session: &Session) {
    session.wait_for("#aide-raccourcis", 20);
    wait_loaded(session);
    assert_eq!(session.execute("return document.title;", json!([])), json!("Aide — Ateliers"));
    let found = headings(session);
    assert_eq!(found.iter().filter(|h| h.starts_with("h1 ")).count(), 1, "{found:?}");
    assert_eq!(found[0], "h1 Aide");
    let mut level = 1;
    for heading in &found {
        let this: u32 = heading[1..2].parse().unwrap();
        assert!(this <= level + 1, "a heading level is skipped at « {heading} » in {found:?}");
        level = this;
    }
    for wanted in [
        "h2 La semaine type",
        "h3 2. Envoyer les convocations",
        "h2 Les écrans",
        "h3 Tableau de bord",
        "h3 Ateliers et leurs onglets",
        "h3 Une réunion et ses parties",
        "h3 Calendrier",
        "h3 Actions",
        "h3 Annuaire",
        "h3 Charte",
        "h3 Paramètres",
        "h2 Raccourcis clavier",
    ] {
        assert!(found.iter().any(|h| h == wanted), "no « {wanted} » in {found:?}");
    }
    let text = page_text(session);
    for wanted in ["Invitation agenda", "Marquer comme envoyées", "Aller au contenu", "Valider"] {
        assert!(text.contains(wanted), "the guide does not mention « {wanted} »");
    }
    let keys = text_of(session, "#help-keys");
    for wanted in ["F1", "Maj + Tab", "Échap", "Entrée", "Espace", "Monter"] {
        assert!(keys.contains(wanted), "the shortcuts do not name « {wanted} »: {keys}");
    }
    assert_eq!(
        session.execute(
            "return document.querySelector(\"a[data-nav='aide']\").getAttribute('aria-current');",
            json!([])
        ),
        json!("page")
    );
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn aide_opens_from_the_navigation_and_with_f1_and_its_contents_move_the_focus() {
    let app = demo_app(DESKTOP);
    let session = app.launch();
    wait_loaded(&session);

    // From the navigation.
    session.wait_for("a[data-nav='aide']", 20).click();
    session.wait_until("location.hash === '#/aide'", 10);
    assert_help_shown(&session);
    assert_accessible(&session, "Aide");
    assert_fits_laptop_screen(&session, "Aide");
    screenshot(&session, "aide");

    // The table of contents: the focus goes to the section, the hash stays the route.
    session.find(".help-toc button[data-target='aide-raccourcis']").expect("the entry").click();
    session.wait_until("document.activeElement && document.activeElement.id === 'aide-raccourcis'", 10);
    assert_eq!(session.execute("return location.hash;", json!([])), json!("#/aide"));
    said(&session, "Section « Raccourcis clavier »");
    let visible = session.execute(
        "const r = document.getElementById('aide-raccourcis').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;",
        json!([]),
    );
    assert_eq!(visible, json!(true), "the section scrolled into view");
    screenshot(&session, "aide-raccourcis");

    // F1 from another screen (the calendar), the focus anywhere in the page.
    session.find("a[data-nav='calendrier']").expect("the calendar link").click();
    session.wait_until("location.hash === '#/calendrier'", 10);
    wait_loaded(&session);
    session.wait_until("document.querySelector('main h1')?.textContent.trim() === 'Calendrier'", 20);
    session.press_key(F1);
    session.wait_until("location.hash === '#/aide'", 10);
    assert_help_shown(&session);
    session.wait_until("document.activeElement === document.querySelector('main h1')", 10);

    // At the window's default size too.
    session.set_window_size(1280, 720);
    session.wait_until("window.innerWidth <= 1280", 10);
    assert_fits_laptop_screen(&session, "Aide (1280 × 720)");
    screenshot(&session, "aide-1280");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_propos_shows_the_version_the_base_and_the_licences_and_opens_both_folders() {
    let files = FakeOpener::new();
    let path = files.path();
    let app = App::with_env(DESKTOP, &[("PATH", path.as_path())]);
    let schema = {
        let mut store = Store::open(app.database()).expect("the base opens");
        store.load_demo(ateliers::clock::today()).expect("the demonstration data load");
        store.schema_version().unwrap()
    };
    let session = app.launch();
    wait_loaded(&session);

    session.wait_for("a[data-nav='a-propos']", 20).click();
    session.wait_until("location.hash === '#/a-propos'", 10);
    session.wait_for("#about-licences tbody tr", 20);
    wait_loaded(&session);
    assert_eq!(session.execute("return document.title;", json!([])), json!("À propos — Ateliers"));
    assert_eq!(headings(&session)[0], "h1 À propos");

    assert_eq!(text_of(&session, "#about-version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(text_of(&session, "#about-database"), app.database().display().to_string());
    let backups = app.data.path().join("sauvegardes");
    assert_eq!(text_of(&session, "#about-backups"), backups.display().to_string());
    assert_eq!(text_of(&session, "#about-schema"), schema.to_string());

    let headers = session.execute(
        "return [...document.querySelectorAll('#about-licences thead th')].map(th => th.textContent.trim() + '/' + th.getAttribute('scope'));",
        json!([]),
    );
    assert_eq!(headers, json!(["Composant/col", "Rôle/col", "Licence/col"]));
    let licences = text_of(&session, "#about-licences");
    for wanted in
        ["Liberation Sans", "SIL Open Font License 1.1", "SQLite", "domaine public", "Tauri", "EUPL 1.2"]
    {
        assert!(licences.contains(wanted), "the licences do not name « {wanted} »: {licences}");
    }
    assert!(!licences.contains('\''), "apostrophes are typographic: {licences}");

    // Every library compiled in, behind a disclosure: the list tests/licences.rs checks.
    let listed: Value =
        serde_json::from_str(include_str!("../src-tauri/licences.json")).expect("the list of libraries");
    let listed = listed.as_array().unwrap();
    let summary = text_of(&session, ".about-libraries summary");
    assert_eq!(summary, format!("Toutes les bibliothèques incluses dans l’application ({})", listed.len()));
    assert_eq!(
        session.execute("return document.querySelector('.about-libraries').open;", json!([])),
        json!(false),
        "closed at first"
    );
    session.find(".about-libraries summary").unwrap().click();
    session.wait_until("document.querySelector('.about-libraries').open", 10);
    let rows: Value = session.execute(
        "return [...document.querySelectorAll('#about-libraries tbody tr')]
                  .map(tr => [...tr.children].map(cell => cell.textContent));",
        json!([]),
    );
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), listed.len());
    let rusqlite = listed.iter().find(|l| l["name"] == "rusqlite").expect("rusqlite is listed");
    assert!(
        rows.contains(&json!([rusqlite["name"], rusqlite["version"], rusqlite["licence"]])),
        "rusqlite's row: {rusqlite}"
    );
    scroll_to(&session, ".about-libraries");
    screenshot(&session, "a-propos-bibliotheques");
    assert_accessible(&session, "À propos, bibliothèques ouvertes");
    session.find(".about-libraries summary").unwrap().click();

    assert_accessible(&session, "À propos");
    assert_fits_laptop_screen(&session, "À propos");
    screenshot(&session, "a-propos");

    session.find("#open-data-folder").expect("the data button").click();
    files.wait_opened(app.data.path());
    let said_data = said(&session, "Le dossier de la base s’ouvre dans le gestionnaire de fichiers");
    assert!(said_data.contains(&app.data.path().display().to_string()), "{said_data}");

    session.find("#open-backups-folder").expect("the backups button").click();
    files.wait_opened(&backups);
    said(&session, "Le dossier des sauvegardes s’ouvre dans le gestionnaire de fichiers");
    assert!(backups.is_dir(), "the backups folder exists once opened");
    assert_eq!(files.opened().lines().count(), 2, "one folder opened per click:\n{}", files.opened());

    session.set_window_size(1280, 720);
    session.wait_until("window.innerWidth <= 1280", 10);
    assert_fits_laptop_screen(&session, "À propos (1280 × 720)");
    screenshot(&session, "a-propos-1280");
}
