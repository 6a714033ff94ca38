//! People: members of ateliers, elected officials, staff, partners.

use serde::Serialize;

use super::text_enum::text_enum;

text_enum! {
    /// How a person is addressed.
    Civility {
        None = "", "—";
        Monsieur = "M.", "M.";
        Madame = "Mme", "Mme";
    }
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

impl PersonSummary {
    /// « Mme Hélène DUPONT-MEYER »-style display name: civility, first name, last name.
    pub fn display_name(&self) -> String {
        let mut name = String::new();
        if self.civility != Civility::None {
            name.push_str(self.civility.as_str());
            name.push(' ');
        }
        if !self.first_name.is_empty() {
            name.push_str(&self.first_name);
            name.push(' ');
        }
        name.push_str(&self.last_name);
        name
    }
}

/// A commune (for the communes concerned by an atelier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commune {
    pub id: i64,
    pub name: String,
}
