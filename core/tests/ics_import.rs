//! The import of other bodies' calendars (`.ics`) on real files written by other tools
//! (core/tests/fixtures/ics, with their sources in its README) and on generated hostile
//! ones: it never panics, always ends, keeps at most its cap of dates, and never loses
//! another calendar.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ateliers::ical::import::{read, Span, MAX_DATES};
use ateliers::store::Store;
use chrono::NaiveDate;
use proptest::prelude::*;

const PARIS: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ics").join(name)
}

/// The span of an import made on 1 June 2024: most of the fixtures' events are around it.
fn span() -> Span {
    Span::around(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
}

#[test]
fn real_exports_of_other_tools_are_read_with_their_events() {
    // (file, events kept, repeating events, unreadable events)
    for (file, events, repeating, unreadable) in [
        // Monthly on the first Tuesday: 48 dates in the span, and two moved occurrences.
        ("zimbra_recur_instances.ics", 50, 1, 0),
        // Three birthdays given as occurrences; the rule's one date (2014) is out of the span.
        ("google_birthday.ics", 3, 1, 0),
        ("google_alarms.ics", 1, 0, 0),
        // Two fortnightly whole-day events (1 and 29 July 2024, the 15th excluded) and one.
        ("exchange_2010_outlook.ics", 5, 2, 0),
        ("discourse_no_dtend.ics", 4, 0, 0),
    ] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let calendar = read(&bytes, file, PARIS, span()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            (calendar.events.len(), calendar.repeating, calendar.unreadable, calendar.left_out),
            (events, repeating, unreadable, 0),
            "{file}"
        );
        // And with CRLF line ends, as the files are sent.
        let crlf = String::from_utf8(bytes).unwrap().replace('\n', "\r\n");
        assert_eq!(read(crlf.as_bytes(), file, PARIS, span()).unwrap(), calendar, "{file} in CRLF");
    }
    let google = read(&std::fs::read(fixture("google_alarms.ics")).unwrap(), "x", PARIS, span()).unwrap();
    assert_eq!(google.name, "Nicco Kunzmann");
    assert_eq!(google.events[0].summary, "event with alarms", "the alarms' SUMMARY is not the event's");
    let exchange =
        read(&std::fs::read(fixture("exchange_2010_outlook.ics")).unwrap(), "x", PARIS, span()).unwrap();
    let days: Vec<String> = exchange
        .events
        .iter()
        .filter(|e| e.uid == "111")
        .map(|e| e.start_utc.with_timezone(&PARIS).format("%d/%m").to_string())
        .collect();
    assert_eq!(days, ["01/07", "29/07"]);
    let discourse =
        read(&std::fs::read(fixture("discourse_no_dtend.ics")).unwrap(), "x", PARIS, span()).unwrap();
    assert_eq!(discourse.events[2].summary, "Einmietung HACKademy - erste drei Märzwochenenden");
}

#[test]
fn a_file_of_which_nothing_is_readable_is_refused_with_its_first_event_named() {
    let error =
        read(&std::fs::read(fixture("big_bad_calendar.ics")).unwrap(), "x", PARIS, span()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "aucun de ses événements n'est lisible : l'événement n° 1 a une date de début illisible (DTSTART absent)"
    );
}

#[path = "support/cli.rs"]
mod support_cli;
use support_cli::ateliers as cli;

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
