//! French formatting of dates and times, as printed in the UI and in documents:
//! « mardi 12 décembre 2017 à 18 h 00 ».

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// « mardi 12 décembre 2017 »; the first of the month is written « 1er ».
pub fn long_date(date: NaiveDate) -> String {
    let day = match date.day() {
        1 => "1er".to_string(),
        d => d.to_string(),
    };
    format!("{} {} {} {}", weekday(date.weekday()), day, MONTHS[date.month0() as usize], date.year())
}

/// « 18 h 00 ».
pub fn time(at: NaiveDateTime) -> String {
    format!("{} h {:02}", at.hour(), at.minute())
}

/// « mardi 12 décembre 2017 à 18 h 00 ».
pub fn long_date_time(at: NaiveDateTime) -> String {
    format!("{} à {}", long_date(at.date()), time(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_reference_example_of_the_guide() {
        let at = NaiveDate::from_ymd_opt(2017, 12, 12).unwrap().and_hms_opt(18, 0, 0).unwrap();
        assert_eq!(long_date_time(at), "mardi 12 décembre 2017 à 18 h 00");
    }

    #[test]
    fn writes_the_first_of_the_month_as_premier() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(long_date(date), "mardi 1er décembre 2026");
    }

    #[test]
    fn keeps_single_digit_hours_unpadded() {
        let at = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap().and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(long_date_time(at), "mercredi 3 février 2027 à 9 h 05");
    }
}
