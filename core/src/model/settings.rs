//! The organisation's settings (one row), used by every document and invitation.

use serde::{Deserialize, Serialize};

use crate::error::{Problems, Result};

/// The time zones a French body can be in: metropolitan France first, then the overseas
/// departments and collectivities (IANA names, whose rules chrono-tz carries).
/// Each with its French label.
pub const SUPPORTED_TIME_ZONES: &[(&str, &str)] = &[
    ("Europe/Paris", "Europe/Paris (France métropolitaine)"),
    ("America/Guadeloupe", "America/Guadeloupe (Guadeloupe)"),
    ("America/Martinique", "America/Martinique (Martinique)"),
    ("America/Cayenne", "America/Cayenne (Guyane)"),
    ("Indian/Reunion", "Indian/Reunion (La Réunion)"),
    ("Indian/Mayotte", "Indian/Mayotte (Mayotte)"),
    ("America/Miquelon", "America/Miquelon (Saint-Pierre-et-Miquelon)"),
    ("Pacific/Noumea", "Pacific/Noumea (Nouvelle-Calédonie)"),
    ("Pacific/Tahiti", "Pacific/Tahiti (Polynésie française)"),
];

/// The stored settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    #[serde(flatten)]
    pub data: SettingsData,
    /// Whether a logo has been stored.
    pub has_logo: bool,
    /// Whether a scanned signature has been stored.
    pub has_signature: bool,
    /// Whether the first-start choice (demo data or empty base) has been made.
    pub first_start_done: bool,
}

/// The settings as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub org_name: String,
    pub org_short_name: String,
    pub address: String,
    pub default_place: String,
    pub organizer_email: String,
    pub time_zone: String,
    pub attendance_threshold_pct: String,
    pub consecutive_absences_max: String,
    pub convocation_notice_days: String,
    pub signatory_name: String,
    pub signatory_function: String,
}

/// The checked settings, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingsData {
    pub org_name: String,
    pub org_short_name: String,
    pub address: String,
    pub default_place: String,
    /// The mailbox that sends invitations (iCalendar ORGANIZER).
    pub organizer_email: String,
    pub time_zone: String,
    /// Alert below this attendance rate, in percent.
    pub attendance_threshold_pct: i64,
    /// Alert after this many consecutive absences.
    pub consecutive_absences_max: i64,
    /// Warn when a meeting is fewer than this many days away and convocations are unsent.
    pub convocation_notice_days: i64,
    /// Who signs the letters (« Odile Koenig »); empty: the atelier's porteur politique.
    pub signatory_name: String,
    /// Their function under the name (« Vice-présidente de Mulhouse Alsace Agglomération »).
    pub signatory_function: String,
}

/// The names of the settings held in [`SettingsData`], as the form and `ateliers settings`
/// name them, in the order `ateliers settings` prints them.
pub const SETTINGS_KEYS: [&str; 11] = [
    "org_name",
    "org_short_name",
    "address",
    "organizer_email",
    "default_place",
    "time_zone",
    "attendance_threshold_pct",
    "consecutive_absences_max",
    "convocation_notice_days",
    "signatory_name",
    "signatory_function",
];

impl SettingsInput {
    /// Checks the form; every problem names its field.
    pub fn check(self) -> Result<SettingsData> {
        let mut problems = Problems::default();
        let data = SettingsData {
            org_name: org_name(&mut problems, &self.org_name),
            org_short_name: self.org_short_name.trim().to_string(),
            address: self.address.trim().to_string(),
            default_place: self.default_place.trim().to_string(),
            organizer_email: organizer_email(&mut problems, &self.organizer_email),
            time_zone: time_zone(&mut problems, &self.time_zone),
            attendance_threshold_pct: attendance_threshold_pct(&mut problems, &self.attendance_threshold_pct),
            consecutive_absences_max: consecutive_absences_max(&mut problems, &self.consecutive_absences_max),
            convocation_notice_days: convocation_notice_days(&mut problems, &self.convocation_notice_days),
            signatory_name: self.signatory_name.trim().to_string(),
            signatory_function: self.signatory_function.trim().to_string(),
        };
        problems.into_result(data)
    }
}

impl SettingsData {
    /// These settings with the one named `key` (one of [`SETTINGS_KEYS`]) set to `value`,
    /// checked as the form checks that field, the others left as they are; `None` when no
    /// setting here has that name.
    pub fn with(mut self, key: &str, value: &str) -> Option<Result<SettingsData>> {
        let mut problems = Problems::default();
        let p = &mut problems;
        match key {
            "org_name" => self.org_name = org_name(p, value),
            "org_short_name" => self.org_short_name = value.trim().to_string(),
            "address" => self.address = value.trim().to_string(),
            "organizer_email" => self.organizer_email = organizer_email(p, value),
            "default_place" => self.default_place = value.trim().to_string(),
            "time_zone" => self.time_zone = time_zone(p, value),
            "attendance_threshold_pct" => self.attendance_threshold_pct = attendance_threshold_pct(p, value),
            "consecutive_absences_max" => self.consecutive_absences_max = consecutive_absences_max(p, value),
            "convocation_notice_days" => self.convocation_notice_days = convocation_notice_days(p, value),
            "signatory_name" => self.signatory_name = value.trim().to_string(),
            "signatory_function" => self.signatory_function = value.trim().to_string(),
            _ => return None,
        }
        Some(problems.into_result(self))
    }
}

fn org_name(problems: &mut Problems, value: &str) -> String {
    let org_name = value.trim().to_string();
    if org_name.is_empty() {
        problems.add("org_name", "Le nom de l'organisation est obligatoire");
    }
    org_name
}

fn organizer_email(problems: &mut Problems, value: &str) -> String {
    let organizer_email = value.trim().to_string();
    if !organizer_email.is_empty() && !looks_like_email(&organizer_email) {
        problems.add(
            "organizer_email",
            format!("L'adresse électronique de l'organisateur « {organizer_email} » n'est pas valide"),
        );
    }
    organizer_email
}

fn time_zone(problems: &mut Problems, value: &str) -> String {
    let time_zone = value.trim().to_string();
    if !SUPPORTED_TIME_ZONES.iter().any(|(name, _)| *name == time_zone) {
        problems.add("time_zone", format!("Le fuseau horaire « {time_zone} » n'est pas pris en charge"));
    }
    time_zone
}

fn attendance_threshold_pct(problems: &mut Problems, value: &str) -> i64 {
    whole_number(problems, "attendance_threshold_pct", "Le seuil d'assiduité", value, 0..=100)
}

fn consecutive_absences_max(problems: &mut Problems, value: &str) -> i64 {
    whole_number(problems, "consecutive_absences_max", "Le nombre d'absences consécutives", value, 1..=20)
}

fn convocation_notice_days(problems: &mut Problems, value: &str) -> i64 {
    whole_number(problems, "convocation_notice_days", "Le délai de convocation", value, 0..=90)
}

fn whole_number(
    problems: &mut Problems,
    field: &str,
    label: &str,
    value: &str,
    range: std::ops::RangeInclusive<i64>,
) -> i64 {
    match value.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => n,
        _ => {
            problems.add(
                field,
                format!(
                    "{label} doit être un nombre entier entre {} et {} (saisi : « {} »)",
                    range.start(),
                    range.end(),
                    value.trim()
                ),
            );
            *range.start()
        }
    }
}

/// Largest accepted picture (logo or signature), in bytes.
pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;

/// The pictures the settings hold: the organisation's logo, printed in the documents'
/// header, and the scanned signature printed at the foot of the letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Logo,
    Signature,
}

impl Picture {
    /// The settings' column that refers to its attachment (ours, never from input).
    pub(crate) fn column(self) -> &'static str {
        match self {
            Picture::Logo => "logo_attachment_id",
            Picture::Signature => "signature_attachment_id",
        }
    }

    /// The start of its stored file's name, and the form's field.
    pub fn name(self) -> &'static str {
        match self {
            Picture::Logo => "logo",
            Picture::Signature => "signature",
        }
    }

    /// « Le logo », « La signature ».
    fn the(self) -> &'static str {
        match self {
            Picture::Logo => "Le logo",
            Picture::Signature => "La signature",
        }
    }

    /// Checks a picture and returns its media type and file extension: PNG or JPEG only
    /// (recognised by their content, not by the file name), at most [`LOGO_MAX_BYTES`].
    pub fn check(self, bytes: &[u8]) -> Result<(&'static str, &'static str)> {
        let mut problems = Problems::default();
        let the = self.the();
        let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(("image/png", "png"))
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(("image/jpeg", "jpg"))
        } else {
            problems.add(self.name(), format!("{the} doit être une image PNG ou JPEG"));
            None
        };
        if bytes.len() > LOGO_MAX_BYTES {
            problems.add(
                self.name(),
                format!("{the} pèse {:.1} Mo : 2 Mo au plus sont acceptés", bytes.len() as f64 / 1_048_576.0),
            );
        }
        problems.into_result(kind.unwrap_or(("", "")))
    }
}

/// A deliberately loose check: one `@`, something before it, a dotted domain after it, no
/// spaces. Mail clients do the rest.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SettingsInput {
        SettingsInput {
            org_name: "Mulhouse Alsace Agglomération".into(),
            time_zone: "Europe/Paris".into(),
            attendance_threshold_pct: "50".into(),
            consecutive_absences_max: "3".into(),
            convocation_notice_days: "5".into(),
            ..SettingsInput::default()
        }
    }

    #[test]
    fn valid_settings_are_accepted() {
        let data = input().check().expect("valid");
        assert_eq!(data.attendance_threshold_pct, 50);
    }

    #[test]
    fn a_bad_email_and_an_out_of_range_threshold_name_their_fields() {
        let mut i = input();
        i.organizer_email = "secretariat at m2a".into();
        i.attendance_threshold_pct = "150".into();
        let err = i.check().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["organizer_email", "attendance_threshold_pct"]);
        assert!(err.to_string().contains("entre 0 et 100 (saisi : « 150 »)"), "{err}");
    }

    #[test]
    fn the_organisation_name_is_required() {
        let mut i = input();
        i.org_name = " ".into();
        assert_eq!(i.check().unwrap_err().fields()[0].field, "org_name");
    }

    #[test]
    fn a_logo_is_recognised_by_its_content() {
        assert_eq!(Picture::Logo.check(b"\x89PNG\r\n\x1a\nreste").unwrap(), ("image/png", "png"));
        assert_eq!(Picture::Logo.check(&[0xFF, 0xD8, 0xFF, 0xE0]).unwrap(), ("image/jpeg", "jpg"));
        let err = Picture::Logo.check(b"GIF89a").unwrap_err();
        assert_eq!(err.to_string(), "Le logo doit être une image PNG ou JPEG");
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(LOGO_MAX_BYTES + 1, 0);
        assert!(Picture::Logo.check(&big).unwrap_err().to_string().contains("2 Mo au plus"));
    }

    #[test]
    fn email_check_accepts_ordinary_addresses_only() {
        assert!(looks_like_email("secretariat@agglo.example.org"));
        assert!(!looks_like_email("secretariat@localhost"));
        assert!(!looks_like_email("a b@example.org"));
        assert!(!looks_like_email("@example.org"));
    }

    #[test]
    fn one_setting_is_changed_and_checked_alone_the_others_kept_as_they_are() {
        // A new base: no organisation name yet, which the form would refuse.
        let empty = SettingsData { org_name: String::new(), ..input().check().unwrap() };
        let changed = empty.clone().with("convocation_notice_days", " 8 ").unwrap().unwrap();
        assert_eq!(changed, SettingsData { convocation_notice_days: 8, ..empty.clone() });
        let err = empty.clone().with("time_zone", "Europe/Berlin").unwrap().unwrap_err();
        assert_eq!(err.fields()[0].field, "time_zone");
        assert_eq!(err.to_string(), "Le fuseau horaire « Europe/Berlin » n'est pas pris en charge");
        assert!(empty.clone().with("logo", "x").is_none(), "not a setting of this form");
        for key in SETTINGS_KEYS {
            assert!(empty.clone().with(key, "50").is_some(), "{key} is known");
        }
    }
}
