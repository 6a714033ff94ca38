//! Invitations, calendars, e-mail drafts and the shared calendar, checked by readers that
//! are not ours: Python's `icalendar` and `vobject` (validating), ical.js (Thunderbird's
//! parser, with the file's own VTIMEZONE), libical's RFC 5546 restriction table, Python's
//! `email` for the drafts, and a real Radicale CalDAV server read back with Python's
//! `caldav`. The RFC 5545 rules no parser catches (line length, CRLF, escaping) are
//! asserted here too.
//!
//! The readers are installed by `scripts/checkers.sh` into `target/checkers/` (the test
//! command runs it); a missing one fails the test and says so.

mod support;

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use ateliers::clock::DEFAULT_ZONE;
use ateliers::ical::{self, Scope};
use ateliers::mail;
use ateliers::model::agenda::AgendaItemInput;
use ateliers::model::atelier::AtelierInput;
use ateliers::model::meeting::MeetingInput;
use ateliers::model::membership::MembershipInput;
use ateliers::model::person::PersonInput;
use ateliers::store::Store;
use ateliers_testkit::repo;
use ateliers_testkit::servers::{python, Radicale, SecretService};
use serde_json::Value;
use support::{demo_store, store_in, today};

// ---------------------------------------------------------------------------------------
// The independent readers
// ---------------------------------------------------------------------------------------

fn checkers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/checkers")
}

/// Runs a checker and returns its JSON; a failure fails the test with what it said.
fn checked(program: &Path, args: &[&Path]) -> Value {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("« {} » n'a pas pu être lancé ({e}) : lancez scripts/checkers.sh", program.display())
    });
    assert!(
        output.status.success(),
        "« {} {:?} » refuse le fichier :\n{}{}",
        program.display(),
        args,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if output.stdout.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(&output.stdout).expect("the checker writes JSON")
}

/// The file read by Python's icalendar + vobject and by ical.js (which must agree on every
/// event), and passed by libical's RFC 5546 check. Returns the Python reading.
fn read_by_everyone(file: &Path) -> Value {
    let by_python = checked(&python(), &[&repo().join("tests/checkers/ics_python.py"), file]);
    let by_icaljs = checked(Path::new("node"), &[&repo().join("tests/checkers/ics_icaljs.mjs"), file]);
    assert_eq!(by_python["method"], by_icaljs["method"]);
    assert_eq!(
        by_python["events"], by_icaljs["events"],
        "icalendar/vobject and ical.js read the same events"
    );
    checked(&checkers().join("libical-check"), &[file]);
    // And the `ical` crate, through our import.
    let span = ical::import::Span::around(today());
    let ours = ical::import::read(&std::fs::read(file).unwrap(), "x", DEFAULT_ZONE, span)
        .expect("the ical crate reads it");
    // The import leaves cancelled events out.
    let events: Vec<&Value> =
        by_python["events"].as_array().unwrap().iter().filter(|e| e["status"] != "CANCELLED").collect();
    assert_eq!(ours.events.len(), events.len());
    for (mine, theirs) in ours.events.iter().zip(events) {
        assert_eq!(mine.summary, theirs["summary"].as_str().unwrap());
        assert_eq!(
            mine.start_utc.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            theirs["start_utc"].as_str().unwrap()
        );
    }
    by_python
}

/// What no parser checks: CRLF only, lines of at most 75 octets each valid UTF-8 on its
/// own, folds starting with one space.
fn assert_rfc5545_lines(bytes: &[u8]) {
    assert!(bytes.ends_with(b"\r\n"));
    assert!(!bytes.starts_with(&[0xef, 0xbb, 0xbf]), "no BOM");
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        assert_eq!(line.last(), Some(&b'\r'), "line {i} ends with CRLF, not a bare LF");
        let line = &line[..line.len() - 1];
        assert!(!line.contains(&b'\r'), "no bare CR in line {i}");
        assert!(line.len() <= 75, "line {i} is {} octets", line.len());
        std::str::from_utf8(line).unwrap_or_else(|_| panic!("line {i} cuts a UTF-8 character"));
    }
}

fn event(reading: &Value) -> &Value {
    let events = reading["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "one event");
    &events[0]
}

// ---------------------------------------------------------------------------------------
// Bases
// ---------------------------------------------------------------------------------------

/// A coming meeting of the demo with convoked people who have an address.
fn coming_meeting(store: &Store) -> ateliers::model::meeting::MeetingSummary {
    store
        .list_meetings()
        .unwrap()
        .into_iter()
        .filter(|m| m.status.is_active() && m.start_local().date() > today())
        .find(|m| store.convocations(m.id).unwrap().rows.iter().any(|r| !r.email.is_empty()))
        .expect("a coming meeting with people to invite")
}

const TITLE: &str = "Diagnostic « partagé » ; avec virgules, barre \\ oblique et l’apostrophe";

fn long_title() -> String {
    let mut title: Vec<char> = TITLE.chars().chain(" — « ; , \\ »".chars().cycle()).take(300).collect();
    // The store trims what is typed: no space at the end.
    if title[299] == ' ' {
        title[299] = '»';
    }
    title.into_iter().collect()
}

/// An atelier « ADV » with three members (one without an address) and a meeting on
/// `date` at `start`, whose texts hold every separator of iCalendar.
fn adversarial(store: &mut Store, date: &str, start: &str, end: &str) -> i64 {
    let atelier = store
        .create_atelier(AtelierInput {
            code: "ADV".into(),
            title: "Mobilités « douces » ; vélo, marche \\ et trottinette".into(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            ..AtelierInput::default()
        })
        .unwrap()
        .id;
    for (first, last, email) in [
        ("Hélène", "Dupont, dite « Léna »", "helene.dupont@example.org"),
        ("Œdipe", "Ærøskøbing-Müller", "oedipe@example.org"),
        ("Sans", "Adresse", ""),
    ] {
        store
            .add_new_member(
                atelier,
                PersonInput {
                    civility: "Mme".into(),
                    first_name: first.into(),
                    last_name: last.into(),
                    email: email.into(),
                    ..Default::default()
                },
                MembershipInput {
                    category: "elu_communautaire".into(),
                    joined_on: "01/01/2026".into(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let meeting = store
        .create_meeting(
            MeetingInput {
                atelier_id: atelier,
                session_number: "1".into(),
                title: long_title(),
                date: date.into(),
                start_time: start.into(),
                end_time: end.into(),
                place: "Salle « Œ » ; sous-sol, porte \\ 12".into(),
                address: "2 rue de l’Œuvre-Notre-Dame\n68100 Mulhouse".into(),
                video_link: "https://visio.example.org/salle?id=1;a=b,c".into(),
                ..Default::default()
            },
            true,
        )
        .unwrap();
    store
        .save_agenda(
            meeting.id,
            vec![AgendaItemInput {
                title: "Point « 1 » ; budget, 1 250 € \\ arbitrages".into(),
                kind: "information".into(),
                presenter_note: "Bureau d’études, « Alpha »".into(),
                ..Default::default()
            }],
        )
        .unwrap();
    meeting.id
}

/// Moves meeting `id` to another day and time (its SEQUENCE rises), everything else kept.
fn move_meeting(store: &mut Store, id: i64, date: &str, start: &str, end: &str) {
    let m = store.meeting(id).unwrap();
    let input = MeetingInput {
        atelier_id: m.atelier_id,
        session_number: m.session_number.map(|n| n.to_string()).unwrap_or_default(),
        kind: m.kind.as_str().into(),
        title: m.title.clone(),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        place: m.place.clone(),
        address: m.address.clone(),
        video_link: m.video_link.clone(),
        ..Default::default()
    };
    store.update_meeting(id, input, true).unwrap();
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    ical::write_file(text, &dir.join(name)).unwrap()
}

// ---------------------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------------------

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn an_invitation_is_read_alike_by_every_independent_parser() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let meeting = coming_meeting(&store);
    let text = ical::invitation(&store, meeting.id).unwrap();
    assert_rfc5545_lines(text.as_bytes());
    let reading = read_by_everyone(&write(dir.path(), "invitation.ics", &text));
    assert_eq!(reading["method"], "REQUEST");
    assert_eq!(reading["timezones"], serde_json::json!(["Europe/Paris"]));
    let e = event(&reading);
    assert_eq!(e["uid"], meeting.ical_uid.as_str());
    assert_eq!(e["sequence"], meeting.ical_sequence);
    assert_eq!(e["status"], "CONFIRMED");
    assert_eq!(e["tzid"], "Europe/Paris");
    assert_eq!(e["start_utc"], meeting.start_utc.as_str());
    assert_eq!(e["end_utc"], meeting.end_utc.as_str());
    let settings = store.settings().unwrap().data;
    assert_eq!(e["organizer"], format!("mailto:{}", settings.organizer_email));
    assert_eq!(e["organizer_cn"], settings.org_name.as_str());
    let rows = store.convocations(meeting.id).unwrap().rows;
    let expected: BTreeSet<String> =
        rows.iter().filter(|r| !r.email.is_empty()).map(|r| r.email.clone()).collect();
    let attendees = e["attendees"].as_array().unwrap();
    let found: BTreeSet<String> =
        attendees.iter().map(|a| a["email"].as_str().unwrap().to_string()).collect();
    assert_eq!(found, expected, "one ATTENDEE per convoked person with an e-mail");
    for attendee in attendees {
        let row = rows.iter().find(|r| r.email == attendee["email"]).unwrap();
        assert_eq!(attendee["cn"], row.name.as_str());
        assert_eq!(attendee["role"], if row.guest { "OPT-PARTICIPANT" } else { "REQ-PARTICIPANT" });
        assert_eq!(attendee["partstat"], "NEEDS-ACTION");
        assert_eq!(attendee["rsvp"], "TRUE");
    }
    let agenda = store.agenda(meeting.id).unwrap();
    let description = e["description"].as_str().unwrap();
    for item in &agenda.items {
        assert!(
            description.contains(item.title.trim()),
            "the ordre du jour is in DESCRIPTION: {description}"
        );
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn adversarial_text_survives_byte_exact_and_every_line_follows_rfc_5545() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let id = adversarial(&mut store, "2027-02-09", "18:00", "20:00");
    let text = ical::invitation(&store, id).unwrap();
    assert_rfc5545_lines(text.as_bytes());
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("porte \\\\ 12") && unfolded.contains("sous-sol\\,"), "`\\` and `,` escaped");
    assert!(unfolded.contains("« Œ » \\; sous-sol"), "`;` escaped");
    assert!(unfolded.contains("CN=\"Mme Hélène Dupont, dite « Léna »\""), "a CN with a comma is quoted");

    let reading = read_by_everyone(&write(dir.path(), "adverse.ics", &text));
    let e = event(&reading);
    assert_eq!(e["summary"], format!("ADV — Séance n°\u{a0}1\u{a0}: {}", long_title()));
    assert_eq!(long_title().chars().count(), 300);
    assert_eq!(
        e["location"],
        "Salle « Œ » ; sous-sol, porte \\ 12, 2 rue de l’Œuvre-Notre-Dame, 68100 Mulhouse"
    );
    let description = e["description"].as_str().unwrap();
    assert!(description
        .starts_with("Atelier-projet ADV — Mobilités « douces » ; vélo, marche \\ et trottinette\n"));
    assert!(
        description.contains("\nÀ distance\u{a0}: https://visio.example.org/salle?id=1;a=b,c\n"),
        "{description}"
    );
    assert!(
        description.contains("\n1. Point « 1 » ; budget, 1 250 € \\ arbitrages (Bureau d’études, « Alpha »)")
    );
    let attendees = e["attendees"].as_array().unwrap();
    assert_eq!(attendees.len(), 2, "the member without an address is not an ATTENDEE");
    assert!(attendees.iter().any(|a| a["cn"] == "Mme Hélène Dupont, dite « Léna »"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn meetings_across_the_clock_changes_have_the_right_utc_instants() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    // 31 October 2027 is the day the clocks go back (03:00 → 02:00): 09:00 is UTC+1.
    let after = adversarial(&mut store, "2027-10-31", "09:00", "11:00");
    let atelier = store.meeting(after).unwrap().atelier_id;
    let plan = |store: &mut Store, date: &str, number: &str| {
        store
            .create_meeting(
                MeetingInput {
                    atelier_id: atelier,
                    session_number: number.into(),
                    date: date.into(),
                    start_time: "09:00".into(),
                    end_time: "11:00".into(),
                    place: "Salle 2".into(),
                    ..Default::default()
                },
                true,
            )
            .unwrap()
            .id
    };
    let before = plan(&mut store, "2027-10-30", "2");
    let spring = plan(&mut store, "2027-03-28", "3");
    let text = ical::calendar(&store, Scope::Atelier(atelier)).unwrap();
    assert_rfc5545_lines(text.as_bytes());
    let reading = read_by_everyone(&write(dir.path(), "atelier.ics", &text));
    assert_eq!(reading["method"], "PUBLISH");
    let start_of = |id: i64| {
        let uid = store.meeting(id).unwrap().ical_uid;
        reading["events"].as_array().unwrap().iter().find(|e| e["uid"] == uid.as_str()).unwrap()["start_utc"]
            .clone()
    };
    assert_eq!(start_of(before), "2027-10-30T07:00:00Z");
    assert_eq!(start_of(after), "2027-10-31T08:00:00Z");
    assert_eq!(start_of(spring), "2027-03-28T07:00:00Z");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn a_move_raises_the_sequence_and_a_cancellation_cancels_the_same_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let id = adversarial(&mut store, "2027-02-09", "18:00", "20:00");
    let first =
        event(&read_by_everyone(&write(dir.path(), "1.ics", &ical::invitation(&store, id).unwrap()))).clone();
    assert_eq!(
        ical::cancellation(&store, id).unwrap_err().code(),
        "refused",
        "a meeting that takes place is not cancelled"
    );
    move_meeting(&mut store, id, "2027-02-10", "17:30", "19:30");
    let moved =
        event(&read_by_everyone(&write(dir.path(), "2.ics", &ical::invitation(&store, id).unwrap()))).clone();
    assert_eq!(moved["uid"], first["uid"]);
    assert!(moved["sequence"].as_i64() > first["sequence"].as_i64(), "{moved} after {first}");
    assert_eq!(moved["start_utc"], "2027-02-10T16:30:00Z");

    store.cancel_meeting(id).unwrap();
    assert_eq!(ical::invitation(&store, id).unwrap_err().code(), "refused");
    let reading = read_by_everyone(&write(dir.path(), "3.ics", &ical::cancellation(&store, id).unwrap()));
    assert_eq!(reading["method"], "CANCEL");
    let cancelled = event(&reading);
    assert_eq!(cancelled["uid"], first["uid"]);
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled["sequence"].as_i64() > moved["sequence"].as_i64());
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn published_calendars_leave_cancelled_meetings_out_and_invite_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let cancelled = coming_meeting(&store);
    store.cancel_meeting(cancelled.id).unwrap();
    let text = ical::calendar(&store, Scope::All).unwrap();
    assert_rfc5545_lines(text.as_bytes());
    assert!(!text.contains("ATTENDEE"), "RFC 5546: PUBLISH has no ATTENDEE");
    let reading = read_by_everyone(&write(dir.path(), "tous.ics", &text));
    let uids: BTreeSet<String> = reading["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect();
    let active: BTreeSet<String> = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .filter(|m| m.status.is_active())
        .map(|m| m.ical_uid)
        .collect();
    assert_eq!(uids, active);
    assert!(!uids.contains(&cancelled.ical_uid));
    assert!(reading["events"].as_array().unwrap().iter().all(|e| e["organizer"].as_str().is_some()));
    // One atelier's calendar holds that atelier's meetings only.
    let one = read_by_everyone(&write(
        dir.path(),
        "un.ics",
        &ical::calendar(&store, Scope::Atelier(cancelled.atelier_id)).unwrap(),
    ));
    let count =
        store.atelier_meetings(cancelled.atelier_id).unwrap().iter().filter(|m| m.status.is_active()).count();
    assert_eq!(one["events"].as_array().unwrap().len(), count);
}

#[test]
fn an_imported_calendar_is_flagged_where_it_overlaps_and_reimported_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let meeting = coming_meeting(&store);
    let start = meeting.start_utc.replace(['-', ':'], "");
    let file = dir.path().join("region.ics");
    let calendar = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Région//Agenda//FR\r\nX-WR-CALNAME:Agenda de la Région\r\n\
         BEGIN:VEVENT\r\nUID:commission-1@region\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDURATION:PT1H\r\n\
         SUMMARY:Commission « transports »\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    std::fs::write(&file, &calendar).unwrap();
    let imported = ical::import_file(&mut store, &file).unwrap();
    assert_eq!((imported.name.as_str(), imported.added), ("Agenda de la Région", 1));
    let overlaps: Vec<_> =
        store.check(today()).unwrap().into_iter().filter(|f| f.rule == "meeting.external_overlap").collect();
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    let message = overlaps[0].message.replace('\u{a0}', " ");
    assert!(
        message.contains("« Commission « transports » » du calendrier « Agenda de la Région »"),
        "{message}"
    );
    let again = ical::import_file(&mut store, &file).unwrap();
    assert_eq!((again.added, again.updated, again.removed), (0, 1, 0));
    assert_eq!(store.external_calendars().unwrap().len(), 1);
    assert_eq!(store.external_calendars().unwrap()[0].events, 1, "re-importing never duplicates");

    // Our own calendar, read back through the same import.
    let ours = write(dir.path(), "nos-ateliers.ics", &ical::calendar(&store, Scope::All).unwrap());
    let back = ical::import_file(&mut store, &ours).unwrap();
    assert_eq!(back.added, store.list_meetings().unwrap().iter().filter(|m| m.status.is_active()).count());

    let not_a_calendar = dir.path().join("membres.csv");
    std::fs::write(&not_a_calendar, "nom;prénom\nDupont;Hélène\n").unwrap();
    let error = ical::import_file(&mut store, &not_a_calendar).unwrap_err();
    assert_eq!(error.code(), "not_a_calendar");
    assert!(error.to_string().contains("n'est pas un calendrier lisible"), "{error}");
}

// ---------------------------------------------------------------------------------------
// E-mail drafts
// ---------------------------------------------------------------------------------------

/// Repeating events as Outlook and Thunderbird write them: a weekly one across the spring
/// clock change with an EXDATE, a moved and a cancelled occurrence; a monthly « second
/// Tuesday » with UNTIL; a daily one begun long ago and never ending; a whole-day yearly
/// one; and a single event.
const REPEATING: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Département//Agenda//FR\r\n\
    X-WR-CALNAME:Agenda du Département\r\n\
    BEGIN:VEVENT\r\nUID:conseil@dep\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Conseil hebdomadaire\r\n\
    DTSTART;TZID=Europe/Paris:20270316T180000\r\nDTEND;TZID=Europe/Paris:20270316T200000\r\n\
    RRULE:FREQ=WEEKLY;COUNT=8\r\nEXDATE;TZID=Europe/Paris:20270323T180000\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:conseil@dep\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Paris:20270330T180000\r\n\
    SUMMARY:Conseil déplacé\r\nDTSTART;TZID=Europe/Paris:20270331T180000\r\nDTEND;TZID=Europe/Paris:20270331T200000\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:conseil@dep\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Paris:20270406T180000\r\n\
    STATUS:CANCELLED\r\nSUMMARY:Conseil hebdomadaire\r\nDTSTART;TZID=Europe/Paris:20270406T180000\r\n\
    DTEND;TZID=Europe/Paris:20270406T200000\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:bureau@dep\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Bureau du deuxième mardi\r\n\
    DTSTART;TZID=Europe/Paris:20270112T093000\r\nDTEND;TZID=Europe/Paris:20270112T113000\r\n\
    RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20280101T000000Z\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:point@dep\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Point du matin\r\n\
    DTSTART:20100104T080000Z\r\nDTEND:20100104T081500Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:fete@dep\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Fête nationale\r\n\
    DTSTART;VALUE=DATE:20200714\r\nDTEND;VALUE=DATE:20200715\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:seul@dep\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Séance unique\r\n\
    DTSTART:20270201T090000Z\r\nDTEND:20270201T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn repeating_events_are_imported_at_the_dates_an_independent_expander_gives() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path());
    let file = write(dir.path(), "departement.ics", REPEATING);
    let imported = ical::import_file(&mut store, &file).unwrap();
    assert_eq!((imported.repeating, imported.first_date_only), (4, 0));

    // The span of dates kept: from a year before today (25 November 2026) to three after.
    let (from, to) = ("2025-11-25T00:00:00Z", "2029-11-25T00:00:00Z");
    let mut ours: Vec<(String, String, String)> = store
        .external_events_between(from, to)
        .unwrap()
        .into_iter()
        .map(|e| (e.start_utc, e.summary, e.end_utc))
        .collect();
    ours.sort();
    let expanded = checked(
        &python(),
        &[&repo().join("tests/checkers/ics_occurrences.py"), &file, Path::new(from), Path::new(to)],
    );
    let mut theirs: Vec<(String, String, String)> = expanded["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["start_utc"].as_str().unwrap().into(),
                o["summary"].as_str().unwrap().into(),
                o["end_utc"].as_str().unwrap().into(),
            )
        })
        .collect();
    theirs.sort();
    assert_eq!(ours.len(), theirs.len(), "as many dates as recurring-ical-events gives");
    assert_eq!(ours, theirs, "the same dates as recurring-ical-events");
    assert_eq!(imported.added, ours.len());
    // Spot checks: summer time shifts the UTC hour, the exceptions are applied.
    let starts = |summary: &str| -> Vec<&str> {
        ours.iter().filter(|o| o.1 == summary).map(|o| o.0.as_str()).collect()
    };
    assert_eq!(
        starts("Conseil hebdomadaire"),
        [
            "2027-03-16T17:00:00Z",
            "2027-04-13T16:00:00Z",
            "2027-04-20T16:00:00Z",
            "2027-04-27T16:00:00Z",
            "2027-05-04T16:00:00Z"
        ]
    );
    assert_eq!(starts("Conseil déplacé"), ["2027-03-31T16:00:00Z"]);
    assert_eq!(starts("Bureau du deuxième mardi").len(), 12);
    assert_eq!(
        starts("Fête nationale"),
        ["2026-07-13T22:00:00Z", "2027-07-13T22:00:00Z", "2028-07-13T22:00:00Z", "2029-07-13T22:00:00Z"]
    );

    // Imported again: every date matched by its UID and occurrence, none duplicated.
    let again = ical::import_file(&mut store, &file).unwrap();
    assert_eq!((again.added, again.updated, again.removed), (0, ours.len(), 0));

    // A meeting at the time of a later occurrence (not the first) is flagged.
    let meeting = adversarial(&mut store, "2027-04-20", "18:30", "19:30");
    let overlaps: Vec<_> =
        store.check(today()).unwrap().into_iter().filter(|f| f.rule == "meeting.external_overlap").collect();
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    assert!(overlaps[0].message.contains("Conseil hebdomadaire"), "{}", overlaps[0].message);
    assert_eq!(overlaps[0].meeting, Some(meeting));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn email_drafts_have_the_shape_mail_clients_take_and_mark_the_convocations_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let id = adversarial(&mut store, "2027-02-09", "18:00", "20:00");
    let folder = dir.path().join("brouillons");
    let written = mail::write_drafts(&mut store, id, &folder, &mut |_, _| {}).unwrap();
    assert_eq!(written.files.len(), 2);
    assert_eq!(written.paper, ["Mme Sans Adresse"], "the person without an address is listed for the post");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing else in the folder: {names:?}");

    let draft = written.files.iter().find(|f| f.to_string_lossy().contains("Dupont")).unwrap();
    let mail = checked(&python(), &[&repo().join("tests/checkers/eml_python.py"), draft]);
    assert_eq!(mail["to"], serde_json::json!(["helene.dupont@example.org"]));
    assert_eq!(mail["from"], store.settings().unwrap().data.organizer_email.as_str());
    assert_eq!(mail["x_unsent"], "1");
    assert_eq!(
        mail["structure"],
        serde_json::json!([
            "multipart/mixed",
            ["multipart/alternative", "text/plain", "text/calendar"],
            "application/pdf",
            "text/calendar"
        ])
    );
    assert_eq!(mail["calendar_method"], "REQUEST");
    let subject = mail["subject"].as_str().unwrap();
    assert!(
        subject.starts_with("Convocation à la séance n° 1 de l’atelier-projet « Mobilités « douces »"),
        "{subject}"
    );
    let text = mail["text"].as_str().unwrap().replace("\r\n", "\n").replace('\u{a0}', " ");
    assert!(text.starts_with("Madame,\n"));
    assert!(text.contains("Date : mardi 9 février 2027 de 18 h 00 à 20 h 00\n"), "{text}");
    assert!(text.contains("Salle « Œ »"), "{text}");
    assert!(text.contains("1. Point « 1 »"), "{text}");
    let attachments = mail["attachments"].as_array().unwrap();
    assert_eq!(attachments[0]["content_type"], "application/pdf");
    assert!(attachments[0]["filename"].as_str().unwrap().ends_with(".pdf"));
    assert!(attachments[0]["size"].as_i64().unwrap() > 10_000);
    assert_eq!(attachments[1]["filename"], "invitation.ics");
    // The inline invitation, CRLF kept, is one every reader takes.
    let calendar = mail["calendar"].as_str().unwrap();
    assert_rfc5545_lines(calendar.as_bytes());
    let reading = read_by_everyone(&write(dir.path(), "inline.ics", calendar));
    assert_eq!(reading["method"], "REQUEST");
    assert_eq!(event(&reading)["uid"], store.meeting(id).unwrap().ical_uid.as_str());

    // Recorded as sent by e-mail for this version; a move makes them « à reconvoquer ».
    let convocations = store.convocations(id).unwrap();
    let sent: Vec<_> = convocations.rows.iter().filter(|r| r.sent_at.is_some()).collect();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| r.channel.map(|c| c.as_str()) == Some("courriel")));
    assert!(sent.iter().all(|r| r.sent_sequence == Some(store.meeting(id).unwrap().ical_sequence)));
    move_meeting(&mut store, id, "2027-02-16", "18:00", "20:00");
    assert_eq!(store.convocations(id).unwrap().outdated, 2, "the drafts sent are now outdated");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn the_grouped_draft_goes_to_the_organiser_with_every_address_in_bcc_and_the_meeting_s_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let id = adversarial(&mut store, "2027-02-09", "18:00", "20:00");
    let note = dir.path().join("Note de cadrage « vélo ».txt");
    std::fs::write(&note, "Note de cadrage\r\n").unwrap();
    store.attach_meeting_document(id, &note).unwrap();
    let file = dir.path().join("brouillon groupé.eml");
    let draft = mail::write_grouped_draft(&mut store, id, &file).unwrap();
    assert_eq!(draft.addresses, ["helene.dupont@example.org", "oedipe@example.org"]);
    assert_eq!(draft.paper, ["Mme Sans Adresse"]);

    let mail = checked(&python(), &[&repo().join("tests/checkers/eml_python.py"), &file]);
    let organiser = store.settings().unwrap().data.organizer_email;
    assert_eq!(mail["from"], organiser.as_str());
    assert_eq!(mail["to"], serde_json::json!([organiser]));
    assert_eq!(mail["bcc"], serde_json::json!(["helene.dupont@example.org", "oedipe@example.org"]));
    assert_eq!(mail["x_unsent"], "1");
    assert_eq!(
        mail["structure"],
        serde_json::json!([
            "multipart/mixed",
            ["multipart/alternative", "text/plain", "text/calendar"],
            "application/pdf",
            "text/plain",
            "text/calendar"
        ])
    );
    assert_eq!(mail["calendar_method"], "REQUEST");
    let text = mail["text"].as_str().unwrap().replace("\r\n", "\n").replace('\u{a0}', " ");
    assert!(text.starts_with("Madame, Monsieur,\n"), "{text}");
    assert!(
        text.contains("ci-joint l’ordre du jour (PDF), les documents de la réunion et l’invitation"),
        "{text}"
    );
    let attachments = mail["attachments"].as_array().unwrap();
    let agenda = attachments[0]["filename"].as_str().unwrap();
    assert!(agenda.starts_with("Ordre du jour ADV") && agenda.ends_with(".pdf"), "{agenda}");
    assert!(attachments[0]["size"].as_i64().unwrap() > 5_000);
    assert_eq!(attachments[1]["filename"], "Note de cadrage « vélo ».txt");
    assert_eq!(attachments[1]["size"], 17);
    assert_eq!(attachments[2]["filename"], "invitation.ics");
    let reading = read_by_everyone(&write(dir.path(), "grouped.ics", mail["calendar"].as_str().unwrap()));
    assert_eq!(event(&reading)["uid"], store.meeting(id).unwrap().ical_uid.as_str());

    let sent = store.convocations(id).unwrap().rows.into_iter().filter(|r| r.sent_at.is_some()).count();
    assert_eq!(sent, 2, "those in Bcc are recorded as convoked by e-mail");
}

#[test]
fn a_grouped_draft_with_nobody_to_write_to_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let id = adversarial(&mut store, "2027-02-09", "18:00", "20:00");
    for email in ["helene.dupont@example.org", "oedipe@example.org"] {
        let person = store.list_people().unwrap().into_iter().find(|p| p.email == email).unwrap();
        let without_address = PersonInput {
            civility: "Mme".into(),
            first_name: person.first_name.clone(),
            last_name: person.last_name.clone(),
            ..Default::default()
        };
        store.update_person(person.id, without_address).unwrap();
    }
    let err = mail::write_grouped_draft(&mut store, id, &dir.path().join("x.eml")).unwrap_err();
    assert!(err.to_string().contains("n'a d'adresse e-mail"), "{err}");
    assert!(!dir.path().join("x.eml").exists());
}

#[test]
#[cfg_attr(
    windows,
    ignore = "reads the files back with the independent checkers (Python, Node.js, libical) installed on Linux: run on Linux"
)]
fn a_diffused_releve_goes_to_the_convoked_people_in_one_draft_and_its_recipients_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let diffused = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| store.releve(m.id).unwrap().is_some_and(|r| !r.editable))
        .expect("the demonstration has a diffused relevé");
    let file = dir.path().join("relevé.eml");
    let draft = mail::write_releve_draft(&mut store, diffused.id, &file).unwrap();
    let with_address: Vec<String> = store
        .convocations(diffused.id)
        .unwrap()
        .rows
        .into_iter()
        .filter(|r| !r.email.is_empty())
        .map(|r| r.email)
        .collect();
    assert_eq!(draft.addresses, with_address);

    let mail = checked(&python(), &[&repo().join("tests/checkers/eml_python.py"), &file]);
    let organiser = store.settings().unwrap().data.organizer_email;
    assert_eq!(mail["to"], serde_json::json!([organiser]));
    assert_eq!(mail["bcc"], serde_json::json!(with_address));
    assert_eq!(mail["structure"], serde_json::json!(["multipart/mixed", "text/plain", "application/pdf"]));
    let subject = mail["subject"].as_str().unwrap();
    assert!(subject.starts_with("Relevé de décisions de la séance"), "{subject}");
    let attachment = &mail["attachments"][0];
    assert!(attachment["filename"].as_str().unwrap().starts_with("Relevé de décisions"), "{attachment}");
    assert!(attachment["size"].as_i64().unwrap() > 5_000);

    let releve = store.releve(diffused.id).unwrap().unwrap();
    let last = releve.versions.last().unwrap();
    let kept: Vec<&str> = last.sent_to.iter().map(|r| r.email.as_str()).collect();
    assert_eq!(kept, with_address, "who it went to, kept with the diffused version");
    assert_eq!(draft.version, last.version);

    // The person erased at their request leaves the list without name nor address.
    let erased = last.sent_to[0].person_id.unwrap();
    store.erase_person(erased).unwrap();
    let after = store.releve(diffused.id).unwrap().unwrap();
    let first = &after.versions.last().unwrap().sent_to[0];
    assert!(first.name.starts_with("Personne effacée"), "{}", first.name);
    assert_eq!(first.email, "");

    let draft_meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| store.releve(m.id).unwrap().is_some_and(|r| r.editable))
        .expect("a relevé still in draft");
    let err =
        mail::write_releve_draft(&mut store, draft_meeting.id, &dir.path().join("non.eml")).unwrap_err();
    assert!(err.to_string().contains("diffusez-le"), "{err}");
}

// ---------------------------------------------------------------------------------------
// The shared calendar on a real CalDAV server
// ---------------------------------------------------------------------------------------

const USER: &str = "secretariat";
const PASSWORD: &str = "mot de passe « sûr »";

fn publish(db: &Path, args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ateliers"))
        .arg("--db")
        .arg(db)
        .args(["publish", "caldav"])
        .args(args)
        .env("ATELIERS_CALDAV_PASSWORD", password)
        .output()
        .unwrap()
}

/// A demonstration base in `dir`, and its meetings that a publication sends.
fn demo_to_publish(dir: &Path) -> (PathBuf, Vec<ateliers::model::meeting::MeetingSummary>) {
    let store = demo_store(dir);
    let active = store.list_meetings().unwrap().into_iter().filter(|m| m.status.is_active()).collect();
    (dir.join("ateliers.sqlite3"), active)
}

fn last_line(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).lines().last().unwrap_or("").to_string()
}

#[test]
#[cfg_attr(
    windows,
    ignore = "talks to a Radicale server and a Secret Service started on Linux: run on Linux"
)]
fn publishing_sends_what_changed_to_a_real_caldav_server() {
    let server = Radicale::start(USER, PASSWORD);
    let dir = tempfile::tempdir().unwrap();
    let (db, active) = demo_to_publish(dir.path());
    let n = active.len();
    let url = server.url();

    let dry = publish(&db, &["--url", &url, "--user", USER, "--dry-run"], PASSWORD);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert_eq!(last_line(&dry), format!("sent: {n}, removed: 0, unchanged: 0"));
    assert!(server.events().is_empty(), "a dry run sends nothing");

    let first = publish(&db, &[], PASSWORD);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(
        last_line(&first),
        format!("sent: {n}, removed: 0, unchanged: 0"),
        "--url and --user were kept"
    );
    let on_server = server.events();
    let uids: BTreeSet<&str> = on_server.iter().map(|e| e["uid"].as_str().unwrap()).collect();
    assert_eq!(uids, active.iter().map(|m| m.ical_uid.as_str()).collect());
    for meeting in &active {
        let object = on_server.iter().find(|e| e["uid"] == meeting.ical_uid.as_str()).unwrap();
        assert_eq!(object["start_utc"], meeting.start_utc.as_str());
        assert!(object["href"].as_str().unwrap().ends_with(&format!("{}.ics", meeting.ical_uid)));
    }
    assert_eq!(last_line(&publish(&db, &[], PASSWORD)), format!("sent: 0, removed: 0, unchanged: {n}"));

    // A move is sent again with its new SEQUENCE; a cancellation is removed.
    let (moved, cancelled) = (active[active.len() - 1].clone(), active[active.len() - 2].clone());
    {
        let mut store = store_in(dir.path());
        move_meeting(&mut store, moved.id, "2027-03-02", "10:00", "12:00");
        store.cancel_meeting(cancelled.id).unwrap();
    }
    assert_eq!(last_line(&publish(&db, &[], PASSWORD)), format!("sent: 1, removed: 1, unchanged: {}", n - 2));
    let on_server = server.events();
    assert_eq!(on_server.len(), n - 1);
    let object = on_server.iter().find(|e| e["uid"] == moved.ical_uid.as_str()).unwrap();
    assert_eq!(object["start_utc"], "2027-03-02T09:00:00Z");
    assert!(object["sequence"].as_i64() > Some(moved.ical_sequence));
    assert!(!on_server.iter().any(|e| e["uid"] == cancelled.ical_uid.as_str()));
    assert_eq!(last_line(&publish(&db, &[], PASSWORD)), format!("sent: 0, removed: 0, unchanged: {}", n - 1));

    // Someone changes an object on the server: our next change of it is not forced over theirs.
    let theirs = &active[0];
    let href = format!("{url}{}.ics", theirs.ical_uid);
    let their_text = ical::caldav_objects(&store_in(dir.path())).unwrap()[&theirs.ical_uid]
        .text
        .replace("SUMMARY:", "SUMMARY:Modifié par un collègue — ");
    let credentials = base64_credentials();
    ureq::put(&href)
        .set("Authorization", &credentials)
        .set("Content-Type", "text/calendar; charset=utf-8")
        .send_string(&their_text)
        .expect("a colleague's change");
    {
        let mut store = store_in(dir.path());
        let agenda = vec![AgendaItemInput {
            title: "Point ajouté".into(),
            kind: "information".into(),
            ..Default::default()
        }];
        store.save_agenda(theirs.id, agenda).unwrap();
    }
    let conflict = publish(&db, &[], PASSWORD);
    assert_eq!(conflict.status.code(), Some(3), "a conflict is exit 3");
    assert_eq!(last_line(&conflict), format!("sent: 0, removed: 0, unchanged: {}", n - 2));
    assert!(String::from_utf8_lossy(&conflict.stderr).contains("modifiée sur le serveur par quelqu"));
    let kept = server.events().into_iter().find(|e| e["uid"] == theirs.ical_uid.as_str()).unwrap();
    assert!(kept["summary"].as_str().unwrap().starts_with("Modifié par un collègue"), "their change is kept");

    // A refused password and an unreachable server are said in French; nothing recorded.
    let refused = publish(&db, &[], "faux");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("a refusé l’identifiant ou le mot de passe"));
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let unreachable =
        publish(&db, &["--url", &format!("http://127.0.0.1:{closed}/{USER}/ateliers/")], PASSWORD);
    assert_eq!(unreachable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unreachable.stderr).contains("est injoignable"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "talks to a Radicale server and a Secret Service started on Linux: run on Linux"
)]
fn without_the_variable_the_password_comes_from_the_systems_credential_store() {
    let server = Radicale::start(USER, PASSWORD);
    let keyring = SecretService::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    let n =
        demo_store(dir.path()).list_meetings().unwrap().into_iter().filter(|m| m.status.is_active()).count();
    let url = server.url();
    let publish_from_keyring = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ateliers"))
            .arg("--db")
            .arg(&db)
            .args(["publish", "caldav"])
            .args(args)
            .env_remove("ATELIERS_CALDAV_PASSWORD")
            .env("DBUS_SESSION_BUS_ADDRESS", keyring.address())
            .output()
            .unwrap()
    };

    // Nothing in the store yet: said in French, nothing sent.
    let missing = publish_from_keyring(&["--url", &url, "--user", USER]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("Aucun mot de passe n’est enregistré"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
    assert!(server.events().is_empty());

    // Kept by another program of the desktop (libsecret's secret-tool) under the service and
    // the account Ateliers uses: the CLI finds it there.
    let account = format!("{USER} @ 127.0.0.1:{}", url.split(':').nth(2).unwrap().split('/').next().unwrap());
    keyring.store(&[("service", "Ateliers — calendrier partagé"), ("username", &account)], PASSWORD);
    let published = publish_from_keyring(&[]);
    assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));
    assert_eq!(last_line(&published), format!("sent: {n}, removed: 0, unchanged: 0"));
    assert_eq!(server.events().len(), n);
}

/// A publication the server took but the base never recorded (the program stopped between
/// the two) is adopted on the next one, updated if it changed; an object of someone else at
/// our address stays a conflict.
#[test]
#[cfg_attr(
    windows,
    ignore = "talks to a Radicale server and a Secret Service started on Linux: run on Linux"
)]
fn an_object_sent_but_never_recorded_is_adopted_and_someone_elses_is_left() {
    let server = Radicale::start(USER, PASSWORD);
    let dir = tempfile::tempdir().unwrap();
    let (db, active) = demo_to_publish(dir.path());
    let n = active.len();
    let url = server.url();
    // A colleague's event at the address of our first meeting, under their own UID.
    let theirs = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Collègue//FR\r\nBEGIN:VEVENT\r\n\
                  UID:reunion-d-un-collegue@example.org\r\nDTSTAMP:20270101T000000Z\r\n\
                  DTSTART:20270110T100000Z\r\nDTEND:20270110T110000Z\r\nSUMMARY:La réunion d'un collègue\r\n\
                  END:VEVENT\r\nEND:VCALENDAR\r\n";
    ureq::put(&format!("{url}{}.ics", active[0].ical_uid))
        .set("Authorization", &base64_credentials())
        .set("Content-Type", "text/calendar; charset=utf-8")
        .send_string(theirs)
        .expect("a colleague's event");

    let first = publish(&db, &["--url", &url, "--user", USER], PASSWORD);
    assert_eq!(first.status.code(), Some(3), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(last_line(&first), format!("sent: {}, removed: 0, unchanged: 0", n - 1));

    // The base loses what it recorded, as if the program had stopped after each PUT; one
    // meeting moves meanwhile.
    {
        let mut store = store_in(dir.path());
        for meeting in &active {
            store.forget_published(&url, &meeting.ical_uid).unwrap();
        }
        move_meeting(&mut store, active[1].id, "2027-03-02", "10:00", "12:00");
    }
    let again = publish(&db, &[], PASSWORD);
    assert_eq!(again.status.code(), Some(3), "the colleague's event is still in the way");
    assert_eq!(last_line(&again), format!("sent: {}, removed: 0, unchanged: 0", n - 1), "ours adopted");
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(stderr.matches("modifiée sur le serveur par quelqu").count(), 1, "{stderr}");
    let on_server = server.events();
    assert_eq!(on_server.len(), n);
    let moved = on_server.iter().find(|e| e["uid"] == active[1].ical_uid.as_str()).unwrap();
    assert_eq!(moved["start_utc"], "2027-03-02T09:00:00Z", "the adopted object is updated");
    assert!(on_server.iter().any(|e| e["uid"] == "reunion-d-un-collegue@example.org"), "theirs is kept");
    assert_eq!(last_line(&publish(&db, &[], PASSWORD)), format!("sent: 0, removed: 0, unchanged: {}", n - 1));
}

/// A CA and a certificate for 127.0.0.1 signed by it, made with the openssl command:
/// `(ca.pem, server.pem, server.key)` in `dir`.
fn internal_authority(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .output()
            .expect("the openssl command runs (package openssl, installed with ca-certificates)");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(
        &[
            &["req", "-x509"],
            &key[..],
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=Autorité interne de la mairie (test)",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req", "-new"],
            &key[..],
            &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature\n\
         extendedKeyUsage = serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext",
    ]);
    (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"))
}

/// An internal certificate authority, installed on the computer (here given by
/// `SSL_CERT_FILE`, which the system's store reader honours), is trusted; without it the
/// publication stops and says the certificate is the problem.
#[test]
#[cfg_attr(
    windows,
    ignore = "talks to a Radicale server and a Secret Service started on Linux: run on Linux"
)]
fn a_server_certified_by_an_authority_installed_on_the_computer_is_trusted() {
    let certificates = tempfile::tempdir().unwrap();
    let (authority, certificate, key) = internal_authority(certificates.path());
    let server = Radicale::start_with_tls(USER, PASSWORD, &certificate, &key);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    let n =
        demo_store(dir.path()).list_meetings().unwrap().into_iter().filter(|m| m.status.is_active()).count();
    let url = server.url();
    assert!(url.starts_with("https://127.0.0.1:"));
    let publish_with = |authority: Option<&Path>, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ateliers"));
        command.arg("--db").arg(&db).args(["publish", "caldav"]).args(args);
        command.env("ATELIERS_CALDAV_PASSWORD", PASSWORD).env_remove("SSL_CERT_DIR");
        match authority {
            Some(file) => command.env("SSL_CERT_FILE", file),
            None => command.env_remove("SSL_CERT_FILE"),
        };
        command.output().unwrap()
    };

    let untrusted = publish_with(None, &["--url", &url, "--user", USER]);
    assert_eq!(untrusted.status.code(), Some(1), "{}", String::from_utf8_lossy(&untrusted.stderr));
    let stderr = String::from_utf8_lossy(&untrusted.stderr);
    assert!(
        stderr.contains("n’est pas sûre")
            && stderr.contains("son certificat n’est pas signé par une autorité de certification connue"),
        "{stderr}"
    );

    let trusted = publish_with(Some(&authority), &[]);
    assert!(trusted.status.success(), "{}", String::from_utf8_lossy(&trusted.stderr));
    assert_eq!(last_line(&trusted), format!("sent: {n}, removed: 0, unchanged: 0"));
    assert_eq!(
        last_line(&publish_with(Some(&authority), &[])),
        format!("sent: 0, removed: 0, unchanged: {n}")
    );
}

/// `http://` to another computer would send the password in clear, and a user or password
/// in the address would be stored in the base: both are refused when the settings are saved
/// and, for an address saved by an older version, when publishing.
#[test]
fn clear_http_to_another_computer_and_credentials_in_the_address_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    drop(demo_store(dir.path()));
    for (address, said) in [
        ("http://nuage.example.fr/dav/ateliers/", "doit commencer par https://"),
        ("http://192.168.1.20:5232/secretariat/ateliers/", "doit commencer par https://"),
        ("https://secretariat:secret@nuage.example.fr/dav/", "ni identifiant ni mot de passe"),
        ("https://secretariat@nuage.example.fr/dav/", "ni identifiant ni mot de passe"),
    ] {
        let refused = publish(&db, &["--url", address, "--user", USER, "--dry-run"], PASSWORD);
        assert_eq!(refused.status.code(), Some(1), "{address}");
        assert!(String::from_utf8_lossy(&refused.stderr).contains(said), "{address}");
        assert!(
            !String::from_utf8_lossy(&refused.stderr).contains("secret@"),
            "the password is not repeated"
        );
        assert_eq!(store_in(dir.path()).caldav_settings().unwrap().url, "", "{address} is not stored");
    }
    for address in ["http://localhost:5232/u/c/", "http://127.0.0.2:5232/u/c/", "http://[::1]:5232/u/c/"] {
        let dry = publish(&db, &["--url", address, "--user", USER, "--dry-run"], PASSWORD);
        assert!(dry.status.success(), "{address}: {}", String::from_utf8_lossy(&dry.stderr));
    }
    // Saved by an older version, which let it through.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE settings SET caldav_url = 'http://nuage.example.fr/dav/ateliers/', caldav_user = 'x' WHERE id = 1",
            [],
        )
        .unwrap();
    let refused = publish(&db, &["--dry-run"], PASSWORD);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("le mot de passe passerait en clair"));
}

// ---------------------------------------------------------------------------------------
// Servers that misbehave
// ---------------------------------------------------------------------------------------

/// A request received by a [`misbehaving_server`].
#[derive(Clone, Debug)]
struct Received {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// An HTTP server on 127.0.0.1 that answers each request with `answer` (a whole response,
/// see [`response`]), one connection a request: a CalDAV server that misbehaves the way a
/// test needs. Its port, and the requests it received.
fn misbehaving_server(
    answer: impl Fn(&Received) -> String + Send + 'static,
) -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (method, path) =
                (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    headers.push((name.trim().to_string(), value.trim().to_string()));
                }
            }
            let length = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let request =
                Received { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() };
            let reply = answer(&request);
            log.lock().unwrap().push(request);
            let _ = reader.get_mut().write_all(reply.as_bytes());
        }
    });
    (port, received)
}

/// A whole HTTP response: `status` (« 201 Created »), `headers`, `body`.
fn response(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

/// A server that sends every request elsewhere (301) is an error saying where, not a
/// publication of everything into nowhere.
#[test]
fn a_server_redirecting_everything_is_an_error_naming_where_it_points() {
    let target = "https://nuage.example.fr/remote.php/dav/calendars/secretariat/ateliers/";
    let (port, received) =
        misbehaving_server(move |_| response("301 Moved Permanently", &[("Location", target)], ""));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    drop(demo_store(dir.path()));
    let url = format!("http://127.0.0.1:{port}/{USER}/ateliers/");
    let redirected = publish(&db, &["--url", &url, "--user", USER], PASSWORD);
    let stderr = String::from_utf8_lossy(&redirected.stderr);
    assert_eq!(redirected.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("renvoie ailleurs (301, vers {target})")), "{stderr}");
    assert!(!String::from_utf8_lossy(&redirected.stdout).contains("sent:"));
    assert_eq!(received.lock().unwrap().len(), 1, "nothing is sent after the redirection");
    assert!(store_in(dir.path()).published_objects(&url).unwrap().is_empty());

    // A relative Location is shown whole.
    let (port, _) = misbehaving_server(|_| response("308 Permanent Redirect", &[("Location", "/dav/")], ""));
    let url = format!("http://127.0.0.1:{port}/{USER}/ateliers/");
    let redirected = publish(&db, &["--url", &url], PASSWORD);
    assert!(String::from_utf8_lossy(&redirected.stderr)
        .contains(&format!("(308, vers http://127.0.0.1:{port}/dav/)")));
}

/// A server that gives no ETag with its PUT responses: the ETag is read back (here from a
/// PROPFIND of getetag, the GET having none either) and every update and removal carries
/// `If-Match`, so that a colleague's change is never overwritten.
#[test]
fn without_an_etag_in_the_put_response_updates_still_carry_if_match() {
    let objects: Arc<Mutex<HashMap<String, (String, u32)>>> = Arc::default();
    let state = Arc::clone(&objects);
    let multistatus = |href: &str, prop: &str| {
        format!(
            "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>{href}</d:href>\
             <d:propstat><d:prop>{prop}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>\
             </d:response></d:multistatus>"
        )
    };
    let (port, received) = misbehaving_server(move |request| {
        let mut objects = state.lock().unwrap();
        let path = request.path.clone();
        match (request.method.as_str(), objects.get(&path)) {
            ("PROPFIND", _) if path.ends_with('/') => response(
                "207 Multi-Status",
                &[("Content-Type", "application/xml")],
                &multistatus(&path, "<d:resourcetype><d:collection/></d:resourcetype>"),
            ),
            ("PROPFIND", Some((_, version))) => response(
                "207 Multi-Status",
                &[("Content-Type", "application/xml")],
                &multistatus(&path, &format!("<d:getetag>&quot;v{version}&quot;</d:getetag>")),
            ),
            ("GET", Some((text, _))) => response("200 OK", &[("Content-Type", "text/calendar")], text),
            ("PUT", known) => {
                let version = known.map_or(1, |(_, version)| version + 1);
                objects.insert(path, (request.body.clone(), version));
                response("201 Created", &[], "")
            }
            ("DELETE", Some(_)) => {
                objects.remove(&path);
                response("204 No Content", &[], "")
            }
            _ => response("404 Not Found", &[], ""),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ateliers.sqlite3");
    let active: Vec<_> = {
        let store = demo_store(dir.path());
        store.list_meetings().unwrap().into_iter().filter(|m| m.status.is_active()).collect()
    };
    let n = active.len();
    let url = format!("http://127.0.0.1:{port}/{USER}/ateliers/");
    let first = publish(&db, &["--url", &url, "--user", USER], PASSWORD);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(last_line(&first), format!("sent: {n}, removed: 0, unchanged: 0"));
    let puts: Vec<Received> =
        received.lock().unwrap().iter().filter(|r| r.method == "PUT").cloned().collect();
    assert_eq!(puts.len(), n);
    assert!(puts.iter().all(|put| put.header("If-None-Match") == Some("*")));

    let (moved, cancelled) = (&active[n - 1], &active[n - 2]);
    {
        let mut store = store_in(dir.path());
        move_meeting(&mut store, moved.id, "2027-03-02", "10:00", "12:00");
        store.cancel_meeting(cancelled.id).unwrap();
    }
    received.lock().unwrap().clear();
    let second = publish(&db, &[], PASSWORD);
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(last_line(&second), format!("sent: 1, removed: 1, unchanged: {}", n - 2));
    let received = received.lock().unwrap();
    let update = received.iter().find(|r| r.method == "PUT").expect("the update");
    assert!(update.path.ends_with(&format!("{}.ics", moved.ical_uid)));
    assert_eq!(update.header("If-Match"), Some("\"v1\""), "the update is conditional");
    let removal = received.iter().find(|r| r.method == "DELETE").expect("the removal");
    assert_eq!(removal.header("If-Match"), Some("\"v1\""), "the removal is conditional");
    assert_eq!(objects.lock().unwrap()[&update.path].1, 2);
}

fn base64_credentials() -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}")))
}
