//! Writes the demonstration dataset of [`crate::demo`] into an empty base, in one
//! transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Transaction};
use serde::Serialize;

mod load;

use super::ateliers::insert_atelier;
use super::meetings::insert_meeting;
use super::memberships::insert_membership;
use super::people::insert_person;
use super::releves::{freeze_version, record_action_status};
use super::settings::write_settings;
use super::Store;
use crate::demo::{self, DemoAtelier, DemoMeeting, DemoPerson};
use crate::error::{Error, Result};
use crate::model::attendance::AttendanceStatus;
use crate::model::charter::SignatureMode;
use crate::model::meeting::{MeetingData, MeetingStatus};
use crate::model::membership::{
    BinomeRole, College, Designation, MemberCategory, MemberRole, MembershipData,
};
use crate::model::person::{Civility, PersonData};
use crate::model::releve::{ActionStatus, ReleveStatus};
use crate::model::settings::SettingsData;
use load::write_meeting_load;

/// What [`Store::load_demo`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    pub communes: usize,
    pub organisations: usize,
    pub people: usize,
    pub ateliers: usize,
    pub memberships: usize,
    pub meetings: usize,
}

impl DemoSummary {
    /// The French sentence that tells the user what was loaded.
    pub fn message(&self) -> String {
        format!(
            "Les données de démonstration ont été chargées : {} ateliers, {} personnes, {} communes, {} réunions.",
            self.ateliers, self.people, self.communes, self.meetings
        )
    }
}

impl Store {
    /// Fills an empty base with the demonstration dataset, dated around `today`. Refused
    /// (nothing written) when the base already holds data.
    pub fn load_demo(&mut self, today: NaiveDate) -> Result<DemoSummary> {
        self.load_large_demo(today, 0, 0)
    }

    /// The demonstration dataset with at least `people` people in the directory (more
    /// fictitious people who belong to no atelier) and at least `meetings` meetings (held
    /// ones with their convocations, attendance and validated relevé, spread over the
    /// years before today, never overlapping): the bases of the benchmarks.
    pub fn load_large_demo(
        &mut self,
        today: NaiveDate,
        people: usize,
        meetings: usize,
    ) -> Result<DemoSummary> {
        if !self.is_empty()? {
            return Err(Error::Refused(
                "La base contient déjà des données : les données de démonstration ne se chargent que dans une base vide".into(),
            ));
        }
        self.write(|tx| {
            let mut summary = write_demo(tx, today)?;
            let communes: HashMap<&str, i64> = demo::COMMUNES.iter().copied().zip(1..).collect();
            let organisations: Vec<i64> = (1..=demo::ORGANISATIONS.len() as i64).collect();
            let mut crowd = Vec::new();
            for person in demo::crowd(people.saturating_sub(summary.people)) {
                crowd.push(add_person(tx, &person, &communes, &organisations)?);
                summary.people += 1;
            }
            summary.meetings +=
                write_meeting_load(tx, today, meetings.saturating_sub(summary.meetings), &crowd)?;
            Ok(summary)
        })
    }
}

fn write_demo(tx: &Transaction<'_>, today: NaiveDate) -> Result<DemoSummary> {
    write_settings(
        tx,
        &SettingsData {
            org_name: "Mulhouse Alsace Agglomération".into(),
            org_short_name: "m2A".into(),
            address: "2 rue Pierre et Marie Curie\nBP 90019\n68948 Mulhouse Cedex 9".into(),
            default_place: "Maison de l'agglomération, salle du Conseil".into(),
            organizer_email: "ateliers-projets@agglo.example.org".into(),
            time_zone: "Europe/Paris".into(),
            attendance_threshold_pct: 50,
            consecutive_absences_max: 3,
            convocation_notice_days: 5,
            signatory_name: String::new(),
            signatory_function: String::new(),
        },
    )?;
    tx.execute("UPDATE settings SET first_start_done = 1 WHERE id = 1", [])?;

    let mut communes = HashMap::new();
    for name in demo::COMMUNES {
        tx.execute("INSERT INTO communes (name) VALUES (?1)", [name])?;
        communes.insert(name, tx.last_insert_rowid());
    }
    let mut organisations = Vec::new();
    for (name, kind) in demo::ORGANISATIONS {
        tx.execute("INSERT INTO organisations (name, kind) VALUES (?1, ?2)", [name, kind])?;
        organisations.push(tx.last_insert_rowid());
    }

    let people = demo::people();
    let mut pools: HashMap<MemberCategory, Vec<(i64, &DemoPerson)>> = HashMap::new();
    for person in &people {
        let id = add_person(tx, person, &communes, &organisations)?;
        pools.entry(person.category).or_default().push((id, person));
    }

    // Every base holds the seed charter as its current version; the demonstration dates it.
    let charter_id: i64 = tx.query_row(
        "UPDATE charter_versions SET effective_on = ?1 WHERE is_current = 1 RETURNING id",
        [today - Duration::days(400)],
        |r| r.get(0),
    )?;

    let ateliers = demo::ateliers(today);
    let mut summary = DemoSummary {
        communes: communes.len(),
        organisations: organisations.len(),
        people: people.len(),
        ateliers: ateliers.len(),
        memberships: 0,
        meetings: 0,
    };
    let mut signed = BTreeSet::new();
    for atelier in &ateliers {
        let members = choose_members(atelier, &pools);
        let atelier_id = write_atelier(tx, atelier, &communes)?;
        let joined_on = atelier.input.started_on.parse().unwrap_or(today);
        let (porteur, referent) = binome(&members);
        for member in &members {
            let place = if Some(member.id) == porteur {
                Some(BinomeRole::PorteurPolitique)
            } else if Some(member.id) == referent {
                Some(BinomeRole::CollaborateurReferent)
            } else {
                None
            };
            let membership = write_membership(tx, atelier_id, member, joined_on, atelier.maires_required)?;
            tx.execute("UPDATE memberships SET binome = ?2 WHERE id = ?1", params![membership, place])?;
            if member.id % 10 < 7 && signed.insert(member.id) {
                let mode = [SignatureMode::Papier, SignatureMode::EnSeance, SignatureMode::CopieNumerisee]
                    [(member.id % 3) as usize];
                tx.execute(
                    "INSERT INTO signatures (person_id, charter_version_id, signed_on, mode)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![member.id, charter_id, joined_on + Duration::days(member.id % 20), mode],
                )?;
            }
        }
        summary.memberships += members.len();
        summary.meetings += write_meetings(tx, atelier_id, atelier, &members, today)?;
    }
    Ok(summary)
}

/// Adds demonstration `person` to the directory, its commune and organisation resolved to
/// the ids just written.
fn add_person(
    tx: &Transaction<'_>,
    person: &DemoPerson,
    communes: &HashMap<&str, i64>,
    organisations: &[i64],
) -> Result<i64> {
    let data = PersonData {
        civility: if person.female { Civility::Madame } else { Civility::Monsieur },
        first_name: person.first_name.clone(),
        last_name: person.last_name.clone(),
        function: person.function.clone(),
        commune_id: person.commune.and_then(|c| communes.get(demo::COMMUNES[c]).copied()),
        organisation_id: person.organisation.map(|o| organisations[o]),
        email: person.email.clone(),
        phone: person.phone.clone(),
        notes: String::new(),
        postal: person.postal.clone(),
    };
    insert_person(tx, &data)
}

/// A chosen member of a demonstration atelier.
struct Member<'a> {
    id: i64,
    person: &'a DemoPerson,
}

/// The members of `atelier`: its quotas per category, then an élu municipal of each commune
/// concerned that is not represented yet. The first élu communautaire is the porteur
/// politique, the first collaborateur de l'agglomération the collaborateur référent.
fn choose_members<'a>(
    atelier: &DemoAtelier,
    pools: &'a HashMap<MemberCategory, Vec<(i64, &'a DemoPerson)>>,
) -> Vec<Member<'a>> {
    let mut members: Vec<Member<'a>> = Vec::new();
    for &(category, offset, count) in &atelier.members {
        let pool = pools.get(&category).map(Vec::as_slice).unwrap_or_default();
        for k in 0..count.min(pool.len()) {
            let (id, person) = pool[(offset + k) % pool.len()];
            if !members.iter().any(|m| m.id == id) {
                members.push(Member { id, person });
            }
        }
    }
    let municipal = pools.get(&MemberCategory::EluMunicipal).map(Vec::as_slice).unwrap_or_default();
    for commune in &atelier.communes {
        let index = demo::COMMUNES.iter().position(|c| c == commune);
        let represented =
            members.iter().any(|m| m.person.commune == index && m.person.category.college() == College::Elus);
        if represented {
            continue;
        }
        if let Some(&(id, person)) = municipal.iter().find(|(_, p)| p.commune == index) {
            members.push(Member { id, person });
        }
    }
    members
}

/// The binôme of the members: (porteur politique, collaborateur référent).
fn binome(members: &[Member<'_>]) -> (Option<i64>, Option<i64>) {
    let first = |category| members.iter().find(|m| m.person.category == category).map(|m| m.id);
    (first(MemberCategory::EluCommunautaire), first(MemberCategory::CollaborateurAgglomeration))
}

fn write_atelier(tx: &Transaction<'_>, atelier: &DemoAtelier, communes: &HashMap<&str, i64>) -> Result<i64> {
    let mut input = atelier.input.clone();
    input.commune_ids = atelier.communes.iter().filter_map(|c| communes.get(c).copied()).collect();
    insert_atelier(tx, &input.check()?)
}

fn write_membership(
    tx: &Transaction<'_>,
    atelier_id: i64,
    member: &Member<'_>,
    joined_on: NaiveDate,
    maires_required: bool,
) -> Result<i64> {
    let category = member.person.category;
    let designation = match category {
        MemberCategory::EluCommunautaire => Designation::Volontariat,
        MemberCategory::EluMunicipal => Designation::Maire,
        MemberCategory::CollaborateurAgglomeration => Designation::DirectionGenerale,
        MemberCategory::CollaborateurCommune => Designation::Dgs,
        _ => Designation::Sollicitation,
    };
    let required = maires_required && member.person.function == "Maire";
    let data = MembershipData {
        person_id: member.id,
        college: category.college(),
        category: Some(category),
        role: MemberRole::Membre,
        designation: Some(designation),
        joined_on,
        left_on: None,
        presence_required: required,
    };
    insert_membership(tx, atelier_id, &data)
}

/// Attendance of person `person_id` at the `n`-th meeting of an atelier: mostly present, a few
/// excused, absent or represented, always the same for the same data.
fn attendance_of(person_id: i64, n: usize) -> AttendanceStatus {
    match (person_id as usize * 7 + n * 13) % 20 {
        0..=12 => AttendanceStatus::Present,
        13 => AttendanceStatus::Distance,
        14..=16 => AttendanceStatus::Excuse,
        17 | 18 => AttendanceStatus::Absent,
        _ => AttendanceStatus::Represente,
    }
}

/// Writes the meetings of one atelier with agenda, convocations, attendance and relevés.
/// Returns how many meetings were written.
fn write_meetings(
    tx: &Transaction<'_>,
    atelier_id: i64,
    atelier: &DemoAtelier,
    members: &[Member<'_>],
    today: NaiveDate,
) -> Result<usize> {
    let now = today.and_hms_opt(12, 0, 0).unwrap_or_default();
    let (_, referent) = binome(members);
    let mut ids = Vec::new();
    for (n, meeting) in atelier.meetings.iter().enumerate() {
        let held = meeting.end < now;
        let status = if held {
            MeetingStatus::Tenue
        } else if meeting.start - now < Duration::days(21) {
            MeetingStatus::Convoquee
        } else {
            MeetingStatus::Prevue
        };
        let zone = crate::clock::DEFAULT_ZONE;
        let data = MeetingData {
            atelier_id,
            session_number: meeting.session_number,
            kind: meeting.kind,
            title: meeting.title.to_string(),
            time_zone: zone,
            start: meeting.start,
            end: meeting.end,
            start_utc: crate::clock::instant_of(meeting.start, zone),
            end_utc: crate::clock::instant_of(meeting.end, zone),
            place: meeting.place.to_string(),
            address: meeting.address.to_string(),
            video_link: String::new(),
            notes: String::new(),
            // The demonstration's other meetings convoke every member.
            convoke: Some(crate::model::meeting::Convoke::All),
        };
        let id = insert_meeting(tx, &data, status)?;
        ids.push(id);
        for (position, (title, kind, minutes)) in meeting.agenda.iter().enumerate() {
            tx.execute(
                "INSERT INTO agenda_items (meeting_id, position, title, kind, presenter_id, duration_minutes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, position as i64 + 1, title, kind, referent, minutes],
            )?;
        }
        if status == MeetingStatus::Prevue {
            continue;
        }
        let sent_at = utc_text(meeting.start - Duration::days(10));
        for member in members {
            let attendance = held.then(|| attendance_of(member.id, n));
            let reply = match attendance {
                Some(AttendanceStatus::Excuse) => "decline",
                Some(_) => "accepte",
                None if member.id % 3 == 0 => "accepte",
                None => "sans_reponse",
            };
            tx.execute(
                "INSERT INTO convocations (meeting_id, person_id, sent_at, channel, reply, sent_sequence,
                                           sent_starts_at, sent_place)
                 VALUES (?1, ?2, ?3, 'courriel', ?4, 0, ?5, ?6)",
                params![
                    id,
                    member.id,
                    sent_at,
                    reply,
                    crate::model::date::store_date_time(meeting.start),
                    meeting.place
                ],
            )?;
            if let Some(status) = attendance {
                let represented_by = status
                    .takes_someone()
                    .then(|| {
                        members
                            .iter()
                            .find(|m| m.id != member.id && m.person.category == member.person.category)
                    })
                    .flatten()
                    .map(|m| m.id);
                tx.execute(
                    "INSERT INTO attendance (meeting_id, person_id, status, by_person_id)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, member.id, status, represented_by],
                )?;
            }
        }
        if held && n == 0 {
            tx.execute(
                "INSERT INTO meeting_guests (meeting_id, name, function, organisation)
                 VALUES (?1, 'Jeanne Kessler', 'Urbaniste', 'Cabinet Kessler & associés')",
                [id],
            )?;
        }
    }
    for (n, meeting) in atelier.meetings.iter().enumerate() {
        if let Some(releve) = &meeting.releve {
            write_releve(
                tx,
                ids[n],
                ids.get(n + 1).zip(atelier.meetings.get(n + 1)),
                meeting,
                releve,
                referent,
            )?;
        }
    }
    Ok(ids.len())
}

fn write_releve(
    tx: &Transaction<'_>,
    meeting_id: i64,
    next: Option<(&i64, &DemoMeeting)>,
    meeting: &DemoMeeting,
    releve: &demo::DemoReleve,
    owner: Option<i64>,
) -> Result<()> {
    let day = meeting.start.date();
    let diffused_on = (releve.status != ReleveStatus::Brouillon).then(|| day + Duration::days(7));
    let (validated_at, validated_on) = match (releve.status, next) {
        (ReleveStatus::Valide, Some((next_id, next))) => (Some(*next_id), Some(next.start.date())),
        _ => (None, None),
    };
    let next_meeting_on = next.map(|(_, m)| m.start.date());
    let next_meeting_place = next.map(|(_, m)| m.place).unwrap_or_default();
    let next_meeting_note = next.map(|(_, m)| format!("à {}", crate::fr::time(m.start))).unwrap_or_default();
    tx.execute(
        "INSERT INTO releves (meeting_id, status, objectives, method, synthesis, questions,
                              next_points, next_meeting_note, diffused_on,
                              validated_at_meeting_id, validated_on, next_meeting_on, next_meeting_place)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            meeting_id,
            releve.status,
            releve.objectives,
            releve.method,
            releve.synthesis,
            releve.questions,
            releve.next_points,
            next_meeting_note,
            diffused_on,
            validated_at,
            validated_on,
            next_meeting_on,
            next_meeting_place
        ],
    )?;
    let releve_id = tx.last_insert_rowid();
    for (position, text) in releve.decisions.iter().enumerate() {
        tx.execute(
            "INSERT INTO decisions (releve_id, position, text) VALUES (?1, ?2, ?3)",
            params![releve_id, position as i64 + 1, text],
        )?;
    }
    for (position, (text, due_in, status)) in releve.actions.iter().enumerate() {
        tx.execute(
            "INSERT INTO actions (releve_id, position, text, owner_id, due_on, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![releve_id, position as i64 + 1, text, owner, day + Duration::days(*due_in), status],
        )?;
        let action = tx.last_insert_rowid();
        record_action_status(tx, action, ActionStatus::AFaire, diffused_on.unwrap_or(day))?;
        if *status != ActionStatus::AFaire {
            record_action_status(tx, action, *status, day + Duration::days(due_in / 2))?;
        }
    }
    if diffused_on.is_some() {
        freeze_version(tx, releve_id)?;
    }
    Ok(())
}

/// A local time of the settings' zone (Europe/Paris for the demonstration) written as a UTC
/// record time stamp, through the time zone.
fn utc_text(local: NaiveDateTime) -> String {
    crate::clock::utc_stamp(local, crate::clock::DEFAULT_ZONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store.load_demo(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap();
        store
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn the_demo_fills_every_part_of_the_model() {
        let store = loaded();
        for table in [
            "communes",
            "organisations",
            "people",
            "ateliers",
            "milestones",
            "atelier_communes",
            "memberships",
            "charter_versions",
            "signatures",
            "meetings",
            "agenda_items",
            "convocations",
            "attendance",
            "meeting_guests",
            "releves",
            "decisions",
            "actions",
        ] {
            assert!(count(&store, &format!("SELECT count(*) FROM {table}")) > 0, "{table} is empty");
        }
        assert_eq!(count(&store, "SELECT count(*) FROM communes"), 39);
        let people = count(&store, "SELECT count(*) FROM people");
        assert!((140..=160).contains(&people), "{people} people");
        assert_eq!(count(&store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }

    #[test]
    fn the_four_kinds_of_atelier_are_there_and_finances_is_exempt() {
        let store = loaded();
        for kind in ["faisabilite", "mise_en_oeuvre", "permanent", "autre_instance"] {
            let n = count(&store, &format!("SELECT count(*) FROM ateliers WHERE kind = '{kind}'"));
            assert_eq!(n, 1, "one atelier of kind {kind}");
        }
        assert_eq!(count(&store, "SELECT exempt_from_composition FROM ateliers WHERE kind = 'permanent'"), 1);
    }

    #[test]
    fn the_ateliers_projets_follow_the_composition_rules() {
        let store = loaded();
        // Every non-exempt atelier: three collèges, at most two Conseil de développement,
        // each commune concerned represented by an élu, a porteur politique who is an élu.
        let broken = count(
            &store,
            "SELECT count(*) FROM ateliers a WHERE a.exempt_from_composition = 0 AND (
                (SELECT count(DISTINCT college) FROM memberships m WHERE m.atelier_id = a.id) < 3
             OR (SELECT count(*) FROM memberships m WHERE m.atelier_id = a.id
                   AND m.category = 'conseil_developpement') > 2
             OR EXISTS (SELECT 1 FROM atelier_communes ac WHERE ac.atelier_id = a.id AND NOT EXISTS (
                   SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
                   WHERE m.atelier_id = a.id AND m.college = 'elus' AND p.commune_id = ac.commune_id))
             OR NOT EXISTS (SELECT 1 FROM memberships m WHERE m.atelier_id = a.id
                   AND m.binome = 'porteur_politique' AND m.college = 'elus'))",
        );
        assert_eq!(broken, 0, "an atelier breaks a composition rule");
    }

    #[test]
    fn meetings_of_different_ateliers_never_overlap() {
        let store = loaded();
        let overlaps = count(
            &store,
            "SELECT count(*) FROM meetings a JOIN meetings b
               ON a.id < b.id AND a.atelier_id <> b.atelier_id
              AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
        );
        assert_eq!(overlaps, 0);
    }

    #[test]
    fn past_meetings_are_held_with_attendance_and_future_ones_have_none() {
        let store = loaded();
        let now = "2026-11-24T12:00:00";
        let held = count(
            &store,
            &format!("SELECT count(*) FROM meetings WHERE ends_at < '{now}' AND status = 'tenue'"),
        );
        let past = count(&store, &format!("SELECT count(*) FROM meetings WHERE ends_at < '{now}'"));
        assert!(held >= 4 && held == past, "{held} held of {past} past meetings");
        assert!(count(&store, &format!("SELECT count(*) FROM meetings WHERE starts_at > '{now}'")) >= 4);
        let future_attendance = count(
            &store,
            &format!("SELECT count(*) FROM attendance JOIN meetings m ON m.id = meeting_id WHERE m.starts_at > '{now}'"),
        );
        assert_eq!(future_attendance, 0);
        let held_without_releve = count(
            &store,
            "SELECT count(*) FROM meetings m WHERE m.status = 'tenue'
               AND NOT EXISTS (SELECT 1 FROM releves r WHERE r.meeting_id = m.id)",
        );
        assert_eq!(held_without_releve, 0);
    }

    #[test]
    fn a_validated_releve_names_the_later_meeting_that_validated_it() {
        let store = loaded();
        let bad = count(
            &store,
            "SELECT count(*) FROM releves r JOIN meetings m ON m.id = r.meeting_id
               LEFT JOIN meetings v ON v.id = r.validated_at_meeting_id
              WHERE r.status = 'valide' AND (v.id IS NULL OR v.starts_at <= m.starts_at
                    OR v.atelier_id <> m.atelier_id)",
        );
        assert_eq!(bad, 0);
        assert_eq!(count(&store, "SELECT count(*) FROM releves WHERE status = 'valide'"), 1);
    }

    #[test]
    fn some_members_have_not_signed_the_charter() {
        let store = loaded();
        let members = count(&store, "SELECT count(DISTINCT person_id) FROM memberships");
        let signed = count(&store, "SELECT count(*) FROM signatures");
        assert!(signed > members / 2 && signed < members, "{signed} of {members} signed");
        let body: String = store
            .conn
            .query_row("SELECT body FROM charter_versions WHERE version = 1", [], |r| r.get(0))
            .unwrap();
        assert!(body.contains("débattre dans le respect de chacun"));
    }

    #[test]
    fn meeting_uids_are_unique_and_sequences_start_at_zero() {
        let store = loaded();
        assert_eq!(
            count(&store, "SELECT count(DISTINCT ical_uid) FROM meetings"),
            count(&store, "SELECT count(*) FROM meetings")
        );
        assert_eq!(count(&store, "SELECT max(ical_sequence) FROM meetings"), 0);
    }

    #[test]
    fn the_demo_is_refused_in_a_base_that_holds_data_and_writes_nothing() {
        let mut store = loaded();
        let before = count(&store, "SELECT count(*) FROM people");
        let err = store.load_demo(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap_err();
        assert!(matches!(err, Error::Refused(_)), "{err}");
        assert!(err.to_string().contains("base vide"), "{err}");
        assert_eq!(count(&store, "SELECT count(*) FROM people"), before);
    }
}
