//! Any bytes given to the `.ics` reader: it must not panic, must end, and keeps at most
//! `MAX_DATES` dates.

#![no_main]

use ateliers::ical::import::{read, Span, MAX_DATES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2026, 11, 25) else { return };
    if let Ok(calendar) = read(bytes, "fuzz", chrono_tz::Europe::Paris, Span::around(today)) {
        assert!(calendar.events.len() <= MAX_DATES);
        assert!(calendar.events.iter().all(|e| e.end_utc >= e.start_utc));
    }
});
