//! Gathers the facts of the rules about meetings and their records (PRODUCT.md rules 2,
//! 3, 5 and 6, computed in [`crate::rules::meetings`], [`crate::rules::releves`] and
//! [`crate::rules::attendance`]) in a few queries for the whole base.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::meetings::{
    convoked_people, meeting_row, names, ACTIVE_STATUSES, MEETING_COLUMNS, MEETING_COLUMN_COUNT as N,
};
use super::rules::name_at;
use super::Store;
use crate::error::Result;
use crate::model::meeting::MeetingSummary;
use crate::rules::attendance::{
    attendance_alert_findings, required_absent_findings, RequiredMember, RequiredPresence,
};
use crate::rules::meetings::{
    convocation_findings, convocations_within, overlapping_pairs, planning_findings, ComingMeeting,
    ImportedEvent, PlanningFacts,
};
use crate::rules::releves::{overdue_action_findings, releve_findings, ActionFacts, HeldMeeting};
use crate::rules::Finding;

impl Store {
    /// Every finding about meetings at date `at` (« today » for the rules), except the
    /// attendance alerts ([`Store::attendance_alerts`]): overlaps, imported events, planned
    /// periods, required members absent, convocations due and outdated, relevés waiting,
    /// overdue actions.
    pub(super) fn meeting_findings(&self, at: NaiveDate) -> Result<Vec<Finding>> {
        let planning = self.planning_facts(at)?;
        let mut findings = planning_findings(&planning);
        findings.extend(required_absent_findings(&self.required_presence()?));
        findings.extend(convocation_findings(&planning));
        findings.extend(releve_findings(&self.held_meetings()?));
        findings.extend(overdue_action_findings(&self.action_facts()?, at));
        Ok(findings)
    }

    /// The attendance alerts (rule 5) of every member: kept apart from the other findings
    /// because they read every attendance ever recorded (the dashboard shows them last).
    pub fn attendance_alerts(&self) -> Result<Vec<Finding>> {
        let (members, thresholds) = self.members_alerted()?;
        Ok(attendance_alert_findings(&members, thresholds))
    }

    /// The coming meetings and what rule 2 and the convocations need of them at `today`.
    fn planning_facts(&self, today: NaiveDate) -> Result<PlanningFacts> {
        let day = today.format("%Y-%m-%d").to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             WHERE m.ends_at >= ?1 AND m.status IN {ACTIVE_STATUSES} ORDER BY m.starts_utc, m.id"
        ))?;
        let mut coming: Vec<ComingMeeting> = stmt
            .query_map([&day], |r| {
                Ok(ComingMeeting { meeting: meeting_row(r)?, unsent: 0, sent: Vec::new() })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let notice_days = self.settings()?.data.convocation_notice_days;

        // Unsent convocations of the meetings that start within the notice (a few): the view
        // is asked one meeting at a time, with the meeting as a parameter, so that SQLite
        // reaches its indexes instead of building it whole.
        let until = convocations_within(today, notice_days);
        let mut count = self.conn.prepare_cached(
            "SELECT count(*) FROM convoked c WHERE c.meeting_id = ?1
               AND NOT EXISTS (SELECT 1 FROM convocations cv WHERE cv.meeting_id = ?1
                               AND cv.person_id = c.person_id AND cv.sent_at IS NOT NULL)",
        )?;
        for c in coming.iter_mut().filter(|c| c.meeting.start_local().date() < until) {
            c.unsent = count.query_row([c.meeting.id], |r| r.get::<_, i64>(0))? as usize;
        }

        // The convocations sent for the coming meetings, by name.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT mt.id, cv.sent_sequence, p.civility, p.first_name, p.last_name
             FROM meetings mt CROSS JOIN convocations cv ON cv.meeting_id = mt.id JOIN people p ON p.id = cv.person_id
             WHERE cv.sent_at IS NOT NULL AND mt.ends_at >= ?1 AND mt.status IN {ACTIVE_STATUSES}
             ORDER BY mt.starts_utc, mt.id, p.last_name COLLATE NOCASE"
        ))?;
        let mut sent: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
        let rows =
            stmt.query_map([&day], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, name_at(r, 2)?)))?;
        for row in rows {
            let (meeting, sequence, name) = row?;
            sent.entry(meeting).or_default().push((sequence, name));
        }
        for c in &mut coming {
            c.sent = sent.remove(&c.meeting.id).unwrap_or_default();
        }

        // Who is convoked to the meetings that overlap another (few), and their names.
        let refs: Vec<&MeetingSummary> = coming.iter().map(|c| &c.meeting).collect();
        let overlapping: BTreeSet<i64> =
            overlapping_pairs(&refs).into_iter().flat_map(|(i, j)| [refs[i].id, refs[j].id]).collect();
        let mut convoked = HashMap::new();
        for id in overlapping {
            convoked.insert(id, convoked_people(&self.conn, id)?);
        }
        let people: Vec<i64> =
            convoked.values().flatten().copied().collect::<BTreeSet<i64>>().into_iter().collect();
        let names: HashMap<i64, String> = names(&self.conn, &people)?.into_iter().collect();

        let mut stmt = self.conn.prepare_cached("SELECT id, planned_start, planned_end FROM ateliers")?;
        let planned = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;

        let events = match coming.first() {
            None => Vec::new(),
            Some(first) => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT c.name, e.summary, e.starts_utc, e.ends_utc, e.all_day
                     FROM external_events e JOIN external_calendars c ON c.id = e.calendar_id
                     WHERE e.ends_utc > ?1 ORDER BY e.starts_utc, e.id",
                )?;
                let rows = stmt.query_map([&first.meeting.start_utc], |r| {
                    Ok(ImportedEvent {
                        calendar: r.get(0)?,
                        summary: r.get(1)?,
                        start_utc: r.get(2)?,
                        end_utc: r.get(3)?,
                        all_day: r.get(4)?,
                    })
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        Ok(PlanningFacts { today, notice_days, coming, planned, convoked, names, events })
    }

    /// The active meetings where a member's presence is required, with those members (by
    /// name), their attendance and their reply.
    fn required_presence(&self) -> Result<Vec<RequiredPresence>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS}, p.civility, p.first_name, p.last_name, at.status, cv.reply
             FROM memberships ms CROSS JOIN meetings m ON ms.atelier_id = m.atelier_id AND ms.presence_required = 1
                  AND ms.joined_on <= substr(m.starts_at, 1, 10)
                  AND (ms.left_on IS NULL OR ms.left_on > substr(m.starts_at, 1, 10))
                  AND (m.kind = 'seance' OR EXISTS (SELECT 1 FROM meeting_members mm
                                                    WHERE mm.meeting_id = m.id AND mm.person_id = ms.person_id))
             JOIN ateliers a ON a.id = m.atelier_id
             JOIN people p ON p.id = ms.person_id
             LEFT JOIN attendance at ON at.meeting_id = m.id AND at.person_id = ms.person_id
             LEFT JOIN convocations cv ON cv.meeting_id = m.id AND cv.person_id = ms.person_id
             WHERE m.status IN {ACTIVE_STATUSES}
             ORDER BY m.starts_utc, m.id, p.last_name COLLATE NOCASE"
        ))?;
        let mut out: Vec<RequiredPresence> = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let member =
                RequiredMember { name: name_at(r, N)?, attendance: r.get(N + 3)?, reply: r.get(N + 4)? };
            let meeting: i64 = r.get(0)?;
            match out.last_mut() {
                Some(last) if last.meeting.id == meeting => last.members.push(member),
                _ => out.push(RequiredPresence { meeting: meeting_row(r)?, members: vec![member] }),
            }
        }
        Ok(out)
    }

    /// The held meetings whose relevé is not validated, and the status of their relevé, by
    /// start. (The rule passes over a validated relevé too; leaving them out here spares
    /// reading the thousands of meetings whose relevé is done.)
    fn held_meetings(&self) -> Result<Vec<HeldMeeting>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS}, r.status FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             LEFT JOIN releves r ON r.meeting_id = m.id
             WHERE m.status = 'tenue' AND (r.id IS NULL OR r.status <> 'valide')
             ORDER BY m.starts_utc, m.id"
        ))?;
        let rows = stmt.query_map([], |r| Ok(HeldMeeting { meeting: meeting_row(r)?, releve: r.get(N)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The actions with a due date, by due date.
    fn action_facts(&self) -> Result<Vec<ActionFacts>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.code, m.id, ac.text, ac.due_on, ac.status, ac.owner_id FROM actions ac
             JOIN releves r ON r.id = ac.releve_id JOIN meetings m ON m.id = r.meeting_id
             JOIN ateliers a ON a.id = m.atelier_id
             WHERE ac.due_on IS NOT NULL
             ORDER BY ac.due_on, ac.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ActionFacts {
                atelier: r.get(0)?,
                meeting_id: r.get(1)?,
                text: r.get(2)?,
                due_on: r.get(3)?,
                status: r.get(4)?,
                owner_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
