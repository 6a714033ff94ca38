//! The relevé de décisions: who was there by collège, the ordre du jour, synthesis,
//! decisions, actions, questions and the next meeting; marked « Projet » until it is
//! validated at a later meeting, « Validé le … en séance du … » after, with its version.

use super::layout::{Block, Column, Paragraph, Row, Span, Table};
use super::{meeting_facts, meeting_name, rich, rich_line, typed, Document, Letterhead, Section};
use crate::error::{Error, Result};
use crate::fr;
use crate::model::attendance::AttendanceStatus;
use crate::model::membership::College;
use crate::model::releve::ReleveStatus;
use crate::store::Store;

/// The relevé of meeting `meeting_id` as it stands (its latest version).
pub fn document(store: &Store, meeting_id: i64) -> Result<Document> {
    let meeting = store.meeting(meeting_id)?;
    let releve = store.releve(meeting_id)?.ok_or_else(|| {
        Error::Refused(format!(
            "Le relevé de {} n’a pas encore été rédigé",
            fr::typography(&meeting.describe())
        ))
    })?;
    let attendance = store.attendance(meeting_id)?;
    let agenda = store.agenda(meeting_id)?;
    let letterhead = Letterhead::of(store)?;
    let content = &releve.content;

    let mut blocks = vec![Block::heading(1, "Relevé de décisions")];
    let state = match releve.status {
        ReleveStatus::Brouillon => {
            format!("PROJET — version {} en cours de rédaction, non diffusée", releve.version)
        }
        ReleveStatus::Diffuse => format!(
            "PROJET — version {} diffusée le {}, soumise à validation lors d’une prochaine séance",
            releve.version,
            releve.diffused_on.map(fr::long_date).unwrap_or_default()
        ),
        ReleveStatus::Valide => {
            let at = match releve.validated_at_meeting_id {
                Some(id) => fr::long_date(store.meeting(id)?.start_local().date()),
                None => String::new(),
            };
            format!(
                "Validé le {} en séance du {} — version {}",
                releve.validated_on.map(fr::long_date).unwrap_or_default(),
                at,
                releve.version
            )
        }
    };
    blocks.push(Block::Framed(Paragraph::new(vec![Span::bold(state)]).space_after(10.0)));
    blocks.extend(meeting_facts(&meeting));

    let counted = |college: Option<College>, wanted: &[AttendanceStatus]| -> Vec<String> {
        attendance
            .rows
            .iter()
            .filter(|row| !row.guest && row.college == college)
            .filter(|row| row.status.is_some_and(|s| wanted.contains(&s)))
            .map(|row| fr::typography(&row.name))
            .collect()
    };
    blocks.push(Block::Paragraph(Paragraph::new(vec![
        Span::bold("Membres présents ou représentés\u{a0}: "),
        Span::plain(format!(
            "{} (dont {} représentés)",
            attendance.present_count + attendance.represented_count,
            attendance.represented_count
        )),
    ])));
    let present = [
        AttendanceStatus::Present,
        AttendanceStatus::Distance,
        AttendanceStatus::Represente,
        AttendanceStatus::Supplee,
    ];
    let rows: Vec<Row> = College::ALL
        .iter()
        .map(|&college| {
            let list =
                |names: Vec<String>| if names.is_empty() { "—".to_string() } else { names.join(", ") };
            Row::texts([
                college.label().to_string(),
                list(counted(Some(college), &present)),
                list(counted(Some(college), &[AttendanceStatus::Excuse])),
                list(counted(Some(college), &[AttendanceStatus::Absent])),
            ])
        })
        .collect();
    blocks.push(Block::Table(Table::new(
        vec![
            Column::new("Collège", 1.6),
            Column::new("Présents", 3.0),
            Column::new("Excusés", 2.2),
            Column::new("Absents", 2.2),
        ],
        rows,
    )));
    if !attendance.guests.is_empty() || attendance.rows.iter().any(|r| r.guest) {
        let mut names: Vec<String> = attendance
            .rows
            .iter()
            .filter(|r| r.guest && r.status.is_some_and(|s| s.counts_present()))
            .map(|r| fr::typography(&r.name))
            .collect();
        names.extend(attendance.guests.iter().map(|g| fr::typography(&g.name)));
        if !names.is_empty() {
            blocks.push(Block::Paragraph(Paragraph::new(vec![
                Span::bold("Invités présents\u{a0}: "),
                Span::plain(names.join(", ")),
            ])));
        }
    }

    if !agenda.items.is_empty() {
        blocks.push(Block::heading(2, "Ordre du jour"));
        for (number, item) in agenda.items.iter().enumerate() {
            blocks.push(Block::Paragraph(
                Paragraph::text(fr::typography(&item.title))
                    .marker(format!("{}.", number + 1), 22.0)
                    .space_after(2.0),
            ));
        }
    }
    for (title, text) in [
        ("Objectifs de la séance", &content.objectives),
        ("Méthode", &content.method),
        ("Synthèse des échanges", &content.synthesis),
    ] {
        if !text.trim().is_empty() {
            blocks.push(Block::heading(2, title));
            blocks.extend(rich(text));
        }
    }
    blocks.push(Block::heading(2, "Décisions"));
    if content.decisions.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::text("Aucune décision n’a été prise.")));
    }
    for (number, decision) in content.decisions.iter().enumerate() {
        blocks.push(Block::Paragraph(
            Paragraph::new(rich_line(decision)).marker(format!("{}.", number + 1), 22.0).space_after(3.0),
        ));
    }
    if !content.actions.is_empty() {
        blocks.push(Block::heading(2, "Actions"));
        blocks.push(Block::Table(Table::new(
            vec![
                Column::new("Action", 4.0),
                Column::new("Responsable", 2.0),
                Column::new("Échéance", 1.6),
                Column::new("État", 1.2),
            ],
            content
                .actions
                .iter()
                .map(|action| {
                    let mut row = Row::texts([
                        String::new(),
                        fr::typography(&action.owner),
                        action.due_on.map(fr::long_date).unwrap_or_default(),
                        action.status.map(|s| s.label().to_string()).unwrap_or_default(),
                    ]);
                    row.cells[0] = rich_line(&action.text);
                    row
                })
                .collect(),
        )));
    }
    for (title, text) in [
        ("Questions en suspens", &content.questions),
        ("Points pour la prochaine séance", &content.next_points),
    ] {
        if !text.trim().is_empty() {
            blocks.push(Block::heading(2, title));
            blocks.extend(rich(text));
        }
    }
    if content.next_meeting_on.is_some() || !content.next_meeting_place.trim().is_empty() {
        blocks.push(Block::heading(2, "Prochaine séance"));
        let mut line = content
            .next_meeting_on
            .map(|d| fr::capitalise(&fr::long_date(d)))
            .unwrap_or_else(|| "Date à fixer".into());
        if !content.next_meeting_place.trim().is_empty() {
            line = format!("{line}, {}", content.next_meeting_place.trim());
        }
        blocks.push(typed(&line));
        if !content.next_meeting_note.trim().is_empty() {
            blocks.extend(rich(&content.next_meeting_note));
        }
    }
    let title = format!("Relevé de décisions — {} — {}", meeting.atelier, meeting_name(&meeting));
    let projet = if releve.status == ReleveStatus::Valide { "" } else { "Projet — " };
    let footer = fr::typography(&format!("{projet}{title} — version {}", releve.version));
    Ok(letterhead.document(
        title,
        fr::capitalise(&fr::typography(&meeting.describe())),
        vec![Section { footer, blocks }],
    ))
}
