//! The ordre du jour of a meeting, the validation item it is proposed, and its supporting
//! documents.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::params;

use super::attachments::{forget_attachment, insert_attachment};
use super::meetings::ACTIVE_STATUSES;
use super::rules::name_at;
use super::Store;
use crate::error::{Error, Result};
use crate::fr;
use crate::model::agenda::{
    check_items, duration_text, Agenda, AgendaItem, AgendaItemInput, MeetingDocument,
};
use crate::model::meeting::AgendaItemKind;

/// Largest accepted supporting document, in bytes.
pub const DOCUMENT_MAX_BYTES: usize = 50 * 1024 * 1024;

/// The columns [`agenda_item_row`] reads (`ai` agenda items, `p` their presenter).
const AGENDA_ITEM_COLUMNS: &str =
    "ai.title, ai.kind, ai.presenter_id, ai.presenter_note, ai.duration_minutes,
     ai.releve_id, p.civility, p.first_name, p.last_name";

/// An item of an ordre du jour from a row of [`AGENDA_ITEM_COLUMNS`].
fn agenda_item_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AgendaItem> {
    let presenter_id: Option<i64> = r.get(2)?;
    let presenter_note: String = r.get(3)?;
    let presenter = match presenter_id {
        Some(_) if presenter_note.is_empty() => name_at(r, 6)?,
        Some(_) => format!("{} ({presenter_note})", name_at(r, 6)?),
        None => presenter_note.clone(),
    };
    Ok(AgendaItem {
        title: r.get(0)?,
        kind: r.get(1)?,
        presenter_id,
        presenter_note,
        presenter,
        duration_minutes: r.get(4)?,
        releve_id: r.get(5)?,
    })
}

impl Store {
    /// The items of every ordre du jour, by meeting, in one query (for calendars of many
    /// meetings).
    pub fn agenda_items_by_meeting(&self) -> Result<HashMap<i64, Vec<AgendaItem>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {AGENDA_ITEM_COLUMNS}, ai.meeting_id FROM agenda_items ai
             LEFT JOIN people p ON p.id = ai.presenter_id ORDER BY ai.meeting_id, ai.position"
        ))?;
        let mut by_meeting: HashMap<i64, Vec<AgendaItem>> = HashMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(9)?, agenda_item_row(r)?)))?;
        for row in rows {
            let (meeting, item) = row?;
            by_meeting.entry(meeting).or_default().push(item);
        }
        Ok(by_meeting)
    }

    /// The ordre du jour of meeting `meeting_id`.
    pub fn agenda(&self, meeting_id: i64) -> Result<Agenda> {
        let meeting = self.meeting(meeting_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {AGENDA_ITEM_COLUMNS} FROM agenda_items ai LEFT JOIN people p ON p.id = ai.presenter_id
             WHERE ai.meeting_id = ?1 ORDER BY ai.position"
        ))?;
        let items = stmt.query_map([meeting_id], agenda_item_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let total_minutes: i64 = items.iter().filter_map(|i| i.duration_minutes).sum();
        let meeting_minutes = (meeting.end_local() - meeting.start_local()).num_minutes();
        let overrun = (total_minutes > meeting_minutes).then(|| {
            fr::typography(&format!(
                "L'ordre du jour dure {} pour une réunion de {} : {} de trop",
                duration_text(total_minutes),
                duration_text(meeting_minutes),
                duration_text(total_minutes - meeting_minutes)
            ))
        });
        let proposal = self
            .pending_releve_for(meeting_id)?
            .filter(|(releve, _)| !items.iter().any(|i| i.releve_id == Some(*releve)))
            .map(|(releve, day)| AgendaItemInput {
                title: format!("Validation du relevé de la séance du {day}"),
                kind: AgendaItemKind::ValidationReleve.as_str().to_string(),
                duration: "10".into(),
                releve_id: Some(releve),
                ..AgendaItemInput::default()
            });
        Ok(Agenda {
            meeting_id,
            items,
            total_minutes,
            meeting_minutes,
            overrun,
            proposal,
            documents: self.meeting_documents(meeting_id)?,
        })
    }

    /// The relevé not yet validated whose validation belongs on meeting `meeting_id`: that
    /// of the atelier's latest earlier meeting, when this meeting is the next one to be held
    /// after it. Returns its id and the long date of its meeting.
    fn pending_releve_for(&self, meeting_id: i64) -> Result<Option<(i64, String)>> {
        let row: Option<(i64, String)> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            &format!(
                "SELECT r.id, prev.starts_at
             FROM meetings here
             JOIN meetings prev ON prev.atelier_id = here.atelier_id AND prev.starts_utc < here.starts_utc
             JOIN releves r ON r.meeting_id = prev.id AND r.status <> 'valide'
             WHERE here.id = ?1
               AND NOT EXISTS (SELECT 1 FROM meetings mid WHERE mid.atelier_id = here.atelier_id
                               AND mid.starts_utc > prev.starts_utc AND mid.starts_utc < here.starts_utc
                               AND mid.status IN {ACTIVE_STATUSES})
             ORDER BY prev.starts_utc DESC LIMIT 1"
            ),
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ))?;
        Ok(row.map(|(id, start)| {
            let day = start.get(..10).and_then(|d| d.parse().ok()).map(fr::long_date).unwrap_or(start);
            (id, day)
        }))
    }

    /// Replaces the ordre du jour of meeting `meeting_id` with `items`, in this order.
    pub fn save_agenda(&mut self, meeting_id: i64, items: Vec<AgendaItemInput>) -> Result<Agenda> {
        self.meeting(meeting_id)?;
        let items = check_items(items)?;
        for (i, item) in items.iter().enumerate() {
            if let Some(person) = item.presenter_id {
                self.person(person).map_err(|_| {
                    Error::invalid(
                        format!("items[{i}].presenter_id"),
                        format!("Point {} : l'intervenant est introuvable", i + 1),
                    )
                })?;
            }
        }
        self.write(|tx| {
            tx.execute("DELETE FROM agenda_items WHERE meeting_id = ?1", [meeting_id])?;
            for (i, item) in items.iter().enumerate() {
                tx.execute(
                    "INSERT INTO agenda_items (meeting_id, position, title, kind, presenter_id, presenter_note,
                                               duration_minutes, releve_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT id FROM releves WHERE id = ?8))",
                    params![
                        meeting_id,
                        i as i64 + 1,
                        item.title,
                        item.kind,
                        item.presenter_id,
                        item.presenter_note,
                        item.duration_minutes,
                        item.releve_id
                    ],
                )?;
            }
            Ok(())
        })?;
        self.agenda(meeting_id)
    }

    /// Copies the file at `path` into the data folder and attaches it to meeting `meeting_id`.
    pub fn attach_meeting_document(&mut self, meeting_id: i64, path: &Path) -> Result<Agenda> {
        self.meeting(meeting_id)?;
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if bytes.len() > DOCUMENT_MAX_BYTES {
            return Err(Error::invalid("document", "Le document pèse plus de 50 Mo"));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let extension: String = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        let extension = if extension.is_empty() { "bin".to_string() } else { extension };
        let file = self.copy_in("document", &extension, &bytes)?;
        self.write(|tx| {
            let attachment = insert_attachment(tx, &name, media_type(&extension), bytes.len(), &file)?;
            tx.execute(
                "INSERT OR IGNORE INTO meeting_documents (meeting_id, attachment_id, position)
                 VALUES (?1, ?2, (SELECT COALESCE(max(position), 0) + 1 FROM meeting_documents WHERE meeting_id = ?1))",
                params![meeting_id, attachment],
            )?;
            Ok(())
        })?;
        self.agenda(meeting_id)
    }

    /// Detaches document `attachment_id` from meeting `meeting_id` (its file goes when
    /// nothing else uses it).
    pub fn remove_meeting_document(&mut self, meeting_id: i64, attachment_id: i64) -> Result<Agenda> {
        let unused = self.write(|tx| {
            let removed = tx.execute(
                "DELETE FROM meeting_documents WHERE meeting_id = ?1 AND attachment_id = ?2",
                params![meeting_id, attachment_id],
            )?;
            if removed == 0 {
                return Err(Error::NotFound { what: "Le document", id: attachment_id });
            }
            forget_attachment(tx, attachment_id)
        })?;
        self.remove_unused_file(unused);
        self.agenda(meeting_id)
    }

    /// The documents attached to meeting `meeting_id`, in their order: each one's name,
    /// media type and bytes (read from the data folder), to send with the meeting.
    pub fn meeting_document_files(&self, meeting_id: i64) -> Result<Vec<(String, String, Vec<u8>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.original_name, a.media_type, a.stored_path FROM meeting_documents d
             JOIN attachments a ON a.id = d.attachment_id WHERE d.meeting_id = ?1 ORDER BY d.position",
        )?;
        let rows = stmt
            .query_map([meeting_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(data) = self.data_folder() else { return Ok(Vec::new()) };
        rows.into_iter()
            .map(|(name, media_type, relative)| {
                let file = data.join(relative);
                let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
                Ok((name, media_type, bytes))
            })
            .collect()
    }

    fn meeting_documents(&self, meeting_id: i64) -> Result<Vec<MeetingDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.original_name, a.size_bytes FROM meeting_documents d JOIN attachments a ON a.id = d.attachment_id
             WHERE d.meeting_id = ?1 ORDER BY d.position",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            Ok(MeetingDocument { attachment_id: r.get(0)?, name: r.get(1)?, size_bytes: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The media type of a supporting document, from its extension.
fn media_type(extension: &str) -> &'static str {
    match extension {
        "pdf" => "application/pdf",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::clock::{Clock, DEFAULT_ZONE};
    use crate::model::releve::ReleveInput;
    use crate::store::testing::{base_with_atelier, plan};

    fn item(title: &str, minutes: &str) -> AgendaItemInput {
        AgendaItemInput {
            title: title.into(),
            kind: "debat".into(),
            duration: minutes.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_agenda_keeps_its_order_and_warns_when_it_overruns_the_meeting() {
        let (mut store, a) = base_with_atelier();
        let m = plan(&mut store, a, "12/01/2027", "18:00", "20:00").id;
        let agenda = store.save_agenda(m, vec![item("Scénarios", "90"), item("Calendrier", "45")]).unwrap();
        assert_eq!(
            agenda.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            ["Scénarios", "Calendrier"]
        );
        assert_eq!((agenda.total_minutes, agenda.meeting_minutes), (135, 120));
        assert!(agenda.overrun.as_deref().unwrap().contains("15\u{a0}min de trop"));
        let agenda = store.save_agenda(m, vec![item("Calendrier", "45"), item("Scénarios", "60")]).unwrap();
        assert_eq!(agenda.items[0].title, "Calendrier");
        assert_eq!(agenda.overrun, None);
    }

    #[test]
    fn the_next_meeting_is_proposed_the_validation_of_the_pending_releve_first() {
        let (mut store, a) = base_with_atelier();
        let first = plan(&mut store, a, "12/01/2027", "18:00", "20:00").id;
        let second = plan(&mut store, a, "09/02/2027", "18:00", "20:00").id;
        let third = plan(&mut store, a, "09/03/2027", "18:00", "20:00").id;
        store.set_clock(Clock::fixed_at(
            NaiveDate::from_ymd_opt(2027, 1, 13).unwrap().and_hms_opt(9, 0, 0).unwrap(),
            DEFAULT_ZONE,
        ));
        store.mark_meeting_held(first).unwrap();
        assert_eq!(store.agenda(second).unwrap().proposal, None, "no relevé yet");
        let releve =
            store.save_releve(first, ReleveInput { synthesis: "…".into(), ..Default::default() }).unwrap();
        let proposal = store.agenda(second).unwrap().proposal.expect("proposed");
        assert_eq!(proposal.title, "Validation du relevé de la séance du mardi 12 janvier 2027");
        assert_eq!(proposal.releve_id, Some(releve.id));
        assert_eq!(store.agenda(third).unwrap().proposal, None, "only the next meeting");
        let agenda = store.save_agenda(second, vec![proposal, item("Suite", "30")]).unwrap();
        assert_eq!(agenda.items[0].releve_id, Some(releve.id));
        assert_eq!(agenda.proposal, None, "once on the agenda, no longer proposed");
        // Cancelling the second meeting moves the proposal to the third.
        store.cancel_meeting(second).unwrap();
        assert!(store.agenda(third).unwrap().proposal.is_some());
    }

    #[test]
    fn a_document_is_copied_into_the_data_folder_and_removed_with_its_last_use() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("base.sqlite3")).unwrap();
        let a = store
            .create_atelier(crate::model::atelier::AtelierInput {
                code: "AP-D".into(),
                title: "Docs".into(),
                kind: "faisabilite".into(),
                status: "propose".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        let m = plan(&mut store, a, "12/01/2027", "18:00", "20:00").id;
        let source = dir.path().join("Note de cadrage.pdf");
        std::fs::write(&source, b"%PDF-1.4 test").unwrap();
        let agenda = store.attach_meeting_document(m, &source).unwrap();
        assert_eq!(agenda.documents.len(), 1);
        assert_eq!(agenda.documents[0].name, "Note de cadrage.pdf");
        std::fs::remove_file(&source).unwrap();
        let copies = || std::fs::read_dir(dir.path().join("pieces-jointes")).map(|d| d.count()).unwrap_or(0);
        assert_eq!(copies(), 1, "copied, not referenced in place");
        let agenda = store.remove_meeting_document(m, agenda.documents[0].attachment_id).unwrap();
        assert!(agenda.documents.is_empty());
        assert_eq!(copies(), 0);
    }
}
