//! A new user's base set up from nothing in a real window (issue 21), driven through
//! WebDriver under Xvfb: « Commencer avec une base vide », the communes imported from
//! INSEE's file, organisations created and merged, a person whose commune is found by
//! typing. Screenshots go to `target/screenshots/9*.png`; axe-core checks every screen.

use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

/// INSEE's code officiel géographique as it is downloaded: a comma-separated file whose
/// rows are communes (`COM`) or their parts (`COMD`, `ARM`…), with two Saint-Louis.
fn insee_file(folder: &std::path::Path) -> std::path::PathBuf {
    let mut text = String::from("TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT\r\n");
    for (code, name) in [
        ("68224", "Mulhouse"),
        ("68297", "Saint-Louis"),
        ("57619", "Saint-Louis"),
        ("68154", "Illzach"),
        ("68376", "Wittenheim"),
        ("68192", "Lutterbach"),
        ("68271", "Riedisheim"),
    ] {
        text.push_str(&format!(
            "COM,{code},44,{},68D,684,0,{},{name},{name},6899,\r\n",
            &code[..2],
            name.to_uppercase()
        ));
    }
    for n in 0..93 {
        text.push_str(&format!("COM,67{n:03},44,67,67D,672,0,VILLAGE {n},Village {n},Village {n},6799,\r\n"));
    }
    text.push_str("COMD,68301,44,68,68D,682,0,STEINSOULTZ,Steinsoultz,Steinsoultz,,68240\r\n");
    text.push_str("COM,6X000,44,68,68D,684,0,NULLE PART,Nulle-Part,Nulle-Part,,\r\n");
    let file = folder.join("v_commune_2025.csv");
    std::fs::write(&file, text).unwrap();
    file
}

/// Types `text` in the search field `css` and waits until the list answers it.
fn search_places(session: &Session, css: &str, text: &str, caption_part: &str) {
    type_into(session, css, text);
    session.wait_until(
        &format!(
            "[...document.querySelectorAll('.places-table caption')].some(c => c.textContent.replace(/\\u00a0/g, ' ').includes({}))",
            serde_json::json!(caption_part)
        ),
        10,
    );
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn an_empty_base_is_set_up_from_nothing() {
    let app = App::new(DESKTOP);
    let folder = tempfile::tempdir().unwrap();
    let communes = insee_file(folder.path());
    let session = app.launch();
    start_empty(&session);

    // Communes et organisations, from the navigation: empty at first.
    session.wait_for("a[data-nav='communes']", 10).click();
    settle(&session, "#/communes");
    assert_eq!(heading(&session), "Communes et organisations");
    let text = page_text(&session);
    assert!(text.contains("Aucune commune pour l’instant"), "{text}");
    assert!(text.contains("Aucune organisation pour l’instant"), "{text}");
    assert_accessible(&session, "communes et organisations, base vide");

    // INSEE's file: 100 communes, one part of a commune left out, one broken row refused.
    session.find("#import-communes").expect("« Importer une liste de communes… »").click();
    choose_in_dialog("Choisir la liste des communes", &communes);
    let status = said(&session, "Import terminé");
    assert!(status.contains("100 communes ajoutées, 0 déjà connue, 1 ligne refusée."), "{status}");
    assert!(status.contains("1 ligne du fichier de l’INSEE n’est pas une commune"), "{status}");
    assert!(text_of(&session, ".import-result").contains("Ligne 103 : « 6X000 » n’est pas un code INSEE"));
    session.wait_until("document.querySelector('#communes caption').textContent.includes('100')", 10);
    search_places(&session, "#commune-search", "saint-louis", "2 communes pour");
    let codes: Vec<String> =
        session.find_all("#communes tbody td[data-col='insee_code']").iter().map(|c| c.text()).collect();
    assert_eq!(codes, ["57619", "68297"], "homonyms told apart by their code");
    screenshot(&session, "9a-communes-importees");
    assert_accessible(&session, "communes importées");
    assert_fits_laptop_screen(&session, "communes importées");

    // A commune typed by hand with a wrong code is refused beside the field, then added.
    session.find("#commune-add").unwrap().click();
    type_into(&session, "#commune-name", "Kingersheim");
    type_into(&session, "#commune-insee_code", "6816");
    session.find("#commune-insee_code").unwrap().send_keys("X\u{E007}");
    session.wait_until(
        "document.getElementById('commune-insee_code').getAttribute('aria-invalid') === 'true'",
        10,
    );
    assert!(error_beside(&session, "commune-insee_code").contains("n’est pas un code INSEE"));
    assert_accessible(&session, "commune refusée");
    type_into(&session, "#commune-insee_code", "68166\u{E007}");
    said(&session, "La commune « Kingersheim » a été ajoutée.");

    // Organisations: two created, the duplicate merged into the other, an unused one deleted.
    for (name, kind) in [("Cerema", "etat"), ("CEREMA Est", "etat"), ("Atmo Grand Est", "association")] {
        session.find("#organisation-add").unwrap().click();
        type_into(&session, "#organisation-name", name);
        session.execute(
            "const s = document.getElementById('organisation-kind'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
            serde_json::json!([kind]),
        );
        session.find("#organisation-name").unwrap().send_keys("\u{E007}");
        said(&session, &format!("L’organisation « {name} » a été ajoutée."));
    }
    session.wait_until("document.querySelectorAll('#organisations tbody tr').length === 3", 10);
    session
        .find("#organisations button[aria-label='Fusionner CEREMA Est avec une autre organisation']")
        .expect("« Fusionner… » on the duplicate's row")
        .click();
    session.wait_for("#merge-dialog[open] #merge-kept", 10);
    assert_accessible(&session, "fusion de deux organisations");
    screenshot(&session, "9b-fusion-organisations");
    session.find("#merge-confirm").unwrap().click();
    assert!(error_beside(&session, "merge-kept").contains("Choisissez l’organisation à garder"));
    session.execute(
        "const s = document.getElementById('merge-kept');
         s.value = [...s.options].find(o => o.textContent === 'Cerema').value;",
        serde_json::json!([]),
    );
    session.find("#merge-confirm").unwrap().click();
    said(&session, "Les deux organisations n’en font plus qu’une");
    session.wait_until("document.querySelectorAll('#organisations tbody tr').length === 2", 10);
    assert!(session.find("#merge-dialog").is_none(), "the dialog is gone");

    let store = Store::open(app.database()).unwrap();
    let organisations = store.find_organisations("", 10).unwrap();
    assert_eq!(organisations.total, 2);
    assert_eq!(store.find_communes("", 1).unwrap().total, 101);
    drop(store);

    // A person from Saint-Louis (Haut-Rhin): the commune found by typing, among 101.
    go(&session, "#/annuaire/nouveau");
    session.wait_for("#commune_id-search", 10);
    assert!(
        page_text(&session).contains("101 communes : tapez une partie du nom"),
        "{}",
        page_text(&session)
    );
    type_into(&session, "#last_name", "Keller");
    type_into(&session, "#commune_id-search", "louis");
    session.wait_until("document.querySelectorAll('#commune_id option').length === 3", 10);
    let options: Vec<String> = session.find_all("#commune_id option").iter().map(|o| o.text()).collect();
    assert_eq!(options, ["— Aucune —", "Saint-Louis (57619)", "Saint-Louis (68297)"]);
    session.execute(
        "const s = document.getElementById('commune_id');
         s.value = [...s.options].find(o => o.textContent.includes('68297')).value;
         const o = document.getElementById('organisation_id');
         o.value = [...o.options].find(x => x.textContent === 'Cerema').value;",
        serde_json::json!([]),
    );
    screenshot(&session, "9c-personne-commune-cherchee");
    assert_accessible(&session, "personne, commune cherchée");
    session.find("#save-person").unwrap().click();
    said(&session, "a été ajoutée à l’annuaire");
    let store = Store::open(app.database()).unwrap();
    let keller = store.list_people().unwrap().into_iter().find(|p| p.last_name == "Keller").unwrap();
    let person = store.person(keller.id).unwrap();
    assert_eq!(person.commune.as_deref(), Some("Saint-Louis"));
    let louis = store.find_communes("68297", 1).unwrap().rows.remove(0);
    assert_eq!(person.data.commune_id, Some(louis.id));
    session.close();
}
