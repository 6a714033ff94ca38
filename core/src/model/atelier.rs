//! Ateliers: what a secretary records about one atelier-projet (or another body), its
//! milestones, and the checks every saved atelier passes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::optional_date;
use super::person::Commune;
use super::text_enum::text_enum;
use crate::error::{Problems, Result};
use crate::fr;

/// Longest accepted atelier code.
pub const CODE_MAX_CHARS: usize = 20;
/// Longest accepted atelier title.
pub const TITLE_MAX_CHARS: usize = 200;

text_enum! {
    /// The kind of an atelier (seed 000, § « La nature des ateliers-projets »).
    AtelierKind {
        Faisabilite = "faisabilite", "Atelier de faisabilité";
        MiseEnOeuvre = "mise_en_oeuvre", "Atelier de mise en œuvre";
        Permanent = "permanent", "Atelier permanent";
        AutreInstance = "autre_instance", "Autre instance (commission thématique…)";
    }
}

text_enum! {
    /// Where an atelier stands: proposé → validé par le Bureau → en cours → clos.
    AtelierStatus {
        Propose = "propose", "Proposé";
        Valide = "valide", "Validé par le Bureau";
        EnCours = "en_cours", "En cours";
        Clos = "clos", "Clos";
    }
}

text_enum! {
    /// The kind of a milestone of the calendrier prévisionnel.
    MilestoneKind {
        Seance = "seance", "Séance de l'atelier";
        Forum = "forum", "Échange avec le Forum";
        ComiteImpulsion = "comite_impulsion", "Validation par le Comité d'impulsion";
        Bureau = "bureau", "Validation par le Bureau";
        Conseil = "conseil", "Conseil d'agglomération";
        Autre = "autre", "Autre étape";
    }
}

text_enum! {
    /// Where an étape stands on a day (not stored: worked out by `rules::milestones`).
    MilestoneStatus {
        AVenir = "a_venir", "À venir";
        Faite = "faite", "Faite";
        EnRetard = "en_retard", "En retard";
    }
}

/// One step of an atelier's planned timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub label: String,
    pub planned_on: Option<NaiveDate>,
    pub kind: MilestoneKind,
    /// The day it was done, once it is.
    pub done_on: Option<NaiveDate>,
}

/// The checked content of an atelier, without its identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtelierData {
    pub code: String,
    pub title: String,
    pub kind: AtelierKind,
    /// The rules of composition do not apply (the permanent Finances atelier).
    pub exempt_from_composition: bool,
    pub status: AtelierStatus,
    pub proposed_on: Option<NaiveDate>,
    pub validated_on: Option<NaiveDate>,
    pub started_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// Commande politique.
    pub political_mandate: String,
    /// Périmètre et cadre (financial, legal, deadlines).
    pub scope: String,
    pub negotiable: String,
    pub non_negotiable: String,
    pub objectives: String,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    /// Communes concerned, by identifier.
    pub commune_ids: Vec<i64>,
    /// What a closed atelier came to: its propositions (required to close it).
    pub outcome_proposals: String,
    /// What was done with them (suites données), when known.
    pub outcome_follow_up: String,
}

/// A stored atelier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Atelier {
    pub id: i64,
    #[serde(flatten)]
    pub data: AtelierData,
    /// The communes of `data.commune_ids`, by name.
    pub communes: Vec<Commune>,
    /// The state of each milestone today, in the order of `data.milestones`.
    pub milestone_states: Vec<crate::rules::milestones::MilestoneState>,
}

/// One line of the list of ateliers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtelierSummary {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub kind: AtelierKind,
    pub status: AtelierStatus,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// Members today.
    pub member_count: i64,
    /// Start of the next meeting not cancelled, local time, if any.
    pub next_meeting: Option<String>,
    /// The same in French (« mardi 12 janvier 2027 à 18 h 00 »), empty if none.
    pub next_meeting_text: String,
    /// « du lundi 5 janvier 2026 au … », empty when no planned date is known.
    pub period_text: String,
    /// The composition today (rule 1).
    pub composition: Option<crate::rules::composition::Composition>,
}

impl AtelierSummary {
    /// The French text of the planned period.
    pub fn period_text(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
        match (start, end) {
            (Some(s), Some(e)) => format!("du {} au {}", fr::long_date(s), fr::long_date(e)),
            (Some(s), None) => format!("à partir du {}", fr::long_date(s)),
            (None, Some(e)) => format!("jusqu'au {}", fr::long_date(e)),
            (None, None) => String::new(),
        }
    }
}

/// A milestone as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MilestoneInput {
    pub label: String,
    pub planned_on: String,
    pub kind: String,
    /// `jj/mm/aaaa` once done; empty while it is not.
    pub done_on: String,
}

/// An atelier as typed in the form: free text everywhere, checked by [`AtelierInput::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AtelierInput {
    pub code: String,
    pub title: String,
    pub kind: String,
    pub exempt_from_composition: bool,
    pub status: String,
    pub proposed_on: String,
    pub validated_on: String,
    pub started_on: String,
    pub closed_on: String,
    pub political_mandate: String,
    pub scope: String,
    pub negotiable: String,
    pub non_negotiable: String,
    pub objectives: String,
    pub planned_start: String,
    pub planned_end: String,
    pub milestones: Vec<MilestoneInput>,
    pub commune_ids: Vec<i64>,
    pub outcome_proposals: String,
    pub outcome_follow_up: String,
}

impl AtelierInput {
    /// The form filled with a stored atelier's content (to change some of it).
    pub fn from_data(data: &AtelierData) -> AtelierInput {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        AtelierInput {
            code: data.code.clone(),
            title: data.title.clone(),
            kind: data.kind.as_str().to_string(),
            exempt_from_composition: data.exempt_from_composition,
            status: data.status.as_str().to_string(),
            proposed_on: day(data.proposed_on),
            validated_on: day(data.validated_on),
            started_on: day(data.started_on),
            closed_on: day(data.closed_on),
            political_mandate: data.political_mandate.clone(),
            scope: data.scope.clone(),
            negotiable: data.negotiable.clone(),
            non_negotiable: data.non_negotiable.clone(),
            objectives: data.objectives.clone(),
            planned_start: day(data.planned_start),
            planned_end: day(data.planned_end),
            milestones: data
                .milestones
                .iter()
                .map(|m| MilestoneInput {
                    label: m.label.clone(),
                    planned_on: day(m.planned_on),
                    kind: m.kind.as_str().to_string(),
                    done_on: day(m.done_on),
                })
                .collect(),
            commune_ids: data.commune_ids.clone(),
            outcome_proposals: data.outcome_proposals.clone(),
            outcome_follow_up: data.outcome_follow_up.clone(),
        }
    }

    /// Checks everything that needs no database: required fields, formats, date order.
    /// Returns every problem at once, each naming its field.
    pub fn check(self) -> Result<AtelierData> {
        let mut problems = Problems::default();

        let code = self.code.trim().to_string();
        if code.is_empty() {
            problems.add("code", "Le code est obligatoire");
        } else if code.chars().count() > CODE_MAX_CHARS {
            problems.add("code", format!("Le code ne doit pas dépasser {CODE_MAX_CHARS} caractères"));
        } else if !code.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            problems.add(
                "code",
                "Le code ne peut contenir que des lettres, des chiffres, des tirets et des soulignés",
            );
        }

        let title = self.title.trim().to_string();
        if title.is_empty() {
            problems.add("title", "Le titre est obligatoire");
        } else if title.chars().count() > TITLE_MAX_CHARS {
            problems.add("title", format!("Le titre ne doit pas dépasser {TITLE_MAX_CHARS} caractères"));
        }

        let kind = AtelierKind::parse(&self.kind);
        if kind.is_none() {
            problems.add("kind", "Choisissez le type d'atelier");
        }
        let status = AtelierStatus::parse(&self.status);
        if status.is_none() {
            problems.add("status", "Choisissez le statut de l'atelier");
        }

        let p = &mut problems;
        let proposed_on = optional_date(p, "proposed_on", "La date de proposition", &self.proposed_on);
        let validated_on =
            optional_date(p, "validated_on", "La date de validation par le Bureau", &self.validated_on);
        let started_on = optional_date(p, "started_on", "La date de lancement", &self.started_on);
        let closed_on = optional_date(p, "closed_on", "La date de clôture", &self.closed_on);
        let planned_start = optional_date(p, "planned_start", "Le début prévu", &self.planned_start);
        let planned_end = optional_date(p, "planned_end", "La fin prévue", &self.planned_end);

        if let (Some(start), Some(end)) = (planned_start, planned_end) {
            if end < start {
                problems.add(
                    "planned_end",
                    format!(
                        "La fin prévue ({}) est antérieure au début prévu ({})",
                        fr::long_date(end),
                        fr::long_date(start)
                    ),
                );
            }
        }
        check_status_dates(
            &mut problems,
            &[
                ("proposed_on", "la proposition", proposed_on),
                ("validated_on", "la validation par le Bureau", validated_on),
                ("started_on", "le lancement", started_on),
                ("closed_on", "la clôture", closed_on),
            ],
        );

        let mut milestones = Vec::with_capacity(self.milestones.len());
        for (i, m) in self.milestones.iter().enumerate() {
            let n = i + 1;
            let label = m.label.trim().to_string();
            if label.is_empty() {
                problems.add(
                    format!("milestones.{i}.label"),
                    format!("Étape n° {n} : le libellé est obligatoire"),
                );
            }
            let planned_on = optional_date(
                &mut problems,
                &format!("milestones.{i}.planned_on"),
                &format!("Étape n° {n} : la date"),
                &m.planned_on,
            );
            let done_on = optional_date(
                &mut problems,
                &format!("milestones.{i}.done_on"),
                &format!("Étape n° {n} : la date où elle a été faite"),
                &m.done_on,
            );
            let kind = MilestoneKind::parse(&m.kind);
            if kind.is_none() {
                problems.add(
                    format!("milestones.{i}.kind"),
                    format!("Étape n° {n} : choisissez le type d'étape"),
                );
            }
            if let Some(kind) = kind {
                milestones.push(Milestone { label, planned_on, kind, done_on });
            }
        }

        let outcome_proposals = self.outcome_proposals.trim().to_string();
        if status == Some(AtelierStatus::Clos) {
            if closed_on.is_none() && self.closed_on.trim().is_empty() {
                problems.add("closed_on", "Un atelier clos a une date de clôture : indiquez-la");
            }
            if outcome_proposals.is_empty() {
                problems.add(
                    "outcome_proposals",
                    "Un atelier clos dit à quoi il a abouti : décrivez ses propositions",
                );
            }
        }

        let mut commune_ids = self.commune_ids;
        commune_ids.sort_unstable();
        commune_ids.dedup();

        let (Some(kind), Some(status)) = (kind, status) else {
            return Err(crate::Error::Invalid(problems.into_fields()));
        };
        problems.into_result(AtelierData {
            code,
            title,
            kind,
            exempt_from_composition: self.exempt_from_composition,
            status,
            proposed_on,
            validated_on,
            started_on,
            closed_on,
            political_mandate: self.political_mandate.trim().to_string(),
            scope: self.scope.trim().to_string(),
            negotiable: self.negotiable.trim().to_string(),
            non_negotiable: self.non_negotiable.trim().to_string(),
            objectives: self.objectives.trim().to_string(),
            planned_start,
            planned_end,
            milestones,
            commune_ids,
            outcome_proposals,
            outcome_follow_up: self.outcome_follow_up.trim().to_string(),
        })
    }
}

/// The dates of the status steps must follow each other; a date before an earlier step's is
/// reported on the later field.
fn check_status_dates(problems: &mut Problems, steps: &[(&str, &str, Option<NaiveDate>)]) {
    let mut latest: Option<(&str, NaiveDate)> = None;
    for &(field, what, date) in steps {
        let Some(date) = date else { continue };
        if let Some((earlier_what, earlier)) = latest {
            if date < earlier {
                problems.add(
                    field,
                    format!(
                        "La date de {what} ({}) précède celle de {earlier_what} ({})",
                        fr::long_date(date),
                        fr::long_date(earlier)
                    ),
                );
                continue;
            }
        }
        latest = Some((what, date));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn valid_input() -> AtelierInput {
        AtelierInput {
            code: "AP-MOB".into(),
            title: "Mobilités douces".into(),
            kind: "faisabilite".into(),
            status: "propose".into(),
            planned_start: "2027-01-05".into(),
            planned_end: "2027-06-30".into(),
            ..AtelierInput::default()
        }
    }

    fn fields_of(err: Error) -> Vec<(String, String)> {
        err.fields().iter().map(|f| (f.field.clone(), f.message.clone())).collect()
    }

    #[test]
    fn a_complete_input_is_accepted_and_trimmed() {
        let mut input = valid_input();
        input.title = "  Mobilités douces  ".into();
        input.commune_ids = vec![3, 1, 3];
        let data = input.check().expect("valid input");
        assert_eq!(data.title, "Mobilités douces");
        assert_eq!(data.commune_ids, vec![1, 3], "communes are sorted and deduplicated");
        assert_eq!(data.kind, AtelierKind::Faisabilite);
    }

    #[test]
    fn an_empty_title_and_code_are_both_reported_by_field() {
        let mut input = valid_input();
        input.title = "   ".into();
        input.code = String::new();
        let fields = fields_of(input.check().unwrap_err());
        assert!(fields.contains(&("code".into(), "Le code est obligatoire".into())), "{fields:?}");
        assert!(fields.contains(&("title".into(), "Le titre est obligatoire".into())), "{fields:?}");
    }

    #[test]
    fn an_end_before_the_start_names_the_end_field_in_french() {
        let mut input = valid_input();
        input.planned_end = "2026-12-31".into();
        let fields = fields_of(input.check().unwrap_err());
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].0, "planned_end");
        assert_eq!(
            fields[0].1,
            "La fin prévue (jeudi 31 décembre 2026) est antérieure au début prévu (mardi 5 janvier 2027)"
        );
    }

    #[test]
    fn a_malformed_date_is_reported_with_its_value() {
        let mut input = valid_input();
        input.planned_start = "2027-02-30".into();
        let fields = fields_of(input.check().unwrap_err());
        assert_eq!(fields[0].0, "planned_start");
        assert!(fields[0].1.contains("« 2027-02-30 » n'est pas une date valide"), "{}", fields[0].1);
    }

    #[test]
    fn status_dates_out_of_order_are_reported_on_the_later_step() {
        let mut input = valid_input();
        input.proposed_on = "2026-10-01".into();
        input.validated_on = "2026-09-01".into();
        let fields = fields_of(input.check().unwrap_err());
        assert_eq!(fields[0].0, "validated_on");
    }

    #[test]
    fn a_milestone_without_label_names_its_line() {
        let mut input = valid_input();
        input.milestones = vec![
            MilestoneInput {
                label: "Séance 1".into(),
                planned_on: "2027-01-12".into(),
                kind: "seance".into(),
                done_on: "12/01/2027".into(),
            },
            MilestoneInput { label: " ".into(), kind: "forum".into(), ..MilestoneInput::default() },
            MilestoneInput {
                label: "Bureau".into(),
                kind: "bureau".into(),
                done_on: "hier".into(),
                ..MilestoneInput::default()
            },
        ];
        let fields = fields_of(input.check().unwrap_err());
        assert_eq!(
            fields,
            vec![
                ("milestones.1.label".into(), "Étape n° 2 : le libellé est obligatoire".into()),
                (
                    "milestones.2.done_on".into(),
                    "Étape n° 3 : la date où elle a été faite « hier » n'est pas une date valide (attendu : jj/mm/aaaa)"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn closing_an_atelier_asks_its_date_and_its_propositions() {
        let mut input = valid_input();
        input.status = "clos".into();
        let fields: Vec<String> =
            fields_of(input.clone().check().unwrap_err()).into_iter().map(|f| f.0).collect();
        assert_eq!(fields, ["closed_on", "outcome_proposals"]);
        input.closed_on = "30/06/2027".into();
        input.outcome_proposals = "  Un schéma cyclable.  ".into();
        let data = input.check().unwrap();
        assert_eq!(data.outcome_proposals, "Un schéma cyclable.");
        assert_eq!(
            AtelierInput::from_data(&data).check().unwrap(),
            data,
            "the form of a stored atelier gives it back"
        );
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let mut input = valid_input();
        input.kind = "inconnu".into();
        let fields = fields_of(input.check().unwrap_err());
        assert_eq!(fields[0].0, "kind");
    }
}
