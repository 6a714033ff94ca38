//! Files written where the user chose, whole or not at all: a file is written under a
//! temporary name and renamed; a batch is written in a hidden folder beside its
//! destination and moved into place only once every file is written, so a cancelled or
//! failed batch leaves nothing behind. A file is flushed to the disk before its rename, and
//! the folder after it, so a power cut right after « enregistré » loses nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A hidden folder inside a batch's destination where its files are written; each is moved
/// into the destination once the whole batch is written. Dropping it removes what is left,
/// so a cancelled or failed batch leaves nothing behind.
pub struct Staging {
    folder: PathBuf,
    hidden: PathBuf,
}

impl Staging {
    /// A staging folder for a batch going to `folder` (created if needed).
    pub fn new(folder: &Path) -> Result<Staging> {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        let hidden = folder.join(format!(".ateliers-en-cours-{}", std::process::id()));
        std::fs::create_dir_all(&hidden).map_err(|e| Error::io(&hidden, e))?;
        Ok(Staging { folder: folder.to_path_buf(), hidden })
    }

    /// Writes file `name` of the batch, still hidden.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let file = self.hidden.join(name);
        write_synced(&file, bytes).map_err(|e| Error::io(&file, e))
    }

    /// Moves file `name` into the destination, and flushes the destination folder so the
    /// new name survives a power cut; returns where it is now.
    pub fn move_into_place(&self, name: &str) -> Result<PathBuf> {
        let target = self.folder.join(name);
        rename_retried(&self.hidden.join(name), &target).map_err(|e| Error::io(&target, e))?;
        sync_folder(&self.folder)?;
        Ok(target)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.hidden);
    }
}

/// `path` with `.extension` added, unless it already ends with it (in any case): the save
/// dialogs give back whatever name the user typed.
pub fn with_extension(path: &Path, extension: &str) -> PathBuf {
    match path.extension() {
        Some(ext) if ext.eq_ignore_ascii_case(extension) => path.to_path_buf(),
        _ => {
            let mut name = path.as_os_str().to_owned();
            name.push(".");
            name.push(extension);
            PathBuf::from(name)
        }
    }
}

/// Writes `bytes` to `path` through a temporary name beside it, so a crash or a full disk
/// never leaves half a file under the chosen name: the file is on the disk before its
/// rename, and the rename is on the disk before this returns.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = partial_name(path);
    write_synced(&partial, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Error::io(path, e)
    })?;
    rename_into_place(&partial, path)
}

/// `path` with `.partiel` appended: where a file is written before it is renamed.
pub fn partial_name(path: &Path) -> PathBuf {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partiel");
    PathBuf::from(partial)
}

/// Renames the complete file `partial` to `path` (replacing it), then flushes the folder so
/// that the rename itself survives a power cut. The partial file is removed on failure.
pub fn rename_into_place(partial: &Path, path: &Path) -> Result<()> {
    rename_retried(partial, path).map_err(|e| {
        let _ = std::fs::remove_file(partial);
        Error::io(path, e)
    })?;
    sync_folder(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}

/// How long a rename onto a file another program holds open is tried again.
const RENAME_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

/// Renames `from` to `to`, replacing it. On Windows a file that another program holds open
/// (the PDF viewer showing the previous version, an antivirus scanning it) cannot be
/// replaced: the rename is tried again for [`RENAME_PATIENCE`], then reported as
/// [`std::io::ErrorKind::ResourceBusy`] (« ouvert dans un autre programme »).
fn rename_retried(from: &Path, to: &Path) -> std::io::Result<()> {
    let deadline = std::time::Instant::now() + RENAME_PATIENCE;
    loop {
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if held_open(&e) && to.is_file() => {
                if std::time::Instant::now() >= deadline {
                    return Err(std::io::Error::new(std::io::ErrorKind::ResourceBusy, e));
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Whether `error` is Windows saying that another program holds the file (access denied,
/// sharing or lock violation).
fn held_open(error: &std::io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// Writes `bytes` to a new file `path` and waits until they are on the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes `folder`'s entries (new names, renames) to the disk. Windows has no such call
/// for folders (NTFS journals renames itself), so there it does nothing.
pub fn sync_folder(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder).and_then(|f| f.sync_all()).map_err(|e| Error::io(folder, e))?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_added_only_when_missing() {
        assert_eq!(with_extension(Path::new("/d/odj"), "pdf"), Path::new("/d/odj.pdf"));
        assert_eq!(with_extension(Path::new("/d/odj.PDF"), "pdf"), Path::new("/d/odj.PDF"));
        assert_eq!(
            with_extension(Path::new("/d/réunion du 3.10"), "ics"),
            Path::new("/d/réunion du 3.10.ics")
        );
    }

    /// Windows only: a file held open by another program without sharing (as a viewer or an
    /// antivirus may) is replaced once it is let go, or reported in French after a while,
    /// its path written with backslashes.
    #[test]
    #[cfg(windows)]
    fn a_file_held_open_is_replaced_once_let_go_or_reported_in_french() {
        use std::os::windows::fs::OpenOptionsExt;
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("relevé.pdf");
        std::fs::write(&file, b"ancien").unwrap();
        let hold = || std::fs::OpenOptions::new().read(true).share_mode(0).open(&file).unwrap();
        let held = hold();
        let letting_go = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(500));
            drop(held);
        });
        write_atomically(&file, b"nouveau").unwrap();
        letting_go.join().unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"nouveau", "replaced once let go");
        let _held = hold();
        let error = write_atomically(&file, b"encore").unwrap_err().to_string();
        assert!(error.contains("ouvert dans un autre programme"), "{error}");
        assert!(error.contains(&format!("{}\\relevé.pdf", folder.path().display())), "{error}");
        assert!(!folder.path().join("relevé.pdf.partiel").exists(), "nothing partial left");
    }

    #[test]
    fn a_file_is_whole_under_its_name_and_nothing_partial_stays() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("annuaire.csv");
        write_atomically(&file, b"Nom\nDupont\n").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"Nom\nDupont\n");
        let error = write_atomically(&folder.path().join("absent/annuaire.csv"), b"x").unwrap_err();
        assert_eq!(error.code(), "io");
        let names: Vec<_> =
            std::fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["annuaire.csv"]);
    }
}
