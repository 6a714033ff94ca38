//! Where the database lives by default.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The application identifier; also the name of its folder in the OS application-data
/// folder (the same folder Tauri calls `app_data_dir`).
pub const APP_IDENTIFIER: &str = "fr.ateliers.desktop";

/// File name of the database inside the application's data folder.
pub const DATABASE_FILE: &str = "ateliers.sqlite3";

/// Environment variable naming another database file (used by the CLI and the window).
pub const DATABASE_ENV: &str = "ATELIERS_DB";

/// The application's data folder: `$XDG_DATA_HOME/fr.ateliers.desktop` on Linux,
/// `%APPDATA%\fr.ateliers.desktop` on Windows, `~/Library/Application Support/…` on macOS.
pub fn data_folder() -> Result<PathBuf> {
    Ok(dirs::data_dir().ok_or(Error::NoDataFolder)?.join(APP_IDENTIFIER))
}

/// The database to open: `$ATELIERS_DB` when set and not empty, else the default file in
/// [`data_folder`].
pub fn default_database() -> Result<PathBuf> {
    match std::env::var_os(DATABASE_ENV) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => Ok(data_folder()?.join(DATABASE_FILE)),
    }
}
