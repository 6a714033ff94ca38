//! The fiche atelier: its commande, scope, what is negotiable, objectives, what a closed
//! atelier came to (its propositions, the suites données), calendar (milestones with their
//! state, and meetings) and composition by collège.

use super::layout::{Block, Column, Row, Table};
use super::{fact, known_parts, meeting_name, meeting_place, rich, typed, Document, Letterhead, Section};
use crate::error::Result;
use crate::fr;
use crate::model::membership::College;
use crate::store::Store;

/// The fiche of atelier `atelier_id`, its composition as of today.
pub fn document(store: &Store, atelier_id: i64) -> Result<Document> {
    let atelier = store.atelier(atelier_id)?;
    let letterhead = Letterhead::of(store)?;
    let data = &atelier.data;
    let mut blocks = vec![Block::heading(
        1,
        fr::typography(&format!("Fiche atelier-projet {} — {}", data.code, data.title)),
    )];
    blocks.push(fact("Nature", data.kind.label()));
    blocks.push(fact("État", data.status.label()));
    let period = match (data.planned_start, data.planned_end) {
        (Some(start), Some(end)) => format!("du {} au {}", fr::long_date(start), fr::long_date(end)),
        (Some(start), None) => format!("à partir du {}", fr::long_date(start)),
        (None, Some(end)) => format!("jusqu’au {}", fr::long_date(end)),
        (None, None) => "à préciser".to_string(),
    };
    blocks.push(fact("Période prévue", &period));
    if let Some(day) = data.validated_on {
        blocks.push(fact("Validation par le Bureau", &fr::long_date(day)));
    }
    blocks.push(Block::Space(6.0));
    for (title, text) in [
        ("Commande politique", &data.political_mandate),
        ("Périmètre", &data.scope),
        ("Objectifs", &data.objectives),
        ("Ce qui est négociable", &data.negotiable),
        ("Ce qui n’est pas négociable", &data.non_negotiable),
    ] {
        blocks.push(Block::heading(2, title));
        if text.trim().is_empty() {
            blocks.push(typed("À préciser."));
        } else {
            blocks.extend(rich(text));
        }
    }
    if data.status == crate::model::atelier::AtelierStatus::Clos {
        blocks.push(Block::heading(2, "Aboutissement"));
        if let Some(day) = data.closed_on {
            blocks.push(fact("Date de clôture", &fr::long_date(day)));
        }
        for (title, text, missing) in [
            ("Propositions", &data.outcome_proposals, "Non renseignées."),
            ("Suites données", &data.outcome_follow_up, "Non connues à la clôture."),
        ] {
            blocks.push(Block::heading(3, title));
            if text.trim().is_empty() {
                blocks.push(typed(missing));
            } else {
                blocks.extend(rich(text));
            }
        }
    }
    blocks.push(Block::heading(2, "Calendrier"));
    let mut rows: Vec<(String, Row)> = data
        .milestones
        .iter()
        .zip(&atelier.milestone_states)
        .map(|(m, state)| {
            let key = m.planned_on.map(|d| d.to_string()).unwrap_or_else(|| "9999".into());
            (
                key,
                Row::texts([
                    m.planned_on.map(fr::long_date).unwrap_or_else(|| "à fixer".into()),
                    fr::typography(&format!("{} ({})", m.label, fr::lower_first(m.kind.label()))),
                    state.text.clone(),
                ]),
            )
        })
        .collect();
    for meeting in store.atelier_meetings(atelier_id)? {
        let day = meeting.start_local().date();
        rows.push((
            day.to_string(),
            Row::texts([
                fr::long_date(day),
                format!("{} — {}", meeting_name(&meeting), fr::typography(&meeting_place(&meeting))),
                meeting.status.label().to_string(),
            ]),
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    if rows.is_empty() {
        blocks.push(typed("Aucune étape ni réunion n’est encore prévue."));
    } else {
        blocks.push(Block::Table(Table::new(
            vec![
                Column::new("Date", 2.2),
                Column::new("Étape ou réunion", 4.6),
                Column::new("Nature ou état", 2.2),
            ],
            rows.into_iter().map(|(_, row)| row).collect(),
        )));
    }
    blocks.push(Block::heading(2, "Composition"));
    let members: Vec<_> =
        store.atelier_members(atelier_id, letterhead.today)?.into_iter().filter(|m| m.current).collect();
    if members.is_empty() {
        blocks.push(typed("Aucun membre pour l’instant."));
    }
    for college in College::ALL.iter().copied() {
        let rows: Vec<Row> = members
            .iter()
            .filter(|m| m.college == college)
            .map(|m| {
                let name = crate::model::person::display_name(m.civility, &m.first_name, &m.last_name);
                let detail =
                    known_parts([Some(m.function.as_str()), m.organisation.as_deref(), m.commune.as_deref()])
                        .join(", ");
                let role = match m.binome {
                    Some(binome) => binome.label().to_string(),
                    None => m.role.label().to_string(),
                };
                Row::texts([fr::typography(&name), detail, role])
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        blocks.push(Block::heading(3, format!("{} ({})", college.label(), rows.len())));
        blocks.push(Block::Table(Table::new(
            vec![
                Column::new("Nom", 3.0),
                Column::new("Fonction, organisation ou commune", 4.2),
                Column::new("Rôle", 1.8),
            ],
            rows,
        )));
    }
    let title = fr::typography(&format!("Fiche atelier-projet {}", data.code));
    Ok(letterhead.document(
        title.clone(),
        fr::typography(&data.title),
        vec![Section { footer: title, blocks }],
    ))
}
