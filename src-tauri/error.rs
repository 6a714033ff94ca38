//! The error the UI receives: a stable `code` to branch on, a French `message` to show, and
//! the invalid `fields` of a form. The UI never matches message text.

use ateliers::FieldError;
use serde::Serialize;

/// An error returned by a command, serialised as `{code, message, fields}`.
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<ateliers::Error> for CommandError {
    /// The core's error, with French typography (no-break spaces) applied once, here.
    fn from(error: ateliers::Error) -> Self {
        let typography = ateliers::fr::typography;
        let fields =
            error.fields().iter().map(|f| FieldError::new(f.field.clone(), typography(&f.message))).collect();
        CommandError { code: error.code(), message: typography(&error.to_string()), fields }
    }
}

impl CommandError {
    /// A request the UI should never send (wrong body shape).
    pub(crate) fn bad_request(message: &str) -> Self {
        CommandError { code: "bad_request", message: message.into(), fields: Vec::new() }
    }

    /// A file path that the user did not choose in a dialog opened by the application
    /// (`crate::dialog_commands`): nothing is read or written.
    pub(crate) fn path_refused(path: &std::path::Path) -> Self {
        CommandError {
            code: "chemin_refuse",
            message: ateliers::fr::typography(&format!(
                "le fichier « {} » n'a pas été choisi dans une fenêtre de choix de fichier d'Ateliers : rien n'a été lu ni écrit ; choisissez-le de nouveau",
                path.display()
            )),
            fields: Vec::new(),
        }
    }

    /// The database could not be opened at start: every command answers this.
    pub(crate) fn startup(error: ateliers::Error) -> Self {
        let mut error = CommandError::from(error);
        error.message = ateliers::fr::typography(&format!(
            "Ateliers ne peut pas ouvrir sa base de données : {}",
            error.message
        ));
        error
    }

    /// The store's lock was poisoned by a panic in another command.
    pub(crate) fn unavailable() -> Self {
        CommandError {
            code: "unavailable",
            message: ateliers::fr::typography(
                "la base de données n'est plus disponible : fermez puis rouvrez l'application",
            ),
            fields: Vec::new(),
        }
    }
}
