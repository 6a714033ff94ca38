//! The directory (« Annuaire ») and a person's page in a real window, driven through
//! WebDriver (`tauri-driver` + WebKitWebDriver) under Xvfb: search as you type, sorting,
//! a new person refused then added, archiving, erasure at the person's request, and the
//! exports through the system's save dialog (answered with `xdotool`).
//!
//! Each test prepares its base with the demonstration data before the window opens, so the
//! first screen is the list of ateliers. Screenshots go to `target/screenshots/2*.png`;
//! axe-core checks every screen shown against WCAG 2.1 A and AA.

use ateliers::clock::today;
use ateliers::model::person::{PeopleSort, PersonInput};
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

const ESCAPE: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";
const NBSP: char = '\u{a0}';

/// The base of `app` with the demonstration data, as the window will find it.
fn demo_store(app: &App) -> Store {
    let mut store = Store::open(app.database()).expect("the base opens");
    store.load_demo(today()).expect("the demo data loads");
    store
}

/// Launches the window (the dashboard) and opens the directory from the navigation.
fn open_directory(session: &Session) {
    session.wait_for("a[data-nav='annuaire']", 30).click();
    session.wait_for("#people-table tbody tr[data-person-id]", 20);
    session.wait_until("document.querySelector('main h1')?.textContent === 'Annuaire'", 10);
}

/// The caption's text as written (WebDriver's element text turns no-break spaces into spaces).
/// Types `text` into the search field and waits for the answer to the whole of it (each
/// keystroke searches; the caption names the query answered).
fn search_for(session: &Session, text: &str) {
    session.find("#people-search").expect("search field").send_keys(text);
    let condition = format!(
        "document.querySelector('#people-table caption').textContent.includes({})",
        json!(format!("«{NBSP}{text}{NBSP}»"))
    );
    session.wait_until(&condition, 10);
}

fn caption(session: &Session) -> String {
    let text =
        session.execute("return document.querySelector('#people-table caption').textContent;", json!([]));
    text.as_str().unwrap_or_default().to_string()
}

/// The `data-person-id` of the rows shown, in order.
fn row_ids(session: &Session) -> Vec<i64> {
    let ids = session.execute(
        "return [...document.querySelectorAll('#people-table tbody tr')].map(tr => Number(tr.dataset.personId));",
        json!([]),
    );
    serde_json::from_value(ids).expect("a list of ids")
}

/// The text of one column of the results, in order.
fn column(session: &Session, col: &str) -> Vec<String> {
    let texts = session.execute(
        "return [...document.querySelectorAll(`#people-table tbody [data-col='${arguments[0]}']`)]
                  .map(cell => cell.textContent);",
        json!([col]),
    );
    serde_json::from_value(texts).expect("a list of texts")
}

/// Waits until the caption speaks of the search `query` and the rows shown are `ids`.
fn wait_for_rows(session: &Session, ids: &[i64]) {
    let condition = format!(
        "JSON.stringify([...document.querySelectorAll('#people-table tbody tr')].map(tr => Number(tr.dataset.personId))) === {}",
        json!(serde_json::to_string(ids).unwrap())
    );
    session.wait_until(&condition, 10);
}

fn focused_id(session: &Session) -> Value {
    session.execute("return document.activeElement ? document.activeElement.id : null;", json!([]))
}

fn search_ids(store: &Store, query: &str, archived: bool, sort: PeopleSort) -> (i64, Vec<i64>) {
    let page = store.search_people(query, archived, sort, 1000).expect("search");
    (page.total, page.rows.into_iter().map(|p| p.id).collect())
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_directory_filters_as_you_type_and_sorts_by_commune() {
    let app = App::new(DESKTOP);
    let mut store = demo_store(&app);
    // More people than the directory shows at once, so that the caption says so.
    for n in 1..=60 {
        store
            .create_person(PersonInput {
                first_name: "Stagiaire".into(),
                last_name: format!("Saisonnier {n:02}"),
                ..PersonInput::default()
            })
            .unwrap();
    }
    let (everyone, by_name) = search_ids(&store, "", false, PeopleSort::Name);
    assert!(everyone > 100, "the test needs more than two pages of people, not {everyone}");
    let (_, by_commune) = search_ids(&store, "", false, PeopleSort::Commune);
    let (helenes, helene_ids) = search_ids(&store, "helene", false, PeopleSort::Commune);
    assert!(helenes >= 2, "the demo has several Hélène: {helenes}");
    // A few more letters, taken from the last name of one of them: fewer rows.
    let narrower = helene_ids
        .iter()
        .map(|id| store.person(*id).unwrap().data.last_name)
        .map(|last| format!(" {}", last.to_lowercase().chars().take(3).collect::<String>()))
        .find(|more| search_ids(&store, &format!("helene{more}"), false, PeopleSort::Name).0 < helenes)
        .expect("a last name that narrows the search");
    let (narrowed, narrowed_ids) =
        search_ids(&store, &format!("helene{narrower}"), false, PeopleSort::Commune);
    assert!(narrowed >= 1);
    drop(store);

    let session = app.launch();
    open_directory(&session);
    let first_caption = caption(&session);
    assert_eq!(
        first_caption,
        format!("{everyone} personnes dans l’annuaire (50 premières affichées{NBSP}: précisez la recherche ou affichez-en plus)")
    );
    assert_eq!(row_ids(&session), by_name[..50], "sorted by name, as the store sorts");
    // « Afficher 50 personnes de plus » brings the next page, in the same order.
    session.find("#show-more-people").expect("a button for the next rows").click();
    wait_for_rows(&session, &by_name[..100]);
    assert!(caption(&session).contains("100 premières affichées"), "{}", caption(&session));
    assert_eq!(
        session.find("th[data-sort-col='name']").unwrap().attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    screenshot(&session, "20-annuaire");
    assert_accessible(&session, "annuaire");
    assert_fits_laptop_screen(&session, "annuaire");

    // Sorting by commune, from the keyboard.
    session.execute("document.querySelector(\"th[data-sort-col='commune'] button\").focus();", json!([]));
    session.press_key(ENTER);
    session.wait_until(
        "document.querySelector(\"th[data-sort-col='commune']\").getAttribute('aria-sort') === 'ascending'",
        10,
    );
    wait_for_rows(&session, &by_commune[..50]);
    assert_eq!(session.find("th[data-sort-col='name']").unwrap().attribute("aria-sort"), None);
    let communes = column(&session, "commune");
    let filled: Vec<&String> = communes.iter().filter(|c| !c.is_empty()).collect();
    assert!(filled.len() > 25, "most people have a commune");
    assert!(filled.first() <= filled.last(), "communes ascend: {:?} … {:?}", filled.first(), filled.last());
    announced(&session, &format!("Liste triée par commune{NBSP}: {everyone} personnes dans l’annuaire"));
    screenshot(&session, "21-annuaire-tri-commune");
    assert_accessible(&session, "annuaire trié par commune");

    // Search as you type: accents ignored, the field keeps the focus.
    let field = session.find("#people-search").expect("search field");
    assert_eq!(field.attribute("type").as_deref(), Some("search"));
    field.click();
    field.send_keys("helene");
    wait_for_rows(&session, &helene_ids);
    let helene_caption = caption(&session);
    assert_eq!(helene_caption, format!("{helenes} personnes trouvées pour «{NBSP}helene{NBSP}»"));
    assert_ne!(helene_caption, first_caption, "the caption counts what is shown");
    for name in column(&session, "name") {
        assert!(name.contains("Hélène"), "only Hélène is listed: {name}");
    }
    assert_eq!(focused_id(&session), json!("people-search"), "the field keeps the focus while typing");
    announced(&session, &format!("{helenes} personnes trouvées"));
    screenshot(&session, "22-annuaire-recherche");
    assert_accessible(&session, "annuaire filtré");
    assert_fits_laptop_screen(&session, "annuaire filtré");

    session.find("#people-search").unwrap().send_keys(&narrower);
    wait_for_rows(&session, &narrowed_ids);
    let narrowed_caption = caption(&session);
    assert!(narrowed_caption.starts_with(&format!("{narrowed} personne")), "fewer found: {narrowed_caption}");
    assert!(narrowed < helenes);
    assert_eq!(focused_id(&session), json!("people-search"));

    // Nothing found: the table gives way to a sentence that says what to do.
    session.find("#people-search").unwrap().send_keys("zzz");
    session.wait_until("document.getElementById('people-table').hidden", 10);
    let empty = session.find("main p.directory-empty").unwrap().text();
    assert!(empty.starts_with("Aucune personne ne correspond à"), "{empty}");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_person_with_an_invalid_email_is_refused_then_added_and_archived() {
    let app = App::new(DESKTOP);
    let store = demo_store(&app);
    let riedisheim = store.find_communes("Riedisheim", 1).unwrap().rows[0].id;
    let before = store.list_people().unwrap().len();
    drop(store);

    let session = app.launch();
    open_directory(&session);
    session.find("#new-person").expect("« Nouvelle personne »").click();
    session.wait_for("#person-form #last_name", 20);
    assert_eq!(heading(&session), "Nouvelle personne");

    session.find("#civility option[value='Mme']").expect("civility Mme").click();
    type_into(&session, "#first_name", "Marie-Françoise");
    type_into(&session, "#last_name", "Schœnenberger");
    type_into(
        &session,
        "#function",
        "Chargée de mission « mobilités actives » — Interventionsgebietsverantwortlichkeitsübertragung",
    );
    session.find(&format!("#commune_id option[value='{riedisheim}']")).expect("Riedisheim").click();
    type_into(&session, "#email", "marie.schoenenberger-mairie-riedisheim.fr");
    type_into(&session, "#phone", "03 89 00 00 00");
    session.find("#save-person").expect("save button").click();

    session.wait_for("#email[aria-invalid='true']", 10);
    assert_eq!(
        error_beside(&session, "email"),
        format!(
            "L’adresse électronique «{NBSP}marie.schoenenberger-mairie-riedisheim.fr{NBSP}» n’est pas valide"
        )
    );
    assert_eq!(focused_id(&session), json!("email"), "focus moves to the field to correct");
    let status = announced(&session, "La personne n’a pas été enregistrée");
    assert!(status.contains("1 erreur à corriger"), "{status}");
    assert_eq!(
        session.find("#first_name").unwrap().property("value"),
        json!("Marie-Françoise"),
        "input kept"
    );
    screenshot(&session, "23-nouvelle-personne-erreur");
    assert_accessible(&session, "nouvelle personne avec erreur");
    assert_fits_laptop_screen(&session, "nouvelle personne avec erreur");

    type_into(&session, "#email", "marie.schoenenberger@mairie-riedisheim.fr");
    session.find("#save-person").unwrap().click();
    session.wait_until("/^#\\/annuaire\\/\\d+$/.test(location.hash)", 20);
    session.wait_for("#toggle-archived", 20);
    session.wait_until(
        "document.querySelector('main h1')?.textContent === 'Mme Marie-Françoise Schœnenberger'",
        20,
    );
    announced(
        &session,
        &format!("La personne «{NBSP}Mme Marie-Françoise Schœnenberger{NBSP}» a été ajoutée à l’annuaire."),
    );
    let text = session.page_text();
    assert!(text.contains("Cette personne ne participe à aucun atelier."), "{text}");
    assert!(text.contains("N’a pas signé la version en vigueur de la charte (version 1)."), "{text}");
    assert_eq!(
        session.find("#email").unwrap().property("value"),
        json!("marie.schoenenberger@mairie-riedisheim.fr")
    );
    assert_eq!(session.find("#commune_id").unwrap().property("value"), json!(riedisheim.to_string()));
    let id: i64 = session
        .execute("return Number(location.hash.split('/').pop());", json!([]))
        .as_i64()
        .expect("the person's id in the address");
    screenshot(&session, "24-personne-ajoutee");
    assert_accessible(&session, "fiche d'une nouvelle personne");
    assert_fits_laptop_screen(&session, "fiche d'une nouvelle personne");

    // Editing: the page stays, the heading follows the new name.
    type_into(&session, "#first_name", "Marie");
    session.find("#save-person").unwrap().click();
    announced(&session, &format!("La fiche de «{NBSP}Mme Marie Schœnenberger{NBSP}» a été enregistrée."));
    assert_eq!(heading(&session), "Mme Marie Schœnenberger");

    // Archiving.
    let archive = session.find("#toggle-archived").expect("archive button");
    assert_eq!(archive.text(), "Archiver");
    archive.click();
    announced(&session, &format!("La personne «{NBSP}Mme Marie Schœnenberger{NBSP}» a été archivée"));
    session.wait_until("document.getElementById('toggle-archived').textContent === 'Désarchiver'", 10);
    assert!(session.page_text().contains("Cette personne est archivée"));
    assert_eq!(focused_id(&session), json!("toggle-archived"), "the focus stays on the button");
    assert_eq!(session.find("#archive-state").unwrap().text(), "Cette personne est archivée.");
    session
        .execute("document.getElementById('toggle-archived').scrollIntoView({block: 'center'});", json!([]));
    screenshot(&session, "25-personne-archivee");
    assert_accessible(&session, "personne archivée");

    // Archived people leave the directory unless asked for.
    session.find("main .breadcrumb a").expect("back to the directory").click();
    session.wait_for("#people-search", 20);
    session.find("#people-search").unwrap().send_keys("schoenen");
    session.wait_until("document.getElementById('people-table').hidden", 10);
    session.find("#include-archived").expect("archived checkbox").click();
    wait_for_rows(&session, &[id]);
    let name = session.find(&format!("tr[data-person-id='{id}'] th")).unwrap().text();
    assert_eq!(name, "SCHŒNENBERGER Marie (archivée)");
    let cell = session.find(&format!("tr[data-person-id='{id}'] [data-col='function']")).unwrap().text();
    assert!(cell.contains("Interventionsgebietsverantwortlichkeitsübertragung"));
    screenshot(&session, "26-annuaire-archivees");
    assert_accessible(&session, "annuaire avec les personnes archivées");
    assert_fits_laptop_screen(&session, "annuaire avec les personnes archivées");
    session.close();

    let store = Store::open(app.database()).unwrap();
    assert_eq!(store.list_people().unwrap().len(), before + 1, "one person added, the refused one not saved");
    let saved = store.person(id).unwrap();
    assert_eq!((saved.data.first_name.as_str(), saved.data.last_name.as_str()), ("Marie", "Schœnenberger"));
    assert_eq!(saved.data.email, "marie.schoenenberger@mairie-riedisheim.fr");
    assert_eq!(saved.data.civility.as_str(), "Mme");
    assert_eq!(saved.data.commune_id, Some(riedisheim));
    assert!(saved.archived);
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn erasing_a_person_asks_first_and_keeps_their_memberships() {
    let app = App::new(DESKTOP);
    let store = demo_store(&app);
    // A member of an atelier who signed the charter.
    let (person, memberships) = store
        .list_people()
        .unwrap()
        .into_iter()
        .filter(|p| !p.email.is_empty())
        .find_map(|p| {
            let memberships = store.person_memberships(p.id, today()).unwrap();
            let signed = !store.person_signatures(p.id).unwrap().is_empty();
            (signed && !memberships.is_empty()).then_some((p, memberships))
        })
        .expect("a member who signed the charter");
    let full_name = person.display_name();
    drop(store);

    let session = app.launch();
    open_directory(&session);
    search_for(&session, &format!("{} {}", person.first_name, person.last_name));
    let link = format!("tr[data-person-id='{}'] a", person.id);
    session.wait_for(&link, 10).click();
    session
        .wait_until(&format!("document.querySelector('main h1')?.textContent === {}", json!(full_name)), 20);
    assert_eq!(session.find_all("#person-ateliers tbody tr").len(), memberships.len());
    let text = session.page_text();
    assert!(text.contains(&memberships[0].atelier_code), "{text}");
    assert!(text.contains("depuis le ") || text.contains(" au "), "the period is written out: {text}");
    assert!(text.contains("A signé la version en vigueur de la charte"), "{text}");
    assert_eq!(session.find("#email").unwrap().property("value"), json!(person.email));
    session.execute(
        "document.getElementById('person-ateliers-title').scrollIntoView({block: 'start'});",
        json!([]),
    );
    screenshot(&session, "27-fiche-personne");
    assert_accessible(&session, "fiche d'une personne");
    assert_fits_laptop_screen(&session, "fiche d'une personne");

    // The confirmation comes first; cancelling erases nothing.
    session.find("#erase-person").expect("erase button").click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    assert_eq!(focused_id(&session), json!("confirm-no"), "the focus starts on « Annuler »");
    let dialog = session.find("#confirm-dialog").unwrap().text();
    assert!(dialog.contains("définitive"), "{dialog}");
    assert!(dialog.contains("comptes des réunions"), "{dialog}");
    assert!(dialog.contains(&full_name), "{dialog}");
    screenshot(&session, "28-confirmation-effacement");
    assert_accessible(&session, "confirmation de l'effacement");
    assert_fits_laptop_screen(&session, "confirmation de l'effacement");
    session.press_key(ESCAPE);
    session.wait_until("!document.getElementById('confirm-dialog').open", 10);
    assert_eq!(focused_id(&session), json!("erase-person"), "the focus goes back to the button");
    session.find("#erase-person").unwrap().click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    session.find("#confirm-no").unwrap().click();
    session.wait_until("!document.getElementById('confirm-dialog').open", 10);
    assert_eq!(heading(&session), full_name, "nothing erased");

    session.find("#erase-person").unwrap().click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    session.find("#confirm-yes").expect("confirm button").click();
    announced(&session, "a été effacée de la base et de");
    let erased = format!("Personne effacée n° {}", person.id);
    session.wait_until(&format!("document.querySelector('main h1')?.textContent === {}", json!(erased)), 20);
    let text = session.page_text();
    assert!(text.contains("a été effacée à sa demande"), "{text}");
    assert!(!text.contains(&person.email), "no e-mail left: {text}");
    assert!(session.find("#person-form").is_none(), "no form for an erased person");
    assert!(session.find("#erase-person").is_none(), "no actions left");
    assert_eq!(session.find_all("#person-ateliers tbody tr").len(), memberships.len(), "memberships kept");
    screenshot(&session, "29-personne-effacee");
    assert_accessible(&session, "personne effacée");
    assert_fits_laptop_screen(&session, "personne effacée");
    session.close();

    let store = Store::open(app.database()).unwrap();
    let after = store.person(person.id).unwrap();
    assert!(after.anonymised_at.is_some());
    assert_eq!(after.data.last_name, erased);
    assert!(after.data.first_name.is_empty() && after.data.email.is_empty());
    let kept = store.person_memberships(person.id, today()).unwrap();
    assert!(!kept.is_empty(), "memberships remain");
    assert_eq!(kept.len(), memberships.len());
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_directory_fits_the_default_window_without_sideways_scroll() {
    let app = App::new(DESKTOP);
    let mut store = demo_store(&app);
    store
        .create_person(PersonInput {
            civility: "M.".into(),
            first_name: "Jean-Baptiste-Maximilien".into(),
            last_name: "Oberhausbergen-Niedermorschwihr".into(),
            function: "Grenzüberschreitendezusammenarbeitsraumordnungsangelegenheitenbevollmächtigter".into(),
            email: "jean-baptiste-maximilien.oberhausbergen-niedermorschwihr@grenzueberschreitende-zusammenarbeit.example".into(),
            ..PersonInput::default()
        })
        .unwrap();
    drop(store);

    let session = app.launch_at(1280, 720);
    open_directory(&session);
    assert_fits_laptop_screen(&session, "annuaire à 1280 × 720");
    search_for(&session, "oberhaus");
    session.wait_until("document.querySelectorAll('#people-table tbody tr').length === 1", 10);
    assert_fits_laptop_screen(&session, "annuaire à 1280 × 720, mots très longs");
    screenshot(&session, "2a-annuaire-1280x720");
    session.find("#people-table tbody a").unwrap().click();
    session.wait_for("#person-form #last_name", 20);
    assert_fits_laptop_screen(&session, "fiche à 1280 × 720, mots très longs");
    screenshot(&session, "2b-fiche-1280x720");

    // Down to 1024 px wide, nothing scrolls sideways either.
    session.set_window_size(1024, 720);
    session.wait_until("window.innerWidth <= 1024", 10);
    assert_fits_laptop_screen(&session, "fiche à 1024 × 720");
    session.find("main .breadcrumb a").unwrap().click();
    session.wait_until("document.querySelectorAll('#people-table tbody tr').length === 1", 20);
    assert_fits_laptop_screen(&session, "annuaire à 1024 × 720");
    screenshot(&session, "2c-annuaire-1024x720");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_directory_and_a_persons_data_are_exported_where_the_user_chooses() {
    let app = App::new(DESKTOP);
    let store = demo_store(&app);
    let person = store.list_people().unwrap().into_iter().find(|p| !p.email.is_empty()).unwrap();
    drop(store);
    let out = tempfile::tempdir().unwrap();

    let session = app.launch();
    open_directory(&session);
    session.find("#export-people").unwrap().click();
    let csv = out.path().join("annuaire.csv");
    choose_in_dialog("Exporter l’annuaire", &csv);
    announced(&session, "a été enregistré");
    screenshot(&session, "2d-annuaire-exporte");
    let written = std::fs::read_to_string(&csv).expect("the directory is written");
    assert!(written.contains(&person.email), "{written}");

    session.find(&format!("tr[data-person-id='{}'] a", person.id)).unwrap().click();
    session.wait_for("#export-person", 20).click();
    let json_file = out.path().join("donnees");
    choose_in_dialog("Exporter les données de la personne", &json_file);
    announced(&session, "Les données de la personne ont été écrites");
    let json = std::fs::read_to_string(out.path().join("donnees.json")).expect("the JSON is written");
    assert!(json.contains(&person.email), "{json}");
    assert!(out.path().join("donnees.csv").is_file(), "a CSV beside it");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn people_are_imported_into_the_directory_alone_from_a_spreadsheet() {
    let app = App::new(DESKTOP);
    let store = demo_store(&app);
    let before = store.list_people().unwrap().len();
    let known = store
        .list_people()
        .unwrap()
        .into_iter()
        .find(|p| !p.email.is_empty())
        .expect("someone with an e-mail");
    drop(store);
    let folder = tempfile::tempdir().unwrap();
    let sheet = folder.path().join("elus-agglomeration.csv");
    // The élus of the agglomération: one already in the directory (by e-mail), two new, one
    // without a first name; a « Collège » column that the directory does not read.
    let text = format!(
        "Civilité;Prénom;Nom;Fonction;Commune;Courriel;Collège\r\n\
         ;{};{};;;{};élus\r\n\
         Mme;Odile;Kœnig-Brun;Maire;Wittenheim;o.koenig@wittenheim.example.fr;élus\r\n\
         M.;Yannick;Oberlé;Adjoint;Lutterbach;;élus\r\n\
         M.;;Sans-Prénom;Conseiller;Illzach;;élus\r\n",
        known.first_name, known.last_name, known.email
    );
    std::fs::write(&sheet, text).unwrap();
    let session = app.launch();
    open_directory(&session);

    session.find("#import-people").expect("« Importer un tableau… »").click();
    session.wait_for("#choose-import-file", 20);
    assert_eq!(heading(&session), "Importer des personnes dans l’annuaire");
    assert!(session.find("nav.atelier-tabs").is_none(), "no atelier here");
    assert!(page_text(&session).contains("Colonnes obligatoires : Prénom, Nom."), "{}", page_text(&session));
    assert_eq!(attribute(&session, "a[data-nav='annuaire']", "aria-current").as_deref(), Some("true"));
    assert_accessible(&session, "import dans l'annuaire");

    session.find("#choose-import-file").unwrap().click();
    choose_in_dialog("Choisir le tableau des personnes", &sheet);
    session.wait_for("#import-preview:not([hidden]) .import-table tbody tr", 20);
    assert_eq!(session.find_all(".import-table tbody tr").len(), 4);
    assert!(session.find(".import-table th[data-col='college']").is_none(), "no collège column");
    let matched = plain(&session.find(".import-table tr[data-line='2']").unwrap().text());
    assert!(matched.contains("Déjà dans l’annuaire"), "{matched}");
    let broken = plain(&session.find(".import-table tr[data-line='5']").unwrap().text());
    assert!(broken.contains("Ligne 5, colonne « Prénom » : le prénom est obligatoire"), "{broken}");
    let text = page_text(&session);
    assert!(
        text.contains("4 lignes : 2 nouvelles personnes, 1 personne déjà dans l’annuaire, 1 ligne refusée."),
        "{text}"
    );
    assert!(text.contains("Colonnes ignorées (non reconnues) : « Collège »."), "{text}");
    assert_eq!(session.find("#import-valid").unwrap().text(), "Importer les 3 lignes valides");
    screenshot(&session, "2a-annuaire-import-apercu");
    assert_accessible(&session, "aperçu d'un import dans l'annuaire");
    assert_fits_laptop_screen(&session, "aperçu d'un import dans l'annuaire");

    session.find("#import-valid").unwrap().click();
    let status = said(&session, "Import terminé");
    assert!(plain(&status).contains("2 nouvelles personnes"), "{status}");
    session.wait_until("location.hash === '#/annuaire'", 10);
    session.wait_for("#people-table tbody tr[data-person-id]", 20);
    search_for(&session, "Oberlé");
    let found = plain(&page_text(&session));
    assert!(found.contains("OBERLÉ") || found.contains("Oberlé"), "{found}");
    screenshot(&session, "2b-annuaire-apres-import");
    assert_accessible(&session, "annuaire après l'import");
    let store = Store::open(app.database()).unwrap();
    assert_eq!(store.list_people().unwrap().len(), before + 2);
    session.close();
}
