//! Relevés de décisions: drafting, diffusing, validating at a later meeting, correcting by
//! a new version (every diffused version is kept, frozen), and the actions they decide.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::meetings::{meeting_in, MEETING_COLUMNS};
use super::rules::name_at;
use super::Store;
use crate::error::{Error, Result};
use crate::fr;
use crate::model::meeting::MeetingStatus;
use crate::model::releve::{
    Action, ActionLine, ActionStatus, Releve, ReleveContent, ReleveInput, ReleveRecipient, ReleveStatus,
    ReleveVersion,
};

/// What a relevé says now, read from its rows (what a diffused version freezes).
pub(super) fn content_of(conn: &Connection, releve_id: i64) -> Result<ReleveContent> {
    let mut content = conn.query_row(
        "SELECT objectives, method, synthesis, questions, next_points, next_meeting_on,
                next_meeting_place, next_meeting_note
         FROM releves WHERE id = ?1",
        [releve_id],
        |r| {
            Ok(ReleveContent {
                objectives: r.get(0)?,
                method: r.get(1)?,
                synthesis: r.get(2)?,
                questions: r.get(3)?,
                next_points: r.get(4)?,
                next_meeting_on: r.get(5)?,
                next_meeting_place: r.get(6)?,
                next_meeting_note: r.get(7)?,
                ..ReleveContent::default()
            })
        },
    )?;
    let mut stmt =
        conn.prepare_cached("SELECT text FROM decisions WHERE releve_id = ?1 ORDER BY position")?;
    content.decisions = stmt.query_map([releve_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.text, a.owner_id, p.civility, p.first_name, p.last_name, a.owner_note, a.due_on, a.status
         FROM actions a LEFT JOIN people p ON p.id = a.owner_id
         WHERE a.releve_id = ?1 ORDER BY a.position",
    )?;
    content.actions = stmt
        .query_map([releve_id], |r| {
            let owner_id: Option<i64> = r.get(2)?;
            let note: String = r.get(6)?;
            let owner = match owner_id {
                Some(_) if note.is_empty() => name_at(r, 3)?,
                Some(_) => format!("{} ({note})", name_at(r, 3)?),
                None => note,
            };
            Ok(ActionLine {
                id: Some(r.get(0)?),
                text: r.get(1)?,
                owner_id,
                owner,
                due_on: r.get(7)?,
                status: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(content)
}

/// Freezes the current content of relevé `releve_id` as its diffused version.
pub(super) fn freeze_version(tx: &Transaction<'_>, releve_id: i64) -> Result<()> {
    let mut content = content_of(tx, releve_id)?;
    for action in &mut content.actions {
        action.id = None;
    }
    let json = serde_json::to_string(&content).map_err(|e| Error::Refused(e.to_string()))?;
    tx.execute(
        "INSERT INTO releve_versions (releve_id, version, diffused_on, validated_at_meeting_id, validated_on, content)
         SELECT id, version, diffused_on, validated_at_meeting_id, validated_on, ?2 FROM releves WHERE id = ?1
         ON CONFLICT (releve_id, version) DO UPDATE SET
             diffused_on = excluded.diffused_on, validated_at_meeting_id = excluded.validated_at_meeting_id,
             validated_on = excluded.validated_on, content = excluded.content",
        params![releve_id, json],
    )?;
    Ok(())
}

/// Records that action `action_id` took `status` on `day`.
pub(super) fn record_action_status(
    tx: &Transaction<'_>,
    action_id: i64,
    status: ActionStatus,
    day: NaiveDate,
) -> Result<()> {
    tx.execute(
        "INSERT INTO action_status_changes (action_id, status, changed_on) VALUES (?1, ?2, ?3)",
        params![action_id, status, day],
    )?;
    Ok(())
}

/// « la séance n° 2 de l’atelier AP-MOB du mardi … » for meeting `id`, if it still exists.
fn described(conn: &Connection, id: Option<i64>) -> Result<Option<String>> {
    id.map(|id| meeting_in(conn, id).map(|m| fr::typography(&m.describe()))).transpose()
}

impl Store {
    /// The relevé of meeting `meeting_id`, if one was begun.
    pub fn releve(&self, meeting_id: i64) -> Result<Option<Releve>> {
        self.meeting(meeting_id)?;
        let row = self
            .conn
            .query_row(
                "SELECT id, status, version, diffused_on, validated_on, validated_at_meeting_id
                 FROM releves WHERE meeting_id = ?1",
                [meeting_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, ReleveStatus>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get::<_, Option<i64>>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, status, version, diffused_on, validated_on, validated_at_meeting_id)) = row else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT version, diffused_on, validated_on, validated_at_meeting_id, content, id
             FROM releve_versions WHERE releve_id = ?1 ORDER BY version",
        )?;
        let frozen = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut versions = Vec::with_capacity(frozen.len());
        let mut recipients = self.conn.prepare_cached(
            "SELECT person_id, name, email, sent_at FROM releve_recipients
             WHERE releve_version_id = ?1 ORDER BY id",
        )?;
        for (version, diffused_on, validated_on, at, json, version_id) in frozen {
            let content = serde_json::from_str(&json)
                .map_err(|e| Error::Refused(format!("version {version} illisible : {e}")))?;
            let sent_to = recipients
                .query_map([version_id], |r| {
                    Ok(ReleveRecipient {
                        person_id: r.get(0)?,
                        name: r.get(1)?,
                        email: r.get(2)?,
                        sent_at: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            versions.push(ReleveVersion {
                version,
                diffused_on,
                validated_on,
                validated_at: described(&self.conn, at)?,
                content,
                sent_to,
            });
        }
        Ok(Some(Releve {
            id,
            meeting_id,
            status,
            version,
            content: content_of(&self.conn, id)?,
            diffused_on,
            validated_on,
            validated_at_meeting_id,
            validated_at: described(&self.conn, validated_at_meeting_id)?,
            editable: status == ReleveStatus::Brouillon,
            versions,
        }))
    }

    /// Records that the last diffused version of the relevé of meeting `meeting_id` was sent
    /// to `recipients` (person, name, address), in one transaction; refused unless the relevé
    /// is diffused or validated. Returns that version's number.
    pub fn record_releve_sent(
        &mut self,
        meeting_id: i64,
        recipients: &[(i64, String, String)],
    ) -> Result<i64> {
        let releve = self.existing_releve(meeting_id)?;
        if releve.status == ReleveStatus::Brouillon {
            return Err(Error::Refused(
                "Le relevé est encore un brouillon : diffusez-le avant de l'envoyer".into(),
            ));
        }
        let stamp = self.stamp();
        self.write(|tx| {
            let (version_id, version): (i64, i64) = tx.query_row(
                "SELECT id, version FROM releve_versions WHERE releve_id = ?1 ORDER BY version DESC LIMIT 1",
                [releve.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO releve_recipients (releve_version_id, person_id, name, email, sent_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (person, name, email) in recipients {
                insert.execute(params![version_id, person, name, email, stamp])?;
            }
            Ok(version)
        })
    }

    /// Writes the draft relevé of held meeting `meeting_id` (created on first save). A
    /// diffused or validated relevé is refused: correct it by a new version.
    pub fn save_releve(&mut self, meeting_id: i64, input: ReleveInput) -> Result<Releve> {
        let meeting = self.meeting(meeting_id)?;
        if meeting.status != MeetingStatus::Tenue {
            return Err(Error::Refused(
                "Marquez d'abord la réunion comme tenue : un relevé de décisions se rédige après la séance"
                    .into(),
            ));
        }
        let data = input.check()?;
        let today = self.today()?;
        let existing = self.releve(meeting_id)?;
        if let Some(r) = &existing {
            if !r.editable {
                return Err(Error::Refused(format!(
                    "Le relevé est {} : il ne se modifie plus ; créez une version corrigée",
                    r.status.label().to_lowercase()
                )));
            }
        }
        for (i, (action, _)) in data.actions.iter().enumerate() {
            if let Some(owner) = action.owner_id {
                if self.person(owner).is_err() {
                    return Err(Error::invalid(
                        format!("actions[{i}].owner_id"),
                        format!("Action {} : le porteur est introuvable", i + 1),
                    ));
                }
            }
            if let Some(id) = action.id {
                let belongs =
                    existing.as_ref().is_some_and(|r| r.content.actions.iter().any(|a| a.id == Some(id)));
                if !belongs {
                    return Err(Error::invalid(
                        format!("actions[{i}].id"),
                        format!("Action {} : elle n'appartient pas à ce relevé", i + 1),
                    ));
                }
            }
        }
        let c = &data.content;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO releves (meeting_id, objectives, method, synthesis, questions, next_points,
                                      next_meeting_on, next_meeting_place, next_meeting_note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (meeting_id) DO UPDATE SET objectives = excluded.objectives, method = excluded.method,
                     synthesis = excluded.synthesis, questions = excluded.questions, next_points = excluded.next_points,
                     next_meeting_on = excluded.next_meeting_on, next_meeting_place = excluded.next_meeting_place,
                     next_meeting_note = excluded.next_meeting_note",
                params![
                    meeting_id,
                    c.objectives,
                    c.method,
                    c.synthesis,
                    c.questions,
                    c.next_points,
                    c.next_meeting_on,
                    c.next_meeting_place,
                    c.next_meeting_note
                ],
            )?;
            let releve_id: i64 = tx.query_row("SELECT id FROM releves WHERE meeting_id = ?1", [meeting_id], |r| r.get(0))?;
            tx.execute("DELETE FROM decisions WHERE releve_id = ?1", [releve_id])?;
            for (i, text) in c.decisions.iter().enumerate() {
                tx.execute(
                    "INSERT INTO decisions (releve_id, position, text) VALUES (?1, ?2, ?3)",
                    params![releve_id, i as i64 + 1, text],
                )?;
            }
            let kept: Vec<i64> = data.actions.iter().filter_map(|(a, _)| a.id).collect();
            let kept_json = serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into());
            tx.execute(
                "DELETE FROM actions WHERE releve_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
                params![releve_id, kept_json],
            )?;
            // Positions are rewritten in two passes so that UNIQUE (releve_id, position) holds.
            tx.execute("UPDATE actions SET position = -position WHERE releve_id = ?1", [releve_id])?;
            for (i, (action, due)) in data.actions.iter().enumerate() {
                let position = i as i64 + 1;
                match action.id {
                    Some(id) => {
                        tx.execute(
                            "UPDATE actions SET position = ?2, text = ?3, owner_id = ?4, owner_note = ?5, due_on = ?6
                             WHERE id = ?1",
                            params![id, position, action.text, action.owner_id, action.owner_note, due],
                        )?;
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO actions (releve_id, position, text, owner_id, owner_note, due_on, status)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'a_faire')",
                            params![releve_id, position, action.text, action.owner_id, action.owner_note, due],
                        )?;
                        record_action_status(tx, tx.last_insert_rowid(), ActionStatus::AFaire, today)?;
                    }
                }
            }
            Ok(())
        })?;
        self.releve(meeting_id)?.ok_or(Error::NotFound { what: "Le relevé", id: meeting_id })
    }

    /// Diffuses the draft relevé of meeting `meeting_id` today; this version is kept as it is.
    pub fn diffuse_releve(&mut self, meeting_id: i64) -> Result<Releve> {
        let releve = self.existing_releve(meeting_id)?;
        if releve.status != ReleveStatus::Brouillon {
            return Err(Error::Refused(format!(
                "Le relevé est déjà {}",
                releve.status.label().to_lowercase()
            )));
        }
        let today = self.today()?;
        self.write(|tx| {
            tx.execute(
                "UPDATE releves SET status = 'diffuse', diffused_on = ?2 WHERE id = ?1",
                params![releve.id, today],
            )?;
            freeze_version(tx, releve.id)
        })?;
        self.existing_releve(meeting_id)
    }

    /// Validates the diffused relevé of meeting `meeting_id` at the atelier's later, held
    /// meeting `at_meeting_id`, today.
    pub fn validate_releve(&mut self, meeting_id: i64, at_meeting_id: i64) -> Result<Releve> {
        let releve = self.existing_releve(meeting_id)?;
        let of = self.meeting(meeting_id)?;
        let at = self.meeting(at_meeting_id)?;
        let refusal = match releve.status {
            ReleveStatus::Brouillon => Some("il n'a pas encore été diffusé aux membres".to_string()),
            ReleveStatus::Valide => Some("il est déjà validé".to_string()),
            ReleveStatus::Diffuse if at.atelier_id != of.atelier_id || at.start_utc <= of.start_utc => {
                Some(format!("il se valide à une séance suivante du même atelier, pas à {}", at.describe()))
            }
            ReleveStatus::Diffuse if at.status != MeetingStatus::Tenue => {
                Some(format!("{} n'est pas marquée tenue", at.describe()))
            }
            ReleveStatus::Diffuse => None,
        };
        if let Some(why) = refusal {
            return Err(Error::Refused(format!(
                "Le relevé de {} ne peut pas être validé : {why}",
                of.describe()
            )));
        }
        let today = self.today()?;
        self.write(|tx| {
            tx.execute(
                "UPDATE releves SET status = 'valide', validated_on = ?2, validated_at_meeting_id = ?3 WHERE id = ?1",
                params![releve.id, today, at_meeting_id],
            )?;
            freeze_version(tx, releve.id)
        })?;
        self.existing_releve(meeting_id)
    }

    /// Opens a corrected version of the diffused or validated relevé of meeting
    /// `meeting_id`: a new draft with the next version number; the earlier version stays
    /// readable as it was diffused (and validated).
    pub fn correct_releve(&mut self, meeting_id: i64) -> Result<Releve> {
        let releve = self.existing_releve(meeting_id)?;
        if releve.status == ReleveStatus::Brouillon {
            return Err(Error::Refused("Le relevé est un brouillon : modifiez-le directement".into()));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE releves SET status = 'brouillon', version = version + 1, diffused_on = NULL,
                        validated_on = NULL, validated_at_meeting_id = NULL
                 WHERE id = ?1",
                [releve.id],
            )?;
            Ok(())
        })?;
        self.existing_releve(meeting_id)
    }

    fn existing_releve(&self, meeting_id: i64) -> Result<Releve> {
        self.releve(meeting_id)?
            .ok_or_else(|| Error::Refused("Cette réunion n'a pas encore de relevé de décisions".into()))
    }

    /// The diffused relevés of the atelier's meetings before meeting `id`, which it can
    /// validate: (meeting id, description).
    pub fn releves_to_validate_at(&self, id: i64) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             JOIN releves r ON r.meeting_id = m.id
             JOIN meetings here ON here.id = ?1
             WHERE m.atelier_id = here.atelier_id AND m.starts_utc < here.starts_utc AND r.status = 'diffuse'
             ORDER BY m.starts_utc"
        ))?;
        let rows = stmt.query_map([id], super::meetings::meeting_row)?;
        Ok(rows
            .map(|m| m.map(|m| (m.id, fr::typography(&format!("Relevé de {}", m.describe())))))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The actions of every relevé (of one atelier when `atelier_id` is given): open ones
    /// first by due date, then done and abandoned ones.
    pub fn actions(&self, atelier_id: Option<i64>) -> Result<Vec<Action>> {
        let today = self.today()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT ac.id, a.code, m.id, m.starts_at, ac.text, ac.owner_id, p.civility, p.first_name, p.last_name,
                    ac.owner_note, ac.due_on, ac.status
             FROM actions ac JOIN releves r ON r.id = ac.releve_id JOIN meetings m ON m.id = r.meeting_id
             JOIN ateliers a ON a.id = m.atelier_id LEFT JOIN people p ON p.id = ac.owner_id
             WHERE ?1 IS NULL OR a.id = ?1
             ORDER BY ac.status NOT IN ('a_faire', 'en_cours'), ac.due_on IS NULL, ac.due_on, m.starts_utc, ac.position",
        )?;
        let rows = stmt.query_map([atelier_id], |r| {
            let owner_id: Option<i64> = r.get(5)?;
            let note: String = r.get(9)?;
            let owner = match owner_id {
                Some(_) => name_at(r, 6)?,
                None => note,
            };
            let start: String = r.get(3)?;
            let due_on: Option<NaiveDate> = r.get(10)?;
            let status: ActionStatus = r.get(11)?;
            Ok(Action {
                id: r.get(0)?,
                atelier: r.get(1)?,
                meeting_id: r.get(2)?,
                meeting_day: start.get(..10).and_then(|d| d.parse().ok()).map(fr::long_date).unwrap_or(start),
                text: r.get(4)?,
                owner_id,
                owner,
                due_on,
                status,
                overdue: status.is_open() && due_on.is_some_and(|d| d < today),
                history: Vec::new(),
            })
        })?;
        let mut actions = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT status, changed_on FROM action_status_changes WHERE action_id = ?1 ORDER BY id",
        )?;
        for action in &mut actions {
            action.history = stmt
                .query_map([action.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(actions)
    }

    /// Sets the status of action `id`, dated today (an action lives on after its relevé is
    /// validated).
    pub fn set_action_status(&mut self, id: i64, status: &str) -> Result<()> {
        let status = ActionStatus::parse(status).ok_or_else(|| {
            Error::invalid("status", format!("Le statut d'action « {status} » est inconnu"))
        })?;
        let current: ActionStatus = self
            .conn
            .query_row("SELECT status FROM actions WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "L'action", id })?;
        if current == status {
            return Ok(());
        }
        let today = self.today()?;
        self.write(|tx| {
            tx.execute("UPDATE actions SET status = ?2 WHERE id = ?1", params![id, status])?;
            record_action_status(tx, id, status, today)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::releve::ActionInput;
    use crate::store::testing::{base_with_atelier, clock_at, plan};

    #[test]
    fn a_releve_goes_from_draft_to_diffused_to_validated_at_the_next_meeting_and_versions_are_kept() {
        let (mut store, a) = base_with_atelier();
        clock_at(&mut store, "2027-01-12", 21);
        let first = plan(&mut store, a, "12/01/2027", "18:00", "20:00").id;
        let second = plan(&mut store, a, "09/02/2027", "18:00", "20:00").id;
        assert!(store.save_releve(first, ReleveInput::default()).is_err(), "not held yet");
        store.mark_meeting_held(first).unwrap();
        let input = ReleveInput {
            synthesis: "Échanges nourris".into(),
            decisions: vec!["Retenir le scénario B".into()],
            actions: vec![ActionInput {
                text: "Chiffrer B".into(),
                owner_note: "Bureau d'études".into(),
                due_on: "01/02/2027".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let draft = store.save_releve(first, input).unwrap();
        assert_eq!((draft.status, draft.version, draft.editable), (ReleveStatus::Brouillon, 1, true));
        assert!(store
            .validate_releve(first, second)
            .unwrap_err()
            .to_string()
            .contains("pas encore été diffusé"));
        clock_at(&mut store, "2027-01-19", 21);
        let diffused = store.diffuse_releve(first).unwrap();
        assert_eq!(diffused.diffused_on, NaiveDate::from_ymd_opt(2027, 1, 19));
        assert_eq!(diffused.versions.len(), 1);
        assert!(store
            .save_releve(first, ReleveInput::default())
            .unwrap_err()
            .to_string()
            .contains("version corrigée"));
        // Validation at a later, held meeting only.
        assert!(store.validate_releve(first, first).is_err());
        assert!(store
            .validate_releve(first, second)
            .unwrap_err()
            .to_string()
            .contains("n'est pas marquée tenue"));
        clock_at(&mut store, "2027-02-09", 21);
        let held = store.mark_meeting_held(second).unwrap();
        assert_eq!(held.releves_to_validate.len(), 1, "holding the next meeting offers the validation");
        assert_eq!(held.releves_to_validate[0].0, first);
        let valid = store.validate_releve(first, second).unwrap();
        assert_eq!(
            (valid.status, valid.validated_at_meeting_id, valid.editable),
            (ReleveStatus::Valide, Some(second), false)
        );
        assert!(valid.versions[0].validated_at.as_deref().unwrap_or("").contains("9 février 2027"));
        // A correction is a new version; the validated one stays readable as it was.
        let corrected = store.correct_releve(first).unwrap();
        assert_eq!((corrected.status, corrected.version), (ReleveStatus::Brouillon, 2));
        let mut change =
            ReleveInput { synthesis: "Échanges nourris et précis".into(), ..Default::default() };
        change.actions = vec![ActionInput {
            id: corrected.content.actions[0].id,
            text: "Chiffrer B et C".into(),
            ..Default::default()
        }];
        store.save_releve(first, change).unwrap();
        store.diffuse_releve(first).unwrap();
        let now = store.releve(first).unwrap().unwrap();
        assert_eq!(now.versions.len(), 2);
        assert_eq!(now.versions[0].content.synthesis, "Échanges nourris");
        assert_eq!(now.versions[0].content.actions[0].text, "Chiffrer B");
        assert_eq!(now.versions[0].content.actions[0].owner, "Bureau d'études");
        assert!(now.versions[0].validated_on.is_some());
        assert_eq!(now.versions[1].content.actions[0].text, "Chiffrer B et C");
        assert_eq!(now.content.decisions, Vec::<String>::new());
    }

    #[test]
    fn an_action_keeps_the_date_of_each_status_and_is_overdue_past_its_due_date() {
        let (mut store, a) = base_with_atelier();
        clock_at(&mut store, "2027-01-12", 21);
        let m = plan(&mut store, a, "12/01/2027", "18:00", "20:00").id;
        store.mark_meeting_held(m).unwrap();
        let input = ReleveInput {
            actions: vec![ActionInput {
                text: "Chiffrer".into(),
                due_on: "01/02/2027".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        store.save_releve(m, input).unwrap();
        let id = store.actions(None).unwrap()[0].id;
        clock_at(&mut store, "2027-01-20", 21);
        store.set_action_status(id, "en_cours").unwrap();
        clock_at(&mut store, "2027-02-02", 21);
        let action = &store.actions(Some(a)).unwrap()[0];
        assert!(action.overdue);
        store.set_action_status(id, "faite").unwrap();
        let action = &store.actions(Some(a)).unwrap()[0];
        assert!(!action.overdue);
        let days: Vec<(ActionStatus, String)> =
            action.history.iter().map(|(s, d)| (*s, d.to_string())).collect();
        assert_eq!(
            days,
            [
                (ActionStatus::AFaire, "2027-01-12".to_string()),
                (ActionStatus::EnCours, "2027-01-20".to_string()),
                (ActionStatus::Faite, "2027-02-02".to_string())
            ]
        );
        assert_eq!(store.set_action_status(id, "finie").unwrap_err().fields()[0].field, "status");
    }
}
