//! The calendrier of every atelier's meetings over a period, month by month, for the
//! mission intercommunalité.

use chrono::{Datelike, NaiveDate};

use super::layout::{Block, Column, Paragraph, Row, Table};
use super::{meeting_name, meeting_place, Document, Letterhead, Section};
use crate::error::{Error, Result};
use crate::fr;
use crate::store::Store;

/// The calendrier of the meetings from `from` to `to`, both included.
pub fn document(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Document> {
    if to < from {
        return Err(Error::invalid("to", "La fin de la période précède son début"));
    }
    let letterhead = Letterhead::of(store)?;
    let meetings = store.meetings_between(from, to)?;
    let period = format!("du {} au {}", fr::long_date(from), fr::long_date(to));
    let mut blocks = vec![Block::heading(1, "Calendrier des ateliers-projets")];
    blocks.push(Block::Paragraph(Paragraph::text(format!(
        "Réunions {period}\u{a0}: {}.",
        fr::count(meetings.len(), "réunion", "réunions")
    ))));
    let columns = || {
        vec![
            Column::new("Date", 2.2),
            Column::new("Horaire", 1.5),
            Column::new("Atelier", 1.3),
            Column::new("Réunion", 1.4),
            Column::new("Lieu", 2.6),
            Column::new("État", 1.5),
        ]
    };
    let mut month: Option<(i32, u32)> = None;
    let mut rows = Vec::new();
    for meeting in &meetings {
        let start = meeting.start_local();
        let key = (start.year(), start.month());
        if month != Some(key) {
            if !rows.is_empty() {
                blocks.push(Block::Table(Table::new(columns(), std::mem::take(&mut rows))));
            }
            blocks.push(Block::heading(2, fr::month_year(start.date())));
            month = Some(key);
        }
        rows.push(Row::texts([
            fr::capitalise(&fr::long_date(start.date())),
            format!("{} – {}", fr::time(start), fr::time(meeting.end_local())),
            meeting.atelier.clone(),
            meeting_name(meeting),
            fr::typography(&meeting_place(meeting)),
            meeting.status.label().to_string(),
        ]));
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(Table::new(columns(), rows)));
    }
    let title = format!("Calendrier des ateliers-projets {period}");
    Ok(letterhead.document(title.clone(), title.clone(), vec![Section { footer: title, blocks }]))
}
