//! The core's single error type. Every message is French and, for bad input, names the field.

use std::path::PathBuf;

/// One invalid field of a form or record, with the French message shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Machine name of the field (e.g. `code`, `planned_end`, `milestones[2].label`).
    pub field: String,
    /// French message naming the field, e.g. « Le titre est obligatoire ».
    pub message: String,
}

impl FieldError {
    /// A field error for `field` with `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; nothing was written.
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    /// A record that does not exist (any more).
    #[error("{what} n° {id} est introuvable")]
    NotFound { what: &'static str, id: i64 },
    /// An operation refused in the current state (e.g. demo data into a non-empty base).
    #[error("{0}")]
    Refused(String),
    /// A meeting that overlaps others (listed); nothing was written. The secretary may save
    /// it deliberately.
    #[error("La réunion est en conflit avec d'autres : {}", join_conflicts(.0))]
    Conflicts(Vec<crate::model::meeting::Conflict>),
    /// The database file was written by a newer version of the application.
    #[error("la base de données est en version {found}, plus récente que celle que cette application connaît ({supported}) : mettez l'application à jour")]
    SchemaTooNew { found: i64, supported: i64 },
    /// A file that is not a usable Ateliers database.
    #[error("le fichier {path} n'est pas une base Ateliers utilisable : {reason}")]
    NotADatabase { path: PathBuf, reason: String },
    /// A file given as a spreadsheet that cannot be read as a table at all.
    #[error("le fichier {path} ne peut pas être lu comme un tableau : {reason}")]
    NotATable { path: PathBuf, reason: String },
    /// No folder for application data could be found on this system.
    #[error("impossible de trouver le dossier des données de l'application sur ce système")]
    NoDataFolder,
    /// A file could not be read or written.
    #[error("accès impossible au fichier {path} : {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// An export the user cancelled; nothing was written.
    #[error("export annulé : aucun fichier n'a été écrit")]
    Cancelled,
    /// A file given as a calendar that is not one we can read.
    #[error("le fichier {path} n'est pas un calendrier lisible : {reason}")]
    NotACalendar { path: PathBuf, reason: String },
    /// The shared calendar's server cannot be reached.
    #[error("{0}")]
    Unreachable(String),
    /// The shared calendar's server refused the user or password.
    #[error("{0}")]
    Unauthorized(String),
    /// The system's credential store cannot keep or give the password.
    #[error("{0}")]
    Credentials(String),
    /// SQLite reported an error.
    #[error("erreur de la base de données : {0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn join_conflicts(conflicts: &[crate::model::meeting::Conflict]) -> String {
    conflicts.iter().map(|c| c.message.as_str()).collect::<Vec<_>>().join(" ; ")
}

fn join_messages(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ; ")
}

impl Error {
    /// A single-field validation error.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    /// Stable machine code of the error kind, for the UI (which never matches messages).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Refused(_) => "refused",
            Error::Conflicts(_) => "conflict",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::NotATable { .. } => "not_a_table",
            Error::NoDataFolder => "no_data_folder",
            Error::Io { .. } => "io",
            Error::Cancelled => "cancelled",
            Error::NotACalendar { .. } => "not_a_calendar",
            Error::Unreachable(_) => "unreachable",
            Error::Unauthorized(_) => "unauthorized",
            Error::Credentials(_) => "credentials",
            Error::Sqlite(_) => "database",
        }
    }

    /// The invalid fields, empty unless this is [`Error::Invalid`].
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Invalid(fields) => fields,
            _ => &[],
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects field errors while a record is checked, then fails with all of them at once.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// The problems recorded so far.
    pub(crate) fn into_fields(self) -> Vec<FieldError> {
        self.0
    }

    /// `Ok(value)` when no problem was recorded, else [`Error::Invalid`].
    pub(crate) fn into_result<T>(self, value: T) -> Result<T> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}
