//! The ordre du jour of a meeting on its own: each item with its nature, who presents it,
//! its length and when it should start, then the documents sent with it.

use chrono::Duration;

use super::layout::{Block, Column, Row, Table};
use super::{meeting_facts, meeting_name, Document, Letterhead, Section};
use crate::error::Result;
use crate::fr;
use crate::store::Store;

/// The ordre du jour of meeting `meeting_id`.
pub fn document(store: &Store, meeting_id: i64) -> Result<Document> {
    let meeting = store.meeting(meeting_id)?;
    let agenda = store.agenda(meeting_id)?;
    let letterhead = Letterhead::of(store)?;
    let mut blocks = vec![Block::heading(1, "Ordre du jour")];
    blocks.extend(meeting_facts(&meeting));
    if agenda.items.is_empty() {
        blocks.push(Block::Paragraph(super::layout::Paragraph::text(
            "L’ordre du jour n’a pas encore été établi.",
        )));
    } else {
        let mut at = meeting.start_local();
        let mut rows = Vec::with_capacity(agenda.items.len());
        for (number, item) in agenda.items.iter().enumerate() {
            let presenter = if item.presenter.trim().is_empty() {
                item.presenter_note.trim()
            } else {
                item.presenter.trim()
            };
            let (length, start) = match item.duration_minutes {
                Some(minutes) => {
                    let start = fr::time(at);
                    at += Duration::minutes(minutes);
                    (format!("{minutes}\u{a0}min"), start)
                }
                None => (String::new(), String::new()),
            };
            rows.push(Row::texts([
                format!("{}", number + 1),
                fr::typography(&item.title),
                item.kind.label().to_string(),
                fr::typography(presenter),
                length,
                start,
            ]));
        }
        blocks.push(Block::Table(Table::new(
            vec![
                Column::centred("N°", 0.5),
                Column::new("Point", 4.2),
                Column::new("Nature", 1.4),
                Column::new("Présenté par", 2.0),
                Column::centred("Durée", 0.9),
                Column::centred("Début", 0.9),
            ],
            rows,
        )));
        let total = format!(
            "Durée prévue des points\u{a0}: {}\u{a0}min pour une réunion de {}\u{a0}min.",
            agenda.total_minutes, agenda.meeting_minutes
        );
        blocks.push(Block::Paragraph(super::layout::Paragraph::text(total)));
    }
    if !agenda.documents.is_empty() {
        blocks.push(Block::heading(2, "Documents joints"));
        for document in &agenda.documents {
            blocks.push(Block::Paragraph(
                super::layout::Paragraph::text(fr::typography(&document.name))
                    .marker("–", 22.0)
                    .space_after(2.0),
            ));
        }
    }
    let title = format!("Ordre du jour — {} — {}", meeting.atelier, meeting_name(&meeting));
    let footer = fr::typography(&title);
    Ok(letterhead.document(
        title,
        fr::capitalise(&fr::typography(&meeting.describe())),
        vec![Section { footer, blocks }],
    ))
}
