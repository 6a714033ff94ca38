//! Parsing of the dates that forms send ('YYYY-MM-DD', or empty for none).

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Problems;

/// The storage and JSON format of dates.
pub const DATE_FORMAT: &str = "%Y-%m-%d";
/// The storage and JSON format of local wall-clock times.
pub const DATE_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Parses an optional date; on a bad value records « {label} « … » n'est pas une date valide ».
pub(crate) fn optional_date(
    problems: &mut Problems,
    field: &str,
    label: &str,
    value: &str,
) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(value, DATE_FORMAT) {
        Ok(date) => Some(date),
        Err(_) => {
            problems.add(
                field,
                format!("{label} « {value} » n'est pas une date valide (attendu : AAAA-MM-JJ)"),
            );
            None
        }
    }
}

/// Formats a local time for storage.
pub(crate) fn store_date_time(at: NaiveDateTime) -> String {
    at.format(DATE_TIME_FORMAT).to_string()
}

/// Today's date on this computer's clock (local time).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
