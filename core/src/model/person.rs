//! People: members of ateliers, elected officials, staff, partners.

use serde::{Deserialize, Serialize};

use super::postal::{Postal, PostalInput, Recipient};
use super::settings::looks_like_email;
use super::text_enum::text_enum;
use crate::error::{Problems, Result};

/// Longest accepted first or last name.
pub const NAME_MAX_CHARS: usize = 100;

text_enum! {
    /// How a person is addressed.
    Civility {
        None = "", "—";
        Monsieur = "M.", "M.";
        Madame = "Mme", "Mme";
    }
}

/// A person as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub civility: String,
    pub first_name: String,
    pub last_name: String,
    pub function: String,
    pub commune_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// Postal address and salutation.
    #[serde(flatten)]
    pub postal: PostalInput,
}

/// A checked person, without identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonData {
    pub civility: Civility,
    pub first_name: String,
    pub last_name: String,
    pub function: String,
    pub commune_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub email: String,
    pub phone: String,
    pub notes: String,
    #[serde(flatten)]
    pub postal: Postal,
}

impl PersonInput {
    /// The last name is required; names are not too long; the e-mail, if any, looks like one.
    pub fn check(self) -> Result<PersonData> {
        let mut problems = Problems::default();
        let civility = Civility::parse(self.civility.trim());
        if civility.is_none() {
            problems
                .add("civility", format!("La civilité « {} » n'est pas reconnue (M. ou Mme)", self.civility));
        }
        let first_name = self.first_name.trim().to_string();
        let last_name = self.last_name.trim().to_string();
        if last_name.is_empty() {
            problems.add("last_name", "Le nom est obligatoire");
        }
        for (field, label, value) in
            [("first_name", "Le prénom", &first_name), ("last_name", "Le nom", &last_name)]
        {
            if value.chars().count() > NAME_MAX_CHARS {
                problems.add(field, format!("{label} ne doit pas dépasser {NAME_MAX_CHARS} caractères"));
            }
        }
        let email = self.email.trim().to_string();
        if !email.is_empty() && !looks_like_email(&email) {
            problems.add("email", format!("L'adresse électronique « {email} » n'est pas valide"));
        }
        let postal = self.postal.check(&mut problems);
        problems.into_result(PersonData {
            postal,
            civility: civility.unwrap_or(Civility::None),
            first_name,
            last_name,
            function: self.function.trim().to_string(),
            commune_id: self.commune_id,
            organisation_id: self.organisation_id,
            email,
            phone: self.phone.trim().to_string(),
            notes: self.notes.trim().to_string(),
        })
    }
}

/// A stored person, with the names of their commune and organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    #[serde(flatten)]
    pub data: PersonData,
    pub commune: Option<String>,
    pub organisation: Option<String>,
    /// What letters call them when no salutation is typed (« Madame la Maire »).
    pub default_salutation: String,
    pub archived: bool,
    /// When the person was erased at their request (their details are gone).
    pub anonymised_at: Option<String>,
}

/// One line of the list of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonSummary {
    pub id: i64,
    pub civility: Civility,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub function: String,
    pub organisation: Option<String>,
    pub commune: Option<String>,
    pub archived: bool,
}

/// One page of the directory: the rows shown and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeoplePage {
    pub total: i64,
    pub rows: Vec<PersonSummary>,
}

/// How the directory is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeopleSort {
    #[default]
    Name,
    Commune,
    Organisation,
}

impl PersonData {
    /// « Mme Hélène Dupont-Meyer »: civility, first name, last name.
    pub fn display_name(&self) -> String {
        display_name(self.civility, &self.first_name, &self.last_name)
    }
}

impl Person {
    /// Who a letter to this person is for: their address block and salutation.
    pub fn recipient(&self) -> Recipient<'_> {
        Recipient {
            civility: self.data.civility,
            first_name: &self.data.first_name,
            last_name: &self.data.last_name,
            function: &self.data.function,
            organisation: self.organisation.as_deref(),
            postal: &self.data.postal,
        }
    }
}

impl PersonSummary {
    /// « Mme Hélène Dupont-Meyer »: civility, first name, last name.
    pub fn display_name(&self) -> String {
        display_name(self.civility, &self.first_name, &self.last_name)
    }
}

/// A commune (for the communes concerned by an atelier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commune {
    pub id: i64,
    pub name: String,
    /// Tells homonyms apart (Saint-Louis 68297 and 57619).
    pub insee_code: Option<String>,
}

/// « Mme Hélène Dupont-Meyer »: civility, first name and last name, the empty ones left out.
pub fn display_name(civility: Civility, first_name: &str, last_name: &str) -> String {
    [civility.as_str(), first_name, last_name]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
