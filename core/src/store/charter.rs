//! The charte d'engagement: versions (exactly one current) and signatures.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::attachments::{forget_attachment, insert_attachment};
use super::memberships::MEMBER_AT;
use super::people::{read_person, summary_row};
use super::Store;
use crate::error::{Error, Problems, Result};
use crate::model::charter::{CharterVersion, CharterVersionInput, Signature, SignatureInput};
use crate::model::person::PersonSummary;

/// Largest accepted scanned copy of a signed charter, in bytes.
pub const SCAN_MAX_BYTES: usize = 10 * 1024 * 1024;

impl Store {
    /// Every version of the charter, newest first.
    pub fn charter_versions(&self) -> Result<Vec<CharterVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT v.id, v.version, v.title, v.body, v.effective_on, v.is_current,
                    (SELECT count(*) FROM signatures s WHERE s.charter_version_id = v.id)
             FROM charter_versions v ORDER BY v.version DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CharterVersion {
                id: r.get(0)?,
                version: r.get(1)?,
                title: r.get(2)?,
                body: r.get(3)?,
                effective_on: r.get(4)?,
                is_current: r.get(5)?,
                signature_count: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds the next version of the charter, current at once if asked.
    pub fn create_charter_version(&mut self, input: CharterVersionInput) -> Result<CharterVersion> {
        let data = input.check()?;
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO charter_versions (version, title, body, effective_on)
                 VALUES ((SELECT coalesce(max(version), 0) + 1 FROM charter_versions), ?1, ?2, ?3)",
                params![data.title, data.body, data.effective_on],
            )?;
            let id = tx.last_insert_rowid();
            if data.make_current {
                mark_current(tx, id)?;
            }
            Ok(id)
        })?;
        self.charter_versions()?
            .into_iter()
            .find(|v| v.id == id)
            .ok_or(Error::NotFound { what: "La version de la charte", id })
    }

    /// Makes version `id` the one members are asked to sign.
    pub fn set_current_charter(&mut self, id: i64) -> Result<()> {
        self.write(|tx| mark_current(tx, id))
    }

    /// The number of the current version.
    pub fn current_charter_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT version FROM charter_versions WHERE is_current = 1", [], |r| r.get(0))?)
    }

    /// Records a signature (of the current version unless another is named), with an
    /// optional scanned copy (PDF, PNG or JPEG) copied into the data folder. A second
    /// signature of the same version replaces the first.
    pub fn record_signature(&mut self, input: SignatureInput, scan: Option<&Path>) -> Result<Signature> {
        let data = input.check()?;
        let scan = match scan {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                let (media_type, extension) = check_scan(&bytes)?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                Some((self.copy_in("charte", extension, &bytes)?, media_type, bytes.len(), name))
            }
            None => None,
        };
        let (id, unused) = self.write(|tx| {
            let person = read_person(tx, data.person_id)
                .map_err(|_| Error::invalid("person_id", "La personne choisie n'existe plus"))?;
            if person.anonymised_at.is_some() {
                return Err(Error::Refused("Cette personne a été effacée à sa demande".into()));
            }
            let version_id: Option<i64> = match data.version_id {
                Some(v) => tx.query_row("SELECT id FROM charter_versions WHERE id = ?1", [v], |r| r.get(0)).optional()?,
                None => Some(tx.query_row("SELECT id FROM charter_versions WHERE is_current = 1", [], |r| r.get(0))?),
            };
            let mut problems = Problems::default();
            if version_id.is_none() {
                problems.add("version_id", "Cette version de la charte n'existe pas");
            }
            if let Some(meeting) = data.meeting_id {
                let exists: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM meetings WHERE id = ?1)", [meeting], |r| r.get(0))?;
                if !exists {
                    problems.add("meeting_id", "La réunion choisie n'existe plus");
                }
            }
            problems.into_result(())?;
            let attachment = match &scan {
                Some((file, media_type, size, name)) => Some(insert_attachment(tx, name, media_type, *size, file)?),
                None => None,
            };
            let previous: Option<Option<i64>> = tx
                .query_row(
                    "SELECT attachment_id FROM signatures WHERE person_id = ?1 AND charter_version_id = ?2",
                    params![data.person_id, version_id],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO signatures (person_id, charter_version_id, signed_on, mode, attachment_id, meeting_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (person_id, charter_version_id) DO UPDATE SET signed_on = excluded.signed_on,
                     mode = excluded.mode, attachment_id = excluded.attachment_id, meeting_id = excluded.meeting_id",
                params![data.person_id, version_id, data.signed_on, data.mode, attachment, data.meeting_id],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM signatures WHERE person_id = ?1 AND charter_version_id = ?2",
                params![data.person_id, version_id],
                |r| r.get(0),
            )?;
            let unused = match previous.flatten() {
                Some(old) if Some(old) != attachment => forget_attachment(tx, old)?,
                _ => None,
            };
            Ok((id, unused))
        })?;
        self.remove_unused_file(unused);
        self.person_signatures(data.person_id)?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(Error::NotFound { what: "La signature", id })
    }

    /// The signatures of person `person_id`, newest version first.
    pub fn person_signatures(&self, person_id: i64) -> Result<Vec<Signature>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, v.version, v.is_current, s.signed_on, s.mode, m.session_number, m.starts_at,
                    s.attachment_id IS NOT NULL
             FROM signatures s JOIN charter_versions v ON v.id = s.charter_version_id
             LEFT JOIN meetings m ON m.id = s.meeting_id
             WHERE s.person_id = ?1 ORDER BY v.version DESC",
        )?;
        let rows = stmt.query_map([person_id], |r| {
            let session: Option<i64> = r.get(5)?;
            let start: Option<chrono::NaiveDateTime> = r.get(6)?;
            Ok(Signature {
                id: r.get(0)?,
                version: r.get(1)?,
                version_is_current: r.get(2)?,
                signed_on: r.get(3)?,
                mode: r.get(4)?,
                meeting: start.map(|start| match session {
                    Some(n) => format!("séance n° {n} du {}", crate::fr::long_date(start.date())),
                    None => format!("réunion du {}", crate::fr::long_date(start.date())),
                }),
                has_scan: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The members of atelier `atelier_id` at date `at` who have not signed the current
    /// version of the charter (rule 4); a person erased at their request can no longer sign
    /// and is left out.
    pub fn unsigned_members(&self, atelier_id: i64, at: NaiveDate) -> Result<Vec<PersonSummary>> {
        self.atelier(atelier_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT p.id, p.civility, p.first_name, p.last_name, p.email, p.function,
                    o.name, c.name, p.archived
             FROM memberships m JOIN people p ON p.id = m.person_id
             LEFT JOIN organisations o ON o.id = p.organisation_id
             LEFT JOIN communes c ON c.id = p.commune_id
             WHERE m.atelier_id = ?2 AND {MEMBER_AT}
               AND p.anonymised_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM signatures s JOIN charter_versions v ON v.id = s.charter_version_id
                               WHERE s.person_id = p.id AND v.is_current = 1)
             ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map(params![at, atelier_id], summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Moves the « current » mark to version `id` (one statement, so never zero nor two).
fn mark_current(tx: &rusqlite::Transaction<'_>, id: i64) -> Result<()> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM charter_versions WHERE id = ?1)", [id], |r| r.get(0))?;
    if !exists {
        return Err(Error::NotFound { what: "La version de la charte", id });
    }
    tx.execute("UPDATE charter_versions SET is_current = 0 WHERE is_current = 1 AND id <> ?1", [id])?;
    tx.execute("UPDATE charter_versions SET is_current = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// A scanned charter is a PDF, PNG or JPEG (recognised by content), 10 Mo at most.
fn check_scan(bytes: &[u8]) -> Result<(&'static str, &'static str)> {
    let kind = if bytes.starts_with(b"%PDF-") {
        ("application/pdf", "pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("image/png", "png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", "jpg")
    } else {
        return Err(Error::invalid("scan", "La copie numérisée doit être un fichier PDF, PNG ou JPEG"));
    };
    if bytes.len() > SCAN_MAX_BYTES {
        return Err(Error::invalid("scan", "La copie numérisée pèse plus de 10 Mo"));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::charter::CharterVersionInput;

    #[test]
    fn a_new_current_version_moves_the_mark_and_everyone_must_sign_again() {
        let mut store = Store::open_in_memory().unwrap();
        store.load_demo(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let atelier = store.list_ateliers().unwrap()[0].id;
        let before = store.unsigned_members(atelier, at).unwrap().len();
        assert!(before > 0);
        let person = before_first(&store, atelier, at);
        store
            .record_signature(
                SignatureInput {
                    person_id: person,
                    signed_on: "24/11/2026".into(),
                    mode: "papier".into(),
                    ..Default::default()
                },
                None,
            )
            .unwrap();
        assert_eq!(store.unsigned_members(atelier, at).unwrap().len(), before - 1);
        store
            .create_charter_version(CharterVersionInput {
                title: "Charte v2".into(),
                body: "Texte".into(),
                effective_on: "01/12/2026".into(),
                make_current: true,
            })
            .unwrap();
        let versions = store.charter_versions().unwrap();
        assert_eq!(versions.iter().filter(|v| v.is_current).count(), 1);
        assert_eq!(store.current_charter_version().unwrap(), 2);
        let members = store.atelier_members(atelier, at).unwrap().iter().filter(|m| m.current).count();
        assert_eq!(store.unsigned_members(atelier, at).unwrap().len(), members);
    }

    #[test]
    fn an_erased_member_is_no_longer_asked_to_sign() {
        let mut store = Store::open_in_memory().unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        store.load_demo(at).unwrap();
        let atelier = store.list_ateliers().unwrap()[0].id;
        let before = store.unsigned_members(atelier, at).unwrap().len();
        store.erase_person(before_first(&store, atelier, at)).unwrap();
        assert_eq!(store.unsigned_members(atelier, at).unwrap().len(), before - 1);
    }

    fn before_first(store: &Store, atelier: i64, at: NaiveDate) -> i64 {
        store.unsigned_members(atelier, at).unwrap()[0].id
    }
}
