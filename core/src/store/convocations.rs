//! Convocations: who is convoked, when, by which channel and for which version of the
//! meeting each one was sent, the replies, and the deadline warning of a meeting (rule in
//! [`crate::rules::meetings`]). Nothing is sent by the application.

use chrono::NaiveDate;
use rusqlite::params;

use super::attendance::{CONVOKED_ORDER, CONVOKED_PEOPLE};
use super::rules::name_at;
use super::Store;
use crate::error::{Error, Result};
use crate::model::attendance::{ConvocationRow, ConvocationState, Convocations, MemberChoice};
use crate::model::meeting::{
    ConvocationChannel, ConvocationReply, Convoke, MeetingKind, MeetingStatus, MeetingSummary,
};
use crate::rules::meetings::convocation_deadline;

impl Store {
    /// The convocations of meeting `meeting_id`: every convoked person and what was sent.
    pub fn convocations(&self, meeting_id: i64) -> Result<Convocations> {
        let meeting = self.meeting(meeting_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH people_convoked AS ({CONVOKED_PEOPLE})
             SELECT pc.*, cv.sent_at, cv.channel, cv.sent_sequence, cv.sent_starts_at, cv.sent_place,
                    COALESCE(cv.reply, 'sans_reponse'), cv.replied_at,
                    (SELECT p.town <> '' FROM people p WHERE p.id = pc.id)
             FROM people_convoked pc LEFT JOIN convocations cv ON cv.meeting_id = ?1 AND cv.person_id = pc.id
             {CONVOKED_ORDER}"
        ))?;
        let rows = stmt
            .query_map([meeting_id], |r| {
                let sent_sequence: Option<i64> = r.get(10)?;
                let sent_at: Option<String> = r.get(8)?;
                let state = match (sent_at.is_some(), sent_sequence) {
                    (false, _) => ConvocationState::AEnvoyer,
                    (true, Some(s)) if s >= meeting.ical_sequence => ConvocationState::AJour,
                    (true, _) => ConvocationState::AReconvoquer,
                };
                Ok(ConvocationRow {
                    person_id: r.get(0)?,
                    name: name_at(r, 1)?,
                    email: r.get(4)?,
                    guest: r.get(5)?,
                    college: r.get(6)?,
                    state,
                    sent_at,
                    channel: r.get(9)?,
                    sent_sequence,
                    sent_start: r.get(11)?,
                    sent_place: r.get(12)?,
                    reply: r.get(13)?,
                    replied_at: r.get(14)?,
                    postal_address: r.get(15)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let to_send = rows.iter().filter(|r| r.state == ConvocationState::AEnvoyer).count();
        let outdated = rows.iter().filter(|r| r.state == ConvocationState::AReconvoquer).count();
        let deadline = self.deadline_warning(&meeting, to_send, self.today()?)?;
        let members = if meeting.kind == MeetingKind::Seance {
            Vec::new()
        } else {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT p.id, p.civility, p.first_name, p.last_name, ms.role,
                        EXISTS (SELECT 1 FROM meeting_members mm WHERE mm.meeting_id = ?1 AND mm.person_id = p.id)
                 FROM meetings mt JOIN memberships ms ON ms.atelier_id = mt.atelier_id
                 JOIN people p ON p.id = ms.person_id
                 WHERE mt.id = ?1 AND ms.joined_on <= substr(mt.starts_at, 1, 10)
                   AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10))
                 ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id",
            )?;
            let members = stmt
                .query_map([meeting_id], |r| {
                    Ok(MemberChoice {
                        person_id: r.get(0)?,
                        name: name_at(r, 1)?,
                        role: r.get(4)?,
                        convoked: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            members
        };
        Ok(Convocations {
            meeting_id,
            sequence: meeting.ical_sequence,
            rows,
            to_send,
            outdated,
            deadline,
            members,
        })
    }

    /// « La réunion a lieu dans 3 jours et 12 convocations ne sont pas envoyées » when the
    /// meeting is fewer than the settings' notice days away.
    pub(super) fn deadline_warning(
        &self,
        meeting: &MeetingSummary,
        unsent: usize,
        today: NaiveDate,
    ) -> Result<Option<String>> {
        let notice = self.settings()?.data.convocation_notice_days;
        Ok(convocation_deadline(meeting, unsent, today, notice))
    }

    /// Records that the convocations of `people` to meeting `meeting_id` were sent now by
    /// `channel`, for the meeting as it stands (its SEQUENCE, start and place). When every
    /// convoked person then holds an up-to-date convocation, a planned meeting becomes
    /// « convoquée ». Nothing is sent by the application.
    pub fn record_convocations_sent(
        &mut self,
        meeting_id: i64,
        people: &[i64],
        channel: &str,
    ) -> Result<Convocations> {
        let channel = ConvocationChannel::parse(channel)
            .ok_or_else(|| Error::invalid("channel", format!("Le mode d'envoi « {channel} » est inconnu")))?;
        let meeting = self.meeting(meeting_id)?;
        if !meeting.status.is_active() {
            return Err(Error::Refused(format!(
                "La réunion est {} : rien à convoquer",
                meeting.status.label().to_lowercase()
            )));
        }
        let convoked = super::meetings::convoked_people(&self.conn, meeting_id)?;
        if people.is_empty() {
            return Err(Error::invalid("people", "Choisissez au moins une personne"));
        }
        if let Some(stranger) = people.iter().find(|p| !convoked.contains(p)) {
            return Err(Error::invalid(
                "people",
                format!("La personne n° {stranger} n'est pas convoquée à cette réunion"),
            ));
        }
        let stamp = self.stamp();
        self.write(|tx| {
            for person in people {
                tx.execute(
                    "INSERT INTO convocations (meeting_id, person_id, sent_at, channel, sent_sequence, sent_starts_at, sent_place)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (meeting_id, person_id) DO UPDATE SET sent_at = excluded.sent_at,
                         channel = excluded.channel, sent_sequence = excluded.sent_sequence,
                         sent_starts_at = excluded.sent_starts_at, sent_place = excluded.sent_place",
                    params![meeting_id, person, stamp, channel, meeting.ical_sequence, meeting.start, meeting.place],
                )?;
            }
            tx.execute(
                "UPDATE meetings SET status = 'convoquee' WHERE id = ?1 AND status = 'prevue'
                   AND NOT EXISTS (SELECT 1 FROM convoked c LEFT JOIN convocations cv
                                   ON cv.meeting_id = c.meeting_id AND cv.person_id = c.person_id
                                   WHERE c.meeting_id = ?1
                                     AND (cv.sent_at IS NULL OR cv.sent_sequence < ?2))",
                params![meeting_id, meeting.ical_sequence],
            )?;
            Ok(())
        })?;
        self.convocations(meeting_id)
    }

    /// Records `person_id`'s reply to the convocation to meeting `meeting_id`.
    pub fn record_reply(&mut self, meeting_id: i64, person_id: i64, reply: &str) -> Result<Convocations> {
        let reply = ConvocationReply::parse(reply)
            .ok_or_else(|| Error::invalid("reply", format!("La réponse « {reply} » est inconnue")))?;
        self.meeting(meeting_id)?;
        if !super::meetings::convoked_people(&self.conn, meeting_id)?.contains(&person_id) {
            return Err(Error::invalid("person_id", "Cette personne n'est pas convoquée à cette réunion"));
        }
        let stamp = (reply != ConvocationReply::SansReponse).then(|| self.stamp());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO convocations (meeting_id, person_id, reply, replied_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (meeting_id, person_id) DO UPDATE SET reply = excluded.reply, replied_at = excluded.replied_at",
                params![meeting_id, person_id, reply, stamp],
            )?;
            Ok(())
        })?;
        self.convocations(meeting_id)
    }

    /// Chooses whom meeting `meeting_id`, which is not a séance, convokes among its
    /// atelier's members at its date (`choice` as [`Convoke::parse`] reads it), in one
    /// transaction; refused for a séance, for a cancelled meeting, and when someone left out
    /// has their attendance recorded.
    pub fn set_convoked_members(&mut self, meeting_id: i64, choice: &str) -> Result<Convocations> {
        let meeting = self.meeting(meeting_id)?;
        if meeting.kind == MeetingKind::Seance {
            return Err(Error::Refused("Une séance convoque tous les membres de l'atelier à sa date".into()));
        }
        if meeting.status == MeetingStatus::Annulee {
            return Err(Error::Refused("Cette réunion est annulée : personne n'y est plus convoqué".into()));
        }
        let choice = Convoke::parse(choice).map_err(|message| Error::invalid("convoke", message))?;
        self.write(|tx| {
            let people = super::meetings::chosen_members(
                tx,
                meeting.atelier_id,
                meeting.start_local().date(),
                &choice,
            )?;
            let mut stmt = tx.prepare_cached(
                "SELECT a.person_id FROM attendance a
                 WHERE a.meeting_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM convocations c WHERE c.meeting_id = a.meeting_id
                                   AND c.person_id = a.person_id AND c.guest = 1)",
            )?;
            let recorded: Vec<i64> =
                stmt.query_map([meeting_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let convoked = super::meetings::convoked_people(tx, meeting_id)?;
            let left_out: Vec<i64> =
                recorded.into_iter().filter(|p| convoked.contains(p) && !people.contains(p)).collect();
            if !left_out.is_empty() {
                let names: Vec<String> =
                    super::meetings::names(tx, &left_out)?.into_iter().map(|(_, name)| name).collect();
                return Err(Error::Refused(format!(
                    "La présence de {} est déjà enregistrée : effacez-la d'abord",
                    names.join(", ")
                )));
            }
            super::meetings::replace_members(tx, meeting_id, &people)
        })?;
        self.convocations(meeting_id)
    }

    /// Convokes `person_id`, who is not a member at the meeting's date, as a guest.
    pub fn add_guest_convocation(&mut self, meeting_id: i64, person_id: i64) -> Result<Convocations> {
        self.meeting(meeting_id)?;
        self.person(person_id)?;
        if super::meetings::convoked_people(&self.conn, meeting_id)?.contains(&person_id) {
            return Err(Error::invalid("person_id", "Cette personne est déjà convoquée à cette réunion"));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO convocations (meeting_id, person_id, guest) VALUES (?1, ?2, 1)
                 ON CONFLICT (meeting_id, person_id) DO UPDATE SET guest = 1",
                params![meeting_id, person_id],
            )?;
            Ok(())
        })?;
        self.convocations(meeting_id)
    }

    /// Withdraws the guest `person_id` from meeting `meeting_id` (refused once their
    /// attendance is recorded).
    pub fn remove_guest_convocation(&mut self, meeting_id: i64, person_id: i64) -> Result<Convocations> {
        let attended: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM attendance WHERE meeting_id = ?1 AND person_id = ?2)",
            params![meeting_id, person_id],
            |r| r.get(0),
        )?;
        if attended {
            return Err(Error::Refused("Sa présence est déjà enregistrée : effacez-la d'abord".into()));
        }
        self.write(|tx| {
            tx.execute(
                "DELETE FROM convocations WHERE meeting_id = ?1 AND person_id = ?2 AND guest = 1",
                params![meeting_id, person_id],
            )?;
            Ok(())
        })?;
        self.convocations(meeting_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meeting::MeetingStatus;
    use crate::store::testing::{base_with_atelier, clock_at, member, plan};

    #[test]
    fn the_members_at_the_meeting_date_are_convoked_and_a_move_makes_convocations_outdated() {
        let (mut store, a) = base_with_atelier();
        clock_at(&mut store, "2027-01-04", 12);
        let stays = member(&mut store, a, "Reste", "2027-01-01", "", false);
        let leaves = member(&mut store, a, "Part", "2027-01-01", "2027-01-15", false);
        let comes = member(&mut store, a, "Arrive", "2027-01-15", "", false);
        let m = plan(&mut store, a, "12/01/2027", "09:00", "11:00");
        let names: Vec<i64> = store.convocations(m.id).unwrap().rows.iter().map(|r| r.person_id).collect();
        assert_eq!(names, [leaves, stays], "members on 12 January only, by name");
        let c = store.convocations(m.id).unwrap();
        assert_eq!(c.to_send, 2);
        assert_eq!(c.deadline, None, "eight days away, the notice is five");
        clock_at(&mut store, "2027-01-09", 12);
        let c = store.convocations(m.id).unwrap();
        assert!(c.deadline.as_deref().unwrap_or("").contains("a lieu dans 3 jours"), "{:?}", c.deadline);
        let c = store.record_convocations_sent(m.id, &[stays, leaves], "courriel").unwrap();
        assert_eq!((c.to_send, c.outdated, c.deadline.is_none()), (0, 0, true));
        assert_eq!(store.meeting(m.id).unwrap().status, MeetingStatus::Convoquee, "every convocation sent");
        assert!(
            store.record_convocations_sent(m.id, &[comes], "courriel").is_err(),
            "not a member on that date"
        );
        // Moved to 20 January: « Part » has left, « Arrive » has come; « Reste » holds an outdated one.
        let mut input = crate::model::meeting::MeetingInput::from_meeting(&m);
        input.date = "20/01/2027".into();
        let moved = store.update_meeting(m.id, input, false).unwrap();
        assert_eq!((moved.status, moved.ical_sequence), (MeetingStatus::Prevue, 1));
        let c = store.convocations(m.id).unwrap();
        let states: Vec<(i64, ConvocationState)> = c.rows.iter().map(|r| (r.person_id, r.state)).collect();
        assert_eq!(states, [(comes, ConvocationState::AEnvoyer), (stays, ConvocationState::AReconvoquer)]);
        assert_eq!(c.rows[1].sent_start.as_deref(), Some("2027-01-12T09:00:00"), "which version was sent");
        assert_eq!(c.rows[1].sent_sequence, Some(0));
    }

    #[test]
    fn a_meeting_that_is_not_a_seance_convokes_its_chosen_members_and_only_them() {
        let (mut store, a) = base_with_atelier();
        clock_at(&mut store, "2027-01-04", 12);
        let anne = member(&mut store, a, "Anne", "2027-01-01", "", true);
        let bruno = member(&mut store, a, "Bruno", "2027-01-01", "", false);
        let chloe = member(&mut store, a, "Chloé", "2027-01-01", "", false);
        store
            .conn
            .execute("UPDATE memberships SET role = 'comite_restreint' WHERE person_id = ?1", [bruno])
            .unwrap();
        let input =
            |kind: &str, convoke: &str, date: &str, start: &str| crate::model::meeting::MeetingInput {
                atelier_id: a,
                kind: kind.into(),
                date: date.into(),
                start_time: start.into(),
                end_time: "23:00".into(),
                place: "Salle 1".into(),
                convoke: convoke.into(),
                ..Default::default()
            };
        let convoked = |store: &Store, id: i64| -> Vec<i64> {
            store.convocations(id).unwrap().rows.iter().map(|r| r.person_id).collect()
        };
        // A petit groupe of the comité restreint; a séance cannot choose.
        let small = store
            .create_meeting(input("petit_groupe", "role:comite_restreint", "12/01/2027", "09:00"), false);
        let small = small.unwrap();
        assert_eq!(convoked(&store, small.id), [bruno]);
        let choices = store.convocations(small.id).unwrap().members;
        let ticked: Vec<(i64, bool)> = choices.iter().map(|m| (m.person_id, m.convoked)).collect();
        assert_eq!(ticked, [(anne, false), (bruno, true), (chloe, false)]);
        let refused =
            store.create_meeting(input("seance", "none", "13/01/2027", "09:00"), false).unwrap_err();
        assert_eq!(refused.fields()[0].field, "convoke");
        // Nobody by default; an unknown person is refused by name; chosen people replace the list.
        let visit = store.create_meeting(input("visite_site", "", "14/01/2027", "09:00"), false).unwrap();
        assert!(convoked(&store, visit.id).is_empty());
        let stranger = store
            .create_person(crate::model::person::PersonInput {
                last_name: "Zed".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        let err = store.set_convoked_members(visit.id, &format!("{anne},{stranger}")).unwrap_err();
        assert!(err.to_string().contains("Zed n'est pas membre"), "{err}");
        store.set_convoked_members(visit.id, &format!("{anne}, {chloe}")).unwrap();
        assert_eq!(convoked(&store, visit.id), [anne, chloe]);
        assert!(store.set_convoked_members(small.id, "all").is_ok());
        store.set_convoked_members(small.id, "role:Comité restreint").unwrap();
        // A member not convoked overlaps nothing: Anne, at the petit groupe's hour, is free.
        let overlap =
            store.create_meeting(input("visite_site", &anne.to_string(), "12/01/2027", "10:00"), false);
        assert!(overlap.is_ok(), "{overlap:?}");
        let clash =
            store.create_meeting(input("visite_site", &bruno.to_string(), "12/01/2027", "10:00"), false);
        assert!(matches!(clash, Err(Error::Conflicts(_))), "Bruno is convoked to both");
        // Assiduité counts only the held meetings a member was convoked to.
        clock_at(&mut store, "2027-01-20", 12);
        store.mark_meeting_held(small.id).unwrap();
        let assiduity = store.assiduity(Some(a)).unwrap();
        let count = |person: i64| assiduity.iter().find(|m| m.person_id == person).map_or(0, |m| m.convoked);
        assert_eq!((count(anne), count(bruno), count(chloe)), (0, 1, 0));
        // Someone whose attendance is recorded is not left out.
        store
            .record_attendance(
                small.id,
                crate::model::attendance::AttendanceInput {
                    person_id: bruno,
                    status: "present".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let err = store.set_convoked_members(small.id, "none").unwrap_err();
        assert!(err.to_string().contains("Bruno est déjà enregistrée"), "{err}");
        let seance = plan(&mut store, a, "27/01/2027", "09:00", "11:00");
        assert_eq!(convoked(&store, seance.id), [anne, bruno, chloe], "a séance convokes every member");
        assert!(store.set_convoked_members(seance.id, "none").is_err());
    }
}
