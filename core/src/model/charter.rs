//! The charte d'engagement: its versions (one current) and the members' signatures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::optional_date;
use super::text_enum::text_enum;
use crate::error::{Problems, Result};

text_enum! {
    /// How a charter was signed.
    SignatureMode {
        Papier = "papier", "Papier";
        EnSeance = "en_seance", "En séance";
        CopieNumerisee = "copie_numerisee", "Copie numérisée";
    }
}

/// A stored version of the charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharterVersion {
    pub id: i64,
    pub version: i64,
    pub title: String,
    pub body: String,
    pub effective_on: NaiveDate,
    /// The version members are asked to sign; exactly one is.
    pub is_current: bool,
    pub signature_count: i64,
}

/// A new version of the charter as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CharterVersionInput {
    pub title: String,
    pub body: String,
    pub effective_on: String,
    /// Make it the current version at once.
    pub make_current: bool,
}

/// A checked new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterVersionData {
    pub title: String,
    pub body: String,
    pub effective_on: NaiveDate,
    pub make_current: bool,
}

impl CharterVersionInput {
    /// Title, text and date are required.
    pub fn check(self) -> Result<CharterVersionData> {
        let mut problems = Problems::default();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            problems.add("title", "Le titre de la charte est obligatoire");
        }
        let body = self.body.trim().to_string();
        if body.is_empty() {
            problems.add("body", "Le texte de la charte est obligatoire");
        }
        let effective_on =
            optional_date(&mut problems, "effective_on", "La date d'entrée en vigueur", &self.effective_on);
        if effective_on.is_none() && self.effective_on.trim().is_empty() {
            problems.add("effective_on", "La date d'entrée en vigueur est obligatoire");
        }
        problems.into_result(CharterVersionData {
            title,
            body,
            effective_on: effective_on.unwrap_or_default(),
            make_current: self.make_current,
        })
    }
}

/// A signature as typed in the form (or on the command line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignatureInput {
    pub person_id: i64,
    /// The charter version signed; the current one when absent.
    pub version_id: Option<i64>,
    pub signed_on: String,
    pub mode: String,
    /// The meeting where it was signed (mode « en séance » only).
    pub meeting_id: Option<i64>,
}

/// A checked signature, before the checks that need the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureData {
    pub person_id: i64,
    pub version_id: Option<i64>,
    pub signed_on: NaiveDate,
    pub mode: SignatureMode,
    pub meeting_id: Option<i64>,
}

impl SignatureInput {
    /// Date and mode are required; a meeting only goes with a signature « en séance ».
    pub fn check(self) -> Result<SignatureData> {
        let mut problems = Problems::default();
        let signed_on = optional_date(&mut problems, "signed_on", "La date de signature", &self.signed_on);
        if signed_on.is_none() && self.signed_on.trim().is_empty() {
            problems.add("signed_on", "La date de signature est obligatoire");
        }
        let mode = SignatureMode::parse(self.mode.trim());
        if mode.is_none() {
            problems.add("mode", "Choisissez le mode de signature (papier, en séance ou copie numérisée)");
        }
        if self.meeting_id.is_some() && mode.is_some_and(|m| m != SignatureMode::EnSeance) {
            problems.add("meeting_id", "Une réunion ne se précise que pour une signature « en séance »");
        }
        problems.into_result(SignatureData {
            person_id: self.person_id,
            version_id: self.version_id,
            signed_on: signed_on.unwrap_or_default(),
            mode: mode.unwrap_or(SignatureMode::Papier),
            meeting_id: self.meeting_id,
        })
    }
}

/// A recorded signature, as a person's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub id: i64,
    pub version: i64,
    pub version_is_current: bool,
    pub signed_on: NaiveDate,
    pub mode: SignatureMode,
    /// « séance n° 2 du mardi 12 janvier 2027 » when signed in a named meeting.
    pub meeting: Option<String>,
    /// A scanned copy is kept in the data folder.
    pub has_scan: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_needs_a_date_and_a_mode() {
        let err = SignatureInput { person_id: 1, ..Default::default() }.check().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["signed_on", "mode"]);
    }

    #[test]
    fn only_a_signature_in_session_names_a_meeting() {
        let input = SignatureInput {
            person_id: 1,
            signed_on: "12/01/2027".into(),
            mode: "papier".into(),
            meeting_id: Some(3),
            ..Default::default()
        };
        assert_eq!(input.check().unwrap_err().fields()[0].field, "meeting_id");
        let input = SignatureInput {
            person_id: 1,
            signed_on: "12/01/2027".into(),
            mode: "en_seance".into(),
            meeting_id: Some(3),
            ..Default::default()
        };
        assert_eq!(input.check().unwrap().meeting_id, Some(3));
    }

    #[test]
    fn a_version_needs_title_text_and_date() {
        let err = CharterVersionInput::default().check().unwrap_err();
        assert_eq!(err.fields().len(), 3);
    }
}
