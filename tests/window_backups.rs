//! Paramètres › Sauvegardes in a real window (issue 19): the automatic backups listed with
//! what each holds, « Sauvegarder maintenant… » through the system's save dialog, and a
//! restore that shows what will replace what, asks, then shows the restored base.
//!
//! Screenshots go to `target/screenshots/9*.png`; axe-core checks every state shown.

use ateliers::model::atelier::AtelierInput;
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit_demo::demo_app;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn backups_are_listed_saved_where_chosen_and_restored_after_a_confirmation() {
    let app = demo_app(DESKTOP);
    // An automatic backup of the demonstration (4 ateliers), then a fifth atelier and another
    // backup (the start-up backup, a moment after the window opens, may add a third).
    {
        let mut store = Store::open(app.database()).unwrap();
        store.backup_rotating().unwrap();
        store
            .create_atelier(AtelierInput {
                code: "AP-APRES".into(),
                title: "Créé après la sauvegarde".into(),
                kind: "faisabilite".into(),
                status: "propose".into(),
                ..AtelierInput::default()
            })
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        store.backup_rotating().unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let session = app.launch();
    go(&session, "#/parametres");
    session.wait_until("document.querySelectorAll('#backups tbody tr').length >= 2", 20);
    let text = plain(&text_of(&session, "#backups"));
    assert!(text.contains("Elle contient aujourd’hui : 5 ateliers, 152 personnes"), "{text}");
    assert!(text.contains("4 ateliers, 152 personnes"), "{text}");
    scroll_to(&session, "#backups");
    screenshot(&session, "90-sauvegardes");
    assert_accessible(&session, "paramètres, sauvegardes");
    assert_fits_laptop_screen(&session, "paramètres, sauvegardes");

    // « Sauvegarder maintenant… » where the user chose.
    session.find("#backup-now").unwrap().click();
    let saved = out.path().join("copie-de-la-base");
    choose_in_dialog("Enregistrer une sauvegarde de la base", &saved);
    announced(&session, "La sauvegarde a été enregistrée");
    let saved = out.path().join("copie-de-la-base.sqlite3");
    let copy = Store::contents_of_file(&saved).expect("the saved copy is an Ateliers base");
    assert_eq!((copy.ateliers, copy.people), (5, 152));

    // Restoring the older automatic backup: the dialog says what replaces what.
    let restore = "#backups tbody tr:last-child button";
    let label = attribute(&session, restore, "aria-label").unwrap_or_default();
    assert!(label.starts_with("Restaurer la sauvegarde du "), "{label}");
    session.find(restore).unwrap().click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    let asked = plain(&text_of(&session, "#confirm-dialog"));
    assert!(asked.contains("La base actuelle (5 ateliers, 152 personnes"), "{asked}");
    assert!(asked.contains("(4 ateliers, 152 personnes"), "{asked}");
    screenshot(&session, "91-sauvegardes-confirmation");
    assert_accessible(&session, "confirmation de la restauration");
    // Cancelling changes nothing and gives the focus back.
    session.find("#confirm-no").unwrap().click();
    session.wait_until("!document.getElementById('confirm-dialog').open", 10);
    session.wait_until(&format!("document.activeElement === document.querySelector({restore:?})"), 10);

    session.find(restore).unwrap().click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    session.find("#confirm-yes").unwrap().click();
    let message = announced(&session, "La base a été restaurée");
    assert!(plain(&message).contains("4 ateliers"), "{message}");
    session.wait_until("location.hash === '#/tableau-de-bord'", 10);
    wait_loaded(&session);
    screenshot(&session, "92-base-restauree");
    assert_accessible(&session, "tableau de bord après restauration");

    // Restoring the file saved above: the dialog names it; cancelled.
    go(&session, "#/parametres");
    session.wait_until("document.querySelectorAll('#backups tbody tr').length >= 3", 20);
    session.find("#restore-file").unwrap().click();
    choose_in_dialog("Choisir la sauvegarde à restaurer", &saved);
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    let asked = plain(&text_of(&session, "#confirm-dialog"));
    assert!(asked.contains("copie-de-la-base.sqlite3") && asked.contains("(5 ateliers"), "{asked}");
    session.find("#confirm-no").unwrap().click();
    session.close();

    let store = Store::open(app.database()).unwrap();
    let codes: Vec<String> = store.list_ateliers().unwrap().into_iter().map(|a| a.code).collect();
    assert!(!codes.contains(&"AP-APRES".to_string()), "the base is the restored one: {codes:?}");
    assert_eq!(codes.len(), 4);
    assert!(saved.is_file(), "the saved copy is untouched");
}
