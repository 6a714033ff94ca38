//! What the values of an imported event's properties mean: parameters, DATE and DATE-TIME
//! values in their zone (IANA, Mozilla paths, Windows names), lists of instants, DURATIONs;
//! `None` for anything unreadable, never a panic.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use ical::property::Property;

use crate::ical::windows_zones::WINDOWS_ZONES;

pub(super) fn value_of<'a>(properties: &'a [Property], name: &str) -> Option<&'a str> {
    properties.iter().find(|p| p.name.eq_ignore_ascii_case(name)).and_then(|p| p.value.as_deref())
}

pub(super) fn param_of<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// The instant of a DATE-TIME or DATE property (and whether it is a whole day).
pub(super) fn instant(property: &Property, default_zone: Tz) -> Option<(DateTime<Utc>, bool)> {
    let (local, zone, all_day) = local_time(property, default_zone)?;
    Some((in_zone(local, zone)?, all_day))
}

/// The instants of a property holding a list (EXDATE:20270112T180000,20270119T180000).
pub(super) fn instants(property: &Property, default_zone: Tz) -> Vec<DateTime<Utc>> {
    each_value(property).filter_map(|one| instant(&one, default_zone).map(|(at, _)| at)).collect()
}

/// A property holding a list, as one property for each of its values.
pub(super) fn each_value(property: &Property) -> impl Iterator<Item = Property> + '_ {
    let values = property.value.as_deref().unwrap_or("");
    values.split(',').map(|value| Property { value: Some(value.trim().to_string()), ..property.clone() })
}

/// The local time of a DATE-TIME or DATE property, in its zone (UTC for a `Z` value), and
/// whether it is a whole day.
pub(super) fn local_time(property: &Property, default_zone: Tz) -> Option<(NaiveDateTime, Tz, bool)> {
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
pub(super) fn in_zone(at: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&at)
        .earliest()
        .or_else(|| zone.from_local_datetime(&at.checked_add_signed(TimeDelta::hours(1))?).earliest())
        .map(|t| t.with_timezone(&Utc))
}

/// The zone a TZID names: an IANA name (also at the end of a path, as Mozilla writes
/// them), or one of the Windows names Outlook writes (CLDR's mapping).
pub(super) fn zone_named(tzid: &str) -> Option<Tz> {
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

/// A DURATION value (`PT1H30M`, `P1D`, `P2W`, `P0DT0H10M0S`), positive; `None` when it is
/// not one or does not fit (`P99999999999999W`).
pub(super) fn duration(value: &str) -> Option<TimeDelta> {
    let value = value.trim().strip_prefix('+').unwrap_or(value.trim());
    let rest = value.strip_prefix('P')?;
    let mut total = TimeDelta::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let part = match (unit, in_time) {
                    ('W', false) => TimeDelta::try_weeks(n),
                    ('D', false) => TimeDelta::try_days(n),
                    ('H', true) => TimeDelta::try_hours(n),
                    ('M', true) => TimeDelta::try_minutes(n),
                    ('S', true) => TimeDelta::try_seconds(n),
                    _ => None,
                }?;
                total = total.checked_add(&part)?;
            }
        }
    }
    number.is_empty().then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARIS: Tz = chrono_tz::Europe::Paris;

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
}
