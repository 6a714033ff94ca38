//! Meetings: planning them without overlaps, moving, postponing, cancelling and holding
//! them, and the lists the window and the calendar show.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::rules::name_at;
use super::Store;
use crate::clock::UTC_FORMAT;
use crate::error::{Error, Problems, Result};
use crate::fr;
use crate::model::date::{store_date_time, DATE_FORMAT};
use crate::model::meeting::{
    Conflict, Convoke, MeetingData, MeetingInput, MeetingKind, MeetingStatus, MeetingSummary,
};
use crate::model::membership::MemberRole;
use crate::rules::meetings::outside_planned;

/// The one SQL definition of an active meeting, [`MeetingStatus::is_active`]: the statuses
/// of a meeting that still takes place (neither postponed nor cancelled), as the list of
/// `status IN {ACTIVE_STATUSES}`. A test checks it against the method.
pub(super) const ACTIVE_STATUSES: &str = "('prevue', 'convoquee', 'tenue')";

/// No meeting lasts longer than this: it bounds the search for overlaps.
pub const MAX_MEETING_DAYS: i64 = 7;

/// The columns [`meeting_row`] reads, from `meetings m JOIN ateliers a`.
pub(super) const MEETING_COLUMNS: &str =
    "m.id, m.atelier_id, a.code, a.title, m.session_number, m.kind, m.title,
     m.time_zone, m.starts_at, m.ends_at, m.starts_utc, m.ends_utc, m.place, m.address, m.video_link,
     m.status, m.notes, m.ical_uid, m.ical_sequence, m.series_id";

/// How many columns [`MEETING_COLUMNS`] names: a query that reads more after them starts
/// there.
pub(super) const MEETING_COLUMN_COUNT: usize = 20;

/// A meeting from a row of [`MEETING_COLUMNS`].
pub(super) fn meeting_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
    Ok(MeetingSummary {
        id: r.get(0)?,
        atelier_id: r.get(1)?,
        atelier: r.get(2)?,
        atelier_title: r.get(3)?,
        session_number: r.get(4)?,
        kind: r.get(5)?,
        title: r.get(6)?,
        time_zone: r.get(7)?,
        start: r.get(8)?,
        end: r.get(9)?,
        start_utc: r.get(10)?,
        end_utc: r.get(11)?,
        place: r.get(12)?,
        address: r.get(13)?,
        video_link: r.get(14)?,
        status: r.get(15)?,
        notes: r.get(16)?,
        ical_uid: r.get(17)?,
        ical_sequence: r.get(18)?,
        series_id: r.get(19)?,
    })
}

/// Inserts a meeting with a new, stable iCalendar UID and SEQUENCE 0.
pub(super) fn insert_meeting(tx: &Transaction<'_>, data: &MeetingData, status: MeetingStatus) -> Result<i64> {
    tx.execute(
        "INSERT INTO meetings (atelier_id, session_number, kind, title, time_zone, starts_at, ends_at,
                               starts_utc, ends_utc, place, address, video_link, status, notes,
                               ical_uid, ical_sequence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 0)",
        params![
            data.atelier_id,
            data.session_number,
            data.kind,
            data.title,
            data.time_zone.name(),
            store_date_time(data.start),
            store_date_time(data.end),
            data.start_utc.format(UTC_FORMAT).to_string(),
            data.end_utc.format(UTC_FORMAT).to_string(),
            data.place,
            data.address,
            data.video_link,
            status,
            data.notes,
            new_ical_uid(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_members(tx, id, data)?;
    Ok(id)
}

/// Writes whom meeting `id` convokes among its members when it is not a séance, as
/// `data.convoke` says (nobody when it says nothing); a séance keeps no list.
fn write_members(tx: &Transaction<'_>, id: i64, data: &MeetingData) -> Result<()> {
    if data.kind == MeetingKind::Seance {
        tx.execute("DELETE FROM meeting_members WHERE meeting_id = ?1", [id])?;
        return Ok(());
    }
    let Some(choice) = &data.convoke else { return Ok(()) };
    let people = chosen_members(tx, data.atelier_id, data.start.date(), choice)?;
    replace_members(tx, id, &people)
}

/// Makes `people` the members meeting `id` convokes.
pub(super) fn replace_members(tx: &Transaction<'_>, id: i64, people: &BTreeSet<i64>) -> Result<()> {
    tx.execute("DELETE FROM meeting_members WHERE meeting_id = ?1", [id])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO meeting_members (meeting_id, person_id) VALUES (?1, ?2)")?;
    for person in people {
        insert.execute(params![id, person])?;
    }
    Ok(())
}

/// The members of atelier `atelier_id` on `day` that `choice` names; a person named who is
/// not a member then is refused, naming them.
pub(super) fn chosen_members(
    conn: &Connection,
    atelier_id: i64,
    day: NaiveDate,
    choice: &Convoke,
) -> Result<BTreeSet<i64>> {
    let day = day.format(DATE_FORMAT).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, role FROM memberships
         WHERE atelier_id = ?1 AND joined_on <= ?2 AND (left_on IS NULL OR left_on > ?2)",
    )?;
    let members: Vec<(i64, MemberRole)> = stmt
        .query_map(params![atelier_id, day], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match choice {
        Convoke::All => Ok(members.into_iter().map(|(person, _)| person).collect()),
        Convoke::Nobody => Ok(BTreeSet::new()),
        Convoke::Role(role) => {
            Ok(members.into_iter().filter(|(_, r)| r == role).map(|(person, _)| person).collect())
        }
        Convoke::People(people) => {
            let known: BTreeSet<i64> = members.into_iter().map(|(person, _)| person).collect();
            if let Some(stranger) = people.iter().find(|p| !known.contains(p)) {
                let name = names(conn, &[*stranger]).ok().and_then(|n| n.into_iter().next()).map(|(_, n)| n);
                return Err(Error::invalid(
                    "convoke",
                    match name {
                        Some(name) => format!("{name} n'est pas membre de l'atelier à la date de la réunion"),
                        None => format!("La personne n° {stranger} n'existe pas"),
                    },
                ));
            }
            Ok(people.iter().copied().collect())
        }
    }
}

/// A globally unique UID (RFC 5545 §3.8.4.7), kept for the life of the meeting.
fn new_ical_uid() -> String {
    format!("{}@ateliers", uuid::Uuid::new_v4())
}

/// The meeting `id` read through `conn` (a transaction or the store's connection).
pub(super) fn meeting_in(conn: &Connection, id: i64) -> Result<MeetingSummary> {
    conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m JOIN ateliers a ON a.id = m.atelier_id WHERE m.id = ?1"
    ))?
    .query_row([id], meeting_row)
    .optional()?
    .ok_or(Error::NotFound { what: "La réunion", id })
}

/// What the window shows before a meeting is saved: its conflicts and the notices that do
/// not block (a date outside the atelier's planned period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictReport {
    pub conflicts: Vec<Conflict>,
    pub notices: Vec<String>,
}

/// What marking a meeting held leads to: the relevés of the atelier's earlier meetings that
/// this meeting can validate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Held {
    pub meeting: MeetingSummary,
    /// Diffused relevés waiting for validation: (meeting id, French description).
    pub releves_to_validate: Vec<(i64, String)>,
}

impl Store {
    /// Every meeting, by start.
    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>> {
        self.meetings_where("1", params![], "m.starts_utc, m.id")
    }

    /// One meeting.
    pub fn meeting(&self, id: i64) -> Result<MeetingSummary> {
        meeting_in(&self.conn, id)
    }

    /// The meetings of atelier `atelier_id`, by start.
    pub fn atelier_meetings(&self, atelier_id: i64) -> Result<Vec<MeetingSummary>> {
        self.atelier(atelier_id)?;
        self.meetings_where("m.atelier_id = ?1", params![atelier_id], "m.starts_utc, m.id")
    }

    /// The meetings of every atelier whose local start date lies from `from` to `to`
    /// included, by start (the calendar).
    pub fn meetings_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<MeetingSummary>> {
        // The UTC bounds, a day wider than any zone's offset, let the index do the work; the
        // local dates decide.
        let utc_from = (from - Duration::days(1)).format(DATE_FORMAT).to_string();
        let utc_to = (to + Duration::days(2)).format(DATE_FORMAT).to_string();
        let local_to = (to + Duration::days(1)).format(DATE_FORMAT).to_string();
        self.meetings_where(
            "m.starts_utc >= ?1 AND m.starts_utc < ?2 AND m.starts_at >= ?3 AND m.starts_at < ?4",
            params![utc_from, utc_to, from.format(DATE_FORMAT).to_string(), local_to],
            "m.starts_utc, m.id",
        )
    }

    /// The next meetings still to come (neither postponed nor cancelled), at most `limit`.
    pub fn upcoming_meetings(&self, limit: usize) -> Result<Vec<MeetingSummary>> {
        self.meetings_where(
            &format!("m.ends_utc > ?1 AND m.status IN {ACTIVE_STATUSES}"),
            params![self.stamp(), limit as i64],
            "m.starts_utc, m.id LIMIT ?2",
        )
    }

    /// The meetings of atelier `atelier_id` where a charter can have been signed « en
    /// séance »: begun by now, neither cancelled nor postponed; the latest first.
    pub fn signing_meetings(&self, atelier_id: i64) -> Result<Vec<MeetingSummary>> {
        self.atelier(atelier_id)?;
        self.meetings_where(
            &format!("m.atelier_id = ?1 AND m.starts_utc <= ?2 AND m.status IN {ACTIVE_STATUSES}"),
            params![atelier_id, self.stamp()],
            "m.starts_utc DESC, m.id DESC",
        )
    }

    /// The session number a new meeting of atelier `atelier_id` would take: one more than
    /// the highest so far.
    pub fn next_session_number(&self, atelier_id: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(max(session_number), 0) + 1 FROM meetings WHERE atelier_id = ?1",
            [atelier_id],
            |r| r.get(0),
        )?)
    }

    /// The conflicts and notices of meeting `input` (a new one when `id` is `None`), before
    /// it is saved.
    pub fn meeting_conflicts(&self, id: Option<i64>, input: MeetingInput) -> Result<ConflictReport> {
        let data = self.check_meeting(id, input)?;
        let conflicts = conflicts_of(&self.conn, id, &data)?;
        let mut notices: Vec<String> = self.outside_calendar(&data)?.into_iter().collect();
        notices.extend(self.external_overlaps(&data)?);
        Ok(ConflictReport { conflicts, notices })
    }

    /// Plans a new meeting. It is refused with [`Error::Conflicts`] when it overlaps a
    /// meeting of another atelier or convokes someone already convoked at that time, unless
    /// `force` (the secretary saves deliberately; the conflict stays listed by the rules).
    pub fn create_meeting(&mut self, input: MeetingInput, force: bool) -> Result<MeetingSummary> {
        let data = self.check_meeting(None, input)?;
        let id = self.write(|tx| {
            refuse_conflicts(tx, None, &data, force)?;
            insert_meeting(tx, &data, MeetingStatus::Prevue)
        })?;
        self.meeting(id)
    }

    /// Changes meeting `id`. A new date, time or place raises its SEQUENCE, takes a
    /// postponed meeting back to « prévue » and makes its convocations outdated.
    pub fn update_meeting(&mut self, id: i64, input: MeetingInput, force: bool) -> Result<MeetingSummary> {
        let before = self.meeting(id)?;
        if before.status == MeetingStatus::Annulee {
            return Err(Error::Refused("Cette réunion est annulée : elle ne peut plus être modifiée".into()));
        }
        let data = self.check_meeting(Some(id), input)?;
        if data.atelier_id != before.atelier_id {
            return Err(Error::invalid("atelier_id", "Une réunion ne change pas d'atelier"));
        }
        self.write(|tx| {
            refuse_conflicts(tx, Some(id), &data, force)?;
            write_update(tx, &before, &data)
        })?;
        self.meeting(id)
    }

    /// Deletes meeting `id`, planned by mistake: refused, with the reason, once anything was
    /// sent or recorded for it (a convocation sent or answered, attendance, a relevé, a
    /// signature of the charter, a relevé validated at it) or once it is held. Its ordre du
    /// jour, its lists and its documents go with it (a document's file when nothing else
    /// uses it), in one transaction.
    pub fn delete_meeting(&mut self, id: i64) -> Result<()> {
        let meeting = self.meeting(id)?;
        let what = fr::capitalise(&meeting.describe());
        if meeting.status == MeetingStatus::Tenue {
            return Err(Error::Refused(format!("{what} est tenue : elle ne se supprime pas")));
        }
        let recorded: [(&str, &str); 5] = [
            (
                "SELECT count(*) FROM convocations WHERE meeting_id = ?1 AND (sent_at IS NOT NULL OR reply <> 'sans_reponse')",
                "des convocations ont été envoyées ou ont reçu une réponse",
            ),
            ("SELECT count(*) FROM attendance WHERE meeting_id = ?1", "des présences sont enregistrées"),
            ("SELECT count(*) FROM releves WHERE meeting_id = ?1", "elle a un relevé de décisions"),
            ("SELECT count(*) FROM signatures WHERE meeting_id = ?1", "la charte y a été signée"),
            (
                "SELECT count(*) FROM releves WHERE validated_at_meeting_id = ?1",
                "un relevé y a été validé",
            ),
        ];
        for (sql, reason) in recorded {
            let count: i64 = self.conn.query_row(sql, [id], |r| r.get(0))?;
            if count > 0 {
                return Err(Error::Refused(format!(
                    "{what} ne peut pas être supprimée : {reason} ; annulez-la plutôt"
                )));
            }
        }
        let unused = self.write(|tx| {
            let documents: Vec<i64> = tx
                .prepare("SELECT attachment_id FROM meeting_documents WHERE meeting_id = ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            tx.execute("DELETE FROM meetings WHERE id = ?1", [id])?;
            let mut unused = Vec::new();
            for document in documents {
                unused.extend(super::attachments::forget_attachment(tx, document)?);
            }
            Ok(unused)
        })?;
        for file in unused {
            self.remove_unused_file(Some(file));
        }
        Ok(())
    }

    /// Postpones meeting `id` (to a date still to find): status « reportée », SEQUENCE raised.
    pub fn postpone_meeting(&mut self, id: i64) -> Result<MeetingSummary> {
        self.set_status(id, MeetingStatus::Reportee)
    }

    /// Cancels meeting `id`: status « annulée », SEQUENCE raised.
    pub fn cancel_meeting(&mut self, id: i64) -> Result<MeetingSummary> {
        self.set_status(id, MeetingStatus::Annulee)
    }

    fn set_status(&mut self, id: i64, status: MeetingStatus) -> Result<MeetingSummary> {
        let before = self.meeting(id)?;
        let refused = |what: &str| {
            Err(Error::Refused(fr::typography(&format!("{} : {what}", fr::capitalise(&before.describe())))))
        };
        match before.status {
            MeetingStatus::Annulee => return refused("elle est déjà annulée"),
            MeetingStatus::Tenue => return refused("elle a été tenue"),
            MeetingStatus::Reportee if status == MeetingStatus::Reportee => {
                return refused("elle est déjà reportée")
            }
            _ => {}
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE meetings SET status = ?2, ical_sequence = ical_sequence + 1 WHERE id = ?1",
                params![id, status],
            )?;
            Ok(())
        })?;
        self.meeting(id)
    }

    /// Marks meeting `id` held (it must have begun), and lists the diffused relevés of the
    /// atelier's earlier meetings that it can now validate.
    pub fn mark_meeting_held(&mut self, id: i64) -> Result<Held> {
        let before = self.meeting(id)?;
        if !before.status.is_active() {
            return Err(Error::Refused(format!(
                "{} est {} : elle ne peut pas être marquée tenue",
                fr::capitalise(&before.describe()),
                before.status.label().to_lowercase()
            )));
        }
        if before.start_utc > self.stamp() {
            return Err(Error::Refused(format!(
                "{} n'a pas encore commencé : elle ne peut pas être marquée tenue",
                fr::capitalise(&before.describe())
            )));
        }
        self.write(|tx| {
            tx.execute("UPDATE meetings SET status = 'tenue' WHERE id = ?1", [id])?;
            Ok(())
        })?;
        let releves_to_validate = self.releves_to_validate_at(id)?;
        Ok(Held { meeting: self.meeting(id)?, releves_to_validate })
    }

    /// Checks a meeting's form in the right time zone (the meeting's own once it exists,
    /// the settings' for a new one), its atelier and its session number.
    pub(super) fn check_meeting(&self, id: Option<i64>, input: MeetingInput) -> Result<MeetingData> {
        let (zone, atelier_id) = match id {
            Some(id) => {
                let meeting = self.meeting(id)?;
                (crate::clock::zone(&meeting.time_zone), meeting.atelier_id)
            }
            None => (self.time_zone()?, input.atelier_id),
        };
        if self.atelier(atelier_id).is_err() {
            return Err(Error::invalid("atelier_id", "Choisissez l'atelier de la réunion"));
        }
        let data = MeetingInput { atelier_id, ..input }.check(zone)?;
        let mut problems = Problems::default();
        if data.end_utc - data.start_utc > Duration::days(MAX_MEETING_DAYS) {
            problems.add("end_date", format!("Une réunion dure au plus {MAX_MEETING_DAYS} jours"));
        }
        if let Some(n) = data.session_number {
            let taken: Option<String> = self
                .conn
                .query_row(
                    "SELECT starts_at FROM meetings WHERE atelier_id = ?1 AND session_number = ?2 AND id IS NOT ?3",
                    params![atelier_id, n, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(start) = taken {
                let day = chrono::NaiveDateTime::parse_from_str(&start, crate::model::date::DATE_TIME_FORMAT)
                    .map(|d| fr::long_date(d.date()))
                    .unwrap_or(start);
                problems.add(
                    "session_number",
                    format!(
                        "La séance n° {n} de cet atelier existe déjà (le {day}) : choisissez un autre numéro"
                    ),
                );
            }
        }
        problems.into_result(data)
    }

    /// The events of imported calendars that the meeting of `data` overlaps (whole-day
    /// events, such as holidays, are markers and overlap nothing), each said in French.
    pub(super) fn external_overlaps(&self, data: &MeetingData) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.name, e.summary, e.starts_utc FROM external_events e
             JOIN external_calendars c ON c.id = e.calendar_id
             WHERE e.all_day = 0 AND e.starts_utc < ?2 AND e.ends_utc > ?1
             ORDER BY e.starts_utc, e.id",
        )?;
        let (start, end) =
            (data.start_utc.format(UTC_FORMAT).to_string(), data.end_utc.format(UTC_FORMAT).to_string());
        let rows = stmt.query_map(params![start, end], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut notices = Vec::new();
        for row in rows {
            let (calendar, summary, starts) = row?;
            let when = starts
                .parse::<chrono::DateTime<chrono::Utc>>()
                .map(|t| fr::long_date_time(t.with_timezone(&data.time_zone).naive_local()))
                .unwrap_or(starts);
            notices.push(fr::typography(&format!(
                "La réunion chevauche « {summary} » du calendrier « {calendar} » ({when})"
            )));
        }
        Ok(notices)
    }

    /// « Hors du calendrier prévu » when the meeting falls outside its atelier's planned
    /// start and end.
    pub(super) fn outside_calendar(&self, data: &MeetingData) -> Result<Option<String>> {
        let atelier = self.atelier(data.atelier_id)?.data;
        let day = data.start.date();
        Ok(outside_planned(day, atelier.planned_start, atelier.planned_end).map(|why| {
            fr::typography(&format!(
                "La réunion du {} tombe {why} de l'atelier {}",
                fr::long_date(day),
                atelier.code
            ))
        }))
    }

    pub(super) fn meetings_where(
        &self,
        filter: &str,
        params: &[&dyn rusqlite::ToSql],
        order: &str,
    ) -> Result<Vec<MeetingSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
             WHERE {filter} ORDER BY {order}"
        ))?;
        let rows = stmt.query_map(params, meeting_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Fails with [`Error::Conflicts`] when `data` has conflicts and the secretary did not
/// choose to save anyway.
fn refuse_conflicts(tx: &Transaction<'_>, id: Option<i64>, data: &MeetingData, force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let conflicts = conflicts_of(tx, id, data)?;
    if conflicts.is_empty() {
        Ok(())
    } else {
        Err(Error::Conflicts(conflicts))
    }
}

/// Writes `data` over meeting `before`. A new date, time or place raises its SEQUENCE, takes
/// a postponed or convoked meeting back to « prévue » (its convocations are then outdated).
pub(super) fn write_update(tx: &Transaction<'_>, before: &MeetingSummary, data: &MeetingData) -> Result<()> {
    let moved = data.start_utc.format(UTC_FORMAT).to_string() != before.start_utc
        || data.end_utc.format(UTC_FORMAT).to_string() != before.end_utc
        || data.place != before.place
        || data.address != before.address
        || data.video_link != before.video_link;
    let status = match before.status {
        MeetingStatus::Reportee | MeetingStatus::Convoquee if moved => MeetingStatus::Prevue,
        status => status,
    };
    tx.execute(
        "UPDATE meetings SET session_number = ?2, kind = ?3, title = ?4, starts_at = ?5, ends_at = ?6,
                starts_utc = ?7, ends_utc = ?8, place = ?9, address = ?10, video_link = ?11,
                notes = ?12, status = ?13, ical_sequence = ical_sequence + ?14
         WHERE id = ?1",
        params![
            before.id,
            data.session_number,
            data.kind,
            data.title,
            store_date_time(data.start),
            store_date_time(data.end),
            data.start_utc.format(UTC_FORMAT).to_string(),
            data.end_utc.format(UTC_FORMAT).to_string(),
            data.place,
            data.address,
            data.video_link,
            data.notes,
            status,
            i64::from(moved),
        ],
    )?;
    if data.kind == MeetingKind::Seance || data.convoke.is_some() {
        write_members(tx, before.id, data)?;
    }
    Ok(())
}

/// The active meetings that `data` (meeting `id` once saved) overlaps — one that ends when
/// the other starts does not — which belong to another atelier or share convoked people.
pub(super) fn conflicts_of(conn: &Connection, id: Option<i64>, data: &MeetingData) -> Result<Vec<Conflict>> {
    let start = data.start_utc.format(UTC_FORMAT).to_string();
    let end = data.end_utc.format(UTC_FORMAT).to_string();
    let earliest = (data.start_utc - Duration::days(MAX_MEETING_DAYS)).format(UTC_FORMAT).to_string();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS} FROM meetings m JOIN ateliers a ON a.id = m.atelier_id
         WHERE m.starts_utc >= ?1 AND m.starts_utc < ?2 AND m.ends_utc > ?3
           AND m.status IN {ACTIVE_STATUSES} AND m.id IS NOT ?4
         ORDER BY m.starts_utc, m.id"
    ))?;
    let others = stmt
        .query_map(params![earliest, end, start, id], meeting_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if others.is_empty() {
        return Ok(Vec::new());
    }
    let mine = candidates_convoked(conn, id, data)?;
    let mut conflicts = Vec::new();
    for other in others {
        let theirs = convoked_people(conn, other.id)?;
        let shared: Vec<i64> = mine.intersection(&theirs).copied().collect();
        let other_atelier = other.atelier_id != data.atelier_id;
        if !other_atelier && shared.is_empty() {
            continue;
        }
        let people = names(conn, &shared)?;
        conflicts.push(conflict(other, other_atelier, people));
    }
    Ok(conflicts)
}

/// A conflict with its French sentence.
pub(super) fn conflict(other: MeetingSummary, other_atelier: bool, people: Vec<(i64, String)>) -> Conflict {
    let mut message = format!("Chevauche {} (jusqu'à {})", other.describe(), fr::time(other.end_local()));
    if !people.is_empty() {
        let listed: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
        message.push_str(&format!(
            " ; {} convoquée(s) aux deux : {}",
            fr::count(people.len(), "personne", "personnes"),
            listed.join(", ")
        ));
    }
    Conflict { meeting: other, other_atelier, people, message: fr::typography(&message) }
}

/// Who meeting `data` would convoke: its atelier's members at its date (for a séance), or
/// those it chooses (else its list so far), plus the guests already convoked to it.
fn candidates_convoked(conn: &Connection, id: Option<i64>, data: &MeetingData) -> Result<BTreeSet<i64>> {
    let (atelier, day) = (data.atelier_id, data.start.date());
    let mut people = match (data.kind, &data.convoke) {
        (MeetingKind::Seance, _) => chosen_members(conn, atelier, day, &Convoke::All)?,
        (_, Some(choice)) => chosen_members(conn, atelier, day, choice)?,
        (_, None) => {
            let listed = chosen_members(conn, atelier, day, &Convoke::All)?;
            let mut stmt =
                conn.prepare_cached("SELECT person_id FROM meeting_members WHERE meeting_id = ?1")?;
            let chosen: BTreeSet<i64> =
                stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            listed.intersection(&chosen).copied().collect()
        }
    };
    let mut stmt =
        conn.prepare_cached("SELECT person_id FROM convocations WHERE meeting_id = ?1 AND guest = 1")?;
    for guest in stmt.query_map([id], |r| r.get(0))? {
        people.insert(guest?);
    }
    Ok(people)
}

/// The people convoked to meeting `id` (view `convoked`).
pub(super) fn convoked_people(conn: &Connection, id: i64) -> Result<BTreeSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT person_id FROM convoked WHERE meeting_id = ?1")?;
    let people = stmt.query_map([id], |r| r.get(0))?;
    Ok(people.collect::<rusqlite::Result<_>>()?)
}

/// The display names of people `ids`, in the order given.
pub(super) fn names(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT civility, first_name, last_name FROM people WHERE id = ?1")?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        out.push((id, stmt.query_row([id], |r| name_at(r, 0))?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::clock::Clock;
    use crate::model::membership::MembershipInput;
    use crate::model::person::PersonInput;
    use crate::store::testing::{base_with_atelier, second_atelier};

    fn input(atelier_id: i64, date: &str, start: &str, end: &str) -> MeetingInput {
        MeetingInput {
            atelier_id,
            date: date.into(),
            start_time: start.into(),
            end_time: end.into(),
            place: "Salle du conseil".into(),
            ..MeetingInput::default()
        }
    }

    #[test]
    fn an_overlap_with_another_atelier_is_refused_unless_forced_and_touching_is_no_overlap() {
        let (mut store, a) = base_with_atelier();
        let b = second_atelier(&mut store);
        store.create_meeting(input(a, "12/01/2027", "18:00", "20:00"), false).unwrap();
        // Ends when the other starts, and starts when the other ends: no overlap.
        store.create_meeting(input(b, "12/01/2027", "16:00", "18:00"), false).expect("touching before");
        store.create_meeting(input(b, "12/01/2027", "20:00", "21:00"), false).expect("touching after");
        let err = store.create_meeting(input(b, "12/01/2027", "19:59", "21:30"), false).unwrap_err();
        match &err {
            Error::Conflicts(c) => {
                assert_eq!(c.len(), 1, "the 18–20 meeting; its own 20–21 one convokes nobody twice: {c:?}");
                assert!(c[0].other_atelier && c[0].message.contains("AP-T"), "{}", c[0].message);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(err.code(), "conflict");
        assert_eq!(store.list_meetings().unwrap().len(), 3, "nothing written");
        store.create_meeting(input(b, "12/01/2027", "19:59", "21:30"), true).expect("saved deliberately");
    }

    #[test]
    fn the_same_atelier_may_overlap_itself_unless_it_convokes_the_same_people() {
        let (mut store, a) = base_with_atelier();
        store.create_meeting(input(a, "12/01/2027", "18:00", "20:00"), false).unwrap();
        store.create_meeting(input(a, "12/01/2027", "19:00", "21:00"), false).expect("nobody convoked twice");
        let person =
            store.create_person(PersonInput { last_name: "Muller".into(), ..Default::default() }).unwrap().id;
        store
            .add_membership(
                a,
                MembershipInput {
                    person_id: person,
                    category: "elu_municipal".into(),
                    joined_on: "2027-01-01".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let report = store.meeting_conflicts(None, input(a, "12/01/2027", "19:30", "22:00")).unwrap();
        assert_eq!(report.conflicts.len(), 2);
        assert_eq!(report.conflicts[0].people, vec![(person, "Muller".to_string())]);
        assert!(
            report.conflicts[0].message.contains("1 personne convoquée(s) aux deux\u{a0}: Muller"),
            "{}",
            report.conflicts[0].message
        );
        // Before the member joined, nobody is convoked twice.
        let earlier = store.meeting_conflicts(None, input(a, "2026-12-12", "19:30", "22:00")).unwrap();
        assert!(earlier.conflicts.is_empty());
    }

    #[test]
    fn overlaps_are_instants_across_the_clock_changes() {
        let (mut store, a) = base_with_atelier();
        let b = second_atelier(&mut store);
        // 25 October 2026: 01:30–02:30 summer time ends at 00:30 UTC; 02:30 winter time
        // (the second one) starts at 01:30 UTC: one hour apart, no overlap.
        let mut first = input(a, "25/10/2026", "01:30", "02:30");
        first.fold = "premiere".into();
        store.create_meeting(first, false).unwrap();
        let mut second = input(b, "25/10/2026", "02:30", "03:30");
        let err = store.create_meeting(second.clone(), false).unwrap_err();
        assert_eq!(err.fields()[0].field, "fold", "asked, never guessed: {err}");
        assert!(err.to_string().contains("existe deux fois"), "{err}");
        second.fold = "seconde".into();
        store.create_meeting(second.clone(), false).expect("an hour after the first ends");
        // 02:00 happens twice too: the first time (00:00 UTC) is inside the first meeting,
        // the second time (01:00 UTC) is after it.
        second.start_time = "02:00".into();
        second.fold = "premiere".into();
        let clash = store.meeting_conflicts(None, second.clone()).unwrap();
        assert_eq!(clash.conflicts.len(), 1, "{clash:?}");
        second.fold = "seconde".into();
        let clash = store.meeting_conflicts(None, second.clone()).unwrap();
        assert!(
            clash.conflicts.is_empty(),
            "only its own atelier's 02:30 meeting, nobody convoked twice: {clash:?}"
        );
        // 29 March 2026: 02:30 does not exist.
        let err = store.create_meeting(input(a, "29/03/2026", "02:30", "04:00"), false).unwrap_err();
        assert_eq!(err.fields()[0].field, "start_time");
        assert!(err.to_string().contains("n'existe pas"), "{err}");
        // 01:30–03:30 that night lasts one hour only; it overlaps a 03:00 meeting.
        store.create_meeting(input(a, "29/03/2026", "01:30", "03:30"), false).unwrap();
        let m = store.meeting_conflicts(None, input(b, "29/03/2026", "03:00", "04:00")).unwrap();
        assert_eq!(m.conflicts.len(), 1);
        let m = store.meeting_conflicts(None, input(b, "29/03/2026", "03:30", "04:00")).unwrap();
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn changing_the_settings_time_zone_never_moves_a_meeting() {
        let (mut store, a) = base_with_atelier();
        let m = store.create_meeting(input(a, "12/01/2027", "18:00", "20:00"), false).unwrap();
        assert_eq!((m.time_zone.as_str(), m.start_utc.as_str()), ("Europe/Paris", "2027-01-12T17:00:00Z"));
        let mut settings = store.settings().unwrap().data;
        settings.time_zone = "America/Martinique".into();
        store.conn.execute("UPDATE settings SET time_zone = ?1", [&settings.time_zone]).unwrap();
        let again = store.meeting(m.id).unwrap();
        assert_eq!(again, m);
        // Editing it keeps its own zone.
        let edited = store
            .update_meeting(
                m.id,
                MeetingInput { title: "Bilan".into(), ..MeetingInput::from_meeting(&m) },
                false,
            )
            .unwrap();
        assert_eq!(
            (edited.time_zone.as_str(), edited.start_utc.as_str()),
            ("Europe/Paris", "2027-01-12T17:00:00Z")
        );
        assert_eq!(edited.ical_sequence, 0, "a new title is no move");
        // A new meeting takes the new zone: 18:00 in Martinique is 22:00 UTC.
        let new = store.create_meeting(input(a, "13/01/2027", "18:00", "20:00"), false).unwrap();
        assert_eq!(
            (new.time_zone.as_str(), new.start_utc.as_str()),
            ("America/Martinique", "2027-01-13T22:00:00Z")
        );
    }

    #[test]
    fn moving_postponing_and_cancelling_raise_the_sequence() {
        let (mut store, a) = base_with_atelier();
        let m = store.create_meeting(input(a, "12/01/2027", "18:00", "20:00"), false).unwrap();
        let moved = store.update_meeting(m.id, input(a, "19/01/2027", "18:00", "20:00"), false).unwrap();
        assert_eq!(moved.ical_sequence, 1);
        let postponed = store.postpone_meeting(m.id).unwrap();
        assert_eq!((postponed.status, postponed.ical_sequence), (MeetingStatus::Reportee, 2));
        let replanned = store.update_meeting(m.id, input(a, "26/01/2027", "18:00", "20:00"), false).unwrap();
        assert_eq!((replanned.status, replanned.ical_sequence), (MeetingStatus::Prevue, 3));
        let cancelled = store.cancel_meeting(m.id).unwrap();
        assert_eq!((cancelled.status, cancelled.ical_sequence), (MeetingStatus::Annulee, 4));
        assert!(matches!(store.cancel_meeting(m.id), Err(Error::Refused(_))));
        assert_eq!(cancelled.ical_uid, m.ical_uid, "the UID never changes");
    }

    #[test]
    fn session_numbers_are_unique_per_atelier_and_a_meeting_is_held_once_begun() {
        let (mut store, a) = base_with_atelier();
        let mut first = input(a, "12/01/2027", "18:00", "20:00");
        first.session_number = "1".into();
        let m = store.create_meeting(first.clone(), false).unwrap();
        assert_eq!(store.next_session_number(a).unwrap(), 2);
        first.date = "19/01/2027".into();
        let err = store.create_meeting(first, false).unwrap_err();
        assert_eq!(err.fields()[0].field, "session_number");
        assert!(err.to_string().contains("existe déjà (le mardi 12 janvier 2027)"), "{err}");
        store.set_clock(Clock::fixed_at(
            NaiveDate::from_ymd_opt(2027, 1, 12).unwrap().and_hms_opt(17, 59, 0).unwrap(),
            crate::clock::DEFAULT_ZONE,
        ));
        assert!(store.mark_meeting_held(m.id).unwrap_err().to_string().contains("pas encore commencé"));
        store.set_clock(Clock::fixed_at(
            NaiveDate::from_ymd_opt(2027, 1, 12).unwrap().and_hms_opt(18, 0, 0).unwrap(),
            crate::clock::DEFAULT_ZONE,
        ));
        assert_eq!(store.mark_meeting_held(m.id).unwrap().meeting.status, MeetingStatus::Tenue);
    }

    #[test]
    fn a_meeting_outside_the_planned_period_is_noticed() {
        let (store, a) = base_with_atelier();
        store
            .conn
            .execute("UPDATE ateliers SET planned_start = '2027-01-01', planned_end = '2027-06-30'", [])
            .unwrap();
        let report = store.meeting_conflicts(None, input(a, "12/12/2026", "18:00", "20:00")).unwrap();
        assert_eq!(report.notices.len(), 1);
        assert!(
            report.notices[0].contains("avant le début prévu (vendredi 1er janvier 2027)"),
            "{:?}",
            report.notices
        );
        assert!(store
            .meeting_conflicts(None, input(a, "12/01/2027", "18:00", "20:00"))
            .unwrap()
            .notices
            .is_empty());
    }

    #[test]
    fn the_upcoming_meetings_are_the_next_ones_still_to_end_and_the_calendar_takes_local_dates() {
        let (mut store, a) = base_with_atelier();
        let b = second_atelier(&mut store);
        for (atelier, date) in [(a, "05/01/2027"), (a, "12/01/2027"), (b, "31/01/2027"), (a, "01/02/2027")] {
            store.create_meeting(input(atelier, date, "18:00", "20:00"), false).unwrap();
        }
        let cancelled = store.create_meeting(input(b, "13/01/2027", "18:00", "20:00"), false).unwrap();
        store.cancel_meeting(cancelled.id).unwrap();
        store.set_clock(Clock::fixed_at(
            NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(19, 0, 0).unwrap(),
            crate::clock::DEFAULT_ZONE,
        ));
        let next: Vec<String> = store.upcoming_meetings(2).unwrap().into_iter().map(|m| m.start).collect();
        assert_eq!(
            next,
            ["2027-01-05T18:00:00", "2027-01-12T18:00:00"],
            "the one under way, then the next; not the cancelled one"
        );
        let january = store
            .meetings_between(
                NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            )
            .unwrap();
        assert_eq!(january.len(), 4, "the 31st included, February not; the cancelled one shown");
    }

    #[test]
    fn a_signature_in_session_names_a_meeting_already_begun_and_held() {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        store.load_demo(today).unwrap();
        store.set_clock(Clock::fixed_at(today.and_hms_opt(12, 0, 0).unwrap(), crate::clock::DEFAULT_ZONE));
        for atelier in store.list_ateliers().unwrap() {
            let meetings = store.signing_meetings(atelier.id).unwrap();
            assert!(meetings.windows(2).all(|w| w[0].start_utc >= w[1].start_utc), "the latest first");
            for m in &meetings {
                assert!(m.start_utc.as_str() <= "2026-11-24T11:00:00Z", "{m:?}");
                assert!(m.status.is_active());
            }
        }
        let all = store.list_meetings().unwrap().len();
        let signing: usize =
            store.list_ateliers().unwrap().iter().map(|a| store.signing_meetings(a.id).unwrap().len()).sum();
        assert!(signing > 0 && signing < all, "past meetings only: {signing} of {all}");
    }

    #[test]
    fn the_sql_of_an_active_meeting_is_the_method_is_active() {
        let active: Vec<String> = MeetingStatus::ALL
            .iter()
            .filter(|s| s.is_active())
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        assert_eq!(ACTIVE_STATUSES, format!("({})", active.join(", ")));
    }

    #[test]
    fn a_meeting_planned_by_mistake_is_deleted_until_something_is_recorded_for_it() {
        let (mut store, a) = crate::store::testing::base_with_atelier();
        crate::store::testing::clock_at(&mut store, "2027-01-04", 12);
        let person = crate::store::testing::member(&mut store, a, "Anne", "2027-01-01", "", false);
        let mistake = crate::store::testing::plan(&mut store, a, "12/01/2027", "09:00", "11:00");
        store
            .save_agenda(
                mistake.id,
                vec![crate::model::agenda::AgendaItemInput {
                    title: "Point".into(),
                    kind: "information".into(),
                    ..Default::default()
                }],
            )
            .unwrap();
        store.delete_meeting(mistake.id).unwrap();
        assert!(matches!(store.meeting(mistake.id), Err(Error::NotFound { .. })));
        let sent = crate::store::testing::plan(&mut store, a, "13/01/2027", "09:00", "11:00");
        store.record_convocations_sent(sent.id, &[person], "courriel").unwrap();
        let err = store.delete_meeting(sent.id).unwrap_err();
        assert!(err.to_string().contains("des convocations ont été envoyées"), "{err}");
        assert!(err.to_string().contains("annulez-la plutôt"), "{err}");
        assert!(store.meeting(sent.id).is_ok(), "nothing deleted");
    }

    #[test]
    fn the_form_hears_of_the_imported_events_a_meeting_would_overlap() {
        let (store, a) = crate::store::testing::base_with_atelier();
        store
            .conn
            .execute_batch(
                "INSERT INTO external_calendars (id, name, source_file, imported_at)
                 VALUES (1, 'Agenda de la Région', 'region.ics', '2027-01-01T00:00:00Z');
                 INSERT INTO external_events (calendar_id, uid, summary, starts_utc, ends_utc, all_day) VALUES
                   (1, 'a', 'Commission permanente', '2027-01-12T08:30:00Z', '2027-01-12T10:00:00Z', 0),
                   (1, 'b', 'Jour férié', '2027-01-12T00:00:00Z', '2027-01-13T00:00:00Z', 1),
                   (1, 'c', 'Plus tard', '2027-01-12T11:00:00Z', '2027-01-12T12:00:00Z', 0);",
            )
            .unwrap();
        let input = MeetingInput {
            atelier_id: a,
            date: "12/01/2027".into(),
            start_time: "09:00".into(),
            end_time: "11:00".into(),
            place: "Salle 1".into(),
            ..Default::default()
        };
        let report = store.meeting_conflicts(None, input).unwrap();
        assert_eq!(report.notices.len(), 1, "{:?}", report.notices);
        assert!(
            report.notices[0].replace('\u{a0}', " ").contains("chevauche « Commission permanente » du calendrier « Agenda de la Région » (mardi 12 janvier 2027 à 9"),
            "{}",
            report.notices[0]
        );
    }
}
