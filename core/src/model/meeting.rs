//! Meetings of ateliers, their attendance and their relevés.

use serde::Serialize;

use super::text_enum::text_enum;

text_enum! {
    /// The kind of a meeting.
    MeetingKind {
        Seance = "seance", "Séance";
        PetitGroupe = "petit_groupe", "Petit groupe";
        VisiteSite = "visite_site", "Visite de site";
        Forum = "forum", "Forum";
        RencontreBilaterale = "rencontre_bilaterale", "Rencontre bilatérale";
    }
}

text_enum! {
    /// Where a meeting stands.
    MeetingStatus {
        Prevue = "prevue", "Prévue";
        Convoquee = "convoquee", "Convoquée";
        Tenue = "tenue", "Tenue";
        Reportee = "reportee", "Reportée";
        Annulee = "annulee", "Annulée";
    }
}

text_enum! {
    /// Attendance of one convoked person at one meeting.
    AttendanceStatus {
        Present = "present", "Présent";
        Excuse = "excuse", "Excusé";
        Absent = "absent", "Absent";
        Represente = "represente", "Représenté";
    }
}

text_enum! {
    /// The kind of an agenda item.
    AgendaItemKind {
        Information = "information", "Information";
        Debat = "debat", "Débat";
        Decision = "decision", "Décision";
        ValidationReleve = "validation_releve", "Validation du relevé";
    }
}

text_enum! {
    /// Where a relevé de décisions stands.
    ReleveStatus {
        Brouillon = "brouillon", "Brouillon";
        Diffuse = "diffuse", "Diffusé";
        Valide = "valide", "Validé";
    }
}

text_enum! {
    /// Progress of an action decided in a meeting.
    ActionStatus {
        AFaire = "a_faire", "À faire";
        EnCours = "en_cours", "En cours";
        Faite = "faite", "Faite";
        Abandonnee = "abandonnee", "Abandonnée";
    }
}

text_enum! {
    /// How a charter was signed.
    SignatureMode {
        Papier = "papier", "Papier";
        EnSeance = "en_seance", "En séance";
        CopieNumerisee = "copie_numerisee", "Copie numérisée";
    }
}

/// One line of the list of meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingSummary {
    pub id: i64,
    /// Code of the atelier.
    pub atelier: String,
    pub atelier_title: String,
    pub session_number: Option<i64>,
    pub kind: MeetingKind,
    /// Local start, ISO 8601 without offset (`2027-01-12T18:00:00`).
    pub start: String,
    /// Local end, same format.
    pub end: String,
    pub place: String,
    pub status: MeetingStatus,
    pub ical_uid: String,
    pub ical_sequence: i64,
}
