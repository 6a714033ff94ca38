//! Which document to print, as the window and the command line ask for it: one enum, so
//! both build documents and names the same way.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{
    agenda, assiduity, calendar, charter, convocation, fiche, file_name, meeting_name, releve, sign_in,
    Document,
};
use crate::error::{Error, Result};
use crate::store::Store;

/// The file a document is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// PDF, to print and send.
    #[default]
    Pdf,
    /// OpenDocument text (`.odt`), to amend in LibreOffice or Word.
    Odt,
}

impl Format {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Odt => "odt",
        }
    }

    /// Writes `document` at `path` in this format (the extension added when missing), whole
    /// or not at all; the path written.
    pub fn write(self, document: &Document, path: &std::path::Path) -> Result<std::path::PathBuf> {
        match self {
            Format::Pdf => super::files::write_document(document, path),
            Format::Odt => crate::odt::write_document(document, path),
        }
    }
}

/// A document of a meeting, of an atelier or of a period.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Every convocation of a meeting (as a document: the merged file).
    Convocations {
        /// The meeting.
        meeting_id: i64,
    },
    /// The ordre du jour of a meeting.
    OrdreDuJour {
        /// The meeting.
        meeting_id: i64,
    },
    /// The feuille d'émargement of a meeting.
    Emargement {
        /// The meeting.
        meeting_id: i64,
    },
    /// The relevé de décisions of a meeting.
    Releve {
        /// The meeting.
        meeting_id: i64,
    },
    /// The charter to sign: for one person, or every member who has not signed.
    Charte {
        /// The atelier.
        atelier_id: i64,
        /// The one person, if any.
        #[serde(default)]
        person_id: Option<i64>,
    },
    /// The fiche of an atelier.
    Fiche {
        /// The atelier.
        atelier_id: i64,
    },
    /// The assiduité report of an atelier.
    Assiduite {
        /// The atelier.
        atelier_id: i64,
    },
    /// The calendrier of a period.
    Calendrier {
        /// First day (`AAAA-MM-JJ`).
        from: String,
        /// Last day (`AAAA-MM-JJ`).
        to: String,
    },
}

impl Request {
    /// The document asked for.
    pub fn document(&self, store: &Store) -> Result<Document> {
        match self {
            Request::Convocations { meeting_id } => Ok(convocation::letters(store, *meeting_id)?.merged()),
            Request::OrdreDuJour { meeting_id } => agenda::document(store, *meeting_id),
            Request::Emargement { meeting_id } => sign_in::document(store, *meeting_id),
            Request::Releve { meeting_id } => releve::document(store, *meeting_id),
            Request::Charte { atelier_id, person_id } => charter::document(store, *atelier_id, *person_id),
            Request::Fiche { atelier_id } => fiche::document(store, *atelier_id),
            Request::Assiduite { atelier_id } => assiduity::document(store, *atelier_id),
            Request::Calendrier { from, to } => calendar::document(store, day(from, "from")?, day(to, "to")?),
        }
    }

    /// The document a preview shows: the first letter for convocations (one person's
    /// page, as it will be printed), the document itself otherwise.
    pub fn preview(&self, store: &Store) -> Result<Document> {
        match self {
            Request::Convocations { meeting_id } => {
                convocation::sample_letter(store, *meeting_id, store.current_letter_text()?.text)
            }
            other => other.document(store),
        }
    }

    /// A file name for the document, with the extension of `format` (for convocations, the
    /// folder's name).
    pub fn file_name(&self, store: &Store, format: Format) -> Result<String> {
        let meeting = |id: i64, what: &str| -> Result<String> {
            let meeting = store.meeting(id)?;
            Ok(file_name(&format!("{what} {} {}", meeting.atelier, meeting_name(&meeting))))
        };
        let atelier = |id: i64, what: &str| -> Result<String> {
            Ok(file_name(&format!("{what} {}", store.atelier(id)?.data.code)))
        };
        let stem = match self {
            Request::Convocations { meeting_id } => return meeting(*meeting_id, "Convocations"),
            Request::OrdreDuJour { meeting_id } => meeting(*meeting_id, "Ordre du jour")?,
            Request::Emargement { meeting_id } => meeting(*meeting_id, "Feuille d’émargement")?,
            Request::Releve { meeting_id } => meeting(*meeting_id, "Relevé de décisions")?,
            Request::Charte { atelier_id, person_id: Some(person) } => {
                let person = store.person(*person)?;
                atelier(*atelier_id, &format!("Charte {} {}", person.data.last_name, person.data.first_name))?
            }
            Request::Charte { atelier_id, person_id: None } => atelier(*atelier_id, "Chartes à signer")?,
            Request::Fiche { atelier_id } => atelier(*atelier_id, "Fiche atelier")?,
            Request::Assiduite { atelier_id } => atelier(*atelier_id, "Assiduité")?,
            Request::Calendrier { from, to } => {
                file_name(&format!("Calendrier des ateliers du {from} au {to}"))
            }
        };
        Ok(format!("{stem}.{}", format.extension()))
    }
}

fn day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("« {text} » n’est pas une date (AAAA-MM-JJ)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_the_window_s_json() {
        let request: Request = serde_json::from_str(r#"{"kind":"ordre_du_jour","meeting_id":3}"#).unwrap();
        assert_eq!(request, Request::OrdreDuJour { meeting_id: 3 });
        let request: Request = serde_json::from_str(r#"{"kind":"charte","atelier_id":2}"#).unwrap();
        assert_eq!(request, Request::Charte { atelier_id: 2, person_id: None });
    }

    #[test]
    fn a_period_with_a_bad_date_names_the_field() {
        let store = Store::open_in_memory().unwrap();
        let error = Request::Calendrier { from: "2027-13-01".into(), to: "2027-02-01".into() }
            .document(&store)
            .unwrap_err();
        assert_eq!(error.fields()[0].field, "from");
    }
}
