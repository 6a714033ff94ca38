//! Communes and organisations, the places people come from: what the list shows of each,
//! and the checks of their forms.

use serde::{Deserialize, Serialize};

use super::text_enum::text_enum;
use crate::error::{Problems, Result};
use crate::spreadsheet::communes::is_insee_code;

text_enum! {
    /// The kind of an organisation (the list of the schema's `CHECK`).
    OrganisationKind {
        Agglomeration = "agglomeration", "Agglomération";
        Commune = "commune", "Commune";
        Etat = "etat", "Services de l'État";
        Region = "region", "Région";
        Departement = "departement", "Département";
        Syndicat = "syndicat", "Syndicat intercommunal";
        Chambre = "chambre", "Chambre consulaire";
        Satellite = "satellite", "Organisme satellite";
        BureauEtudes = "bureau_etudes", "Bureau d'études";
        Association = "association", "Association";
        ConseilDeveloppement = "conseil_developpement", "Conseil de développement";
        Autre = "autre", "Autre";
    }
}

/// A commune in the list, with how much of the base names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommuneEntry {
    pub id: i64,
    pub name: String,
    pub insee_code: Option<String>,
    /// People of the directory from this commune.
    pub people: i64,
    /// Memberships that record it (the commune a member represented).
    pub memberships: i64,
    /// Ateliers whose territory it is part of.
    pub ateliers: i64,
}

impl CommuneEntry {
    /// Whether nothing names it (it may be deleted).
    pub fn is_unused(&self) -> bool {
        self.people == 0 && self.memberships == 0 && self.ateliers == 0
    }
}

/// An organisation in the list, with how much of the base names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationEntry {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    pub people: i64,
    pub memberships: i64,
}

impl OrganisationEntry {
    /// Whether nothing names it (it may be deleted).
    pub fn is_unused(&self) -> bool {
        self.people == 0 && self.memberships == 0
    }
}

/// What a search found: how many in all, and the first ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found<T> {
    pub total: usize,
    pub rows: Vec<T>,
}

/// The commune form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CommuneInput {
    pub name: String,
    /// Empty when unknown.
    pub insee_code: String,
}

/// A checked commune: its name, and its INSEE code if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneData {
    pub name: String,
    pub insee_code: Option<String>,
}

impl CommuneInput {
    /// Checks the form; every problem names its field.
    pub fn check(self) -> Result<CommuneData> {
        let mut problems = Problems::default();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.add("name", "Le nom de la commune est obligatoire");
        }
        let code = self.insee_code.trim().to_uppercase();
        if !code.is_empty() && !is_insee_code(&code) {
            problems.add(
                "insee_code",
                format!(
                    "« {code} » n'est pas un code INSEE de commune (cinq caractères, comme 68224 ou 2A004)"
                ),
            );
        }
        problems.into_result(CommuneData { name, insee_code: (!code.is_empty()).then_some(code) })
    }
}

/// The organisation form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    /// One of [`OrganisationKind`]'s stored names.
    pub kind: String,
}

/// A checked organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationData {
    pub name: String,
    pub kind: OrganisationKind,
}

impl OrganisationInput {
    /// Checks the form; every problem names its field.
    pub fn check(self) -> Result<OrganisationData> {
        let mut problems = Problems::default();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.add("name", "Le nom de l'organisation est obligatoire");
        }
        let kind = OrganisationKind::parse(self.kind.trim());
        if kind.is_none() {
            problems.add("kind", format!("« {} » n'est pas un type d'organisation connu", self.kind.trim()));
        }
        problems.into_result(OrganisationData { name, kind: kind.unwrap_or(OrganisationKind::Autre) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commune_needs_a_name_and_its_code_if_given_is_one() {
        let ok = CommuneInput { name: " Ajaccio ".into(), insee_code: "2a004".into() }.check().unwrap();
        assert_eq!(ok, CommuneData { name: "Ajaccio".into(), insee_code: Some("2A004".into()) });
        let none = CommuneInput { name: "Mulhouse".into(), insee_code: " ".into() }.check().unwrap();
        assert_eq!(none.insee_code, None);
        let err = CommuneInput { name: "".into(), insee_code: "682".into() }.check().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "insee_code"]);
    }

    #[test]
    fn an_organisation_needs_a_name_and_a_known_kind() {
        let ok = OrganisationInput { name: "Cerema".into(), kind: "etat".into() }.check().unwrap();
        assert_eq!(ok.kind, OrganisationKind::Etat);
        let err = OrganisationInput { name: " ".into(), kind: "club".into() }.check().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "kind"]);
    }
}
