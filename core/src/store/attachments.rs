//! Attachments: files copied into the application's data folder (never referenced where the
//! user picked them), one row each. The organisation's logo is the first of them.

use std::path::{Path, PathBuf};

use base64::Engine;
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::Store;
use crate::error::{Error, Result};
use crate::model::settings::check_logo;

/// Folder, beside the database, that holds the copied attachments.
const ATTACHMENT_FOLDER: &str = "pieces-jointes";

impl Store {
    /// The folder that holds attachments, beside the database file; `None` in memory.
    pub fn attachment_folder(&self) -> Option<PathBuf> {
        Some(self.data_folder()?.join(ATTACHMENT_FOLDER))
    }

    /// Checks `bytes` (PNG or JPEG, 2 Mo at most), copies them into the data folder and makes
    /// them the organisation's logo, replacing the previous one.
    pub fn set_logo(&mut self, original_name: &str, bytes: &[u8]) -> Result<()> {
        let (media_type, extension) = check_logo(bytes)?;
        let folder = self.attachment_folder().ok_or_else(|| {
            Error::Refused("une base en mémoire ne peut pas recevoir de pièce jointe".into())
        })?;
        let digest = hex(&Sha256::digest(bytes));
        let name = format!("logo-{}.{extension}", &digest[..16]);
        let relative = format!("{ATTACHMENT_FOLDER}/{name}");
        write_file(&folder, &folder.join(&name), bytes)?;
        let previous = self.write(|tx| {
            let previous = logo_row(tx)?;
            tx.execute(
                "INSERT INTO attachments (original_name, stored_path, media_type, size_bytes, sha256, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                 ON CONFLICT (stored_path) DO UPDATE SET original_name = excluded.original_name",
                params![original_name, relative, media_type, bytes.len() as i64, digest],
            )?;
            let id: i64 =
                tx.query_row("SELECT id FROM attachments WHERE stored_path = ?1", [&relative], |r| r.get(0))?;
            tx.execute("UPDATE settings SET logo_attachment_id = ?1 WHERE id = 1", [id])?;
            Ok(previous.filter(|(old_id, _)| *old_id != id))
        })?;
        self.forget_attachment(previous)
    }

    /// Removes the organisation's logo.
    pub fn remove_logo(&mut self) -> Result<()> {
        let previous = self.write(|tx| {
            let previous = logo_row(tx)?;
            tx.execute("UPDATE settings SET logo_attachment_id = NULL WHERE id = 1", [])?;
            Ok(previous)
        })?;
        self.forget_attachment(previous)
    }

    /// The logo as a `data:` URL for an `<img>`, if one is set.
    pub fn logo_data_url(&self) -> Result<Option<String>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT a.media_type, a.stored_path FROM settings s
                 JOIN attachments a ON a.id = s.logo_attachment_id WHERE s.id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (Some((media_type, relative)), Some(data)) = (row, self.data_folder()) else {
            return Ok(None);
        };
        let file = data.join(relative);
        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        Ok(Some(format!("data:{media_type};base64,{encoded}")))
    }

    /// Deletes an attachment row and its file once nothing refers to it any more.
    fn forget_attachment(&mut self, attachment: Option<(i64, String)>) -> Result<()> {
        let Some((id, relative)) = attachment else { return Ok(()) };
        let deleted = self.write(|tx| {
            let used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM settings WHERE logo_attachment_id = ?1)
                     OR EXISTS (SELECT 1 FROM signatures WHERE attachment_id = ?1)
                     OR EXISTS (SELECT 1 FROM meeting_documents WHERE attachment_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !used {
                tx.execute("DELETE FROM attachments WHERE id = ?1", [id])?;
            }
            Ok(!used)
        })?;
        if let (true, Some(data)) = (deleted, self.data_folder()) {
            // The row is gone; a file left behind by a failed removal is only wasted space.
            let _ = std::fs::remove_file(data.join(relative));
        }
        Ok(())
    }
}

fn logo_row(tx: &Transaction<'_>) -> Result<Option<(i64, String)>> {
    Ok(tx
        .query_row(
            "SELECT a.id, a.stored_path FROM settings s JOIN attachments a ON a.id = s.logo_attachment_id
             WHERE s.id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Writes `bytes` to `file` through a temporary name, so a crash never leaves half a file.
fn write_file(folder: &Path, file: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    let partial = file.with_extension("partiel");
    std::fs::write(&partial, bytes).map_err(|e| Error::io(&partial, e))?;
    std::fs::rename(&partial, file).map_err(|e| Error::io(file, e))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
