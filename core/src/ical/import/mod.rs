//! Reading another body's calendar (an `.ics` file: an Outlook export, a published
//! calendar): its events as UTC spans, to show beside ours and to find overlaps. A repeating
//! event (RRULE) is expanded with the `rrule` crate into its dates within a span around
//! today, less its EXDATEs and with its moved or cancelled occurrences (RECURRENCE-ID) taken
//! from the file.
//!
//! Any file can be given, so nothing in it may crash or hang the import: the file is at most
//! [`MAX_FILE_BYTES`]; its content lines are read with the `ical` crate one by one and its
//! components put together here, so that a broken line or event is skipped and not the whole
//! file; all date arithmetic is checked; a repeating event is expanded from near the span,
//! not from a start in 1900, and a file keeps at most [`MAX_DATES`] dates.

use std::collections::HashSet;
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use ical::property::Property;

mod repeat;
mod values;

use super::lines::unescape_text;
use crate::error::Error;
use crate::store::Store;
use repeat::{Expansion, Rule};
use values::{duration, each_value, in_zone, instant, instants, local_time, value_of};

/// An event read from a calendar file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEvent {
    /// Its UID (with RECURRENCE-ID, the key of an update on re-import).
    pub uid: String,
    /// The occurrence of a repeating event it is, as a UTC instant (`20270112T170000Z`):
    /// the original start of a moved occurrence, or the start of a generated one. Empty
    /// for a single event.
    pub recurrence_id: String,
    pub summary: String,
    pub location: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    /// A whole-day event (DTSTART;VALUE=DATE).
    pub all_day: bool,
    /// An occurrence of a repeating event.
    pub repeats: bool,
}

/// A calendar file read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalCalendar {
    /// X-WR-CALNAME, else the name the caller gave (the file's).
    pub name: String,
    /// Its events, cancelled ones left out.
    pub events: Vec<ExternalEvent>,
    /// Repeating events expanded into their dates within the span read.
    pub repeating: usize,
    /// Repeating events whose rule could not be read: only their first date is kept.
    pub first_date_only: usize,
    /// Events skipped because their start is missing or unreadable.
    pub unreadable: usize,
    /// Events of which some or all dates were left out: past the [`MAX_DATES`] of a file or
    /// the [`MAX_OCCURRENCES`] of a repeating event.
    pub left_out: usize,
}

/// The span within which the dates of repeating events are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Span {
    /// From a year before `today` to three years after (from the 28th at the latest of
    /// the month): past meetings stay shown beside their neighbours, coming ones are
    /// checked for overlaps.
    pub fn around(today: NaiveDate) -> Span {
        let midnight = |years: i32| {
            let day = NaiveDate::from_ymd_opt(today.year() + years, today.month(), today.day().min(28))
                .unwrap_or(today);
            Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN))
        };
        Span { from: midnight(-1), to: midnight(3) }
    }
}

/// The largest calendar file read, in bytes (20 Mo): a calendar of years of meetings
/// weighs a few megabytes.
pub const MAX_FILE_BYTES: u64 = 20_000_000;

/// The most dates (events and occurrences of repeating events) kept of one file.
pub const MAX_DATES: usize = 20_000;

/// The most dates kept of one repeating event (a daily event over the whole span).
pub const MAX_OCCURRENCES: usize = 1500;

/// The most dates the expansion of a file's repeating events goes through, those before the
/// span included (a rule with COUNT is followed from its first date): it bounds the time
/// an import takes whatever its rules.
const MAX_STEPS: usize = 500_000;

/// The deepest nesting of components followed (VCALENDAR, VEVENT, VALARM are three).
const MAX_DEPTH: usize = 16;

/// Why a file is not a calendar we can read (French, for the message).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("il ne contient pas de calendrier au format iCalendar (.ics)")]
    NoCalendar,
    #[error("il pèse {megabytes} Mo, plus que les 20 Mo qu'un calendrier peut peser")]
    TooLarge { megabytes: u64 },
    #[error("aucun de ses événements n'est lisible : l'événement n° {number} a une date de début illisible ({value})")]
    NothingReadable { number: usize, value: String },
}

/// What reading a calendar needs of the base: the settings' time zone and today. Read
/// under the base's lock, which is then released while the file is read.
pub fn context(store: &Store) -> crate::Result<(Tz, NaiveDate)> {
    Ok((store.time_zone()?, store.today()?))
}

/// The name of the file at `path`, as the imported calendar records it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Reads the calendar file at `path` (no base needed: the caller holds no lock meanwhile);
/// local times without a known zone are taken in `zone`, repeating events expanded around
/// `today`.
pub fn read_file(path: &Path, zone: Tz, today: NaiveDate) -> crate::Result<ExternalCalendar> {
    let refuse =
        |reason: ReadError| Error::NotACalendar { path: path.to_path_buf(), reason: reason.to_string() };
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(refuse(ReadError::TooLarge { megabytes: megabytes(size) }));
    }
    // Read no more than the limit and one byte, should the file grow meanwhile.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    let default_name = path
        .file_stem()
        .map_or_else(|| "Calendrier importé".to_string(), |s| s.to_string_lossy().into_owned());
    read(&bytes, &default_name, zone, Span::around(today)).map_err(refuse)
}

/// `bytes` in megabytes (Mo), rounded up.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

/// Reads the calendars of `bytes`; local times without a known zone are taken in `zone`,
/// repeating events are expanded within `span`. Text that is not UTF-8 is read as
/// Windows-1252 (or UTF-16 after its byte order mark), as the spreadsheets are. A line or an
/// event that cannot be read is skipped (the events are counted); the file is refused when
/// it is no calendar, too large, or when none of its events can be read.
pub fn read(bytes: &[u8], default_name: &str, zone: Tz, span: Span) -> Result<ExternalCalendar, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { megabytes: megabytes(bytes.len() as u64) });
    }
    let text = crate::spreadsheet::read::decode_text(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let header = text.trim_start().get(..15).unwrap_or("");
    if !header.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return Err(ReadError::NoCalendar);
    }
    let components = components(text);
    let mut calendar = ExternalCalendar {
        name: components
            .name
            .filter(|n| !n.trim().is_empty())
            .map_or_else(|| default_name.to_string(), |n| unescape_text(n.trim())),
        events: Vec::new(),
        repeating: 0,
        first_date_only: 0,
        unreadable: 0,
        left_out: 0,
    };
    let mut read = Vec::new();
    let mut first_unreadable = None;
    for (index, properties) in components.events.iter().enumerate() {
        match read_event(properties, zone) {
            Some(event) => read.push(event),
            None => {
                calendar.unreadable += 1;
                first_unreadable.get_or_insert_with(|| (index + 1, start_text(properties)));
            }
        }
    }
    if read.is_empty() {
        if let Some((number, value)) = first_unreadable {
            return Err(ReadError::NothingReadable { number, value });
        }
    }
    // Occurrences the file gives on their own (moved, or cancelled): not generated again.
    let given: HashSet<(String, String)> = read
        .iter()
        .filter(|r| !r.event.recurrence_id.is_empty())
        .map(|r| (r.event.uid.clone(), r.event.recurrence_id.clone()))
        .collect();
    // The events the file states outright are kept first; the repeating ones share what is
    // left of the file's dates.
    let singles = read.iter().filter(|r| !r.cancelled && !r.expands()).count();
    let mut dates_left = MAX_DATES.saturating_sub(singles);
    let mut singles_left = MAX_DATES;
    let mut steps_left = MAX_STEPS;
    for read_event in read {
        let expands = read_event.expands();
        let ReadEvent { event, cancelled, rule } = read_event;
        if cancelled {
            continue;
        }
        let Some(rule) = rule.filter(|_| expands) else {
            if singles_left == 0 {
                calendar.left_out += 1;
            } else {
                singles_left -= 1;
                calendar.events.push(event);
            }
            continue;
        };
        if dates_left == 0 || steps_left == 0 {
            calendar.left_out += 1;
            continue;
        }
        let most = dates_left.min(MAX_OCCURRENCES);
        match rule.occurrences(span, most, &mut steps_left) {
            Some(Expansion { starts, complete }) => {
                calendar.repeating += 1;
                if !complete {
                    calendar.left_out += 1;
                }
                dates_left -= starts.len();
                let length = event.end_utc.signed_duration_since(event.start_utc);
                for start in starts {
                    let recurrence_id = recurrence_key(start);
                    if rule.excludes(start, event.all_day)
                        || given.contains(&(event.uid.clone(), recurrence_id.clone()))
                    {
                        continue;
                    }
                    calendar.events.push(ExternalEvent {
                        recurrence_id,
                        start_utc: start,
                        end_utc: start.checked_add_signed(length).unwrap_or(start),
                        repeats: true,
                        ..event.clone()
                    });
                }
            }
            None => {
                calendar.first_date_only += 1;
                dates_left -= 1;
                calendar.events.push(ExternalEvent { repeats: true, ..event });
            }
        }
    }
    Ok(calendar)
}

/// The components of a file that matter here: its name (X-WR-CALNAME) and the properties
/// of each of its events.
struct Components {
    name: Option<String>,
    events: Vec<Vec<Property>>,
}

/// Puts the content lines of `text` together into components. The `ical` crate reads each
/// line (unfolding, parameters, quotes); a line it cannot read is skipped, an unknown
/// component ignored, a component left open closed by the next END of an enclosing one or
/// the next BEGIN:VEVENT: what can be read of a damaged file is kept.
fn components(text: &str) -> Components {
    let mut components = Components { name: None, events: Vec::new() };
    // The open components, outermost first, and the properties of the open event.
    let mut open: Vec<String> = Vec::new();
    let mut event: Option<Vec<Property>> = None;
    for line in ical::PropertyParser::from_reader(BufReader::new(text.as_bytes())) {
        let Ok(property) = line else { continue };
        let name = property.name.trim();
        let value = || property.value.as_deref().unwrap_or("").trim().to_ascii_uppercase();
        if name.eq_ignore_ascii_case("BEGIN") {
            let component = value();
            if component == "VEVENT" {
                if let Some(at) = open.iter().rposition(|c| c == "VEVENT") {
                    open.truncate(at);
                    components.events.extend(event.take());
                }
                event = Some(Vec::new());
            }
            if open.len() < MAX_DEPTH {
                open.push(component);
            }
        } else if name.eq_ignore_ascii_case("END") {
            let component = value();
            if let Some(at) = open.iter().rposition(|c| *c == component) {
                if open[at..].iter().any(|c| c == "VEVENT") {
                    components.events.extend(event.take());
                }
                open.truncate(at);
            }
        } else {
            match open.last().map(String::as_str) {
                Some("VEVENT") => event.get_or_insert_with(Vec::new).push(property),
                Some("VCALENDAR") if name.eq_ignore_ascii_case("X-WR-CALNAME") => {
                    components.name = property.value;
                }
                _ => {}
            }
        }
    }
    components.events.extend(event);
    components
}

/// The DTSTART of an event as written, to name it when no event can be read.
fn start_text(properties: &[Property]) -> String {
    match properties.iter().find(|p| p.name.eq_ignore_ascii_case("DTSTART")) {
        Some(start) => start.value.clone().unwrap_or_default(),
        None => "DTSTART absent".into(),
    }
}

/// The key of an occurrence: its original start in UTC.
fn recurrence_key(start: DateTime<Utc>) -> String {
    start.format("%Y%m%dT%H%M%SZ").to_string()
}

/// An event as the file gives it, before its repetitions are expanded.
struct ReadEvent {
    event: ExternalEvent,
    cancelled: bool,
    rule: Option<Rule>,
}

impl ReadEvent {
    /// A repeating event to expand (not one of its moved occurrences).
    fn expands(&self) -> bool {
        self.rule.is_some() && self.event.recurrence_id.is_empty()
    }
}

/// One event of the file, with its repetition if it has one; `None` when its start is
/// missing or unreadable.
fn read_event(props: &[Property], zone: Tz) -> Option<ReadEvent> {
    let cancelled = value_of(props, "STATUS").is_some_and(|s| s.trim().eq_ignore_ascii_case("CANCELLED"));
    let start_prop = props.iter().find(|p| p.name.eq_ignore_ascii_case("DTSTART"))?;
    let (local, start_zone, all_day) = local_time(start_prop, zone)?;
    let start = in_zone(local, start_zone)?;
    let end = match props.iter().find(|p| p.name.eq_ignore_ascii_case("DTEND")) {
        // An unreadable end is no reason to lose the event: it ends as it starts.
        Some(end_prop) => instant(end_prop, zone).map_or(start, |(end, _)| end),
        None => match value_of(props, "DURATION").and_then(duration) {
            Some(length) => start.checked_add_signed(length).unwrap_or(start),
            None if all_day => start.checked_add_signed(TimeDelta::days(1)).unwrap_or(start),
            None => start,
        },
    };
    let summary = value_of(props, "SUMMARY").map(unescape_text).unwrap_or_default();
    let uid = match value_of(props, "UID").map(str::trim).filter(|u| !u.is_empty()) {
        Some(uid) => uid.to_string(),
        // No UID (rare): one made of what identifies it, stable from one import to the next.
        None => format!("sans-uid-{}-{}", start.format("%Y%m%dT%H%M%SZ"), crate::text::fold(&summary)),
    };
    let recurrence_id = match props.iter().find(|p| p.name.eq_ignore_ascii_case("RECURRENCE-ID")) {
        Some(id) => match instant(id, zone) {
            Some((at, _)) => recurrence_key(at),
            None => id.value.as_deref().unwrap_or("").trim().to_string(),
        },
        None => String::new(),
    };
    let rule = value_of(props, "RRULE").map(|rrule| Rule {
        rrule: rrule.trim().to_string(),
        start: local,
        zone: start_zone,
        excluded: props
            .iter()
            .filter(|p| p.name.eq_ignore_ascii_case("EXDATE"))
            .flat_map(|p| instants(p, zone))
            .collect(),
        excluded_days: props
            .iter()
            .filter(|p| all_day && p.name.eq_ignore_ascii_case("EXDATE"))
            .flat_map(|p| {
                each_value(p).filter_map(|one| Some(local_time(&one, zone)?.0.date())).collect::<Vec<_>>()
            })
            .collect(),
    });
    let event = ExternalEvent {
        uid,
        recurrence_id,
        summary: if summary.trim().is_empty() {
            "(sans titre)".to_string()
        } else {
            summary.trim().to_string()
        },
        location: value_of(props, "LOCATION").map(unescape_text).unwrap_or_default().trim().to_string(),
        start_utc: start,
        end_utc: end.max(start),
        all_day,
        repeats: false,
    };
    Some(ReadEvent { event, cancelled, rule })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;

    const PARIS: Tz = chrono_tz::Europe::Paris;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    /// The span of an import made on 25 November 2026.
    fn span() -> Span {
        Span::around(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
    }

    fn calendar(events: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    }

    #[test]
    fn an_outlook_export_is_read_with_its_windows_zone_and_folded_lines() {
        let file = "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n\
            VERSION:2.0\r\nX-WR-CALNAME:Agenda de la Région\r\n\
            BEGIN:VTIMEZONE\r\nTZID:Romance Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16011028T030000\r\n\
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n\
            END:VTIMEZONE\r\n\
            BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008\r\nDTSTART;TZID=Romance Standard Time:20271031T100000\r\n\
            DTEND;TZID=Romance Standard Time:20271031T120000\r\nSUMMARY:Commission « mobilités »\\, suite\\; v\r\n 2\r\n\
            LOCATION:Salle 3\\, Hôtel de Région\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:annule\r\nDTSTART:20271101T100000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:jour\r\nDTSTART;VALUE=DATE:20270329\r\nSUMMARY:Journée\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n\
            END:VCALENDAR\r\n";
        let calendar = read(file.as_bytes(), "fichier", PARIS, span()).unwrap();
        assert_eq!(calendar.name, "Agenda de la Région");
        // The cancelled event is left out; the weekly day is kept at each of its dates.
        assert_eq!(calendar.repeating, 1);
        let first = &calendar.events[0];
        assert_eq!(first.summary, "Commission « mobilités », suite; v2");
        assert_eq!(first.location, "Salle 3, Hôtel de Région");
        // 31 October 2027 is after the change to winter time: UTC+1.
        assert_eq!(first.start_utc, utc("2027-10-31T09:00:00Z"));
        assert_eq!(first.end_utc, utc("2027-10-31T11:00:00Z"));
        let days: Vec<_> = calendar.events.iter().filter(|e| e.uid == "jour").collect();
        assert!(days.iter().all(|d| d.all_day && d.repeats));
        assert_eq!(days[0].start_utc, utc("2027-03-28T22:00:00Z"));
        assert_eq!(days[0].end_utc, utc("2027-03-29T22:00:00Z"));
        // Every Monday until the end of the span (25 November 2029), at midnight in Paris.
        assert_eq!(days.last().unwrap().start_utc, utc("2029-11-18T23:00:00Z"));
        assert_eq!(days.len(), 139);
        assert_eq!(calendar.events.len(), 1 + days.len());
    }

    #[test]
    fn a_weekly_event_keeps_its_local_hour_across_the_clock_changes_less_its_exceptions() {
        // Every Tuesday at 18 h in Paris, eight times; the second excluded, the third moved
        // to the Wednesday, the fourth cancelled.
        let file = calendar(
            "BEGIN:VEVENT\r\nUID:conseil\r\nSUMMARY:Conseil\r\nDTSTART;TZID=Europe/Paris:20270316T180000\r\n\
             DTEND;TZID=Europe/Paris:20270316T200000\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\n\
             EXDATE;TZID=Europe/Paris:20270323T180000\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:conseil\r\nRECURRENCE-ID;TZID=Europe/Paris:20270330T180000\r\n\
             SUMMARY:Conseil (déplacé)\r\nDTSTART;TZID=Europe/Paris:20270331T180000\r\n\
             DTEND;TZID=Europe/Paris:20270331T200000\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:conseil\r\nRECURRENCE-ID:20270406T160000Z\r\nSTATUS:CANCELLED\r\n\
             DTSTART;TZID=Europe/Paris:20270406T180000\r\nEND:VEVENT\r\n",
        );
        let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!((got.repeating, got.first_date_only), (1, 0));
        let starts: Vec<String> =
            got.events.iter().map(|e| e.start_utc.format("%d/%m %H:%M").to_string()).collect();
        // 16 March at 17:00 UTC (winter time), from 30 March at 16:00 UTC (summer time).
        assert_eq!(
            starts,
            ["16/03 17:00", "13/04 16:00", "20/04 16:00", "27/04 16:00", "04/05 16:00", "31/03 16:00"]
        );
        let first = &got.events[0];
        assert_eq!(
            (first.recurrence_id.as_str(), first.end_utc),
            ("20270316T170000Z", utc("2027-03-16T19:00:00Z"))
        );
        let moved = got.events.last().unwrap();
        assert_eq!(
            (moved.summary.as_str(), moved.recurrence_id.as_str()),
            ("Conseil (déplacé)", "20270330T160000Z")
        );
        assert!(!moved.repeats, "the moved occurrence is the file's own event");
    }

    #[test]
    fn only_the_span_s_dates_are_kept_and_an_unreadable_rule_keeps_its_first_date() {
        let file = calendar(
            "BEGIN:VEVENT\r\nUID:quotidien\r\nDTSTART:20100104T080000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:fini\r\nDTSTART:20200106T080000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20200301T000000Z\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:illisible\r\nDTSTART:20270106T080000Z\r\nRRULE:FREQ=SOUVENT\r\nEND:VEVENT\r\n",
        );
        let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!((got.repeating, got.first_date_only), (2, 1));
        let daily: Vec<_> = got.events.iter().filter(|e| e.uid == "quotidien").collect();
        assert_eq!(daily[0].start_utc, utc("2025-11-25T08:00:00Z"), "from a year before the import");
        assert_eq!(daily.last().unwrap().start_utc, utc("2029-11-24T08:00:00Z"), "to three years after");
        assert!(!got.events.iter().any(|e| e.uid == "fini"), "a rule ended before the span gives nothing");
        let unreadable: Vec<_> = got.events.iter().filter(|e| e.uid == "illisible").collect();
        assert_eq!(unreadable.len(), 1);
        assert!(unreadable[0].repeats && unreadable[0].recurrence_id.is_empty());
    }

    #[test]
    fn durations_utc_times_and_mozilla_zone_paths_are_understood() {
        let file = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20270115T170000Z\nDURATION:PT1H30M\nEND:VEVENT\n\
            BEGIN:VEVENT\nUID:b\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20270115T180000\nEND:VEVENT\nEND:VCALENDAR\n";
        let calendar = read(file.as_bytes(), "collègues", PARIS, span()).unwrap();
        assert_eq!(calendar.name, "collègues");
        assert_eq!(calendar.events[0].end_utc, utc("2027-01-15T18:30:00Z"));
        assert_eq!(calendar.events[1].start_utc, utc("2027-01-15T17:00:00Z"));
        assert_eq!(calendar.events[1].summary, "(sans titre)");
    }

    #[test]
    fn a_file_that_is_not_a_calendar_says_so() {
        assert!(matches!(read(b"nom;prenom\nDupont;Anne\n", "x", PARIS, span()), Err(ReadError::NoCalendar)));
        assert!(matches!(read(&[0xff, 0xfe, 0x00], "x", PARIS, span()), Err(ReadError::NoCalendar)));
        let bad_date = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:demain\nEND:VEVENT\nEND:VCALENDAR\n";
        let error = read(bad_date.as_bytes(), "x", PARIS, span()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "aucun de ses événements n'est lisible : l'événement n° 1 a une date de début illisible (demain)"
        );
        let too_large = vec![b' '; MAX_FILE_BYTES as usize + 1];
        let error = read(&too_large, "x", PARIS, span()).unwrap_err();
        assert_eq!(error.to_string(), "il pèse 21 Mo, plus que les 20 Mo qu'un calendrier peut peser");
    }

    #[test]
    fn a_file_in_windows_1252_is_read() {
        let file = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270115T170000Z\r\n\
            SUMMARY:R\xe9union \xe0 la Pr\xe9fecture\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let calendar = read(file, "x", PARIS, span()).unwrap();
        assert_eq!(calendar.events[0].summary, "Réunion à la Préfecture");
    }

    /// Finding 3 of issue 19: `Duration::weeks` panicked on this value (exit 101, and in
    /// the window a poisoned lock until a restart).
    #[test]
    fn a_duration_too_long_for_any_date_is_no_panic() {
        for value in
            ["P99999999999999W", "P9223372036854775807D", "PT9223372036854775807S", "P1W1W1W99999999999999D"]
        {
            let file = calendar(&format!(
                "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270115T170000Z\r\nDURATION:{value}\r\nEND:VEVENT\r\n"
            ));
            let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
            assert_eq!(got.events[0].end_utc, got.events[0].start_utc, "{value}");
        }
        assert_eq!(duration("P99999999999999W"), None);
        assert_eq!(duration("P0DT0H10M0S"), Some(TimeDelta::minutes(10)));
        // At the far end of the dates chrono knows, the end stays the start.
        let file = calendar(
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:99991231\r\nDURATION:P9999999D\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n",
        );
        let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!((got.events.len(), got.repeating), (0, 1), "no date of it in the span");
    }

    /// Finding 3 of issue 19: a rule repeating every second since 1900 was followed from
    /// 1900, for minutes, with the base locked.
    #[test]
    fn a_rule_repeating_every_second_since_1900_is_expanded_from_the_span_only() {
        let started = std::time::Instant::now();
        let file = calendar(
            "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:19000101T000007Z\r\nRRULE:FREQ=SECONDLY;INTERVAL=13\r\nEND:VEVENT\r\n",
        );
        let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!(got.events.len(), MAX_OCCURRENCES);
        assert_eq!((got.repeating, got.left_out), (1, 1));
        // The same phase as from 1900: every 13 seconds from 00:00:07 on 1 January 1900.
        let origin = utc("1900-01-01T00:00:07Z");
        let first = got.events[0].start_utc;
        assert!(first >= span().from && first - span().from < TimeDelta::seconds(13), "{first}");
        for pair in got.events.windows(2) {
            assert_eq!(pair[1].start_utc - pair[0].start_utc, TimeDelta::seconds(13));
        }
        assert_eq!((first - origin).num_seconds() % 13, 0);
        // Every few minutes, hours, days, weeks since long ago, in a zone with clock
        // changes: the dates keep the step and the local hour of the true start.
        let local = |at: DateTime<Utc>| at.with_timezone(&PARIS).naive_local();
        let first = |rule: &str, start: &str| {
            let file = calendar(&format!(
                "BEGIN:VEVENT\r\nUID:r\r\nDTSTART;TZID=Europe/Paris:{start}\r\nRRULE:{rule}\r\nEND:VEVENT\r\n"
            ));
            let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
            assert_eq!(got.repeating, 1, "{rule}");
            let start = NaiveDateTime::parse_from_str(start, "%Y%m%dT%H%M%S").unwrap();
            (got.events[0].start_utc, start)
        };
        let (at, start) = first("FREQ=MINUTELY;INTERVAL=7", "19000101T000000");
        assert!(at >= span().from && at - span().from < TimeDelta::minutes(7), "{at}");
        assert_eq!((local(at) - start).num_minutes() % 7, 0);
        let (at, start) = first("FREQ=HOURLY;INTERVAL=5", "19000101T030000");
        assert!(at >= span().from && at - span().from < TimeDelta::hours(5), "{at}");
        assert_eq!((local(at) - start).num_hours() % 5, 0);
        let (at, _) = first("FREQ=DAILY;BYHOUR=9,18", "19000102T000000");
        assert_eq!(at, utc("2025-11-25T08:00:00Z"));
        // Every other week from Tuesday 2 January 1900: Tuesday 25 November 2025 is 6 569
        // weeks after, an odd number, so its week is not one; from 9 January 1900, it is.
        let (at, _) = first("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "19000102T183000");
        assert_eq!(at, utc("2025-12-02T17:30:00Z"));
        let (at, _) = first("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "19000109T183000");
        assert_eq!(at, utc("2025-11-25T17:30:00Z"));
        let (at, _) = first("FREQ=MONTHLY;BYDAY=-1FR", "16010105T100000");
        assert_eq!(at, utc("2025-11-28T09:00:00Z"));
        let (at, _) = first("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "00040229T120000");
        assert_eq!(at, utc("2028-02-29T11:00:00Z"));
    }

    #[test]
    fn moving_a_start_forward_gives_the_dates_of_the_true_start() {
        // Against the rrule crate followed from the true start, on rules short enough to
        // follow: the same dates in the span.
        let span = Span { from: utc("2026-03-20T00:00:00Z"), to: utc("2026-04-10T00:00:00Z") };
        for rule in [
            "FREQ=HOURLY;INTERVAL=7",
            "FREQ=HOURLY;BYHOUR=2,3;BYMINUTE=30",
            "FREQ=DAILY;INTERVAL=3;BYHOUR=2;BYMINUTE=30",
            "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE;WKST=SU",
            "FREQ=MINUTELY;INTERVAL=17;BYHOUR=2",
            "FREQ=MINUTELY;INTERVAL=17",
            "FREQ=SECONDLY;INTERVAL=7777;BYMONTH=3,4",
            "FREQ=DAILY;UNTIL=20260401T000000Z",
        ] {
            let start = NaiveDate::from_ymd_opt(2020, 2, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
            let ours = Rule {
                rrule: rule.into(),
                start,
                zone: PARIS,
                excluded: HashSet::new(),
                excluded_days: HashSet::new(),
            };
            let mut steps = MAX_STEPS;
            let moved = ours.occurrences(span, 10_000, &mut steps).unwrap();
            assert!(moved.complete);
            let zone = rrule::Tz::Tz(PARIS);
            let begin = zone.from_local_datetime(&start).earliest().unwrap();
            let parsed: rrule::RRule<rrule::Unvalidated> = rule.parse().unwrap();
            let all = rrule::RRuleSet::new(begin)
                .rrule(parsed.validate(begin).unwrap())
                .after(span.from.with_timezone(&zone))
                .before(span.to.with_timezone(&zone))
                .all(u16::MAX);
            let theirs: Vec<DateTime<Utc>> = all.dates.into_iter().map(|d| d.with_timezone(&Utc)).collect();
            assert!(!theirs.is_empty(), "{rule}");
            assert_eq!(moved.starts, theirs, "{rule}");
        }
    }

    /// Crashes found by fuzzing (`scripts/fuzz.sh ics`), each read again here.
    #[test]
    fn inputs_that_crashed_the_fuzzer_are_read() {
        // The rrule crate sliced `BYDAY` inside a character.
        let file = calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270115T170000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=M\u{ff}\u{fe}O\r\nEND:VEVENT\r\n");
        let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!((got.events.len(), got.first_date_only), (1, 1));
    }

    #[test]
    fn a_file_keeps_at_most_its_cap_of_dates_and_says_what_it_left_out() {
        let mut events = String::new();
        for n in 0..20 {
            events.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:r{n}\r\nDTSTART:20100104T08{n:02}00Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
            ));
        }
        events.push_str("BEGIN:VEVENT\r\nUID:seul\r\nDTSTART:20270104T080000Z\r\nEND:VEVENT\r\n");
        let got = read(calendar(&events).as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!(got.events.len(), MAX_DATES);
        // 13 daily events have their 1 461 dates, the 14th some, the last 6 none: 7 left
        // out; the single event is kept.
        assert_eq!((got.repeating, got.left_out), (14, 7));
        assert!(got.events.iter().any(|e| e.uid == "seul"));
    }

    #[test]
    fn a_broken_line_or_event_loses_only_itself() {
        let file = calendar(
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270115T170000Z\r\n:sans nom\r\nSUMMARY;=x:y\r\nATTENDEE;CN=\"Jean:mailto:j@x\r\n\
             SUMMARY:Gardée\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:b\r\nDTSTART:le 3 mars\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n\
             BEGIN:X-INCONNU\r\nFOO:bar\r\nEND:X-INCONNU\r\n\
             BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20270116T170000Z\r\nDTEND:n'importe quand\r\nBEGIN:VALARM\r\n\
             DESCRIPTION:Rappel\r\nEND:VALARM\r\nSUMMARY:Sans fin\r\n\
             BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20270117T170000Z\r\nSUMMARY:Après un événement jamais fermé\r\nEND:VEVENT\r\n",
        );
        let got = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        let summaries: Vec<&str> = got.events.iter().map(|e| e.summary.as_str()).collect();
        assert_eq!(summaries, ["Gardée", "Sans fin", "Après un événement jamais fermé"]);
        assert_eq!(got.unreadable, 2);
        assert_eq!(got.events[1].end_utc, got.events[1].start_utc, "an unreadable end: none");
    }
}
