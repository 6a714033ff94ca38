//! The columns of a members sheet: their French names (the headers the exports write) and
//! the headers accepted for each when reading.

use crate::text::key;

/// The columns of a members sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Civility,
    FirstName,
    LastName,
    Function,
    Commune,
    Organisation,
    Email,
    Phone,
    Address,
    Postcode,
    Town,
    Salutation,
    College,
    Category,
    Role,
}

impl Column {
    /// Every column, in the order of the template.
    pub const ALL: [Column; 15] = [
        Column::Civility,
        Column::FirstName,
        Column::LastName,
        Column::Function,
        Column::Commune,
        Column::Organisation,
        Column::Email,
        Column::Phone,
        Column::Address,
        Column::Postcode,
        Column::Town,
        Column::Salutation,
        Column::College,
        Column::Category,
        Column::Role,
    ];

    /// The columns a sheet must have.
    pub(super) const REQUIRED: [Column; 3] = [Column::FirstName, Column::LastName, Column::College];

    /// The French name of the column, as in the template and the messages.
    pub fn name(self) -> &'static str {
        match self {
            Column::Civility => "Civilité",
            Column::FirstName => "Prénom",
            Column::LastName => "Nom",
            Column::Function => "Fonction",
            Column::Commune => "Commune",
            Column::Organisation => "Organisation",
            Column::Email => "Courriel",
            Column::Phone => "Téléphone",
            Column::Address => "Adresse",
            Column::Postcode => "Code postal",
            Column::Town => "Ville",
            Column::Salutation => "Appellation",
            Column::College => "Collège",
            Column::Category => "Catégorie",
            Column::Role => "Rôle",
        }
    }

    /// The [`key`]s of the headers accepted for the column.
    fn header_keys(self) -> &'static [&'static str] {
        match self {
            Column::Civility => &["civilite", "civ"],
            Column::FirstName => &["prenom", "prenoms"],
            Column::LastName => &["nom", "nomdefamille", "nomdusage"],
            Column::Function => &["fonction", "fonctions"],
            Column::Commune => &["commune"],
            Column::Organisation => &["organisation", "organisme", "structure"],
            Column::Email => &[
                "courriel",
                "email",
                "mail",
                "mel",
                "adresseelectronique",
                "adressecourriel",
                "adressemail",
                "adresseemail",
            ],
            Column::Phone => &["telephone", "tel", "numerodetelephone"],
            Column::Address => &["adresse", "adressepostale", "adresse1", "rue", "voie"],
            Column::Postcode => &["codepostal", "cp", "postcode"],
            Column::Town => &["ville", "localite", "bureaudistributeur"],
            Column::Salutation => &["appellation", "formuledappel", "formuledepolitesse"],
            Column::College => &["college"],
            Column::Category => &["categorie"],
            Column::Role => &["role"],
        }
    }

    /// The column named by `header`, if any.
    pub(super) fn from_header(header: &str) -> Option<Column> {
        let wanted = key(header);
        Column::ALL.into_iter().find(|column| column.header_keys().contains(&wanted.as_str()))
    }
}
