//! The members of an atelier in a real window: the import of a spreadsheet through the
//! system's file dialog, the composition panel (rule 1), the charter's signatures (rule 4),
//! the charter's versions, and the ateliers list at the window's default size.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb. The file dialog is driven for real with `xdotool` (`ateliers_testkit::dialog`).

use std::path::Path;

use ateliers::clock::today;
use ateliers::model::atelier::AtelierInput;
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit_demo::{atelier_id, demo_app, typed_day};
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

/// Opens the atelier `code` from the list, then its part `tab` (fiche, membres, import, charte).
fn open_tab(session: &Session, code: &str, tab: &str) {
    session.wait_for("a[data-nav='ateliers']", 20).click();
    session.wait_for(&format!("#ateliers-table tr[data-code='{code}'] a"), 20).click();
    session.wait_for("#atelier-form #code", 20);
    if tab != "fiche" {
        session.find(&format!("nav.atelier-tabs a[data-tab='{tab}']")).expect("the tab").click();
        session.wait_until(&format!("location.hash.endsWith('/{tab}')"), 10);
        session.wait_until("document.querySelector('main').getAttribute('aria-busy') === null", 20);
    }
}

/// The tab marked as the current page.
fn current_tab(session: &Session) -> Value {
    session.execute(
        "const a = document.querySelector('nav.atelier-tabs a[aria-current=\"page\"]');
         return a ? a.dataset.tab : null;",
        json!([]),
    )
}

/// The items of the composition panel's list of collèges (« Collège des élus : 13 »).
fn college_counts(session: &Session) -> Vec<String> {
    let value = session.execute(
        "return [...document.querySelectorAll('#composition [data-fact=\"colleges\"] li')]
                  .map(li => li.textContent.replace(/\\u00a0/g, ' '));",
        json!([]),
    );
    serde_json::from_value(value).unwrap()
}

fn composition_findings(session: &Session) -> Vec<String> {
    let value = session.execute(
        "return [...document.querySelectorAll('#composition .findings li')]
                  .map(li => li.textContent.replace(/\\u00a0/g, ' '));",
        json!([]),
    );
    serde_json::from_value(value).unwrap()
}

/// `text` in Windows-1252, as French Excel writes a CSV file.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{0}'..='\u{7f}' | '\u{a0}'..='\u{ff}' => c as u32 as u8,
            'œ' => 0x9c,
            'Œ' => 0x8c,
            '’' => 0x92,
            '€' => 0x80,
            other => panic!("« {other} » has no Windows-1252 byte here"),
        })
        .collect()
}

/// A members sheet as a secretariat types it: `;`, a title row, a cell on two lines; the
/// second person's collège is `college`.
fn members_sheet(college: &str) -> String {
    [
        "Civilité;Prénom;Nom;Fonction;Commune;Organisation;Courriel;Collège;Catégorie;Remarques",
        "Mme;Élodie;Wéber-Hâm;\"Adjointe au maire;\r\nchargée des mobilités douces\";Illzach;;elodie.weber@exemple.fr;élus;Élue municipale;",
        &format!("M.;Gaëtan;Schœnbeck;Ingénieur;;Cerema;g.schoenbeck@exemple.fr;{college};Partenaire;à relancer"),
        "Mme;Inès;Fußmann;Présidente;Mulhouse;Vélo-Cité Mulhouse;ines.fussmann@exemple.fr;société civile;Autre organisation;",
        "",
    ]
    .join("\r\n")
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn members_are_imported_from_a_spreadsheet_chosen_in_the_file_dialog() {
    let app = demo_app(DESKTOP);
    let folder = tempfile::tempdir().unwrap();
    let sheet = folder.path().join("membres-velo.csv");
    std::fs::write(&sheet, windows_1252(&members_sheet("technique"))).unwrap();
    let not_a_table = folder.path().join("classeur.csv");
    std::fs::write(&not_a_table, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00").unwrap();
    let session = app.launch();

    open_tab(&session, "AP-VELO", "membres");
    session.wait_for("#composition [data-fact='colleges'] li", 20);
    let before = college_counts(&session);
    let members_before = session.find_all(".members-table tbody tr").len();

    session.find("nav.atelier-tabs a[data-tab='import']").unwrap().click();
    session.wait_for("#choose-import-file", 20);
    assert_eq!(current_tab(&session), json!("import"));
    screenshot(&session, "30-import-vide");
    assert_accessible(&session, "onglet Import");
    assert_fits_laptop_screen(&session, "onglet Import");

    // An Excel workbook saved under a .csv name is explained in plain French.
    session.find("#choose-import-file").unwrap().click();
    choose_in_dialog("Choisir le tableau des membres", &not_a_table);
    session.wait_until("document.querySelector('.error-box').textContent.includes('classeur Excel')", 20);
    let error = plain(&session.find(".error-box").unwrap().text());
    assert!(error.contains("Ce fichier ne peut pas être importé"), "{error}");
    assert!(error.contains("enregistrez-le au format CSV"), "{error}");
    screenshot(&session, "31-import-pas-un-tableau");
    assert_accessible(&session, "import d'un fichier qui n'est pas un tableau");

    // The sheet with an unknown collège: every row previewed, the broken one with its error.
    session.find("#choose-import-file").unwrap().click();
    choose_in_dialog("Choisir le tableau des membres", &sheet);
    session.wait_for("#import-preview:not([hidden]) .import-table tbody tr", 20);
    let rows = session.find_all(".import-table tbody tr");
    assert_eq!(rows.len(), 3, "three people, the two-line cell read as one row");
    let broken = plain(&session.find(".import-table tr[data-line='3']").expect("row of line 3").text());
    assert!(broken.contains("Refusée"), "{broken}");
    assert!(
        broken.contains(
            "Ligne 3, colonne « Collège » : « technique » n’est pas un collège connu (élus, experts ou société civile)"
        ),
        "the row shows its French error naming the column: {broken}"
    );
    let first = plain(&session.find(".import-table tr[data-line='2']").unwrap().text());
    assert!(
        first.contains("Nouvelle personne") && first.contains("Wéber-Hâm"),
        "Windows-1252 is read: {first}"
    );
    assert!(first.contains("Adjointe au maire;"), "the two-line cell is one cell: {first}");
    let text = page_text(&session);
    assert!(
        text.contains("3 lignes : 2 nouvelles personnes, 0 personne déjà dans l’annuaire, 1 ligne refusée."),
        "{text}"
    );
    assert!(
        text.contains("Fichier lu en Windows-1252, cellules séparées par des points-virgules."),
        "{text}"
    );
    assert!(text.contains("Colonnes ignorées (non reconnues) : « Remarques »."), "{text}");
    let import = session.find("#import-valid").unwrap();
    assert_eq!(import.text(), "Importer les 2 lignes valides");
    said(&session, "Fichier lu. 3 lignes : 2 nouvelles personnes");
    scroll_to(&session, ".import-table tr[data-line='3']");
    screenshot(&session, "32-import-apercu-erreur");
    assert_accessible(&session, "aperçu d'import avec une ligne refusée");
    assert_fits_laptop_screen(&session, "aperçu d'import avec une ligne refusée");

    // The secretary fixes the sheet in her spreadsheet and reads it again.
    std::fs::write(&sheet, windows_1252(&members_sheet("experts"))).unwrap();
    session.find("#reread-import").unwrap().click();
    said(&session, "Fichier relu. 3 lignes : 3 nouvelles personnes");
    session.wait_until(
        "document.querySelectorAll('.import-table tr[data-status=\"invalid\"]').length === 0",
        10,
    );
    assert_eq!(session.find("#import-valid").unwrap().text(), "Importer les 3 lignes");
    let fixed = plain(&session.find(".import-table tr[data-line='3']").unwrap().text());
    assert!(fixed.contains("Nouvelle personne"), "{fixed}");
    assert!(
        fixed.contains("l’organisation « Cerema » sera ajoutée"),
        "the row says what else it does: {fixed}"
    );
    screenshot(&session, "33-import-apercu-corrige");
    assert_accessible(&session, "aperçu d'import corrigé");

    session.find("#import-valid").unwrap().click();
    let status = said(&session, "Import terminé");
    assert!(
        status.contains("3\u{a0}nouvelles personnes") || status.contains("3 nouvelles personnes"),
        "{status}"
    );
    session.wait_until("location.hash.endsWith('/membres')", 10);
    session.wait_for("#composition [data-fact='colleges'] li", 20);
    assert_eq!(current_tab(&session), json!("membres"));
    let after = college_counts(&session);
    assert_ne!(after, before, "the composition counts the imported members");
    let count = |items: &[String], college: &str| -> usize {
        let item = items.iter().find(|i| i.starts_with(college)).expect(college);
        item.rsplit(": ").next().unwrap().split(' ').next().unwrap().parse().unwrap()
    };
    for college in ["Collège des élus", "Collège des experts", "Collège de la société civile"] {
        assert_eq!(count(&after, college), count(&before, college) + 1, "{college}: {before:?} → {after:?}");
    }
    assert_eq!(session.find_all(".members-table tbody tr").len(), members_before + 3);
    let text = page_text(&session);
    assert!(text.contains("WÉBER-HÂM Élodie"), "{text}");
    screenshot(&session, "34-membres-apres-import");
    assert_accessible(&session, "membres après l'import");
    assert_fits_laptop_screen(&session, "membres après l'import");
    session.close();

    let store = Store::open(app.database()).unwrap();
    let members = store.atelier_members(atelier_id(&app, "AP-VELO"), today()).unwrap();
    let imported = members.iter().find(|m| m.last_name == "Schœnbeck").expect("imported member");
    assert_eq!(imported.organisation.as_deref(), Some("Cerema"));
    let elodie = members.iter().find(|m| m.last_name == "Wéber-Hâm").unwrap();
    assert_eq!(elodie.function, "Adjointe au maire;\r\nchargée des mobilités douces");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_composition_panel_shows_a_rule_broken_by_a_change_of_members() {
    let app = demo_app(DESKTOP);
    let session = app.launch();
    open_tab(&session, "AP-VELO", "membres");
    session.wait_for("#composition [data-fact='colleges'] li", 20);
    assert_eq!(current_tab(&session), json!("membres"));
    assert_eq!(composition_findings(&session), ["Aucun point à revoir."], "the demo atelier is balanced");
    let ratio = plain(&session.find("#composition [data-fact='parity']").unwrap().text());
    assert!(ratio.contains("% d’élus (cible : environ 50 %, de 40 à 60 %)"), "the ratio is written: {ratio}");
    let text = page_text(&session);
    assert!(text.contains("Collège des élus : "), "{text}");
    assert!(text.contains("2 membres sur 2 au plus"), "{text}");
    assert_eq!(session.find_all(".members-table").len(), 3, "one table per collège");
    screenshot(&session, "35-membres-composition");
    assert_accessible(&session, "onglet Membres");
    assert_fits_laptop_screen(&session, "onglet Membres");

    // A third member of the Conseil de développement, found in the directory.
    session.find("#show-add-member").unwrap().click();
    type_into(&session, "#person-query", "Conseil de développement");
    session.wait_for("#add-member input[name='person-choice']", 10);
    said(&session, "personnes trouvées");
    let free = session.execute(
        "const item = [...document.querySelectorAll('#add-member .person-choice')]
                        .find(i => !i.textContent.includes('déjà membre'));
         return item ? item.querySelector('input').id : null;",
        json!([]),
    );
    let free = free.as_str().expect("a Conseil de développement member not yet in the atelier").to_string();
    session.find(&format!("#{free}")).unwrap().click();
    session.find("#add-category option[value='conseil_developpement']").unwrap().click();
    assert_eq!(
        session.find("#add-college").unwrap().property("value"),
        json!("societe_civile"),
        "the category names its collège"
    );
    assert_eq!(session.find("#add-joined_on").unwrap().property("value"), json!(typed_day(0)));
    screenshot(&session, "36-ajout-membre");
    assert_accessible(&session, "ajout d'un membre");
    assert_fits_laptop_screen(&session, "ajout d'un membre");
    session.find("#save-member").unwrap().click();
    said(&session, "fait maintenant partie de l’atelier AP-VELO");
    session.wait_until(
        "[...document.querySelectorAll('#composition .findings li')].some(li => li.textContent.includes('Conseil de développement'))",
        10,
    );
    let findings = composition_findings(&session);
    assert_eq!(findings, ["Atelier « AP-VELO » : 3 membres du Conseil de développement, 2 au plus"]);
    let conseil = plain(&session.find("#composition [data-fact='conseil']").unwrap().text());
    assert!(conseil.contains("à revoir") && conseil.contains("3 membres sur 2 au plus"), "{conseil}");
    scroll_to(&session, "#composition .findings");
    screenshot(&session, "37-composition-conseil-dev");
    assert_accessible(&session, "composition avec un point à revoir");

    // The porteur politique leaves the atelier today: nobody holds the place from today on.
    let porteur_row = session.execute(
        "const row = [...document.querySelectorAll('.members-table tbody tr')]
                       .find(tr => tr.querySelector('[data-col=\"role\"]').textContent.includes('Porteur politique'));
         return row ? row.dataset.membershipId : null;",
        json!([]),
    );
    let porteur_row = porteur_row.as_str().expect("the porteur's row").to_string();
    let row_css = format!("tr[data-membership-id='{porteur_row}']");
    session.find(&format!("{row_css} [data-ref='edit']")).unwrap().click();
    session.wait_for("#membership-edit-form #edit-left_on", 10);
    type_into(&session, "#edit-left_on", &typed_day(0));
    scroll_to(&session, "#membership-edit-form");
    screenshot(&session, "38-modifier-appartenance");
    assert_accessible(&session, "modification d'une appartenance");
    assert_fits_laptop_screen(&session, "modification d'une appartenance");
    session.find("#membership-edit-form [data-ref='save']").unwrap().click();
    said(&session, "a été modifiée");
    session.wait_until(
        "[...document.querySelectorAll('#composition .findings li')].some(li => li.textContent.includes('porteur politique'))",
        10,
    );
    let findings = composition_findings(&session);
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(findings[1].contains("aucun porteur politique n’est désigné"), "{findings:?}");
    let row = plain(&session.find(&row_css).unwrap().text());
    assert!(row.contains("(ancien membre)"), "the former member is marked in words: {row}");
    assert_eq!(session.find(&row_css).unwrap().attribute("class").as_deref(), Some("is-inactive"));
    scroll_to(&session, &row_css);
    screenshot(&session, "39-porteur-parti");

    // Another élu becomes porteur politique from today (the binôme is a dated fact).
    let option = session.execute(
        "const select = document.getElementById('binome-porteur');
         const option = [...select.options].find(o => o.textContent.includes('(Élu communautaire)') && !o.selected);
         return option ? option.value : null;",
        json!([]),
    );
    let option = option.as_str().expect("an élu communautaire").to_string();
    session.find(&format!("#binome-porteur option[value='{option}']")).unwrap().click();
    session.find("#save-binome").unwrap().click();
    said(&session, &format!("Le binôme porteur a été enregistré à partir du {}.", typed_day(0)));
    session.wait_until("document.querySelectorAll('#composition .findings li').length === 1", 10);
    let binome = plain(&session.find("#composition [data-fact='binome']").unwrap().text());
    assert!(binome.contains("conforme") && binome.contains("(élu)"), "{binome}");
    scroll_to(&session, "#binome-form");
    screenshot(&session, "3a-binome");
    assert_accessible(&session, "binôme");

    // The composition a week ago: the porteur was there, the new member not yet.
    type_into(&session, "#composition-at", "31/02/2026");
    session.find("#recompute").unwrap().click();
    session.wait_for("#composition-at[aria-invalid='true']", 10);
    let error = plain(&error_beside(&session, "composition-at"));
    assert!(error.contains("n’est pas une date valide"), "{error}");
    type_into(&session, "#composition-at", &typed_day(-7));
    session.find("#recompute").unwrap().click();
    said(&session, &format!("Composition au {}", typed_day(-7)));
    let title = plain(&session.find("#composition-title").unwrap().text());
    assert_eq!(title, format!("Composition au {}", typed_day(-7)));
    let text = page_text(&session);
    assert!(text.contains(&format!("(arrive le {})", typed_day(0))), "the new member is to come: {text}");
    assert!(text.contains("2 membres sur 2 au plus"), "{text}");

    // Nothing scrolls sideways on a small laptop screen either.
    session.set_window_size(1024, 768);
    session.wait_until("window.innerWidth <= 1024", 10);
    assert_fits_laptop_screen(&session, "onglet Membres à 1024 px");
    scroll_to(&session, ".members-table tr.is-inactive");
    screenshot(&session, "3b-membres-1024");
    session.close();

    let store = Store::open(app.database()).unwrap();
    let composition = store.composition(atelier_id(&app, "AP-VELO"), today()).unwrap();
    let rules: Vec<&str> = composition.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["composition.conseil_dev_max"]);
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn signatures_recorded_in_the_charte_tab_shrink_the_list_of_unsigned_members() {
    let app = demo_app(DESKTOP);
    let id = atelier_id(&app, "AP-VELO");
    let unsigned = Store::open(app.database()).unwrap().unsigned_members(id, today()).unwrap().len();
    assert!(unsigned >= 2, "the demo atelier has members who have not signed");
    let folder = tempfile::tempdir().unwrap();
    let scan = folder.path().join("charte-signee.png");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/128x128.png"), &scan).unwrap();
    let session = app.launch();

    open_tab(&session, "AP-VELO", "charte");
    session.wait_for("#unsigned-table tbody tr", 20);
    assert_eq!(current_tab(&session), json!("charte"));
    let rows = || session.find_all("#unsigned-table tbody tr:not(.edit-row)").len();
    assert_eq!(rows(), unsigned);
    let text = page_text(&session);
    assert!(text.contains("Version en vigueur : n° 1"), "{text}");
    screenshot(&session, "3c-charte-atelier");
    assert_accessible(&session, "onglet Charte");
    assert_fits_laptop_screen(&session, "onglet Charte");

    // Signed in session, at a meeting of the atelier.
    let first = session.find("#unsigned-table tbody tr").unwrap().attribute("data-person-id").unwrap();
    session.find(&format!("tr[data-person-id='{first}'] [data-ref='sign']")).unwrap().click();
    session.wait_for("#signature-form #sign-signed_on", 10);
    assert_eq!(session.find("#sign-signed_on").unwrap().property("value"), json!(typed_day(0)));
    assert_eq!(
        session.find("#sign-meeting_id").unwrap().property("offsetParent"),
        Value::Null,
        "no meeting unless in session"
    );
    session.find("#sign-mode option[value='en_seance']").unwrap().click();
    session.wait_until("document.getElementById('sign-meeting_id').offsetParent !== null", 5);
    assert!(session.find("#sign-scan").unwrap().property("offsetParent").is_null(), "no scan unless scanned");
    let meeting = session.execute(
        "return document.querySelector('#sign-meeting_id option:not([value=\"\"])').value;",
        json!([]),
    );
    let meeting = meeting.as_str().expect("a meeting of the atelier").to_string();
    session.find(&format!("#sign-meeting_id option[value='{meeting}']")).unwrap().click();
    screenshot(&session, "3d-signature-en-seance");
    assert_accessible(&session, "formulaire de signature");
    assert_fits_laptop_screen(&session, "formulaire de signature");
    session.find("#signature-form [data-ref='save']").unwrap().click();
    let status = said(&session, "a été enregistrée");
    assert!(status.contains(&format!("Il reste {} membres sans signature.", unsigned - 1)), "{status}");
    session.wait_until(&format!("!document.querySelector(\"tr[data-person-id='{first}']\")"), 10);
    assert_eq!(rows(), unsigned - 1);

    // A scanned copy, chosen in the file dialog.
    let second = session.find("#unsigned-table tbody tr").unwrap().attribute("data-person-id").unwrap();
    session.find(&format!("tr[data-person-id='{second}'] [data-ref='sign']")).unwrap().click();
    session.wait_for("#signature-form #sign-mode", 10);
    session.find("#sign-mode option[value='copie_numerisee']").unwrap().click();
    session.find("#sign-scan").unwrap().click();
    choose_in_dialog("Choisir la copie numérisée de la charte signée", &scan);
    session.wait_until("document.querySelector('#signature-form [data-ref=\"scan-name\"]').textContent.includes('charte-signee.png')", 10);
    screenshot(&session, "3e-signature-copie-numerisee");
    session.find("#signature-form [data-ref='save']").unwrap().click();
    said(&session, &format!("Il reste {} membres sans signature.", unsigned - 2));
    session.wait_until(&format!("!document.querySelector(\"tr[data-person-id='{second}']\")"), 10);
    assert_eq!(rows(), unsigned - 2);
    screenshot(&session, "3f-charte-apres-signatures");

    // The versions of the charter: a new one, then made current.
    session.find("a[data-nav='charte']").unwrap().click();
    session.wait_for("#charter-form #charter-title", 20);
    let versions = session.find_all("article.charter-version");
    assert_eq!(versions.len(), 1);
    assert!(plain(&versions[0].text()).contains("en vigueur"));
    let body = session.find(".charter-version.is-current .charter-body").unwrap().text();
    assert!(
        body.contains("Les participants à l'atelier-projet s'engagent à :\n- être pleinement acteur"),
        "{body}"
    );
    screenshot(&session, "3g-charte-versions");
    assert_accessible(&session, "charte d'engagement");
    assert_fits_laptop_screen(&session, "charte d'engagement");
    session.find("#charter-title").unwrap().clear();
    session.find("#save-charter").unwrap().click();
    session.wait_for("#charter-title[aria-invalid='true']", 10);
    assert_eq!(plain(&error_beside(&session, "charter-title")), "Le titre de la charte est obligatoire");
    type_into(&session, "#charter-title", "Charte d'engagement et de qualité démocratique (2e version)");
    session.find("#charter-body").unwrap().send_keys("\u{E007}- respecter les horaires des séances.");
    session.find("#save-charter").unwrap().click();
    said(&session, "La version 2 de la charte a été enregistrée (pas encore en vigueur).");
    session.wait_for("article.charter-version[data-version='2'] [data-ref='make-current']", 10).click();
    said(&session, "La version 2 de la charte est désormais en vigueur");
    session.wait_for("article.charter-version.is-current[data-version='2']", 10);
    screenshot(&session, "3h-charte-version-2");
    assert_accessible(&session, "charte, version 2 en vigueur");
    session.close();

    let store = Store::open(app.database()).unwrap();
    let signatures = |person: &str| store.person_signatures(person.parse().unwrap()).unwrap();
    let in_session = signatures(&first);
    assert_eq!(in_session.len(), 1);
    assert_eq!(in_session[0].mode.as_str(), "en_seance");
    assert!(in_session[0].meeting.is_some(), "the meeting is recorded");
    let scanned = signatures(&second);
    assert_eq!((scanned[0].mode.as_str(), scanned[0].has_scan), ("copie_numerisee", true));
    assert_eq!(store.current_charter_version().unwrap(), 2);
    let members = store.atelier_members(id, today()).unwrap().iter().filter(|m| m.current).count();
    assert_eq!(store.unsigned_members(id, today()).unwrap().len(), members, "everyone signs version 2 again");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_ateliers_list_shows_the_composition_and_wraps_a_long_title_at_the_default_size() {
    let app = demo_app(DESKTOP);
    let long = "Intercommunalisationdesréseauxdechaleurrenouvelableetmaîtrisedelademandeénergétique";
    Store::open(app.database())
        .unwrap()
        .create_atelier(AtelierInput {
            code: "AP-CHALEUR".into(),
            title: long.into(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            ..AtelierInput::default()
        })
        .unwrap();
    let session = app.launch_at(1280, 720);
    session.wait_for("a[data-nav='ateliers']", 20).click();
    session.wait_for("#ateliers-table tr[data-code='AP-CHALEUR']", 20);
    let cell = |code: &str| {
        plain(&session.find(&format!("tr[data-code='{code}'] td[data-col='composition']")).unwrap().text())
    };
    assert!(cell("FIN").starts_with("Exempté"), "{}", cell("FIN"));
    let velo = cell("AP-VELO");
    assert!(velo.starts_with("Conforme") && velo.contains("% d’élus"), "verdict and ratio in words: {velo}");
    let empty = cell("AP-CHALEUR");
    assert!(empty.starts_with("3 points à revoir") && empty.contains("Aucun membre"), "{empty}");
    assert_eq!(
        session.execute(
            "return document.querySelectorAll('#ateliers-table .ratio-bar[aria-hidden=\"true\"]').length;",
            json!([])
        ),
        json!(5)
    );
    screenshot(&session, "3i-liste-1280");
    assert_accessible(&session, "liste des ateliers avec la composition");
    assert_fits_laptop_screen(&session, "liste des ateliers à 1280 × 720");

    // The new atelier's parts: nothing scrolls sideways, the empty composition is explained.
    open_tab(&session, "AP-CHALEUR", "membres");
    session.wait_for("#composition", 20);
    let text = page_text(&session);
    assert!(text.contains("Aucun membre à cette date."), "{text}");
    assert!(text.contains("Aucun membre pour l’instant."), "{text}");
    assert!(text.contains("aucun porteur politique n’est désigné"), "{text}");
    screenshot(&session, "3j-membres-atelier-vide");
    assert_accessible(&session, "membres d'un atelier vide");
    assert_fits_laptop_screen(&session, "membres d'un atelier vide à 1280 × 720");
    session.find("nav.atelier-tabs a[data-tab='fiche']").unwrap().click();
    session.wait_for("#atelier-form #code", 20);
    assert_eq!(current_tab(&session), json!("fiche"));
    assert_fits_laptop_screen(&session, "fiche d'un atelier au titre long");
    screenshot(&session, "3k-fiche-titre-long");

    // The permanent Finances atelier is exempt: its panel says so and lists nothing to fix.
    session.find("a[data-nav='ateliers']").unwrap().click();
    open_tab(&session, "FIN", "membres");
    session.wait_for("#composition", 20);
    let verdict = plain(&session.find("#composition .composition-verdict").unwrap().text());
    assert!(verdict.starts_with("Atelier exempté des règles de composition"), "{verdict}");
    assert!(session.find_all("#composition .findings li").is_empty());
    screenshot(&session, "3l-membres-atelier-exempte");
    assert_accessible(&session, "membres d'un atelier exempté");
    assert_fits_laptop_screen(&session, "membres d'un atelier exempté à 1280 × 720");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_person_created_on_the_spot_joins_the_atelier_and_a_mistaken_membership_is_removed() {
    let app = demo_app(DESKTOP);
    let session = app.launch();
    open_tab(&session, "AP-PISC", "membres");
    session.wait_for("#composition [data-fact='colleges'] li", 20);
    let before = session.find_all(".members-table tbody tr").len();

    session.find("#show-add-member").unwrap().click();
    type_into(&session, "#person-query", "Zimmermann-Oberlé");
    said(&session, "Aucune personne trouvée");
    session.find("#create-person-mode").unwrap().click();
    session.wait_until("document.activeElement.id === 'new-person-civility'", 5);
    assert_eq!(
        session.find("#new-person-last_name").unwrap().property("value"),
        json!("Zimmermann-Oberlé"),
        "what was searched is offered as the last name"
    );
    session.find("#new-person-civility option[value='Mme']").unwrap().click();
    type_into(&session, "#new-person-first_name", "Maïté");
    type_into(&session, "#new-person-email", "maite.zimmermann@exemple.fr");
    let commune = session.execute(
        "return [...document.querySelectorAll('#new-person-commune_id option')].find(o => o.textContent === 'Wittenheim').value;",
        json!([]),
    );
    session
        .find(&format!("#new-person-commune_id option[value='{}']", commune.as_str().unwrap()))
        .unwrap()
        .click();
    screenshot(&session, "3m-creer-une-personne");
    assert_accessible(&session, "création d'une personne dans l'atelier");
    assert_fits_laptop_screen(&session, "création d'une personne dans l'atelier");

    // No collège: neither the person nor the membership is written (one transaction).
    session.find("#save-member").unwrap().click();
    session.wait_for("#add-college[aria-invalid='true']", 10);
    assert_eq!(plain(&error_beside(&session, "add-college")), "Choisissez le collège du membre");
    said(&session, "L’ajout de Mme Maïté Zimmermann-Oberlé n’a pas abouti : 1 erreur à corriger.");
    let nobody = Store::open(app.database())
        .unwrap()
        .search_people("Zimmermann-Oberlé", true, Default::default(), 10)
        .unwrap();
    assert_eq!(nobody.total, 0, "the refused member left no person behind");
    screenshot(&session, "3n-ajout-membre-erreur");
    assert_accessible(&session, "ajout d'un membre avec une erreur");
    session.find("#add-college option[value='experts']").unwrap().click();
    session.find("#add-category option[value='collaborateur_commune']").unwrap().click();
    session.find("#save-member").unwrap().click();
    said(&session, "Mme Maïté Zimmermann-Oberlé fait maintenant partie de l’atelier AP-PISC.");
    let person_id = session.execute(
        "return [...document.querySelectorAll('.members-table tr[data-person-id]')]
                  .find(r => r.textContent.includes('Maïté')).dataset.personId;",
        json!([]),
    );
    let row_css = format!(".members-table tr[data-person-id='{}']", person_id.as_str().unwrap());
    let row = session.wait_for(&row_css, 10);
    assert!(plain(&row.text()).contains("Collaborateur d'une commune"), "{}", row.text());
    assert_eq!(session.find_all(".members-table tbody tr").len(), before + 1);

    // Entered by mistake: « Retirer », confirmed.
    session.find(&format!("{row_css} [data-ref='remove']")).unwrap().click();
    let question = session.wait_for("#remove-question", 5);
    assert_eq!(plain(&question.text()), "Retirer Mme Maïté Zimmermann-Oberlé de l’atelier AP-PISC ?");
    scroll_to(&session, "#remove-question");
    screenshot(&session, "3o-retirer-confirmation");
    assert_accessible(&session, "confirmation du retrait");
    session.find(".confirm-box [data-ref='confirm']").unwrap().click();
    said(&session, "L’appartenance de Mme Maïté Zimmermann-Oberlé à l’atelier AP-PISC a été supprimée.");
    session.wait_until(&format!("!document.querySelector(\"{row_css}\")"), 10);
    assert_eq!(session.find_all(".members-table tbody tr").len(), before);

    // The members as a CSV file, where the save dialog says.
    let folder = tempfile::tempdir().unwrap();
    let csv = folder.path().join("membres-piscines.csv");
    session.find("#export-members").unwrap().click();
    choose_in_dialog("Exporter les membres", &csv);
    let status = said(&session, "ont été enregistrés dans");
    assert!(status.contains(&format!("« {} »", csv.display())), "{status}");
    let bytes = std::fs::read(&csv).expect("the CSV file is written");
    assert!(!bytes.is_empty());
    session.close();

    let store = Store::open(app.database()).unwrap();
    let found = store.search_people("Zimmermann-Oberlé", true, Default::default(), 10).unwrap();
    assert_eq!(found.total, 1, "the person was created once, not twice");
    assert_eq!(found.rows[0].commune.as_deref(), Some("Wittenheim"));
    assert!(store.person_memberships(found.rows[0].id, today()).unwrap().is_empty());
}
