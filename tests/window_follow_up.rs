//! The follow-up screens in a real window: the dashboard (the home screen) whose lines lead
//! to where each finding is fixed, the calendar of every atelier (month, week and list,
//! by keyboard), the actions across ateliers and an atelier's assiduité.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb.

use ateliers::clock::today;
use ateliers::model::attendance::AttendanceInput;
use ateliers::model::meeting::{MeetingInput, MeetingSummary};
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit_demo::atelier_id;
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

const ENTER: &str = "\u{E007}";
const ARROW_LEFT: &str = "\u{E012}";
const ARROW_RIGHT: &str = "\u{E014}";

/// What the tests add to the demonstration data.
struct Added {
    /// A member of AP-VELO absent at both its held meetings (the alert is set at 2 in a row).
    absent: i64,
    /// A FIN meeting at the very time of an AP-VELO one (saved deliberately).
    overlap: MeetingSummary,
    /// An AP-PISC meeting today at 18:00.
    today: MeetingSummary,
    /// A FIN meeting today at 10:00, cancelled.
    cancelled: MeetingSummary,
}

/// A data folder whose base holds the demonstration data, an overlap, two meetings today
/// and a member absent twice in a row (the alert set at two absences).
fn follow_up_app() -> (App, Added) {
    let app = App::new(DESKTOP);
    let mut store = Store::open(app.database()).expect("the base opens");
    store.load_demo(today()).expect("the demonstration data load");
    let id = |code: &str| store.list_ateliers().unwrap().into_iter().find(|a| a.code == code).unwrap().id;
    let (velo, fin, pisc) = (id("AP-VELO"), id("FIN"), id("AP-PISC"));
    let next_velo = store
        .atelier_meetings(velo)
        .unwrap()
        .into_iter()
        .find(|m| m.start.as_str() > today().to_string().as_str())
        .expect("a meeting of AP-VELO to come");
    let day = |meeting: &MeetingSummary| {
        let iso = &meeting.start[..10];
        format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4])
    };
    let input = |atelier_id: i64, date: String, start: &str, end: &str, place: &str| MeetingInput {
        atelier_id,
        date,
        start_time: start.into(),
        end_time: end.into(),
        place: place.into(),
        ..Default::default()
    };
    let overlap = store
        .create_meeting(
            input(fin, day(&next_velo), &next_velo.start[11..16], &next_velo.end[11..16], "Salle B"),
            true,
        )
        .expect("the overlap is saved deliberately");
    let typed_today = today().format("%d/%m/%Y").to_string();
    let today_meeting = store
        .create_meeting(input(pisc, typed_today.clone(), "18:00", "19:30", "Piscine de l'Illberg"), true)
        .unwrap();
    let cancelled = store
        .create_meeting(input(fin, typed_today, "10:00", "11:00", "Hôtel d'agglomération"), true)
        .unwrap();
    let cancelled = store.cancel_meeting(cancelled.id).unwrap();

    let held: Vec<i64> = store
        .atelier_meetings(velo)
        .unwrap()
        .iter()
        .filter(|m| m.status.as_str() == "tenue")
        .map(|m| m.id)
        .collect();
    assert_eq!(held.len(), 2, "AP-VELO's held meetings");
    let absent = store.attendance(held[0]).unwrap().rows[0].person_id;
    for meeting in held {
        let input = AttendanceInput { person_id: absent, status: "absent".into(), ..Default::default() };
        store.record_attendance(meeting, input).expect("the absence is recorded");
    }
    store.set_setting("consecutive_absences_max", "2").unwrap();
    (app, Added { absent, overlap, today: today_meeting, cancelled })
}

fn hash(session: &Session) -> String {
    session.execute("return location.hash;", json!([])).as_str().unwrap_or_default().to_string()
}

/// Waits for the dashboard's last section, filled once the rest is shown.
fn wait_for_dashboard(session: &Session) {
    session.wait_until("document.querySelector('#tableau-assiduite:not([aria-busy])')", 20);
}

/// The `href` of the first finding link of `rule`.
fn finding_link(session: &Session, rule: &str) -> String {
    let href = session.execute(
        "const link = document.querySelector(arguments[0]); return link && link.getAttribute('href');",
        json!([format!("li[data-rule='{rule}'] a")]),
    );
    href.as_str().unwrap_or_else(|| panic!("a line of « {rule} »")).to_string()
}

/// Follows the first line of `rule` on the dashboard; returns the heading of where it leads.
fn follow(session: &Session, rule: &str) -> (String, String) {
    go(session, "#/tableau-de-bord");
    wait_for_dashboard(session);
    let href = finding_link(session, rule);
    session.find(&format!("li[data-rule='{rule}'] a")).unwrap().click();
    session.wait_until(&format!("location.hash === {}", json!(href)), 10);
    wait_loaded(session);
    (href, text_of(session, "main h1"))
}

fn active_element(session: &Session) -> Value {
    session.execute(
        "const el = document.activeElement;
         return { tag: el.tagName, day: el.dataset.day || null, href: el.getAttribute('href'),
                  grid: Boolean(el.closest('.calendar-grid')) };",
        json!([]),
    )
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_dashboard_is_the_home_screen_and_each_line_leads_to_its_fix() {
    let (app, added) = follow_up_app();
    let session = app.launch();
    session.wait_for("#tableau-conflits", 20);
    wait_for_dashboard(&session);
    assert_eq!(text_of(&session, "main h1"), "Tableau de bord");
    assert_eq!(hash(&session), "#/tableau-de-bord");
    let current = session.find("a[data-nav='tableau-de-bord']").unwrap().attribute("aria-current");
    assert_eq!(current.as_deref(), Some("page"), "the navigation marks the dashboard");

    // Every section has its heading and its count; the findings of the base are listed.
    let headings: Vec<String> =
        session.find_all("main section h2").iter().map(|h| plain(&h.text())).collect();
    for title in [
        "Prochaines réunions",
        "Conflits de calendrier",
        "Convocations",
        "Réunions à reporter",
        "Relevés en attente",
        "Calendrier prévisionnel",
        "Actions en retard",
        "Chartes non signées",
        "Assiduité",
    ] {
        assert!(headings.iter().any(|h| h.starts_with(title)), "section « {title} » in {headings:?}");
    }
    let upcoming = text_of(&session, "#tableau-reunions");
    assert!(
        upcoming.contains("Salle B") && upcoming.contains("FIN"),
        "the added meeting is coming: {upcoming}"
    );
    let conflicts = text_of(&session, "#tableau-conflits");
    assert!(conflicts.contains("chevauche"), "the overlap is listed: {conflicts}");
    assert_eq!(
        finding_link(&session, "meeting.overlap"),
        format!("#/reunions/{}/modifier", added.overlap.id)
    );
    assert!(text_of(&session, "#tableau-a-reporter").contains("est à reporter"));
    assert!(text_of(&session, "#tableau-releves").contains("relevé"));
    // As many lines as the core finds today (the demo's due dates fall on weekdays, so how
    // many are past depends on the day of the week), at most ten.
    let store = Store::open(app.database()).unwrap();
    let expected =
        store.check(store.today().unwrap()).unwrap().iter().filter(|f| f.rule == "action.overdue").count();
    drop(store);
    assert!(expected >= 3, "the demo has overdue actions: {expected}");
    let overdue = session.find_all("#tableau-actions li[data-rule='action.overdue']").len();
    assert_eq!(overdue, expected.min(10), "the demo's overdue actions");
    // More than ten unsigned charters: ten lines, then how many more.
    assert_eq!(session.find_all("#tableau-chartes li").len(), 10);
    let more = text_of(&session, "#tableau-chartes [data-ref='more']");
    assert!(more.starts_with("et ") && more.contains(" autres"), "{more}");
    let count = text_of(&session, "#tableau-chartes .count-badge").parse::<usize>().unwrap();
    assert_eq!(more, format!("et {} autres.", count - 10));
    let summary = text_of(&session, "main .intro");
    assert!(summary.contains("demandent votre attention"), "{summary}");
    screenshot(&session, "suivi-01-tableau-de-bord");
    assert_accessible(&session, "tableau de bord");
    assert_fits_laptop_screen(&session, "tableau de bord");
    scroll_to(&session, "#tableau-conflits");
    screenshot(&session, "suivi-01b-tableau-de-bord-constats");
    scroll_to(&session, "#tableau-actions");
    screenshot(&session, "suivi-01c-tableau-de-bord-suite");
    let attendance = text_of(&session, "#tableau-assiduite");
    assert!(attendance.contains("a manqué les 2 dernières séances"), "{attendance}");
    scroll_to(&session, "#tableau-assiduite");
    screenshot(&session, "suivi-01d-tableau-de-bord-assiduite");

    // Each kind of line leads to the screen where it is fixed.
    let (href, heading) = follow(&session, "meeting.overlap");
    assert_eq!(href, format!("#/reunions/{}/modifier", added.overlap.id));
    assert!(heading.starts_with("Modifier la réunion") && heading.ends_with("atelier FIN"), "{heading}");
    screenshot(&session, "suivi-02-conflit-vers-modification");

    let (href, heading) = follow(&session, "releve.pending_validation");
    assert!(href.starts_with("#/reunions/") && href.ends_with("/releve"), "{href}");
    assert!(heading.contains("— atelier "), "the meeting's page: {heading}");
    let part = session.find(".meeting-parts a[aria-current='page']").map(|a| a.attribute("data-part"));
    assert_eq!(part.flatten().as_deref(), Some("releve"), "its relevé is shown");
    screenshot(&session, "suivi-03-releve-en-attente");

    let (href, heading) = follow(&session, "meeting.required_absent");
    assert!(href.ends_with("/presences"), "{href}");
    assert!(heading.contains("— atelier AP-PISC"), "{heading}");

    let (href, heading) = follow(&session, "charter.unsigned");
    assert_eq!(href, format!("#/ateliers/{}/charte", atelier_id(&app, "AP-PISC")));
    assert_eq!(heading, "Charte d’engagement : atelier AP-PISC");

    let (href, heading) = follow(&session, "attendance.consecutive_absences");
    assert_eq!(href, format!("#/ateliers/{}/assiduite", atelier_id(&app, "AP-VELO")));
    assert_eq!(heading, "Assiduité de l’atelier AP-VELO");
    let row = format!("#assiduity-table tr[data-person-id='{}']", added.absent);
    assert_eq!(
        text_of(&session, &format!("{row} td[data-col='alert']")),
        "2 absences de suite (alerte à partir de 2)"
    );

    let (href, heading) = follow(&session, "action.overdue");
    assert_eq!(href, "#/actions");
    assert_eq!(heading, "Actions");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_calendar_shows_the_month_the_week_and_the_list_and_opens_a_meeting_by_keyboard() {
    let (app, added) = follow_up_app();
    let month_of = |day: &str| day[..7].to_string();
    let this_month = month_of(&today().to_string());
    let (mut first, mut last) = (today(), today());
    while first.pred_opt().is_some_and(|d| month_of(&d.to_string()) == this_month) {
        first = first.pred_opt().unwrap();
    }
    while last.succ_opt().is_some_and(|d| month_of(&d.to_string()) == this_month) {
        last = last.succ_opt().unwrap();
    }
    let month: Vec<MeetingSummary> =
        Store::open(app.database()).unwrap().meetings_between(first, last).unwrap();
    assert!(month.len() >= 2);
    let session = app.launch();
    session.find("a[data-nav='calendrier']").expect("the navigation's link").click();
    session.wait_for("#calendar-month", 20);
    assert_eq!(text_of(&session, "main h1"), "Calendrier");
    let weekdays: Vec<String> =
        session.find_all("#calendar-month thead th[scope='col']").iter().map(|t| t.text()).collect();
    assert_eq!(weekdays, ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]);
    for meeting in &month {
        let link = session.find(&format!(
            "#calendar-month td[data-day='{}'] a[href='#/reunions/{}']",
            &meeting.start[..10],
            meeting.id
        ));
        assert!(
            link.is_some(),
            "meeting {} of {} ({}) is in the grid",
            meeting.id,
            meeting.start,
            meeting.atelier
        );
    }
    let chip = text_of(&session, &format!("#calendar-month a[href='#/reunions/{}']", added.today.id));
    assert!(chip.starts_with("18 h 00 AP-PISC"), "{chip}");
    let cancelled =
        session.find(&format!("#calendar-month a[href='#/reunions/{}']", added.cancelled.id)).unwrap();
    assert!(plain(&cancelled.text()).contains("10 h 00 FIN annulée"), "{}", cancelled.text());
    assert!(cancelled.attribute("class").unwrap().contains("is-struck"));
    let legend = text_of(&session, ".calendar-legend");
    for meeting in &month {
        assert!(legend.contains(&meeting.atelier_title), "the legend names {}: {legend}", meeting.atelier);
    }
    let title = text_of(&session, "#calendar-period-title");
    assert!(title.ends_with(&this_month[..4]), "{title}");
    scroll_to(&session, "#calendar-period-title");
    screenshot(&session, "suivi-04-calendrier-mois");
    assert_accessible(&session, "calendrier, mois");
    assert_fits_laptop_screen(&session, "calendrier, mois");

    // Next month and back, then the week and the list of this month.
    session.find("#calendar-next").unwrap().click();
    session.wait_until(
        &format!("document.getElementById('calendar-period-title').textContent !== {}", json!(title)),
        10,
    );
    said(&session, "réunion");
    session.find("#calendar-today").unwrap().click();
    session.wait_until(
        &format!("document.getElementById('calendar-period-title').textContent === {}", json!(title)),
        10,
    );

    session.find("label[for='calendar-view-semaine']").unwrap().click();
    session.wait_for("#calendar-week", 10);
    let week = text_of(&session, "#calendar-period-title");
    assert!(week.starts_with("Semaine du "), "{week}");
    let today_cell = text_of(&session, &format!("#calendar-week td[data-day='{}']", today()));
    assert!(today_cell.contains("18 h 00 – 19 h 30 AP-PISC"), "{today_cell}");
    assert!(today_cell.contains("Piscine de l'Illberg"), "the week shows the place: {today_cell}");
    assert!(today_cell.contains("annulée"), "{today_cell}");
    screenshot(&session, "suivi-05-calendrier-semaine");
    assert_accessible(&session, "calendrier, semaine");
    assert_fits_laptop_screen(&session, "calendrier, semaine");

    session.find("label[for='calendar-view-liste']").unwrap().click();
    session.wait_for("#calendar-list", 10);
    assert_eq!(
        session.find_all("#calendar-list tbody tr").len(),
        month.len(),
        "the month's meetings in a table"
    );
    let row = text_of(&session, "#calendar-list tr.is-struck");
    assert!(row.contains("Annulée"), "{row}");
    screenshot(&session, "suivi-06-calendrier-liste");
    assert_accessible(&session, "calendrier, liste");
    assert_fits_laptop_screen(&session, "calendrier, liste");

    // Keyboard: Tab from the buttons reaches today in the grid, the arrows move from day to
    // day, Tab reaches the day's meeting and Enter opens it.
    session.find("label[for='calendar-view-mois']").unwrap().click();
    session.wait_for("#calendar-month", 10);
    session.execute("document.getElementById('calendar-next').focus();", json!([]));
    session.press_key(TAB);
    let mut focused = active_element(&session);
    if focused["tag"] == json!("SUMMARY") {
        // The legend of the colours comes first.
        session.press_key(TAB);
        focused = active_element(&session);
    }
    assert_eq!(focused["grid"], json!(true), "Tab enters the grid: {focused}");
    assert_eq!(focused["day"], json!(today().to_string()), "on today: {focused}");
    let outline = session.execute("return getComputedStyle(document.activeElement).outlineStyle;", json!([]));
    assert_ne!(outline, json!("none"), "the focused day shows it");
    let tomorrow = today().succ_opt().unwrap();
    if month_of(&tomorrow.to_string()) == this_month {
        session.press_key(ARROW_RIGHT);
        assert_eq!(active_element(&session)["day"], json!(tomorrow.to_string()), "→ moves to the next day");
        session.press_key(ARROW_LEFT);
        assert_eq!(active_element(&session)["day"], json!(today().to_string()), "← comes back");
    }
    screenshot(&session, "suivi-07-calendrier-clavier");
    session.press_key(TAB);
    let mut focused = active_element(&session);
    while focused["href"] != json!(format!("#/reunions/{}", added.cancelled.id))
        && focused["href"] != json!(format!("#/reunions/{}", added.today.id))
    {
        assert_eq!(focused["grid"], json!(true), "Tab goes through today's meetings: {focused}");
        session.press_key(TAB);
        focused = active_element(&session);
    }
    let target = focused["href"].as_str().unwrap().to_string();
    session.press_key(ENTER);
    session.wait_until(&format!("location.hash === {}", json!(target)), 10);
    wait_loaded(&session);
    assert!(text_of(&session, "main h1").contains("— atelier "), "the meeting's page opens");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn an_action_s_status_is_changed_and_dated_in_its_history() {
    let (app, _) = follow_up_app();
    let action = {
        let store = Store::open(app.database()).unwrap();
        store.actions(None).unwrap().into_iter().find(|a| a.overdue).expect("an overdue action")
    };
    let session = app.launch();
    session.find("a[data-nav='actions']").unwrap().click();
    session.wait_for("#actions-table tbody tr", 20);
    assert_eq!(text_of(&session, "main h1"), "Actions");
    let all = session.find_all("#actions-table tbody tr").len();
    let row = format!("#actions-table tr[data-action-id='{}']", action.id);
    let text = text_of(&session, &row);
    assert!(text.contains(&action.text) && text.contains("En retard"), "{text}");
    screenshot(&session, "suivi-08-actions");
    assert_accessible(&session, "actions");
    assert_fits_laptop_screen(&session, "actions");

    // The filters: the overdue ones, then one atelier.
    session.find("#actions-state option[value='retard']").unwrap().click();
    said(&session, "affichée");
    let overdue = session.find_all("#actions-table tbody tr").len();
    assert!(overdue < all && overdue >= 1, "{overdue} of {all}");
    assert_eq!(session.find_all("#actions-table tbody tr.is-overdue").len(), overdue);
    session.find(&format!("#actions-atelier option[value='{}']", action.atelier)).unwrap().click();
    session.wait_until(
        &format!(
            "[...document.querySelectorAll('#actions-table tbody td[data-col=\"atelier\"]')].every(td => td.textContent === {})",
            json!(action.atelier)
        ),
        10,
    );

    // Done: said, dated today in the history, the focus kept on the status.
    session.find(&format!("#action-status-{} option[value='faite']", action.id)).unwrap().click();
    let status = said(&session, "Statut de l’action mis à jour : Faite");
    assert!(status.contains("Faite"), "{status}");
    let history = text_of(&session, &format!("{row} .action-history"));
    let day = today().format("%d/%m/%Y").to_string();
    assert!(history.contains(&format!("Faite le {day}")), "{history}");
    assert!(history.starts_with("À faire le "), "{history}");
    assert!(!text_of(&session, &row).contains("En retard"), "done is no longer late");
    let focused = session.execute("return document.activeElement.id;", json!([]));
    assert_eq!(focused, json!(format!("action-status-{}", action.id)));
    screenshot(&session, "suivi-09-action-faite");
    assert_accessible(&session, "actions, statut changé");
    session.close();

    let store = Store::open(app.database()).unwrap();
    let saved = store.actions(None).unwrap().into_iter().find(|a| a.id == action.id).unwrap();
    assert_eq!(saved.status.as_str(), "faite");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_assiduite_tab_shows_each_member_s_rate_and_chart() {
    let (app, added) = follow_up_app();
    let id = atelier_id(&app, "AP-VELO");
    let expected = Store::open(app.database()).unwrap().assiduity(Some(id)).unwrap();
    assert!(!expected.is_empty());
    let session = app.launch();
    go(&session, "#/ateliers");
    session.wait_for("#ateliers-table tr[data-code='AP-VELO'] a", 20).click();
    session.wait_for("#atelier-form #code", 20);
    session.find("nav.atelier-tabs a[data-tab='assiduite']").expect("the tab").click();
    session.wait_for("#assiduity-table tbody tr", 20);
    assert_eq!(hash(&session), format!("#/ateliers/{id}/assiduite"));
    assert_eq!(text_of(&session, "main h1"), "Assiduité de l’atelier AP-VELO");
    let thresholds = text_of(&session, "main .notice");
    assert!(thresholds.starts_with("Seuil d’alerte : 50 % ; 2 absences de suite."), "{thresholds}");
    assert_eq!(session.find_all("#assiduity-table tbody tr").len(), expected.len());
    for member in &expected {
        let row = format!("#assiduity-table tr[data-person-id='{}']", member.person_id);
        let rate = text_of(&session, &format!("{row} td[data-col='rate']"));
        let wanted = member.rate_pct.map_or("—".to_string(), |r| format!("{r} %"));
        assert_eq!(rate, wanted, "{}", member.name);
        let chart = session.find(&format!("{row} [data-ref='chart-text']")).unwrap().property("textContent");
        let chart = plain(chart.as_str().unwrap());
        assert!(chart.starts_with(&format!("{} séance", member.history.len())), "{chart}");
        assert_eq!(session.find_all(&format!("{row} .seance-mark")).len(), member.history.len());
    }
    let row = format!("#assiduity-table tr[data-person-id='{}']", added.absent);
    assert_eq!(text_of(&session, &format!("{row} td[data-col='rate']")), "0 %");
    assert_eq!(text_of(&session, &format!("{row} td[data-col='consecutive']")), "2");
    let chart = session.find(&format!("{row} [data-ref='chart-text']")).unwrap().property("textContent");
    assert_eq!(plain(chart.as_str().unwrap()), "2 séances : A A");
    assert!(text_of(&session, "#assiduity-table caption").ends_with("1 alerte"));
    screenshot(&session, "suivi-10-assiduite");
    assert_accessible(&session, "assiduité");
    assert_fits_laptop_screen(&session, "assiduité");

    // The window's default size: every follow-up screen still fits.
    session.set_window_size(1280, 720);
    assert_fits_laptop_screen(&session, "assiduité en 1280 × 720");
    screenshot(&session, "suivi-11-assiduite-1280");
    for (target, css) in [
        ("#/tableau-de-bord", "#tableau-assiduite:not([aria-busy])"),
        ("#/actions", "#actions-table"),
        ("#/calendrier", "#calendar-month"),
    ] {
        go(&session, target);
        session.wait_for(css, 20);
        assert_fits_laptop_screen(&session, &format!("{target} en 1280 × 720"));
    }
    session.find("label[for='calendar-view-semaine']").unwrap().click();
    session.wait_for("#calendar-week", 10);
    assert_fits_laptop_screen(&session, "semaine en 1280 × 720");
    screenshot(&session, "suivi-12-semaine-1280");
    session.close();
}
