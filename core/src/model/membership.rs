//! Memberships of people in ateliers: collège, category, role, how designated.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::optional_date;
use super::text_enum::text_enum;
use crate::error::{Problems, Result};
use crate::fr;

text_enum! {
    /// The three member groups of an atelier-projet (seed 000, § 3).
    College {
        Elus = "elus", "Collège des élus";
        Experts = "experts", "Collège des experts";
        SocieteCivile = "societe_civile", "Collège de la société civile et des organisations";
    }
}

text_enum! {
    /// What a member is, within the collège.
    MemberCategory {
        EluCommunautaire = "elu_communautaire", "Élu communautaire";
        EluMunicipal = "elu_municipal", "Élu municipal";
        CollaborateurAgglomeration = "collaborateur_agglomeration", "Collaborateur de l'agglomération";
        CollaborateurCommune = "collaborateur_commune", "Collaborateur d'une commune";
        Partenaire = "partenaire", "Partenaire";
        ConseilDeveloppement = "conseil_developpement", "Conseil de développement";
        AutreOrganisation = "autre_organisation", "Autre organisation";
    }
}

impl MemberCategory {
    /// The collège a category belongs to.
    pub fn college(self) -> College {
        match self {
            MemberCategory::EluCommunautaire | MemberCategory::EluMunicipal => College::Elus,
            MemberCategory::CollaborateurAgglomeration
            | MemberCategory::CollaborateurCommune
            | MemberCategory::Partenaire => College::Experts,
            MemberCategory::ConseilDeveloppement | MemberCategory::AutreOrganisation => {
                College::SocieteCivile
            }
        }
    }
}

text_enum! {
    /// The role of a member in the atelier. The binôme (porteur politique, collaborateur
    /// référent) is not a role: it is a dated place of the membership ([`BinomeRole`]).
    MemberRole {
        Membre = "membre", "Membre";
        ComiteRestreint = "comite_restreint", "Comité restreint";
        Invite = "invite", "Invité";
    }
}

text_enum! {
    /// The two places of the binôme porteur, each held by one member at a time: a dated fact
    /// of the memberships, so a past composition keeps the binôme it had.
    BinomeRole {
        PorteurPolitique = "porteur_politique", "Porteur politique";
        CollaborateurReferent = "collaborateur_referent", "Collaborateur référent";
    }
}

text_enum! {
    /// How a member was designated (seed 000, tables of § « Sur la composition »).
    Designation {
        Volontariat = "volontariat", "Volontariat";
        Maire = "maire", "Désignation par le maire";
        Dgs = "dgs", "Désignation par le DGS";
        DirectionGenerale = "direction_generale", "Désignation par la direction générale";
        Sollicitation = "sollicitation", "Sollicitation";
    }
}

impl College {
    /// The collège of an optional category, else the one named.
    pub fn of(category: Option<MemberCategory>, named: College) -> College {
        category.map_or(named, MemberCategory::college)
    }
}

/// A membership as typed in the form: a person joins an atelier for a dated period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MembershipInput {
    pub person_id: i64,
    /// Required when no category is given; else it follows from the category.
    pub college: String,
    pub category: String,
    pub role: String,
    pub designation: String,
    pub joined_on: String,
    pub left_on: String,
    pub presence_required: bool,
}

/// A checked membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipData {
    pub person_id: i64,
    pub college: College,
    pub category: Option<MemberCategory>,
    pub role: MemberRole,
    pub designation: Option<Designation>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub presence_required: bool,
}

impl MembershipInput {
    /// Collège (or a category, which names it), role and arrival date are required; the
    /// departure comes after the arrival; a category of another collège is refused.
    pub fn check(self) -> Result<MembershipData> {
        let mut problems = Problems::default();
        let category = match self.category.trim() {
            "" => None,
            text => {
                let parsed = MemberCategory::parse(text);
                if parsed.is_none() {
                    problems.add("category", format!("La catégorie « {text} » n'est pas reconnue"));
                }
                parsed
            }
        };
        let named = College::parse(self.college.trim());
        let college = match (named, category) {
            (Some(named), Some(category)) if category.college() != named => {
                problems.add(
                    "category",
                    format!(
                        "La catégorie « {} » relève du {}, pas du {}",
                        category.label(),
                        lower_first(category.college().label()),
                        lower_first(named.label())
                    ),
                );
                named
            }
            (_, Some(category)) => category.college(),
            (Some(named), None) => named,
            (None, None) => {
                problems.add("college", "Choisissez le collège du membre");
                College::Elus
            }
        };
        let role = MemberRole::parse(self.role.trim()).unwrap_or_else(|| {
            if !self.role.trim().is_empty() {
                problems.add("role", format!("Le rôle « {} » n'est pas reconnu", self.role.trim()));
            }
            MemberRole::Membre
        });
        let designation = match self.designation.trim() {
            "" => None,
            text => {
                let parsed = Designation::parse(text);
                if parsed.is_none() {
                    problems
                        .add("designation", format!("Le mode de désignation « {text} » n'est pas reconnu"));
                }
                parsed
            }
        };
        let joined_on = optional_date(&mut problems, "joined_on", "La date d'arrivée", &self.joined_on);
        if joined_on.is_none() && self.joined_on.trim().is_empty() {
            problems.add("joined_on", "La date d'arrivée est obligatoire");
        }
        let left_on = optional_date(&mut problems, "left_on", "La date de départ", &self.left_on);
        if let (Some(joined), Some(left)) = (joined_on, left_on) {
            if left <= joined {
                problems.add(
                    "left_on",
                    format!(
                        "La date de départ ({}) doit suivre la date d'arrivée ({})",
                        fr::long_date(left),
                        fr::long_date(joined)
                    ),
                );
            }
        }
        problems.into_result(MembershipData {
            person_id: self.person_id,
            college,
            category,
            role,
            designation,
            joined_on: joined_on.unwrap_or_default(),
            left_on,
            presence_required: self.presence_required,
        })
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// One membership of an atelier, as the Membres tab and the exports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub membership_id: i64,
    pub person_id: i64,
    pub civility: super::person::Civility,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub function: String,
    pub college: College,
    pub category: Option<MemberCategory>,
    pub role: MemberRole,
    /// Porteur politique or collaborateur référent of this atelier during this period.
    pub binome: Option<BinomeRole>,
    pub designation: Option<Designation>,
    /// The organisation and commune represented, as recorded when the membership started.
    pub organisation: Option<String>,
    pub commune: Option<String>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub presence_required: bool,
    /// Member at the date asked for.
    pub current: bool,
    /// Has signed the current version of the charter.
    pub signed_current_charter: bool,
    pub archived: bool,
}

/// One membership of a person, as their page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonMembership {
    pub membership_id: i64,
    pub atelier_id: i64,
    pub atelier_code: String,
    pub atelier_title: String,
    pub college: College,
    pub category: Option<MemberCategory>,
    pub role: MemberRole,
    pub binome: Option<BinomeRole>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MembershipInput {
        MembershipInput {
            person_id: 1,
            college: "elus".into(),
            category: "elu_municipal".into(),
            joined_on: "05/01/2027".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_college_follows_from_the_category() {
        let mut i = input();
        i.college = String::new();
        i.category = "partenaire".into();
        assert_eq!(i.check().unwrap().college, College::Experts);
    }

    #[test]
    fn a_category_of_another_college_is_refused_in_french() {
        let mut i = input();
        i.category = "partenaire".into();
        let err = i.check().unwrap_err();
        assert_eq!(err.fields()[0].field, "category");
        assert_eq!(
            err.to_string(),
            "La catégorie « Partenaire » relève du collège des experts, pas du collège des élus"
        );
    }

    #[test]
    fn a_departure_must_follow_the_arrival() {
        let mut i = input();
        i.left_on = "05/01/2027".into();
        assert_eq!(i.clone().check().unwrap_err().fields()[0].field, "left_on");
        i.left_on = "06/01/2027".into();
        assert!(i.check().is_ok());
    }

    #[test]
    fn a_college_alone_is_enough() {
        let mut i = input();
        i.category = String::new();
        let data = i.check().unwrap();
        assert_eq!((data.college, data.category, data.role), (College::Elus, None, MemberRole::Membre));
    }
}
