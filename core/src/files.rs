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
        std::fs::rename(self.hidden.join(name), &target).map_err(|e| Error::io(&target, e))?;
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
    std::fs::rename(partial, path).map_err(|e| {
        let _ = std::fs::remove_file(partial);
        Error::io(path, e)
    })?;
    sync_folder(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
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
