//! The repetition of an imported event (RRULE, EXDATE), expanded by the `rrule` crate within
//! the span around today, from near the span rather than from a start in 1900, within a
//! budget of dates.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::Span;

/// The repetition of an event: its RRULE, its first start in its own zone (so that a
/// weekly 18 h stays at 18 h across the clock changes) and its EXDATEs.
pub(super) struct Rule {
    pub(super) rrule: String,
    pub(super) start: NaiveDateTime,
    pub(super) zone: Tz,
    pub(super) excluded: HashSet<DateTime<Utc>>,
    /// The days of the EXDATEs as written, for a whole-day event: Outlook writes them as
    /// midnight in its own zone (`EXDATE;TZID=GMT Standard Time:20240715T000000`).
    pub(super) excluded_days: HashSet<NaiveDate>,
}

/// The dates of a repeating event within the span, and whether they are all there.
pub(super) struct Expansion {
    pub(super) starts: Vec<DateTime<Utc>>,
    pub(super) complete: bool,
}

impl Rule {
    /// Whether the occurrence starting at `start` is one of the EXDATEs: the same instant,
    /// or for a whole-day event the same day.
    pub(super) fn excludes(&self, start: DateTime<Utc>, all_day: bool) -> bool {
        self.excluded.contains(&start)
            || (all_day && self.excluded_days.contains(&start.with_timezone(&self.zone).date_naive()))
    }

    /// The starts within `span`, at most `most`, going through at most `steps` dates
    /// (counted down), or `None` when the rule cannot be read. The `rrule` crate is not
    /// ours: should it panic on some rule, the rule is taken as unreadable.
    pub(super) fn occurrences(&self, span: Span, most: usize, steps: &mut usize) -> Option<Expansion> {
        let mut left = *steps;
        let expansion =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.expand(span, most, &mut left)))
                .ok()
                .flatten();
        *steps = left;
        expansion
    }

    fn expand(&self, span: Span, most: usize, steps: &mut usize) -> Option<Expansion> {
        // An RRULE is ASCII (RFC 5545 § 3.3.10); the rrule crate cuts BYDAY values at byte
        // offsets and panicked on `BYDAY=MÿþO` (found by fuzzing).
        if !self.rrule.is_ascii() {
            return None;
        }
        let zone = rrule::Tz::Tz(self.zone);
        let rule: rrule::RRule<rrule::Unvalidated> = self.rrule.parse().ok()?;
        let (from, to) = (span.from.with_timezone(&zone), span.to.with_timezone(&zone));
        // A rule ended before the span has no date in it (and could not start nearer).
        if rule.get_until().is_some_and(|until| *until < from) {
            return Some(Expansion { starts: Vec::new(), complete: true });
        }
        let start = nearer_starts(&rule, self.start, from.naive_local())
            .into_iter()
            .chain([self.start])
            .find_map(|local| zone.from_local_datetime(&local).earliest())?;
        let set = rrule::RRuleSet::new(start).rrule(rule.validate(start).ok()?).limit();
        let mut expansion = Expansion { starts: Vec::new(), complete: true };
        for date in &set {
            if *steps == 0 {
                expansion.complete = false;
                break;
            }
            *steps -= 1;
            if date > to {
                break;
            }
            if date < from {
                continue;
            }
            if expansion.starts.len() >= most {
                expansion.complete = false;
                break;
            }
            expansion.starts.push(date.with_timezone(&Utc));
        }
        Some(expansion)
    }
}

/// Starts of `rule` later than `start` and shortly before `from` (local times of the rule's
/// zone) that give the same dates from `from` on: `start` moved forward by whole periods
/// of the rule (so a rule repeating every second since 1900 is not followed through the
/// century before the span), the nearest first, a few in case one falls in a clock change.
/// None for a rule with COUNT (its dates are counted from its first) or starting near
/// `from` already.
///
/// The period is the rule's INTERVAL times its frequency: its BY… parts select within each
/// period from the same anchors (the time of day of the start, its weekday, its day of the
/// month), which whole periods keep. Months and years move by whole 400-year cycles of the
/// Gregorian calendar, which repeats its days and weekdays.
pub(super) fn nearer_starts(
    rule: &rrule::RRule<rrule::Unvalidated>,
    start: NaiveDateTime,
    from: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    use rrule::Frequency;
    // The rrule crate skips the hours (minutes) a BYHOUR (BYMINUTE) leaves out of a rule
    // repeating every few seconds or minutes without keeping its step: the dates of such a
    // rule depend on where it started, so it is followed from its start, within MAX_STEPS.
    let skips = match rule.get_freq() {
        Frequency::Secondly => !rule.get_by_hour().is_empty() || !rule.get_by_minute().is_empty(),
        Frequency::Minutely => !rule.get_by_hour().is_empty(),
        _ => false,
    };
    if skips || rule.get_count().is_some() || start >= from {
        return Vec::new();
    }
    let interval = i64::from(rule.get_interval().max(1));
    let seconds = match rule.get_freq() {
        Frequency::Secondly => 1,
        Frequency::Minutely => 60,
        Frequency::Hourly => 3600,
        Frequency::Daily => 86_400,
        Frequency::Weekly => 7 * 86_400,
        frequency @ (Frequency::Monthly | Frequency::Yearly) => {
            let months = if frequency == Frequency::Yearly { 12 * interval } else { interval };
            let cycle_years = lcm(4800, months) / 12;
            let behind = i64::from(from.year()) - i64::from(start.year()) - 1;
            return (1..=3)
                .filter_map(|back| {
                    let cycles = (behind / cycle_years).checked_sub(back - 1).filter(|c| *c > 0)?;
                    let year = i64::from(start.year()).checked_add(cycles.checked_mul(cycle_years)?)?;
                    start.with_year(i32::try_from(year).ok()?)
                })
                .collect();
        }
    };
    let period = seconds * interval;
    let behind = from.signed_duration_since(start).num_seconds();
    (1..=3)
        .filter_map(|back| {
            let periods = (behind / period).checked_sub(back).filter(|p| *p > 0)?;
            start.checked_add_signed(TimeDelta::try_seconds(periods.checked_mul(period)?)?)
        })
        .collect()
}

/// The least common multiple of two positive numbers.
fn lcm(a: i64, b: i64) -> i64 {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    a / x * b
}
