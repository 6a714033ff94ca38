//! The calendrier prévisionnel kept, in a real window (issue 22): a late étape and an atelier
//! past its planned end are on the dashboard, in the Calendrier and on the atelier's page;
//! the étape marked done; the atelier closed with its outcome, after which it raises nothing.
//! Screenshots go to `target/screenshots/etapes-*.png`; axe-core checks every state.

use ateliers::model::atelier::{AtelierInput, MilestoneStatus};
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit_demo::{atelier_id, day_from_today, demo_app, typed_day};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_late_etape_is_shown_then_done_and_an_overdue_atelier_is_closed_with_its_outcome() {
    let app = demo_app(DESKTOP);
    let atelier = atelier_id(&app, "AP-VELO");
    // The Forum was due yesterday and is not done; the atelier was to end two days ago.
    let late_day = day_from_today(-1);
    let mut store = Store::open(app.database()).unwrap();
    let mut input = AtelierInput::from_data(&store.atelier(atelier).unwrap().data);
    let forum = input.milestones.iter().position(|m| m.kind == "forum").expect("the demo's Forum");
    input.milestones[forum].planned_on = late_day.to_string();
    input.milestones[forum].done_on = String::new();
    input.planned_end = day_from_today(-2).to_string();
    store.update_atelier(atelier, input).unwrap();
    drop(store);
    let session = app.launch();

    // The dashboard: « Calendrier prévisionnel » lists the late étape and the passed end.
    go(&session, "#/tableau-de-bord");
    let section = "#tableau-calendrier";
    session.wait_for(&format!("{section} li"), 20);
    let listed = text_of(&session, section);
    assert!(
        listed.contains("l’étape « Échange avec le Forum »")
            || listed.contains("l'étape « Échange avec le Forum »"),
        "{listed}"
    );
    assert!(listed.contains("n’est pas clos") || listed.contains("n'est pas clos"), "{listed}");
    scroll_to(&session, section);
    screenshot(&session, "etapes-1-tableau-de-bord");
    assert_accessible(&session, "tableau de bord, étape en retard et atelier à clore");

    // The Calendrier shows the étape on its day, marked late.
    go(&session, "#/calendrier");
    session.wait_for("#calendar-previous", 20);
    if late_day.format("%m").to_string() != day_from_today(0).format("%m").to_string() {
        session.find("#calendar-previous").unwrap().click();
    }
    let chip = format!("td[data-day='{late_day}'] .milestone-chip[data-state='en_retard']");
    session.wait_for(&chip, 15);
    assert!(text_of(&session, &chip).contains("Étape AP-VELO"));
    screenshot(&session, "etapes-2-calendrier");
    assert_accessible(&session, "calendrier avec une étape en retard");

    // The atelier's page says it, and the étape is marked done today.
    go(&session, &format!("#/ateliers/{atelier}"));
    let state = format!("#milestones > li:nth-child({}) [data-ref='state']", forum + 1);
    session.wait_for(&state, 15);
    assert!(text_of(&session, &state).starts_with("En retard : prévue le"), "{}", text_of(&session, &state));
    type_into(&session, &format!("#milestone-{forum}-done_on"), &typed_day(0));
    scroll_to(&session, "#milestones");
    screenshot(&session, "etapes-3-fiche");
    assert_accessible(&session, "fiche de l'atelier, étape en retard");
    session.find("#save-atelier").unwrap().click();
    said(&session, "a été enregistré");
    let store = Store::open(app.database()).unwrap();
    let saved = store.atelier(atelier).unwrap();
    assert_eq!(saved.milestone_states[forum].state, MilestoneStatus::Faite);
    drop(store);

    // Closing: the outcome is asked; refused without propositions, then saved.
    go(&session, &format!("#/ateliers/{atelier}"));
    session.wait_for("#atelier-status", 15);
    session.execute(
        "const s = document.getElementById('atelier-status'); s.value = 'clos'; s.dispatchEvent(new Event('change'));",
        serde_json::json!([]),
    );
    session.wait_for("[data-ref='outcome']:not([hidden]) #outcome_proposals", 10);
    said(&session, "Clore l’atelier");
    type_into(&session, "#closed_on", &typed_day(0));
    session.find("#save-atelier").unwrap().click();
    said(&session, "L’atelier n’a pas été enregistré");
    assert!(text_of(&session, ".error-summary").contains("décrivez ses propositions"));
    type_into(&session, "#outcome_proposals", "Un schéma de 120 km en trois phases, chiffré.");
    type_into(&session, "#outcome_follow_up", "Phase 1 inscrite au budget.");
    scroll_to(&session, "[data-ref='outcome']");
    screenshot(&session, "etapes-4-clore");
    assert_accessible(&session, "clore l'atelier avec son aboutissement");
    session.find("#save-atelier").unwrap().click();
    said(&session, "a été enregistré");
    let store = Store::open(app.database()).unwrap();
    let closed = store.atelier(atelier).unwrap();
    assert_eq!(closed.data.outcome_proposals, "Un schéma de 120 km en trois phases, chiffré.");
    let day = store.today().unwrap();
    assert!(
        store.check(day).unwrap().iter().all(|f| f.atelier.as_deref() != Some("AP-VELO")
            || f.rule.starts_with("meeting")
            || f.rule.starts_with("convocation")
            || f.rule.starts_with("releve")
            || f.rule.starts_with("action")),
        "a closed atelier raises no composition, charter, attendance or calendar finding"
    );
    drop(store);
    go(&session, "#/tableau-de-bord");
    session.wait_for(section, 20);
    assert!(!text_of(&session, section).contains("AP-VELO"));
    session.close();
}
