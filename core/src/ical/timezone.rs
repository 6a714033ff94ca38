//! The VTIMEZONE block of a time zone (RFC 5545 § 3.6.5), derived from the tz database so
//! that any IANA zone of the settings works, not only Europe/Paris.
//!
//! The changes of offset are found over the years the calendar covers. When they follow a
//! yearly rule (« last Sunday of March at 02:00 ») every year, the block holds one STANDARD
//! and one DAYLIGHT with an RRULE, as Outlook writes; otherwise each change is listed.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::lines::{local_time, Lines};

/// One change of offset.
#[derive(Clone, Debug, PartialEq)]
struct Change {
    /// The wall-clock time it happens at, in the offset before it.
    local: NaiveDateTime,
    from: i32,
    to: i32,
    name: String,
    daylight: bool,
}

impl Change {
    /// The yearly rule the change follows: month, ordinal Sunday-like weekday (`-1` for the
    /// last), weekday and time of day.
    fn rule(&self) -> (u32, i32, chrono::Weekday, chrono::NaiveTime) {
        let day = self.local.date();
        let last = (day + Duration::days(7)).month() != day.month();
        let ordinal = if last { -1 } else { ((day.day() - 1) / 7 + 1) as i32 };
        (day.month(), ordinal, day.weekday(), self.local.time())
    }
}

/// The blocks already written, by zone and years.
type Blocks = Mutex<HashMap<(Tz, i32, i32), String>>;

/// The VTIMEZONE of `zone` valid for the years `first..=last`, computed once per process
/// (a publication writes one per meeting).
pub fn block(zone: Tz, first: i32, last: i32) -> String {
    static BLOCKS: OnceLock<Blocks> = OnceLock::new();
    let blocks = BLOCKS.get_or_init(Default::default);
    if let Some(text) = blocks.lock().ok().and_then(|b| b.get(&(zone, first, last)).cloned()) {
        return text;
    }
    let mut lines = Lines::new();
    write(&mut lines, zone, first, last);
    let text = lines.finish();
    if let Ok(mut blocks) = blocks.lock() {
        blocks.insert((zone, first, last), text.clone());
    }
    text
}

/// Writes the VTIMEZONE of `zone` valid for the years `first..=last`.
fn write(lines: &mut Lines, zone: Tz, first: i32, last: i32) {
    // One year before the first: a client extrapolates nothing for the first months.
    let years: Vec<(i32, Vec<Change>)> = (first - 1..=last).map(|y| (y, changes_in(zone, y))).collect();
    lines.begin("VTIMEZONE");
    lines.raw("TZID", &[], zone.name());
    let rules = |changes: &[Change]| changes.iter().map(Change::rule).collect::<Vec<_>>();
    let (_, start) = &years[0];
    let yearly = !start.is_empty()
        && years.iter().all(|(_, changes)| {
            rules(changes) == rules(start)
                && changes
                    .iter()
                    .zip(start)
                    .all(|(a, b)| (a.from, a.to, a.daylight) == (b.from, b.to, b.daylight))
        });
    if yearly {
        for change in start {
            let (month, ordinal, weekday, _) = change.rule();
            let day = weekday.to_string().to_uppercase()[..2].to_string();
            let rrule = format!("FREQ=YEARLY;BYMONTH={month};BYDAY={ordinal}{day}");
            observance(lines, change, Some(&rrule));
        }
    } else {
        let all: Vec<&Change> = years.iter().flat_map(|(_, c)| c).collect();
        if all.is_empty() {
            // No change at all in these years: one fixed offset since the first of them.
            let at = first_instant(first - 1);
            let offset = zone.offset_from_utc_datetime(&at.naive_utc());
            let seconds = offset.fix().local_minus_utc();
            let fixed = Change {
                local: at.naive_utc() + Duration::seconds(seconds as i64),
                from: seconds,
                to: seconds,
                name: offset.abbreviation().unwrap_or("").to_string(),
                daylight: false,
            };
            observance(lines, &fixed, None);
        }
        for change in all {
            observance(lines, change, None);
        }
    }
    lines.end("VTIMEZONE");
}

fn observance(lines: &mut Lines, change: &Change, rrule: Option<&str>) {
    let kind = if change.daylight { "DAYLIGHT" } else { "STANDARD" };
    lines.begin(kind);
    lines.raw("DTSTART", &[], &local_time(change.local));
    if let Some(rrule) = rrule {
        lines.raw("RRULE", &[], rrule);
    }
    lines.raw("TZOFFSETFROM", &[], &offset_text(change.from));
    lines.raw("TZOFFSETTO", &[], &offset_text(change.to));
    if !change.name.is_empty() {
        lines.text("TZNAME", &change.name);
    }
    lines.end(kind);
}

/// `+0100`, `-0530`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

fn first_instant(year: i32) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// The changes of offset of `zone` during `year`: found hour by hour, then to the minute.
fn changes_in(zone: Tz, year: i32) -> Vec<Change> {
    let offset_at =
        |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
    let start = first_instant(year);
    let end = first_instant(year + 1);
    let mut changes = Vec::new();
    let mut at = start;
    let mut current = offset_at(at);
    while at < end {
        let next = at + Duration::hours(1);
        let offset = offset_at(next);
        if offset != current {
            // The first minute of the hour with the new offset.
            let mut instant = at;
            while offset_at(instant) == current {
                instant += Duration::minutes(1);
            }
            let tz_offset = zone.offset_from_utc_datetime(&instant.naive_utc());
            changes.push(Change {
                local: instant.naive_utc() + Duration::seconds(current as i64),
                from: current,
                to: offset,
                name: tz_offset.abbreviation().unwrap_or("").to_string(),
                daylight: !tz_offset.dst_offset().is_zero(),
            });
            current = offset;
        }
        at = next;
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_has_the_two_yearly_rules_of_the_european_union() {
        let text = block(chrono_tz::Europe::Paris, 2027, 2028);
        assert_eq!(
            text,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
             TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
             TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn new_york_changes_on_the_second_and_first_sundays() {
        let text = block(chrono_tz::America::New_York, 2027, 2027);
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"), "{text}");
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"), "{text}");
        assert!(text.contains("TZOFFSETTO:-0400\r\n"));
    }

    #[test]
    fn a_zone_without_summer_time_has_one_fixed_offset() {
        let text = block(chrono_tz::Indian::Reunion, 2027, 2027);
        assert!(
            text.contains(
                "BEGIN:STANDARD\r\nDTSTART:20260101T040000\r\nTZOFFSETFROM:+0400\r\nTZOFFSETTO:+0400\r\n"
            ),
            "{text}"
        );
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1);
        assert!(!text.contains("RRULE"));
    }
}
