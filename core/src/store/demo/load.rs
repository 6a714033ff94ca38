//! The meeting load of the large demonstration bases (the benchmarks' bases): ateliers
//! « CHARGE-001 »… of fictitious members, their meetings one slot after another, the held
//! ones with convocations, attendance and a validated relevé.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Transaction};

use super::{attendance_of, utc_text};
use crate::error::{Error, Result};
use crate::model::meeting::{MeetingData, MeetingKind, MeetingStatus};
use crate::store::meetings::insert_meeting;

/// Members of each atelier of the meeting load.
const LOAD_MEMBERS: usize = 21;
/// Meetings of each atelier of the meeting load.
const LOAD_MEETINGS_PER_ATELIER: usize = 50;
/// Two-hour slots of a day in the meeting load (9 h, 11 h, 14 h, 17 h): never overlapping.
const LOAD_HOURS: [u32; 4] = [9, 11, 14, 17];

/// Writes `count` meetings in ateliers of their own (« CHARGE-001 »…), each with
/// [`LOAD_MEMBERS`] members of `crowd`; one slot after another backwards from a few weeks
/// after `today`, so the latest are to come and the others are held, with convocations,
/// attendance and a validated relevé. Returns how many meetings were written.
pub(super) fn write_meeting_load(
    tx: &Transaction<'_>,
    today: NaiveDate,
    count: usize,
    crowd: &[i64],
) -> Result<usize> {
    if count == 0 {
        return Ok(0);
    }
    let ateliers = count.div_ceil(LOAD_MEETINGS_PER_ATELIER);
    if crowd.len() < LOAD_MEMBERS {
        return Err(Error::Refused(format!(
            "il faut au moins {LOAD_MEMBERS} personnes pour les réunions de charge"
        )));
    }
    let first_day = today + Duration::days(30) - Duration::days((count / LOAD_HOURS.len()) as i64);
    let joined = first_day - Duration::days(1);
    let zone = crate::clock::DEFAULT_ZONE;
    let mut written = 0;
    for a in 0..ateliers {
        tx.execute(
            "INSERT INTO ateliers (code, title, kind, status) VALUES (?1, ?2, 'faisabilite', 'en_cours')",
            params![format!("CHARGE-{:03}", a + 1), format!("Atelier de charge n° {}", a + 1)],
        )?;
        let atelier = tx.last_insert_rowid();
        let members: Vec<i64> =
            (0..LOAD_MEMBERS).map(|m| crowd[(a * LOAD_MEMBERS + m) % crowd.len()]).collect();
        for person in &members {
            tx.execute(
                "INSERT INTO memberships (atelier_id, person_id, college, category, role, joined_on)
                 VALUES (?1, ?2, 'elus', 'elu_municipal', 'membre', ?3)",
                params![atelier, person, joined],
            )?;
        }
        for n in 0..LOAD_MEETINGS_PER_ATELIER.min(count - written) {
            // Slot k of the whole load: meetings of all ateliers interleave over the days.
            let k = n * ateliers + a;
            let day = first_day + Duration::days((k / LOAD_HOURS.len()) as i64);
            let start = day.and_hms_opt(LOAD_HOURS[k % LOAD_HOURS.len()], 0, 0).unwrap_or_default();
            let end = start + Duration::hours(2);
            let held = day < today;
            let data = MeetingData {
                atelier_id: atelier,
                session_number: Some(n as i64 + 1),
                kind: MeetingKind::Seance,
                title: String::new(),
                time_zone: zone,
                start,
                end,
                start_utc: crate::clock::instant_of(start, zone),
                end_utc: crate::clock::instant_of(end, zone),
                place: "Salle du conseil".into(),
                address: String::new(),
                video_link: String::new(),
                notes: String::new(),
                convoke: None,
            };
            let status = if held { MeetingStatus::Tenue } else { MeetingStatus::Prevue };
            let id = insert_meeting(tx, &data, status)?;
            written += 1;
            if !held {
                continue;
            }
            let sent = utc_text(start - Duration::days(10));
            for person in &members {
                tx.execute(
                    "INSERT INTO convocations (meeting_id, person_id, sent_at, channel, reply, sent_sequence,
                                               sent_starts_at, sent_place)
                     VALUES (?1, ?2, ?3, 'courriel', 'accepte', 0, ?4, 'Salle du conseil')",
                    params![id, person, sent, crate::model::date::store_date_time(start)],
                )?;
                tx.execute(
                    "INSERT INTO attendance (meeting_id, person_id, status) VALUES (?1, ?2, ?3)",
                    params![
                        id,
                        person,
                        if attendance_of(*person, n).counts_present() { "present" } else { "excuse" }
                    ],
                )?;
            }
            // Eight themes in turn, so that a search finds some relevés and not all.
            let theme = LOAD_THEMES[k % LOAD_THEMES.len()];
            tx.execute(
                "INSERT INTO releves (meeting_id, status, synthesis, diffused_on, validated_on)
                 VALUES (?1, 'valide', ?3, ?2, ?2)",
                params![
                    id,
                    day + Duration::days(7),
                    format!("Synthèse des échanges sur {theme}.\n\n- **État des lieux** présenté par les services\n- *Débat* avec les communes")
                ],
            )?;
            tx.execute(
                "INSERT INTO decisions (releve_id, position, text) VALUES (?1, 1, ?2)",
                params![tx.last_insert_rowid(), format!("Poursuivre le travail sur {theme}")],
            )?;
        }
    }
    Ok(written)
}

/// What the relevés of the load meetings are about, in turn.
const LOAD_THEMES: [&str; 8] = [
    "le stationnement des vélos",
    "la rénovation des piscines",
    "le plan climat",
    "les cours d'écoles végétalisées",
    "le schéma d'assainissement",
    "la prospective financière",
    "l'habitat des jeunes",
    "les zones d'activités",
];
