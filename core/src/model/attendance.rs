//! Who is convoked to a meeting, what was sent to them, who came, and the assiduité that
//! follows (rule 5).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::meeting::{ConvocationChannel, ConvocationReply};
use super::membership::College;
use super::text_enum::text_enum;

text_enum! {
    /// Attendance of one convoked person at one meeting.
    AttendanceStatus {
        Present = "present", "Présent";
        Distance = "distance", "À distance";
        Excuse = "excuse", "Excusé";
        Absent = "absent", "Absent";
        Represente = "represente", "Représenté (pouvoir)";
        Supplee = "supplee", "Suppléé";
    }
}

impl AttendanceStatus {
    /// Counts as present for the assiduité (rule 5: present, or represented, or replaced).
    pub fn counts_present(self) -> bool {
        !matches!(self, AttendanceStatus::Excuse | AttendanceStatus::Absent)
    }

    /// Takes a person who holds the proxy or sits in the member's place.
    pub fn takes_someone(self) -> bool {
        matches!(self, AttendanceStatus::Represente | AttendanceStatus::Supplee)
    }
}

/// Where one person's convocation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConvocationState {
    /// Nothing sent yet.
    AEnvoyer,
    /// Sent for the meeting as it stands.
    AJour,
    /// Sent for an earlier version (date, time or place changed since): « à reconvoquer ».
    AReconvoquer,
}

/// One convoked person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConvocationRow {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    /// Convoked as a guest (not a member at the meeting's date).
    pub guest: bool,
    pub college: Option<College>,
    pub state: ConvocationState,
    /// When it was sent (UTC record stamp).
    pub sent_at: Option<String>,
    pub channel: Option<ConvocationChannel>,
    /// The version of the meeting it announced: its SEQUENCE, local start and place.
    pub sent_sequence: Option<i64>,
    pub sent_start: Option<String>,
    pub sent_place: Option<String>,
    pub reply: ConvocationReply,
    pub replied_at: Option<String>,
    /// Whether their postal address is known (a letter can be posted to them).
    pub postal_address: bool,
}

/// The convocations of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Convocations {
    pub meeting_id: i64,
    pub sequence: i64,
    pub rows: Vec<ConvocationRow>,
    pub to_send: usize,
    pub outdated: usize,
    /// The deadline warning (the meeting is near and convocations are unsent).
    pub deadline: Option<String>,
    /// For a meeting that is not a séance: its atelier's members at its date, whom it may
    /// convoke, each ticked when it does. Empty for a séance (it convokes them all).
    pub members: Vec<MemberChoice>,
}

/// A member a meeting that is not a séance may convoke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberChoice {
    pub person_id: i64,
    pub name: String,
    pub role: crate::model::membership::MemberRole,
    pub convoked: bool,
}

/// The attendance form of one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttendanceInput {
    pub person_id: i64,
    /// Stored name of an [`AttendanceStatus`]; empty clears the record.
    pub status: String,
    /// Who holds the proxy (représenté) or sits in the member's place (suppléé).
    pub by_person_id: Option<i64>,
    pub arrived_late: bool,
    pub left_early: bool,
}

/// One convoked person's attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendanceRow {
    pub person_id: i64,
    pub name: String,
    pub guest: bool,
    pub college: Option<College>,
    pub presence_required: bool,
    pub status: Option<AttendanceStatus>,
    pub by_person_id: Option<i64>,
    pub by_name: Option<String>,
    pub arrived_late: bool,
    pub left_early: bool,
}

/// Someone who came without being convoked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingGuest {
    pub id: i64,
    pub name: String,
    pub function: String,
    pub organisation: String,
}

/// The attendance sheet of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendanceSheet {
    pub meeting_id: i64,
    pub rows: Vec<AttendanceRow>,
    pub guests: Vec<MeetingGuest>,
    /// Present in the room or at a distance, plus the guests who came.
    pub present_count: usize,
    /// Represented or replaced.
    pub represented_count: usize,
    /// Convoked people whose attendance is not recorded yet.
    pub unrecorded_count: usize,
    /// « à reporter »: the members whose presence is required and who are absent.
    pub required_absent: Vec<String>,
}

/// One member's assiduité in one atelier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assiduity {
    pub atelier: String,
    pub person_id: i64,
    pub name: String,
    pub college: College,
    /// Held meetings where they were convoked.
    pub convoked: usize,
    /// Of those, the ones whose attendance is recorded.
    pub recorded: usize,
    /// Present, at a distance, represented or replaced.
    pub present: usize,
    /// Percentage of `present` over `recorded`, rounded down; none before any record.
    pub rate_pct: Option<i64>,
    /// Absences (excused or not) in a row, up to the latest recorded meeting.
    pub consecutive_absences: usize,
    /// Too many absences in a row, or a rate below the threshold once at least as many
    /// meetings are recorded as the consecutive-absences threshold.
    pub alert: Option<String>,
    /// Each held meeting: its date and the status recorded (for the chart).
    pub history: Vec<(NaiveDate, Option<AttendanceStatus>)>,
}

/// What the settings say about assiduité.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssiduityThresholds {
    pub rate_pct: i64,
    pub consecutive_absences: usize,
}

/// What an assiduité is judged on: the held meetings whose attendance is recorded, those
/// where the member counted as present, and the absences in a row up to the latest one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub recorded: usize,
    pub present: usize,
    pub consecutive_absences: usize,
}

impl Tally {
    /// The tally of the statuses recorded for one member, in date order.
    pub fn of(recorded: &[AttendanceStatus]) -> Tally {
        let mut tallying = Tallying::default();
        for (at, status) in recorded.iter().enumerate() {
            tallying.add(at, *status);
        }
        tallying.tally()
    }

    /// Percentage of `present` over `recorded`, rounded down; none before any record.
    pub fn rate_pct(self) -> Option<i64> {
        (self.recorded > 0).then(|| (self.present * 100 / self.recorded) as i64)
    }

    /// Too many absences in a row, or a rate below the threshold once at least as many
    /// meetings are recorded as the consecutive-absences threshold (the rate says little
    /// over fewer: until then only absences in a row raise an alert).
    pub fn alert(self, thresholds: AssiduityThresholds) -> Option<String> {
        let consecutive = self.consecutive_absences;
        if consecutive >= thresholds.consecutive_absences {
            return Some(format!(
                "{consecutive} absences de suite (alerte à partir de {})",
                thresholds.consecutive_absences
            ));
        }
        let meaningful = self.recorded >= thresholds.consecutive_absences;
        match self.rate_pct() {
            Some(rate) if meaningful && rate < thresholds.rate_pct => {
                Some(format!("Taux de présence de {rate} % sous le seuil de {} %", thresholds.rate_pct))
            }
            _ => None,
        }
    }
}

/// A [`Tally`] put together from statuses read in any order, each with its place in date
/// order `K` (the store reads the attendance of every member at once, in the table's order).
#[derive(Debug, Clone)]
pub struct Tallying<K> {
    recorded: usize,
    present: usize,
    latest_present: Option<K>,
    absences: Vec<K>,
}

impl<K> Default for Tallying<K> {
    fn default() -> Self {
        Tallying { recorded: 0, present: 0, latest_present: None, absences: Vec::new() }
    }
}

impl<K: Ord + Copy> Tallying<K> {
    /// Counts `status`, recorded at the meeting placed at `at`.
    pub fn add(&mut self, at: K, status: AttendanceStatus) {
        self.recorded += 1;
        if status.counts_present() {
            self.present += 1;
            self.latest_present = self.latest_present.max(Some(at));
        } else {
            self.absences.push(at);
        }
    }

    /// The tally: the absences in a row are those after the latest presence.
    pub fn tally(&self) -> Tally {
        let after_latest_present = |at: &&K| self.latest_present.is_none_or(|latest| **at > latest);
        Tally {
            recorded: self.recorded,
            present: self.present,
            consecutive_absences: self.absences.iter().filter(after_latest_present).count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttendanceStatus::*;

    const THRESHOLDS: AssiduityThresholds = AssiduityThresholds { rate_pct: 50, consecutive_absences: 3 };

    /// The tally of `statuses` (`None`: not recorded, left out as the store leaves it out),
    /// its rate and its alert.
    fn rate(statuses: &[Option<AttendanceStatus>]) -> (usize, Option<i64>, usize, Option<String>) {
        let recorded: Vec<AttendanceStatus> = statuses.iter().flatten().copied().collect();
        let tally = Tally::of(&recorded);
        (tally.recorded, tally.rate_pct(), tally.consecutive_absences, tally.alert(THRESHOLDS))
    }

    #[test]
    fn represented_replaced_and_remote_count_as_present_and_unrecorded_meetings_do_not_count() {
        let (recorded, pct, consecutive, alert) =
            rate(&[Some(Present), Some(Represente), Some(Supplee), Some(Distance), Some(Excuse), None]);
        assert_eq!((recorded, pct, consecutive), (5, Some(80), 1));
        assert_eq!(alert, None);
    }

    #[test]
    fn the_rate_is_rounded_down_and_alerts_under_the_threshold() {
        let (_, pct, _, alert) = rate(&[
            Some(Present),
            Some(Absent),
            Some(Absent),
            Some(Present),
            Some(Excuse),
            Some(Present),
            Some(Absent),
        ]);
        assert_eq!(pct, Some(42), "3 / 7");
        assert_eq!(alert.as_deref(), Some("Taux de présence de 42 % sous le seuil de 50 %"));
        let (_, pct, _, alert) = rate(&[Some(Present), Some(Absent), Some(Present), Some(Absent)]);
        assert_eq!((pct, alert), (Some(50), None), "at the threshold is not under it");
        let (_, pct, _, alert) = rate(&[Some(Absent), Some(Present)]);
        assert_eq!((pct, alert), (Some(50), None));
        let (_, pct, _, alert) = rate(&[Some(Excuse)]);
        assert_eq!((pct, alert), (Some(0), None), "one meeting is too few for a rate alert");
    }

    #[test]
    fn consecutive_absences_count_back_from_the_latest_recorded_meeting() {
        let (_, _, consecutive, alert) = rate(&[
            Some(Present),
            Some(Present),
            Some(Present),
            Some(Present),
            Some(Absent),
            None,
            Some(Excuse),
            Some(Absent),
        ]);
        assert_eq!(consecutive, 3);
        assert_eq!(alert.as_deref(), Some("3 absences de suite (alerte à partir de 3)"));
        assert_eq!(rate(&[]).1, None, "no record, no rate");
    }

    #[test]
    fn a_tally_read_in_any_order_is_the_tally_of_the_statuses_in_date_order() {
        let in_order = [Present, Excuse, Present, Absent, Distance, Absent, Excuse];
        let mut tallying = Tallying::default();
        for at in [4, 0, 6, 2, 5, 1, 3] {
            tallying.add(at, in_order[at]);
        }
        assert_eq!(tallying.tally(), Tally::of(&in_order));
        assert_eq!(tallying.tally(), Tally { recorded: 7, present: 3, consecutive_absences: 2 });
        assert_eq!(Tally::of(&[Absent, Excuse]).consecutive_absences, 2, "never present: every absence");
    }
}
