//! The one clock of the application: « now » and « today » come from here, in the settings'
//! time zone (Europe/Paris by default) — never from SQL's `'now','localtime'` nor from the
//! machine's time zone. Tests and benchmarks fix it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

/// The time zone of new bases (the settings may name another).
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Paris;

/// Where the time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// Always this instant (tests, benchmarks, reproducible demonstrations).
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// A clock stopped at `local` wall-clock time in `zone` (the earlier instant if that time
    /// happens twice; the next valid one if it does not exist).
    pub fn fixed_at(local: NaiveDateTime, zone: Tz) -> Clock {
        Clock::Fixed(instant_of(local, zone))
    }

    /// The current instant.
    pub fn now_utc(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(instant) => instant,
        }
    }

    /// The local wall-clock time now in `zone`, to the second.
    pub fn now_in(self, zone: Tz) -> NaiveDateTime {
        let local = self.now_utc().with_timezone(&zone).naive_local();
        local.with_nanosecond(0).unwrap_or(local)
    }

    /// Today's date in `zone`.
    pub fn today_in(self, zone: Tz) -> NaiveDate {
        self.now_in(zone).date()
    }
}

/// The IANA time zone named `name`, Europe/Paris when it is not one.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(DEFAULT_ZONE)
}

/// Today on the system clock in the default time zone, for callers without a base (tests,
/// benchmarks); with a base, [`crate::store::Store::today`] uses the settings' zone.
pub fn today() -> NaiveDate {
    Clock::System.today_in(DEFAULT_ZONE)
}

/// The instant of `local` wall-clock time in `zone`: the earlier one when the time happens
/// twice, and the next valid one when it does not exist (for data the application writes
/// itself; what a user types is refused or asked about instead, see [`locate`]).
pub fn instant_of(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    local
        .and_local_timezone(zone)
        .earliest()
        .or_else(|| (local + chrono::Duration::hours(1)).and_local_timezone(zone).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

/// `local` wall-clock time in `zone` as a UTC record time stamp (`…Z`), see [`instant_of`].
pub fn utc_stamp(local: NaiveDateTime, zone: Tz) -> String {
    instant_of(local, zone).format(UTC_FORMAT).to_string()
}

/// The UTC record format of instants (`2027-01-12T17:00:00Z`): sorts as time does.
pub const UTC_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// Where a local wall-clock time falls in a time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTime {
    /// One instant (the usual case).
    Once(DateTime<Utc>),
    /// Twice, when the clocks go back (02:30 on the last Sunday of October in Paris): the
    /// earlier instant (summer time) then the later one (winter time).
    Twice(DateTime<Utc>, DateTime<Utc>),
    /// Never, when the clocks go forward (02:30 on the last Sunday of March in Paris).
    Never,
}

/// Where `local` falls in `zone`.
pub fn locate(local: NaiveDateTime, zone: Tz) -> LocalTime {
    use chrono::LocalResult;
    match local.and_local_timezone(zone) {
        LocalResult::Single(t) => LocalTime::Once(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            LocalTime::Twice(a.min(b), a.max(b))
        }
        LocalResult::None => LocalTime::Never,
    }
}

/// The UTC offset of `zone` at `instant`, as « UTC+2 ».
pub fn offset_label(instant: DateTime<Utc>, zone: Tz) -> String {
    use chrono::Offset;
    let seconds = instant.with_timezone(&zone).offset().fix().local_minus_utc();
    let (sign, seconds) = if seconds < 0 { ('−', -seconds) } else { ('+', seconds) };
    match seconds % 3600 {
        0 => format!("UTC{sign}{}", seconds / 3600),
        rest => format!("UTC{sign}{}:{:02}", seconds / 3600, rest / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn today_is_the_date_in_paris_not_in_utc() {
        // 23:30 UTC on 31 December is already 1 January in Paris.
        let clock = Clock::Fixed(at(2026, 12, 31, 23, 30).and_utc());
        assert_eq!(clock.today_in(chrono_tz::Europe::Paris), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(clock.now_in(chrono_tz::Europe::Paris), at(2027, 1, 1, 0, 30));
    }

    #[test]
    fn local_times_become_utc_through_the_time_zone_not_a_fixed_offset() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(utc_stamp(at(2027, 1, 12, 18, 0), paris), "2027-01-12T17:00:00Z", "winter: UTC+1");
        assert_eq!(utc_stamp(at(2027, 6, 15, 18, 0), paris), "2027-06-15T16:00:00Z", "summer: UTC+2");
    }

    #[test]
    fn the_spring_gap_never_happens_and_the_autumn_hour_happens_twice() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(locate(at(2026, 3, 29, 2, 30), paris), LocalTime::Never);
        match locate(at(2026, 10, 25, 2, 30), paris) {
            LocalTime::Twice(summer, winter) => {
                assert_eq!(summer, at(2026, 10, 25, 0, 30).and_utc());
                assert_eq!(winter, at(2026, 10, 25, 1, 30).and_utc());
                assert_eq!(offset_label(summer, paris), "UTC+2");
                assert_eq!(offset_label(winter, paris), "UTC+1");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            locate(at(2026, 10, 25, 3, 30), paris),
            LocalTime::Once(at(2026, 10, 25, 2, 30).and_utc())
        );
    }

    #[test]
    fn an_unknown_zone_name_falls_back_to_paris() {
        assert_eq!(zone("Europe/Paris"), chrono_tz::Europe::Paris);
        assert_eq!(zone("Mars/Olympus"), chrono_tz::Europe::Paris);
    }
}
