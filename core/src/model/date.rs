//! Parsing of the dates that forms send ('YYYY-MM-DD', or empty for none).

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Problems;

/// The storage and JSON format of dates.
pub const DATE_FORMAT: &str = "%Y-%m-%d";
/// The storage and JSON format of local wall-clock times.
pub const DATE_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// The format the forms show and accept first.
pub const TYPED_DATE_FORMAT: &str = "%d/%m/%Y";

/// Parses an optional date typed as `JJ/MM/AAAA` (as in the forms) or `AAAA-MM-JJ` (as
/// stored); on a bad value records « {label} « … » n'est pas une date valide ».
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
    let parsed = NaiveDate::parse_from_str(value, TYPED_DATE_FORMAT)
        .or_else(|_| NaiveDate::parse_from_str(value, DATE_FORMAT));
    match parsed {
        Ok(date) if (1900..=2200).contains(&chrono::Datelike::year(&date)) => Some(date),
        _ => {
            problems
                .add(field, format!("{label} « {value} » n'est pas une date valide (attendu : jj/mm/aaaa)"));
            None
        }
    }
}

/// A calendar date (re-exported so the window's commands need not name chrono).
pub type Date = NaiveDate;

/// The date the user asks about (`jj/mm/aaaa` or `AAAA-MM-JJ`), `default` when empty.
pub fn date_or(text: &str, default: NaiveDate) -> crate::Result<NaiveDate> {
    let mut problems = Problems::default();
    let date = optional_date(&mut problems, "at", "La date", text);
    problems.into_result(date.unwrap_or(default))
}

/// Formats a local time for storage.
pub(crate) fn store_date_time(at: NaiveDateTime) -> String {
    at.format(DATE_TIME_FORMAT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: &str) -> (Option<NaiveDate>, Vec<crate::FieldError>) {
        let mut problems = Problems::default();
        let date = optional_date(&mut problems, "d", "La date", value);
        (date, problems.into_fields())
    }

    #[test]
    fn accepts_french_and_iso_dates_and_nothing() {
        let expected = NaiveDate::from_ymd_opt(2027, 1, 5);
        assert_eq!(parse("05/01/2027").0, expected);
        assert_eq!(parse(" 5/1/2027 ").0, expected);
        assert_eq!(parse("2027-01-05").0, expected);
        assert_eq!(parse("  ").0, None);
        assert!(parse("").1.is_empty());
    }

    #[test]
    fn refuses_impossible_dates_with_the_expected_format() {
        for bad in ["31/02/2027", "12/13/2027", "demain", "05/01/27"] {
            let (date, problems) = parse(bad);
            assert_eq!(date, None, "{bad}");
            assert_eq!(
                problems[0].message,
                format!("La date « {bad} » n'est pas une date valide (attendu : jj/mm/aaaa)")
            );
        }
    }
}
