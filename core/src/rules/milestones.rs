//! The calendrier prévisionnel kept: each étape is to come, done on a day, or late; an
//! atelier past its planned end and still open is overdue (`milestone.late`,
//! `atelier.overdue`). A closed atelier raises neither.

use chrono::NaiveDate;
use serde::Serialize;

use super::Finding;
use crate::fr;
use crate::model::atelier::{Milestone, MilestoneStatus};

/// Where an étape stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneState {
    /// To come, done or late (`a_venir`, `faite`, `en_retard` in JSON).
    pub state: MilestoneStatus,
    /// « À venir (prévue le mardi 12 janvier 2027) », « Faite le … », « En retard : prévue le … ».
    pub text: String,
}

impl MilestoneState {
    /// The state of `milestone` on `today`: done once it has a day done; late when its
    /// planned day has passed without; to come otherwise (a day not planned is to come).
    pub fn of(milestone: &Milestone, today: NaiveDate) -> MilestoneState {
        let planned = milestone.planned_on.map(|d| format!("prévue le {}", fr::long_date(d)));
        let (state, text) = match (milestone.done_on, milestone.planned_on) {
            (Some(done), _) => (MilestoneStatus::Faite, format!("Faite le {}", fr::long_date(done))),
            (None, Some(day)) if day < today => {
                (MilestoneStatus::EnRetard, format!("En retard : {}", planned.unwrap_or_default()))
            }
            (None, _) => (
                MilestoneStatus::AVenir,
                match planned {
                    Some(planned) => format!("À venir ({planned})"),
                    None => "À venir (date à fixer)".to_string(),
                },
            ),
        };
        MilestoneState { state, text: fr::typography(&text) }
    }

    /// Whether the étape is late.
    pub fn is_late(&self) -> bool {
        self.state == MilestoneStatus::EnRetard
    }
}

/// What the rules read of an atelier's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineFacts {
    pub code: String,
    pub closed: bool,
    pub planned_end: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
}

/// The late étapes and the overdue end of one atelier on `today`; nothing for a closed one.
pub fn timeline_findings(facts: &TimelineFacts, today: NaiveDate) -> Vec<Finding> {
    if facts.closed {
        return Vec::new();
    }
    let code = &facts.code;
    let mut findings: Vec<Finding> = facts
        .milestones
        .iter()
        .filter(|m| MilestoneState::of(m, today).is_late())
        .map(|m| {
            let day = m.planned_on.map(fr::long_date).unwrap_or_default();
            Finding::warning(
                "milestone.late",
                code,
                format!(
                    "Atelier « {code} » : l'étape « {} », prévue le {day}, n'est pas marquée faite",
                    m.label
                ),
            )
        })
        .collect();
    if let Some(end) = facts.planned_end.filter(|end| *end < today) {
        findings.push(Finding::warning(
            "atelier.overdue",
            code,
            format!(
                "Atelier « {code} » : sa fin était prévue le {} et il n'est pas clos (clore l'atelier avec ses propositions, ou repousser sa fin prévue)",
                fr::long_date(end)
            ),
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::atelier::MilestoneKind;
    use crate::rules::tests::plain;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn milestone(label: &str, planned: Option<&str>, done: Option<&str>) -> Milestone {
        Milestone {
            label: label.into(),
            planned_on: planned.map(day),
            kind: MilestoneKind::Forum,
            done_on: done.map(day),
        }
    }

    #[test]
    fn an_etape_is_late_the_day_after_its_planned_day_and_done_once_it_has_a_day() {
        let forum = milestone("Forum", Some("2027-03-10"), None);
        assert_eq!(
            MilestoneState::of(&forum, day("2027-03-10")).state,
            MilestoneStatus::AVenir,
            "due today is not late"
        );
        let late = MilestoneState::of(&forum, day("2027-03-11"));
        assert_eq!(late.state, MilestoneStatus::EnRetard);
        assert_eq!(plain(&late.text), "En retard : prévue le mercredi 10 mars 2027");
        let done = MilestoneState::of(
            &milestone("Forum", Some("2027-03-10"), Some("2027-03-12")),
            day("2027-06-01"),
        );
        assert_eq!(
            (done.state, plain(&done.text).as_str()),
            (MilestoneStatus::Faite, "Faite le vendredi 12 mars 2027")
        );
        let undated = MilestoneState::of(&milestone("Bureau", None, None), day("2030-01-01"));
        assert_eq!(
            (undated.state, undated.text.as_str()),
            (MilestoneStatus::AVenir, "À venir (date à fixer)")
        );
    }

    #[test]
    fn late_etapes_and_a_passed_end_are_found_unless_the_atelier_is_closed() {
        let mut facts = TimelineFacts {
            code: "AP-VELO".into(),
            closed: false,
            planned_end: Some(day("2027-06-30")),
            milestones: vec![
                milestone("Séance 1", Some("2027-01-12"), Some("2027-01-12")),
                milestone("Forum", Some("2027-03-10"), None),
                milestone("Bureau", Some("2027-09-01"), None),
            ],
        };
        let rules = |facts: &TimelineFacts, on: &str| -> Vec<&'static str> {
            timeline_findings(facts, day(on)).iter().map(|f| f.rule).collect()
        };
        assert_eq!(rules(&facts, "2027-03-10"), Vec::<&str>::new());
        assert_eq!(rules(&facts, "2027-03-11"), ["milestone.late"]);
        assert_eq!(rules(&facts, "2027-06-30"), ["milestone.late"], "the planned end's day is not past");
        assert_eq!(rules(&facts, "2027-07-01"), ["milestone.late", "atelier.overdue"]);
        let found = timeline_findings(&facts, day("2027-09-02"));
        assert!(
            plain(&found[1].message).contains("l'étape « Bureau », prévue le mercredi 1er septembre 2027")
        );
        assert!(plain(&found[2].message).contains("sa fin était prévue le mercredi 30 juin 2027"));
        facts.closed = true;
        assert!(timeline_findings(&facts, day("2027-09-02")).is_empty());
    }
}
