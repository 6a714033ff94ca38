//! The relevé de décisions of a held meeting (the sections of seed 002), its versions and
//! its actions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::optional_date;
use super::text_enum::text_enum;
use crate::error::{Problems, Result};

text_enum! {
    /// Where a relevé de décisions stands.
    ReleveStatus {
        Brouillon = "brouillon", "Brouillon";
        Diffuse = "diffuse", "Diffusé";
        Valide = "valide", "Validé";
    }
}

text_enum! {
    /// Progress of an action decided in a meeting.
    ActionStatus {
        AFaire = "a_faire", "À faire";
        EnCours = "en_cours", "En cours";
        Faite = "faite", "Faite";
        Abandonnee = "abandonnee", "Abandonnée";
    }
}

/// What a relevé says: the part that is frozen in each diffused version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReleveContent {
    /// Objectifs de la séance et ordre du jour.
    pub objectives: String,
    /// Méthode de travail.
    pub method: String,
    /// Synthèse des échanges.
    pub synthesis: String,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionLine>,
    /// Questions à étudier.
    pub questions: String,
    /// Points pour la prochaine séance.
    pub next_points: String,
    pub next_meeting_on: Option<NaiveDate>,
    pub next_meeting_place: String,
    pub next_meeting_note: String,
}

/// One action as the relevé states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionLine {
    /// The live action's id (absent in a frozen version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub text: String,
    pub owner_id: Option<i64>,
    /// Who carries it: the owner's name, or the words typed (« Bureau d'études »).
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub status: Option<ActionStatus>,
}

/// A relevé as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Releve {
    pub id: i64,
    pub meeting_id: i64,
    pub status: ReleveStatus,
    pub version: i64,
    #[serde(flatten)]
    pub content: ReleveContent,
    pub diffused_on: Option<NaiveDate>,
    pub validated_on: Option<NaiveDate>,
    pub validated_at_meeting_id: Option<i64>,
    /// « séance n° 3 de l'atelier … du … » where it was validated.
    pub validated_at: Option<String>,
    /// Only a draft can be changed; a diffused or validated relevé is corrected by a new
    /// version.
    pub editable: bool,
    /// Every version that was diffused, the oldest first.
    pub versions: Vec<ReleveVersion>,
}

/// A diffused version, kept as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleveVersion {
    pub version: i64,
    pub diffused_on: NaiveDate,
    pub validated_on: Option<NaiveDate>,
    pub validated_at: Option<String>,
    pub content: ReleveContent,
    /// Whom it was sent to by e-mail, as written then, in the order sent.
    pub sent_to: Vec<ReleveRecipient>,
}

/// Someone a diffused version was sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleveRecipient {
    pub person_id: Option<i64>,
    pub name: String,
    pub email: String,
    /// When the draft was written (UTC record stamp).
    pub sent_at: String,
}

/// The relevé form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReleveInput {
    pub objectives: String,
    pub method: String,
    pub synthesis: String,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionInput>,
    pub questions: String,
    pub next_points: String,
    /// `jj/mm/aaaa`, empty for none.
    pub next_meeting_on: String,
    pub next_meeting_place: String,
    pub next_meeting_note: String,
}

/// One action of the relevé form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionInput {
    /// The existing action it changes, none for a new one.
    pub id: Option<i64>,
    pub text: String,
    pub owner_id: Option<i64>,
    pub owner_note: String,
    /// `jj/mm/aaaa`, empty for none.
    pub due_on: String,
}

/// The checked form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleveData {
    pub content: ReleveContent,
    pub actions: Vec<(ActionInput, Option<NaiveDate>)>,
}

impl ReleveInput {
    /// Checks the form: empty decisions are dropped, every action needs its text, dates
    /// must be dates; each problem names its line.
    pub fn check(self) -> Result<ReleveData> {
        let mut problems = Problems::default();
        let next_meeting_on = optional_date(
            &mut problems,
            "next_meeting_on",
            "La date de la prochaine séance",
            &self.next_meeting_on,
        );
        let decisions: Vec<String> =
            self.decisions.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
        let mut actions = Vec::new();
        for (i, action) in self.actions.into_iter().enumerate() {
            let text = action.text.trim().to_string();
            if text.is_empty()
                && action.owner_note.trim().is_empty()
                && action.due_on.trim().is_empty()
                && action.owner_id.is_none()
            {
                continue;
            }
            if text.is_empty() {
                problems.add(
                    format!("actions[{i}].text"),
                    format!("Action {} : le texte de l'action est obligatoire", i + 1),
                );
            }
            let due = optional_date(
                &mut problems,
                &format!("actions[{i}].due_on"),
                &format!("Action {} : l'échéance", i + 1),
                &action.due_on,
            );
            actions.push((
                ActionInput { text, owner_note: action.owner_note.trim().to_string(), ..action },
                due,
            ));
        }
        let content = ReleveContent {
            objectives: self.objectives.trim().to_string(),
            method: self.method.trim().to_string(),
            synthesis: self.synthesis.trim().to_string(),
            decisions,
            actions: Vec::new(),
            questions: self.questions.trim().to_string(),
            next_points: self.next_points.trim().to_string(),
            next_meeting_on,
            next_meeting_place: self.next_meeting_place.trim().to_string(),
            next_meeting_note: self.next_meeting_note.trim().to_string(),
        };
        problems.into_result(ReleveData { content, actions })
    }
}

/// An action followed across meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub id: i64,
    pub atelier: String,
    pub meeting_id: i64,
    /// « mardi 12 janvier 2027 », the meeting that decided it.
    pub meeting_day: String,
    pub text: String,
    pub owner_id: Option<i64>,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    /// Open and past its due date.
    pub overdue: bool,
    /// Each status it took and when, the oldest first.
    pub history: Vec<(ActionStatus, NaiveDate)>,
}

impl ActionStatus {
    /// Still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::AFaire | ActionStatus::EnCours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_dropped_and_an_action_without_text_names_its_line() {
        let input = ReleveInput {
            decisions: vec!["  ".into(), "Retenir le scénario B".into()],
            actions: vec![
                ActionInput::default(),
                ActionInput {
                    owner_note: "Bureau d'études".into(),
                    due_on: "31/02/2027".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let err = input.check().unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["actions[1].text", "actions[1].due_on"]);
        assert!(err.to_string().contains("Action 2 : le texte de l'action est obligatoire"), "{err}");
        let ok = ReleveInput { decisions: vec!["  ".into(), "Retenir B".into()], ..Default::default() }
            .check()
            .unwrap();
        assert_eq!(ok.content.decisions, ["Retenir B"]);
    }
}
