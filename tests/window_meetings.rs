//! Meetings in a real window: planning two meetings of two ateliers at overlapping times
//! (the conflict shown before saving, then saved deliberately), the ordre du jour (items
//! added, moved by keyboard, saved and read again, the overrun warning, the validation of
//! the previous relevé proposed first), marking a meeting held (which offers to validate
//! the previous relevé), and axe-core on each of these screens.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb.

use ateliers::model::atelier::AtelierInput;
use ateliers::model::meeting::MeetingInput;
use ateliers::model::releve::ReleveInput;
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit_demo::{demo_app, typed_day};
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

const ENTER: &str = "\u{E007}";

/// A new atelier with no planned period (so no date of ours falls outside it).
fn new_atelier(store: &mut Store, code: &str, title: &str) -> i64 {
    store
        .create_atelier(AtelierInput {
            code: code.into(),
            title: title.into(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            ..Default::default()
        })
        .expect("the atelier is created")
        .id
}

fn meeting_input(atelier_id: i64, number: u32, days: i64, start: &str, end: &str) -> MeetingInput {
    MeetingInput {
        atelier_id,
        session_number: number.to_string(),
        date: typed_day(days),
        start_time: start.into(),
        end_time: end.into(),
        place: "Salle des commissions".into(),
        ..Default::default()
    }
}

/// Fills the meeting form's date and times.
fn fill_when(session: &Session, day: &str, start: &str, end: &str) {
    type_into(session, "#meeting-date", day);
    type_into(session, "#meeting-start_time", start);
    type_into(session, "#meeting-end_time", end);
}

/// The id of the meeting whose page is shown (`#/reunions/12` → 12).
fn shown_meeting(session: &Session) -> i64 {
    let hash = session.execute("return location.hash;", json!([]));
    let hash = hash.as_str().unwrap_or_default();
    hash.trim_start_matches("#/reunions/").split('/').next().unwrap().parse().expect("a meeting page")
}

/// The titles of the agenda's items, in order.
fn agenda_titles(session: &Session) -> Vec<String> {
    let value = session.execute(
        "return [...document.querySelectorAll('.agenda-item [data-ref=\"title\"]')].map(i => i.value);",
        json!([]),
    );
    serde_json::from_value(value).unwrap()
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn two_ateliers_meeting_at_the_same_time_show_the_conflict_before_saving() {
    let app = demo_app(DESKTOP);
    let (first, second, default_place, demo) = {
        let mut store = Store::open(app.database()).unwrap();
        let first = new_atelier(&mut store, "AP-TRAM", "Prolongement du tramway");
        let second = new_atelier(&mut store, "AP-PARC", "Parc des berges");
        let demo =
            store.list_ateliers().unwrap().into_iter().find(|a| a.code == "AP-VELO").expect("AP-VELO").id;
        (first, second, store.settings().unwrap().data.default_place, demo)
    };
    // Far from the demonstration's meetings, early in the morning: nothing else then.
    let day = typed_day(200);
    let session = app.launch();

    // The demonstration's atelier: held meetings in the past, planned ones to come.
    go(&session, &format!("#/ateliers/{demo}/reunions"));
    assert!(!session.find_all("#meetings-past tbody tr").is_empty(), "past meetings");
    assert!(!session.find_all("#meetings-upcoming tbody tr").is_empty(), "upcoming meetings");
    screenshot(&session, "reunions-00-onglet-reunions-demo");
    assert_accessible(&session, "onglet Réunions de la démonstration");
    assert_fits_laptop_screen(&session, "onglet Réunions de la démonstration");

    // The Réunions tab of an atelier without meetings.
    go(&session, &format!("#/ateliers/{first}/reunions"));
    assert_eq!(heading(&session), "Réunions de l’atelier AP-TRAM");
    let text = plain(&session.page_text());
    assert!(text.contains("Aucune réunion à venir.") && text.contains("Aucune réunion passée."), "{text}");
    let current = session.find("nav.atelier-tabs a[aria-current='page']").unwrap();
    assert_eq!(current.attribute("data-tab").as_deref(), Some("reunions"));

    // Planning the first meeting: number and place proposed, no conflict, saved at once.
    session.find("#plan-meeting").unwrap().click();
    settle(&session, &format!("#/ateliers/{first}/reunions/nouvelle"));
    assert_eq!(heading(&session), "Planifier une réunion — atelier AP-TRAM");
    assert_eq!(session.find("#meeting-session_number").unwrap().property("value"), json!("1"));
    assert_eq!(session.find("#meeting-place").unwrap().property("value"), json!(default_place));
    assert!(
        session.find("#meeting-fold").unwrap().property("hidden") == json!(true),
        "no fold question unasked"
    );
    assert_accessible(&session, "formulaire de réunion");
    assert_fits_laptop_screen(&session, "formulaire de réunion");
    fill_when(&session, &day, "07:30", "09:00");
    if default_place.is_empty() {
        type_into(&session, "#meeting-place", "Salle du conseil");
    }
    screenshot(&session, "reunions-01-formulaire");
    session.find("#save-meeting").unwrap().click();
    session.wait_until("location.hash.startsWith('#/reunions/')", 15);
    let first_meeting = shown_meeting(&session);
    settle(&session, &format!("#/reunions/{first_meeting}"));
    assert_eq!(heading(&session), "Séance n° 1 — atelier AP-TRAM");
    said(&session, "a été planifiée");

    // The second atelier at an overlapping time: the conflict is shown, nothing saved yet.
    go(&session, &format!("#/ateliers/{second}/reunions/nouvelle"));
    fill_when(&session, &day, "08:00", "10:00");
    type_into(&session, "#meeting-title", "Visite des berges");
    session.find("#save-meeting").unwrap().click();
    session.wait_for("#meeting-conflicts:not([hidden]) .conflict", 15);
    let conflicts = text_of(&session, "#meeting-conflicts");
    assert!(conflicts.contains("À examiner avant d’enregistrer : 1 conflit"), "{conflicts}");
    assert!(
        conflicts.contains("Chevauche la séance n° 1 de l’atelier AP-TRAM"),
        "names the other meeting: {conflicts}"
    );
    assert!(conflicts.contains("Réunion en conflit : Séance n° 1 de l’atelier AP-TRAM"), "{conflicts}");
    assert!(conflicts.contains("7 h 30 – 9 h 00") && conflicts.contains("(autre atelier)"), "{conflicts}");
    let focused = session.execute("return document.activeElement.id;", json!([]));
    assert_eq!(focused, json!("meeting-conflicts-title"), "the conflicts get the focus");
    said(&session, "1 conflit à examiner");
    assert!(
        Store::open(app.database()).unwrap().atelier_meetings(second).unwrap().is_empty(),
        "not saved yet"
    );
    scroll_to(&session, "#meeting-conflicts");
    screenshot(&session, "reunions-02-conflit");
    assert_accessible(&session, "formulaire de réunion avec un conflit");
    assert_fits_laptop_screen(&session, "formulaire de réunion avec un conflit");

    // « Modifier la date » goes back to the date; « Enregistrer malgré tout » saves it.
    session.find("#change-date").unwrap().click();
    let focused = session.execute("return document.activeElement.id;", json!([]));
    assert_eq!(focused, json!("meeting-date"));
    session.find("#save-meeting").unwrap().click();
    session.wait_for("#meeting-conflicts:not([hidden]) .conflict", 15);
    session.find("#save-anyway").unwrap().click();
    session.wait_until("location.hash.startsWith('#/reunions/')", 15);
    let second_meeting = shown_meeting(&session);
    settle(&session, &format!("#/reunions/{second_meeting}"));
    assert_eq!(heading(&session), "Séance n° 1 — atelier AP-PARC");
    let page = plain(&session.page_text());
    assert!(page.contains("« Visite des berges » — Parc des berges"), "{page}");
    assert!(page.contains("8 h 00 – 10 h 00") && page.contains("Prévue"), "{page}");
    said(&session, "a été planifiée");

    // The meeting page: its summary, its actions, its parts; back to the atelier's list.
    let back = session.find("nav.breadcrumb a").unwrap();
    let href = back.attribute("href").unwrap_or_default();
    assert!(href.ends_with(&format!("#/ateliers/{second}/reunions")), "{href}");
    let part = session.find(".meeting-parts a[aria-current='page']").unwrap();
    assert_eq!(part.attribute("data-part").as_deref(), Some("ordre-du-jour"));
    assert!(
        session.find("#hold-meeting").unwrap().property("hidden") == json!(true),
        "not begun: cannot be held"
    );
    session.wait_for("#agenda-form", 15);
    screenshot(&session, "reunions-03-page-reunion");
    assert_accessible(&session, "page d'une réunion");
    assert_fits_laptop_screen(&session, "page d'une réunion");

    back.click();
    settle(&session, &format!("#/ateliers/{second}/reunions"));
    let row = session.wait_for(&format!("#meetings-upcoming tr[data-meeting-id='{second_meeting}']"), 10);
    let row_text = plain(&row.text());
    assert!(row_text.contains("n° 1") && row_text.contains("8 h 00 – 10 h 00"), "{row_text}");
    assert!(row_text.contains("Visite des berges") && row_text.contains("Prévue"), "{row_text}");
    screenshot(&session, "reunions-04-onglet-reunions");
    assert_accessible(&session, "onglet Réunions");
    assert_fits_laptop_screen(&session, "onglet Réunions");

    // Changing it to a free time: the form is filled, no conflict is left, saved at once.
    go(&session, &format!("#/reunions/{second_meeting}/modifier"));
    assert_eq!(heading(&session), "Modifier la réunion : Séance n° 1 — atelier AP-PARC");
    assert_eq!(session.find("#meeting-date").unwrap().property("value"), json!(day));
    assert_eq!(session.find("#meeting-start_time").unwrap().property("value"), json!("08:00"));
    assert_eq!(session.find("#meeting-title").unwrap().property("value"), json!("Visite des berges"));
    fill_when(&session, &day, "10:00", "11:30");
    session.find("#save-meeting").unwrap().click();
    settle(&session, &format!("#/reunions/{second_meeting}"));
    said(&session, "a été modifiée");
    assert!(plain(&session.page_text()).contains("10 h 00 – 11 h 30"));

    // A time that happens twice (clocks going back in October) asks which one.
    go(&session, &format!("#/ateliers/{first}/reunions/nouvelle"));
    fill_when(&session, "31/10/2027", "02:30", "03:30");
    session.find("#save-meeting").unwrap().click();
    session.wait_for("#meeting-fold:not([hidden])", 10);
    let question = error_beside(&session, "meeting-fold");
    assert!(plain(&question).contains("existe deux fois"), "{question}");
    said(&session, "1 erreur à corriger");
    scroll_to(&session, "#meeting-fold");
    screenshot(&session, "reunions-11-heure-en-double");
    assert_accessible(&session, "formulaire de réunion, heure en double");
    session.find("#meeting-fold-seconde").unwrap().click();
    session.find("#save-meeting").unwrap().click();
    session.wait_until("location.hash.startsWith('#/reunions/')", 15);
    let folded = shown_meeting(&session);
    let stored = Store::open(app.database()).unwrap().meeting(folded).unwrap();
    assert_eq!(stored.start_utc, "2027-10-31T01:30:00Z", "the second 02:30 is winter time (UTC+1)");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_agenda_is_ordered_by_keyboard_saved_and_proposes_the_pending_validation_first() {
    let app = demo_app(DESKTOP);
    let (atelier, next) = {
        let mut store = Store::open(app.database()).unwrap();
        let atelier = new_atelier(&mut store, "AP-ODJ", "Mobilités douces");
        // A held meeting two weeks ago whose relevé is not validated, and the next one.
        let held = store.create_meeting(meeting_input(atelier, 1, -14, "18:00", "20:00"), true).unwrap().id;
        store.mark_meeting_held(held).unwrap();
        store
            .save_releve(held, ReleveInput { synthesis: "Premiers échanges.".into(), ..Default::default() })
            .unwrap();
        let next = store.create_meeting(meeting_input(atelier, 2, 14, "18:00", "19:00"), true).unwrap().id;
        (atelier, next)
    };
    let session = app.launch();

    // The Réunions tab tells past from upcoming.
    go(&session, &format!("#/ateliers/{atelier}/reunions"));
    assert_eq!(session.find_all("#meetings-past tbody tr").len(), 1);
    assert_eq!(session.find_all("#meetings-upcoming tbody tr").len(), 1);
    let past = text_of(&session, "#meetings-past");
    assert!(past.contains("Tenue"), "{past}");
    screenshot(&session, "reunions-05-passees-et-a-venir");
    assert_accessible(&session, "onglet Réunions, réunions passées et à venir");

    go(&session, &format!("#/reunions/{next}"));
    session.wait_for("#agenda-form", 15);
    assert_eq!(heading(&session), "Séance n° 2 — atelier AP-ODJ");
    let proposal = text_of(&session, ".proposal");
    assert!(proposal.contains("Validation du relevé de la séance du"), "{proposal}");
    assert!(session.find(".proposal").unwrap().property("hidden") == json!(false));
    screenshot(&session, "reunions-06-ordre-du-jour-propose");

    // Three items.
    for (i, (title, minutes)) in
        [("Accueil", "10"), ("Scénarios", "40"), ("Calendrier", "20")].iter().enumerate()
    {
        session.find("#add-agenda-item").unwrap().click();
        let focused = session.execute("return document.activeElement.id;", json!([]));
        assert_eq!(focused, json!(format!("agenda-title-{i}")), "a new item's title gets the focus");
        type_into(&session, &format!("#agenda-title-{i}"), title);
        type_into(&session, &format!("#agenda-duration-{i}"), minutes);
    }
    session.execute(
        "const select = document.getElementById('agenda-kind-1'); select.value = 'debat';
         select.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([]),
    );
    type_into(&session, "#agenda-presenter-1", "Bureau d’études Alpha");
    let total = text_of(&session, "#agenda-total");
    assert_eq!(total, "Durée totale : 1 h 10 pour une réunion de 1 h 00.");

    // « Calendrier » moves up by keyboard; the focus stays on its button.
    session.execute(
        "document.querySelector('#agenda-title-2').closest('li').querySelector('[data-ref=\"up\"]').focus();",
        json!([]),
    );
    session.press_key(ENTER);
    said(&session, "Point déplacé en 2e position");
    assert_eq!(agenda_titles(&session), ["Accueil", "Calendrier", "Scénarios"]);
    let focus = session.execute(
        "const a = document.activeElement; return [a.dataset.ref, a.closest('li').dataset.index];",
        json!([]),
    );
    assert_eq!(focus, json!(["up", "1"]), "the focus follows the moved item");
    // At the top, « Monter » says so and changes nothing.
    session.execute(
        "document.querySelector('#agenda-title-0').closest('li').querySelector('[data-ref=\"up\"]').focus();",
        json!([]),
    );
    session.press_key(ENTER);
    said(&session, "Ce point est déjà le premier.");

    // The proposed validation goes first, with its relevé.
    session.find("#add-proposal").unwrap().click();
    said(&session, "ajouté en premier point");
    let titles = agenda_titles(&session);
    assert!(titles[0].starts_with("Validation du relevé de la séance du"), "{titles:?}");
    assert!(session.find(".proposal").unwrap().property("hidden") == json!(true), "no longer proposed");

    session.find("#save-agenda").unwrap().click();
    said(&session, "L’ordre du jour a été enregistré (4 points, 1 h 20). L’ordre du jour dure 1 h 20");
    let overrun = text_of(&session, "#agenda-overrun");
    assert!(session.find("#agenda-overrun").unwrap().property("hidden") == json!(false));
    assert!(
        overrun.contains("L’ordre du jour dure 1 h 20 pour une réunion de 1 h 00 : 20 min de trop"),
        "{overrun}"
    );
    scroll_to(&session, "#agenda-title");
    screenshot(&session, "reunions-07-ordre-du-jour");
    scroll_to(&session, "#agenda-form .agenda-item:last-child");
    screenshot(&session, "reunions-08-ordre-du-jour-depassement");
    assert_accessible(&session, "ordre du jour");
    assert_fits_laptop_screen(&session, "ordre du jour");
    // The window's default size.
    session.set_window_size(1280, 720);
    assert_fits_laptop_screen(&session, "ordre du jour en 1280 × 720");
    scroll_to(&session, "#agenda-title");
    screenshot(&session, "reunions-08b-ordre-du-jour-1280x720");
    session.set_window_size(1366, 768);

    // Read again from the base: the same order, the relevé linked, nothing proposed.
    go(&session, &format!("#/ateliers/{atelier}/reunions"));
    session.find(&format!("tr[data-meeting-id='{next}'] a")).expect("the meeting's row").click();
    settle(&session, &format!("#/reunions/{next}"));
    session.wait_for("#agenda-form .agenda-item", 15);
    let titles = agenda_titles(&session);
    assert_eq!(titles[1..], ["Accueil", "Calendrier", "Scénarios"]);
    assert!(titles[0].starts_with("Validation du relevé de la séance du"), "{titles:?}");
    assert!(session.find(".proposal").unwrap().property("hidden") == json!(true));
    assert_eq!(session.find("#agenda-kind-0").unwrap().property("value"), json!("validation_releve"));
    assert_eq!(
        session.find("#agenda-presenter-3").unwrap().property("value"),
        json!("Bureau d’études Alpha")
    );
    let stored = Store::open(app.database()).unwrap().agenda(next).unwrap();
    assert!(stored.items[0].releve_id.is_some(), "the first item validates the relevé");
    assert_eq!(stored.items[3].kind.as_str(), "debat");

    // An empty title is refused, naming its line, beside the field.
    type_into(&session, "#agenda-title-2", " ");
    session.find("#save-agenda").unwrap().click();
    said(&session, "1 erreur à corriger");
    let error = error_beside(&session, "agenda-title-2");
    assert!(plain(&error).contains("Point 3 : l’intitulé est obligatoire"), "{error}");

    // A supporting document chosen in the file dialog, then removed.
    let folder = tempfile::tempdir().unwrap();
    let note = folder.path().join("Note de cadrage.pdf");
    std::fs::write(&note, b"%PDF-1.4 note").unwrap();
    session.find("#attach-document").unwrap().click();
    choose_in_dialog("Joindre un document à la réunion", &note);
    session.wait_for(".document-list li", 20);
    said(&session, "Document joint : Note de cadrage.pdf");
    assert!(text_of(&session, ".document-list").contains("Note de cadrage.pdf (13 octets)"));
    scroll_to(&session, ".agenda-documents");
    screenshot(&session, "reunions-12-document-joint");
    assert_accessible(&session, "ordre du jour avec un document");
    session.find(".document-list [data-ref='remove']").unwrap().click();
    said(&session, "a été retiré de la réunion");
    assert!(session.find_all(".document-list li").is_empty());
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn marking_a_meeting_held_offers_to_validate_the_previous_releve() {
    let app = demo_app(DESKTOP);
    let (previous, current) = {
        let mut store = Store::open(app.database()).unwrap();
        let atelier = new_atelier(&mut store, "AP-VAL", "Validation");
        let previous =
            store.create_meeting(meeting_input(atelier, 1, -30, "18:00", "20:00"), true).unwrap().id;
        store.mark_meeting_held(previous).unwrap();
        store
            .save_releve(previous, ReleveInput { synthesis: "Synthèse.".into(), ..Default::default() })
            .unwrap();
        store.diffuse_releve(previous).unwrap();
        let current = store.create_meeting(meeting_input(atelier, 2, -1, "18:00", "20:00"), true).unwrap().id;
        (previous, current)
    };
    let session = app.launch();

    go(&session, &format!("#/reunions/{current}"));
    // Postponing asks first; « Ne rien changer » changes nothing and gives the focus back.
    session.find("#postpone-meeting").unwrap().click();
    session.wait_until("document.getElementById('confirm-dialog').open", 5);
    screenshot(&session, "reunions-09-reporter");
    assert_accessible(&session, "confirmation du report");
    session.find("#confirm-no").unwrap().click();
    let focused = session.execute("return document.activeElement.id;", json!([]));
    assert_eq!(focused, json!("postpone-meeting"));

    session.find("#hold-meeting").unwrap().click();
    session.wait_until("document.getElementById('meeting-held-dialog').open", 10);
    said(&session, "est marquée tenue");
    let status = text_of(&session, "dl.meeting-summary [data-ref='status']");
    assert_eq!(status, "Tenue", "the status changes at once");
    let offer = text_of(&session, "#meeting-held-dialog .held-releves");
    assert!(offer.contains("Valider le relevé de la séance n° 1 de l’atelier AP-VAL du"), "{offer}");
    screenshot(&session, "reunions-10-tenue-valider");
    assert_accessible(&session, "réunion tenue : validation du relevé");
    session.find("#meeting-held-dialog .held-releves button").unwrap().click();
    said(&session, "validé à cette séance");
    session.find("#meeting-held-close").unwrap().click();
    settle(&session, &format!("#/reunions/{current}"));
    session.wait_until("document.querySelector('[data-ref=\"status\"]').textContent === 'Tenue'", 10);
    let releve: Value =
        serde_json::to_value(Store::open(app.database()).unwrap().releve(previous).unwrap()).unwrap();
    assert_eq!(releve["status"], json!("valide"));
    assert_eq!(releve["validated_at_meeting_id"], json!(current));
    assert!(session.find("#hold-meeting").unwrap().property("hidden") == json!(true), "held once");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn an_atelier_with_meetings_cannot_be_deleted_but_one_without_can() {
    let app = demo_app(DESKTOP);
    let (busy, empty) = {
        let mut store = Store::open(app.database()).unwrap();
        let busy = store
            .list_ateliers()
            .unwrap()
            .into_iter()
            .find(|a| a.code == "AP-VELO")
            .expect("demo atelier")
            .id;
        (busy, new_atelier(&mut store, "AP-ERREUR", "Créé par erreur"))
    };
    let session = app.launch();
    go(&session, &format!("#/ateliers/{busy}"));
    session.wait_for("#delete-atelier", 20).click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    assert_accessible(&session, "confirmation de la suppression d’un atelier");
    screenshot(&session, "reunions-13-supprimer-atelier");
    session.find("#confirm-yes").unwrap().click();
    let refused = said(&session, "n’a pas été supprimé");
    assert!(refused.contains("ne peut pas être supprimé") && refused.contains("« Clos »"), "{refused}");
    screenshot(&session, "reunions-14-suppression-refusee");
    assert!(Store::open(app.database()).unwrap().atelier(busy).is_ok(), "still there, with its meetings");

    go(&session, &format!("#/ateliers/{empty}"));
    session.wait_for("#delete-atelier", 20).click();
    session.wait_until("document.getElementById('confirm-dialog').open", 10);
    session.find("#confirm-yes").unwrap().click();
    said(&session, "L’atelier AP-ERREUR a été supprimé.");
    session.wait_for("#ateliers-table tr[data-code]", 20);
    assert!(session.find("#ateliers-table tr[data-code='AP-ERREUR']").is_none(), "no longer listed");
    screenshot(&session, "reunions-15-atelier-supprime");
    assert!(Store::open(app.database()).unwrap().atelier(empty).is_err());
}
