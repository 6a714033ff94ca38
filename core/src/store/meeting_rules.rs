//! The findings of the rules about meetings and their records (PRODUCT.md rules 2, 3, 5
//! and 6): overlaps, convocations due or outdated, relevés waiting, overdue actions,
//! assiduité, required members absent.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::meetings::{
    convoked_people, meeting_row, names, outside_planned, overlapping_pairs, MEETING_COLUMNS,
};
use super::Store;
use crate::error::Result;
use crate::fr;
use crate::model::meeting::MeetingSummary;
use crate::rules::Finding;

impl Store {
    /// Every finding about meetings at date `at` (« today » for the rules), except the
    /// attendance alerts ([`Store::attendance_alerts`]).
    pub(super) fn meeting_findings(&self, at: NaiveDate) -> Result<Vec<Finding>> {
        let day = at.format("%Y-%m-%d").to_string();
        // Meetings still to end on or after `at`, active: the ones whose conflicts can be fixed.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             WHERE m.ends_at >= ?1 AND m.status NOT IN ('reportee', 'annulee') ORDER BY m.starts_utc, m.id"
        ))?;
        let coming: Vec<MeetingSummary> =
            stmt.query_map([&day], meeting_row)?.collect::<rusqlite::Result<_>>()?;
        let mut findings = self.overlap_findings(&coming)?;
        findings.extend(self.external_overlap_findings(&coming)?);
        findings.extend(self.outside_calendar_findings(&coming)?);
        let by_id: HashMap<i64, &MeetingSummary> = coming.iter().map(|m| (m.id, m)).collect();
        for (meeting, people) in self.required_absent()? {
            let Ok(m) = self.meeting(meeting) else { continue };
            findings.push(meeting_finding(
                "meeting.required_absent",
                &m,
                format!(
                    "{} est à reporter : {} dont la présence est requise {} absent(e)s ou excusé(e)s : {}",
                    fr::capitalise(&m.describe()),
                    fr::count(people.len(), "membre", "membres"),
                    if people.len() > 1 { "sont" } else { "est" },
                    people.join(", ")
                ),
            ));
        }
        let notice = self.settings()?.data.convocation_notice_days;
        for (meeting, unsent) in self.unsent_convocations(at, notice)? {
            if let Some(m) = by_id.get(&meeting) {
                if let Some(message) = self.deadline_warning(m, unsent, at)? {
                    findings.push(meeting_finding("convocation.due", m, message));
                }
            }
        }
        for (meeting, people) in self.outdated_convocations(at)? {
            if let Some(m) = by_id.get(&meeting) {
                findings.push(meeting_finding(
                    "convocation.outdated",
                    m,
                    format!(
                        "{} a changé depuis l'envoi des convocations : {} à reconvoquer : {}",
                        fr::capitalise(&m.describe()),
                        fr::count(people.len(), "personne", "personnes"),
                        people.join(", ")
                    ),
                ));
            }
        }
        findings.extend(self.releve_findings()?);
        findings.extend(self.action_findings(at)?);
        Ok(findings)
    }

    fn overlap_findings(&self, coming: &[MeetingSummary]) -> Result<Vec<Finding>> {
        let spans: Vec<(i64, i64, String, String)> =
            coming.iter().map(|m| (m.id, m.atelier_id, m.start_utc.clone(), m.end_utc.clone())).collect();
        let mut findings = Vec::new();
        for (i, j) in overlapping_pairs(&spans) {
            let (a, b) = (&coming[i], &coming[j]);
            if a.atelier_id != b.atelier_id {
                findings.push(meeting_finding(
                    "meeting.overlap",
                    b,
                    format!(
                        "{} chevauche {} (deux ateliers à la même heure)",
                        fr::capitalise(&b.describe()),
                        a.describe()
                    ),
                ));
            }
            let theirs = convoked_people(&self.conn, a.id)?;
            let shared: Vec<i64> =
                convoked_people(&self.conn, b.id)?.intersection(&theirs).copied().collect();
            if !shared.is_empty() {
                let people: Vec<String> = names(&self.conn, &shared)?.into_iter().map(|(_, n)| n).collect();
                findings.push(meeting_finding(
                    "meeting.member_overlap",
                    b,
                    format!(
                        "{} convoque à la même heure que {} : {}",
                        fr::capitalise(&b.describe()),
                        a.describe(),
                        people.join(", ")
                    ),
                ));
            }
        }
        Ok(findings)
    }

    /// Our coming meetings that overlap an event of an imported calendar (whole-day events,
    /// such as holidays, are markers and overlap nothing).
    fn external_overlap_findings(&self, coming: &[MeetingSummary]) -> Result<Vec<Finding>> {
        let mut findings = Vec::new();
        for m in coming {
            for event in self.external_events_between(&m.start_utc, &m.end_utc)? {
                if event.all_day {
                    continue;
                }
                let zone = crate::clock::zone(&m.time_zone);
                let local = |utc: &str| {
                    utc.parse::<chrono::DateTime<chrono::Utc>>()
                        .map(|t| fr::long_date_time(t.with_timezone(&zone).naive_local()))
                        .unwrap_or_else(|_| utc.to_string())
                };
                findings.push(meeting_finding(
                    "meeting.external_overlap",
                    m,
                    format!(
                        "{} chevauche « {} » du calendrier « {} » ({})",
                        fr::capitalise(&m.describe()),
                        event.summary,
                        event.calendar,
                        local(&event.start_utc)
                    ),
                ));
            }
        }
        Ok(findings)
    }

    fn outside_calendar_findings(&self, coming: &[MeetingSummary]) -> Result<Vec<Finding>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, planned_start, planned_end FROM ateliers")?;
        let planned: HashMap<i64, (Option<NaiveDate>, Option<NaiveDate>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(coming
            .iter()
            .filter_map(|m| {
                let (start, end) = planned.get(&m.atelier_id).copied().unwrap_or_default();
                outside_planned(m.start_local().date(), start, end).map(|why| {
                    meeting_finding(
                        "meeting.outside_calendar",
                        m,
                        format!("{} tombe {why} de l'atelier", fr::capitalise(&m.describe())),
                    )
                })
            })
            .collect())
    }

    /// Held meetings whose relevé is missing, a draft, or diffused but not yet validated.
    fn releve_findings(&self) -> Result<Vec<Finding>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS}, r.status FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             LEFT JOIN releves r ON r.meeting_id = m.id
             WHERE m.status = 'tenue' AND (r.id IS NULL OR r.status <> 'valide')
             ORDER BY m.starts_utc, m.id"
        ))?;
        let rows = stmt.query_map([], |r| Ok((meeting_row(r)?, r.get::<_, Option<String>>(19)?)))?;
        let mut findings = Vec::new();
        for row in rows {
            let (m, status) = row?;
            let what = match status.as_deref() {
                None => "n'a pas encore de relevé de décisions",
                Some("brouillon") => "a un relevé encore en brouillon, à diffuser",
                _ => "a un relevé diffusé qui attend sa validation à la séance suivante",
            };
            findings.push(meeting_finding(
                "releve.pending_validation",
                &m,
                format!("{} {what}", fr::capitalise(&m.describe())),
            ));
        }
        Ok(findings)
    }

    fn action_findings(&self, at: NaiveDate) -> Result<Vec<Finding>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.code, m.id, ac.text, ac.due_on, ac.owner_id FROM actions ac
             JOIN releves r ON r.id = ac.releve_id JOIN meetings m ON m.id = r.meeting_id
             JOIN ateliers a ON a.id = m.atelier_id
             WHERE ac.status IN ('a_faire', 'en_cours') AND ac.due_on < ?1
             ORDER BY ac.due_on, ac.id",
        )?;
        let rows = stmt.query_map(params![at], |r| {
            let code: String = r.get(0)?;
            let due: NaiveDate = r.get(3)?;
            let text: String = r.get(2)?;
            let mut finding = Finding::warning(
                "action.overdue",
                &code,
                format!("Atelier {code} : l'action « {text} » devait être faite le {}", fr::long_date(due)),
            );
            finding.meeting = Some(r.get(1)?);
            finding.person = r.get(4)?;
            Ok(finding)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The attendance alerts (rule 5) of every member: kept apart from the other findings
    /// because they read every attendance ever recorded (the dashboard shows them last).
    pub fn attendance_alerts(&self) -> Result<Vec<Finding>> {
        let max = self.settings()?.data.consecutive_absences_max as usize;
        let mut findings = Vec::new();
        for member in self.assiduity(None)? {
            if member.alert.is_none() {
                continue;
            }
            let (rule, message) = if member.consecutive_absences >= max {
                (
                    "attendance.consecutive_absences",
                    format!(
                        "Atelier {} : {} a manqué les {} dernières séances tenues",
                        member.atelier, member.name, member.consecutive_absences
                    ),
                )
            } else {
                (
                    "attendance.low_rate",
                    format!(
                        "Atelier {} : {} a un taux de présence de {} % ({} sur {})",
                        member.atelier,
                        member.name,
                        member.rate_pct.unwrap_or(0),
                        fr::count(member.present, "séance", "séances"),
                        member.recorded
                    ),
                )
            };
            findings.push(Finding::warning(rule, &member.atelier, message).about(member.person_id));
        }
        Ok(findings)
    }
}

fn meeting_finding(rule: &'static str, m: &MeetingSummary, message: String) -> Finding {
    let mut finding = Finding::warning(rule, &m.atelier, message);
    finding.meeting = Some(m.id);
    finding
}
