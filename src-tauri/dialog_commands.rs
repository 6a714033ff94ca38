//! The system's open and save dialogs, opened from here and never by the page: each path
//! the user chooses is recorded in [`GrantedPaths`], and every command that reads or writes
//! a file accepts only such a path. A page made to send another path (`~/.bashrc`, say) is
//! refused with `chemin_refuse`, and nothing is read or written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::Deserialize;
use tauri::{Runtime, State, Window};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// What the user chose a path for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    /// Chosen in the open dialog: it may be read as often as needed (previewed, then
    /// imported).
    Open,
    /// Chosen in the save dialog: it may be written once.
    Save,
}

/// The paths the user chose in the dialogs of [`choose_file_to_open`] and
/// [`choose_file_to_save`].
#[derive(Debug, Default)]
pub struct GrantedPaths {
    grants: Mutex<Grants>,
}

#[derive(Debug, Default)]
struct Grants {
    open: HashSet<PathBuf>,
    save: HashSet<PathBuf>,
}

impl GrantedPaths {
    /// Records that the user chose `path` for `grant`. Called by the dialog commands only,
    /// and by the tests in place of a user: the page has no way to call it.
    pub fn grant(&self, path: impl Into<PathBuf>, grant: Grant) {
        let mut grants = self.lock();
        let set = match grant {
            Grant::Open => &mut grants.open,
            Grant::Save => &mut grants.save,
        };
        set.insert(path.into());
    }

    /// Refused unless the user chose `path` in the open dialog.
    pub(crate) fn check_read(&self, path: &Path) -> Reply<()> {
        if self.lock().open.contains(path) {
            Ok(())
        } else {
            Err(CommandError::path_refused(path))
        }
    }

    /// Refused unless the user chose `path` in the save dialog; the choice is then used up.
    pub(crate) fn take_write(&self, path: &Path) -> Reply<()> {
        if self.lock().save.remove(path) {
            Ok(())
        } else {
            Err(CommandError::path_refused(path))
        }
    }

    /// The grants; a panic elsewhere while they were held leaves a set of paths that is
    /// still whole, so a poisoned lock is taken as it is.
    fn lock(&self) -> MutexGuard<'_, Grants> {
        self.grants.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One line of a dialog's list of file types: « Tableau CSV ou texte » and its extensions.
#[derive(Debug, Deserialize)]
pub struct Filter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// A file dialog titled `title` that shows the files of `filters`.
fn dialog<R: Runtime>(window: &Window<R>, title: String, filters: &[Filter]) -> FileDialogBuilder<R> {
    filters.iter().fold(window.dialog().file().set_title(title), |builder, filter| {
        let extensions: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        builder.add_filter(&filter.name, &extensions)
    })
}

/// The path chosen (none when the dialog was closed), recorded for `grant`.
fn chosen(state: &AppState, file: Option<FilePath>, grant: Grant) -> Reply<Option<String>> {
    let Some(file) = file else { return Ok(None) };
    let unreadable = || {
        CommandError::from(ateliers::Error::Refused(
            "le nom du fichier choisi contient des caractères que l'application ne sait pas lire : choisissez un autre nom"
                .into(),
        ))
    };
    let path = file.into_path().map_err(|_| unreadable())?;
    let text = path.to_str().ok_or_else(unreadable)?.to_string();
    state.paths().grant(path, grant);
    Ok(Some(text))
}

/// Asks the user to choose a file to read in the system's open dialog; its path, or none
/// when the dialog was closed. `async`: the dialog is waited for off the window's thread.
#[tauri::command]
pub async fn choose_file_to_open<R: Runtime>(
    window: Window<R>,
    state: State<'_, AppState>,
    title: String,
    filters: Option<Vec<Filter>>,
) -> Reply<Option<String>> {
    let builder = dialog(&window, title, filters.as_deref().unwrap_or_default());
    // As the dialog plugin does: on Linux the open dialog has no parent window.
    #[cfg(any(windows, target_os = "macos"))]
    let builder = builder.set_parent(&window);
    chosen(&state, builder.blocking_pick_file(), Grant::Open)
}

/// Asks the user where to save, in the system's save dialog, `default_name` proposed; the
/// chosen path (a file, or a folder the batch will create), or none when the dialog was
/// closed.
#[tauri::command]
pub async fn choose_file_to_save<R: Runtime>(
    window: Window<R>,
    state: State<'_, AppState>,
    title: String,
    default_name: Option<String>,
    filters: Option<Vec<Filter>>,
) -> Reply<Option<String>> {
    let mut builder = dialog(&window, title, filters.as_deref().unwrap_or_default()).set_parent(&window);
    if let Some(name) = default_name {
        builder = builder.set_file_name(name);
    }
    chosen(&state, builder.blocking_save_file(), Grant::Save)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_read_only_if_opened_and_written_only_once_if_saved() {
        let paths = GrantedPaths::default();
        let file = Path::new("/tmp/membres.csv");
        assert_eq!(paths.check_read(file).unwrap_err().code, "chemin_refuse");
        assert_eq!(paths.take_write(file).unwrap_err().code, "chemin_refuse");

        paths.grant(file, Grant::Open);
        assert!(paths.check_read(file).is_ok() && paths.check_read(file).is_ok(), "read as often as needed");
        assert!(paths.take_write(file).is_err(), "opened is not saved");

        paths.grant(file, Grant::Save);
        assert!(paths.take_write(file).is_ok());
        assert!(paths.take_write(file).is_err(), "a save is used once");
        assert!(paths.check_read(Path::new("/tmp/autre.csv")).is_err());
    }
}
