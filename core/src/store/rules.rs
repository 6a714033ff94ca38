//! Gathers what the rules of [`crate::rules`] need from the base, in a few queries for all
//! ateliers at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::memberships::MEMBER_AT;
use super::Store;
use crate::error::Result;
use crate::model::atelier::Milestone;
use crate::model::person::display_name;
use crate::rules::composition::{compose, AtelierFacts, Composition, MemberFacts};
use crate::rules::milestones::{timeline_findings, TimelineFacts};
use crate::rules::Finding;

impl Store {
    /// The composition of every atelier at date `at`, by atelier id.
    pub fn compositions(&self, at: NaiveDate) -> Result<HashMap<i64, Composition>> {
        let facts = self.atelier_facts(None)?;
        let mut members = self.member_facts(None, at)?;
        Ok(facts
            .into_iter()
            .map(|(id, facts)| {
                let members = members.remove(&id).unwrap_or_default();
                (id, compose(&facts, &members, at))
            })
            .collect())
    }

    /// The composition of atelier `atelier_id` at date `at`.
    pub fn composition(&self, atelier_id: i64, at: NaiveDate) -> Result<Composition> {
        let facts = self
            .atelier_facts(Some(atelier_id))?
            .remove(&atelier_id)
            .ok_or(crate::Error::NotFound { what: "L'atelier", id: atelier_id })?;
        let members = self.member_facts(Some(atelier_id), at)?.remove(&atelier_id).unwrap_or_default();
        Ok(compose(&facts, &members, at))
    }

    /// Every finding of the rules at date `at`: composition of each atelier, the members
    /// who have not signed the current charter, per atelier, then the meetings and their
    /// records.
    pub fn check(&self, at: NaiveDate) -> Result<Vec<Finding>> {
        let mut ids: Vec<(String, i64)> =
            self.atelier_facts(None)?.into_iter().map(|(id, f)| (f.code, id)).collect();
        ids.sort();
        let mut compositions = self.compositions(at)?;
        let mut findings = Vec::new();
        for (_, id) in &ids {
            if let Some(c) = compositions.remove(id) {
                findings.extend(c.findings);
            }
        }
        findings.extend(self.attention(at)?);
        findings.extend(self.attendance_alerts()?);
        Ok(findings)
    }

    /// The findings that ask the secretary to act, without the composition of the ateliers
    /// nor the attendance alerts (the dashboard asks for those apart): unsigned charters,
    /// the calendriers prévisionnels (late étapes, ends passed), then meetings and their
    /// records.
    pub fn attention(&self, at: NaiveDate) -> Result<Vec<Finding>> {
        let mut findings = self.unsigned_findings(at)?;
        for facts in self.timeline_facts()? {
            findings.extend(timeline_findings(&facts, at));
        }
        findings.extend(self.meeting_findings(at)?);
        Ok(findings)
    }

    /// Every atelier's calendar (planned end and étapes), by code.
    fn timeline_facts(&self) -> Result<Vec<TimelineFacts>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, code, status = 'clos', planned_end FROM ateliers ORDER BY code")?;
        let mut ateliers: Vec<(i64, TimelineFacts)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    TimelineFacts {
                        code: r.get(1)?,
                        closed: r.get(2)?,
                        planned_end: r.get(3)?,
                        milestones: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<i64, usize> = ateliers.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT atelier_id, label, planned_on, kind, done_on FROM milestones ORDER BY atelier_id, position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Milestone { label: r.get(1)?, planned_on: r.get(2)?, kind: r.get(3)?, done_on: r.get(4)? },
            ))
        })?;
        for row in rows {
            let (atelier, milestone) = row?;
            if let Some(i) = index.get(&atelier) {
                ateliers[*i].1.milestones.push(milestone);
            }
        }
        Ok(ateliers.into_iter().map(|(_, facts)| facts).collect())
    }

    fn unsigned_findings(&self, at: NaiveDate) -> Result<Vec<Finding>> {
        let version: i64 =
            self.conn
                .query_row("SELECT version FROM charter_versions WHERE is_current = 1", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.code, p.id, p.civility, p.first_name, p.last_name
             FROM memberships m JOIN ateliers a ON a.id = m.atelier_id JOIN people p ON p.id = m.person_id
             WHERE {MEMBER_AT}
               AND a.status <> 'clos'
               AND p.anonymised_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM signatures s JOIN charter_versions v ON v.id = s.charter_version_id
                               WHERE s.person_id = p.id AND v.is_current = 1)
             ORDER BY a.code, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([at], |r| {
            let code: String = r.get(0)?;
            let person: i64 = r.get(1)?;
            let name = name_at(r, 2)?;
            Ok(Finding::warning(
                "charter.unsigned",
                &code,
                format!("Atelier « {code} » : {name} n'a pas signé la charte d'engagement en vigueur (version {version})"),
            )
            .about(person))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The facts of every atelier (or of one), by id.
    fn atelier_facts(&self, only: Option<i64>) -> Result<HashMap<i64, AtelierFacts>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, code, exempt_from_composition, status = 'clos' FROM ateliers WHERE ?1 IS NULL OR id = ?1",
        )?;
        let mut facts: HashMap<i64, AtelierFacts> = stmt
            .query_map([only], |r| {
                Ok((
                    r.get(0)?,
                    AtelierFacts {
                        code: r.get(1)?,
                        exempt: r.get(2)?,
                        closed: r.get(3)?,
                        communes_concerned: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT ac.atelier_id, c.id, c.name FROM atelier_communes ac JOIN communes c ON c.id = ac.commune_id
             WHERE ?1 IS NULL OR ac.atelier_id = ?1 ORDER BY c.name",
        )?;
        let rows = stmt.query_map([only], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            let (atelier, id, name) = row?;
            if let Some(f) = facts.get_mut(&atelier) {
                f.communes_concerned.push((id, name));
            }
        }
        Ok(facts)
    }

    /// The members at date `at` of every atelier (or of one), by atelier id.
    fn member_facts(&self, only: Option<i64>, at: NaiveDate) -> Result<HashMap<i64, Vec<MemberFacts>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.atelier_id, p.id, p.civility, p.first_name, p.last_name, m.college, m.category,
                    o.id, o.name, m.commune_id, m.binome
             FROM memberships m JOIN people p ON p.id = m.person_id
             LEFT JOIN organisations o ON o.id = m.organisation_id
             WHERE {MEMBER_AT} AND (?2 IS NULL OR m.atelier_id = ?2)"
        ))?;
        let rows = stmt.query_map(params![at, only], |r| {
            let organisation: Option<i64> = r.get(7)?;
            Ok((
                r.get::<_, i64>(0)?,
                MemberFacts {
                    person_id: r.get(1)?,
                    name: name_at(r, 2)?,
                    college: r.get(5)?,
                    category: r.get(6)?,
                    organisation: match organisation {
                        Some(id) => Some((id, r.get(8)?)),
                        None => None,
                    },
                    commune_id: r.get(9)?,
                    binome: r.get(10)?,
                },
            ))
        })?;
        let mut members: HashMap<i64, Vec<MemberFacts>> = HashMap::new();
        for row in rows {
            let (atelier, member) = row?;
            members.entry(atelier).or_default().push(member);
        }
        Ok(members)
    }
}

/// The display name of a row's civility, first and last name at columns `at..at + 3`.
pub(super) fn name_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<String> {
    Ok(display_name(r.get(at)?, &r.get::<_, String>(at + 1)?, &r.get::<_, String>(at + 2)?))
}

#[cfg(test)]
mod tests {
    use crate::model::membership::MembershipInput;
    use crate::model::person::PersonInput;

    #[test]
    fn the_composition_counts_the_members_at_the_date_only() {
        let (mut store, atelier) = crate::store::testing::base_with_atelier();
        let mut join = |last: &str, category: &str, joined: &str, left: &str| {
            let person = store
                .create_person(PersonInput { last_name: last.into(), ..PersonInput::default() })
                .unwrap()
                .id;
            let input = MembershipInput {
                person_id: person,
                category: category.into(),
                joined_on: joined.into(),
                left_on: left.into(),
                ..MembershipInput::default()
            };
            store.add_membership(atelier, input).unwrap();
        };
        join("Élue", "elu_municipal", "2027-01-01", "");
        join("Partie", "conseil_developpement", "2027-01-01", "2027-02-01");
        join("Future", "partenaire", "2027-03-01", "");
        let at = |d: &str| store.composition(atelier, d.parse().unwrap()).unwrap();
        let february = at("2027-02-15");
        assert_eq!(february.member_count, 1, "the one who left and the one to come are not counted");
        assert_eq!(at("2027-01-15").conseil_dev, 1);
        assert_eq!(at("2027-03-01").member_count, 2);
        let rules: Vec<&str> = february.findings.iter().map(|f| f.rule).collect();
        assert!(
            rules.contains(&"composition.colleges") && rules.contains(&"composition.binome"),
            "{rules:?}"
        );
        let all = store.check("2027-02-15".parse().unwrap()).unwrap();
        assert!(all.iter().any(|f| f.rule == "charter.unsigned" && f.atelier.as_deref() == Some("AP-T")));
    }

    #[test]
    fn a_closed_atelier_raises_no_composition_charter_or_attendance_finding() {
        let (mut store, a) = crate::store::testing::base_with_atelier();
        crate::store::testing::clock_at(&mut store, "2027-01-04", 12);
        let absent = crate::store::testing::member(&mut store, a, "Absent", "2027-01-01", "", false);
        for day in ["05/01/2027", "06/01/2027", "07/01/2027", "08/01/2027"] {
            let m = crate::store::testing::plan(&mut store, a, day, "09:00", "10:00");
            crate::store::testing::clock_at(&mut store, "2027-01-20", 12);
            store.mark_meeting_held(m.id).unwrap();
            let input = crate::model::attendance::AttendanceInput {
                person_id: absent,
                status: "absent".into(),
                ..Default::default()
            };
            store.record_attendance(m.id, input).unwrap();
            crate::store::testing::clock_at(&mut store, "2027-01-04", 12);
        }
        crate::store::testing::clock_at(&mut store, "2027-01-20", 12);
        let day = store.today().unwrap();
        let rules = |store: &crate::store::Store| -> Vec<&'static str> {
            let mut rules: Vec<&'static str> = store.check(day).unwrap().iter().map(|f| f.rule).collect();
            rules.dedup();
            rules
        };
        let open = rules(&store);
        for rule in ["composition.colleges", "charter.unsigned", "attendance.consecutive_absences"] {
            assert!(
                open.iter().any(|r| r.starts_with(rule.split('.').next().unwrap())),
                "{rule} in {open:?}"
            );
        }
        store.conn.execute("UPDATE ateliers SET status = 'clos' WHERE id = ?1", [a]).unwrap();
        let closed = rules(&store);
        assert!(
            closed.iter().all(|r| !r.starts_with("composition")
                && !r.starts_with("charter")
                && !r.starts_with("attendance")),
            "{closed:?}"
        );
    }

    #[test]
    fn late_etapes_and_a_passed_end_are_found_in_the_base_and_each_etape_says_its_state() {
        let (mut store, a) = crate::store::testing::base_with_atelier();
        crate::store::testing::clock_at(&mut store, "2027-04-01", 12);
        let mut input = crate::model::atelier::AtelierInput::from_data(&store.atelier(a).unwrap().data);
        input.planned_end = "31/03/2027".into();
        let etape = |label: &str, planned: &str, done: &str| crate::model::atelier::MilestoneInput {
            label: label.into(),
            planned_on: planned.into(),
            kind: "forum".into(),
            done_on: done.into(),
        };
        input.milestones = vec![
            etape("Forum", "10/03/2027", "10/03/2027"),
            etape("Bureau", "20/03/2027", ""),
            etape("Conseil", "10/05/2027", ""),
        ];
        store.update_atelier(a, input.clone()).unwrap();
        let states: Vec<&str> =
            store.atelier(a).unwrap().milestone_states.iter().map(|s| s.state.as_str()).collect();
        assert_eq!(states, ["faite", "en_retard", "a_venir"]);
        let day = store.today().unwrap();
        let found: Vec<(&str, String)> = store
            .attention(day)
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == "milestone.late" || f.rule == "atelier.overdue")
            .map(|f| (f.rule, crate::rules::tests::plain(&f.message)))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].1.contains("l'étape « Bureau »"), "{found:?}");
        assert_eq!(found[1].0, "atelier.overdue");
        input.status = "clos".into();
        input.closed_on = "01/04/2027".into();
        input.outcome_proposals = "Trois propositions".into();
        store.update_atelier(a, input).unwrap();
        assert!(store
            .attention(day)
            .unwrap()
            .iter()
            .all(|f| f.rule != "milestone.late" && f.rule != "atelier.overdue"));
    }
}
