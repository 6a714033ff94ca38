//! Rule 3, the relevés de décisions (PRODUCT.md, « Rules »): a held meeting waits for its
//! relevé until the relevé is validated at a later meeting; and the actions the relevés
//! decided, once past their due date while still open.

use chrono::NaiveDate;

use super::meetings::meeting_finding;
use super::Finding;
use crate::fr;
use crate::model::meeting::MeetingSummary;
use crate::model::releve::{ActionStatus, ReleveStatus};

/// A held meeting and the status of its relevé (`None`: no relevé yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldMeeting {
    pub meeting: MeetingSummary,
    pub releve: Option<ReleveStatus>,
}

/// An action decided in a relevé, with a due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFacts {
    /// Code of the atelier of the meeting that decided it.
    pub atelier: String,
    pub meeting_id: i64,
    pub text: String,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub owner_id: Option<i64>,
}

/// Held meetings (in the order given) whose relevé is missing, a draft, or diffused but not
/// yet validated.
pub fn releve_findings(held: &[HeldMeeting]) -> Vec<Finding> {
    held.iter()
        .filter_map(|HeldMeeting { meeting: m, releve }| {
            let what = match releve {
                Some(ReleveStatus::Valide) => return None,
                None => "n'a pas encore de relevé de décisions",
                Some(ReleveStatus::Brouillon) => "a un relevé encore en brouillon, à diffuser",
                Some(ReleveStatus::Diffuse) => {
                    "a un relevé diffusé qui attend sa validation à la séance suivante"
                }
            };
            Some(meeting_finding(
                "releve.pending_validation",
                m,
                format!("{} {what}", fr::capitalise(&m.describe())),
            ))
        })
        .collect()
}

/// The actions (in the order given) still open after their due date, at date `today`.
pub fn overdue_action_findings(actions: &[ActionFacts], today: NaiveDate) -> Vec<Finding> {
    actions
        .iter()
        .filter(|a| a.status.is_open() && a.due_on < today)
        .map(|a| {
            let mut finding = Finding::warning(
                "action.overdue",
                &a.atelier,
                format!(
                    "Atelier {} : l'action « {} » devait être faite le {}",
                    a.atelier,
                    a.text,
                    fr::long_date(a.due_on)
                ),
            );
            finding.meeting = Some(a.meeting_id);
            finding.person = a.owner_id;
            finding
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::meetings::tests::meeting;
    use crate::rules::tests::plain;

    #[test]
    fn a_held_meeting_waits_for_its_releve_until_it_is_validated() {
        let held = |id, releve| HeldMeeting { meeting: meeting(id, 1, "18:00", "20:00"), releve };
        let found = releve_findings(&[
            held(1, None),
            held(2, Some(ReleveStatus::Brouillon)),
            held(3, Some(ReleveStatus::Diffuse)),
            held(4, Some(ReleveStatus::Valide)),
        ]);
        let messages: Vec<(&str, Option<i64>, String)> = found
            .iter()
            .map(|f| (f.rule, f.meeting, plain(&f.message).split(" 18 h 00 ").nth(1).unwrap().to_string()))
            .collect();
        assert_eq!(
            messages,
            [
                ("releve.pending_validation", Some(1), "n'a pas encore de relevé de décisions".to_string()),
                (
                    "releve.pending_validation",
                    Some(2),
                    "a un relevé encore en brouillon, à diffuser".to_string()
                ),
                (
                    "releve.pending_validation",
                    Some(3),
                    "a un relevé diffusé qui attend sa validation à la séance suivante".to_string()
                ),
            ]
        );
    }

    #[test]
    fn an_open_action_is_overdue_the_day_after_its_due_date() {
        let due = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        let action = |status| ActionFacts {
            atelier: "AP-T".into(),
            meeting_id: 7,
            text: "Chiffrer la piste".into(),
            due_on: due,
            status,
            owner_id: Some(3),
        };
        let all = [
            action(ActionStatus::AFaire),
            action(ActionStatus::EnCours),
            action(ActionStatus::Faite),
            action(ActionStatus::Abandonnee),
        ];
        assert!(overdue_action_findings(&all, due).is_empty(), "due today is not late");
        let found = overdue_action_findings(&all, due.succ_opt().unwrap());
        assert_eq!(found.len(), 2, "only the open ones");
        assert_eq!((found[0].rule, found[0].meeting, found[0].person), ("action.overdue", Some(7), Some(3)));
        assert_eq!(
            plain(&found[0].message),
            "Atelier AP-T : l'action « Chiffrer la piste » devait être faite le lundi 1er février 2027"
        );
    }
}
