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
use crate::spreadsheet::members::Column;
use crate::spreadsheet::write::write_csv;

/// The columns of a person in both exports: the first eight columns of a members sheet,
/// under the names the import reads back.
const CONTACT: &[Column] = Column::ALL.split_at(8).0;

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
        let rows: Vec<Vec<String>> =
            self.atelier_members(atelier_id, at)?.into_iter().filter(|m| m.current).map(member_row).collect();
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
    /// effacée n° N » and every personal field emptied, their scanned signatures deleted;
    /// memberships (with what they represented), attendance and signature dates are kept,
    /// so meeting counts and past compositions stay true.
    pub fn erase_person(&mut self, id: i64) -> Result<()> {
        let stamp = self.stamp();
        let unused = self.write(|tx| {
            let person = super::people::read_person(tx, id)?;
            if person.anonymised_at.is_some() {
                return Err(Error::Refused("Cette personne a déjà été effacée".into()));
            }
            tx.execute(
                "UPDATE people SET civility = '', first_name = '', last_name = ?2, function = '',
                        commune_id = NULL, organisation_id = NULL, email = '', phone = '', notes = '',
                        archived = 1, anonymised_at = ?3
                 WHERE id = ?1",
                params![id, format!("Personne effacée n° {id}"), stamp],
            )?;
            tx.execute("UPDATE actions SET owner_note = '' WHERE owner_id = ?1", [id])?;
            let mut stmt = tx.prepare(
                "SELECT attachment_id FROM signatures WHERE person_id = ?1 AND attachment_id IS NOT NULL",
            )?;
            let scans: Vec<i64> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            tx.execute("UPDATE signatures SET attachment_id = NULL WHERE person_id = ?1", [id])?;
            let mut unused = Vec::new();
            for scan in scans {
                unused.extend(forget_attachment(tx, scan)?);
            }
            Ok(unused)
        })?;
        for file in unused {
            self.remove_unused_file(Some(file));
        }
        Ok(())
    }
}

fn member_row(m: Member) -> Vec<String> {
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
