//! The assiduité report of an atelier: a grid of its members × its held meetings, each
//! cell a letter (never a colour alone), with each member's rate and alert.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::layout::{Block, Column, Paragraph, Row, Span, Table};
use super::{Document, Letterhead, Section};
use crate::error::Result;
use crate::fr;
use crate::model::attendance::AttendanceStatus;
use crate::store::Store;

/// Meeting columns in one table; more meetings continue in a following table.
const MEETINGS_PER_TABLE: usize = 10;

/// The letter of a status in the grid.
fn letter(status: Option<AttendanceStatus>) -> &'static str {
    match status {
        Some(AttendanceStatus::Present) => "P",
        Some(AttendanceStatus::Distance) => "D",
        Some(AttendanceStatus::Excuse) => "E",
        Some(AttendanceStatus::Absent) => "A",
        Some(AttendanceStatus::Represente) => "R",
        Some(AttendanceStatus::Supplee) => "S",
        None => "·",
    }
}

/// The assiduité report of atelier `atelier_id`.
pub fn document(store: &Store, atelier_id: i64) -> Result<Document> {
    let atelier = store.atelier(atelier_id)?;
    let letterhead = Letterhead::of(store)?;
    let members = store.assiduity(Some(atelier_id))?;
    let days: Vec<NaiveDate> = members
        .iter()
        .flat_map(|m| m.history.iter().map(|(day, _)| *day))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let code = &atelier.data.code;
    let mut blocks =
        vec![Block::heading(1, fr::typography(&format!("Assiduité — {} — {}", code, atelier.data.title)))];
    blocks.push(Block::Paragraph(Paragraph::text(format!(
        "Établi le {} sur {} tenue{} et {} membre{}.",
        fr::long_date(letterhead.today),
        fr::count(days.len(), "séance", "séances"),
        if days.len() > 1 { "s" } else { "" },
        members.len(),
        if members.len() > 1 { "s" } else { "" },
    ))));
    blocks.push(Block::Paragraph(Paragraph::new(vec![
        Span::bold("Légende\u{a0}: "),
        Span::plain("P présent, D à distance, E excusé, A absent, R représenté (pouvoir), S suppléé, · non relevé, case vide\u{a0}: pas encore membre."),
    ])));
    if days.is_empty() || members.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::text(
            "Aucune séance tenue pour l’instant\u{a0}: l’assiduité n’est pas encore calculable.",
        )));
    }
    let chunks: Vec<&[NaiveDate]> = days.chunks(MEETINGS_PER_TABLE).collect();
    for (number, chunk) in chunks.iter().enumerate() {
        let last = number + 1 == chunks.len();
        if chunks.len() > 1 {
            blocks.push(Block::heading(
                3,
                format!(
                    "Séances du {} au {}",
                    fr::long_date(chunk[0]),
                    fr::long_date(chunk[chunk.len() - 1])
                ),
            ));
        }
        let mut columns = vec![Column::new("Membre", 3.4)];
        columns.extend(chunk.iter().map(|day| Column::centred(day.format("%d/%m/%y").to_string(), 0.78)));
        if last {
            columns.push(Column::centred("Taux", 0.9));
            columns.push(Column::new("Alerte", 2.2));
        }
        let rows = members
            .iter()
            .map(|member| {
                let mut cells = vec![format!("{}\n{}", fr::typography(&member.name), member.college.label())];
                for day in *chunk {
                    let status =
                        member.history.iter().find(|(d, _)| d == day).map(|(_, s)| letter(*s)).unwrap_or("");
                    cells.push(status.to_string());
                }
                if last {
                    cells.push(member.rate_pct.map(|r| format!("{r}\u{a0}%")).unwrap_or_else(|| "—".into()));
                    cells.push(member.alert.as_deref().map(fr::typography).unwrap_or_default());
                }
                let mut row = Row::texts(cells);
                if let Some(name) = row.cells.first_mut() {
                    let text = name[0].text.clone();
                    let (who, college) = text.split_once('\n').unwrap_or((&text, ""));
                    *name = vec![Span::bold(who.to_string()), Span::plain(format!("\n{college}"))];
                }
                row
            })
            .collect();
        let mut table = Table::new(columns, rows);
        table.size = 8.5;
        blocks.push(Block::Table(table));
    }
    let title = fr::typography(&format!("Assiduité — {code}"));
    Ok(letterhead.document(
        title.clone(),
        fr::typography(&atelier.data.title),
        vec![Section { footer: title, blocks }],
    ))
}
