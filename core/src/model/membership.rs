//! Memberships of people in ateliers: collège, category, role, how designated.

use super::text_enum::text_enum;

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
    /// The role of a member in the atelier.
    MemberRole {
        PorteurPolitique = "porteur_politique", "Porteur politique";
        CollaborateurReferent = "collaborateur_referent", "Collaborateur référent";
        ComiteRestreint = "comite_restreint", "Comité restreint";
        Membre = "membre", "Membre";
        Invite = "invite", "Invité";
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
