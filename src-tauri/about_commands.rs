//! « À propos »: the version, where the base and its backups are (each opened in the file
//! manager on request, from here: the window itself may open nothing), the schema version,
//! and the licences of what the application ships.

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::document_commands::open;
use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// A component shipped with the application and its licence.
#[derive(Debug, Serialize)]
pub struct Licence {
    pub name: &'static str,
    pub what: &'static str,
    pub licence: &'static str,
}

/// A library compiled into the application (`licences.json`, generated from `cargo
/// metadata` and kept true by `tests/licences.rs`).
#[derive(Debug, Deserialize, Serialize)]
pub struct Library {
    pub name: String,
    pub version: String,
    /// Its SPDX licence expression, as the crate declares it.
    pub licence: String,
}

/// Every library of the Linux build, sorted by name.
const LIBRARIES: &str = include_str!("licences.json");

/// What « À propos » shows.
#[derive(Debug, Serialize)]
pub struct About {
    pub version: &'static str,
    pub database_path: String,
    pub data_folder: String,
    pub backups_folder: String,
    pub schema_version: i64,
    pub licences: &'static [Licence],
    pub libraries: Vec<Library>,
}

/// The fonts and the main libraries inside the application, with their licences.
const LICENCES: &[Licence] = &[
    Licence { name: "Ateliers", what: "cette application", licence: "EUPL 1.2" },
    Licence { name: "Liberation Sans", what: "police des documents", licence: "SIL Open Font License 1.1" },
    Licence {
        name: "DejaVu Sans",
        what: "police de secours des documents",
        licence: "licence Bitstream Vera et domaine public",
    },
    Licence { name: "Tauri", what: "fenêtre de l'application", licence: "MIT ou Apache 2.0" },
    Licence { name: "SQLite", what: "base de données (via rusqlite, MIT)", licence: "domaine public" },
    Licence { name: "printpdf", what: "écriture des PDF", licence: "MIT" },
    Licence { name: "lopdf", what: "métadonnées des PDF", licence: "MIT" },
    Licence { name: "ttf-parser", what: "lecture des polices", licence: "MIT ou Apache 2.0" },
    Licence { name: "png", what: "lecture du logo", licence: "MIT ou Apache 2.0" },
    Licence { name: "lettre", what: "brouillons d'e-mails", licence: "MIT" },
    Licence { name: "ical", what: "lecture des calendriers importés", licence: "Apache 2.0" },
    Licence {
        name: "rrule",
        what: "dates des événements répétés des calendriers importés",
        licence: "MIT ou Apache 2.0",
    },
    Licence {
        name: "ureq et rustls",
        what: "envoi au calendrier partagé",
        licence: "MIT ou Apache 2.0 (rustls : aussi ISC)",
    },
    Licence { name: "keyring", what: "trousseau du système", licence: "MIT ou Apache 2.0" },
    Licence { name: "chrono et chrono-tz", what: "dates et fuseaux horaires", licence: "MIT ou Apache 2.0" },
    Licence {
        name: "csv et encoding_rs",
        what: "lecture des tableurs",
        licence: "MIT ou Apache 2.0 (encoding_rs : aussi WHATWG)",
    },
];

#[tauri::command]
pub fn about(state: State<'_, AppState>) -> Reply<About> {
    let store = state.store()?;
    let show = |path: Option<std::path::PathBuf>| path.map(|p| p.display().to_string()).unwrap_or_default();
    Ok(About {
        version: env!("CARGO_PKG_VERSION"),
        database_path: show(store.path().map(|p| p.to_path_buf())),
        data_folder: show(store.data_folder()),
        backups_folder: show(store.backup_folder()),
        schema_version: store.schema_version()?,
        licences: LICENCES,
        libraries: serde_json::from_str(LIBRARIES).map_err(|e| {
            ateliers::Error::Refused(format!("La liste des bibliothèques livrées est illisible : {e}"))
        })?,
    })
}

/// Which folder to open.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Folder {
    /// The folder of the database file.
    Data,
    /// The folder of the automatic backups.
    Backups,
}

/// Opens the data or the backups folder in the file manager; false when none could be
/// started.
#[tauri::command]
pub fn open_folder(state: State<'_, AppState>, folder: Folder) -> Reply<bool> {
    let path = {
        let store = state.store()?;
        match folder {
            Folder::Data => store.data_folder(),
            Folder::Backups => store.backup_folder(),
        }
    };
    let Some(path) = path else {
        return Err(
            ateliers::Error::Refused("La base est en mémoire : elle n'a pas de dossier".into()).into()
        );
    };
    std::fs::create_dir_all(&path).map_err(|e| {
        ateliers::Error::Refused(format!("Le dossier {} ne peut pas être créé : {e}", path.display()))
    })?;
    Ok(open(&path))
}
