//! Series of meetings: planned at once from a rule (every N weeks, « le 2e mardi » of each
//! month…), every date checked and every conflict found before any is saved; then each is an
//! ordinary meeting with its own UID, which can be moved or cancelled with all that follow.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Transaction};
use serde::Serialize;

use super::meetings::{conflicts_of, insert_meeting, write_update};
use super::{ConflictReport, Store};
use crate::error::{Error, FieldError, Result};
use crate::fr;
use crate::model::date::DATE_FORMAT;
use crate::model::meeting::{Conflict, MeetingData, MeetingInput, MeetingStatus, MeetingSummary};
use crate::model::recurrence::Recurrence;

/// What the window shows before a series is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesPlan {
    /// The rule as stored (`FREQ=MONTHLY;BYDAY=2TU;COUNT=10`).
    pub rule: String,
    /// The rule in French: « le 2e mardi de chaque mois, 10 réunions ».
    pub description: String,
    /// Each meeting's start in French, in order.
    pub dates: Vec<String>,
    /// The conflicts of every meeting of the series, each message naming its date.
    pub conflicts: Vec<Conflict>,
    /// The notices that do not block (outside the planned period, imported events).
    pub notices: Vec<String>,
}

/// The series a meeting belongs to, as its page says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesInfo {
    pub id: i64,
    pub rule: String,
    /// « le 2e mardi de chaque mois, 10 réunions ».
    pub description: String,
    /// The meeting's place in the series (1 for the first).
    pub position: usize,
    /// How many meetings the series holds now.
    pub count: usize,
    /// How many meetings of the series, this one included, can still be moved or cancelled
    /// with it (neither held nor cancelled, from its start on).
    pub following: usize,
}

/// The statuses of a meeting that « all that follow » moves or cancels.
const CHANGEABLE: &str = "('prevue', 'convoquee', 'reportee')";

impl Store {
    /// The dates, conflicts and notices of the series that `input` begins and `rule` repeats,
    /// before it is saved (nothing is written).
    pub fn series_preview(&mut self, input: MeetingInput, rule: &str) -> Result<SeriesPlan> {
        let (recurrence, meetings) = self.series_meetings(input, rule)?;
        let mut notices = Vec::new();
        for data in &meetings {
            notices.extend(self.outside_calendar(data)?);
            notices.extend(self.external_overlaps(data)?);
        }
        let tx = self.conn.transaction()?;
        let (_, conflicts) = plan(&tx, &meetings, None)?;
        tx.rollback()?;
        let first = meetings[0].start.date();
        Ok(SeriesPlan {
            rule: recurrence.to_rrule(),
            description: recurrence.describe(first),
            dates: meetings.iter().map(|m| fr::typography(&fr::long_date_time(m.start))).collect(),
            conflicts,
            notices,
        })
    }

    /// Plans the series that `input` begins and `rule` repeats, in one transaction: refused
    /// with [`Error::Conflicts`] (every conflict of every date, nothing written) unless
    /// `force`. A session number given to the first meeting rises by one at each.
    pub fn create_series(
        &mut self,
        input: MeetingInput,
        rule: &str,
        force: bool,
    ) -> Result<Vec<MeetingSummary>> {
        let (recurrence, meetings) = self.series_meetings(input, rule)?;
        let ids = self.write(|tx| {
            tx.execute(
                "INSERT INTO meeting_series (atelier_id, rule) VALUES (?1, ?2)",
                params![meetings[0].atelier_id, recurrence.to_rrule()],
            )?;
            let (ids, conflicts) = plan(tx, &meetings, Some(tx.last_insert_rowid()))?;
            if conflicts.is_empty() || force {
                Ok(ids)
            } else {
                Err(Error::Conflicts(conflicts))
            }
        })?;
        ids.into_iter().map(|id| self.meeting(id)).collect()
    }

    /// The series meeting `id` belongs to, if any.
    pub fn meeting_series(&self, id: i64) -> Result<Option<SeriesInfo>> {
        let meeting = self.meeting(id)?;
        let Some(series) = meeting.series_id else { return Ok(None) };
        let rule: String =
            self.conn.query_row("SELECT rule FROM meeting_series WHERE id = ?1", [series], |r| r.get(0))?;
        let all = self.series_members(series)?;
        let position = all.iter().position(|m| m.id == id).map_or(1, |p| p + 1);
        let following = self.following(&meeting)?.len();
        let description = Recurrence::parse(&rule)
            .map(|r| r.describe(all.first().map_or(meeting.start_local().date(), |m| m.start_local().date())))
            .unwrap_or_else(|_| rule.clone());
        Ok(Some(SeriesInfo { id: series, rule, description, position, count: all.len(), following }))
    }

    /// The conflicts and notices of moving meeting `id` as `input` says with every meeting
    /// of its series that follows ([`Store::update_following`]), before saving (nothing is
    /// written).
    pub fn following_conflicts(&mut self, id: i64, input: MeetingInput) -> Result<ConflictReport> {
        let changes = self.following_changes(id, input)?;
        let mut notices = Vec::new();
        for (_, data) in &changes {
            notices.extend(self.outside_calendar(data)?);
            notices.extend(self.external_overlaps(data)?);
        }
        let tx = self.conn.transaction()?;
        let conflicts = move_all(&tx, &changes)?;
        tx.rollback()?;
        Ok(ConflictReport { conflicts, notices })
    }

    /// Moves meeting `id` as `input` says and every meeting of its series that follows it
    /// (neither held nor cancelled) the same way: by the same number of days, to the same
    /// times and place; each keeps its own title, notes and number. All are checked, and
    /// their conflicts found, before any is saved; every moved meeting's SEQUENCE rises.
    pub fn update_following(
        &mut self,
        id: i64,
        input: MeetingInput,
        force: bool,
    ) -> Result<Vec<MeetingSummary>> {
        let changes = self.following_changes(id, input)?;
        let ids = self.write(|tx| {
            let conflicts = move_all(tx, &changes)?;
            if conflicts.is_empty() || force {
                Ok(changes.iter().map(|(m, _)| m.id).collect::<Vec<_>>())
            } else {
                Err(Error::Conflicts(conflicts))
            }
        })?;
        let mut moved: Vec<MeetingSummary> =
            ids.into_iter().map(|id| self.meeting(id)).collect::<Result<_>>()?;
        moved.sort_by(|a, b| a.start_utc.cmp(&b.start_utc));
        Ok(moved)
    }

    /// Meeting `id` and each of the following meetings of its series with what it becomes,
    /// in the order they are to be written: moved later, the last first (and earlier, the
    /// first first), so that none lands on the place of one not moved yet.
    fn following_changes(&self, id: i64, input: MeetingInput) -> Result<Vec<(MeetingSummary, MeetingData)>> {
        let before = self.meeting(id)?;
        let following = self.following(&before)?;
        if following.first().map(|m| m.id) != Some(id) {
            return Err(not_in_series(&before));
        }
        let data = self.check_meeting(Some(id), input.clone())?;
        let shift = data.start.date() - before.start_local().date();
        let span = data.end.date() - data.start.date();
        let mut changes = vec![(before, data)];
        let mut problems = Vec::new();
        for other in following.into_iter().skip(1) {
            let day = other.start_local().date() + shift;
            let moved = MeetingInput {
                atelier_id: other.atelier_id,
                session_number: other.session_number.map(|n| n.to_string()).unwrap_or_default(),
                kind: other.kind.as_str().to_string(),
                title: other.title.clone(),
                notes: other.notes.clone(),
                date: day.format(DATE_FORMAT).to_string(),
                end_date: if span.is_zero() {
                    String::new()
                } else {
                    (day + span).format(DATE_FORMAT).to_string()
                },
                convoke: String::new(),
                ..input.clone()
            };
            match self.check_meeting(Some(other.id), moved) {
                Ok(data) => changes.push((other, data)),
                Err(Error::Invalid(fields)) => problems.extend(named(day, fields)),
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        if shift > Duration::zero() {
            changes.reverse();
        }
        Ok(changes)
    }

    /// Cancels meeting `id` and every meeting of its series that follows it (neither held
    /// nor cancelled already), in one transaction; each one's SEQUENCE rises.
    pub fn cancel_following(&mut self, id: i64) -> Result<Vec<MeetingSummary>> {
        let before = self.meeting(id)?;
        let following = self.following(&before)?;
        if following.first().map(|m| m.id) != Some(id) {
            return Err(not_in_series(&before));
        }
        self.write(|tx| {
            let mut cancel = tx.prepare_cached(
                "UPDATE meetings SET status = 'annulee', ical_sequence = ical_sequence + 1 WHERE id = ?1",
            )?;
            for meeting in &following {
                cancel.execute([meeting.id])?;
            }
            Ok(())
        })?;
        following.iter().map(|m| self.meeting(m.id)).collect()
    }

    /// Meeting `meeting` and the meetings of its series after it that can still change
    /// (neither held nor cancelled), by start; empty when it is in no series or cannot change.
    fn following(&self, meeting: &MeetingSummary) -> Result<Vec<MeetingSummary>> {
        let Some(series) = meeting.series_id else { return Ok(Vec::new()) };
        self.meetings_where(
            &format!("m.series_id = ?1 AND m.starts_utc >= ?2 AND m.status IN {CHANGEABLE}"),
            params![series, meeting.start_utc],
            "m.starts_utc, m.id",
        )
    }

    /// Every meeting of series `series`, by start.
    fn series_members(&self, series: i64) -> Result<Vec<MeetingSummary>> {
        self.meetings_where("m.series_id = ?1", params![series], "m.starts_utc, m.id")
    }

    /// The rule read and every meeting of the series checked: the first as the form says,
    /// the others on the rule's dates (the same times, place and kind; the session number
    /// rising by one). A problem on a later date names that date.
    fn series_meetings(&self, input: MeetingInput, rule: &str) -> Result<(Recurrence, Vec<MeetingData>)> {
        let recurrence = Recurrence::parse(rule).map_err(|message| Error::invalid("repeat", message))?;
        let first = self.check_meeting(None, input.clone())?;
        let dates =
            recurrence.dates(first.start.date()).map_err(|message| Error::invalid("repeat", message))?;
        let span = first.end.date() - first.start.date();
        let mut meetings = vec![first];
        let mut problems = Vec::new();
        for (k, day) in dates.iter().enumerate().skip(1) {
            let session_number =
                meetings[0].session_number.map(|n| (n + k as i64).to_string()).unwrap_or_default();
            let next = MeetingInput {
                date: day.format(DATE_FORMAT).to_string(),
                end_date: if span.is_zero() {
                    String::new()
                } else {
                    (*day + span).format(DATE_FORMAT).to_string()
                },
                session_number,
                ..input.clone()
            };
            match self.check_meeting(None, next) {
                Ok(data) => meetings.push(data),
                Err(Error::Invalid(fields)) => problems.extend(named(*day, fields)),
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok((recurrence, meetings))
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Inserts `meetings` (into series `series`), each checked for conflicts against the base
/// and the meetings of the series inserted before it: their ids and every conflict, each
/// naming its date.
fn plan(
    tx: &Transaction<'_>,
    meetings: &[MeetingData],
    series: Option<i64>,
) -> Result<(Vec<i64>, Vec<Conflict>)> {
    let mut ids = Vec::with_capacity(meetings.len());
    let mut conflicts = Vec::new();
    for data in meetings {
        conflicts.extend(conflicts_of(tx, None, data)?.into_iter().map(|c| dated(data.start.date(), c)));
        let id = insert_meeting(tx, data, MeetingStatus::Prevue)?;
        tx.execute("UPDATE meetings SET series_id = ?2 WHERE id = ?1", params![id, series])?;
        ids.push(id);
    }
    Ok((ids, conflicts))
}

/// Writes `changes` in order, each checked for conflicts first: every conflict, each naming
/// its date.
fn move_all(tx: &Transaction<'_>, changes: &[(MeetingSummary, MeetingData)]) -> Result<Vec<Conflict>> {
    let mut conflicts = Vec::new();
    for (before, data) in changes {
        conflicts.extend(
            conflicts_of(tx, Some(before.id), data)?.into_iter().map(|c| dated(data.start.date(), c)),
        );
        write_update(tx, before, data)?;
    }
    Ok(conflicts)
}

/// A conflict whose message begins with the date of the series' meeting it concerns.
fn dated(day: NaiveDate, mut conflict: Conflict) -> Conflict {
    conflict.message = fr::typography(&format!(
        "Réunion du {} : {}",
        fr::long_date(day),
        fr::lower_first(&conflict.message)
    ));
    conflict
}

/// The problems of the meeting on `day`, each message naming it.
fn named(day: NaiveDate, fields: Vec<FieldError>) -> impl Iterator<Item = FieldError> {
    fields.into_iter().map(move |f| {
        FieldError::new(
            f.field,
            fr::typography(&format!("Réunion du {} : {}", fr::long_date(day), fr::lower_first(&f.message))),
        )
    })
}

fn not_in_series(meeting: &MeetingSummary) -> Error {
    Error::Refused(fr::typography(&format!(
        "{} ne fait pas partie d'une série, ou elle est tenue ou annulée",
        fr::capitalise(&meeting.describe())
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::plain;
    use crate::store::testing::{base_with_atelier, clock_at, second_atelier};

    fn input(atelier_id: i64, date: &str) -> MeetingInput {
        MeetingInput {
            atelier_id,
            session_number: "1".into(),
            date: date.into(),
            start_time: "18:00".into(),
            end_time: "20:00".into(),
            place: "Salle du conseil".into(),
            ..MeetingInput::default()
        }
    }

    fn base() -> (Store, i64) {
        let (mut store, atelier) = base_with_atelier();
        clock_at(&mut store, "2026-12-01", 9);
        (store, atelier)
    }

    #[test]
    fn a_monthly_series_is_ten_ordinary_meetings_numbered_in_turn_each_with_its_uid() {
        let (mut store, atelier) = base();
        let plan =
            store.series_preview(input(atelier, "2027-01-12"), "FREQ=MONTHLY;BYDAY=2TU;COUNT=10").unwrap();
        assert_eq!(plan.dates.len(), 10);
        assert_eq!(plan.description, "le 2e mardi de chaque mois, 10 réunions");
        assert!(plan.conflicts.is_empty());
        assert!(store.list_meetings().unwrap().is_empty(), "a preview writes nothing");
        let meetings = store
            .create_series(input(atelier, "2027-01-12"), "FREQ=MONTHLY;BYDAY=2TU;COUNT=10", false)
            .unwrap();
        assert_eq!(meetings.len(), 10);
        assert_eq!(meetings[9].start, "2027-10-12T18:00:00");
        assert_eq!(meetings[9].session_number, Some(10));
        // Summer time: the same wall-clock time, another UTC instant.
        assert_eq!(meetings[0].start_utc, "2027-01-12T17:00:00Z");
        assert_eq!(meetings[5].start_utc, "2027-06-08T16:00:00Z");
        let uids: std::collections::BTreeSet<&str> = meetings.iter().map(|m| m.ical_uid.as_str()).collect();
        assert_eq!(uids.len(), 10);
        let info = store.meeting_series(meetings[2].id).unwrap().unwrap();
        assert_eq!((info.position, info.count, info.following), (3, 10, 8));
        assert_eq!(info.rule, "FREQ=MONTHLY;BYDAY=2TU;COUNT=10");
    }

    #[test]
    fn one_conflict_refuses_the_whole_series_and_names_its_date() {
        let (mut store, atelier) = base();
        let other = second_atelier(&mut store);
        let mut clash = input(other, "2027-03-09");
        clash.session_number = String::new();
        store.create_meeting(clash, false).unwrap();
        let Err(Error::Conflicts(conflicts)) =
            store.create_series(input(atelier, "2027-01-12"), "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", false)
        else {
            panic!("the series overlaps a meeting of another atelier")
        };
        assert_eq!(conflicts.len(), 1);
        assert!(
            plain(&conflicts[0].message).starts_with("Réunion du mardi 9 mars 2027 : chevauche"),
            "{}",
            conflicts[0].message
        );
        assert_eq!(store.list_meetings().unwrap().len(), 1, "nothing of the series was written");
        let forced = store
            .create_series(input(atelier, "2027-01-12"), "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", true)
            .unwrap();
        assert_eq!(forced.len(), 4);
    }

    #[test]
    fn a_bad_date_in_the_series_names_it_and_nothing_is_written() {
        let (mut store, atelier) = base();
        // The session number 3 is taken: the series' third meeting would take it again.
        let mut taken = input(atelier, "2026-12-15");
        taken.session_number = "3".into();
        store.create_meeting(taken, false).unwrap();
        let Err(Error::Invalid(fields)) =
            store.create_series(input(atelier, "2027-01-05"), "FREQ=WEEKLY;COUNT=4", false)
        else {
            panic!("refused")
        };
        assert_eq!(fields.len(), 1);
        assert!(
            plain(&fields[0].message).starts_with("Réunion du mardi 19 janvier 2027 : la séance n° 3"),
            "{}",
            fields[0].message
        );
        let Err(Error::Invalid(fields)) =
            store.create_series(input(atelier, "2027-01-06"), "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", false)
        else {
            panic!("refused")
        };
        assert_eq!(fields[0].field, "repeat");
        assert_eq!(store.list_meetings().unwrap().len(), 1);
    }

    #[test]
    fn moving_and_cancelling_one_and_all_that_follow() {
        let (mut store, atelier) = base();
        let series = store.create_series(input(atelier, "2027-01-05"), "FREQ=WEEKLY;COUNT=5", false).unwrap();
        // Moving all from the third a week later: no false conflict with the next one.
        let mut later = MeetingInput::from_meeting(&series[2]);
        later.date = "2027-01-26".into();
        later.start_time = "17:30".into();
        later.place = "Salle B".into();
        let moved = store.update_following(series[2].id, later, false).unwrap();
        assert_eq!(moved.len(), 3);
        let starts: Vec<&str> = moved.iter().map(|m| m.start.as_str()).collect();
        assert_eq!(starts, ["2027-01-26T17:30:00", "2027-02-02T17:30:00", "2027-02-09T17:30:00"]);
        assert!(moved.iter().all(|m| m.place == "Salle B" && m.ical_sequence == 1));
        assert_eq!(moved[1].session_number, Some(4), "each keeps its number");
        assert_eq!(
            store.meeting(series[1].id).unwrap().start,
            "2027-01-12T18:00:00",
            "the earlier ones stay"
        );
        // Moving one alone keeps it in the series.
        let mut alone = MeetingInput::from_meeting(&series[1]);
        alone.start_time = "18:30".into();
        store.update_meeting(series[1].id, alone, false).unwrap();
        assert_eq!(store.meeting_series(series[1].id).unwrap().unwrap().count, 5);
        // Cancel from the fourth: the fourth and fifth.
        let cancelled = store.cancel_following(series[3].id).unwrap();
        assert_eq!(cancelled.len(), 2);
        assert!(cancelled.iter().all(|m| m.status == MeetingStatus::Annulee && m.ical_sequence == 2));
        assert_eq!(store.meeting(series[2].id).unwrap().status, MeetingStatus::Prevue);
        assert!(store.cancel_following(series[4].id).is_err(), "a cancelled one has nothing to follow");
        let mut one = input(atelier, "2027-03-02");
        one.session_number = "20".into();
        let single = store.create_meeting(one, false).unwrap();
        assert!(
            plain(&store.cancel_following(single.id).unwrap_err().to_string()).contains("ne fait pas partie")
        );
    }
}
