//! What leaves the base as files: CSV lists that French Excel opens directly, and
//! everything held on one person (GDPR right of access), and the erasure of a person.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::attachments::forget_attachment;
use super::Store;
use crate::error::{Error, Result};
use crate::model::charter::Signature;
use crate::model::membership::{Member, PersonMembership};
use crate::model::person::Person;
use crate::model::postal::Postal;
use crate::model::releve::ReleveContent;
use crate::spreadsheet::members::Column;
use crate::spreadsheet::write::write_csv;

/// The columns of a person in both exports: the first twelve columns of a members sheet
/// (up to the postal address and the salutation), under the names the import reads back.
const CONTACT: &[Column] = Column::ALL.split_at(12).0;

/// Columns of the directory export.
fn people_columns() -> Vec<&'static str> {
    CONTACT.iter().map(|c| c.name()).chain(["Archivé", "Notes"]).collect()
}

/// Columns of an atelier's members export: a members sheet (which the import reads back),
/// then what only the base knows.
fn member_columns() -> Vec<&'static str> {
    Column::ALL
        .iter()
        .map(|c| c.name())
        .chain(["Désignation", "Arrivée", "Départ", "Présence obligatoire", "Charte signée"])
        .collect()
}

/// Everything the base holds on one person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRecord {
    pub exported_at: String,
    pub person: Person,
    pub memberships: Vec<PersonMembership>,
    pub signatures: Vec<Signature>,
    /// Meetings the person was convoked to, with their attendance.
    pub meetings: Vec<MeetingRecord>,
    /// Actions of relevés the person owns.
    pub actions: Vec<String>,
}

/// One meeting in a person's record.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingRecord {
    pub atelier: String,
    pub starts_at: String,
    pub convocation_sent_at: Option<String>,
    pub reply: Option<String>,
    pub attendance: Option<String>,
}

fn yes_no(value: bool) -> String {
    if value { "oui" } else { "non" }.to_string()
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

impl Store {
    /// Writes the directory (archived people included) as CSV to `file`; returns the rows written.
    pub fn export_people_csv(&self, file: &Path) -> Result<usize> {
        let rows: Vec<Vec<String>> = self
            .list_people()?
            .into_iter()
            .map(|p| {
                let person = self.person(p.id)?;
                Ok(vec![
                    person.data.civility.as_str().to_string(),
                    person.data.first_name,
                    person.data.last_name,
                    person.data.function,
                    person.commune.unwrap_or_default(),
                    person.organisation.unwrap_or_default(),
                    person.data.email,
                    person.data.phone,
                    person.data.postal.address_lines,
                    person.data.postal.postcode,
                    person.data.postal.town,
                    person.data.postal.salutation,
                    yes_no(person.archived),
                    person.data.notes,
                ])
            })
            .collect::<Result<_>>()?;
        write_export(file, &write_csv(&people_columns(), &rows))?;
        Ok(rows.len())
    }

    /// Writes the members of atelier `atelier_id` at date `at` as CSV to `file`; returns
    /// the rows written.
    pub fn export_members_csv(&self, atelier_id: i64, at: NaiveDate, file: &Path) -> Result<usize> {
        let rows: Vec<Vec<String>> = self
            .atelier_members(atelier_id, at)?
            .into_iter()
            .filter(|m| m.current)
            .map(|m| Ok(member_row(self.person(m.person_id)?.data.postal, m)))
            .collect::<Result<_>>()?;
        write_export(file, &write_csv(&member_columns(), &rows))?;
        Ok(rows.len())
    }

    /// Everything held on person `id`.
    pub fn person_record(&self, id: i64) -> Result<PersonRecord> {
        let person = self.person(id)?;
        let now = self.now()?;
        let mut stmt = self.conn.prepare(
            "SELECT a.code, m.starts_at, cv.sent_at, cv.reply, at.status
             FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             LEFT JOIN convocations cv ON cv.meeting_id = m.id AND cv.person_id = ?1
             LEFT JOIN attendance at ON at.meeting_id = m.id AND at.person_id = ?1
             WHERE cv.id IS NOT NULL OR at.id IS NOT NULL
             ORDER BY m.starts_at",
        )?;
        let meetings = stmt
            .query_map([id], |r| {
                Ok(MeetingRecord {
                    atelier: r.get(0)?,
                    starts_at: r.get(1)?,
                    convocation_sent_at: r.get(2)?,
                    reply: r.get(3)?,
                    attendance: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare("SELECT text FROM actions WHERE owner_id = ?1 ORDER BY id")?;
        let actions = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(PersonRecord {
            exported_at: crate::model::date::store_date_time(now),
            memberships: self.person_memberships(id, now.date())?,
            signatures: self.person_signatures(id)?,
            person,
            meetings,
            actions,
        })
    }

    /// Writes everything held on person `id` as JSON to `file`, and as a readable CSV
    /// beside it (same name, `.csv`). Returns both paths. A name without extension gets
    /// `.json`.
    pub fn export_person(&self, id: i64, file: &Path) -> Result<(PathBuf, PathBuf)> {
        let file = &match file.extension() {
            None => file.with_extension("json"),
            Some(_) => file.to_path_buf(),
        };
        let record = self.person_record(id)?;
        let json = serde_json::to_vec_pretty(&record)
            .map_err(|e| Error::Refused(format!("export impossible : {e}")))?;
        let csv_file = file.with_extension("csv");
        if &csv_file == file {
            return Err(Error::invalid("out", "Le fichier d'export doit porter l'extension .json"));
        }
        let p = &record.person;
        let mut rows: Vec<Vec<String>> = vec![
            vec!["Personne".into(), "Civilité".into(), p.data.civility.as_str().into()],
            vec!["Personne".into(), "Prénom".into(), p.data.first_name.clone()],
            vec!["Personne".into(), "Nom".into(), p.data.last_name.clone()],
            vec!["Personne".into(), "Fonction".into(), p.data.function.clone()],
            vec!["Personne".into(), "Commune".into(), p.commune.clone().unwrap_or_default()],
            vec!["Personne".into(), "Organisation".into(), p.organisation.clone().unwrap_or_default()],
            vec!["Personne".into(), "Courriel".into(), p.data.email.clone()],
            vec!["Personne".into(), "Téléphone".into(), p.data.phone.clone()],
            vec!["Personne".into(), "Notes".into(), p.data.notes.clone()],
        ];
        for m in &record.memberships {
            let period = format!("du {} au {}", date(Some(m.joined_on)), date(m.left_on));
            rows.push(vec![
                "Atelier".into(),
                format!("{} — {}", m.atelier_code, m.atelier_title),
                format!("{} ; {}", m.college.label(), period),
            ]);
        }
        for s in &record.signatures {
            rows.push(vec![
                "Charte".into(),
                format!("version {}", s.version),
                format!("signée le {} ({})", date(Some(s.signed_on)), s.mode.label()),
            ]);
        }
        for m in &record.meetings {
            rows.push(vec![
                "Réunion".into(),
                format!("{} — {}", m.atelier, m.starts_at),
                m.attendance.clone().unwrap_or_else(|| "convoqué(e)".into()),
            ]);
        }
        for a in &record.actions {
            rows.push(vec!["Action".into(), a.clone(), String::new()]);
        }
        write_export(file, &json)?;
        write_export(&csv_file, &write_csv(&["Rubrique", "Élément", "Valeur"], &rows))?;
        Ok((file.to_path_buf(), csv_file))
    }

    /// Erases person `id` at their request: their details are replaced by « Personne
    /// effacée n° N » and every personal field emptied, their name replaced by « Personne
    /// effacée » in every frozen version of a relevé, their search index entry rebuilt,
    /// their scanned signatures deleted; memberships (with what they represented),
    /// attendance and signature dates are kept, so meeting counts and past compositions
    /// stay true. The base is then rewritten (`VACUUM`) and its write-ahead log emptied, so
    /// that no deleted byte stays in the files, and the person is erased in the same way in
    /// every automatic backup that holds them.
    pub fn erase_person(&mut self, id: i64) -> Result<Erasure> {
        let stamp = self.stamp();
        let before = super::people::read_person(&self.conn, id)?;
        let unused = self.write(|tx| erase_in(tx, id, &stamp))?;
        for file in unused {
            self.remove_unused_file(Some(file));
        }
        self.conn.execute_batch("VACUUM")?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let mut erasure = Erasure { id, backups_erased: 0, backups_failed: Vec::new() };
        let Some(path) = self.path.clone() else { return Ok(erasure) };
        for backup in super::backup::backups_of(&path)? {
            match erase_in_backup(&backup.1, &before, &stamp) {
                Ok(true) => erasure.backups_erased += 1,
                Ok(false) => {}
                Err(_) => erasure.backups_failed.push(backup.1),
            }
        }
        Ok(erasure)
    }
}

/// What an erasure did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Erasure {
    pub id: i64,
    /// Automatic backups in which the person was found and erased.
    pub backups_erased: usize,
    /// Automatic backups that could not be changed (damaged, read-only).
    pub backups_failed: Vec<PathBuf>,
}

impl Erasure {
    /// What was erased and where, in French, for the window and the CLI.
    pub fn message(&self) -> String {
        let mut text = format!(
            "La personne n° {} a été effacée de la base et de {} ; ses présences et appartenances restent comptées, sans son nom.",
            self.id,
            crate::fr::count(self.backups_erased, "sauvegarde automatique", "sauvegardes automatiques")
        );
        if !self.backups_failed.is_empty() {
            text.push_str(&format!(
                " Attention : {} n'ont pas pu être modifiées ; supprimez-les du dossier des sauvegardes : {}.",
                crate::fr::count(self.backups_failed.len(), "sauvegarde", "sauvegardes"),
                self.backups_failed.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            ));
        }
        text.push_str(
            " Les copies enregistrées ailleurs (« Sauvegarder maintenant… », clé USB) ne sont pas modifiées : effacez-la de nouveau si vous en restaurez une.",
        );
        text
    }
}

/// The name an erased person takes in the frozen versions of relevés.
const ERASED_NAME: &str = "Personne effacée";

/// Erases person `id` within `tx` (see [`Store::erase_person`]); returns the attachment
/// files no longer used.
fn erase_in(tx: &rusqlite::Transaction<'_>, id: i64, stamp: &str) -> Result<Vec<String>> {
    let person = super::people::read_person(tx, id)?;
    if person.anonymised_at.is_some() {
        return Err(Error::Refused("Cette personne a déjà été effacée".into()));
    }
    tx.execute(
        "UPDATE people SET civility = '', first_name = '', last_name = ?2, function = '',
                commune_id = NULL, organisation_id = NULL, email = '', phone = '', notes = '',
                address_lines = '', postcode = '', town = '', salutation = '',
                archived = 1, anonymised_at = ?3
         WHERE id = ?1",
        params![id, format!("{ERASED_NAME} n° {id}"), stamp],
    )?;
    tx.execute("UPDATE actions SET owner_note = '' WHERE owner_id = ?1", [id])?;
    tx.execute(
        "UPDATE releve_recipients SET name = ?2, email = '' WHERE person_id = ?1",
        params![id, format!("{ERASED_NAME} n° {id}")],
    )?;
    // The frozen versions hold the owner's name as written then.
    let frozen: Vec<(i64, String)> = tx
        .prepare(
            "SELECT v.id, v.content FROM releve_versions v
             WHERE EXISTS (SELECT 1 FROM json_each(v.content, '$.actions') a
                           WHERE json_extract(a.value, '$.owner_id') = ?1)",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (version, json) in frozen {
        let mut content: ReleveContent = serde_json::from_str(&json)
            .map_err(|e| Error::Refused(format!("version de relevé illisible : {e}")))?;
        for action in content.actions.iter_mut().filter(|a| a.owner_id == Some(id)) {
            action.owner = ERASED_NAME.to_string();
        }
        let json = serde_json::to_string(&content).map_err(|e| Error::Refused(e.to_string()))?;
        tx.execute("UPDATE releve_versions SET content = ?2 WHERE id = ?1", params![version, json])?;
    }
    // The trigger replaced the search entry; merging the index drops the old words from it.
    tx.execute("INSERT INTO people_search (people_search) VALUES ('optimize')", [])?;
    let scans: Vec<i64> = tx
        .prepare("SELECT attachment_id FROM signatures WHERE person_id = ?1 AND attachment_id IS NOT NULL")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("UPDATE signatures SET attachment_id = NULL WHERE person_id = ?1", [id])?;
    let mut unused = Vec::new();
    for scan in scans {
        unused.extend(forget_attachment(tx, scan)?);
    }
    Ok(unused)
}

/// Erases `person` (as the open base held them before their erasure) in the automatic
/// backup `file`: only if the backup holds the same person (same number and the same name
/// or e-mail), so that a backup of another base never loses someone else. The backup is
/// brought to the current schema, erased in one transaction, then rewritten whole. Returns
/// whether the person was there.
fn erase_in_backup(file: &Path, person: &Person, stamp: &str) -> Result<bool> {
    super::open_owned_read_only(file)?;
    let mut conn = rusqlite::Connection::open(file)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "secure_delete", true)?;
    super::migrations::run(&mut conn)?;
    let found: Option<(String, String, String, Option<String>)> =
        rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT first_name, last_name, email, anonymised_at FROM people WHERE id = ?1",
            [person.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        ))?;
    let same = found.is_some_and(|(first, last, email, erased)| {
        erased.is_none()
            && ((first == person.data.first_name && last == person.data.last_name)
                || (!email.is_empty() && email == person.data.email))
    });
    if !same {
        return Ok(false);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    erase_in(&tx, person.id, stamp)?;
    tx.commit()?;
    conn.execute_batch("VACUUM")?;
    Ok(true)
}

fn member_row(postal: Postal, m: Member) -> Vec<String> {
    let role = match m.binome {
        Some(b) => b.label().to_string(),
        None => m.role.label().to_string(),
    };
    vec![
        m.civility.as_str().to_string(),
        m.first_name,
        m.last_name,
        m.function,
        m.commune.unwrap_or_default(),
        m.organisation.unwrap_or_default(),
        m.email,
        m.phone,
        postal.address_lines,
        postal.postcode,
        postal.town,
        postal.salutation,
        m.college.label().to_string(),
        m.category.map(|c| c.label().to_string()).unwrap_or_default(),
        role,
        m.designation.map(|d| d.label().to_string()).unwrap_or_default(),
        date(Some(m.joined_on)),
        date(m.left_on),
        yes_no(m.presence_required),
        yes_no(m.signed_current_charter),
    ]
}

/// Writes an export where the user chose, through a temporary name first.
fn write_export(file: &Path, bytes: &[u8]) -> Result<()> {
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::io(folder, std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    crate::files::write_atomically(file, bytes)
}
