//! Invitations, drafts, imported calendars and the shared calendar in a real window: a
//! meeting's « Invitation agenda » and « Annulation » written where the save dialog says
//! and read back by independent parsers (Python's `icalendar` and `vobject`); its
//! « Brouillons d'e-mails » written as a folder that the file manager is asked to open, the
//! convocations then recorded as sent; an atelier's and every atelier's calendar; an
//! imported calendar whose events are shown beside the meetings, imported again without
//! duplicates, then removed; the shared calendar configured in the Paramètres and published
//! to a real CalDAV server (Radicale), read back with Python's `caldav`, its password kept
//! in a real Secret Service (gnome-keyring) and read back with libsecret's `secret-tool`.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb. The file dialogs are driven for real with `xdotool`
//! (`ateliers_testkit::dialog`); the file manager is a stand-in `xdg-open`, first in the
//! application's `PATH`, that writes down what it is asked to open. The checkers come from
//! `scripts/checkers.sh`.

use std::path::Path;
use std::process::Command;

use ateliers::clock::today;
use ateliers::model::meeting::MeetingSummary;
use ateliers::model::person::PersonInput;
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit::opener::FakeOpener;
use ateliers_testkit::repo;
use ateliers_testkit::servers::{python, Radicale, SecretService};
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

/// The account on the shared calendar, typed into the settings.
const CALDAV_USER: &str = "secretariat";
const CALDAV_PASSWORD: &str = "mot-de-passe « Radicale »";

/// The demonstration data, the application launched with the stand-in file manager in its
/// `PATH`, and `env`.
fn calendars_app(opener: &FakeOpener, env: &[(&str, &Path)]) -> App {
    let path = opener.path();
    let mut all = vec![("PATH", path.as_path())];
    all.extend_from_slice(env);
    let app = App::with_env(DESKTOP, &all);
    let mut store = Store::open(app.database()).expect("the base opens");
    store.load_demo(today()).expect("the demonstration data load");
    app
}

fn atelier_of(store: &Store, code: &str) -> i64 {
    store.list_ateliers().unwrap().into_iter().find(|a| a.code == code).expect("the atelier").id
}

/// The meetings of every atelier still to come and not cancelled nor postponed, with at
/// least one convoked person who has an e-mail address, soonest first.
fn coming_meetings_with_emails(store: &Store) -> Vec<MeetingSummary> {
    let now = today().to_string();
    let mut meetings: Vec<MeetingSummary> = store
        .list_ateliers()
        .unwrap()
        .into_iter()
        .flat_map(|a| store.atelier_meetings(a.id).unwrap())
        .filter(|m| m.start.as_str() > now.as_str())
        .filter(|m| matches!(m.status.as_str(), "prevue" | "convoquee"))
        .filter(|m| store.convocations(m.id).unwrap().rows.iter().any(|r| !r.email.trim().is_empty()))
        .collect();
    meetings.sort_by(|a, b| a.start_utc.cmp(&b.start_utc));
    meetings
}

/// The next meeting of AP-VELO with people to invite.
fn next_velo_meeting(store: &Store) -> MeetingSummary {
    let velo = atelier_of(store, "AP-VELO");
    coming_meetings_with_emails(store)
        .into_iter()
        .find(|m| m.atelier_id == velo)
        .expect("a meeting of AP-VELO to come")
}

/// Opens the Documents part of meeting `id`.
fn open_documents(session: &Session, id: i64) {
    go(session, &format!("#/reunions/{id}/documents"));
    session.wait_for("#export-invitation", 20);
}

/// Clicks `button`, chooses `path` in the file dialog titled `title`, waits until the live
/// region says something holding `part` and returns what it says.
fn through_dialog(session: &Session, button: &str, title: &str, path: &Path, part: &str) -> String {
    session.find(button).unwrap_or_else(|| panic!("no « {button} »")).click();
    choose_in_dialog(title, path);
    said(session, part)
}

/// The reading of the iCalendar file `path` by Python's `icalendar` and `vobject` (both
/// must accept it and agree).
fn read_ics(path: &Path) -> Value {
    let out = Command::new(python())
        .arg(repo().join("tests/checkers/ics_python.py"))
        .arg(path)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{} is refused: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The files of `folder` whose name ends with `suffix`, sorted.
fn files_in(folder: &Path, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_meeting_s_invitation_and_its_cancellation_are_written_for_the_calendars() {
    let opener = FakeOpener::new();
    let app = calendars_app(&opener, &[]);
    let (meeting, invited, cancelled) = {
        let mut store = Store::open(app.database()).unwrap();
        let meeting = next_velo_meeting(&store);
        let invited = store
            .convocations(meeting.id)
            .unwrap()
            .rows
            .iter()
            .filter(|r| !r.email.trim().is_empty())
            .count();
        let other = coming_meetings_with_emails(&store)
            .into_iter()
            .find(|m| m.id != meeting.id)
            .expect("another meeting to come");
        let cancelled = store.cancel_meeting(other.id).expect("the meeting is cancelled");
        (meeting, invited, cancelled)
    };
    let session = app.launch();
    let out = tempfile::tempdir().unwrap();

    // A meeting to come: its invitation, no cancellation yet (said why).
    open_documents(&session, meeting.id);
    assert_eq!(attribute(&session, "#export-invitation", "aria-disabled"), None);
    let hint = text_of(&session, "#export-invitation-hint");
    assert!(hint.contains(&format!("{invited} personne")), "{hint}");
    assert_eq!(attribute(&session, "#export-cancellation", "aria-disabled").as_deref(), Some("true"));
    let why = text_of(&session, "#export-cancellation-hint");
    assert!(why.contains("ni annulée ni reportée"), "{why}");
    session.find("#export-cancellation").unwrap().click();
    said(&session, "ni annulée ni reportée");
    let page = page_text(&session);
    assert!(!page.contains(".ics"), "no button nor hint says « .ics »");
    scroll_to(&session, ".invitations-group");
    screenshot(&session, "calendars-1-reunion-agenda");
    assert_accessible(&session, "agenda et e-mails d’une réunion");
    assert_fits_laptop_screen(&session, "agenda et e-mails d’une réunion");

    let invitation = out.path().join("invitation-velo.ics");
    let status = through_dialog(
        &session,
        "#export-invitation",
        "Enregistrer l’invitation d’agenda",
        &invitation,
        &invitation.display().to_string(),
    );
    assert!(
        status.starts_with(&format!("L’invitation d’agenda est enregistrée dans {}", invitation.display())),
        "{status}"
    );
    let read = read_ics(&invitation);
    assert_eq!(read["method"], json!("REQUEST"), "{read}");
    assert_eq!(read["events"][0]["uid"], json!(meeting.ical_uid), "{read}");
    assert_eq!(read["events"][0]["attendees"].as_array().map(Vec::len), Some(invited), "{read}");
    assert!(opener.opened().is_empty(), "an invitation is not opened: {}", opener.opened());

    // A cancelled meeting: its cancellation, and no invitation.
    open_documents(&session, cancelled.id);
    assert_eq!(attribute(&session, "#export-cancellation", "aria-disabled"), None);
    assert_eq!(attribute(&session, "#export-invitation", "aria-disabled").as_deref(), Some("true"));
    assert_eq!(attribute(&session, "#export-drafts", "aria-disabled").as_deref(), Some("true"));
    assert!(text_of(&session, "#export-invitation-hint").contains("annulée"));
    scroll_to(&session, ".invitations-group");
    screenshot(&session, "calendars-2-reunion-annulee");
    assert_accessible(&session, "agenda d’une réunion annulée");
    let cancellation = out.path().join("annulation.ics");
    let status = through_dialog(
        &session,
        "#export-cancellation",
        "Enregistrer l’annulation d’agenda",
        &cancellation,
        &cancellation.display().to_string(),
    );
    assert!(status.starts_with("L’annulation d’agenda est enregistrée dans "), "{status}");
    let read = read_ics(&cancellation);
    assert_eq!(read["method"], json!("CANCEL"), "{read}");
    assert_eq!(read["events"][0]["uid"], json!(cancelled.ical_uid), "{read}");
    assert_eq!(read["events"][0]["status"], json!("CANCELLED"), "{read}");
    assert_eq!(read["events"][0]["sequence"], json!(cancelled.ical_sequence), "{read}");

    // At the window's default size too.
    session.set_window_size(1280, 720);
    open_documents(&session, meeting.id);
    assert_fits_laptop_screen(&session, "agenda et e-mails d’une réunion en 1280 × 720");
    scroll_to(&session, ".invitations-group");
    screenshot(&session, "calendars-3-reunion-agenda-1280");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_e_mail_drafts_are_written_in_a_folder_opened_in_the_file_manager_and_the_convocations_marked_sent() {
    let opener = FakeOpener::new();
    let app = calendars_app(&opener, &[]);
    let (meeting, with_email, paper) = {
        let mut store = Store::open(app.database()).unwrap();
        // A meeting whose convocations are all still to send.
        let meeting = coming_meetings_with_emails(&store)
            .into_iter()
            .find(|m| store.convocations(m.id).unwrap().rows.iter().all(|r| r.sent_at.is_none()))
            .expect("a meeting to come whose convocations are not sent");
        // One convoked person has no e-mail address: a convocation by post.
        let rows = store.convocations(meeting.id).unwrap().rows;
        let first = store.person(rows[0].person_id).unwrap().data;
        let input = PersonInput {
            civility: first.civility.as_str().to_string(),
            first_name: first.first_name,
            last_name: first.last_name,
            function: first.function,
            commune_id: first.commune_id,
            organisation_id: first.organisation_id,
            email: String::new(),
            phone: first.phone,
            notes: first.notes,
            postal: first.postal.into(),
        };
        store.update_person(rows[0].person_id, input).expect("the e-mail is removed");
        let rows = store.convocations(meeting.id).unwrap().rows;
        assert!(rows.iter().any(|r| r.email.trim().is_empty()), "someone to convoke by post");
        let with_email: Vec<i64> =
            rows.iter().filter(|r| !r.email.trim().is_empty()).map(|r| r.person_id).collect();
        let paper: Vec<String> =
            rows.iter().filter(|r| r.email.trim().is_empty()).map(|r| r.name.clone()).collect();
        (meeting, with_email, paper)
    };
    let session = app.launch();
    open_documents(&session, meeting.id);
    assert_eq!(attribute(&session, "#export-drafts", "aria-disabled"), None);
    assert!(text_of(&session, "#export-drafts-hint").contains(&format!("{} personne", with_email.len())));

    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("brouillons-velo");
    let status = through_dialog(
        &session,
        "#export-drafts",
        "Enregistrer les brouillons d’e-mails (un dossier)",
        &folder,
        // « … sont écrits … », or « … n’ont pas été écrits : … » (not « Écriture … en cours »).
        "écrit",
    );
    let count = with_email.len();
    assert!(
        status.starts_with(&format!(
            "{count} brouillons d’e-mails sont écrits dans le dossier {}, ouvert dans le gestionnaire de fichiers ;",
            folder.display()
        )),
        "{status}"
    );
    let drafts = files_in(&folder, ".eml");
    assert_eq!(drafts.len(), count, "one draft per person with an e-mail address: {drafts:?}");
    let first = std::fs::read_to_string(folder.join(&drafts[0])).unwrap();
    assert!(first.contains("X-Unsent: 1"), "a draft:\n{first}");
    assert!(first.contains("text/calendar"), "with the invitation:\n{first}");
    opener.wait_opened(&folder);

    // The result, with the people to convoke by post.
    session.wait_until("!document.querySelector('#drafts-result').hidden", 10);
    let result = text_of(&session, "#drafts-result");
    assert!(result.contains(&format!("{count} brouillons d’e-mails sont écrits")), "{result}");
    assert!(status.contains("À convoquer par courrier (sans adresse e-mail) :"), "{status}");
    assert!(result.contains("À convoquer par courrier"), "{result}");
    for name in &paper {
        assert!(status.contains(name.as_str()), "« {name} » in {status}");
        assert!(result.contains(name.as_str()), "« {name} » in {result}");
    }
    assert_eq!(session.find_all("#drafts-result [data-ref='drafts-paper'] li").len(), paper.len());
    assert!(
        session.find("[data-ref='drafts-progress-box']").unwrap().attribute("hidden").is_some(),
        "the progress bar is hidden again"
    );
    scroll_to(&session, ".invitations-group");
    screenshot(&session, "calendars-4-brouillons-ecrits");
    assert_accessible(&session, "brouillons d’e-mails écrits");
    assert_fits_laptop_screen(&session, "brouillons d’e-mails écrits");

    // The convocations are recorded as sent by e-mail, for the meeting as it stands.
    let store = Store::open(app.database()).unwrap();
    let rows = store.convocations(meeting.id).unwrap().rows;
    for row in rows.iter().filter(|r| with_email.contains(&r.person_id)) {
        assert!(row.sent_at.is_some(), "{} is recorded as sent", row.name);
        assert_eq!(row.channel.map(|c| c.as_str().to_string()).as_deref(), Some("courriel"), "{}", row.name);
        assert_eq!(row.sent_sequence, Some(meeting.ical_sequence), "{}", row.name);
    }
    for row in rows.iter().filter(|r| !with_email.contains(&r.person_id)) {
        assert!(row.sent_at.is_none(), "{} (no e-mail) is not recorded as sent", row.name);
    }

    // And the Convocations part shows them sent.
    session.find("[data-ref='drafts-convocations']").unwrap().click();
    session.wait_until("location.hash.endsWith('/convocations')", 10);
    wait_loaded(&session);
    session.wait_for("#convocations-table", 20);
    let sent: Value = session.execute(
        "return [...document.querySelectorAll('#convocations-table tbody tr')]
                  .filter(tr => tr.dataset.state === 'a_jour').length;",
        json!([]),
    );
    assert_eq!(sent, json!(count), "the convocations sent are « à jour »");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn one_grouped_draft_with_every_address_in_bcc_opens_in_the_mail_client() {
    let opener = FakeOpener::new();
    let app = calendars_app(&opener, &[]);
    let (meeting, with_email) = {
        let store = Store::open(app.database()).unwrap();
        let meeting = coming_meetings_with_emails(&store)
            .into_iter()
            .find(|m| store.convocations(m.id).unwrap().rows.iter().all(|r| r.sent_at.is_none()))
            .expect("a meeting to come whose convocations are not sent");
        let rows = store.convocations(meeting.id).unwrap().rows;
        let with_email: Vec<String> =
            rows.iter().filter(|r| !r.email.trim().is_empty()).map(|r| r.email.trim().to_string()).collect();
        (meeting, with_email)
    };
    let session = app.launch();
    open_documents(&session, meeting.id);
    assert_eq!(attribute(&session, "#export-grouped-draft", "aria-disabled"), None);
    assert!(text_of(&session, "#export-grouped-draft-hint").contains("en copie cachée"));

    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("convocation-groupee.eml");
    let status =
        through_dialog(&session, "#export-grouped-draft", "Enregistrer le brouillon groupé", &file, "écrit");
    let count = with_email.len();
    assert!(
        status.starts_with(&format!(
            "Le brouillon groupé ({count} adresses en copie cachée) est écrit dans {}, ouvert dans votre messagerie ;",
            file.display()
        )),
        "{status}"
    );
    opener.wait_opened(&file);
    let out = Command::new(python())
        .arg(repo().join("tests/checkers/eml_python.py"))
        .arg(&file)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "the draft is refused: {}", String::from_utf8_lossy(&out.stderr));
    let mail: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut bcc: Vec<String> =
        mail["bcc"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect();
    let mut expected = with_email.clone();
    bcc.sort();
    expected.sort();
    assert_eq!(bcc, expected, "every convoked address, in Bcc");
    assert_eq!(mail["to"], json!([mail["from"]]), "to the organiser");
    assert!(mail["attachments"][0]["filename"].as_str().unwrap().starts_with("Ordre du jour"));
    scroll_to(&session, ".invitations-group");
    screenshot(&session, "calendars-5-brouillon-groupe");
    assert_accessible(&session, "brouillon groupé écrit");

    let store = Store::open(app.database()).unwrap();
    let sent =
        store.convocations(meeting.id).unwrap().rows.into_iter().filter(|r| r.sent_at.is_some()).count();
    assert_eq!(sent, count, "those in Bcc are recorded as convoked by e-mail");
    session.close();
}

/// A small calendar of another body, with one event at the time of `meeting`.
fn region_calendar(meeting: &MeetingSummary, summary: &str) -> String {
    let stamp = |utc: &str| utc.replace(['-', ':'], "");
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Région//Agenda//FR\r\nX-WR-CALNAME:Agenda de la Région\r\n\
         BEGIN:VEVENT\r\nUID:commission-1@region.example\r\nDTSTAMP:20260101T000000Z\r\n\
         DTSTART:{}\r\nDTEND:{}\r\nSUMMARY:{summary}\r\nLOCATION:Hôtel de Région\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        stamp(&meeting.start_utc),
        stamp(&meeting.end_utc)
    )
}

/// Another body's weekly meeting, four times from the day of `meeting`, early in the
/// morning (so that it overlaps nothing).
fn weekly_calendar(meeting: &MeetingSummary) -> String {
    let day = meeting.start_utc[..10].replace('-', "");
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Département//Agenda//FR\r\nX-WR-CALNAME:Agenda du Département\r\n\
         BEGIN:VEVENT\r\nUID:service@departement.example\r\nDTSTAMP:20260101T000000Z\r\n\
         DTSTART:{day}T060000Z\r\nDTEND:{day}T070000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n\
         SUMMARY:Réunion de service\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// Shows the month of `day` ("AAAA-MM-JJ") in the calendar, from the current month (the
/// window's « today » is the computer's, which may differ from the core's near midnight).
fn show_month_of(session: &Session, day: &str) {
    let shown = format!("document.querySelector(\"#calendar-month td[data-day='{day}']:not(.other-month)\")");
    for _ in 0..24 {
        if session.execute(&format!("return Boolean({shown});"), json!([])) == json!(true) {
            return;
        }
        let before = text_of(session, "#calendar-period-title");
        session.find("#calendar-next").unwrap().click();
        session.wait_until(
            &format!("document.querySelector('#calendar-period-title').textContent !== {}", json!(before)),
            10,
        );
    }
    panic!("the month of {day} is not reached");
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn calendars_of_ateliers_are_written_and_an_imported_calendar_is_shown_beside_the_meetings() {
    let opener = FakeOpener::new();
    let app = calendars_app(&opener, &[]);
    let (meeting, velo) = {
        let store = Store::open(app.database()).unwrap();
        (next_velo_meeting(&store), atelier_of(&store, "AP-VELO"))
    };
    let session = app.launch();
    let out = tempfile::tempdir().unwrap();

    // The atelier's calendar, from its fiche.
    go(&session, &format!("#/ateliers/{velo}"));
    session.wait_for("#export-atelier-calendar", 20);
    screenshot(&session, "calendars-5-fiche-atelier");
    assert_accessible(&session, "fiche d’un atelier avec son calendrier");
    assert_fits_laptop_screen(&session, "fiche d’un atelier avec son calendrier");
    let atelier_file = out.path().join("calendrier-velo.ics");
    let status = through_dialog(
        &session,
        "#export-atelier-calendar",
        "Enregistrer le calendrier de l’atelier (agenda)",
        &atelier_file,
        &atelier_file.display().to_string(),
    );
    assert!(status.starts_with("Le calendrier de l’atelier AP-VELO est enregistré dans "), "{status}");
    let read = read_ics(&atelier_file);
    assert_eq!(read["method"], json!("PUBLISH"), "{read}");
    let uids: Vec<&str> =
        read["events"].as_array().unwrap().iter().filter_map(|e| e["uid"].as_str()).collect();
    assert!(uids.contains(&meeting.ical_uid.as_str()), "the next meeting is in the atelier's calendar");

    // Every atelier's calendar, from the Calendrier screen.
    go(&session, "#/calendrier");
    session.wait_for("#import-calendar", 20);
    assert!(text_of(&session, ".calendar-imports").contains("Aucun calendrier n’est importé."));
    let all_file = out.path().join("calendrier-tous.ics");
    let status = through_dialog(
        &session,
        "#export-all-calendars",
        "Enregistrer le calendrier de tous les ateliers (agenda)",
        &all_file,
        &all_file.display().to_string(),
    );
    assert!(status.starts_with("Le calendrier de tous les ateliers est enregistré dans "), "{status}");
    let all = read_ics(&all_file);
    assert_eq!(all["method"], json!("PUBLISH"), "{all}");
    assert!(all["events"].as_array().unwrap().len() > uids.len(), "every atelier's meetings");
    assert!(opener.opened().is_empty(), "calendars are not opened: {}", opener.opened());

    // A calendar of another body, with an event at the time of the meeting.
    let region = out.path().join("agenda-region.ics");
    std::fs::write(&region, region_calendar(&meeting, "Commission mobilités")).unwrap();
    let status = through_dialog(
        &session,
        "#import-calendar",
        "Importer un calendrier",
        &region,
        "Agenda de la Région",
    );
    assert_eq!(
        status,
        "Le calendrier « Agenda de la Région » est importé : 1 événement affiché à côté des réunions."
    );
    session.wait_for("#external-calendars tbody tr", 10);
    let row = text_of(&session, "#external-calendars tbody tr");
    assert!(row.contains("Agenda de la Région") && row.contains("1 événement"), "{row}");

    // Shown in the month beside the meeting, with its calendar's name, not as a link.
    let day = &meeting.start[..10];
    show_month_of(&session, day);
    let cell = format!("#calendar-month td[data-day='{day}']");
    session.wait_for(&format!("{cell} .external-event"), 10);
    let shown = text_of(&session, &format!("{cell} .external-event"));
    assert!(shown.contains("Agenda de la Région"), "{shown}");
    assert!(session.find(&format!("{cell} .external-event a")).is_none(), "an imported event is no link");
    assert!(session.find(&format!("{cell} a.meeting-chip[href='#/reunions/{}']", meeting.id)).is_some());
    let legend = text_of(&session, "[data-ref='legend']");
    assert!(legend.contains("Agenda de la Région calendrier importé"), "{legend}");
    session.execute("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", json!([cell]));
    screenshot(&session, "calendars-6-mois-avec-evenement-importe");
    assert_accessible(&session, "calendrier avec un événement importé");
    assert_fits_laptop_screen(&session, "calendrier avec un événement importé");

    // In the week and in the list too.
    // The day becomes the active one (where the week opens), as the keyboard would make it.
    session.execute("document.querySelector(arguments[0]).focus();", json!([cell]));
    session.find("label[for='calendar-view-semaine']").unwrap().click();
    session.wait_for(&format!("#calendar-week td[data-day='{day}'] .external-event"), 10);
    let week = text_of(&session, &format!("#calendar-week td[data-day='{day}'] .external-event"));
    assert!(week.contains("Commission mobilités") && week.contains("Hôtel de Région"), "{week}");
    said(&session, "1 événement importé");
    screenshot(&session, "calendars-7-semaine-avec-evenement-importe");
    assert_accessible(&session, "semaine avec un événement importé");
    assert_fits_laptop_screen(&session, "semaine avec un événement importé");
    session.find("label[for='calendar-view-liste']").unwrap().click();
    session.wait_for("#calendar-external-list tbody tr", 10);
    let listed = text_of(&session, "#calendar-external-list tbody tr");
    assert!(listed.contains("Agenda de la Région") && listed.contains("Commission mobilités"), "{listed}");
    scroll_to(&session, "#calendar-external-list");
    screenshot(&session, "calendars-8-liste-avec-evenement-importe");
    assert_accessible(&session, "liste avec un événement importé");
    assert_fits_laptop_screen(&session, "liste avec un événement importé");

    // Imported again (the event renamed): updated, never duplicated.
    std::fs::write(&region, region_calendar(&meeting, "Commission mobilités (salle 2)")).unwrap();
    let status =
        through_dialog(&session, "#import-calendar", "Importer un calendrier", &region, "est mis à jour");
    assert!(status.contains("0 événement ajouté, 1 mis à jour, 0 retiré"), "{status}");
    session.wait_until(
        "document.querySelector('#calendar-external-list tbody tr').textContent.includes('salle 2')",
        10,
    );
    assert_eq!(session.find_all("#calendar-external-list tbody tr").len(), 1, "one event");
    assert_eq!(session.find_all("#external-calendars tbody tr").len(), 1, "one calendar");
    {
        let store = Store::open(app.database()).unwrap();
        assert_eq!(store.external_calendars().unwrap().len(), 1);
    }

    // The overlap is on the dashboard, and the meeting's form says it before saving.
    go(&session, "#/tableau-de-bord");
    let finding = session.wait_for("li[data-rule='meeting.external_overlap']", 20);
    let finding = plain(&finding.text());
    assert!(
        finding
            .contains("chevauche « Commission mobilités (salle 2) » du calendrier « Agenda de la Région »"),
        "{finding}"
    );
    scroll_to(&session, "li[data-rule='meeting.external_overlap']");
    screenshot(&session, "calendars-8b-tableau-de-bord-chevauchement-importe");
    assert_accessible(&session, "tableau de bord, chevauchement d'un calendrier importé");
    go(&session, &format!("#/reunions/{}/modifier", meeting.id));
    session.wait_for("#save-meeting", 20).click();
    session.wait_for("#meeting-conflicts:not([hidden]) .notice-list li", 15);
    let notice = text_of(&session, "#meeting-conflicts .notice-list");
    assert!(notice.contains("La réunion chevauche « Commission mobilités (salle 2) »"), "{notice}");
    scroll_to(&session, "#meeting-conflicts");
    screenshot(&session, "calendars-8c-formulaire-chevauchement-importe");
    assert_accessible(&session, "formulaire, chevauchement d'un calendrier importé");
    go(&session, "#/calendrier");
    session.wait_for("label[for='calendar-view-liste']", 20).click();
    session.wait_for("#calendar-external-list tbody tr", 10);

    // A file that is not a calendar: one clear message.
    let wrong = out.path().join("notes.ics");
    std::fs::write(&wrong, "Ceci n’est pas un calendrier.\n").unwrap();
    let status = through_dialog(
        &session,
        "#import-calendar",
        "Importer un calendrier",
        &wrong,
        "Aucun calendrier n’a été importé",
    );
    let shown = text_of(&session, "#import-calendar-error");
    assert!(shown.starts_with("Le fichier ") && shown.ends_with('.'), "a sentence of its own: {shown}");
    assert!(
        status.to_lowercase().contains(shown.trim_end_matches('.').to_lowercase().as_str()),
        "{status} / {shown}"
    );
    assert_eq!(session.find_all("#external-calendars tbody tr").len(), 1, "still one calendar");

    // Removed, after a confirmation.
    scroll_to(&session, ".calendar-imports");
    session.find("#external-calendars tbody tr [data-ref='remove']").unwrap().click();
    session.wait_until("document.querySelector('#confirm-dialog').open", 10);
    assert!(text_of(&session, "#confirm-dialog").contains("Retirer le calendrier « Agenda de la Région » ?"));
    screenshot(&session, "calendars-9-retirer-un-calendrier");
    assert_accessible(&session, "retirer un calendrier importé");
    session.find("#confirm-yes").unwrap().click();
    said(&session, "Le calendrier « Agenda de la Région » est retiré");
    session.wait_until("!document.querySelector('#calendar-external-list')", 10);
    assert!(text_of(&session, ".calendar-imports").contains("Aucun calendrier n’est importé."));
    assert_eq!(session.execute("return document.activeElement.id;", json!([])), json!("import-calendar"));

    // A calendar with a weekly meeting: shown at each of its dates.
    let weekly = out.path().join("departement.ics");
    std::fs::write(&weekly, weekly_calendar(&meeting)).unwrap();
    let status =
        through_dialog(&session, "#import-calendar", "Importer un calendrier", &weekly, "est importé");
    assert!(status.contains("4 événements affichés à côté des réunions."), "{status}");
    assert!(
        status.contains(
            "1 événement répété est repris à chacune de ses dates, d’il y a un an à dans trois ans."
        ),
        "{status}"
    );
    session.wait_until("document.querySelector('#external-calendars tbody tr')", 10);
    let row = text_of(&session, "#external-calendars tbody tr");
    assert!(row.contains("Agenda du Département") && row.contains("4 événements"), "{row}");
    session.wait_for("#calendar-external-list", 10);
    let listed = text_of(&session, "#calendar-external-list");
    assert!(listed.contains("Réunion de service"), "{listed}");
    screenshot(&session, "calendars-9b-evenement-repete-importe");
    assert_accessible(&session, "calendrier avec un événement répété importé");

    // At the window's default size too.
    session.set_window_size(1280, 720);
    go(&session, "#/calendrier");
    session.wait_for("#import-calendar", 20);
    assert_fits_laptop_screen(&session, "calendrier en 1280 × 720");
    screenshot(&session, "calendars-10-calendrier-1280");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_shared_calendar_is_set_in_the_settings_and_published_to_a_caldav_server() {
    let radicale = Radicale::start(CALDAV_USER, CALDAV_PASSWORD);
    let keyring = SecretService::start();
    let bus = keyring.address();
    let opener = FakeOpener::new();
    let app = calendars_app(&opener, &[("DBUS_SESSION_BUS_ADDRESS", Path::new(&bus))]);
    let session = app.launch();
    go(&session, "#/parametres");
    session.wait_for("#caldav-form", 20);

    // Nothing configured: « publier » says why.
    assert_eq!(attribute(&session, "#publish-caldav", "aria-disabled").as_deref(), Some("true"));
    session.find("#publish-caldav").unwrap().click();
    said(&session, "Aucun calendrier partagé n’est configuré");
    assert_eq!(attribute(&session, "#caldav_password", "type").as_deref(), Some("password"));
    assert_eq!(attribute(&session, "#caldav_password", "autocomplete").as_deref(), Some("off"));
    assert!(text_of(&session, "#hint-caldav-password").contains("trousseau du système"));

    // A wrong address is refused beside its field.
    type_into(&session, "#caldav_url", "nuage.example.fr");
    type_into(&session, "#caldav_user", CALDAV_USER);
    session.find("#save-caldav").unwrap().click();
    said(&session, "Le calendrier partagé n’a pas été enregistré : 1 erreur à corriger.");
    assert!(
        error_beside(&session, "caldav_url").contains("https://"),
        "{}",
        error_beside(&session, "caldav_url")
    );
    scroll_to(&session, ".caldav-settings");
    screenshot(&session, "calendars-11-calendrier-partage-erreur");
    assert_accessible(&session, "calendrier partagé avec une erreur");

    // Saved without a password: publishing says where to give it.
    let url = radicale.url();
    type_into(&session, "#caldav_url", &url);
    session.find("#save-caldav").unwrap().click();
    said(&session, "Le calendrier partagé est enregistré ; le mot de passe déjà gardé");
    assert_eq!(attribute(&session, "#publish-caldav", "aria-disabled"), None);
    {
        let store = Store::open(app.database()).unwrap();
        let saved = store.caldav_settings().unwrap();
        assert_eq!((saved.url.as_str(), saved.user.as_str()), (url.as_str(), CALDAV_USER));
    }
    session.find("#publish-caldav").unwrap().click();
    said(
        &session,
        "Aucun mot de passe n’est enregistré pour le calendrier partagé : saisissez-le dans les Paramètres",
    );
    assert!(radicale.events().is_empty(), "nothing sent without a password");

    // The password typed and saved goes to the system's credential store, where another
    // program (libsecret's secret-tool) reads it, and never into the base.
    session.execute("document.getElementById('status').textContent = '';", json!([]));
    type_into(&session, "#caldav_password", CALDAV_PASSWORD);
    session.find("#save-caldav").unwrap().click();
    said(&session, "le mot de passe est gardé dans le trousseau du système");
    assert_eq!(
        session.find("#caldav_password").unwrap().property("value"),
        json!(""),
        "the field is emptied"
    );
    assert_eq!(
        session.execute("return document.getElementById('publish-result').hidden;", json!([])),
        json!(true),
        "the interrupted publication's message is gone with the settings it was about"
    );
    scroll_to(&session, ".caldav-settings");
    screenshot(&session, "calendars-11-calendrier-partage-mot-de-passe-garde");
    let account = format!("{CALDAV_USER} @ {}", url.trim_start_matches("http://").split('/').next().unwrap());
    assert_eq!(
        keyring.lookup(&[("service", "Ateliers — calendrier partagé"), ("username", &account)]).as_deref(),
        Some(CALDAV_PASSWORD)
    );
    for file in ["ateliers.sqlite3", "ateliers.sqlite3-wal"] {
        let bytes = std::fs::read(app.database().with_file_name(file)).unwrap_or_default();
        assert!(
            !bytes.windows(CALDAV_PASSWORD.len()).any(|w| w == CALDAV_PASSWORD.as_bytes()),
            "the password is not in {file}"
        );
    }
    session.find("#publish-caldav").unwrap().click();
    let status = said(&session, "Calendrier partagé publié");
    let events = radicale.events();
    assert!(!events.is_empty(), "meetings are on the server");
    let sent = events.len();
    assert!(
        status.starts_with(&format!(
            "Calendrier partagé publié : {sent} réunions envoyées, 0 retirée, 0 inchangée."
        )),
        "{status}"
    );
    let summary = text_of(&session, "#publish-result [data-ref='summary']");
    assert_eq!(summary, format!("{sent} réunions envoyées, 0 retirée, 0 inchangée."));
    assert_eq!(
        session.find_all("#publish-result [data-ref='changes'] li").len(),
        sent,
        "one line per meeting sent"
    );
    // The progress bar went to its end (its last message may follow the answer), and is
    // hidden again.
    session.wait_until(&format!("document.querySelector('#caldav-progress').value === {sent}"), 10);
    let progress: Value = session.execute(
        "const bar = document.querySelector('#caldav-progress');
         return { value: bar.value, max: bar.max, hidden: bar.closest('[data-ref=\"progress-box\"]').hidden };",
        json!([]),
    );
    assert_eq!(progress["hidden"], json!(true), "{progress}");
    assert_eq!(progress["max"], json!(sent), "{progress}");
    {
        let store = Store::open(app.database()).unwrap();
        let velo = next_velo_meeting(&store);
        assert!(
            events.iter().any(|e| e["uid"] == json!(velo.ical_uid)),
            "the next AP-VELO meeting is on the server"
        );
    }
    scroll_to(&session, ".caldav-publish");
    screenshot(&session, "calendars-12-calendrier-partage-publie");
    assert_accessible(&session, "calendrier partagé publié");
    assert_fits_laptop_screen(&session, "calendrier partagé publié");

    // Publishing again sends nothing.
    session.execute("document.getElementById('status').textContent = '';", json!([]));
    session.find("#publish-caldav").unwrap().click();
    let status = said(&session, "Calendrier partagé publié");
    assert!(
        status.starts_with(&format!(
            "Calendrier partagé publié : 0 réunion envoyée, 0 retirée, {sent} inchangées."
        )),
        "{status}"
    );
    assert!(status.contains("Rien n’avait changé"), "{status}");
    assert_eq!(radicale.events().len(), sent);

    // At the window's default size too.
    session.set_window_size(1280, 720);
    assert_fits_laptop_screen(&session, "calendrier partagé en 1280 × 720");
    session.close();
}
