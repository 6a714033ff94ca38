//! A relevé written with the toolbar, read back as it prints, exported to amend in a word
//! processor, and found again by the search over the relevés, in a real window (issue 22).
//! Screenshots go to `target/screenshots/releve-texte-*.png`; axe-core checks every state.

use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit::opener::FakeOpener;
use serde_json::json;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

/// Selects `word` in the text area `css` (as a mouse would).
fn select_word(session: &ateliers_testkit::webdriver::Session, css: &str, word: &str) {
    session.execute(
        "const area = document.querySelector(arguments[0]);
         const at = area.value.indexOf(arguments[1]);
         area.focus();
         area.setSelectionRange(at, at + arguments[1].length);",
        json!([css, word]),
    );
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_releve_is_formatted_with_the_toolbar_exported_as_odt_and_found_by_the_search() {
    let opener = FakeOpener::new();
    let app = App::with_env(DESKTOP, &[("PATH", &opener.path())]);
    let mut store = Store::open(app.database()).unwrap();
    store.load_demo(ateliers::clock::today()).unwrap();
    let meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.status.as_str() == "tenue" && store.releve(m.id).unwrap().is_none_or(|r| r.editable))
        .expect("a held demonstration meeting whose relevé is a draft")
        .id;
    drop(store);
    let folder = tempfile::tempdir().unwrap();
    let session = app.launch();

    // The toolbar: a word in bold, two lines made a bulleted list; the preview shows them.
    go(&session, &format!("#/reunions/{meeting}/releve"));
    let synthesis = "#releve-synthesis";
    session.wait_for(synthesis, 20);
    // Typed line by line (WebDriver's keys carry no line break into a text area).
    session.execute(
        "const area = document.querySelector(arguments[0]);
         area.value = arguments[1];
         area.dispatchEvent(new Event('input'));",
        json!([synthesis, "Le stationnement des vélos est prioritaire.\n\nla gare\nle centre-ville"]),
    );
    select_word(&session, synthesis, "stationnement");
    session
        .find("button[aria-label='Mettre en gras (Synthèse des échanges)']")
        .expect("the Gras button")
        .click();
    said(&session, "Gras : le texte choisi est marqué.");
    session.execute(
        "const area = document.querySelector(arguments[0]);
         const at = area.value.indexOf('la gare');
         area.setSelectionRange(at, area.value.length);",
        json!([synthesis]),
    );
    session.find("button[aria-label='Faire une liste à puces (Synthèse des échanges)']").unwrap().click();
    said(&session, "Liste à puces");
    let preview = "#releve-synthesis-apercu";
    session.wait_for(&format!("{preview} strong"), 10);
    session.wait_for(&format!("{preview} ul li:nth-child(2)"), 10);
    assert_eq!(text_of(&session, &format!("{preview} strong")), "stationnement");
    scroll_to(&session, "label[for='releve-synthesis']");
    screenshot(&session, "releve-texte-1-mise-en-forme");
    assert_accessible(&session, "relevé, mise en forme et aperçu");
    session.find("#save-releve").unwrap().click();
    said(&session, "Brouillon du relevé enregistré");
    let saved =
        Store::open(app.database()).unwrap().releve(meeting).unwrap().expect("the relevé").content.synthesis;
    assert_eq!(saved, "Le **stationnement** des vélos est prioritaire.\n\n- la gare\n- le centre-ville");

    // Read back as it prints: bold and a list, no mark.
    go(&session, &format!("#/reunions/{meeting}/releve"));
    session.wait_for(synthesis, 20);
    assert_eq!(session.find_all("button[aria-label^='Mettre en gras']").len(), 5, "one toolbar per section");

    // The .odt to amend in a word processor, written where chosen and opened.
    go(&session, &format!("#/reunions/{meeting}/documents"));
    session.wait_for("#export-releve-odt", 20).click();
    let file = folder.path().join("releve.odt");
    choose_in_dialog("Enregistrer le relevé de décisions à modifier (OpenDocument)", &file);
    said(&session, "s’ouvre dans le traitement de texte");
    opener.wait_opened(&file);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[30..38], b"mimetype");
    scroll_to(&session, "#export-releve");
    screenshot(&session, "releve-texte-2-odt");
    assert_accessible(&session, "documents, relevé à modifier");

    // The search finds it without the accents, its word marked.
    session
        .find("a[data-nav='recherche']")
        .expect("« Rechercher dans les relevés » in the navigation")
        .click();
    settle(&session, "#/recherche");
    type_into(&session, "#search-text", "velos prioritaire");
    said(&session, "contien");
    session.wait_for(".search-result mark", 10);
    let first = text_of(&session, ".search-result");
    assert!(first.contains("vélos") && first.contains("Relevé"), "{first}");
    let marks: Vec<String> =
        session.find_all(".search-result:first-child mark").iter().map(|m| m.text()).collect();
    assert!(marks.iter().any(|m| m == "vélos"), "{marks:?}");
    screenshot(&session, "releve-texte-3-recherche");
    assert_accessible(&session, "recherche dans les relevés");
    assert_fits_laptop_screen(&session, "recherche dans les relevés");
    session.find(".search-result a").unwrap().click();
    session.wait_until(&format!("location.hash === '#/reunions/{meeting}/releve'"), 10);
    type_into_nothing(&session);
    session.close();
}

/// Back to the search: a word nowhere gives the plain French answer.
fn type_into_nothing(session: &ateliers_testkit::webdriver::Session) {
    go(session, "#/recherche");
    type_into(session, "#search-text", "zyxwvu");
    said(session, "Aucun relevé ne contient « zyxwvu ».");
}
