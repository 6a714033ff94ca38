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
    #[error("accès impossible au fichier {path} : {}", io_reason(.source))]
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
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
}

/// What the system said of a file, in French: the cases a user can meet and act on are
/// named; anything else keeps the system's own words.
fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let reason = match error.kind() {
        ErrorKind::NotFound => "ce fichier ou son dossier n'existe pas",
        ErrorKind::PermissionDenied => "l'accès est refusé (droits insuffisants)",
        ErrorKind::AlreadyExists => "un fichier de ce nom existe déjà",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "le disque est plein",
        ErrorKind::ReadOnlyFilesystem => "le disque ou la clé est en lecture seule",
        ErrorKind::IsADirectory => "c'est un dossier, pas un fichier",
        ErrorKind::NotADirectory => "une partie du chemin n'est pas un dossier",
        ErrorKind::DirectoryNotEmpty => "le dossier n'est pas vide",
        ErrorKind::FileTooLarge => "le fichier est trop gros",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "le fichier est ouvert dans un autre programme (une visionneuse, un antivirus ?) : fermez-le, puis recommencez"
        }
        ErrorKind::InvalidFilename => "ce nom de fichier n'est pas permis",
        ErrorKind::InvalidData => "son contenu n'est pas lisible (ce n'est pas du texte UTF-8)",
        ErrorKind::UnexpectedEof => "le fichier est incomplet",
        _ => return format!("erreur du système ({error})"),
    };
    reason.to_string()
}

/// SQLite's error in French for what a user can meet (a busy, full, read-only or damaged
/// base); anything else is a fault of the application and keeps SQLite's own words.
fn sqlite_message(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let reason = match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "la base de données est occupée par un autre programme (une autre fenêtre d'Ateliers ?) : rien n'a été enregistré, réessayez dans un instant"
        }
        Some(ErrorCode::DiskFull) => "le disque est plein : rien n'a été enregistré, libérez de la place puis réessayez",
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            "la base de données ne peut pas être modifiée (fichier en lecture seule ou droits insuffisants) : rien n'a été enregistré"
        }
        Some(ErrorCode::CannotOpen) => "le fichier de la base de données ne peut pas être ouvert",
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            "la base de données est endommagée : restaurez la dernière sauvegarde (À propos, dossier des sauvegardes)"
        }
        Some(ErrorCode::SystemIoFailure) => {
            "le disque n'a pas pu être lu ou écrit : rien n'a été enregistré, vérifiez le disque ou la clé puis réessayez"
        }
        _ => return format!("erreur de la base de données : {error}"),
    };
    reason.to_string()
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
        let path = path.into();
        // Windows answers « access denied » for a folder read as a file: say what it is.
        let source = if source.kind() == std::io::ErrorKind::PermissionDenied && path.is_dir() {
            std::io::Error::new(std::io::ErrorKind::IsADirectory, source)
        } else {
            source
        };
        Error::Io { path, source }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    fn io_message(path: &std::path::Path, source: std::io::Error) -> String {
        Error::io(path, source).to_string()
    }

    #[test]
    fn file_errors_a_user_can_meet_are_said_in_french() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("absent.ics");
        let error = std::fs::read(&missing).unwrap_err();
        assert_eq!(
            io_message(&missing, error),
            format!(
                "accès impossible au fichier {} : ce fichier ou son dossier n'existe pas",
                missing.display()
            )
        );
        let error = std::fs::read_to_string(folder.path()).unwrap_err();
        assert!(io_message(folder.path(), error).ends_with(" : c'est un dossier, pas un fichier"));
        for (kind, said) in [
            (ErrorKind::PermissionDenied, "l'accès est refusé (droits insuffisants)"),
            (ErrorKind::StorageFull, "le disque est plein"),
            (ErrorKind::ReadOnlyFilesystem, "le disque ou la clé est en lecture seule"),
        ] {
            let message = io_message(&missing, std::io::Error::from(kind));
            assert!(message.ends_with(&format!(" : {said}")), "{kind:?}: {message}");
        }
        // Anything else keeps the system's words, marked as such.
        let message = io_message(&missing, std::io::Error::from(ErrorKind::Interrupted));
        assert!(message.contains(" : erreur du système (") && message.ends_with(')'), "{message}");
    }

    #[test]
    fn a_busy_or_damaged_base_is_said_in_french() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("base.sqlite3");
        let holder = rusqlite::Connection::open(&path).unwrap();
        holder.execute_batch("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);").unwrap();
        let other = rusqlite::Connection::open(&path).unwrap();
        other.busy_timeout(std::time::Duration::ZERO).unwrap();
        let busy = other.execute("INSERT INTO t VALUES (2)", []).unwrap_err();
        let message = Error::from(busy).to_string();
        assert!(message.starts_with("la base de données est occupée par un autre programme"), "{message}");

        let damaged = folder.path().join("pas-une-base.sqlite3");
        std::fs::write(&damaged, "ceci n'est pas une base SQLite, mais un texte assez long pour l'en-tête")
            .unwrap();
        let error = rusqlite::Connection::open(&damaged)
            .unwrap()
            .execute_batch("SELECT * FROM sqlite_master")
            .unwrap_err();
        let message = Error::from(error).to_string();
        assert!(message.starts_with("la base de données est endommagée"), "{message}");

        // A fault of the application keeps SQLite's words.
        let error = holder.execute("INSERT INTO absente VALUES (1)", []).unwrap_err();
        assert!(Error::from(error).to_string().starts_with("erreur de la base de données : "));
    }
}
