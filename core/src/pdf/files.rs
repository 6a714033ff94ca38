//! Writing the PDF documents where the user chose, whole or not at all (through
//! [`crate::files`]): one document, or the convocations' batch drawn on every core.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::convocation::Letters;
use super::Document;
use crate::error::{Error, Result};
use crate::files::{with_extension, write_atomically, Staging};

/// Writes `document` to `path` (a `.pdf` extension is added when missing) and returns the
/// path written.
pub fn write_document(document: &Document, path: &Path) -> Result<PathBuf> {
    let path = with_extension(path, "pdf");
    write_atomically(&path, &document.to_pdf())?;
    Ok(path)
}

/// What a batch wrote.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BatchWritten {
    /// The folder of the files.
    pub folder: PathBuf,
    /// Every personal file, in the order of the letters.
    pub files: Vec<PathBuf>,
    /// The file holding every letter, to print at once.
    pub merged: PathBuf,
}

/// Writes the convocation letters into `folder` (created if needed): one file per person
/// and the merged file, drawn on every core. `progress(done, total)` is called on this
/// thread after each file; when it returns false the batch stops and nothing is left in
/// `folder`.
pub fn write_letters(
    letters: &Letters,
    folder: &Path,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<BatchWritten> {
    let staging = Staging::new(folder)?;
    let count = letters.letters.len();
    let merged_name = format!("{}.pdf", letters.merged_name());
    // Task 0 is the merged file, the longest, started first; task i is letter i - 1.
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut outcome: Result<()> = Ok(());
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<Result<()>>();
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, stop, merged_name, staging) = (&next, &stop, &merged_name, &staging);
            scope.spawn(move || loop {
                let task = next.fetch_add(1, Ordering::SeqCst);
                if task > count || stop.load(Ordering::SeqCst) {
                    break;
                }
                let (name, bytes) = match task {
                    0 => (merged_name.clone(), letters.merged().to_pdf()),
                    i => match letters.single(i - 1) {
                        Some(document) => (format!("{}.pdf", letters.letters[i - 1].0), document.to_pdf()),
                        None => continue,
                    },
                };
                if sender.send(staging.write(&name, &bytes)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut done = 0;
        for written in receiver {
            if outcome.is_err() {
                continue;
            }
            outcome = written;
            done += 1;
            if outcome.is_ok() && !progress(done, count + 1) {
                outcome = Err(Error::Cancelled);
            }
            if outcome.is_err() {
                stop.store(true, Ordering::SeqCst);
            }
        }
    });
    outcome?;
    let mut files = Vec::with_capacity(count);
    for (name, _) in &letters.letters {
        files.push(staging.move_into_place(&format!("{name}.pdf"))?);
    }
    let merged = staging.move_into_place(&merged_name)?;
    Ok(BatchWritten { folder: folder.to_path_buf(), files, merged })
}
