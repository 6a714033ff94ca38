//! Whom a meeting convokes, in a real window (issue 22): a petit groupe planned with nobody
//! convoked, then its members ticked in its Convocations part, the list saved and followed
//! by the convocations; then it is deleted as planned by mistake, while a meeting whose
//! convocations were sent is not. Screenshots go to `target/screenshots/convoques-*.png`;
//! axe-core checks every state.

use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit_demo::{atelier_id, demo_app, typed_day};
use serde_json::json;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_petit_groupe_convokes_the_members_ticked_for_it() {
    let app = demo_app(DESKTOP);
    let atelier = atelier_id(&app, "AP-VELO");
    let store = Store::open(app.database()).unwrap();
    let members = store.atelier_members(atelier, ateliers::clock::today()).unwrap();
    let current: Vec<_> = members.iter().filter(|m| m.current).collect();
    assert!(current.len() > 3, "the demonstration atelier has members");
    drop(store);
    let session = app.launch();

    // Planned as a petit groupe: the form asks whom it convokes; « personne pour l'instant ».
    go(&session, &format!("#/ateliers/{atelier}/reunions/nouvelle"));
    session.execute(
        "const k = document.getElementById('meeting-kind'); k.value = 'petit_groupe'; k.dispatchEvent(new Event('change'));",
        json!([]),
    );
    session.wait_for("[data-ref='convoke-field']:not([hidden]) #meeting-convoke", 10);
    let number = "return document.getElementById('meeting-session_number').value;";
    assert_eq!(session.execute(number, json!([])), json!(""), "a petit groupe takes no session number");
    assert_accessible(&session, "réunion en petit groupe, personnes convoquées");
    type_into(&session, "#meeting-date", &typed_day(45));
    type_into(&session, "#meeting-start_time", "07:00");
    type_into(&session, "#meeting-end_time", "08:00");
    type_into(&session, "#meeting-place", "Salle des maquettes");
    session.find("#save-meeting").unwrap().click();
    session.wait_until("location.hash.startsWith('#/reunions/')", 15);
    said(&session, "a été planifiée");
    let hash = session.execute("return location.hash;", json!([]));
    let meeting: i64 =
        hash.as_str().unwrap().trim_start_matches("#/reunions/").split('/').next().unwrap().parse().unwrap();

    go(&session, &format!("#/reunions/{meeting}/convocations"));
    session.wait_for("#members-choice-form [data-ref='choices'] input", 20);
    assert!(text_of(&session, "[data-ref='empty']").contains("Personne n’est encore convoqué"));
    assert!(session.find("#convocations-table tbody tr").is_none(), "nobody convoked yet");
    assert_eq!(session.find_all("#members-choice-form input[type='checkbox']").len(), current.len());

    // Two members ticked, saved: they alone are convoked.
    let chosen: Vec<i64> = current.iter().take(2).map(|m| m.person_id).collect();
    for id in &chosen {
        session.find(&format!("#member-choice-{id}")).unwrap().click();
    }
    session.find("#save-members-choice").unwrap().click();
    said(&session, "La liste est enregistrée : 2 membres convoqués.");
    session.wait_until("document.querySelectorAll('#convocations-table tbody tr').length === 2", 10);
    scroll_to(&session, "[data-ref='choose-box']");
    screenshot(&session, "convoques-1-petit-groupe");
    assert_accessible(&session, "petit groupe, membres cochés");
    assert_fits_laptop_screen(&session, "petit groupe, membres cochés");
    let store = Store::open(app.database()).unwrap();
    let convoked: Vec<i64> = store.convocations(meeting).unwrap().rows.iter().map(|r| r.person_id).collect();
    let mut expected = chosen.clone();
    expected.sort_unstable();
    let mut got = convoked.clone();
    got.sort_unstable();
    assert_eq!(got, expected);

    // « Tout décocher », saved: nobody again.
    session.find("#choose-none").unwrap().click();
    said(&session, "Aucun membre n’est coché");
    session.find("#save-members-choice").unwrap().click();
    said(&session, "La liste est enregistrée : 0 membre convoqué.");
    session.wait_until("document.querySelectorAll('#convocations-table tbody tr').length === 0", 10);

    // Planned by mistake: deleted after a confirmation, back to the atelier's meetings.
    session.find("#delete-meeting").expect("« Supprimer (créée par erreur) »").click();
    session.wait_for("#confirm-dialog[open]", 10);
    screenshot(&session, "convoques-2-supprimer");
    assert_accessible(&session, "confirmation de la suppression d'une réunion");
    session.find("#confirm-yes").unwrap().click();
    said(&session, "a été supprimée");
    settle(&session, &format!("#/ateliers/{atelier}/reunions"));
    let store = Store::open(app.database()).unwrap();
    assert!(store.meeting(meeting).is_err(), "the meeting is gone");

    // A meeting whose convocations were sent is not deleted: the reason is said.
    let sent = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| {
            store.convocations(m.id).unwrap().rows.iter().any(|r| r.sent_at.is_some())
                && m.status.as_str() != "tenue"
        })
        .expect("a demonstration meeting with convocations sent");
    drop(store);
    go(&session, &format!("#/reunions/{}", sent.id));
    session.wait_for("#delete-meeting", 10).click();
    session.wait_for("#confirm-dialog[open]", 10);
    session.find("#confirm-yes").unwrap().click();
    let status = said(&session, "La réunion n’a pas été supprimée");
    assert!(status.contains("des convocations ont été envoyées"), "{status}");
    assert!(Store::open(app.database()).unwrap().meeting(sent.id).is_ok());
    session.close();
}
