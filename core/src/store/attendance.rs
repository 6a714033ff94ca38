//! Attendance at meetings, and the assiduité computed from it; who is convoked is shared
//! with the convocations (`convocations.rs`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::meetings::names;
use super::rules::name_at;
use super::Store;
use crate::error::{Error, Result};
use crate::model::attendance::{
    Assiduity, AssiduityThresholds, AttendanceInput, AttendanceRow, AttendanceSheet, AttendanceStatus,
    MeetingGuest, Tally, Tallying,
};
use crate::rules::attendance::MemberTally;

/// One member's held meetings: the date, the meeting and the status recorded, if any.
type History = Vec<(NaiveDate, i64, Option<AttendanceStatus>)>;

/// The periods of one person's memberships of one atelier: joined on, left on (if left).
type Periods = Vec<(NaiveDate, Option<NaiveDate>)>;

/// The convoked people of meeting `?1`, with their membership (none for a guest): person
/// id, civility, first and last name, e-mail, guest, collège, presence required.
pub(super) const CONVOKED_PEOPLE: &str = "
    SELECT p.id, p.civility, p.first_name, p.last_name, p.email, c.guest, ms.college,
           COALESCE(ms.presence_required, 0)
    FROM convoked c JOIN people p ON p.id = c.person_id
    JOIN meetings mt ON mt.id = c.meeting_id
    LEFT JOIN memberships ms ON c.guest = 0 AND ms.atelier_id = mt.atelier_id AND ms.person_id = p.id
         AND ms.joined_on <= substr(mt.starts_at, 1, 10)
         AND (ms.left_on IS NULL OR ms.left_on > substr(mt.starts_at, 1, 10))
    WHERE c.meeting_id = ?1";

/// The order of convoked people: members, then guests, by name.
pub(super) const CONVOKED_ORDER: &str =
    "ORDER BY pc.guest, pc.last_name COLLATE NOCASE, pc.first_name COLLATE NOCASE, pc.id";

impl Store {
    /// The attendance sheet of meeting `meeting_id`.
    pub fn attendance(&self, meeting_id: i64) -> Result<AttendanceSheet> {
        self.meeting(meeting_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH people_convoked AS ({CONVOKED_PEOPLE})
             SELECT pc.*, at.status, at.by_person_id, at.arrived_late, at.left_early
             FROM people_convoked pc LEFT JOIN attendance at ON at.meeting_id = ?1 AND at.person_id = pc.id
             {CONVOKED_ORDER}"
        ))?;
        let mut rows = stmt
            .query_map([meeting_id], |r| {
                Ok(AttendanceRow {
                    person_id: r.get(0)?,
                    name: name_at(r, 1)?,
                    guest: r.get(5)?,
                    college: r.get(6)?,
                    presence_required: r.get(7)?,
                    status: r.get(8)?,
                    by_person_id: r.get(9)?,
                    by_name: None,
                    arrived_late: r.get::<_, Option<bool>>(10)?.unwrap_or(false),
                    left_early: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for row in &mut rows {
            if let Some(by) = row.by_person_id {
                row.by_name = names(&self.conn, &[by])?.pop().map(|(_, n)| n);
            }
        }
        let guests = self.meeting_guests(meeting_id)?;
        let present =
            |s: AttendanceStatus| matches!(s, AttendanceStatus::Present | AttendanceStatus::Distance);
        Ok(AttendanceSheet {
            meeting_id,
            present_count: rows.iter().filter(|r| r.status.is_some_and(present)).count() + guests.len(),
            represented_count: rows.iter().filter(|r| r.status.is_some_and(|s| s.takes_someone())).count(),
            unrecorded_count: rows.iter().filter(|r| r.status.is_none()).count(),
            required_absent: rows
                .iter()
                .filter(|r| r.presence_required && r.status.is_some_and(|s| !s.counts_present()))
                .map(|r| r.name.clone())
                .collect(),
            rows,
            guests,
        })
    }

    /// Records (or clears, with an empty status) one convoked person's attendance at meeting
    /// `meeting_id`, which must have begun.
    pub fn record_attendance(&mut self, meeting_id: i64, input: AttendanceInput) -> Result<AttendanceSheet> {
        let meeting = self.meeting(meeting_id)?;
        if !meeting.status.is_active() {
            return Err(Error::Refused(format!(
                "La réunion est {} : pas de présences à enregistrer",
                meeting.status.label().to_lowercase()
            )));
        }
        if meeting.start_utc > self.stamp() {
            return Err(Error::Refused("La réunion n'a pas encore commencé : les présences s'enregistrent pendant ou après la séance".into()));
        }
        if !super::meetings::convoked_people(&self.conn, meeting_id)?.contains(&input.person_id) {
            return Err(Error::invalid(
                "person_id",
                "Cette personne n'est pas convoquée à cette réunion : ajoutez-la comme invitée",
            ));
        }
        let status = match input.status.trim() {
            "" => None,
            text => Some(AttendanceStatus::parse(text).ok_or_else(|| {
                Error::invalid("status", format!("La présence « {text} » est inconnue (attendu : present, distance, excuse, absent, represente, supplee)"))
            })?),
        };
        let by = match status {
            Some(s) if s.takes_someone() => {
                let by = input.by_person_id.ok_or_else(|| {
                    Error::invalid(
                        "by_person_id",
                        match s {
                            AttendanceStatus::Represente => "Indiquez à qui le pouvoir est donné",
                            _ => "Indiquez qui supplée ce membre",
                        },
                    )
                })?;
                if by == input.person_id {
                    return Err(Error::invalid(
                        "by_person_id",
                        "Un membre ne peut pas se donner pouvoir ni se suppléer lui-même",
                    ));
                }
                self.person(by)
                    .map_err(|_| Error::invalid("by_person_id", "La personne choisie est introuvable"))?;
                Some(by)
            }
            _ if input.by_person_id.is_some() => {
                return Err(Error::invalid(
                    "by_person_id",
                    "Seul un membre représenté ou suppléé désigne une autre personne",
                ))
            }
            _ => None,
        };
        let on_site = matches!(status, Some(AttendanceStatus::Present | AttendanceStatus::Distance));
        if (input.arrived_late || input.left_early) && !on_site {
            return Err(Error::invalid(
                "arrived_late",
                "Arrivé en retard ou parti plus tôt ne vaut que pour une personne présente",
            ));
        }
        self.write(|tx| {
            match status {
                None => {
                    tx.execute("DELETE FROM attendance WHERE meeting_id = ?1 AND person_id = ?2", params![meeting_id, input.person_id])?;
                }
                Some(status) => {
                    tx.execute(
                        "INSERT INTO attendance (meeting_id, person_id, status, by_person_id, arrived_late, left_early)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status,
                             by_person_id = excluded.by_person_id, arrived_late = excluded.arrived_late,
                             left_early = excluded.left_early",
                        params![meeting_id, input.person_id, status, by, input.arrived_late, input.left_early],
                    )?;
                }
            }
            Ok(())
        })?;
        self.attendance(meeting_id)
    }

    /// Adds someone who came without being convoked.
    pub fn add_meeting_guest(&mut self, meeting_id: i64, guest: MeetingGuest) -> Result<AttendanceSheet> {
        self.meeting(meeting_id)?;
        let name = guest.name.trim();
        if name.is_empty() {
            return Err(Error::invalid("guest_name", "Le nom de la personne invitée est obligatoire"));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meeting_guests (meeting_id, name, function, organisation) VALUES (?1, ?2, ?3, ?4)",
                params![meeting_id, name, guest.function.trim(), guest.organisation.trim()],
            )?;
            Ok(())
        })?;
        self.attendance(meeting_id)
    }

    /// Removes guest `guest_id` of meeting `meeting_id`.
    pub fn remove_meeting_guest(&mut self, meeting_id: i64, guest_id: i64) -> Result<AttendanceSheet> {
        let removed = self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM meeting_guests WHERE id = ?1 AND meeting_id = ?2",
                params![guest_id, meeting_id],
            )?)
        })?;
        if removed == 0 {
            return Err(Error::NotFound { what: "L'invité", id: guest_id });
        }
        self.attendance(meeting_id)
    }

    fn meeting_guests(&self, meeting_id: i64) -> Result<Vec<MeetingGuest>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, function, organisation FROM meeting_guests WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            Ok(MeetingGuest { id: r.get(0)?, name: r.get(1)?, function: r.get(2)?, organisation: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the settings say about assiduité.
    fn assiduity_thresholds(&self) -> Result<AssiduityThresholds> {
        let settings = self.settings()?.data;
        Ok(AssiduityThresholds {
            rate_pct: settings.attendance_threshold_pct,
            consecutive_absences: settings.consecutive_absences_max as usize,
        })
    }

    /// The assiduité of every member of atelier `atelier_id` (of every atelier when `None`),
    /// over the held meetings where they were convoked.
    pub fn assiduity(&self, atelier_id: Option<i64>) -> Result<Vec<Assiduity>> {
        let thresholds = self.assiduity_thresholds()?;
        // Every held meeting of each membership at its date, put together here from three
        // plain reads (held meetings, memberships, attendance) rather than joined by SQL: on
        // 200,000 attendance rows, a join probing the attendance of each member at each
        // meeting, or a sort, cost more than reading the rows in their order.
        let convoked = ConvokedToHeld::read(&self.conn, atelier_id)?;
        let mut held: HashMap<i64, Vec<(i64, NaiveDate)>> = HashMap::new();
        for (&meeting, &(atelier, day)) in &convoked.meetings {
            held.entry(atelier).or_default().push((meeting, day));
        }
        // All of it read in its order, or one atelier's through its meetings' index.
        let mut stmt = self.conn.prepare_cached(match atelier_id {
            None => "SELECT meeting_id, person_id, status FROM attendance WHERE ?1 IS NULL",
            Some(_) => {
                "SELECT at.meeting_id, at.person_id, at.status
                 FROM meetings mt JOIN attendance at ON at.meeting_id = mt.id WHERE mt.atelier_id = ?1"
            }
        })?;
        let mut recorded: HashMap<(i64, i64), AttendanceStatus> = HashMap::new();
        let mut rows = stmt.query(params![atelier_id])?;
        while let Some(r) = rows.next()? {
            recorded.insert((r.get(0)?, r.get(1)?), r.get(2)?);
        }
        let mut histories: HashMap<(i64, i64), History> = HashMap::with_capacity(convoked.periods.len());
        for (&(atelier, person), periods) in &convoked.periods {
            let mut history: History = held
                .get(&atelier)
                .into_iter()
                .flatten()
                .filter(|&&(meeting, day)| convoked.convoked(meeting, day, person, periods))
                .map(|&(meeting, day)| (day, meeting, recorded.get(&(meeting, person)).copied()))
                .collect();
            if !history.is_empty() {
                history.sort_unstable_by_key(|&(day, meeting, _)| (day, meeting));
                histories.insert((atelier, person), history);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT a.id, a.code, p.id, p.civility, p.first_name, p.last_name, ms.college
             FROM memberships ms JOIN ateliers a ON a.id = ms.atelier_id JOIN people p ON p.id = ms.person_id
             WHERE ?1 IS NULL OR ms.atelier_id = ?1
             ORDER BY a.code, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id",
        )?;
        let members = stmt.query_map(params![atelier_id], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, i64>(2)?),
                r.get::<_, String>(1)?,
                name_at(r, 3)?,
                r.get(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for member in members {
            let (key, atelier, name, college) = member?;
            let Some(history) = histories.remove(&key) else { continue };
            let statuses: Vec<AttendanceStatus> = history.iter().filter_map(|(_, _, s)| *s).collect();
            let tally = Tally::of(&statuses);
            out.push(Assiduity {
                atelier,
                person_id: key.1,
                name,
                college,
                convoked: history.len(),
                recorded: tally.recorded,
                present: tally.present,
                rate_pct: tally.rate_pct(),
                consecutive_absences: tally.consecutive_absences,
                alert: tally.alert(thresholds),
                history: history.into_iter().map(|(day, _, status)| (day, status)).collect(),
            });
        }
        Ok(out)
    }

    /// The members whose assiduité raises an alert (rule 5), in the order of
    /// [`Store::assiduity`], each with its tally; `thresholds` from the settings.
    ///
    /// Only the attendance recorded counts for an alert, so every row is read once, in the
    /// table's order, and tallied where it belongs: no member's history is put together.
    pub(super) fn members_alerted(&self) -> Result<(Vec<MemberTally>, AssiduityThresholds)> {
        let thresholds = self.assiduity_thresholds()?;
        let convoked = ConvokedToHeld::read(&self.conn, None)?;
        // A closed atelier raises no alert.
        let closed: HashSet<i64> = self
            .conn
            .prepare_cached("SELECT id FROM ateliers WHERE status = 'clos'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut tallies: HashMap<(i64, i64), Tallying<(NaiveDate, i64)>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached("SELECT meeting_id, person_id, status FROM attendance")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let meeting: i64 = r.get(0)?;
            let Some(&(atelier, day)) = convoked.meetings.get(&meeting) else { continue };
            if closed.contains(&atelier) {
                continue;
            }
            let key = (atelier, r.get::<_, i64>(1)?);
            if convoked
                .periods
                .get(&key)
                .is_some_and(|periods| convoked.convoked(meeting, day, key.1, periods))
            {
                tallies.entry(key).or_default().add((day, meeting), r.get(2)?);
            }
        }
        // Named, and ordered as the assiduité is: atelier code, last and first names folded
        // as SQLite's NOCASE folds them (ASCII only), id.
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.code, p.civility, p.first_name, p.last_name FROM ateliers a, people p
             WHERE a.id = ?1 AND p.id = ?2",
        )?;
        let mut alerted = Vec::new();
        for ((atelier, person_id), tallying) in tallies {
            let tally = tallying.tally();
            if tally.alert(thresholds).is_none() {
                continue;
            }
            let (order, atelier, name) = stmt.query_row(params![atelier, person_id], |r| {
                let code: String = r.get(0)?;
                let first = r.get::<_, String>(2)?.to_ascii_lowercase();
                let last = r.get::<_, String>(3)?.to_ascii_lowercase();
                Ok(((code.clone(), last, first, person_id), code, name_at(r, 1)?))
            })?;
            alerted.push((order, MemberTally { atelier, person_id, name, tally }));
        }
        alerted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok((alerted.into_iter().map(|(_, member)| member).collect(), thresholds))
    }
}

/// Who was convoked to which held meeting: the held meetings and the members at their date
/// (all of them for a séance, those listed for another kind).
struct ConvokedToHeld {
    /// Each held meeting: its atelier and its date.
    meetings: HashMap<i64, (i64, NaiveDate)>,
    /// The periods of each membership, by atelier and person.
    periods: HashMap<(i64, i64), Periods>,
    /// The members listed for each held meeting that is not a séance.
    lists: HashMap<i64, HashSet<i64>>,
}

impl ConvokedToHeld {
    /// The held meetings and memberships of atelier `atelier_id`, of every atelier if `None`.
    fn read(conn: &Connection, atelier_id: Option<i64>) -> Result<ConvokedToHeld> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, atelier_id, substr(starts_at, 1, 10), kind = 'seance' FROM meetings
             WHERE status = 'tenue' AND (?1 IS NULL OR atelier_id = ?1)",
        )?;
        let mut meetings = HashMap::new();
        let mut lists: HashMap<i64, HashSet<i64>> = HashMap::new();
        let mut rows = stmt.query(params![atelier_id])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            meetings.insert(id, (r.get(1)?, r.get(2)?));
            if !r.get::<_, bool>(3)? {
                lists.insert(id, HashSet::new());
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT mm.meeting_id, mm.person_id FROM meeting_members mm JOIN meetings m ON m.id = mm.meeting_id
             WHERE m.status = 'tenue' AND (?1 IS NULL OR m.atelier_id = ?1)",
        )?;
        let mut rows = stmt.query(params![atelier_id])?;
        while let Some(r) = rows.next()? {
            if let Some(list) = lists.get_mut(&r.get::<_, i64>(0)?) {
                list.insert(r.get(1)?);
            }
        }
        let mut stmt = conn.prepare_cached(
            "SELECT atelier_id, person_id, joined_on, left_on FROM memberships
             WHERE ?1 IS NULL OR atelier_id = ?1",
        )?;
        let mut periods: HashMap<(i64, i64), Periods> = HashMap::new();
        let mut rows = stmt.query(params![atelier_id])?;
        while let Some(r) = rows.next()? {
            periods.entry((r.get(0)?, r.get(1)?)).or_default().push((r.get(2)?, r.get(3)?));
        }
        Ok(ConvokedToHeld { meetings, periods, lists })
    }

    /// Whether `person`, whose memberships of the meeting's atelier are `periods`, was
    /// convoked to held meeting `meeting` of day `day`.
    fn convoked(&self, meeting: i64, day: NaiveDate, person: i64, periods: &Periods) -> bool {
        member_at(periods, day)
            && (self.lists.is_empty() || self.lists.get(&meeting).is_none_or(|list| list.contains(&person)))
    }
}

/// A member during one of `periods` on `day`.
fn member_at(periods: &Periods, day: NaiveDate) -> bool {
    periods.iter().any(|(joined, left)| *joined <= day && left.is_none_or(|left| left > day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::person::PersonInput;
    use crate::store::testing::{base_with_atelier, clock_at, member, plan};

    #[test]
    fn attendance_takes_a_proxy_never_oneself_and_a_required_absent_member_flags_the_meeting() {
        let (mut store, a) = base_with_atelier();
        let maire = member(&mut store, a, "Maire", "2027-01-01", "", true);
        let other = member(&mut store, a, "Adjoint", "2027-01-01", "", false);
        let outsider =
            store.create_person(PersonInput { last_name: "Expert".into(), ..Default::default() }).unwrap().id;
        let m = plan(&mut store, a, "12/01/2027", "09:00", "11:00");
        clock_at(&mut store, "2027-01-11", 12);
        let err = store
            .record_attendance(
                m.id,
                AttendanceInput { person_id: maire, status: "present".into(), ..Default::default() },
            )
            .unwrap_err();
        assert!(err.to_string().contains("pas encore commencé"), "{err}");
        clock_at(&mut store, "2027-01-12", 12);
        let proxy = |by| AttendanceInput {
            person_id: other,
            status: "represente".into(),
            by_person_id: by,
            ..Default::default()
        };
        assert_eq!(store.record_attendance(m.id, proxy(None)).unwrap_err().fields()[0].field, "by_person_id");
        assert!(store
            .record_attendance(m.id, proxy(Some(other)))
            .unwrap_err()
            .to_string()
            .contains("lui-même"));
        let sheet = store.record_attendance(m.id, proxy(Some(maire))).unwrap();
        assert_eq!(
            sheet.rows.iter().find(|r| r.person_id == other).unwrap().by_name.as_deref(),
            Some("Maire")
        );
        assert!(store
            .record_attendance(
                m.id,
                AttendanceInput { person_id: outsider, status: "present".into(), ..Default::default() }
            )
            .is_err());
        store.add_guest_convocation(m.id, outsider).unwrap();
        let late = AttendanceInput {
            person_id: outsider,
            status: "present".into(),
            arrived_late: true,
            ..Default::default()
        };
        store.record_attendance(m.id, late).unwrap();
        let absent = AttendanceInput {
            person_id: maire,
            status: "absent".into(),
            arrived_late: true,
            ..Default::default()
        };
        assert_eq!(store.record_attendance(m.id, absent).unwrap_err().fields()[0].field, "arrived_late");
        let sheet = store
            .record_attendance(
                m.id,
                AttendanceInput { person_id: maire, status: "excuse".into(), ..Default::default() },
            )
            .unwrap();
        assert_eq!(sheet.present_count, 1);
        let sheet = store
            .add_meeting_guest(m.id, MeetingGuest { name: "Mme Visiteuse".into(), ..Default::default() })
            .unwrap();
        assert_eq!(sheet.present_count, 2, "the expert and the visiting guest");
        assert_eq!(sheet.represented_count, 1);
        assert_eq!(sheet.required_absent, ["Maire"]);
        let required: Vec<(Option<i64>, String)> = store
            .attention("2027-01-12".parse().unwrap())
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == "meeting.required_absent")
            .map(|f| (f.meeting, f.message))
            .collect();
        assert_eq!(required.len(), 1, "{required:?}");
        assert_eq!(required[0].0, Some(m.id));
        assert!(
            required[0].1.ends_with("requise est absent(e)s ou excusé(e)s\u{a0}: Maire"),
            "{}",
            required[0].1
        );
    }

    #[test]
    fn assiduity_counts_held_meetings_where_the_member_was_convoked() {
        let (mut store, a) = base_with_atelier();
        let p = member(&mut store, a, "Durand", "2027-01-01", "", false);
        let late_joiner = member(&mut store, a, "Tardif", "2027-02-01", "", false);
        let mut ids = Vec::new();
        for date in ["12/01/2027", "09/02/2027", "09/03/2027", "06/04/2027"] {
            ids.push(plan(&mut store, a, date, "09:00", "11:00").id);
        }
        clock_at(&mut store, "2027-04-06", 12);
        for (id, status) in ids.iter().zip(["present", "absent", "excuse", "absent"]) {
            store.mark_meeting_held(*id).unwrap();
            store
                .record_attendance(
                    *id,
                    AttendanceInput { person_id: p, status: status.into(), ..Default::default() },
                )
                .unwrap();
        }
        let rows = store.assiduity(Some(a)).unwrap();
        let durand = rows.iter().find(|r| r.person_id == p).unwrap();
        assert_eq!(
            (durand.convoked, durand.recorded, durand.present, durand.rate_pct, durand.consecutive_absences),
            (4, 4, 1, Some(25), 3)
        );
        assert!(durand.alert.as_deref().unwrap_or("").contains("3 absences de suite"));
        let tardif = rows.iter().find(|r| r.person_id == late_joiner).unwrap();
        assert_eq!(
            (tardif.convoked, tardif.recorded, tardif.rate_pct),
            (3, 0, None),
            "convoked from February; nothing recorded"
        );
    }

    #[test]
    fn the_alerted_members_are_those_whose_assiduite_raises_an_alert_in_the_same_order() {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        store.load_large_demo(today, 400, 400).unwrap();
        // Demanding thresholds, so that the generated attendance raises alerts of both kinds.
        let mut data = store.settings().unwrap().data;
        (data.attendance_threshold_pct, data.consecutive_absences_max) = (90, 1);
        store.write(|tx| super::super::settings::write_settings(tx, &data)).unwrap();
        let thresholds = store.assiduity_thresholds().unwrap();
        let expected: Vec<MemberTally> = store
            .assiduity(None)
            .unwrap()
            .into_iter()
            .filter(|member| member.alert.is_some())
            .map(|member| MemberTally {
                atelier: member.atelier,
                person_id: member.person_id,
                name: member.name,
                tally: Tally {
                    recorded: member.recorded,
                    present: member.present,
                    consecutive_absences: member.consecutive_absences,
                },
            })
            .collect();
        let (alerted, read) = store.members_alerted().unwrap();
        assert_eq!(read, thresholds);
        assert!(expected.len() > 10, "the generated base raises alerts: {}", expected.len());
        let kinds = |alert: &str| {
            expected.iter().filter(|m| m.tally.alert(thresholds).unwrap().contains(alert)).count()
        };
        assert!(kinds("de suite") > 0 && kinds("Taux") > 0, "both kinds of alert are compared");
        assert_eq!(alerted, expected);
    }
}
