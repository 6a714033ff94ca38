//! Reading another body's calendar (an `.ics` file: an Outlook export, a published
//! calendar) with the `ical` crate: its events as UTC spans, to show beside ours and to
//! find overlaps. A repeating event (RRULE) is expanded with the `rrule` crate into its
//! dates within a span around today, less its EXDATEs and with its moved or cancelled
//! occurrences (RECURRENCE-ID) taken from the file.

use std::collections::HashSet;
use std::io::BufReader;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;
use ical::property::Property;

use super::lines::unescape_text;
use super::windows_zones::WINDOWS_ZONES;

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
        use chrono::Datelike;
        let midnight = |years: i32| {
            let day = NaiveDate::from_ymd_opt(today.year() + years, today.month(), today.day().min(28))
                .unwrap_or(today);
            Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN))
        };
        Span { from: midnight(-1), to: midnight(3) }
    }
}

/// The most dates kept of one repeating event (a daily event over the whole span).
const MAX_OCCURRENCES: u16 = 1500;

/// Why a file is not a calendar we can read (French, for the message).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("il ne contient pas de calendrier au format iCalendar (.ics)")]
    NoCalendar,
    #[error("sa structure iCalendar est invalide ({0})")]
    Syntax(String),
    #[error("l'événement n° {number} a une date de début illisible ({value})")]
    BadDate { number: usize, value: String },
}

/// Reads the calendars of `bytes`; local times without a known zone are taken in `zone`,
/// repeating events are expanded within `span`.
pub fn read(bytes: &[u8], default_name: &str, zone: Tz, span: Span) -> Result<ExternalCalendar, ReadError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| ReadError::Syntax("texte qui n'est pas en UTF-8".into()))?;
    let text = text.trim_start_matches('\u{feff}');
    if !text.trim_start().to_ascii_uppercase().starts_with("BEGIN:VCALENDAR") {
        return Err(ReadError::NoCalendar);
    }
    let mut name = default_name.to_string();
    let mut read = Vec::new();
    let mut number = 0;
    for parsed in ical::IcalParser::new(BufReader::new(text.as_bytes())) {
        let parsed = parsed.map_err(|e| ReadError::Syntax(e.to_string()))?;
        if let Some(found) = value_of(&parsed.properties, "X-WR-CALNAME").filter(|n| !n.trim().is_empty()) {
            name = unescape_text(found.trim());
        }
        for event in &parsed.events {
            number += 1;
            read.push(read_event(event, number, zone)?);
        }
    }
    // Occurrences the file gives on their own (moved, or cancelled): not generated again.
    let given: HashSet<(String, String)> = read
        .iter()
        .filter(|r| !r.event.recurrence_id.is_empty())
        .map(|r| (r.event.uid.clone(), r.event.recurrence_id.clone()))
        .collect();
    let mut calendar = ExternalCalendar { name, events: Vec::new(), repeating: 0, first_date_only: 0 };
    for ReadEvent { event, cancelled, rule } in read {
        match rule {
            _ if cancelled => {}
            Some(rule) if event.recurrence_id.is_empty() => match rule.occurrences(span) {
                Some(starts) => {
                    calendar.repeating += 1;
                    let length = event.end_utc - event.start_utc;
                    for start in starts {
                        let recurrence_id = recurrence_key(start);
                        if rule.excluded.contains(&start)
                            || given.contains(&(event.uid.clone(), recurrence_id.clone()))
                        {
                            continue;
                        }
                        calendar.events.push(ExternalEvent {
                            recurrence_id,
                            start_utc: start,
                            end_utc: start + length,
                            repeats: true,
                            ..event.clone()
                        });
                    }
                }
                None => {
                    calendar.first_date_only += 1;
                    calendar.events.push(ExternalEvent { repeats: true, ..event });
                }
            },
            _ => calendar.events.push(event),
        }
    }
    Ok(calendar)
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

/// The repetition of an event: its RRULE, its first start in its own zone (so that a
/// weekly 18 h stays at 18 h across the clock changes) and its EXDATEs.
struct Rule {
    rrule: String,
    start: NaiveDateTime,
    zone: Tz,
    excluded: HashSet<DateTime<Utc>>,
}

impl Rule {
    /// The starts within `span`, or `None` when the rule cannot be read.
    fn occurrences(&self, span: Span) -> Option<Vec<DateTime<Utc>>> {
        let zone = rrule::Tz::Tz(self.zone);
        let start = zone.from_local_datetime(&self.start).earliest()?;
        let rule: rrule::RRule<rrule::Unvalidated> = self.rrule.parse().ok()?;
        let set = rrule::RRuleSet::new(start)
            .rrule(rule.validate(start).ok()?)
            .after(span.from.with_timezone(&zone))
            .before(span.to.with_timezone(&zone));
        Some(set.all(MAX_OCCURRENCES).dates.into_iter().map(|d| d.with_timezone(&Utc)).collect())
    }
}

fn value_of<'a>(properties: &'a [Property], name: &str) -> Option<&'a str> {
    properties.iter().find(|p| p.name.eq_ignore_ascii_case(name)).and_then(|p| p.value.as_deref())
}

fn param_of<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// One event of the file, with its repetition if it has one.
fn read_event(event: &IcalEvent, number: usize, zone: Tz) -> Result<ReadEvent, ReadError> {
    let props = &event.properties;
    let cancelled = value_of(props, "STATUS").is_some_and(|s| s.trim().eq_ignore_ascii_case("CANCELLED"));
    let Some(start_prop) = props.iter().find(|p| p.name.eq_ignore_ascii_case("DTSTART")) else {
        return Err(ReadError::BadDate { number, value: "DTSTART absent".into() });
    };
    let bad = |p: &Property| ReadError::BadDate { number, value: p.value.clone().unwrap_or_default() };
    let (local, start_zone, all_day) = local_time(start_prop, zone).ok_or_else(|| bad(start_prop))?;
    let start = in_zone(local, start_zone).ok_or_else(|| bad(start_prop))?;
    let end = match props.iter().find(|p| p.name.eq_ignore_ascii_case("DTEND")) {
        Some(end_prop) => instant(end_prop, zone).ok_or_else(|| bad(end_prop))?.0,
        None => match value_of(props, "DURATION").and_then(duration) {
            Some(length) => start + length,
            None if all_day => start + Duration::days(1),
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
    Ok(ReadEvent { event, cancelled, rule })
}

/// The instant of a DATE-TIME or DATE property (and whether it is a whole day).
fn instant(property: &Property, default_zone: Tz) -> Option<(DateTime<Utc>, bool)> {
    let (local, zone, all_day) = local_time(property, default_zone)?;
    Some((in_zone(local, zone)?, all_day))
}

/// The instants of a property holding a list (EXDATE:20270112T180000,20270119T180000).
fn instants(property: &Property, default_zone: Tz) -> Vec<DateTime<Utc>> {
    let values = property.value.as_deref().unwrap_or("");
    values
        .split(',')
        .filter_map(|value| {
            let one = Property { value: Some(value.trim().to_string()), ..property.clone() };
            instant(&one, default_zone).map(|(at, _)| at)
        })
        .collect()
}

/// The local time of a DATE-TIME or DATE property, in its zone (UTC for a `Z` value), and
/// whether it is a whole day.
fn local_time(property: &Property, default_zone: Tz) -> Option<(NaiveDateTime, Tz, bool)> {
    let value = property.value.as_deref()?.trim();
    let zone = param_of(property, "TZID").and_then(zone_named).unwrap_or(default_zone);
    if value.len() == 8 || param_of(property, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) {
        let day = NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()?;
        return Some((day.and_hms_opt(0, 0, 0)?, zone, true));
    }
    if let Some(utc) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        let at = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some((at, Tz::UTC, false));
    }
    let at = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    Some((at, zone, false))
}

/// A local time in `zone`: the earlier of an ambiguous hour, the hour after a skipped one.
fn in_zone(at: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&at)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(at + Duration::hours(1))).earliest())
        .map(|t| t.with_timezone(&Utc))
}

/// The zone a TZID names: an IANA name (also at the end of a path, as Mozilla writes
/// them), or one of the Windows names Outlook writes (CLDR's mapping).
fn zone_named(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(zone) = tzid.parse::<Tz>() {
        return Some(zone);
    }
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2 {
        if let Ok(zone) = parts[parts.len() - 2..].join("/").parse::<Tz>() {
            return Some(zone);
        }
    }
    if tzid == "Coordinated Universal Time" {
        return Some(Tz::UTC);
    }
    let found = WINDOWS_ZONES.binary_search_by(|(windows, _)| (*windows).cmp(tzid)).ok()?;
    WINDOWS_ZONES[found].1.parse().ok()
}

/// A DURATION value (`PT1H30M`, `P1D`, `P2W`), positive.
fn duration(value: &str) -> Option<Duration> {
    let value = value.trim().strip_prefix('+').unwrap_or(value.trim());
    let rest = value.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                total += match (unit, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(total)
}

#[cfg(test)]
mod tests {
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
        let read = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!((read.repeating, read.first_date_only), (1, 0));
        let starts: Vec<String> =
            read.events.iter().map(|e| e.start_utc.format("%d/%m %H:%M").to_string()).collect();
        // 16 March at 17:00 UTC (winter time), from 30 March at 16:00 UTC (summer time).
        assert_eq!(
            starts,
            ["16/03 17:00", "13/04 16:00", "20/04 16:00", "27/04 16:00", "04/05 16:00", "31/03 16:00"]
        );
        let first = &read.events[0];
        assert_eq!(
            (first.recurrence_id.as_str(), first.end_utc),
            ("20270316T170000Z", utc("2027-03-16T19:00:00Z"))
        );
        let moved = read.events.last().unwrap();
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
        let read = read(file.as_bytes(), "x", PARIS, span()).unwrap();
        assert_eq!((read.repeating, read.first_date_only), (2, 1));
        let daily: Vec<_> = read.events.iter().filter(|e| e.uid == "quotidien").collect();
        assert_eq!(daily[0].start_utc, utc("2025-11-25T08:00:00Z"), "from a year before the import");
        assert_eq!(daily.last().unwrap().start_utc, utc("2029-11-24T08:00:00Z"), "to three years after");
        assert!(!read.events.iter().any(|e| e.uid == "fini"), "a rule ended before the span gives nothing");
        let unreadable: Vec<_> = read.events.iter().filter(|e| e.uid == "illisible").collect();
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
    fn every_windows_zone_name_is_known_and_the_table_is_sorted() {
        assert!(WINDOWS_ZONES.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted, for the binary search");
        for (windows, iana) in WINDOWS_ZONES {
            // « UTC » is an IANA name too, and read as such.
            let expected = if windows.parse::<Tz>().is_ok() { *windows } else { *iana };
            assert_eq!(zone_named(windows).map(|z| z.name()), Some(expected), "{windows}");
        }
        assert_eq!(zone_named("Romance Standard Time"), Some(PARIS));
        assert_eq!(zone_named("Tokyo Standard Time"), Some(chrono_tz::Asia::Tokyo));
        assert_eq!(zone_named("Coordinated Universal Time"), Some(Tz::UTC));
        assert_eq!(zone_named("Heure de Mars"), None);
    }

    #[test]
    fn a_file_that_is_not_a_calendar_says_so() {
        assert!(matches!(read(b"nom;prenom\nDupont;Anne\n", "x", PARIS, span()), Err(ReadError::NoCalendar)));
        assert!(matches!(read(&[0xff, 0xfe, 0x00], "x", PARIS, span()), Err(ReadError::Syntax(_))));
        let bad_date = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:demain\nEND:VEVENT\nEND:VCALENDAR\n";
        let error = read(bad_date.as_bytes(), "x", PARIS, span()).unwrap_err();
        assert_eq!(error.to_string(), "l'événement n° 1 a une date de début illisible (demain)");
    }
}
