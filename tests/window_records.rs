//! The records of a meeting in a real window: the attendance sheet (statuses, a proxy to
//! another convoked person, the « à reporter » warning, people who came uninvited), the
//! relevé de décisions written, diffused and validated at the next held meeting, and the
//! convocations marked as sent then « à reconvoquer » after the meeting moved.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb.

use ateliers::clock::today;
use ateliers::model::atelier::AtelierInput;
use ateliers::model::meeting::MeetingInput;
use ateliers::model::membership::MembershipInput;
use ateliers::model::person::PersonInput;
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit::opener::FakeOpener;
use ateliers_testkit_demo::{day_from_today, typed_day};
use serde_json::json;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

/// The base of these tests: the demonstration data, plus an atelier of four members (Claire
/// Dubois's presence is required) and three meetings: two weeks ago (held), a week ago, and
/// in three days.
struct Fixture {
    app: App,
    /// The stand-in for the mail client and the viewer.
    opener: FakeOpener,
    atelier: i64,
    first: i64,
    second: i64,
    coming: i64,
    dubois: i64,
    martin: i64,
    bernard: i64,
    petit: i64,
}

fn fixture() -> Fixture {
    let opener = FakeOpener::new();
    let app = App::with_env(DESKTOP, &[("PATH", &opener.path())]);
    let mut store = Store::open(app.database()).expect("the base opens");
    store.load_demo(today()).expect("the demonstration data load");
    let atelier = store
        .create_atelier(AtelierInput {
            code: "AP-ESSAI".into(),
            title: "Atelier d’essai des relevés".into(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            ..Default::default()
        })
        .expect("the atelier")
        .id;
    let dubois = member(&mut store, atelier, ("Mme", "Claire", "Dubois"), "elu_municipal", true);
    let martin = member(&mut store, atelier, ("M.", "Paul", "Martin"), "elu_communautaire", false);
    let bernard = member(&mut store, atelier, ("Mme", "Sophie", "Bernard"), "partenaire", false);
    let petit = member(&mut store, atelier, ("M.", "Luc", "Petit"), "autre_organisation", false);
    let first = store.create_meeting(meeting_input(atelier, -14), true).expect("first meeting").id;
    let second = store.create_meeting(meeting_input(atelier, -7), true).expect("second meeting").id;
    let coming = store.create_meeting(meeting_input(atelier, 3), true).expect("coming meeting").id;
    store.mark_meeting_held(first).expect("the first meeting is held");
    Fixture { app, opener, atelier, first, second, coming, dubois, martin, bernard, petit }
}

fn member(
    store: &mut Store,
    atelier: i64,
    (civility, first, last): (&str, &str, &str),
    category: &str,
    required: bool,
) -> i64 {
    let email = format!("{}.{}@exemple.fr", first.to_lowercase(), last.to_lowercase());
    let person = store
        .create_person(PersonInput {
            civility: civility.into(),
            first_name: first.into(),
            last_name: last.into(),
            email,
            ..Default::default()
        })
        .expect("the person")
        .id;
    let membership = MembershipInput {
        person_id: person,
        category: category.into(),
        joined_on: typed_day(-400),
        presence_required: required,
        ..Default::default()
    };
    store.add_membership(atelier, membership).expect("the membership");
    person
}

fn meeting_input(atelier: i64, days: i64) -> MeetingInput {
    MeetingInput {
        atelier_id: atelier,
        date: typed_day(days),
        start_time: "18:00".into(),
        end_time: "20:00".into(),
        place: "Salle des fêtes".into(),
        ..Default::default()
    }
}

/// Today, `days` later, as the window writes it: « 5 janvier 2027 » (« 1er » for the first).
fn long_day(days: i64) -> String {
    let with_weekday = ateliers::fr::long_date(day_from_today(days));
    with_weekday.split_once(' ').map(|(_, date)| date.to_string()).unwrap_or(with_weekday)
}

/// Opens part `part` (convocations, presences, releve) of meeting `id` and waits for `ready`.
fn open_part(session: &Session, id: i64, part: &str, ready: &str) {
    session.execute("location.hash = arguments[0];", json!([format!("#/reunions/{id}/{part}")]));
    session.wait_for(ready, 20);
    session.wait_until("document.querySelector('main').getAttribute('aria-busy') === null", 20);
}

/// Chooses `value` in the select `css` as the user does, with a click on its option.
fn choose(session: &Session, css: &str, value: &str) {
    session
        .find(&format!("{css} option[value='{value}']"))
        .unwrap_or_else(|| panic!("no {value} in {css}"))
        .click();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn attendance_is_recorded_row_by_row_and_a_required_member_excused_puts_the_meeting_to_report() {
    let f = fixture();
    let session = f.app.launch();
    open_part(&session, f.first, "presences", "#attendance-table tbody tr");
    assert_eq!(session.find_all("#attendance-table tbody tr").len(), 4, "the four members are convoked");
    assert!(text_of(&session, "[data-count='unrecorded']").contains("4 non renseignés"));
    let required = text_of(&session, &format!("tr[data-person-id='{}'] th", f.dubois));
    assert!(required.contains("présence requise"), "{required}");
    assert!(session.find("[data-ref='required-absent']").unwrap().attribute("hidden").is_some());

    // Présent: the count follows.
    choose(&session, &format!("#status-{}", f.martin), "present");
    let sentence = said(&session, "Présence de M. Paul Martin enregistrée");
    assert!(sentence.contains("Présent") && sentence.contains("1 présent"), "{sentence}");
    assert!(text_of(&session, "[data-count='present']").starts_with("1 présent"));
    session.find(&format!("#arrived_late-{}", f.martin)).unwrap().click();
    said(&session, "arrivé(e) en retard");

    // Représenté: the « par » list offers the other convoked people, never the person.
    let by = format!("#by_person_id-{}", f.bernard);
    let by_field = format!("tr[data-person-id='{}'] [data-ref='by-field']", f.bernard);
    assert!(session.find(&by_field).unwrap().attribute("hidden").is_some(), "no « par » before représenté");
    choose(&session, &format!("#status-{}", f.bernard), "represente");
    assert!(session.find(&by_field).unwrap().attribute("hidden").is_none());
    said(&session, "Choisissez à qui il ou elle donne pouvoir");
    assert!(session.find(&format!("{by} option[value='{}']", f.bernard)).is_none(), "not oneself");
    assert!(
        session.find(&format!("#arrived_late-{}", f.bernard)).unwrap().property("disabled") == json!(true)
    );
    choose(&session, &by, &f.martin.to_string());
    said(&session, "Présence de Mme Sophie Bernard enregistrée : Représenté (pouvoir) par M. Paul Martin");

    // Excusé for the member whose presence is required: « à reporter ».
    choose(&session, &format!("#status-{}", f.dubois), "excuse");
    said(&session, "réunion à reporter");
    let warning = text_of(&session, "[data-ref='required-absent']");
    assert_eq!(warning, "À reporter : présence requise non assurée pour Mme Claire Dubois.");

    // Someone who came without being convoked counts as present.
    type_into(&session, "#meeting-guest-name", "Jeanne Roth");
    type_into(&session, "#meeting-guest-function", "Architecte conseil");
    type_into(&session, "#meeting-guest-organisation", "CAUE du Haut-Rhin");
    session.find("#add-meeting-guest").unwrap().click();
    said(&session, "Jeanne Roth est ajouté(e) aux personnes présentes");
    assert!(text_of(&session, "[data-count='present']").starts_with("2 présents"));
    assert!(text_of(&session, "[data-count='represented']").starts_with("1 représenté"));
    assert!(text_of(&session, "[data-count='unrecorded']").starts_with("1 non renseigné"));
    assert!(
        text_of(&session, ".meeting-guests").contains("Jeanne Roth Architecte conseil, CAUE du Haut-Rhin")
    );
    assert_eq!(
        session.find(&format!("#arrived_late-{}", f.petit)).unwrap().property("disabled"),
        json!(true)
    );

    scroll_to(&session, "#attendance-title");
    screenshot(&session, "records-10-presences");
    assert_accessible(&session, "présences d’une réunion");
    assert_fits_laptop_screen(&session, "présences d’une réunion");
    session.set_window_size(1280, 720);
    assert_fits_laptop_screen(&session, "présences d’une réunion en 1280 × 720");
    session.set_window_size(1366, 768);

    let store = Store::open(f.app.database()).unwrap();
    let sheet = store.attendance(f.first).unwrap();
    let row = |id: i64| sheet.rows.iter().find(|r| r.person_id == id).unwrap().clone();
    assert_eq!(row(f.bernard).by_person_id, Some(f.martin));
    assert!(row(f.martin).arrived_late);
    assert_eq!(sheet.required_absent, ["Mme Claire Dubois"]);

    // A meeting that has not begun: the window says so, and the backend's refusal is shown.
    open_part(&session, f.coming, "presences", "#attendance-table tbody tr");
    let refusal = text_of(&session, "[data-ref='refusal']");
    assert!(refusal.contains("La réunion n’a pas encore commencé"), "{refusal}");
    choose(&session, &format!("#status-{}", f.petit), "present");
    said(&session, "La présence de M. Luc Petit n’a pas été enregistrée");
    assert_eq!(
        session.find(&format!("#status-{}", f.petit)).unwrap().property("value"),
        json!(""),
        "the row shows what is stored"
    );
    assert_eq!(
        session.find_all(".error-summary:not(:empty)").len(),
        0,
        "the refusal is said once, at the top"
    );
    screenshot(&session, "records-11-presences-pas-commencee");
    assert_accessible(&session, "présences d’une réunion pas encore commencée");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_releve_is_written_diffused_then_validated_at_the_next_held_meeting_and_stays_readable() {
    let f = fixture();
    let session = f.app.launch();

    // The second meeting is not held yet: no relevé to write there.
    open_part(&session, f.second, "releve", "#releve-title");
    assert!(text_of(&session, "[data-ref='not-held']")
        .contains("Marquez la réunion comme tenue pour rédiger son relevé"));
    assert!(session.find("#releve-form").is_none());

    open_part(&session, f.first, "releve", "#releve-form");
    assert!(text_of(&session, "[data-ref='status-line']").contains("Pas encore de relevé"));
    type_into(&session, "#releve-objectives", "Étudier la faisabilité des ateliers de quartier.");
    type_into(
        &session,
        "#releve-synthesis",
        "Les participants souhaitent partir des projets plutôt que des instances.",
    );
    // Each preview is drawn from the core's reading a moment after typing and may grow then,
    // pushing the buttons below it down: wait for both, or a click aimed at « Ajouter une
    // action » may land where the button was.
    for field in ["objectives", "synthesis"] {
        session.wait_for(&format!("#releve-{field}-apercu:not([hidden]) .rich-preview-body p"), 10);
    }
    session.find("#add-decision").unwrap().click();
    type_into(
        &session,
        "textarea[id='decisions[0]']",
        "Retenir le nom « ateliers d’initiatives citoyennes ».",
    );
    session.find("#add-action").unwrap().click();
    type_into(&session, "textarea[id='actions[0].text']", "Rédiger la fiche de l’atelier pilote");
    choose(&session, "select[id='actions[0].owner_id']", &f.martin.to_string());
    assert!(session.find("[data-ref='owner-note-field']").unwrap().attribute("hidden").is_some());
    type_into(&session, "input[id='actions[0].due_on']", &typed_day(30));
    type_into(&session, "#releve-next_meeting_place", "Centre administratif");
    session.find("#save-releve").unwrap().click();
    let sentence = said(&session, "Brouillon du relevé enregistré (version 1)");
    assert!(sentence.contains("1 décision, 1 action"), "{sentence}");
    assert_eq!(text_of(&session, "[data-ref='status-line']"), "Brouillon — version 1");
    assert_eq!(
        session.find("textarea[id='actions[0].text']").unwrap().property("value"),
        json!("Rédiger la fiche de l’atelier pilote"),
        "the saved action is shown again"
    );
    scroll_to(&session, "#releve-title");
    screenshot(&session, "records-20-releve-brouillon");
    assert_accessible(&session, "brouillon du relevé");
    assert_fits_laptop_screen(&session, "brouillon du relevé");

    // Diffuser, confirmed in a dialog: the version is frozen and listed.
    session.find("#diffuse-releve").unwrap().click();
    session.wait_for("#confirm-dialog[open]", 10);
    screenshot(&session, "records-21-releve-diffuser");
    assert_accessible(&session, "confirmation de la diffusion");
    session.find("#confirm-yes").unwrap().click();
    said(&session, "est diffusé le");
    let status = text_of(&session, "[data-ref='status-line']");
    assert!(status.starts_with(&format!("Diffusé le {} — version 1", long_day(0))), "{status}");
    assert!(session.find("#releve-form").is_none(), "a diffused relevé is read, not edited");
    assert!(text_of(&session, "#validate-form").contains("marquez-la comme tenue"));
    assert_eq!(session.find_all(".releve-version").len(), 1);

    // Sent out: one draft, the four members in Bcc, their list kept with version 1.
    let out = tempfile::tempdir().unwrap();
    let draft = out.path().join("relevé.eml");
    session.find("#send-releve").expect("« Envoyer le relevé par courriel… »").click();
    choose_in_dialog("Enregistrer le brouillon du relevé", &draft);
    let sentence = said(&session, "Le brouillon du relevé (version 1, 4 adresses en copie cachée)");
    assert!(sentence.contains("la liste de ses destinataires est gardée avec cette version"), "{sentence}");
    f.opener.wait_opened(&draft);
    let text = std::fs::read_to_string(&draft).expect("the draft is written");
    assert!(text.contains("Bcc: ") && text.contains("claire.dubois@exemple.fr"), "{text}");
    assert!(text.contains("application/pdf"), "the relevé attached");
    session.find(".releve-version summary").unwrap().click();
    let sent = text_of(&session, ".releve-version [data-ref='sent-to']");
    assert!(
        sent.contains("à 4 personnes : Mme Sophie Bernard (sophie.bernard@exemple.fr), Mme Claire Dubois"),
        "{sent}"
    );
    scroll_to(&session, ".releve-version");
    screenshot(&session, "records-21b-releve-envoye");
    assert_accessible(&session, "relevé diffusé et envoyé");

    // The next meeting is marked held in the window; its dialog is closed to validate here.
    open_part(&session, f.second, "releve", "#releve-title");
    session.find("#hold-meeting").expect("the meeting page offers « Marquer comme tenue »").click();
    session.wait_for("#meeting-held-dialog[open]", 15);
    session.find("#meeting-held-close").unwrap().click();
    session.wait_for("#releve-form", 20);

    open_part(&session, f.first, "releve", "#validate-form:not([hidden]) #validate-at option");
    choose(&session, "#validate-at", &f.second.to_string());
    session.find("#validate-releve").unwrap().click();
    said(&session, "Le relevé est validé");
    let status = text_of(&session, "[data-ref='status-line']");
    assert!(
        status
            .starts_with(&format!("Validé le {}, lors de la séance de l’atelier AP-ESSAI du ", long_day(0))),
        "{status}"
    );
    assert!(status.ends_with("— version 1."), "{status}");
    let body = text_of(&session, "[data-ref='body']");
    assert!(body.contains("Retenir le nom « ateliers d’initiatives citoyennes »"), "{body}");
    assert!(
        body.contains(&format!(
            "Rédiger la fiche de l’atelier pilote — porteur : M. Paul Martin — échéance : {}",
            long_day(30)
        )),
        "{body}"
    );
    assert!(
        session.find("[data-ref='body'] textarea, [data-ref='body'] input").is_none(),
        "read-only as text"
    );
    assert!(session.find("#correct-releve:not([hidden])").is_some());
    assert!(session.find("#validate-form[hidden]").is_some());
    let version = text_of(&session, ".releve-version summary");
    assert!(version.contains("Version 1 — diffusée le") && version.contains("validée le"), "{version}");
    session.find(".releve-version summary").unwrap().click();
    assert!(text_of(&session, ".releve-version").contains("Les participants souhaitent partir des projets"));
    scroll_to(&session, "#releve-title");
    screenshot(&session, "records-22-releve-valide");
    scroll_to(&session, "#releve-versions-title");
    screenshot(&session, "records-23-releve-versions");
    assert_accessible(&session, "relevé validé");
    assert_fits_laptop_screen(&session, "relevé validé");

    let store = Store::open(f.app.database()).unwrap();
    let releve = store.releve(f.first).unwrap().expect("the relevé");
    assert_eq!(releve.validated_at_meeting_id, Some(f.second));
    assert_eq!(releve.content.actions[0].owner_id, Some(f.martin));
    assert!(!releve.editable);

    // A correction opens version 2 as a draft; version 1 stays readable as it was validated.
    session.find("#correct-releve").unwrap().click();
    said(&session, "Version 2 du relevé ouverte en brouillon");
    assert_eq!(text_of(&session, "[data-ref='status-line']"), "Brouillon — version 2");
    assert_eq!(
        session.find("#releve-synthesis").expect("the form again").property("value"),
        json!("Les participants souhaitent partir des projets plutôt que des instances.")
    );
    assert_eq!(session.find_all(".releve-version").len(), 1);
    assert!(text_of(&session, ".releve-version summary").contains("Version 1 — diffusée le"));
    assert_accessible(&session, "version corrigée du relevé");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn convocations_marked_as_sent_become_to_reconvoke_when_the_meeting_moves() {
    let f = fixture();
    let guest = {
        let store = Store::open(f.app.database()).unwrap();
        let members = [f.dubois, f.martin, f.bernard, f.petit];
        store
            .list_people()
            .unwrap()
            .into_iter()
            .find(|p| !members.contains(&p.id))
            .expect("a person of the demo")
    };
    let session = f.app.launch();
    open_part(&session, f.coming, "convocations", "#convocations-table tbody tr");
    let text = plain(&session.page_text());
    assert!(
        text.contains("Rien n’est envoyé par l’application : indiquez ici ce que vous avez envoyé."),
        "{text}"
    );
    let deadline = text_of(&session, "[data-ref='deadline']");
    assert!(deadline.contains("a lieu dans 3 jours") && deadline.contains("4 convocations"), "{deadline}");
    assert!(text_of(&session, ".part-summary")
        .contains("4 personnes convoquées : 4 à envoyer, 0 à jour, 0 à reconvoquer"));

    // Nobody chosen: the form says so.
    session.find("#mark-sent").unwrap().click();
    said(&session, "choisissez d’abord les personnes");
    session.find(&format!("#convocation-select-{}", f.dubois)).unwrap().click();
    session.find(&format!("#convocation-select-{}", f.martin)).unwrap().click();
    choose(&session, "#convocation-channel", "courriel");
    session.find("#mark-sent").unwrap().click();
    said(&session, "2 convocations sont marquées comme envoyées (courriel)");
    let row = text_of(&session, &format!("tr[data-person-id='{}']", f.dubois));
    assert!(
        row.contains("À jour") && row.contains(&format!("Envoyée le {} (courriel)", long_day(0))),
        "{row}"
    );
    assert!(text_of(&session, &format!("tr[data-person-id='{}']", f.petit)).contains("À envoyer"));

    choose(&session, &format!("#convocation-reply-{}", f.martin), "accepte");
    said(&session, "Réponse de M. Paul Martin enregistrée : « Sera présent »");

    // A guest found in the directory, convoked, then withdrawn.
    type_into(&session, "#guest-query", &format!("{} {}", guest.first_name, guest.last_name));
    session.wait_for(&format!("#guest-choice-{}", guest.id), 10).click();
    session.find("#add-guest-convocation").unwrap().click();
    said(&session, "est convoqué(e) comme invité(e)");
    let guest_row = text_of(&session, &format!("tr[data-person-id='{}']", guest.id));
    assert!(guest_row.contains("Invité") && guest_row.contains("À envoyer"), "{guest_row}");
    scroll_to(&session, &format!("tr[data-person-id='{}']", f.petit));
    screenshot(&session, "records-33-convocations-invite");
    session.find(&format!("tr[data-person-id='{}'] [data-ref='remove']", guest.id)).unwrap().click();
    said(&session, "n’est plus convoqué(e) à cette réunion");
    assert!(session.find(&format!("tr[data-person-id='{}']", guest.id)).is_none());

    // The meeting moves a day later: the two convocations sent are outdated.
    {
        let mut store = Store::open(f.app.database()).unwrap();
        store.update_meeting(f.coming, meeting_input(f.atelier, 4), true).expect("the meeting moves");
    }
    open_part(&session, f.coming, "presences", "#attendance-title");
    open_part(&session, f.coming, "convocations", "#convocations-table tbody tr");
    let outdated = text_of(&session, "[data-ref='outdated']");
    assert!(outdated.contains("À reconvoquer : 2 personnes sont à reconvoquer"), "{outdated}");
    let row = text_of(&session, &format!("tr[data-person-id='{}']", f.dubois));
    assert!(row.contains("À reconvoquer"), "{row}");
    assert!(row.contains(&format!("Convocation pour le {} à 18 h 00", long_day(3))), "{row}");
    assert!(text_of(&session, &format!("tr[data-person-id='{}']", f.petit)).contains("À envoyer"));
    screenshot(&session, "records-30-convocations");
    scroll_to(&session, ".part-summary");
    screenshot(&session, "records-32-convocations-tableau");
    assert_accessible(&session, "convocations d’une réunion");
    assert_fits_laptop_screen(&session, "convocations d’une réunion");
    session.set_window_size(1280, 720);
    assert_fits_laptop_screen(&session, "convocations d’une réunion en 1280 × 720");
    scroll_to(&session, "#convocations-table");
    screenshot(&session, "records-31-convocations-1280");
}
