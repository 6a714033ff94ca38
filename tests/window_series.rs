//! A series of meetings in a real window (issue 22): « le 2e mardi » of each month chosen in
//! the meeting form, its dates shown before anything is saved, planned at once; then, on a
//! meeting of the series, the following ones moved with it and cancelled from it on.
//! Screenshots go to `target/screenshots/serie-*.png`; axe-core checks every state.

use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit_demo::{atelier_id, day_from_today, demo_app};
use serde_json::json;

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_series_is_planned_on_the_second_tuesday_then_moved_and_cancelled_from_one_on() {
    let app = demo_app(DESKTOP);
    let atelier = atelier_id(&app, "AP-PISC");
    // The first 2nd Tuesday two months ahead at least.
    let first = (60..100)
        .map(day_from_today)
        .find(|d| {
            d.format("%u").to_string() == "2"
                && (8..=14).contains(&d.format("%d").to_string().parse::<u32>().unwrap())
        })
        .expect("a 2nd Tuesday");
    let session = app.launch();

    go(&session, &format!("#/ateliers/{atelier}/reunions/nouvelle"));
    session.wait_for("#meeting-repeat", 10);
    type_into(&session, "#meeting-date", &first.format("%d/%m/%Y").to_string());
    type_into(&session, "#meeting-start_time", "07:00");
    type_into(&session, "#meeting-end_time", "08:00");
    type_into(&session, "#meeting-place", "Salle des commissions");
    session.execute(
        "const r = document.getElementById('meeting-repeat'); r.value = 'monthly-rank'; r.dispatchEvent(new Event('change'));",
        json!([]),
    );
    assert_eq!(text_of(&session, "[data-ref='repeat-rank']"), "Tous les mois, le 2e mardi");
    type_into(&session, "#meeting-repeat_count", "6");
    session.find("#save-meeting").unwrap().click();
    session.wait_for("#meeting-conflicts:not([hidden]) [data-ref='series-dates'] li", 15);
    assert_eq!(session.find_all("[data-ref='series-dates'] li").len(), 6);
    assert!(
        text_of(&session, "[data-ref='series-summary']").contains("le 2e mardi de chaque mois, 6 réunions")
    );
    assert!(
        Store::open(app.database())
            .unwrap()
            .atelier_meetings(atelier)
            .unwrap()
            .iter()
            .all(|m| m.series_id.is_none()),
        "nothing saved before the dates are confirmed"
    );
    said(&session, "La série n’est pas encore enregistrée");
    scroll_to(&session, "#meeting-conflicts");
    screenshot(&session, "serie-1-dates");
    assert_accessible(&session, "dates de la série avant l'enregistrement");
    assert_fits_laptop_screen(&session, "dates de la série");
    assert_eq!(text_of(&session, "#save-anyway"), "Planifier les 6 réunions");
    session.find("#save-anyway").unwrap().click();
    said(&session, "a été planifiée : 6 réunions");
    settle(&session, &format!("#/ateliers/{atelier}/reunions"));
    let store = Store::open(app.database()).unwrap();
    let series: Vec<_> =
        store.atelier_meetings(atelier).unwrap().into_iter().filter(|m| m.series_id.is_some()).collect();
    assert_eq!(series.len(), 6);
    assert!(series.iter().all(|m| m.start.ends_with("T07:00:00")));
    drop(store);

    // The 3rd and those after it, an hour later, from its form.
    go(&session, &format!("#/reunions/{}/modifier", series[2].id));
    session.wait_for("[data-ref='following-part']:not([hidden]) #meeting-following", 10);
    assert!(text_of(&session, "[data-ref='series-text']").contains("Réunion 3 sur 6"));
    session.find("#meeting-following").unwrap().click();
    type_into(&session, "#meeting-start_time", "08:00");
    type_into(&session, "#meeting-end_time", "09:00");
    scroll_to(&session, "[data-ref='following-part']");
    screenshot(&session, "serie-2-suivantes");
    assert_accessible(&session, "modifier une réunion et les suivantes");
    session.find("#save-meeting").unwrap().click();
    said(&session, "4 réunions de la série ont été modifiées");
    settle(&session, &format!("#/reunions/{}", series[2].id));
    let store = Store::open(app.database()).unwrap();
    let starts: Vec<String> =
        series.iter().map(|m| store.meeting(m.id).unwrap().start[11..16].to_string()).collect();
    assert_eq!(starts, ["07:00", "07:00", "08:00", "08:00", "08:00", "08:00"]);
    drop(store);

    // From the 5th on, cancelled after a confirmation.
    go(&session, &format!("#/reunions/{}", series[4].id));
    session.wait_for("[data-ref='series-row']:not([hidden])", 10);
    assert!(text_of(&session, "[data-ref='series']").contains("Réunion 5 sur 6"));
    session.wait_for("#cancel-following:not([hidden])", 10).click();
    session.wait_for("#confirm-dialog[open]", 10);
    screenshot(&session, "serie-3-annuler-suivantes");
    assert_accessible(&session, "annuler une réunion et les suivantes");
    session.find("#confirm-yes").unwrap().click();
    said(&session, "2 réunions de la série de l’atelier AP-PISC ont été annulées");
    let store = Store::open(app.database()).unwrap();
    let statuses: Vec<&str> = series.iter().map(|m| store.meeting(m.id).unwrap().status.as_str()).collect();
    assert_eq!(statuses, ["prevue", "prevue", "prevue", "prevue", "annulee", "annulee"]);
    session.close();
}
