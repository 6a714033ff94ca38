//! The charte d'engagement personalised with a member's name and a signature block; the
//! batch gathers every member of an atelier who has not signed the current version.

use super::layout::{Block, Paragraph, Span, BODY_WIDTH};
use super::{typed, Document, Letterhead, Section};
use crate::error::{Error, Result};
use crate::fr;
use crate::model::atelier::Atelier;
use crate::model::charter::CharterVersion;
use crate::store::Store;

/// The current charter for the members of atelier `atelier_id` who have not signed it, or
/// for the one member `person_id` when given (signed or not: a copy to sign again).
pub fn document(store: &Store, atelier_id: i64, person_id: Option<i64>) -> Result<Document> {
    let atelier = store.atelier(atelier_id)?;
    let versions = store.charter_versions()?;
    let current = versions
        .into_iter()
        .find(|v| v.is_current)
        .ok_or_else(|| Error::Refused("Aucune version de la charte n’est en vigueur".into()))?;
    let letterhead = Letterhead::of(store)?;
    let people: Vec<(i64, String)> = match person_id {
        Some(id) => {
            let person = store.person(id)?;
            vec![(id, person.data.display_name())]
        }
        None => {
            let unsigned = store.unsigned_members(atelier_id, letterhead.today)?;
            if unsigned.is_empty() {
                return Err(Error::Refused(format!(
                    "Tous les membres de l’atelier {} ont signé la version {} de la charte",
                    atelier.data.code, current.version
                )));
            }
            unsigned
                .into_iter()
                .map(|p| (p.id, crate::model::person::display_name(p.civility, &p.first_name, &p.last_name)))
                .collect()
        }
    };
    let sections = people.iter().map(|(_, name)| section(&atelier, &current, name)).collect();
    let title = match (person_id, people.first()) {
        (Some(_), Some((_, name))) => format!("Charte d’engagement — {} — {}", atelier.data.code, name),
        _ => format!("Chartes d’engagement à signer — {}", atelier.data.code),
    };
    Ok(letterhead.document(fr::typography(&title), fr::typography(&current.title), sections))
}

fn section(atelier: &Atelier, charter: &CharterVersion, name: &str) -> Section {
    let name = fr::typography(name);
    let mut blocks = vec![
        Block::heading(1, fr::typography(&charter.title)),
        Block::Paragraph(
            Paragraph::new(vec![Span::italic(format!(
                "Version {} en vigueur depuis le {}",
                charter.version,
                fr::long_date(charter.effective_on)
            ))])
            .space_after(12.0),
        ),
    ];
    for paragraph in charter.body.split("\n\n") {
        let mut lines = paragraph.lines().peekable();
        while let Some(line) = lines.next() {
            let line = line.trim();
            if let Some(item) = line.strip_prefix("- ") {
                blocks.push(Block::Paragraph(
                    Paragraph::text(fr::typography(item))
                        .marker("–", 22.0)
                        .space_after(if lines.peek().is_some() { 2.0 } else { 8.0 }),
                ));
            } else if !line.is_empty() {
                blocks.push(typed(line));
            }
        }
    }
    blocks.push(Block::Space(10.0));
    blocks.push(Block::Keep(vec![
        Block::Paragraph(
            Paragraph::new(vec![
                Span::plain("Je soussigné(e), "),
                Span::bold(name.clone()),
                Span::plain(fr::typography(&format!(
                    ", membre de l’atelier-projet « {} » ({}), m’engage à respecter la présente charte.",
                    atelier.data.title, atelier.data.code
                ))),
            ])
            .space_after(18.0),
        ),
        Block::Paragraph(Paragraph::text("Fait à ………………………………………, le ……………………………").space_after(18.0)),
        Block::Paragraph(Paragraph::text("Signature\u{a0}:").indent(BODY_WIDTH * 0.52).space_after(60.0)),
    ]));
    Section {
        footer: fr::typography(&format!("{} — version {} — {}", charter.title, charter.version, name)),
        blocks,
    }
}
