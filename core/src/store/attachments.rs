//! Attachments: files copied into the application's data folder (never referenced where the
//! user picked them), one row each: the organisation's logo, the letters' signature, the
//! meetings' documents, the scans of signed charters.

use std::path::PathBuf;

use base64::Engine;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::Store;
use crate::error::{Error, Result};
use crate::model::settings::Picture;

/// Folder, beside the database, that holds the copied attachments.
const ATTACHMENT_FOLDER: &str = "pieces-jointes";

impl Store {
    /// The folder that holds attachments, beside the database file; `None` in memory.
    pub fn attachment_folder(&self) -> Option<PathBuf> {
        Some(self.data_folder()?.join(ATTACHMENT_FOLDER))
    }

    /// Checks `bytes` (PNG or JPEG, 2 Mo at most), copies them into the data folder and makes
    /// them the settings' `picture` (the logo, the signature), replacing the previous one,
    /// in one transaction.
    pub fn set_picture(&mut self, picture: Picture, original_name: &str, bytes: &[u8]) -> Result<()> {
        let (media_type, extension) = picture.check(bytes)?;
        let file = self.copy_in(picture.name(), extension, bytes)?;
        let unused = self.write(|tx| {
            let previous = picture_row(tx, picture)?;
            let id = insert_attachment(tx, original_name, media_type, bytes.len(), &file)?;
            tx.execute(&format!("UPDATE settings SET {} = ?1 WHERE id = 1", picture.column()), [id])?;
            match previous {
                Some(old) if old != id => forget_attachment(tx, old),
                _ => Ok(None),
            }
        })?;
        self.remove_unused_file(unused);
        Ok(())
    }

    /// Removes the settings' `picture`.
    pub fn remove_picture(&mut self, picture: Picture) -> Result<()> {
        let unused = self.write(|tx| {
            let previous = picture_row(tx, picture)?;
            tx.execute(&format!("UPDATE settings SET {} = NULL WHERE id = 1", picture.column()), [])?;
            match previous {
                Some(old) => forget_attachment(tx, old),
                None => Ok(None),
            }
        })?;
        self.remove_unused_file(unused);
        Ok(())
    }

    /// Copies `bytes` into the attachment folder under a name made of `prefix` and their
    /// digest; returns the stored file. Written before the transaction that records it: a
    /// crash in between leaves an unreferenced file, never a row without its file.
    pub(super) fn copy_in(&self, prefix: &str, extension: &str, bytes: &[u8]) -> Result<StoredFile> {
        let folder = self.attachment_folder().ok_or_else(|| {
            Error::Refused("une base en mémoire ne peut pas recevoir de pièce jointe".into())
        })?;
        let digest = hex(&Sha256::digest(bytes));
        let name = format!("{prefix}-{}.{extension}", &digest[..16]);
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        crate::files::write_atomically(&folder.join(&name), bytes)?;
        Ok(StoredFile { relative: format!("{ATTACHMENT_FOLDER}/{name}"), digest, added_at: self.stamp() })
    }

    /// Deletes the files of attachments whose rows are gone. A file left behind by a failed
    /// removal is only wasted space.
    pub(super) fn remove_unused_file(&self, relative: Option<String>) {
        if let (Some(relative), Some(data)) = (relative, self.data_folder()) {
            let _ = std::fs::remove_file(data.join(relative));
        }
    }

    /// The settings' `picture` as a `data:` URL for an `<img>`, if one is set.
    pub fn picture_data_url(&self, picture: Picture) -> Result<Option<String>> {
        Ok(self.picture(picture)?.map(|(media_type, bytes)| {
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            format!("data:{media_type};base64,{encoded}")
        }))
    }

    /// The settings' `picture`, if one is stored: its media type and its bytes (the
    /// documents put the logo in their header, the letters the signature at their foot).
    pub fn picture(&self, picture: Picture) -> Result<Option<(String, Vec<u8>)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                &format!(
                    "SELECT a.media_type, a.stored_path FROM settings s
                     JOIN attachments a ON a.id = s.{} WHERE s.id = 1",
                    picture.column()
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (Some((media_type, relative)), Some(data)) = (row, self.data_folder()) else {
            return Ok(None);
        };
        let file = data.join(relative);
        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
        Ok(Some((media_type, bytes)))
    }
}

/// A file copied into the attachment folder.
pub(super) struct StoredFile {
    relative: String,
    digest: String,
    added_at: String,
}

/// Records a copied file (the same content is recorded once); returns its identifier.
pub(super) fn insert_attachment(
    tx: &Transaction<'_>,
    original_name: &str,
    media_type: &str,
    size: usize,
    file: &StoredFile,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO attachments (original_name, stored_path, media_type, size_bytes, sha256, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (stored_path) DO UPDATE SET original_name = excluded.original_name",
        params![original_name, file.relative, media_type, size as i64, file.digest, file.added_at],
    )?;
    Ok(tx.query_row("SELECT id FROM attachments WHERE stored_path = ?1", [&file.relative], |r| r.get(0))?)
}

/// Deletes attachment `id` if no row of any table refers to it any more, and returns its
/// file for removal after commit. The referring columns are read from the schema's foreign
/// keys, so a new table that references attachments needs no list kept here.
pub(super) fn forget_attachment(tx: &Transaction<'_>, id: i64) -> Result<Option<String>> {
    let mut stmt = tx.prepare(
        "SELECT m.name, k.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) k
         WHERE m.type = 'table' AND k.\"table\" = 'attachments'",
    )?;
    let columns: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (table, column) in columns {
        // Identifiers come from the schema itself, never from user input.
        let sql = format!("SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE \"{column}\" = ?1)");
        let used: bool = tx.query_row(&sql, [id], |r| r.get(0))?;
        if used {
            return Ok(None);
        }
    }
    let relative: Option<String> = tx
        .query_row("DELETE FROM attachments WHERE id = ?1 RETURNING stored_path", [id], |r| r.get(0))
        .optional()?;
    Ok(relative)
}

fn picture_row(tx: &Transaction<'_>, picture: Picture) -> Result<Option<i64>> {
    let sql = format!("SELECT {} FROM settings WHERE id = 1", picture.column());
    Ok(tx.query_row(&sql, [], |r| r.get(0))?)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
