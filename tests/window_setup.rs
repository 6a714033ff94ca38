//! A new user's base set up from nothing in a real window (issue 21), driven through
//! WebDriver under Xvfb: « Commencer avec une base vide », the communes imported from
//! INSEE's file, organisations created and merged, a person whose commune is found by
//! typing, the directory imported with postal addresses, the settings and the signature,
//! an atelier and its members, a meeting, the convocation's wording previewed and saved,
//! and the letters for the post printed and read back by `pdftotext`. Screenshots go to
//! `target/screenshots/9*.png`; axe-core checks every screen.

use std::path::Path;
use std::process::Command;

use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit::opener::FakeOpener;
use serde_json::json;

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
    let opener = FakeOpener::new();
    let app = App::with_env(DESKTOP, &[("PATH", &opener.path())]);
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
    drop(store);

    import_the_directory(&session, folder.path());
    fill_the_settings(&session);
    let (atelier, meeting) = create_the_atelier_and_its_meeting(&session, folder.path(), &app);
    edit_the_wording(&session);
    print_the_letters_for_the_post(&session, folder.path(), &app, &opener, (atelier, meeting));
    session.close();
}

/// The élus of the agglomeration with their postal addresses, one without e-mail, through
/// Annuaire › Importer un tableau.
fn import_the_directory(session: &Session, folder: &Path) {
    let sheet = folder.join("elus.csv");
    std::fs::write(
        &sheet,
        "Civilité;Prénom;Nom;Fonction;Commune;Courriel;Adresse;Code postal;Ville\r\n\
         Mme;Odile;Kœnig;Maire de Wittenheim;Wittenheim;;\"Hôtel de ville\r\n2 place des Malgré-Nous\";68270;Wittenheim\r\n\
         M.;Yannick;Oberlé;Vice-président;Lutterbach;y.oberle@lutterbach.example.fr;12 rue de la Gare;68460;Lutterbach\r\n\
         Mme;Claire;Weiss;Conseillère municipale;Illzach;c.weiss@illzach.example.fr;3 rue des Fleurs;68110;Illzach\r\n",
    )
    .unwrap();
    go(session, "#/annuaire");
    session.wait_for("#import-people", 10).click();
    session.wait_for("#choose-import-file", 20).click();
    choose_in_dialog("Choisir le tableau des personnes", &sheet);
    session.wait_for("#import-preview:not([hidden]) .import-table tbody tr", 20);
    assert!(page_text(session).contains("3 lignes : 3 nouvelles personnes"), "{}", page_text(session));
    session.find("#import-valid").unwrap().click();
    said(session, "Import terminé");
    session.wait_until("location.hash === '#/annuaire'", 10);
}

/// Paramètres: the organisation, the organiser's address, the signatory and the signature.
fn fill_the_settings(session: &Session) {
    go(session, "#/parametres");
    type_into(session, "#org_name", "Mulhouse Alsace Agglomération");
    type_into(session, "#address", "2 rue Pierre-et-Marie-Curie\n68100 Mulhouse");
    type_into(session, "#organizer_email", "ateliers@agglo.example.fr");
    type_into(session, "#signatory_name", "Fabienne Roth");
    type_into(session, "#signatory_function", "Vice-présidente de l’agglomération");
    session.find("#save-settings").unwrap().click();
    said(session, "Les paramètres ont été enregistrés.");
    let signature = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/128x128.png");
    session
        .find("#signature")
        .expect("the signature's file field")
        .send_keys(&signature.display().to_string());
    said(session, "La signature a été enregistrée");
    session.wait_until("!document.querySelector('#signature-form .logo-preview').hidden", 10);
    assert_accessible(session, "paramètres, signataire et signature");
}

/// An atelier whose commune is found by typing, its members imported, a meeting planned.
fn create_the_atelier_and_its_meeting(session: &Session, folder: &Path, app: &App) -> (i64, i64) {
    go(session, "#/ateliers/nouveau");
    type_into(session, "#code", "AP-ECOLES");
    type_into(session, "#title", "Cours d’écoles oasis");
    session.find("#kind option[value='faisabilite']").expect("kind option").click();
    type_into(session, "#communes-list-search", "witten");
    session.wait_until("document.querySelectorAll('#communes-list input[type=checkbox]').length === 1", 10);
    session.find("#communes-list input[type='checkbox']").unwrap().click();
    assert_accessible(session, "nouvel atelier, commune cherchée");
    session.find("#save-atelier").unwrap().click();
    session.wait_for("#ateliers-table tr[data-code='AP-ECOLES']", 20);
    let store = Store::open(app.database()).unwrap();
    let atelier = store.list_ateliers().unwrap().into_iter().find(|a| a.code == "AP-ECOLES").unwrap().id;
    assert_eq!(store.atelier(atelier).unwrap().communes[0].name, "Wittenheim");
    drop(store);

    let members = folder.join("membres.csv");
    std::fs::write(
        &members,
        "Prénom;Nom;Commune;Courriel;Collège\r\n\
         Odile;Kœnig;Wittenheim;;élus\r\n\
         Yannick;Oberlé;Lutterbach;y.oberle@lutterbach.example.fr;élus\r\n\
         Claire;Weiss;Illzach;c.weiss@illzach.example.fr;experts\r\n",
    )
    .unwrap();
    go(session, &format!("#/ateliers/{atelier}/import"));
    session.wait_for("#choose-import-file", 20).click();
    choose_in_dialog("Choisir le tableau des membres", &members);
    session.wait_for("#import-preview:not([hidden]) .import-table tbody tr", 20);
    assert!(page_text(session).contains("3 personnes déjà dans l’annuaire"), "{}", page_text(session));
    session.find("#import-valid").unwrap().click();
    said(session, "Import terminé");

    go(session, &format!("#/ateliers/{atelier}/reunions/nouvelle"));
    let day =
        (0..20).fold(ateliers::clock::today(), |d, _| d.succ_opt().unwrap()).format("%d/%m/%Y").to_string();
    type_into(session, "#meeting-date", &day);
    type_into(session, "#meeting-start_time", "18:00");
    type_into(session, "#meeting-end_time", "20:00");
    type_into(session, "#meeting-place", "Mairie de Wittenheim, salle des commissions");
    session.find("#save-meeting").unwrap().click();
    session.wait_until("location.hash.startsWith('#/reunions/')", 15);
    said(session, "a été planifiée");
    let hash = session.execute("return location.hash;", json!([]));
    let meeting =
        hash.as_str().unwrap().trim_start_matches("#/reunions/").split('/').next().unwrap().parse().unwrap();
    (atelier, meeting)
}

/// Paramètres › Texte de la convocation: a field mistyped is refused beside the subject,
/// the corrected wording is previewed, then saved as version 1.
fn edit_the_wording(session: &Session) {
    go(session, "#/parametres");
    scroll_to(session, "#letter-text");
    type_into(session, "#letter-subject", "Convocation du {jour}");
    session.find("#save-letter").unwrap().click();
    session
        .wait_until("document.getElementById('letter-subject').getAttribute('aria-invalid') === 'true'", 10);
    assert!(
        error_beside(session, "letter-subject").contains("Le champ {jour} n’existe pas"),
        "{}",
        error_beside(session, "letter-subject")
    );
    type_into(session, "#letter-subject", "{objet} à {réunion} de {atelier} — {date}");
    session.find("#preview-letter").unwrap().click();
    said(session, "L’aperçu de la convocation est affiché");
    session.wait_for(".letter-preview:not([hidden]) canvas", 10);
    scroll_to(session, ".letter-preview");
    screenshot(session, "9d-parametres-texte-apercu");
    assert_accessible(session, "paramètres, aperçu du texte de la convocation");
    assert_fits_laptop_screen(session, "paramètres, aperçu du texte de la convocation");
    scroll_to(session, "#letter-text-form");
    session.find("#save-letter").unwrap().click();
    said(session, "a été enregistré (version 1)");
    session.wait_until("document.querySelectorAll('.letter-versions tbody tr').length === 2", 10);
}

/// The meeting's convocations: the person without e-mail listed « à envoyer par
/// courrier », her letter printed for a window envelope, then recorded as sent by post.
fn print_the_letters_for_the_post(
    session: &Session,
    folder: &Path,
    app: &App,
    opener: &FakeOpener,
    (atelier, meeting): (i64, i64),
) {
    go(session, &format!("#/reunions/{meeting}/convocations"));
    session.wait_for("#export-post-letters", 20);
    let post = text_of(session, "[data-ref='post-list']");
    assert!(post.contains("Mme Odile KŒNIG") || post.contains("Odile"), "{post}");
    assert!(post.contains("lettre à imprimer"), "{post}");
    let addresses = session.find("#convoked-addresses").unwrap().property("value");
    let addresses = addresses.as_str().unwrap_or_default();
    assert_eq!(
        addresses,
        "M. Yannick Oberlé <y.oberle@lutterbach.example.fr>; Mme Claire Weiss <c.weiss@illzach.example.fr>"
    );
    session.find("#copy-addresses").unwrap().click();
    said(session, "2 adresses copiées");
    scroll_to(session, "[data-ref='post-box']");
    screenshot(session, "9e-convocations-par-courrier");
    assert_accessible(session, "convocations, à envoyer par courrier");
    assert_fits_laptop_screen(session, "convocations, à envoyer par courrier");

    let file = folder.join("courrier.pdf");
    session.find("#export-post-letters").unwrap().click();
    choose_in_dialog("Enregistrer les lettres à envoyer par courrier", &file);
    let status = said(session, "1 lettre à envoyer par courrier a été écrite");
    assert!(status.contains("notée envoyée par courrier"), "{status}");
    session.wait_until(
        "document.querySelector('[data-ref=post-list]').textContent.includes('lettre envoyée par courrier')",
        10,
    );

    let text = pdftotext(&file, &[]);
    let plain_text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Madame Odile Kœnig Maire de Wittenheim Hôtel de ville 2 place des Malgré-Nous 68270 WITTENHEIM",
        "Objet : Convocation à la séance n° 1 de l’atelier-projet « Cours d’écoles oasis » (AP-ECOLES) —",
        "Madame la Maire,",
        "agréer, Madame la Maire, l’expression",
        "Fabienne Roth Vice-présidente de l’agglomération",
    ] {
        assert!(plain_text.contains(expected), "« {expected} » in {plain_text}");
    }
    // The town's line, in the window of a DL envelope (95–195 mm across, 50–95 mm down).
    let bbox = pdftotext(&file, &["-bbox"]);
    let line = bbox.lines().find(|l| l.contains(">WITTENHEIM<")).expect("the town's line");
    let number = |name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse::<f32>().unwrap() * 25.4 / 72.0
    };
    assert!(number("xMin") >= 100.0 && number("xMax") <= 195.0, "{line}");
    assert!(number("yMin") >= 50.0 && number("yMax") <= 95.0, "{line}");
    opener.wait_opened(&file);

    let store = Store::open(app.database()).unwrap();
    let rows = store.convocations(meeting).unwrap().rows;
    let odile = rows.iter().find(|r| r.email.is_empty()).unwrap();
    assert_eq!(odile.channel.map(|c| c.as_str()), Some("courrier"));
    assert_eq!(store.atelier(atelier).unwrap().data.code, "AP-ECOLES");
}

/// `pdftotext` of `file` with `options`.
fn pdftotext(file: &Path, options: &[&str]) -> String {
    let out =
        Command::new("pdftotext").args(options).args(["-enc", "UTF-8"]).arg(file).arg("-").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
