//! The feuille d'émargement: the convoked members by collège with a signature column, the
//! convoked guests, then blank lines for whoever else comes.

use super::layout::{Block, Column, Row, Table};
use super::{known_parts, meeting_facts, meeting_name, Document, Letterhead, Section};
use crate::error::Result;
use crate::fr;
use crate::model::membership::College;
use crate::store::Store;

/// Height of a row that takes a signature.
const SIGNATURE_ROW: f32 = 28.0;
/// Blank lines for people who were not convoked.
const BLANK_LINES: usize = 8;

/// The feuille d'émargement of meeting `meeting_id`.
pub fn document(store: &Store, meeting_id: i64) -> Result<Document> {
    let meeting = store.meeting(meeting_id)?;
    let convoked = store.convocations(meeting_id)?;
    let letterhead = Letterhead::of(store)?;
    let mut blocks = vec![Block::heading(1, "Feuille d’émargement")];
    blocks.extend(meeting_facts(&meeting));
    let columns = || {
        vec![
            Column::new("Nom", 3.0),
            Column::new("Fonction, organisation ou commune", 3.6),
            Column::new("Signature", 2.6),
        ]
    };
    let row_of = |person_id: i64| -> Result<Row> {
        let person = store.person(person_id)?;
        let detail = known_parts([
            Some(person.data.function.as_str()),
            person.organisation.as_deref(),
            person.commune.as_deref(),
        ])
        .join(", ");
        Ok(Row::texts([fr::typography(&person.data.display_name()), detail, String::new()])
            .min_height(SIGNATURE_ROW))
    };
    for college in College::ALL.iter().copied() {
        let rows = convoked
            .rows
            .iter()
            .filter(|row| !row.guest && row.college == Some(college))
            .map(|row| row_of(row.person_id))
            .collect::<Result<Vec<_>>>()?;
        if rows.is_empty() {
            continue;
        }
        blocks.push(Block::heading(2, format!("{} ({})", college.label(), rows.len())));
        blocks.push(Block::Table(Table::new(columns(), rows)));
    }
    let guests = convoked
        .rows
        .iter()
        .filter(|row| row.guest || row.college.is_none())
        .map(|row| row_of(row.person_id))
        .collect::<Result<Vec<_>>>()?;
    if !guests.is_empty() {
        blocks.push(Block::heading(2, format!("Personnes invitées ({})", guests.len())));
        blocks.push(Block::Table(Table::new(columns(), guests)));
    }
    blocks.push(Block::heading(2, "Autres participants"));
    blocks.push(Block::Table(Table::new(
        columns(),
        (0..BLANK_LINES).map(|_| Row::texts(["", "", ""]).min_height(SIGNATURE_ROW)).collect(),
    )));
    let title = format!("Feuille d’émargement — {} — {}", meeting.atelier, meeting_name(&meeting));
    let footer = fr::typography(&title);
    Ok(letterhead.document(
        title,
        fr::capitalise(&fr::typography(&meeting.describe())),
        vec![Section { footer, blocks }],
    ))
}
