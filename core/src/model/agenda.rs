//! The ordre du jour of a meeting.

use serde::{Deserialize, Serialize};

use super::meeting::AgendaItemKind;
use crate::error::{Problems, Result};

/// One item as the window edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaItemInput {
    pub title: String,
    /// Stored name of an [`AgendaItemKind`].
    pub kind: String,
    pub presenter_id: Option<i64>,
    /// Presenter named in words (« Bureau d'études Alpha »).
    pub presenter_note: String,
    /// Minutes, empty for none.
    pub duration: String,
    /// The relevé this item validates (kind « validation du relevé »).
    pub releve_id: Option<i64>,
}

/// One stored item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub title: String,
    pub kind: AgendaItemKind,
    pub presenter_id: Option<i64>,
    pub presenter_note: String,
    /// The presenter's name, or the note.
    pub presenter: String,
    pub duration_minutes: Option<i64>,
    pub releve_id: Option<i64>,
}

/// A document attached to a meeting (copied into the data folder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingDocument {
    pub attachment_id: i64,
    pub name: String,
    pub size_bytes: i64,
}

/// The ordre du jour of a meeting, its length against the meeting's, and what is proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub meeting_id: i64,
    pub items: Vec<AgendaItem>,
    pub total_minutes: i64,
    pub meeting_minutes: i64,
    /// « L'ordre du jour dure 2 h 30 pour une réunion de 2 h 00 ».
    pub overrun: Option<String>,
    /// « Validation du relevé de la séance du … », proposed first when the atelier has a
    /// relevé waiting for validation and no item validates it yet.
    pub proposal: Option<AgendaItemInput>,
    pub documents: Vec<MeetingDocument>,
}

/// A checked item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItemData {
    pub title: String,
    pub kind: AgendaItemKind,
    pub presenter_id: Option<i64>,
    pub presenter_note: String,
    pub duration_minutes: Option<i64>,
    pub releve_id: Option<i64>,
}

/// Checks the items; every problem names its line (« Point 3 : … »).
pub fn check_items(items: Vec<AgendaItemInput>) -> Result<Vec<AgendaItemData>> {
    let mut problems = Problems::default();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let line = i + 1;
        let title = item.title.trim().to_string();
        if title.is_empty() {
            problems.add(format!("items[{i}].title"), format!("Point {line} : l'intitulé est obligatoire"));
        }
        let kind = AgendaItemKind::parse(item.kind.trim()).unwrap_or_else(|| {
            problems.add(
                format!("items[{i}].kind"),
                format!("Point {line} : le type « {} » est inconnu", item.kind.trim()),
            );
            AgendaItemKind::Information
        });
        let duration_minutes = match item.duration.trim().trim_end_matches("min").trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(n) if (1..=600).contains(&n) => Some(n),
                _ => {
                    problems.add(
                        format!("items[{i}].duration"),
                        format!("Point {line} : la durée « {text} » doit être un nombre de minutes entre 1 et 600"),
                    );
                    None
                }
            },
        };
        out.push(AgendaItemData {
            title,
            kind,
            presenter_id: item.presenter_id,
            presenter_note: item.presenter_note.trim().to_string(),
            duration_minutes,
            releve_id: item.releve_id.filter(|_| kind == AgendaItemKind::ValidationReleve),
        });
    }
    problems.into_result(out)
}

/// « 2 h 30 », « 45 min ».
pub fn duration_text(minutes: i64) -> String {
    let nb = crate::fr::NBSP;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}{nb}min"),
        (h, m) => format!("{h}{nb}h{nb}{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_name_their_line_and_durations_are_minutes() {
        let items = vec![
            AgendaItemInput {
                title: "Accueil".into(),
                kind: "information".into(),
                duration: "10".into(),
                ..Default::default()
            },
            AgendaItemInput {
                title: " ".into(),
                kind: "sieste".into(),
                duration: "-5".into(),
                ..Default::default()
            },
        ];
        let err = check_items(items).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["items[1].title", "items[1].kind", "items[1].duration"]);
        assert!(err.to_string().contains("Point 2 : l'intitulé est obligatoire"), "{err}");
        assert_eq!(duration_text(150), "2\u{a0}h\u{a0}30");
        assert_eq!(duration_text(45), "45\u{a0}min");
    }
}
