//! Reading another body's calendar (an `.ics` file: an Outlook export, a published
//! calendar) with the `ical` crate: its events as UTC spans, to show beside ours and to
//! find overlaps.

use std::io::BufReader;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalEvent;
use ical::property::Property;

use super::lines::unescape_text;

/// An event read from a calendar file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEvent {
    /// Its UID (with RECURRENCE-ID, the key of an update on re-import).
    pub uid: String,
    /// RECURRENCE-ID of a moved occurrence, empty otherwise.
    pub recurrence_id: String,
    pub summary: String,
    pub location: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    /// A whole-day event (DTSTART;VALUE=DATE).
    pub all_day: bool,
    /// It repeats (RRULE): only its first occurrence is kept.
    pub repeats: bool,
}

/// A calendar file read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalCalendar {
    /// X-WR-CALNAME, else the name the caller gave (the file's).
    pub name: String,
    /// Its events, cancelled ones left out.
    pub events: Vec<ExternalEvent>,
}

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

/// Reads the calendars of `bytes`; local times without a known zone are taken in `zone`.
pub fn read(bytes: &[u8], default_name: &str, zone: Tz) -> Result<ExternalCalendar, ReadError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| ReadError::Syntax("texte qui n'est pas en UTF-8".into()))?;
    let text = text.trim_start_matches('\u{feff}');
    if !text.trim_start().to_ascii_uppercase().starts_with("BEGIN:VCALENDAR") {
        return Err(ReadError::NoCalendar);
    }
    let mut calendar = ExternalCalendar { name: default_name.to_string(), events: Vec::new() };
    let mut number = 0;
    for parsed in ical::IcalParser::new(BufReader::new(text.as_bytes())) {
        let parsed = parsed.map_err(|e| ReadError::Syntax(e.to_string()))?;
        if let Some(name) = value_of(&parsed.properties, "X-WR-CALNAME").filter(|n| !n.trim().is_empty()) {
            calendar.name = unescape_text(name.trim());
        }
        for event in &parsed.events {
            number += 1;
            if let Some(read) = read_event(event, number, zone)? {
                calendar.events.push(read);
            }
        }
    }
    Ok(calendar)
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

/// One event, or `None` for a cancelled one.
fn read_event(event: &IcalEvent, number: usize, zone: Tz) -> Result<Option<ExternalEvent>, ReadError> {
    let props = &event.properties;
    if value_of(props, "STATUS").is_some_and(|s| s.trim().eq_ignore_ascii_case("CANCELLED")) {
        return Ok(None);
    }
    let Some(start_prop) = props.iter().find(|p| p.name.eq_ignore_ascii_case("DTSTART")) else {
        return Err(ReadError::BadDate { number, value: "DTSTART absent".into() });
    };
    let bad = |p: &Property| ReadError::BadDate { number, value: p.value.clone().unwrap_or_default() };
    let (start, all_day) = instant(start_prop, zone).ok_or_else(|| bad(start_prop))?;
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
    Ok(Some(ExternalEvent {
        uid,
        recurrence_id: value_of(props, "RECURRENCE-ID").unwrap_or("").trim().to_string(),
        summary: if summary.trim().is_empty() {
            "(sans titre)".to_string()
        } else {
            summary.trim().to_string()
        },
        location: value_of(props, "LOCATION").map(unescape_text).unwrap_or_default().trim().to_string(),
        start_utc: start,
        end_utc: end.max(start),
        all_day,
        repeats: value_of(props, "RRULE").is_some(),
    }))
}

/// The instant of a DATE-TIME or DATE property (and whether it is a whole day).
fn instant(property: &Property, default_zone: Tz) -> Option<(DateTime<Utc>, bool)> {
    let value = property.value.as_deref()?.trim();
    if value.len() == 8 || param_of(property, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) {
        let day = NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()?;
        let zone = param_of(property, "TZID").and_then(zone_named).unwrap_or(default_zone);
        return Some((in_zone(day.and_hms_opt(0, 0, 0)?, zone)?, true));
    }
    if let Some(utc) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        let at = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some((Utc.from_utc_datetime(&at), false));
    }
    let at = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    let zone = param_of(property, "TZID").and_then(zone_named).unwrap_or(default_zone);
    Some((in_zone(at, zone)?, false))
}

/// A local time in `zone`: the earlier of an ambiguous hour, the hour after a skipped one.
fn in_zone(at: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&at)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(at + Duration::hours(1))).earliest())
        .map(|t| t.with_timezone(&Utc))
}

/// The zone a TZID names: an IANA name (also at the end of a path, as Mozilla writes
/// them), or one of the Windows names Outlook writes for European and overseas zones.
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
    let iana = match tzid {
        "Romance Standard Time" => "Europe/Paris",
        "W. Europe Standard Time" => "Europe/Berlin",
        "Central Europe Standard Time" => "Europe/Budapest",
        "Central European Standard Time" => "Europe/Warsaw",
        "GMT Standard Time" => "Europe/London",
        "Greenwich Standard Time" => "Atlantic/Reykjavik",
        "UTC" | "Coordinated Universal Time" => "UTC",
        "Mauritius Standard Time" => "Indian/Reunion",
        "SA Western Standard Time" => "America/Guadeloupe",
        "SA Eastern Standard Time" => "America/Cayenne",
        "Hawaiian Standard Time" => "Pacific/Honolulu",
        _ => return None,
    };
    iana.parse().ok()
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
        let calendar = read(file.as_bytes(), "fichier", PARIS).unwrap();
        assert_eq!(calendar.name, "Agenda de la Région");
        assert_eq!(calendar.events.len(), 2, "the cancelled event is left out");
        let first = &calendar.events[0];
        assert_eq!(first.summary, "Commission « mobilités », suite; v2");
        assert_eq!(first.location, "Salle 3, Hôtel de Région");
        // 31 October 2027 is after the change to winter time: UTC+1.
        assert_eq!(first.start_utc, utc("2027-10-31T09:00:00Z"));
        assert_eq!(first.end_utc, utc("2027-10-31T11:00:00Z"));
        let day = &calendar.events[1];
        assert!(day.all_day && day.repeats);
        assert_eq!(day.start_utc, utc("2027-03-28T22:00:00Z"));
        assert_eq!(day.end_utc, utc("2027-03-29T22:00:00Z"));
    }

    #[test]
    fn durations_utc_times_and_mozilla_zone_paths_are_understood() {
        let file = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20270115T170000Z\nDURATION:PT1H30M\nEND:VEVENT\n\
            BEGIN:VEVENT\nUID:b\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20270115T180000\nEND:VEVENT\nEND:VCALENDAR\n";
        let calendar = read(file.as_bytes(), "collègues", PARIS).unwrap();
        assert_eq!(calendar.name, "collègues");
        assert_eq!(calendar.events[0].end_utc, utc("2027-01-15T18:30:00Z"));
        assert_eq!(calendar.events[1].start_utc, utc("2027-01-15T17:00:00Z"));
        assert_eq!(calendar.events[1].summary, "(sans titre)");
    }

    #[test]
    fn a_file_that_is_not_a_calendar_says_so() {
        assert!(matches!(read(b"nom;prenom\nDupont;Anne\n", "x", PARIS), Err(ReadError::NoCalendar)));
        assert!(matches!(read(&[0xff, 0xfe, 0x00], "x", PARIS), Err(ReadError::Syntax(_))));
        let bad_date = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:demain\nEND:VEVENT\nEND:VCALENDAR\n";
        let error = read(bad_date.as_bytes(), "x", PARIS).unwrap_err();
        assert_eq!(error.to_string(), "l'événement n° 1 a une date de début illisible (demain)");
    }
}
