//! Ateliers and their milestones and communes.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Problems, Result};
use crate::fr;
use crate::model::atelier::{Atelier, AtelierData, AtelierInput, AtelierSummary, Milestone};
use crate::model::person::Commune;
use crate::rules::milestones::MilestoneState;

impl Store {
    /// Every atelier's id and code, by code (to link what names an atelier by its code).
    pub fn atelier_codes(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, code FROM ateliers ORDER BY code")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every atelier, by code, with its member count today and its next meeting.
    pub fn list_ateliers(&self) -> Result<Vec<AtelierSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.code, a.title, a.kind, a.status, a.planned_start, a.planned_end,
                    (SELECT count(DISTINCT person_id) FROM memberships ms
                      WHERE ms.atelier_id = a.id AND ms.joined_on <= ?1
                        AND (ms.left_on IS NULL OR ms.left_on > ?1)),
                    (SELECT min(starts_at) FROM meetings m
                      WHERE m.atelier_id = a.id AND m.status IN ('prevue', 'convoquee')
                        AND m.starts_at >= ?2)
             FROM ateliers a
             ORDER BY a.code",
        )?;
        let now = crate::model::date::store_date_time(self.now()?);
        let today = &now[..10];
        let rows = stmt.query_map(params![today, now], |row| {
            let planned_start = row.get(5)?;
            let planned_end = row.get(6)?;
            let next_meeting: Option<chrono::NaiveDateTime> = row.get(8)?;
            Ok(AtelierSummary {
                id: row.get(0)?,
                code: row.get(1)?,
                title: row.get(2)?,
                kind: row.get(3)?,
                status: row.get(4)?,
                planned_start,
                planned_end,
                member_count: row.get(7)?,
                next_meeting: next_meeting.map(crate::model::date::store_date_time),
                next_meeting_text: next_meeting.map(fr::long_date_time).unwrap_or_default(),
                period_text: AtelierSummary::period_text(planned_start, planned_end),
                composition: None,
            })
        })?;
        let mut list: Vec<AtelierSummary> = rows.collect::<rusqlite::Result<_>>()?;
        let mut compositions = self.compositions(self.today()?)?;
        for atelier in &mut list {
            atelier.composition = compositions.remove(&atelier.id);
        }
        Ok(list)
    }

    /// One atelier with its milestones (and their state today) and communes.
    pub fn atelier(&self, id: i64) -> Result<Atelier> {
        let mut atelier = read_atelier(&self.conn, id)?;
        let today = self.today()?;
        atelier.milestone_states =
            atelier.data.milestones.iter().map(|m| MilestoneState::of(m, today)).collect();
        Ok(atelier)
    }

    /// The étapes of every atelier planned from `from` to `to` included, by date, each with
    /// its state today (the Calendrier).
    pub fn milestones_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarMilestone>> {
        let today = self.today()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.code, m.label, m.planned_on, m.kind, m.done_on
             FROM milestones m JOIN ateliers a ON a.id = m.atelier_id
             WHERE m.planned_on >= ?1 AND m.planned_on <= ?2
             ORDER BY m.planned_on, a.code, m.position",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            let milestone =
                Milestone { label: r.get(2)?, planned_on: r.get(3)?, kind: r.get(4)?, done_on: r.get(5)? };
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, milestone))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (atelier_id, atelier, milestone) = row?;
            let state = MilestoneState::of(&milestone, today);
            out.push(CalendarMilestone { atelier_id, atelier, state, milestone });
        }
        Ok(out)
    }

    /// Checks and creates an atelier; nothing is written if any field is refused.
    pub fn create_atelier(&mut self, input: AtelierInput) -> Result<Atelier> {
        let data = input.check()?;
        let id = self.write(|tx| insert_atelier(tx, &data))?;
        self.atelier(id)
    }

    /// Checks and replaces every field of atelier `id` (its binôme is held by the
    /// memberships: [`Store::set_binome`]).
    pub fn update_atelier(&mut self, id: i64, input: AtelierInput) -> Result<Atelier> {
        let data = input.check()?;
        self.write(|tx| {
            let exists: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM ateliers WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(Error::NotFound { what: "L'atelier", id });
            }
            check_against_base(tx, Some(id), &data)?;
            write_atelier(tx, id, &data)
        })?;
        self.atelier(id)
    }

    /// Deletes atelier `id`, which must have no meeting (close it instead): nothing
    /// cascades away a meeting's attendance or relevé.
    pub fn delete_atelier(&mut self, id: i64) -> Result<()> {
        let atelier = self.atelier(id)?;
        let meetings: i64 =
            self.conn.query_row("SELECT count(*) FROM meetings WHERE atelier_id = ?1", [id], |r| r.get(0))?;
        if meetings > 0 {
            return Err(Error::Refused(format!(
                "L'atelier {} a {} : il ne peut pas être supprimé ; passez son statut à « Clos » pour le fermer",
                atelier.data.code,
                fr::count(meetings as usize, "réunion", "réunions")
            )));
        }
        self.write(|tx| {
            tx.execute("DELETE FROM ateliers WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

/// An étape as the Calendrier shows it: its atelier, itself and its state today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarMilestone {
    pub atelier_id: i64,
    /// The atelier's code.
    pub atelier: String,
    #[serde(flatten)]
    pub milestone: Milestone,
    pub state: MilestoneState,
}

/// Checks `data` against the base and inserts it; returns the new identifier.
pub(super) fn insert_atelier(tx: &Transaction<'_>, data: &AtelierData) -> Result<i64> {
    check_against_base(tx, None, data)?;
    tx.execute(
        "INSERT INTO ateliers (code, title, kind, status) VALUES (?1, ?2, ?3, ?4)",
        params![data.code, data.title, data.kind, data.status],
    )?;
    let id = tx.last_insert_rowid();
    write_atelier(tx, id, data)?;
    Ok(id)
}

/// The checks that need the base: a unique code, communes that exist.
fn check_against_base(tx: &Transaction<'_>, id: Option<i64>, data: &AtelierData) -> Result<()> {
    let mut problems = Problems::default();
    let holder: Option<String> = tx
        .query_row(
            "SELECT title FROM ateliers WHERE code = ?1 AND id IS NOT ?2",
            params![data.code, id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(title) = holder {
        problems.add("code", format!("Le code « {} » est déjà celui de l'atelier « {title} »", data.code));
    }
    for commune in &data.commune_ids {
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM communes WHERE id = ?1)", [commune], |r| r.get(0))?;
        if !exists {
            problems.add("commune_ids", format!("La commune n° {commune} n'existe pas"));
        }
    }
    problems.into_result(())
}

fn write_atelier(tx: &Transaction<'_>, id: i64, data: &AtelierData) -> Result<()> {
    tx.execute(
        "UPDATE ateliers SET code = ?2, title = ?3, kind = ?4, exempt_from_composition = ?5,
                status = ?6, proposed_on = ?7, validated_on = ?8, started_on = ?9,
                closed_on = ?10, political_mandate = ?11, scope = ?12, negotiable = ?13,
                non_negotiable = ?14, objectives = ?15, planned_start = ?16, planned_end = ?17,
                outcome_proposals = ?18, outcome_follow_up = ?19
         WHERE id = ?1",
        params![
            id,
            data.code,
            data.title,
            data.kind,
            data.exempt_from_composition,
            data.status,
            data.proposed_on,
            data.validated_on,
            data.started_on,
            data.closed_on,
            data.political_mandate,
            data.scope,
            data.negotiable,
            data.non_negotiable,
            data.objectives,
            data.planned_start,
            data.planned_end,
            data.outcome_proposals,
            data.outcome_follow_up,
        ],
    )?;
    tx.execute("DELETE FROM milestones WHERE atelier_id = ?1", [id])?;
    let mut insert = tx.prepare(
        "INSERT INTO milestones (atelier_id, position, label, planned_on, kind, done_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, m) in data.milestones.iter().enumerate() {
        insert.execute(params![id, position as i64 + 1, m.label, m.planned_on, m.kind, m.done_on])?;
    }
    tx.execute("DELETE FROM atelier_communes WHERE atelier_id = ?1", [id])?;
    let mut insert = tx.prepare("INSERT INTO atelier_communes (atelier_id, commune_id) VALUES (?1, ?2)")?;
    for commune in &data.commune_ids {
        insert.execute(params![id, commune])?;
    }
    Ok(())
}

fn read_atelier(conn: &rusqlite::Connection, id: i64) -> Result<Atelier> {
    let atelier = conn
        .query_row(
            "SELECT code, title, kind, exempt_from_composition, status, proposed_on,
                    validated_on, started_on, closed_on, political_mandate, scope, negotiable,
                    non_negotiable, objectives, planned_start, planned_end, outcome_proposals,
                    outcome_follow_up
             FROM ateliers WHERE id = ?1",
            [id],
            |row| {
                Ok(AtelierData {
                    code: row.get(0)?,
                    title: row.get(1)?,
                    kind: row.get(2)?,
                    exempt_from_composition: row.get(3)?,
                    status: row.get(4)?,
                    proposed_on: row.get(5)?,
                    validated_on: row.get(6)?,
                    started_on: row.get(7)?,
                    closed_on: row.get(8)?,
                    political_mandate: row.get(9)?,
                    scope: row.get(10)?,
                    negotiable: row.get(11)?,
                    non_negotiable: row.get(12)?,
                    objectives: row.get(13)?,
                    planned_start: row.get(14)?,
                    planned_end: row.get(15)?,
                    milestones: Vec::new(),
                    commune_ids: Vec::new(),
                    outcome_proposals: row.get(16)?,
                    outcome_follow_up: row.get(17)?,
                })
            },
        )
        .optional()?;
    let Some(mut data) = atelier else {
        return Err(Error::NotFound { what: "L'atelier", id });
    };
    let mut stmt = conn.prepare(
        "SELECT label, planned_on, kind, done_on FROM milestones WHERE atelier_id = ?1 ORDER BY position",
    )?;
    data.milestones = stmt
        .query_map([id], |r| {
            Ok(Milestone { label: r.get(0)?, planned_on: r.get(1)?, kind: r.get(2)?, done_on: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.insee_code FROM atelier_communes a JOIN communes c ON c.id = a.commune_id
          WHERE a.atelier_id = ?1 ORDER BY c.name COLLATE NOCASE, c.insee_code",
    )?;
    let communes: Vec<Commune> = stmt
        .query_map([id], |r| Ok(Commune { id: r.get(0)?, name: r.get(1)?, insee_code: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    data.commune_ids = communes.iter().map(|c| c.id).collect();
    data.commune_ids.sort_unstable();
    Ok(Atelier { id, data, communes, milestone_states: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{base_with_atelier, plan};

    #[test]
    fn an_atelier_with_meetings_cannot_be_deleted() {
        let (mut store, a) = base_with_atelier();
        let b = store
            .create_atelier(AtelierInput {
                code: "AP-U".into(),
                title: "Autre".into(),
                kind: "faisabilite".into(),
                status: "propose".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        plan(&mut store, a, "12/01/2027", "18:00", "20:00");
        let err = store.delete_atelier(a).unwrap_err();
        assert!(err.to_string().contains("ne peut pas être supprimé"), "{err}");
        assert!(store.atelier(a).is_ok());
        // Even SQL alone cannot cascade it away.
        assert!(store.conn.execute("DELETE FROM ateliers WHERE id = ?1", [a]).is_err());
        store.delete_atelier(b).expect("no meeting: deleted");
    }
}
