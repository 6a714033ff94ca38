//! Rule 1, the composition of an atelier-projet (seed 000, « La composition des
//! ateliers-projets »): the three collèges present, about 50 % élus, at most two members of
//! the Conseil de développement, one representative per partner organisation, every
//! commune concerned represented, a binôme whose porteur politique is an élu. Computed for
//! the members at one date; exempt ateliers (the permanent Finances atelier) say so.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Finding;
use crate::model::membership::{BinomeRole, College, MemberCategory};

/// The share of élus the porteurs aim for, in percent.
pub const PARITY_TARGET_PCT: f64 = 50.0;
/// How far from the target the share may be before a warning (« dans la mesure du
/// possible »): from 40 % to 60 % included is fine.
pub const PARITY_TOLERANCE_PCT: f64 = 10.0;
/// At most this many members of the Conseil de développement per atelier.
pub const CONSEIL_DEV_MAX: usize = 2;

/// What the rules need of an atelier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtelierFacts {
    pub code: String,
    pub exempt: bool,
    /// A closed atelier's composition is shown, never warned about.
    pub closed: bool,
    /// Communes concerned: (id, name).
    pub communes_concerned: Vec<(i64, String)>,
}

/// What the rules need of a member at the date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    pub person_id: i64,
    pub name: String,
    pub college: College,
    pub category: Option<MemberCategory>,
    /// Organisation represented, as recorded on the membership: (id, name).
    pub organisation: Option<(i64, String)>,
    /// Commune represented, as recorded on the membership.
    pub commune_id: Option<i64>,
    /// The member's place in the binôme at the date.
    pub binome: Option<BinomeRole>,
}

/// Members of one collège.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollegeCount {
    pub college: College,
    pub label: &'static str,
    pub count: usize,
}

/// A partner organisation with more than one representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerCount {
    pub organisation: String,
    pub count: usize,
}

/// The composition of an atelier at a date, and what breaks the rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Composition {
    pub at: NaiveDate,
    pub exempt: bool,
    pub member_count: usize,
    pub colleges: Vec<CollegeCount>,
    pub elus: usize,
    pub others: usize,
    /// Share of élus in percent, `None` without members.
    pub elus_pct: Option<f64>,
    pub parity_target_pct: f64,
    pub parity_tolerance_pct: f64,
    pub conseil_dev: usize,
    pub conseil_dev_max: usize,
    pub partners_multiple: Vec<PartnerCount>,
    pub communes_missing: Vec<String>,
    pub porteur: Option<String>,
    pub porteur_is_elu: bool,
    pub referent: Option<String>,
    pub findings: Vec<Finding>,
}

/// Computes the composition of `atelier` from its `members` at date `at`.
pub fn compose(atelier: &AtelierFacts, members: &[MemberFacts], at: NaiveDate) -> Composition {
    let count = |college| members.iter().filter(|m| m.college == college).count();
    let colleges: Vec<CollegeCount> = College::ALL
        .iter()
        .map(|&c| CollegeCount { college: c, label: c.label(), count: count(c) })
        .collect();
    let elus = count(College::Elus);
    let others = members.len() - elus;
    let elus_pct = (!members.is_empty()).then(|| elus as f64 * 100.0 / members.len() as f64);
    let conseil_dev =
        members.iter().filter(|m| m.category == Some(MemberCategory::ConseilDeveloppement)).count();

    let mut partners: BTreeMap<i64, (String, usize)> = BTreeMap::new();
    for m in members.iter().filter(|m| m.category == Some(MemberCategory::Partenaire)) {
        if let Some((id, name)) = &m.organisation {
            partners.entry(*id).or_insert_with(|| (name.clone(), 0)).1 += 1;
        }
    }
    let partners_multiple: Vec<PartnerCount> = partners
        .into_values()
        .filter(|(_, n)| *n > 1)
        .map(|(organisation, count)| PartnerCount { organisation, count })
        .collect();

    let represents_commune = |m: &MemberFacts, commune: i64| {
        m.commune_id == Some(commune)
            && (m.college == College::Elus || m.category == Some(MemberCategory::CollaborateurCommune))
    };
    let communes_missing: Vec<String> = atelier
        .communes_concerned
        .iter()
        .filter(|(id, _)| !members.iter().any(|m| represents_commune(m, *id)))
        .map(|(_, name)| name.clone())
        .collect();
    let holder = |role| members.iter().find(|m| m.binome == Some(role));
    let porteur = holder(BinomeRole::PorteurPolitique);
    let referent = holder(BinomeRole::CollaborateurReferent);
    let porteur_is_elu = porteur.is_some_and(|m| m.college == College::Elus);

    let mut composition = Composition {
        at,
        exempt: atelier.exempt,
        member_count: members.len(),
        colleges,
        elus,
        others,
        elus_pct,
        parity_target_pct: PARITY_TARGET_PCT,
        parity_tolerance_pct: PARITY_TOLERANCE_PCT,
        conseil_dev,
        conseil_dev_max: CONSEIL_DEV_MAX,
        partners_multiple,
        communes_missing,
        porteur: porteur.map(|m| m.name.clone()),
        porteur_is_elu,
        referent: referent.map(|m| m.name.clone()),
        findings: Vec::new(),
    };
    if !atelier.exempt && !atelier.closed {
        composition.findings = findings(atelier, &composition, porteur.map(|m| m.person_id));
    }
    composition
}

/// Whether a share of élus is close enough to the target.
pub fn parity_ok(elus_pct: f64) -> bool {
    (elus_pct - PARITY_TARGET_PCT).abs() <= PARITY_TOLERANCE_PCT + f64::EPSILON
}

fn findings(atelier: &AtelierFacts, c: &Composition, porteur: Option<i64>) -> Vec<Finding> {
    let code = atelier.code.as_str();
    let mut found = Vec::new();
    let missing: Vec<String> =
        c.colleges.iter().filter(|k| k.count == 0).map(|k| k.label.to_lowercase()).collect();
    if !missing.is_empty() {
        found.push(Finding::warning(
            "composition.colleges",
            code,
            format!("Atelier « {code} » : aucun membre dans le {}", missing.join(", ni dans le ")),
        ));
    }
    if let Some(pct) = c.elus_pct.filter(|p| !parity_ok(*p)) {
        found.push(Finding::warning(
            "composition.parity",
            code,
            format!(
                "Atelier « {code} » : {} élu(s) sur {} membres, soit {} % ; la cible est d'environ 50 % d'élus",
                c.elus,
                c.member_count,
                pct.round()
            ),
        ));
    }
    if c.conseil_dev > CONSEIL_DEV_MAX {
        found.push(Finding::warning(
            "composition.conseil_dev_max",
            code,
            format!(
                "Atelier « {code} » : {} membres du Conseil de développement, {CONSEIL_DEV_MAX} au plus",
                c.conseil_dev
            ),
        ));
    }
    for p in &c.partners_multiple {
        found.push(Finding::warning(
            "composition.partner_single",
            code,
            format!(
                "Atelier « {code} » : {} représentants de « {} » ; un représentant par partenaire est préférable",
                p.count, p.organisation
            ),
        ));
    }
    for commune in &c.communes_missing {
        found.push(Finding::warning(
            "composition.commune_concerned",
            code,
            format!("Atelier « {code} » : la commune concernée « {commune} » n'est pas représentée"),
        ));
    }
    match (porteur, &c.porteur) {
        (Some(id), Some(name)) if !c.porteur_is_elu => found.push(
            Finding::warning(
                "composition.binome",
                code,
                format!(
                    "Atelier « {code} » : le porteur politique, {name}, n'est pas membre du collège des élus"
                ),
            )
            .about(id),
        ),
        (Some(_), _) => {}
        (None, _) => found.push(Finding::warning(
            "composition.binome",
            code,
            format!("Atelier « {code} » : aucun porteur politique n'est désigné"),
        )),
    }
    if c.referent.is_none() {
        found.push(Finding::warning(
            "composition.binome",
            code,
            format!("Atelier « {code} » : aucun collaborateur référent n'est désigné"),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
    }

    fn member(id: i64, category: MemberCategory) -> MemberFacts {
        MemberFacts {
            person_id: id,
            name: format!("Personne {id}"),
            college: category.college(),
            category: Some(category),
            organisation: None,
            commune_id: None,
            binome: None,
        }
    }

    fn atelier() -> AtelierFacts {
        AtelierFacts { code: "AP-T".into(), exempt: false, closed: false, communes_concerned: vec![] }
    }

    /// 2 élus, 1 expert, 1 Conseil de développement, a binôme: all rules met.
    fn balanced() -> Vec<MemberFacts> {
        let mut members = vec![
            member(1, MemberCategory::EluCommunautaire),
            member(3, MemberCategory::EluMunicipal),
            member(2, MemberCategory::CollaborateurAgglomeration),
            member(4, MemberCategory::ConseilDeveloppement),
        ];
        members[0].binome = Some(BinomeRole::PorteurPolitique);
        members[2].binome = Some(BinomeRole::CollaborateurReferent);
        members
    }

    fn rules(c: &Composition) -> Vec<&'static str> {
        c.findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn exactly_fifty_percent_with_three_colleges_and_a_binome_is_clean() {
        let c = compose(&atelier(), &balanced(), day());
        assert_eq!(c.elus_pct, Some(50.0));
        assert!(c.findings.is_empty(), "{:?}", c.findings);
    }

    #[test]
    fn parity_holds_from_forty_to_sixty_percent_and_warns_beyond() {
        assert!(parity_ok(40.0) && parity_ok(60.0) && parity_ok(50.0));
        assert!(!parity_ok(39.9) && !parity_ok(60.1));
        // 3 élus of 4 = 75 %.
        let mut members = balanced();
        members[2] = member(2, MemberCategory::EluMunicipal);
        members.push(member(5, MemberCategory::Partenaire));
        // 3 élus of 5 = 60 %: still fine.
        assert!(!rules(&compose(&atelier(), &members, day())).contains(&"composition.parity"));
        members.pop();
        let c = compose(&atelier(), &members, day());
        assert!(rules(&c).contains(&"composition.parity"));
        let message = &c.findings.iter().find(|f| f.rule == "composition.parity").unwrap().message;
        assert!(message.contains("3 élu(s) sur 4 membres, soit 75\u{a0}%"), "{message}");
    }

    #[test]
    fn two_conseil_de_developpement_members_pass_and_three_do_not() {
        let mut members = balanced();
        members.push(member(5, MemberCategory::ConseilDeveloppement));
        members.push(member(6, MemberCategory::EluMunicipal));
        assert!(!rules(&compose(&atelier(), &members, day())).contains(&"composition.conseil_dev_max"));
        members.push(member(7, MemberCategory::ConseilDeveloppement));
        members.push(member(8, MemberCategory::EluMunicipal));
        let c = compose(&atelier(), &members, day());
        assert_eq!(c.conseil_dev, 3);
        assert_eq!(rules(&c), ["composition.conseil_dev_max"]);
    }

    #[test]
    fn a_missing_college_is_named() {
        let members: Vec<_> =
            balanced().into_iter().filter(|m| m.college != College::SocieteCivile).collect();
        let c = compose(&atelier(), &members, day());
        assert!(rules(&c).contains(&"composition.colleges"));
        assert!(c.findings[0].message.contains("collège de la société civile"), "{}", c.findings[0].message);
    }

    #[test]
    fn a_partner_organisation_with_two_representatives_is_flagged() {
        let mut members = balanced();
        for id in [5, 6] {
            let mut m = member(id, MemberCategory::Partenaire);
            m.organisation = Some((9, "Région Grand Est".into()));
            members.push(m);
        }
        members.push(member(7, MemberCategory::EluMunicipal));
        members.push(member(8, MemberCategory::EluMunicipal));
        let c = compose(&atelier(), &members, day());
        assert_eq!(
            c.partners_multiple,
            vec![PartnerCount { organisation: "Région Grand Est".into(), count: 2 }]
        );
        assert_eq!(rules(&c), ["composition.partner_single"]);
    }

    #[test]
    fn a_commune_concerned_needs_an_elu_or_a_collaborator_of_that_commune() {
        let mut facts = atelier();
        facts.communes_concerned = vec![(10, "Riedisheim".into()), (11, "Illzach".into())];
        let mut members = balanced();
        members[1].commune_id = Some(10);
        // A Conseil de développement member from Illzach does not represent the commune.
        members[3].commune_id = Some(11);
        let c = compose(&facts, &members, day());
        assert_eq!(c.communes_missing, ["Illzach"]);
        assert_eq!(rules(&c), ["composition.commune_concerned"]);
    }

    #[test]
    fn the_porteur_politique_must_be_an_elu_member_and_the_binome_complete() {
        let mut members = balanced();
        members[0].binome = None;
        members[2].binome = Some(BinomeRole::PorteurPolitique);
        let c = compose(&atelier(), &members, day());
        assert_eq!(rules(&c), ["composition.binome", "composition.binome"]);
        assert_eq!(c.findings[0].person, Some(2));
        assert!(c.findings[1].message.contains("aucun collaborateur référent"));
        members[2].binome = None;
        let c = compose(&atelier(), &members, day());
        assert!(c.findings[0].message.contains("aucun porteur politique"));
    }

    #[test]
    fn a_closed_atelier_has_no_findings() {
        let mut facts = atelier();
        facts.closed = true;
        let c = compose(&facts, &[], day());
        assert!(c.findings.is_empty(), "an empty closed atelier warns of nothing");
        facts.closed = false;
        assert!(!compose(&facts, &[], day()).findings.is_empty(), "an open one does");
    }

    #[test]
    fn an_exempt_atelier_has_no_findings() {
        let mut facts = atelier();
        facts.exempt = true;
        let c = compose(&facts, &[], day());
        assert!(c.exempt && c.findings.is_empty());
    }
}
