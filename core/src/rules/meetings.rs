//! Rule 2, the planning of meetings (PRODUCT.md, « Rules »): no two meetings of different
//! ateliers overlap (the mission intercommunalité's rule), nobody is convoked to two
//! overlapping meetings, our meetings against the events of imported calendars, a meeting
//! outside its atelier's planned period; and the convocations of coming meetings, due
//! within the notice or announcing an earlier version. Computed over the coming meetings
//! (active, not yet ended) that the store gathers.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::Finding;
use crate::fr;
use crate::model::meeting::{MeetingStatus, MeetingSummary};

/// One coming meeting and what the rules need of its convocations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComingMeeting {
    pub meeting: MeetingSummary,
    /// Convoked people who hold no sent convocation. Gathered for the meetings that start
    /// before the end of the notice ([`convocations_within`]); 0 for the others.
    pub unsent: usize,
    /// The convocations sent: the SEQUENCE each announced and its holder's name, by name.
    pub sent: Vec<(i64, String)>,
}

/// An event of an imported calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEvent {
    /// Name of its calendar.
    pub calendar: String,
    pub summary: String,
    /// UTC instants as stored (`2027-01-12T17:00:00Z`): compared as text, as SQL does.
    pub start_utc: String,
    pub end_utc: String,
    pub all_day: bool,
}

/// What rule 2 and the convocations need of the base.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanningFacts {
    /// « Today » for the rules.
    pub today: NaiveDate,
    /// The settings' notice of convocation, in days.
    pub notice_days: i64,
    /// The active meetings that end on or after `today`, by UTC start then id: the ones
    /// whose conflicts can still be fixed.
    pub coming: Vec<ComingMeeting>,
    /// Each atelier's planned start and end, by atelier id.
    pub planned: HashMap<i64, (Option<NaiveDate>, Option<NaiveDate>)>,
    /// The people convoked to each coming meeting that overlaps another
    /// ([`overlapping_pairs`]), by meeting id.
    pub convoked: HashMap<i64, BTreeSet<i64>>,
    /// Display names of the people of `convoked`, by id.
    pub names: HashMap<i64, String>,
    /// The imported events that end after the first coming meeting starts, by UTC start
    /// (then id).
    pub events: Vec<ImportedEvent>,
}

/// The findings of rule 2, then the convocations due and outdated, in that order.
pub fn planning_findings(facts: &PlanningFacts) -> Vec<Finding> {
    let mut findings = overlap_findings(facts);
    findings.extend(imported_overlap_findings(&facts.coming, &facts.events));
    findings.extend(outside_calendar_findings(&facts.coming, &facts.planned));
    findings
}

/// The convocations due within the notice, then those that announced an earlier version.
pub fn convocation_findings(facts: &PlanningFacts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for c in &facts.coming {
        if let Some(message) = convocation_deadline(&c.meeting, c.unsent, facts.today, facts.notice_days) {
            findings.push(meeting_finding("convocation.due", &c.meeting, message));
        }
    }
    for c in &facts.coming {
        let m = &c.meeting;
        let awaiting = matches!(m.status, MeetingStatus::Prevue | MeetingStatus::Convoquee);
        if !awaiting || m.start_local().date() < facts.today {
            continue;
        }
        let people: Vec<&str> = c
            .sent
            .iter()
            .filter(|(sequence, _)| *sequence < m.ical_sequence)
            .map(|(_, n)| n.as_str())
            .collect();
        if people.is_empty() {
            continue;
        }
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
    findings
}

/// The last day (excluded) of the notice that starts `today`: the coming meetings that
/// start before it are those whose unsent convocations the rule counts.
pub fn convocations_within(today: NaiveDate, notice_days: i64) -> NaiveDate {
    today + chrono::Duration::days(notice_days)
}

/// « La réunion a lieu dans 3 jours et 12 convocations ne sont pas envoyées » when a meeting
/// still to hold is fewer than `notice_days` away from `today` and convocations are unsent.
pub fn convocation_deadline(
    meeting: &MeetingSummary,
    unsent: usize,
    today: NaiveDate,
    notice_days: i64,
) -> Option<String> {
    let days = (meeting.start_local().date() - today).num_days();
    let upcoming = matches!(meeting.status, MeetingStatus::Prevue | MeetingStatus::Convoquee);
    (upcoming && unsent > 0 && days >= 0 && days < notice_days).then(|| {
        let when = match days {
            0 => "aujourd'hui".to_string(),
            1 => "demain".to_string(),
            n => format!("dans {n} jours"),
        };
        fr::typography(&format!(
            "{} a lieu {when} (délai de convocation : {notice_days} jours) et {} {}",
            fr::capitalise(&meeting.describe()),
            fr::count(unsent, "convocation", "convocations"),
            if unsent > 1 { "ne sont pas encore envoyées" } else { "n'est pas encore envoyée" },
        ))
    })
}

/// Two coming meetings of different ateliers at the same time, and people convoked to both.
fn overlap_findings(facts: &PlanningFacts) -> Vec<Finding> {
    let coming: Vec<&MeetingSummary> = facts.coming.iter().map(|c| &c.meeting).collect();
    let empty = BTreeSet::new();
    let mut findings = Vec::new();
    for (i, j) in overlapping_pairs(&coming) {
        let (a, b) = (coming[i], coming[j]);
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
        let theirs = facts.convoked.get(&a.id).unwrap_or(&empty);
        let shared: Vec<&str> = facts
            .convoked
            .get(&b.id)
            .unwrap_or(&empty)
            .intersection(theirs)
            .map(|id| facts.names.get(id).map(String::as_str).unwrap_or_default())
            .collect();
        if !shared.is_empty() {
            findings.push(meeting_finding(
                "meeting.member_overlap",
                b,
                format!(
                    "{} convoque à la même heure que {} : {}",
                    fr::capitalise(&b.describe()),
                    a.describe(),
                    shared.join(", ")
                ),
            ));
        }
    }
    findings
}

/// The overlapping pairs among `meetings` sorted by UTC start — one that ends when the
/// other starts does not overlap it —: one sweep, so thousands of meetings cost no more
/// than sorting them. Each pair is (earlier index, later index).
pub fn overlapping_pairs(meetings: &[&MeetingSummary]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, m) in meetings.iter().enumerate() {
        open.retain(|&j| meetings[j].end_utc > m.start_utc);
        for &j in &open {
            pairs.push((j, i));
        }
        open.push(i);
    }
    pairs
}

/// Our coming meetings that overlap an event of an imported calendar (whole-day events,
/// such as holidays, are markers and overlap nothing).
fn imported_overlap_findings(coming: &[ComingMeeting], events: &[ImportedEvent]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for ComingMeeting { meeting: m, .. } in coming {
        let before_end = events.partition_point(|e| e.start_utc < m.end_utc);
        for event in &events[..before_end] {
            if event.end_utc <= m.start_utc || event.all_day {
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
    findings
}

fn outside_calendar_findings(
    coming: &[ComingMeeting],
    planned: &HashMap<i64, (Option<NaiveDate>, Option<NaiveDate>)>,
) -> Vec<Finding> {
    coming
        .iter()
        .filter_map(|ComingMeeting { meeting: m, .. }| {
            let (start, end) = planned.get(&m.atelier_id).copied().unwrap_or_default();
            outside_planned(m.start_local().date(), start, end).map(|why| {
                meeting_finding(
                    "meeting.outside_calendar",
                    m,
                    format!("{} tombe {why} de l'atelier", fr::capitalise(&m.describe())),
                )
            })
        })
        .collect()
}

/// « avant le début prévu (…) » or « après la fin prévue (…) » when `day` lies outside the
/// planned period.
pub fn outside_planned(day: NaiveDate, start: Option<NaiveDate>, end: Option<NaiveDate>) -> Option<String> {
    match (start, end) {
        (Some(start), _) if day < start => Some(format!("avant le début prévu ({})", fr::long_date(start))),
        (_, Some(end)) if day > end => Some(format!("après la fin prévue ({})", fr::long_date(end))),
        _ => None,
    }
}

/// A warning of `rule` about meeting `m`.
pub(super) fn meeting_finding(rule: &'static str, m: &MeetingSummary, message: String) -> Finding {
    let mut finding = Finding::warning(rule, &m.atelier, message);
    finding.meeting = Some(m.id);
    finding
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::meeting::MeetingKind;
    use crate::rules::tests::plain;

    /// Meeting `id` of atelier `atelier` (code `AP-<atelier>`) on 12 January 2027 from
    /// `start` to `end` (`HH:MM`, Paris: UTC + 1), planned.
    pub(in crate::rules) fn meeting(id: i64, atelier: i64, start: &str, end: &str) -> MeetingSummary {
        let utc = |t: &str| {
            let (h, m) = t.split_once(':').unwrap();
            format!("2027-01-12T{:02}:{m}:00Z", h.parse::<u32>().unwrap() - 1)
        };
        MeetingSummary {
            id,
            atelier_id: atelier,
            atelier: format!("AP-{atelier}"),
            atelier_title: String::new(),
            session_number: Some(id),
            kind: MeetingKind::Seance,
            title: String::new(),
            time_zone: "Europe/Paris".into(),
            start: format!("2027-01-12T{start}:00"),
            end: format!("2027-01-12T{end}:00"),
            start_utc: utc(start),
            end_utc: utc(end),
            place: "Salle 1".into(),
            address: String::new(),
            video_link: String::new(),
            status: MeetingStatus::Prevue,
            notes: String::new(),
            ical_uid: format!("uid-{id}"),
            ical_sequence: 0,
            series_id: None,
        }
    }

    fn coming(meeting: MeetingSummary) -> ComingMeeting {
        ComingMeeting { meeting, unsent: 0, sent: Vec::new() }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    fn facts(meetings: Vec<MeetingSummary>) -> PlanningFacts {
        PlanningFacts {
            today: day(4),
            notice_days: 5,
            coming: meetings.into_iter().map(coming).collect(),
            ..PlanningFacts::default()
        }
    }

    fn rules(findings: &[Finding]) -> Vec<(&'static str, Option<i64>)> {
        findings.iter().map(|f| (f.rule, f.meeting)).collect()
    }

    #[test]
    fn the_sweep_finds_every_overlapping_pair_and_no_touching_one() {
        let ms = [
            meeting(1, 1, "10:00", "14:00"),
            meeting(2, 1, "11:00", "12:00"),
            meeting(3, 1, "13:00", "15:00"),
            meeting(4, 1, "15:00", "16:00"),
        ];
        let refs: Vec<&MeetingSummary> = ms.iter().collect();
        assert_eq!(overlapping_pairs(&refs), vec![(0, 1), (0, 2)]);
    }

    #[test]
    fn two_ateliers_at_the_same_time_overlap_and_one_atelier_only_with_the_same_people() {
        let mut f = facts(vec![
            meeting(1, 1, "18:00", "20:00"),
            meeting(2, 1, "19:00", "21:00"),
            meeting(3, 2, "20:00", "22:00"),
            meeting(4, 3, "22:00", "23:00"),
        ]);
        assert_eq!(
            rules(&planning_findings(&f)),
            [("meeting.overlap", Some(3))],
            "1 and 2 share an atelier and nobody; 3 touches 4"
        );
        f.convoked.insert(1, BTreeSet::from([10, 11]));
        f.convoked.insert(2, BTreeSet::from([11, 12]));
        f.convoked.insert(3, BTreeSet::from([12, 11]));
        f.names.extend([(11, "Muller".to_string()), (12, "Schmitt".to_string())]);
        let found = planning_findings(&f);
        assert_eq!(
            rules(&found),
            [
                ("meeting.member_overlap", Some(2)),
                ("meeting.overlap", Some(3)),
                ("meeting.member_overlap", Some(3))
            ]
        );
        assert_eq!(
            plain(&found[0].message),
            "La séance n° 2 de l'atelier AP-1 du mardi 12 janvier 2027 à 19 h 00 convoque à la même heure que la séance n° 1 de l'atelier AP-1 du mardi 12 janvier 2027 à 18 h 00 : Muller"
        );
        assert!(plain(&found[2].message).ends_with(": Muller, Schmitt"), "{}", plain(&found[2].message));
    }

    #[test]
    fn imported_events_overlap_unless_they_touch_or_last_the_whole_day() {
        let event = |summary: &str, start: &str, end: &str, all_day: bool| ImportedEvent {
            calendar: "Département".into(),
            summary: summary.into(),
            start_utc: start.into(),
            end_utc: end.into(),
            all_day,
        };
        let mut f = facts(vec![meeting(1, 1, "18:00", "20:00")]);
        f.events = vec![
            event("Férié", "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z", true),
            event("Avant", "2027-01-12T15:00:00Z", "2027-01-12T17:00:00Z", false),
            event("Commission", "2027-01-12T18:30:00Z", "2027-01-12T20:00:00Z", false),
            event("Après", "2027-01-12T19:00:00Z", "2027-01-12T20:00:00Z", false),
        ];
        let found = planning_findings(&f);
        assert_eq!(rules(&found), [("meeting.external_overlap", Some(1))]);
        assert!(
            plain(&found[0].message).ends_with(
                "chevauche « Commission » du calendrier « Département » (mardi 12 janvier 2027 à 19 h 30)"
            ),
            "{}",
            plain(&found[0].message)
        );
    }

    #[test]
    fn a_meeting_outside_its_planned_period_is_noticed_on_its_days_only() {
        let mut f = facts(vec![meeting(1, 1, "18:00", "20:00")]);
        f.planned.insert(1, (Some(day(12)), Some(day(12))));
        assert!(planning_findings(&f).is_empty(), "the first and the last day are inside");
        f.planned.insert(1, (Some(day(13)), None));
        let found = planning_findings(&f);
        assert_eq!(rules(&found), [("meeting.outside_calendar", Some(1))]);
        assert!(plain(&found[0].message)
            .ends_with("tombe avant le début prévu (mercredi 13 janvier 2027) de l'atelier"));
        f.planned.insert(1, (None, Some(day(11))));
        assert!(
            plain(&planning_findings(&f)[0].message).contains("après la fin prévue (lundi 11 janvier 2027)")
        );
    }

    #[test]
    fn convocations_are_due_within_the_notice_only_for_meetings_still_to_hold() {
        let mut f = facts(vec![meeting(1, 1, "18:00", "20:00")]);
        f.coming[0].unsent = 2;
        let due = |f: &PlanningFacts| rules(&convocation_findings(f));
        f.today = day(7);
        assert_eq!(due(&f), [], "five days before: outside the notice of five");
        f.today = day(8);
        let found = convocation_findings(&f);
        assert_eq!(rules(&found), [("convocation.due", Some(1))]);
        assert!(plain(&found[0].message).contains("a lieu dans 4 jours (délai de convocation : 5 jours) et 2 convocations ne sont pas encore envoyées"), "{}", plain(&found[0].message));
        f.today = day(11);
        assert!(plain(&convocation_findings(&f)[0].message).contains("a lieu demain"));
        f.today = day(12);
        f.coming[0].unsent = 1;
        assert!(plain(&convocation_findings(&f)[0].message).contains("aujourd'hui"));
        assert!(
            plain(&convocation_findings(&f)[0].message).ends_with("1 convocation n'est pas encore envoyée")
        );
        f.today = day(13);
        assert_eq!(due(&f), [], "already begun");
        f.today = day(12);
        f.coming[0].meeting.status = MeetingStatus::Tenue;
        assert_eq!(due(&f), [], "held");
        f.coming[0].meeting.status = MeetingStatus::Convoquee;
        f.coming[0].unsent = 0;
        assert_eq!(due(&f), [], "everything sent");
    }

    #[test]
    fn convocations_of_an_earlier_version_are_outdated_until_the_meeting_starts() {
        let mut f = facts(vec![meeting(1, 1, "18:00", "20:00")]);
        f.coming[0].meeting.ical_sequence = 2;
        f.coming[0].sent = vec![(2, "A jour".into()), (1, "Muller".into()), (0, "Schmitt".into())];
        let found = convocation_findings(&f);
        assert_eq!(rules(&found), [("convocation.outdated", Some(1))]);
        assert!(
            plain(&found[0].message).ends_with("2 personnes à reconvoquer : Muller, Schmitt"),
            "{}",
            plain(&found[0].message)
        );
        f.today = day(13);
        assert!(convocation_findings(&f).is_empty(), "begun the day before");
        f.today = day(12);
        f.coming[0].meeting.status = MeetingStatus::Tenue;
        assert!(convocation_findings(&f).is_empty(), "held");
    }
}
