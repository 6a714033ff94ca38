//! French formatting of dates and times, as printed in the UI and in documents:
//! « mardi 12 décembre 2017 à 18 h 00 », and French typography: the non-breaking spaces
//! that keep « 18 h 00 », « guillemets » and the space before « : ; ! ? % » on one line.

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

/// « mardi »: the French name of a day of the week.
pub fn weekday(day: Weekday) -> &'static str {
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

/// « Septembre 2026 »: a month as a heading.
pub fn month_year(date: NaiveDate) -> String {
    capitalise(&format!("{} {}", MONTHS[date.month0() as usize], date.year()))
}

/// « 1 personne », « 3 personnes »: a count and its noun, singular for 0 and 1 as in French.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n > 1 { plural } else { singular })
}

/// The no-break space (U+00A0) French typography puts inside « » and before « : ; ! ? % ».
pub const NBSP: char = '\u{a0}';

/// « 18 h 00 », with no-break spaces so the time never splits across lines.
pub fn time(at: NaiveDateTime) -> String {
    format!("{}{NBSP}h{NBSP}{:02}", at.hour(), at.minute())
}

/// Puts French typography into `text`: no-break spaces after « and before », before « : ; !
/// ? % » (an ordinary space there becomes a no-break one; none is added where there was
/// none, so « 10:30 » and « https://… » are left alone), and the typographic apostrophe ’
/// after a letter (« l’atelier », « aujourd’hui »), as the window writes its own text.
/// Applied once, where text leaves the core for the window, the documents and the command
/// line.
pub fn typography(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        match c {
            '\'' if previous.is_alphabetic() => out.push('’'),
            ' ' if chars.peek().is_some_and(|next| matches!(next, ':' | ';' | '!' | '?' | '%' | '»')) => {
                out.push(NBSP)
            }
            '«' if chars.peek() == Some(&' ') => {
                chars.next();
                out.push('«');
                out.push(NBSP);
            }
            _ => out.push(c),
        }
        previous = c;
    }
    out
}

/// `text` with its first letter in capitals (« séance n° 2 … » → « Séance n° 2 … »).
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `text` with its first letter in lower case, to follow « Ligne 3, colonne « Ville » : ».
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
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
        assert_eq!(long_date_time(at), "mardi 12 décembre 2017 à 18\u{a0}h\u{a0}00");
    }

    #[test]
    fn writes_the_first_of_the_month_as_premier() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(long_date(date), "mardi 1er décembre 2026");
    }

    #[test]
    fn keeps_single_digit_hours_unpadded() {
        let at = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap().and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(long_date_time(at), "mercredi 3 février 2027 à 9\u{a0}h\u{a0}05");
    }

    #[test]
    fn typography_binds_guillemets_and_high_punctuation_to_their_words() {
        assert_eq!(
            typography("L'atelier « AP-MOB » : 30 % d'élus ; vraiment ? 'cité'"),
            "L’atelier «\u{a0}AP-MOB\u{a0}»\u{a0}: 30\u{a0}% d’élus\u{a0}; vraiment\u{a0}? 'cité’"
        );
        assert_eq!(typography("à 10:30, voir https://exemple.fr"), "à 10:30, voir https://exemple.fr");
        assert_eq!(
            typography(&typography("« a »")),
            typography("« a »"),
            "applying it twice changes nothing"
        );
    }
}
