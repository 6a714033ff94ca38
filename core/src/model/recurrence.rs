//! The rule of a series of meetings, in the syntax of RFC 5545's RRULE (§3.3.10), the part
//! of it a secretariat plans with: every N weeks (on one or more days), or every N months on
//! a weekday of a rank (« le 2e mardi », « le dernier jeudi ») or on a day of the month, until
//! a date or for a number of meetings. The dates are computed here; each becomes an ordinary
//! meeting with its own UID.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use crate::fr;

/// The most meetings one series plans (five years of a monthly commission).
pub const MAX_SERIES_MEETINGS: usize = 60;

/// How often the rule comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Weekly,
    Monthly,
}

/// Which day of a month a monthly rule takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthDay {
    /// The `rank`-th `day` of the month (1 to 5), or the last one (-1).
    Weekday { rank: i8, day: Weekday },
    /// That day of the month (1 to 31); a month without it is skipped, as RFC 5545 says.
    Date(u32),
}

/// Where a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesEnd {
    /// After this many meetings, the first one included.
    Count(usize),
    /// On this date at the latest, included.
    Until(NaiveDate),
}

/// A rule of repetition read from an RRULE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub frequency: Frequency,
    /// Every `interval` weeks or months (1 or more).
    pub interval: u32,
    /// The days of the week of a weekly rule (empty: the first meeting's).
    pub weekdays: Vec<Weekday>,
    /// The day of the month of a monthly rule (`None`: the first meeting's date).
    pub month_day: Option<MonthDay>,
    pub end: SeriesEnd,
}

const DAYS: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

fn day_code(day: Weekday) -> &'static str {
    DAYS.iter().find(|(_, d)| *d == day).map(|(code, _)| *code).unwrap_or("MO")
}

impl Recurrence {
    /// Reads an RRULE (`FREQ=MONTHLY;BYDAY=2TU;COUNT=10`, with or without the `RRULE:`
    /// prefix, parts in any order, case ignored); the French message otherwise.
    pub fn parse(text: &str) -> Result<Recurrence, String> {
        let text = text.trim();
        let body = text.strip_prefix("RRULE:").or_else(|| text.strip_prefix("rrule:")).unwrap_or(text);
        let (mut frequency, mut interval, mut by_day, mut by_month_day, mut count, mut until) =
            (None, 1u32, None, None, None, None);
        for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("La règle de répétition contient « {part} », sans « = »"))?;
            let raw = value.trim();
            let value = raw.to_ascii_uppercase();
            match name.trim().to_ascii_uppercase().as_str() {
                "FREQ" => {
                    frequency = Some(match value.as_str() {
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        other => {
                            return Err(format!(
                                "La fréquence « {other} » n'est pas prise en charge : WEEKLY (chaque semaine) ou MONTHLY (chaque mois)"
                            ))
                        }
                    })
                }
                "INTERVAL" => {
                    interval = value
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=52).contains(n))
                        .ok_or_else(|| format!("L'intervalle « {raw} » doit être un nombre de 1 à 52"))?
                }
                "BYDAY" => by_day = Some(value),
                "BYMONTHDAY" => {
                    by_month_day = Some(
                        value
                            .parse::<u32>()
                            .ok()
                            .filter(|d| (1..=31).contains(d))
                            .ok_or_else(|| format!("Le jour du mois « {raw} » doit être un nombre de 1 à 31"))?,
                    )
                }
                "COUNT" => {
                    count = Some(
                        value
                            .parse::<usize>()
                            .ok()
                            .filter(|n| (1..=MAX_SERIES_MEETINGS).contains(n))
                            .ok_or_else(|| {
                                format!(
                                    "Le nombre de réunions « {raw} » doit aller de 1 à {MAX_SERIES_MEETINGS}"
                                )
                            })?,
                    )
                }
                "UNTIL" => until = Some(parse_until(raw)?),
                "WKST" if value == "MO" => {}
                other => {
                    return Err(format!("La partie « {other} » de la règle de répétition n'est pas prise en charge"))
                }
            }
        }
        let frequency =
            frequency.ok_or("La règle de répétition doit dire sa fréquence (FREQ=WEEKLY ou FREQ=MONTHLY)")?;
        let end = match (count, until) {
            (Some(_), Some(_)) => {
                return Err(
                    "Une série s'arrête après un nombre de réunions ou à une date, pas les deux".into()
                )
            }
            (Some(n), None) => SeriesEnd::Count(n),
            (None, Some(date)) => SeriesEnd::Until(date),
            (None, None) => {
                return Err(
                    "Dites quand la série s'arrête : un nombre de réunions (COUNT) ou une date (UNTIL)"
                        .into(),
                )
            }
        };
        let (weekdays, month_day) = match frequency {
            Frequency::Weekly => {
                if by_month_day.is_some() {
                    return Err("Une série hebdomadaire ne prend pas de jour du mois (BYMONTHDAY)".into());
                }
                let mut days = Vec::new();
                for code in by_day.iter().flat_map(|v| v.split(',')).map(str::trim) {
                    let day = weekday_of(code).ok_or_else(|| {
                        format!("« {code} » n'est pas un jour de la semaine (MO, TU, WE, TH, FR, SA, SU)")
                    })?;
                    if !days.contains(&day) {
                        days.push(day);
                    }
                }
                days.sort_by_key(|d| d.num_days_from_monday());
                (days, None)
            }
            Frequency::Monthly => match (by_day, by_month_day) {
                (Some(_), Some(_)) => {
                    return Err("Une série mensuelle prend un jour de la semaine (BYDAY) ou un jour du mois (BYMONTHDAY), pas les deux".into())
                }
                (Some(value), None) => (Vec::new(), Some(ranked_day(&value)?)),
                (None, Some(day)) => (Vec::new(), Some(MonthDay::Date(day))),
                (None, None) => (Vec::new(), None),
            },
        };
        Ok(Recurrence { frequency, interval, weekdays, month_day, end })
    }

    /// The rule in RRULE syntax, as stored (`FREQ=MONTHLY;BYDAY=2TU;COUNT=10`).
    pub fn to_rrule(&self) -> String {
        let mut parts = vec![match self.frequency {
            Frequency::Weekly => "FREQ=WEEKLY".to_string(),
            Frequency::Monthly => "FREQ=MONTHLY".to_string(),
        }];
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.weekdays.is_empty() {
            let days: Vec<&str> = self.weekdays.iter().map(|d| day_code(*d)).collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        match self.month_day {
            Some(MonthDay::Weekday { rank, day }) => parts.push(format!("BYDAY={rank}{}", day_code(day))),
            Some(MonthDay::Date(d)) => parts.push(format!("BYMONTHDAY={d}")),
            None => {}
        }
        parts.push(match self.end {
            SeriesEnd::Count(n) => format!("COUNT={n}"),
            SeriesEnd::Until(date) => format!("UNTIL={}", date.format("%Y%m%d")),
        });
        parts.join(";")
    }

    /// The dates of the series that begins on `first`, `first` included. `first` must be
    /// one of the rule's days (« le 2e mardi » begins on a 2nd Tuesday): the French message
    /// otherwise, and when the rule gives more than [`MAX_SERIES_MEETINGS`] dates.
    pub fn dates(&self, first: NaiveDate) -> Result<Vec<NaiveDate>, String> {
        let mut dates = Vec::new();
        let within = |date: NaiveDate, dates: &Vec<NaiveDate>| match self.end {
            SeriesEnd::Count(n) => dates.len() < n,
            SeriesEnd::Until(until) => date <= until,
        };
        // Each period (a week or a month) gives its dates; periods without one are skipped
        // (a 5th Tuesday, a 31st), within a bound so that no rule runs for ever.
        for period in 0..(MAX_SERIES_MEETINGS as u32 * 12) {
            let step = period * self.interval;
            let candidates = match self.frequency {
                Frequency::Weekly => {
                    let monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
                    let week = monday + Duration::weeks(i64::from(step));
                    let days =
                        if self.weekdays.is_empty() { vec![first.weekday()] } else { self.weekdays.clone() };
                    days.iter().map(|d| week + Duration::days(i64::from(d.num_days_from_monday()))).collect()
                }
                Frequency::Monthly => {
                    let month = first.with_day(1).and_then(|d| d.checked_add_months(Months::new(step)));
                    let Some(month) = month else { break };
                    let day = self.month_day.unwrap_or(MonthDay::Date(first.day()));
                    day_in_month(month, day).into_iter().collect::<Vec<_>>()
                }
            };
            for date in candidates.into_iter().filter(|d| *d >= first) {
                if !within(date, &dates) {
                    return self.finish(first, dates);
                }
                dates.push(date);
                if dates.len() > MAX_SERIES_MEETINGS {
                    return Err(format!(
                        "La série compterait plus de {MAX_SERIES_MEETINGS} réunions : choisissez une date de fin plus proche"
                    ));
                }
            }
        }
        self.finish(first, dates)
    }

    fn finish(&self, first: NaiveDate, dates: Vec<NaiveDate>) -> Result<Vec<NaiveDate>, String> {
        if dates.first() != Some(&first) {
            return Err(fr::typography(&format!(
                "Le {} n'est pas {} : choisissez une première date qui suit la règle",
                fr::long_date(first),
                self.day_words()
            )));
        }
        if let SeriesEnd::Until(until) = self.end {
            if until < first {
                return Err(format!(
                    "La date de fin de la série ({}) précède la première réunion",
                    fr::long_date(until)
                ));
            }
        }
        Ok(dates)
    }

    /// « un 2e mardi du mois », « un mardi », « un 15 du mois »: what each date must be.
    fn day_words(&self) -> String {
        match (self.frequency, self.month_day) {
            (Frequency::Monthly, Some(MonthDay::Weekday { rank, day })) => {
                format!("un {} {} du mois", rank_words(rank), fr::weekday(day))
            }
            (Frequency::Monthly, Some(MonthDay::Date(d))) => format!("un {d} du mois"),
            _ => match self.weekdays.as_slice() {
                [] => "le jour de la règle".to_string(),
                days => format!("un {}", or_list(days)),
            },
        }
    }

    /// The rule in French, as a secretary says it: « le 2e mardi de chaque mois, 10
    /// réunions », « toutes les 2 semaines, le jeudi, jusqu'au jeudi 1er juillet 2027 ».
    pub fn describe(&self, first: NaiveDate) -> String {
        let when = match self.frequency {
            Frequency::Weekly => {
                let days =
                    if self.weekdays.is_empty() { vec![first.weekday()] } else { self.weekdays.clone() };
                let days: Vec<&str> = days.iter().map(|d| fr::weekday(*d)).collect();
                let days = match days.as_slice() {
                    [one] => format!("le {one}"),
                    [init @ .., last] => format!("le {} et le {last}", init.join(", le ")),
                    [] => String::new(),
                };
                match self.interval {
                    1 => format!("chaque semaine, {days}"),
                    n => format!("toutes les {n} semaines, {days}"),
                }
            }
            Frequency::Monthly => {
                let day = match self.month_day.unwrap_or(MonthDay::Date(first.day())) {
                    MonthDay::Weekday { rank, day } => {
                        format!("le {} {}", rank_words(rank), fr::weekday(day))
                    }
                    MonthDay::Date(1) => "le 1er".to_string(),
                    MonthDay::Date(d) => format!("le {d}"),
                };
                match self.interval {
                    1 => format!("{day} de chaque mois"),
                    n => format!("{day}, tous les {n} mois"),
                }
            }
        };
        let end = match self.end {
            SeriesEnd::Count(n) => fr::count(n, "réunion", "réunions"),
            SeriesEnd::Until(date) => format!("jusqu'au {}", fr::long_date(date)),
        };
        format!("{when}, {end}")
    }
}

/// « 2e », « 1er », « dernier ».
fn rank_words(rank: i8) -> String {
    match rank {
        -1 => "dernier".to_string(),
        1 => "1er".to_string(),
        n => format!("{n}e"),
    }
}

fn or_list(days: &[Weekday]) -> String {
    let names: Vec<&str> = days.iter().map(|d| fr::weekday(*d)).collect();
    names.join(" ou un ")
}

fn weekday_of(code: &str) -> Option<Weekday> {
    DAYS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}

/// `2TU`, `-1TH`, `+1MO`: a rank and a day, for a monthly rule.
fn ranked_day(value: &str) -> Result<MonthDay, String> {
    let value = value.trim();
    if value.contains(',') {
        return Err("Une série mensuelle prend un seul jour (BYDAY=2TU, par exemple)".into());
    }
    let split = value.len().saturating_sub(2);
    let (rank, code) = value.split_at(split);
    let day = weekday_of(code).ok_or_else(|| {
        format!("« {value} » n'est pas un jour de la semaine précédé de son rang (2TU, -1TH…)")
    })?;
    let rank = match rank.trim_start_matches('+') {
        "" => return Err(format!("« {value} » doit dire le rang du jour dans le mois : 2{code} pour le 2e, -1{code} pour le dernier")),
        text => text.parse::<i8>().ok().filter(|r| (1..=5).contains(r) || *r == -1).ok_or_else(|| {
            format!("Le rang « {text} » doit aller de 1 à 5, ou -1 pour le dernier du mois")
        })?,
    };
    Ok(MonthDay::Weekday { rank, day })
}

/// `20271231` or `20271231T225959Z`: the last day of a series.
fn parse_until(value: &str) -> Result<NaiveDate, String> {
    let digits = value.get(..8).unwrap_or(value);
    NaiveDate::parse_from_str(digits, "%Y%m%d")
        .map_err(|_| format!("La date de fin « {value} » n'est pas une date AAAAMMJJ"))
}

/// The date of `day` in the month that begins on `month` (its 1st), if it has one.
fn day_in_month(month: NaiveDate, day: MonthDay) -> Option<NaiveDate> {
    match day {
        MonthDay::Date(d) => month.with_day(d),
        MonthDay::Weekday { rank: -1, day } => {
            let next = month.checked_add_months(Months::new(1))?;
            let last = next - Duration::days(1);
            let back = (7 + last.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
            Some(last - Duration::days(i64::from(back)))
        }
        MonthDay::Weekday { rank, day } => {
            let ahead = (7 + day.num_days_from_monday() - month.weekday().num_days_from_monday()) % 7;
            let date = month + Duration::days(i64::from(ahead) + 7 * (i64::from(rank) - 1));
            (date.month() == month.month()).then_some(date)
        }
    }
}

/// The monthly rule that keeps `date`'s weekday and rank: « le 2e mardi » (rank 5 becomes
/// « le dernier »), and whether it is also the last of its month.
pub fn rank_of(date: NaiveDate) -> (i8, bool) {
    let rank = ((date.day() - 1) / 7 + 1) as i8;
    let last = (date + Duration::days(7)).month() != date.month();
    (rank, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_second_tuesday_of_each_month_ten_times() {
        let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=2TU;COUNT=10").unwrap();
        let dates = rule.dates(d(2027, 1, 12)).unwrap();
        assert_eq!(dates.len(), 10);
        assert_eq!(dates[1], d(2027, 2, 9));
        assert_eq!(dates[9], d(2027, 10, 12));
        assert!(dates.iter().all(|x| x.weekday() == Weekday::Tue && (8..=14).contains(&x.day())));
        assert_eq!(rule.to_rrule(), "FREQ=MONTHLY;BYDAY=2TU;COUNT=10");
        assert_eq!(rule.describe(d(2027, 1, 12)), "le 2e mardi de chaque mois, 10 réunions");
    }

    #[test]
    fn the_last_thursday_and_the_fifth_which_some_months_lack() {
        let last = Recurrence::parse("RRULE:freq=monthly;byday=-1TH;until=20270630").unwrap();
        let dates = last.dates(d(2027, 1, 28)).unwrap();
        assert_eq!(
            dates,
            vec![
                d(2027, 1, 28),
                d(2027, 2, 25),
                d(2027, 3, 25),
                d(2027, 4, 29),
                d(2027, 5, 27),
                d(2027, 6, 24)
            ]
        );
        let fifth = Recurrence::parse("FREQ=MONTHLY;BYDAY=5FR;COUNT=3").unwrap();
        assert_eq!(
            fifth.dates(d(2027, 1, 29)).unwrap(),
            vec![d(2027, 1, 29), d(2027, 4, 30), d(2027, 7, 30)]
        );
        assert_eq!(rank_of(d(2027, 1, 29)), (5, true));
        assert_eq!(rank_of(d(2027, 1, 12)), (2, false));
        assert_eq!(rank_of(d(2027, 1, 28)), (4, true));
    }

    #[test]
    fn every_two_weeks_until_a_date_included_and_several_days_a_week() {
        let rule = Recurrence::parse("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270223T225959Z").unwrap();
        let dates = rule.dates(d(2027, 1, 12)).unwrap();
        assert_eq!(dates, vec![d(2027, 1, 12), d(2027, 1, 26), d(2027, 2, 9), d(2027, 2, 23)]);
        assert_eq!(
            rule.describe(d(2027, 1, 12)),
            "toutes les 2 semaines, le mardi, jusqu'au mardi 23 février 2027"
        );
        let two = Recurrence::parse("FREQ=WEEKLY;BYDAY=TH,TU;COUNT=4").unwrap();
        assert_eq!(
            two.dates(d(2027, 1, 14)).unwrap(),
            vec![d(2027, 1, 14), d(2027, 1, 19), d(2027, 1, 21), d(2027, 1, 26)]
        );
        assert_eq!(two.to_rrule(), "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4");
        assert_eq!(two.describe(d(2027, 1, 14)), "chaque semaine, le mardi et le jeudi, 4 réunions");
    }

    #[test]
    fn a_day_of_the_month_skips_the_months_without_it() {
        let rule = Recurrence::parse("FREQ=MONTHLY;COUNT=4").unwrap();
        assert_eq!(
            rule.dates(d(2027, 1, 31)).unwrap(),
            vec![d(2027, 1, 31), d(2027, 3, 31), d(2027, 5, 31), d(2027, 7, 31)]
        );
        let every_two = Recurrence::parse("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;COUNT=3").unwrap();
        assert_eq!(
            every_two.dates(d(2027, 1, 15)).unwrap(),
            vec![d(2027, 1, 15), d(2027, 3, 15), d(2027, 5, 15)]
        );
        assert_eq!(every_two.describe(d(2027, 1, 15)), "le 15, tous les 2 mois, 3 réunions");
    }

    #[test]
    fn a_first_date_off_the_rule_and_bad_rules_are_refused_in_french() {
        let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=2TU;COUNT=10").unwrap();
        let refused = rule.dates(d(2027, 1, 13)).unwrap_err();
        assert!(
            refused.contains("mercredi 13 janvier 2027") && refused.contains("2e mardi du mois"),
            "{refused}"
        );
        for (text, expected) in [
            ("FREQ=DAILY;COUNT=3", "DAILY"),
            ("FREQ=WEEKLY", "s'arrête"),
            ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "pas les deux"),
            ("FREQ=WEEKLY;COUNT=61", "de 1 à 60"),
            ("FREQ=WEEKLY;COUNT=0", "de 1 à 60"),
            ("FREQ=MONTHLY;BYDAY=TU;COUNT=3", "rang"),
            ("FREQ=MONTHLY;BYDAY=6TU;COUNT=3", "de 1 à 5"),
            ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "XX"),
            ("FREQ=WEEKLY;BYSETPOS=1;COUNT=3", "BYSETPOS"),
            ("COUNT=3", "fréquence"),
            ("FREQ=WEEKLY;UNTIL=2027;", "AAAAMMJJ"),
            ("n'importe quoi", "sans « = »"),
        ] {
            let message = Recurrence::parse(text).unwrap_err();
            assert!(message.contains(expected), "{text}: {message}");
        }
        let too_long = Recurrence::parse("FREQ=WEEKLY;UNTIL=20300101").unwrap();
        assert!(too_long.dates(d(2027, 1, 5)).unwrap_err().contains("plus de 60"));
        let before = Recurrence::parse("FREQ=WEEKLY;UNTIL=20260101").unwrap();
        assert!(before.dates(d(2027, 1, 5)).is_err());
    }

    #[test]
    fn no_rule_runs_for_ever() {
        // The 31st of February never comes: the bound stops the search.
        let rule = Recurrence::parse("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;COUNT=60").unwrap();
        let dates = rule.dates(d(2027, 1, 30)).unwrap();
        assert_eq!(dates.len(), 60);
        let never = Recurrence::parse("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;COUNT=2").unwrap();
        assert!(never.dates(d(2027, 2, 28)).is_err());
    }
}
