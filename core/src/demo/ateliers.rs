//! The four demonstration ateliers, their meetings and relevés.

use chrono::{NaiveDate, NaiveDateTime};

use super::at;
use crate::model::atelier::{AtelierInput, AtelierKind, AtelierStatus, MilestoneInput, MilestoneKind};
use crate::model::meeting::{AgendaItemKind, MeetingKind};
use crate::model::membership::MemberCategory;
use crate::model::releve::{ActionStatus, ReleveStatus};

/// One meeting of a demonstration atelier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoMeeting {
    pub session_number: Option<i64>,
    pub kind: MeetingKind,
    pub title: &'static str,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub place: &'static str,
    pub address: &'static str,
    pub agenda: Vec<(&'static str, AgendaItemKind, i64)>,
    /// For a held meeting: its relevé.
    pub releve: Option<DemoReleve>,
}

/// The relevé de décisions of a held meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReleve {
    pub status: ReleveStatus,
    pub objectives: &'static str,
    pub method: &'static str,
    pub synthesis: &'static str,
    pub decisions: Vec<&'static str>,
    /// (text, due in days after the meeting, status)
    pub actions: Vec<(&'static str, i64, ActionStatus)>,
    pub questions: &'static str,
    pub next_points: &'static str,
}

/// One demonstration atelier with whom it gathers and when it meets.
#[derive(Debug, Clone)]
pub struct DemoAtelier {
    pub input: AtelierInput,
    /// Names of the communes concerned (each is represented by an élu municipal).
    pub communes: Vec<&'static str>,
    /// How many members of each category, taken in order from the people of that category
    /// starting at the given offset: (category, offset, count).
    pub members: Vec<(MemberCategory, usize, usize)>,
    /// Whether the maires among the members must attend every session (seed 004).
    pub maires_required: bool,
    pub meetings: Vec<DemoMeeting>,
}

const SALLE_AGGLO: &str = "Maison de l'agglomération, salle du Conseil";
const ADRESSE_AGGLO: &str = "2 rue Pierre et Marie Curie, 68100 Mulhouse";

fn date_text(date: NaiveDate) -> String {
    date.format(crate::model::date::DATE_FORMAT).to_string()
}

fn milestone(label: &str, on: NaiveDate, kind: MilestoneKind) -> MilestoneInput {
    MilestoneInput {
        label: label.into(),
        planned_on: date_text(on),
        kind: kind.as_str().into(),
        done_on: String::new(),
    }
}

/// The four ateliers: one de faisabilité, one de mise en œuvre, the permanent Finances
/// atelier (exempt from the composition rules) and a commission thématique.
pub fn ateliers(today: NaiveDate) -> Vec<DemoAtelier> {
    let d = |weeks: i64, weekday: i64| at(today, weeks, weekday, 0, 0).date();
    use AgendaItemKind::{Debat, Decision, Information, ValidationReleve};
    vec![
        DemoAtelier {
            input: AtelierInput {
                code: "AP-VELO".into(),
                title: "Schéma directeur cyclable d'agglomération".into(),
                kind: AtelierKind::Faisabilite.as_str().into(),
                status: AtelierStatus::EnCours.as_str().into(),
                proposed_on: date_text(d(-20, 0)),
                validated_on: date_text(d(-14, 3)),
                started_on: date_text(d(-9, 1)),
                political_mandate: "Proposer au Bureau un schéma directeur cyclable reliant les 39 communes, hiérarchisé et chiffré, à inscrire au plan pluriannuel d'investissement.".into(),
                scope: "Itinéraires d'intérêt communautaire uniquement ; enveloppe indicative de 12 M€ sur six ans ; avis de la Collectivité européenne d'Alsace sur les routes départementales ; restitution au Forum avant décision.".into(),
                negotiable: "Tracés, ordre de priorité des tronçons, types d'aménagement, stationnement vélo aux pôles d'échanges.".into(),
                non_negotiable: "Enveloppe financière globale ; continuité avec le réseau de l'Eurovélo 6 ; calendrier de décision du Conseil d'agglomération.".into(),
                objectives: "Un diagnostic partagé des discontinuités, trois scénarios comparés, une proposition hiérarchisée soumise au Comité d'impulsion.".into(),
                planned_start: date_text(d(-9, 0)),
                planned_end: date_text(d(30, 4)),
                milestones: vec![
                    milestone("Séance 1 : diagnostic partagé", d(-8, 1), MilestoneKind::Seance),
                    milestone("Séance 2 : scénarios", d(-3, 1), MilestoneKind::Seance),
                    milestone("Échange avec le Forum", d(8, 3), MilestoneKind::Forum),
                    milestone("Présentation au Comité d'impulsion", d(16, 0), MilestoneKind::ComiteImpulsion),
                    milestone("Validation par le Bureau", d(22, 3), MilestoneKind::Bureau),
                ],
                ..AtelierInput::default()
            },
            communes: vec!["Mulhouse", "Illzach", "Kingersheim", "Riedisheim", "Rixheim", "Wittenheim"],
            members: vec![
                (MemberCategory::EluCommunautaire, 0, 8),
                (MemberCategory::EluMunicipal, 0, 5),
                (MemberCategory::CollaborateurAgglomeration, 0, 4),
                (MemberCategory::CollaborateurCommune, 0, 2),
                (MemberCategory::Partenaire, 0, 4),
                (MemberCategory::ConseilDeveloppement, 0, 2),
                (MemberCategory::AutreOrganisation, 0, 1),
            ],
            maires_required: false,
            meetings: vec![
                DemoMeeting {
                    session_number: Some(1),
                    kind: MeetingKind::Seance,
                    title: "Diagnostic partagé",
                    start: at(today, -8, 1, 18, 0),
                    end: at(today, -8, 1, 20, 0),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![
                        ("Rappel de la commande politique et du cadre", Information, 20),
                        ("Partage du vocabulaire : itinéraire structurant, voie verte, zone 30", Information, 20),
                        ("Diagnostic des discontinuités par secteur", Debat, 60),
                        ("Méthode et calendrier de l'atelier", Decision, 20),
                    ],
                    releve: Some(DemoReleve {
                        status: ReleveStatus::Valide,
                        objectives: "Partager le cadre et le vocabulaire ; établir un diagnostic commun des discontinuités cyclables.",
                        method: "Présentation par la Direction des mobilités, puis travail sur carte en trois groupes (Nord, Centre, Sud) et restitution.",
                        synthesis: "Les participants relèvent des coupures fortes au franchissement du canal et de l'A36, un manque de stationnement sécurisé aux gares et une signalisation hétérogène entre communes.",
                        decisions: vec![
                            "Le diagnostic sera complété par les communes concernées avant la séance 2.",
                            "Trois scénarios seront préparés par l'AURM pour la séance 2.",
                        ],
                        actions: vec![
                            ("Transmettre les points noirs relevés par chaque commune", 14, ActionStatus::Faite),
                            ("Préparer trois scénarios chiffrés", 28, ActionStatus::Faite),
                        ],
                        questions: "Quelle articulation avec le plan de mobilité de la Région ?",
                        next_points: "Présentation et comparaison des scénarios.",
                    }),
                },
                DemoMeeting {
                    session_number: Some(2),
                    kind: MeetingKind::Seance,
                    title: "Scénarios",
                    start: at(today, -3, 1, 18, 0),
                    end: at(today, -3, 1, 20, 30),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![
                        ("Validation du relevé de décisions de la séance 1", ValidationReleve, 10),
                        ("Présentation des trois scénarios", Information, 40),
                        ("Débat et critères de choix", Debat, 80),
                    ],
                    releve: Some(DemoReleve {
                        status: ReleveStatus::Diffuse,
                        objectives: "Comparer trois scénarios de réseau et s'accorder sur les critères de hiérarchisation.",
                        method: "Présentation par l'AURM, débat en plénière, vote indicatif à main levée sur les critères.",
                        synthesis: "Le scénario « réseau maillé » recueille l'adhésion la plus large sous réserve d'un phasage. Les communes du Nord demandent que la liaison vers le bassin potassique soit prioritaire.",
                        decisions: vec![
                            "Retenir le scénario « réseau maillé » comme base de travail.",
                            "Critères de priorité : sécurité, continuité, desserte des établissements scolaires.",
                        ],
                        actions: vec![
                            ("Chiffrer le phasage du scénario retenu", 21, ActionStatus::EnCours),
                            ("Consulter la Collectivité européenne d'Alsace sur les routes départementales", 30, ActionStatus::AFaire),
                        ],
                        questions: "Faut-il un comité restreint pour le suivi des études de maîtrise d'œuvre ?",
                        next_points: "Phasage et chiffrage ; préparation de l'échange avec le Forum.",
                    }),
                },
                DemoMeeting {
                    session_number: Some(3),
                    kind: MeetingKind::Seance,
                    title: "Phasage et chiffrage",
                    start: at(today, 2, 1, 18, 0),
                    end: at(today, 2, 1, 20, 0),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![
                        ("Validation du relevé de décisions de la séance 2", ValidationReleve, 10),
                        ("Phasage du scénario retenu", Debat, 70),
                        ("Préparation de l'échange avec le Forum", Decision, 30),
                    ],
                    releve: None,
                },
                DemoMeeting {
                    session_number: None,
                    kind: MeetingKind::VisiteSite,
                    title: "Visite des franchissements du canal",
                    start: at(today, 5, 2, 14, 0),
                    end: at(today, 5, 2, 17, 0),
                    place: "Rendez-vous au pont de Riedisheim",
                    address: "Quai d'Isly, 68100 Mulhouse",
                    agenda: vec![("Parcours commenté des trois franchissements", Information, 180)],
                    releve: None,
                },
            ],
        },
        DemoAtelier {
            input: AtelierInput {
                code: "AP-PISC".into(),
                title: "Mise en œuvre du plan piscines communautaires".into(),
                kind: AtelierKind::MiseEnOeuvre.as_str().into(),
                status: AtelierStatus::EnCours.as_str().into(),
                proposed_on: date_text(d(-30, 0)),
                validated_on: date_text(d(-24, 3)),
                started_on: date_text(d(-7, 2)),
                political_mandate: "Accompagner la rénovation des piscines de Wittenheim et d'Illzach décidée par le Conseil d'agglomération, en veillant à la continuité de l'apprentissage de la natation scolaire.".into(),
                scope: "Projet décidé : budget voté, maîtrise d'œuvre désignée. L'atelier suit le chantier, l'organisation des créneaux et l'information des usagers.".into(),
                negotiable: "Répartition des créneaux scolaires et associatifs pendant les travaux, calendrier des fermetures, information du public.".into(),
                non_negotiable: "Programme des travaux et budget voté ; sécurité du chantier.".into(),
                objectives: "Aucune classe privée de natation pendant les travaux ; information claire des usagers ; réouverture dans les délais.".into(),
                planned_start: date_text(d(-7, 0)),
                planned_end: date_text(d(60, 4)),
                milestones: vec![
                    milestone("Plan des créneaux de substitution", d(3, 2), MilestoneKind::Seance),
                    milestone("Point d'étape au Bureau", d(20, 3), MilestoneKind::Bureau),
                ],
                ..AtelierInput::default()
            },
            communes: vec!["Wittenheim", "Illzach", "Kingersheim", "Ruelisheim"],
            members: vec![
                (MemberCategory::EluCommunautaire, 8, 7),
                (MemberCategory::EluMunicipal, 5, 5),
                (MemberCategory::CollaborateurAgglomeration, 4, 4),
                (MemberCategory::CollaborateurCommune, 2, 3),
                (MemberCategory::Partenaire, 4, 2),
                (MemberCategory::ConseilDeveloppement, 2, 2),
                (MemberCategory::AutreOrganisation, 1, 1),
            ],
            maires_required: true,
            meetings: vec![
                DemoMeeting {
                    session_number: Some(1),
                    kind: MeetingKind::Seance,
                    title: "Lancement et organisation",
                    start: at(today, -6, 2, 14, 0),
                    end: at(today, -6, 2, 16, 30),
                    place: "Mairie de Wittenheim, salle des commissions",
                    address: "Place des Malgré-Nous, 68270 Wittenheim",
                    agenda: vec![
                        ("Présentation du programme des travaux", Information, 40),
                        ("Besoins des écoles et des clubs", Debat, 60),
                        ("Principes de répartition des créneaux", Decision, 30),
                    ],
                    releve: Some(DemoReleve {
                        status: ReleveStatus::Diffuse,
                        objectives: "Présenter le chantier et recenser les besoins de créneaux pendant les travaux.",
                        method: "Présentation par la maîtrise d'œuvre, tour de table des communes et des clubs.",
                        synthesis: "Les besoins scolaires représentent 42 créneaux hebdomadaires. Les clubs acceptent un regroupement le samedi matin.",
                        decisions: vec!["Priorité aux classes de CP et CE1 pour les créneaux de substitution."],
                        actions: vec![
                            ("Recenser les créneaux disponibles dans les autres bassins", 14, ActionStatus::EnCours),
                            ("Préparer un courrier d'information aux familles", 21, ActionStatus::AFaire),
                        ],
                        questions: "Transport des élèves vers les bassins de substitution : qui le finance ?",
                        next_points: "Plan des créneaux de substitution.",
                    }),
                },
                DemoMeeting {
                    session_number: Some(2),
                    kind: MeetingKind::Seance,
                    title: "Plan des créneaux de substitution",
                    start: at(today, 3, 2, 14, 0),
                    end: at(today, 3, 2, 16, 0),
                    place: "Mairie de Wittenheim, salle des commissions",
                    address: "Place des Malgré-Nous, 68270 Wittenheim",
                    agenda: vec![
                        ("Validation du relevé de décisions de la séance 1", ValidationReleve, 10),
                        ("Plan des créneaux", Decision, 60),
                    ],
                    releve: None,
                },
            ],
        },
        DemoAtelier {
            input: AtelierInput {
                code: "FIN".into(),
                title: "Atelier permanent des Finances".into(),
                kind: AtelierKind::Permanent.as_str().into(),
                exempt_from_composition: true,
                status: AtelierStatus::EnCours.as_str().into(),
                started_on: date_text(d(-80, 0)),
                political_mandate: "Préparer avec les élus les orientations budgétaires et le pacte financier et fiscal avec les communes.".into(),
                scope: "Atelier permanent : il n'est pas soumis aux règles de composition des ateliers-projets.".into(),
                objectives: "Débat d'orientation budgétaire ; suivi du pacte financier et fiscal.".into(),
                planned_start: date_text(d(-80, 0)),
                ..AtelierInput::default()
            },
            communes: vec![],
            members: vec![
                (MemberCategory::EluCommunautaire, 1, 10),
                (MemberCategory::CollaborateurAgglomeration, 1, 3),
            ],
            maires_required: false,
            meetings: vec![
                DemoMeeting {
                    session_number: None,
                    kind: MeetingKind::Seance,
                    title: "Préparation du débat d'orientation budgétaire",
                    start: at(today, -4, 3, 9, 0),
                    end: at(today, -4, 3, 11, 0),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![
                        ("Exécution budgétaire de l'année en cours", Information, 30),
                        ("Hypothèses du débat d'orientation budgétaire", Debat, 90),
                    ],
                    releve: Some(DemoReleve {
                        status: ReleveStatus::Diffuse,
                        objectives: "Partager l'exécution budgétaire et les hypothèses d'orientation.",
                        method: "Présentation par la Direction des finances, échanges.",
                        synthesis: "Les élus demandent une hypothèse prudente sur les dotations de l'État.",
                        decisions: vec!["Retenir l'hypothèse de dotations stables en valeur."],
                        actions: vec![("Établir la prospective financière sur cinq ans", 30, ActionStatus::EnCours)],
                        questions: "",
                        next_points: "Prospective financière.",
                    }),
                },
                DemoMeeting {
                    session_number: None,
                    kind: MeetingKind::Seance,
                    title: "Prospective financière",
                    start: at(today, 4, 3, 9, 0),
                    end: at(today, 4, 3, 11, 0),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![
                        ("Validation du relevé de décisions de la séance précédente", ValidationReleve, 10),
                        ("Prospective financière sur cinq ans", Debat, 100),
                    ],
                    releve: None,
                },
            ],
        },
        DemoAtelier {
            input: AtelierInput {
                code: "CT-EAU".into(),
                title: "Commission thématique Eau et assainissement".into(),
                kind: AtelierKind::AutreInstance.as_str().into(),
                status: AtelierStatus::EnCours.as_str().into(),
                started_on: date_text(d(-50, 0)),
                political_mandate: "Partager avec les élus et les communes les dossiers en cours de la vice-présidence Eau et assainissement.".into(),
                objectives: "Information sur le schéma directeur d'assainissement ; remontée des besoins des communes.".into(),
                ..AtelierInput::default()
            },
            communes: vec!["Ottmarsheim", "Bantzenheim", "Chalampé"],
            members: vec![
                (MemberCategory::EluCommunautaire, 18, 6),
                (MemberCategory::EluMunicipal, 20, 4),
                (MemberCategory::CollaborateurAgglomeration, 2, 2),
                (MemberCategory::Partenaire, 3, 1),
                (MemberCategory::ConseilDeveloppement, 4, 1),
            ],
            maires_required: false,
            meetings: vec![
                DemoMeeting {
                    session_number: None,
                    kind: MeetingKind::Seance,
                    title: "Schéma directeur d'assainissement",
                    start: at(today, -5, 3, 17, 0),
                    end: at(today, -5, 3, 19, 0),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![("Présentation du schéma directeur", Information, 60), ("Questions des communes", Debat, 60)],
                    releve: Some(DemoReleve {
                        status: ReleveStatus::Brouillon,
                        objectives: "Présenter le schéma directeur d'assainissement.",
                        method: "Présentation par la Direction de l'eau.",
                        synthesis: "Les communes riveraines du Rhin signalent des débordements lors des orages.",
                        decisions: vec![],
                        actions: vec![("Transmettre la carte des débordements signalés", 21, ActionStatus::AFaire)],
                        questions: "Calendrier des travaux sur le réseau unitaire.",
                        next_points: "",
                    }),
                },
                DemoMeeting {
                    session_number: None,
                    kind: MeetingKind::Seance,
                    title: "Travaux sur le réseau unitaire",
                    start: at(today, 6, 3, 17, 0),
                    end: at(today, 6, 3, 19, 0),
                    place: SALLE_AGGLO,
                    address: ADRESSE_AGGLO,
                    agenda: vec![("Programme de travaux", Information, 60)],
                    releve: None,
                },
            ],
        },
    ]
    .into_iter()
    .map(|mut atelier| {
        // The étapes already past were done on their day.
        for m in &mut atelier.input.milestones {
            if m.planned_on < date_text(today) {
                m.done_on = m.planned_on.clone();
            }
        }
        atelier
    })
    .collect()
}
