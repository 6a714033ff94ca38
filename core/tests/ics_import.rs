//! The import of other bodies' calendars (`.ics`) on real files written by other tools (the
//! test calendars that Python's `icalendar` and `recurring-ical-events` ship, installed by
//! the test command) and on generated hostile ones: it never panics, always ends, keeps at
//! most its cap of dates, and never loses another calendar.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ateliers::ical::import::{read, Span, MAX_DATES};
use ateliers::store::Store;
use chrono::NaiveDate;
use proptest::prelude::*;

const PARIS: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// The span of an import made on 1 June 2024: most of the calendars' events are around it.
fn span() -> Span {
    Span::around(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
}

/// The folders of real calendars that the test command installs from PyPI with the
/// independent readers (`scripts/checkers.sh`): the test calendars of Python's `icalendar`
/// and `recurring-ical-events`, gathered by their maintainers from Google Calendar,
/// Thunderbird, Exchange 2010, Outlook, DavMail, BlackBerry, booking services (Sixt), Podio,
/// Plone, khal, Discourse, Etar, and many broken files. Under Wine, where that Python cannot
/// run, the test script names the folders in `ATELIERS_CALENDAR_FOLDERS` (`;`-separated).
fn installed_calendars() -> Vec<PathBuf> {
    if let Some(named) = std::env::var_os("ATELIERS_CALENDAR_FOLDERS") {
        return calendars_in(std::env::split_paths(&named).collect());
    }
    let output = std::process::Command::new(ateliers_testkit::servers::python())
        .args([
            "-c",
            "import icalendar, recurring_ical_events, os\n\
             print(os.path.join(os.path.dirname(icalendar.__file__), 'tests'))\n\
             print(os.path.join(os.path.dirname(recurring_ical_events.__file__), 'test', 'calendars'))",
        ])
        .output()
        .expect("the checkers' Python runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    calendars_in(String::from_utf8(output.stdout).unwrap().lines().map(PathBuf::from).collect())
}

/// Every `.ics` file under `folders`, sorted.
fn calendars_in(mut folders: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "ics") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The installed calendar named `name`.
fn calendar_file(all: &[PathBuf], name: &str) -> Vec<u8> {
    let path = all
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("{name} installed"));
    std::fs::read(path).unwrap()
}

#[test]
fn every_real_calendar_of_other_tools_is_read_or_refused_in_french_never_a_panic() {
    let all = installed_calendars();
    assert!(all.len() > 200, "{} calendars installed", all.len());
    let mut read_ok = 0;
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        let started = Instant::now();
        match read(&bytes, "x", PARIS, span()) {
            Ok(calendar) => {
                read_ok += 1;
                assert!(calendar.events.len() <= MAX_DATES, "{}", path.display());
                assert!(calendar.events.iter().all(|e| e.end_utc >= e.start_utc), "{}", path.display());
                // The same with CRLF line ends, as the files travel by e-mail.
                let crlf = String::from_utf8_lossy(&bytes).replace("\r\n", "\n").replace('\n', "\r\n");
                if String::from_utf8(bytes.clone()).is_ok() {
                    assert_eq!(
                        read(crlf.as_bytes(), "x", PARIS, span()).unwrap(),
                        calendar,
                        "{} in CRLF",
                        path.display()
                    );
                }
            }
            Err(error) => {
                let message = error.to_string();
                assert!(
                    message.contains("calendrier") || message.contains("événement"),
                    "{}: {message}",
                    path.display()
                );
                // Refused only when it is no calendar, or when none of its events has a start.
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !text.trim_start_matches('\u{feff}').trim_start().starts_with("BEGIN:VCALENDAR")
                        || !has_an_event_with_a_start(&text),
                    "{} is a calendar with events, refused: {message}",
                    path.display()
                );
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
    }
    // Most are calendars with events; the others are bare components, or deliberately
    // broken, or hold no event.
    assert!(read_ok * 10 >= all.len() * 7, "{read_ok} of {} read", all.len());
}

/// Whether `text` holds a VEVENT whose DTSTART is a date (read by hand, not by our reader).
fn has_an_event_with_a_start(text: &str) -> bool {
    text.split("BEGIN:VEVENT").skip(1).any(|event| {
        let event = event.split("END:VEVENT").next().unwrap_or("");
        event.lines().any(|line| {
            line.starts_with("DTSTART")
                && line
                    .rsplit(':')
                    .next()
                    .is_some_and(|v| v.len() >= 8 && v[..8].bytes().all(|b| b.is_ascii_digit()))
        })
    })
}

#[test]
fn exports_of_google_exchange_thunderbird_and_discourse_keep_their_events() {
    let all = installed_calendars();
    // Google Calendar: one event with four alarms, the calendar's name.
    let google = read(&calendar_file(&all, "alarm_google_future.ics"), "x", PARIS, span()).unwrap();
    assert_eq!((google.name.as_str(), google.events.len()), ("Nicco Kunzmann", 1));
    assert_eq!(google.events[0].summary, "event with alarms", "the alarms' SUMMARY is not the event's");
    // Discourse (icalendar-ruby): four copies of one VTIMEZONE, an event without DTEND.
    let discourse = read(&calendar_file(&all, "discourse_no_dtend.ics"), "x", PARIS, span()).unwrap();
    assert_eq!(discourse.events.len(), 4);
    assert_eq!(discourse.events[2].summary, "Einmietung HACKademy - erste drei Märzwochenenden");
    // Thunderbird: one event and its snoozed alarm.
    let thunderbird = read(&calendar_file(&all, "alarm_thunderbird_future.ics"), "x", PARIS, span()).unwrap();
    assert_eq!(thunderbird.events.len(), 1);
    assert_eq!(thunderbird.unreadable, 0);
    // A broken file whose twenty events have no start: refused, the first one named.
    let error = read(&calendar_file(&all, "big_bad_calendar.ics"), "x", PARIS, span()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "aucun de ses événements n'est lisible : l'événement n° 1 a une date de début illisible (DTSTART absent)"
    );
}

/// Runs this package's `ateliers --db DB ARGS…` (see [`ateliers_testkit::cli::run`]).
fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    ateliers_testkit::cli::run(std::path::Path::new(env!("CARGO_BIN_EXE_ateliers")), db, args)
}

/// Findings 3 and 4 of issue 19 through the command line: a hostile calendar imports in
/// bounded time with what it left out said; a second « Calendrier » does not replace the
/// first; the last line stays `added: N, updated: M, removed: R`.
#[test]
fn the_command_line_imports_hostile_and_same_named_calendars() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let hostile = dir.path().join("Calendrier.ics");
    std::fs::write(
        &hostile,
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Calendrier\r\n\
         BEGIN:VEVENT\r\nUID:long@x\r\nDTSTART:20270115T170000Z\r\nDURATION:P99999999999999W\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:seconde@x\r\nDTSTART:19000101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:casse@x\r\nDTSTART:hier\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let started = Instant::now();
    let output = cli(&db, &["import", "ics", hostile.to_str().unwrap()]);
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&output.stderr).replace('\u{a0}', " ");
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("1 événement illisible ignoré."), "{stderr}");
    assert!(stderr.contains("1 événement n’y est pas repris en entier."), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().last(), Some("added: 1501, updated: 0, removed: 0"));

    let other = dir.path().join("autre.ics");
    std::fs::write(
        &other,
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Calendrier\r\nBEGIN:VEVENT\r\nUID:b@y\r\nDTSTART:20270115T170000Z\r\n\
         SUMMARY:Bureau\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let output = cli(&db, &["import", "ics", other.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr).replace('\u{a0}', " ");
    assert!(stderr.contains("celui-ci est nommé « Calendrier (2) »"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).lines().last(),
        Some("added: 1, updated: 0, removed: 0")
    );
    let store = Store::open(&db).unwrap();
    let calendars: Vec<(String, i64)> =
        store.external_calendars().unwrap().into_iter().map(|c| (c.name, c.events)).collect();
    assert_eq!(calendars, [("Calendrier".into(), 1501), ("Calendrier (2)".into(), 1)]);

    // Too large: refused with exit 1 and a French reason.
    let large = dir.path().join("gros.ics");
    let file = std::fs::File::create(&large).unwrap();
    file.set_len(25_000_000).unwrap();
    let output = cli(&db, &["import", "ics", large.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr).replace('\u{a0}', " ");
    assert!(stderr.contains("il pèse 25 Mo, plus que les 20 Mo qu’un calendrier peut peser"), "{stderr}");
}

/// A value of a date property: mostly valid dates of any year, some broken.
fn date_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..=9999, 1u32..=12, 1u32..=31, 0u32..=23, 0u32..=59, 0u32..=59, any::<bool>()).prop_map(
            |(y, mo, d, h, mi, s, z)| format!(
                "{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}{}",
                if z { "Z" } else { "" }
            )
        ),
        (0u32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, mo, d)| format!("{y:04}{mo:02}{d:02}")),
        "[0-9TZ+-]{0,20}",
    ]
}

/// A DURATION: well formed with any numbers, or anything of its letters.
fn duration_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<u64>(), prop::sample::select(vec!["W", "D", "TH", "TM", "TS", "DT", "T"]))
            .prop_map(|(n, unit)| format!("P{n}{unit}")),
        "[-+]?P[0-9WDTHMS]{0,24}",
    ]
}

/// An RRULE with random parts, valid or not.
fn rrule_value() -> impl Strategy<Value = String> {
    let freq = prop::sample::select(vec![
        "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "X",
    ]);
    let part = prop_oneof![
        any::<u32>().prop_map(|n| format!("COUNT={n}")),
        (0u32..70_000).prop_map(|n| format!("INTERVAL={n}")),
        date_value().prop_map(|d| format!("UNTIL={d}")),
        prop::collection::vec(-70i32..70, 1..4).prop_map(|v| format!(
            "{}={}",
            ["BYSECOND", "BYMINUTE", "BYHOUR", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY"]
                [v.len() % 8],
            v.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
        )),
        prop::sample::select(vec!["BYDAY=MO,WE", "BYDAY=-1SU", "BYDAY=53FR", "WKST=SU", "BYEASTER=0"])
            .prop_map(String::from),
    ];
    (freq, prop::collection::vec(part, 0..4)).prop_map(|(freq, parts)| {
        let mut rule = format!("FREQ={freq}");
        for part in parts {
            rule.push(';');
            rule.push_str(&part);
        }
        rule
    })
}

/// A near-valid event: its properties in random order, some missing.
fn event() -> impl Strategy<Value = String> {
    let tzid = prop::option::of(prop::sample::select(vec![
        "Europe/Paris",
        "America/Santiago",
        "Romance Standard Time",
        "/mozilla.org/20050126_1/Europe/Paris",
        "Heure de Mars",
        "\"Pacific/Apia\"",
    ]));
    (
        "[a-z0-9@.-]{0,12}",
        tzid,
        date_value(),
        prop::option::of(date_value()),
        prop::option::of(duration_value()),
        prop::option::of(rrule_value()),
        prop::collection::vec(date_value(), 0..3),
        prop::option::of(date_value()),
        any::<bool>(),
    )
        .prop_map(|(uid, tzid, start, end, duration, rrule, exdates, recurrence, all_day)| {
            let zone = tzid.map(|z| format!(";TZID={z}")).unwrap_or_default();
            let value = if all_day { ";VALUE=DATE" } else { "" };
            let mut text = format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART{zone}{value}:{start}\r\n");
            if let Some(end) = end {
                text.push_str(&format!("DTEND{zone}:{end}\r\n"));
            }
            if let Some(duration) = duration {
                text.push_str(&format!("DURATION:{duration}\r\n"));
            }
            if let Some(rrule) = rrule {
                text.push_str(&format!("RRULE:{rrule}\r\n"));
            }
            if !exdates.is_empty() {
                text.push_str(&format!("EXDATE{zone}:{}\r\n", exdates.join(",")));
            }
            if let Some(recurrence) = recurrence {
                text.push_str(&format!("RECURRENCE-ID{zone}:{recurrence}\r\n"));
            }
            text.push_str("SUMMARY:Réunion\r\nEND:VEVENT\r\n");
            text
        })
}

/// Reads `bytes` and checks what must hold of any input: no panic (the test would fail),
/// an end in bounded time, at most the cap of dates, no event ending before it starts.
fn check(bytes: &[u8]) {
    let started = Instant::now();
    if let Ok(calendar) = read(bytes, "x", PARIS, span()) {
        assert!(calendar.events.len() <= MAX_DATES);
        assert!(calendar.events.iter().all(|e| e.end_utc >= e.start_utc));
    }
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_read_or_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes);
        let mut calendar = b"BEGIN:VCALENDAR\r\n".to_vec();
        calendar.extend(bytes);
        check(&calendar);
    }

    #[test]
    fn near_valid_calendars_are_read_without_panic_in_bounded_time(events in prop::collection::vec(event(), 1..5)) {
        let text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}END:VCALENDAR\r\n", events.concat());
        check(text.as_bytes());
    }

    #[test]
    fn lines_cut_or_dropped_anywhere_lose_no_panic(events in prop::collection::vec(event(), 1..4), cut in any::<prop::sample::Index>(), drop in any::<prop::sample::Index>()) {
        let text = format!("BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n", events.concat());
        let lines: Vec<&str> = text.split("\r\n").collect();
        let dropped = drop.index(lines.len());
        let damaged: Vec<&str> = lines.iter().enumerate().filter(|(n, _)| *n != dropped).map(|(_, l)| *l).collect();
        let damaged = damaged.join("\r\n");
        check(damaged.as_bytes());
        let at = cut.index(damaged.len().max(1));
        check(&damaged.as_bytes()[..at.min(damaged.len())]);
    }
}
