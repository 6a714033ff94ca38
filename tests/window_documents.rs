//! The printed documents in a real window: each PDF asked for with one click where it
//! belongs (a meeting's Documents part, an atelier's fiche, assiduité and charter, the
//! calendar), written where the save dialog says, then handed to the system's viewer; the
//! convocations as a folder with their progress bar, which « Annuler » stops leaving no file;
//! the preview of the first convocation drawn on a canvas.
//!
//! Like `window.rs`, these tests need a display and the drivers: `scripts/test.sh` runs them
//! under Xvfb. The save dialog is driven for real with `xdotool`
//! (`ateliers_testkit::dialog`); the viewer is a stand-in `xdg-open`, first in the
//! application's `PATH`, that writes down the files it is asked to open.

use std::path::Path;

use ateliers::clock::today;
use ateliers::model::meeting::{MeetingInput, MeetingSummary};
use ateliers::model::person::PersonInput;
use ateliers::store::Store;
use ateliers_testkit::app::*;
use ateliers_testkit::dialog::choose_in_dialog;
use ateliers_testkit::opener::FakeOpener;
use ateliers_testkit_demo::day_from_today;
use serde_json::{json, Value};

/// The application as Cargo built it for these tests.
const DESKTOP: Desktop = ateliers_testkit::desktop!();

/// The demonstration data, the application launched with the stand-in viewer in its PATH.
fn documents_app(viewer: &FakeOpener) -> App {
    let path = viewer.path();
    let app = App::with_env(DESKTOP, &[("PATH", path.as_path())]);
    let mut store = Store::open(app.database()).expect("the base opens");
    store.load_demo(today()).expect("the demonstration data load");
    app
}

fn atelier_of(store: &Store, code: &str) -> i64 {
    store.list_ateliers().unwrap().into_iter().find(|a| a.code == code).expect("the atelier").id
}

/// The next meeting of AP-VELO (planned, with people convoked) and how many are convoked.
fn next_velo_meeting(app: &App) -> (MeetingSummary, usize) {
    let store = Store::open(app.database()).unwrap();
    let velo = atelier_of(&store, "AP-VELO");
    let now = today().to_string();
    let meeting = store
        .atelier_meetings(velo)
        .unwrap()
        .into_iter()
        .find(|m| m.start.as_str() > now.as_str() && m.status.as_str() != "annulee")
        .expect("a meeting of AP-VELO to come");
    let convoked = store.convocations(meeting.id).unwrap().rows.len();
    assert!(convoked > 1, "people are convoked to the next AP-VELO meeting");
    (meeting, convoked)
}

/// Opens the Documents part of meeting `id` and waits for its preview (drawn, or its message).
fn open_documents(session: &Session, id: i64) {
    go(session, &format!("#/reunions/{id}/documents"));
    session.wait_for("#export-agenda", 20);
    session.wait_until(
        "document.querySelector('#convocation-preview[data-drawn]') || !document.querySelector('[data-ref=\"preview-message\"]').hidden",
        20,
    );
}

/// Clicks `button`, chooses `path` in the save dialog titled `title`, waits until the live
/// region names the written file and returns what it says.
fn export(session: &Session, button: &str, title: &str, path: &Path) -> String {
    session.find(button).unwrap_or_else(|| panic!("no « {button} »")).click();
    choose_in_dialog(title, path);
    said(session, &path.display().to_string())
}

/// Checks that `path` is a PDF whose text (pdftotext) holds `wanted`; returns the text.
fn assert_pdf(path: &Path, wanted: &str) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{} is not written: {e}", path.display()));
    assert!(bytes.starts_with(b"%PDF"), "{} is not a PDF", path.display());
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext fails on {}", path.display());
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    assert!(text.contains(wanted), "« {wanted} » not in {}:\n{text}", path.display());
    text
}

/// The PDF files of `folder`, sorted.
fn pdfs_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".pdf"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// How many pixels of the canvas `css` are not white (the preview is drawn).
fn inked_pixels(session: &Session, css: &str) -> u64 {
    session
        .execute(
            "const canvas = document.querySelector(arguments[0]);
             const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
             let inked = 0;
             for (let i = 0; i < data.length; i += 4) if (data[i] < 200) inked += 1;
             return inked;",
            json!([css]),
        )
        .as_u64()
        .unwrap_or(0)
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_meeting_s_ordre_du_jour_sign_in_sheet_and_releve_are_written_where_chosen_and_opened() {
    let viewer = FakeOpener::new();
    let app = documents_app(&viewer);
    let (meeting, _) = next_velo_meeting(&app);
    let held_with_releve = {
        let store = Store::open(app.database()).unwrap();
        let velo = atelier_of(&store, "AP-VELO");
        store
            .atelier_meetings(velo)
            .unwrap()
            .into_iter()
            .find(|m| store.releve(m.id).unwrap().is_some())
            .expect("a meeting of AP-VELO with a relevé")
    };
    let session = app.launch();
    let out = tempfile::tempdir().unwrap();

    // The part is one click from the meeting's page.
    go(&session, &format!("#/reunions/{}", meeting.id));
    session.find("#part-link-documents").expect("the Documents part's link").click();
    session.wait_until("location.hash.endsWith('/documents')", 10);
    open_documents(&session, meeting.id);
    assert_eq!(attribute(&session, "#part-link-documents", "aria-current").as_deref(), Some("page"));
    let canvas_label = attribute(&session, "#convocation-preview", "aria-label").unwrap_or_default();
    assert!(canvas_label.contains("Aperçu de la première page"), "{canvas_label}");
    assert!(
        inked_pixels(&session, "#convocation-preview") > 2000,
        "the first convocation is drawn on the canvas"
    );
    assert!(text_of(&session, "#export-convocations-hint").contains("personnes convoquées"));

    // No relevé yet: the button says why, and a click says it too.
    assert_eq!(attribute(&session, "#export-releve", "aria-disabled").as_deref(), Some("true"));
    let why = text_of(&session, "#export-releve-hint");
    assert!(why.contains("n’a pas encore été rédigé"), "{why}");
    session.find("#export-releve").unwrap().click();
    said(&session, "n’a pas encore été rédigé");
    scroll_to(&session, ".meeting-parts");
    screenshot(&session, "documents-1-reunion");
    assert_accessible(&session, "documents d’une réunion");
    assert_fits_laptop_screen(&session, "documents d’une réunion");

    // The ordre du jour, where the save dialog says; then opened in the viewer.
    let agenda = out.path().join("ordre-du-jour-velo.pdf");
    let status = export(&session, "#export-agenda", "Enregistrer l’ordre du jour (PDF)", &agenda);
    assert!(status.starts_with("Le document « "), "{status}");
    assert!(
        status
            .ends_with(&format!("est enregistré dans {} et s’ouvre dans la visionneuse.", agenda.display())),
        "{status}"
    );
    assert_pdf(&agenda, "Ordre du jour");
    viewer.wait_opened(&agenda);

    // The feuille d'émargement.
    let sign_in = out.path().join("emargement-velo.pdf");
    export(&session, "#export-sign-in", "Enregistrer la feuille d’émargement (PDF)", &sign_in);
    assert_pdf(&sign_in, "margement");
    viewer.wait_opened(&sign_in);

    // The relevé of a meeting that has one.
    open_documents(&session, held_with_releve.id);
    assert_eq!(attribute(&session, "#export-releve", "aria-disabled"), None);
    assert!(text_of(&session, "#export-releve-hint").contains("version"));
    let releve = out.path().join("releve-velo.pdf");
    export(&session, "#export-releve", "Enregistrer le relevé de décisions (PDF)", &releve);
    assert_pdf(&releve, "Relevé de décisions");
    viewer.wait_opened(&releve);

    // At the window's default size too.
    session.set_window_size(1280, 720);
    open_documents(&session, meeting.id);
    assert_fits_laptop_screen(&session, "documents d’une réunion en 1280 × 720");
    scroll_to(&session, ".meeting-parts");
    screenshot(&session, "documents-2-reunion-1280");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn the_convocations_are_written_as_a_folder_with_their_progress_and_the_file_to_print_opens() {
    let viewer = FakeOpener::new();
    let app = documents_app(&viewer);
    let (meeting, convoked) = next_velo_meeting(&app);
    let session = app.launch();
    open_documents(&session, meeting.id);
    assert!(
        session.find("[data-ref='progress-box']").unwrap().attribute("hidden").is_some(),
        "no progress bar while idle"
    );

    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("convocations-velo");
    session.find("#export-convocations").unwrap().click();
    choose_in_dialog("Enregistrer les convocations (un dossier)", &folder);
    let status = said(&session, &format!("dans le dossier {}", folder.display()));
    assert!(
        status.starts_with(&format!("{convoked} convocations sont enregistrées dans le dossier {} ; le fichier de toutes les convocations à imprimer s’ouvre.", folder.display())),
        "{status}"
    );
    let files = pdfs_in(&folder);
    assert_eq!(files.len(), convoked + 1, "one file per convoked person and the file of them all: {files:?}");
    let merged = files.iter().find(|name| name.ends_with(" - toutes.pdf")).expect("the file of them all");
    assert_pdf(&folder.join(merged), "AP-VELO");
    viewer.wait_opened(&folder.join(merged));
    let hidden: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "nothing half-written is left: {hidden:?}");

    // The progress bar went to its end (its last message may follow the answer), and is
    // hidden again.
    session.wait_until(
        &format!("document.querySelector('#convocations-progress').value === {}", convoked + 1),
        10,
    );
    let progress: Value = session.execute(
        "const bar = document.querySelector('#convocations-progress');
         return { value: bar.value, max: bar.max, hidden: bar.closest('[data-ref=\"progress-box\"]').hidden };",
        json!([]),
    );
    assert_eq!(progress["max"], json!(convoked + 1), "{progress}");
    assert_eq!(progress["value"], progress["max"], "{progress}");
    assert_eq!(progress["hidden"], json!(true), "{progress}");
    scroll_to(&session, ".documents-layout");
    screenshot(&session, "documents-3-convocations-ecrites");
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn a_long_batch_of_convocations_shows_its_progress_and_annuler_leaves_no_file() {
    let viewer = FakeOpener::new();
    let app = documents_app(&viewer);
    // A meeting with 400 guests: long enough a batch to be looked at, then stopped.
    let (meeting, convoked) = {
        let mut store = Store::open(app.database()).unwrap();
        let fin = atelier_of(&store, "FIN");
        let day = day_from_today(40).format("%d/%m/%Y").to_string();
        let input = MeetingInput {
            atelier_id: fin,
            date: day,
            start_time: "14:00".into(),
            end_time: "16:00".into(),
            place: "Salle du conseil".into(),
            ..Default::default()
        };
        let meeting = store.create_meeting(input, true).expect("the meeting is planned");
        for n in 1..=400 {
            let person = store
                .create_person(PersonInput {
                    civility: "Mme".into(),
                    first_name: format!("Invitée {n}"),
                    last_name: format!("Lefèvre-Nœl {n:03}"),
                    ..Default::default()
                })
                .unwrap();
            store.add_guest_convocation(meeting.id, person.id).unwrap();
        }
        let convoked = store.convocations(meeting.id).unwrap().rows.len();
        (meeting, convoked)
    };
    let session = app.launch();
    open_documents(&session, meeting.id);

    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("convocations-fin");
    session.find("#export-convocations").unwrap().click();
    choose_in_dialog("Enregistrer les convocations (un dossier)", &folder);
    session.wait_until(
        "!document.querySelector('[data-ref=\"progress-box\"]').hidden
         && document.querySelector('#convocations-progress').value >= 1",
        30,
    );
    let text = text_of(&session, "[data-ref='progress-text']");
    assert!(text.ends_with(&format!(" / {convoked} convocations écrites")), "{text}");
    scroll_to(&session, ".documents-layout");
    screenshot(&session, "documents-4-convocations-en-cours");
    assert_accessible(&session, "convocations en cours d’écriture");
    assert!(
        session.find("[data-ref='progress-box']").unwrap().attribute("hidden").is_none(),
        "the batch of {convoked} convocations ended before « Annuler » could be pressed"
    );
    session.find("#cancel-convocations").unwrap().click();
    let status = said(&session, "annulé : aucun fichier n’a été écrit");
    assert!(status.starts_with("Export annulé"), "a sentence of its own: {status}");
    session.wait_until("document.querySelector('[data-ref=\"progress-box\"]').hidden", 10);
    assert!(pdfs_in(&folder).is_empty(), "no file is left after « Annuler »: {:?}", pdfs_in(&folder));
    assert!(viewer.opened().is_empty(), "nothing was opened: {}", viewer.opened());
    session.close();
}

#[test]
#[ignore = "real window: run through scripts/test.sh (Xvfb, tauri-driver, WebKitWebDriver)"]
fn an_atelier_s_fiche_assiduite_and_charters_and_the_calendar_are_written_where_chosen() {
    let viewer = FakeOpener::new();
    let app = documents_app(&viewer);
    let (velo, first_unsigned) = {
        let store = Store::open(app.database()).unwrap();
        let velo = atelier_of(&store, "AP-VELO");
        let unsigned = store.unsigned_members(velo, today()).unwrap();
        assert!(!unsigned.is_empty(), "members of AP-VELO have not signed the charter");
        (velo, unsigned[0].clone())
    };
    let session = app.launch();
    let out = tempfile::tempdir().unwrap();

    // The fiche, from the atelier's page.
    go(&session, &format!("#/ateliers/{velo}"));
    session.wait_for("#export-fiche", 20);
    screenshot(&session, "documents-5-fiche-atelier");
    assert_accessible(&session, "fiche d’un atelier avec son PDF");
    assert_fits_laptop_screen(&session, "fiche d’un atelier avec son PDF");
    let fiche = out.path().join("fiche-velo.pdf");
    let status = export(&session, "#export-fiche", "Enregistrer la fiche de l’atelier (PDF)", &fiche);
    assert!(status.contains("s’ouvre dans la visionneuse"), "{status}");
    assert_pdf(&fiche, "AP-VELO");
    viewer.wait_opened(&fiche);

    // The assiduité report, from the Assiduité tab.
    go(&session, &format!("#/ateliers/{velo}/assiduite"));
    session.wait_for("#export-assiduity", 20);
    screenshot(&session, "documents-6-assiduite");
    assert_accessible(&session, "assiduité avec son PDF");
    assert_fits_laptop_screen(&session, "assiduité avec son PDF");
    let assiduity = out.path().join("assiduite-velo.pdf");
    export(&session, "#export-assiduity", "Enregistrer le rapport d’assiduité (PDF)", &assiduity);
    assert_pdf(&assiduity, "AP-VELO");
    viewer.wait_opened(&assiduity);

    // The charters to sign: every member who has not signed, and one person's.
    go(&session, &format!("#/ateliers/{velo}/charte"));
    session.wait_for("#export-charters", 20);
    assert_eq!(attribute(&session, "#export-charters", "aria-disabled"), None);
    let row = format!("#unsigned-table tr[data-person-id='{}']", first_unsigned.id);
    session.wait_for(&format!("{row} [data-ref='charter-one']"), 10);
    screenshot(&session, "documents-7-chartes");
    assert_accessible(&session, "charte avec ses PDF");
    assert_fits_laptop_screen(&session, "charte avec ses PDF");
    let charters = out.path().join("chartes-velo.pdf");
    export(&session, "#export-charters", "Enregistrer les chartes à signer (PDF)", &charters);
    assert_pdf(&charters, &first_unsigned.last_name);
    let one = out.path().join("charte-une-personne.pdf");
    let name = format!("{} {}", first_unsigned.last_name.to_uppercase(), first_unsigned.first_name);
    export(
        &session,
        &format!("{row} [data-ref='charter-one']"),
        &format!("Enregistrer la charte à signer de {name} (PDF)"),
        &one,
    );
    assert_pdf(&one, &first_unsigned.last_name);
    viewer.wait_opened(&one);

    // The calendar of the month shown.
    go(&session, "#/calendrier");
    session.wait_for("#export-calendar", 20);
    screenshot(&session, "documents-8-calendrier");
    assert_accessible(&session, "calendrier avec son PDF");
    assert_fits_laptop_screen(&session, "calendrier avec son PDF");
    let calendar = out.path().join("calendrier.pdf");
    export(&session, "#export-calendar", "Enregistrer le calendrier (PDF)", &calendar);
    let text = assert_pdf(&calendar, "Calendrier").split_whitespace().collect::<Vec<_>>().join(" ");
    // The month of the title, not the whole grid (which starts and ends in other months).
    let month = |day: ateliers::model::date::Date| day.format("%m").to_string();
    let mut first = today();
    while first.format("%d").to_string() != "01" {
        first = first.pred_opt().unwrap();
    }
    let mut last = today();
    while month(last.succ_opt().unwrap()) == month(today()) {
        last = last.succ_opt().unwrap();
    }
    let period =
        format!("Réunions du {} au {}", ateliers::fr::long_date(first), ateliers::fr::long_date(last));
    assert!(text.contains(&period), "« {period} » not in the calendar:\n{text}");
    viewer.wait_opened(&calendar);

    // The rows of the charter, with their second button, at the window's default size.
    session.set_window_size(1280, 720);
    go(&session, &format!("#/ateliers/{velo}/charte"));
    session.wait_for(&format!("{row} [data-ref='charter-one']"), 20);
    assert_fits_laptop_screen(&session, "charte avec ses PDF en 1280 × 720");
    session.close();
}
