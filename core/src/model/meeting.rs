//! Meetings of ateliers: their kinds and statuses, the meeting form, convocations' channels
//! and replies, agenda item kinds, and conflicts.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::date::{optional_date, DATE_FORMAT, DATE_TIME_FORMAT};
use super::membership::MemberRole;
use super::text_enum::text_enum;
use crate::clock::{locate, offset_label, LocalTime};
use crate::error::{Problems, Result};
use crate::fr;

text_enum! {
    /// The kind of a meeting.
    MeetingKind {
        Seance = "seance", "Séance";
        PetitGroupe = "petit_groupe", "Petit groupe";
        VisiteSite = "visite_site", "Visite de site";
        Forum = "forum", "Forum";
        RencontreBilaterale = "rencontre_bilaterale", "Rencontre bilatérale";
    }
}

text_enum! {
    /// Where a meeting stands.
    MeetingStatus {
        Prevue = "prevue", "Prévue";
        Convoquee = "convoquee", "Convoquée";
        Tenue = "tenue", "Tenue";
        Reportee = "reportee", "Reportée";
        Annulee = "annulee", "Annulée";
    }
}

text_enum! {
    /// How a convocation was sent.
    ConvocationChannel {
        Courriel = "courriel", "Courriel";
        Courrier = "courrier", "Courrier";
        RemiseEnMainPropre = "remise_en_main_propre", "Remise en main propre";
    }
}

text_enum! {
    /// The reply to a convocation.
    ConvocationReply {
        SansReponse = "sans_reponse", "Sans réponse";
        Accepte = "accepte", "Sera présent";
        Decline = "decline", "Excusé";
        Provisoire = "provisoire", "Peut-être";
    }
}

text_enum! {
    /// The kind of an agenda item.
    AgendaItemKind {
        Information = "information", "Information";
        Debat = "debat", "Débat";
        Decision = "decision", "Décision";
        ValidationReleve = "validation_releve", "Validation du relevé";
    }
}

impl MeetingStatus {
    /// Whether the meeting still takes place (neither postponed nor cancelled): only those
    /// can overlap, be convoked or held.
    pub fn is_active(self) -> bool {
        !matches!(self, MeetingStatus::Reportee | MeetingStatus::Annulee)
    }
}

/// A meeting as stored, with its atelier's code and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingSummary {
    pub id: i64,
    pub atelier_id: i64,
    /// Code of the atelier.
    pub atelier: String,
    pub atelier_title: String,
    pub session_number: Option<i64>,
    pub kind: MeetingKind,
    pub title: String,
    /// IANA name of the time zone of `start` and `end`.
    pub time_zone: String,
    /// Local start, ISO 8601 without offset (`2027-01-12T18:00:00`), in `time_zone`.
    pub start: String,
    /// Local end, same format.
    pub end: String,
    /// The start instant in UTC (`2027-01-12T17:00:00Z`).
    pub start_utc: String,
    /// The end instant in UTC.
    pub end_utc: String,
    pub place: String,
    pub address: String,
    pub video_link: String,
    pub status: MeetingStatus,
    pub notes: String,
    pub ical_uid: String,
    pub ical_sequence: i64,
    /// The series it was planned with, if any.
    pub series_id: Option<i64>,
}

impl MeetingSummary {
    /// The local start as a date and time.
    pub fn start_local(&self) -> NaiveDateTime {
        parse_local(&self.start)
    }

    /// The local end as a date and time.
    pub fn end_local(&self) -> NaiveDateTime {
        parse_local(&self.end)
    }

    /// « la séance n° 3 de l'atelier AP-MOB du mardi 12 janvier 2027 à 18 h 00 », or « la
    /// réunion « Forum » de l'atelier … » for other kinds: the way messages name a meeting
    /// (always feminine, so sentences agree).
    pub fn describe(&self) -> String {
        let what = match (self.kind, self.session_number) {
            (MeetingKind::Seance, Some(n)) => format!("la séance n° {n}"),
            (MeetingKind::Seance, None) => "la séance".to_string(),
            (kind, _) => format!("la réunion « {} »", kind.label()),
        };
        format!("{what} de l'atelier {} du {}", self.atelier, fr::long_date_time(self.start_local()))
    }
}

fn parse_local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, DATE_TIME_FORMAT).unwrap_or_default()
}

/// A meeting as typed in the form (or on the command line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    pub atelier_id: i64,
    /// Session number, empty for none.
    pub session_number: String,
    /// Stored name of a [`MeetingKind`]; empty means « séance ».
    pub kind: String,
    pub title: String,
    /// `jj/mm/aaaa` or `AAAA-MM-JJ`.
    pub date: String,
    /// `HH:MM` (also `18h00`, `18 h 00`, `18h`).
    pub start_time: String,
    pub end_time: String,
    /// The end's date when the meeting ends another day; empty for the same day.
    pub end_date: String,
    pub place: String,
    pub address: String,
    pub video_link: String,
    pub notes: String,
    /// When a local time happens twice (the clocks go back): `premiere` (summer time) or
    /// `seconde` (winter time). Empty: such a time is refused with a question.
    pub fold: String,
    /// Whom a meeting that is not a séance convokes ([`Convoke`]): `all`, `none`,
    /// `role:comite_restreint`, or people's numbers separated by commas. Empty: nobody for a
    /// new meeting, the list unchanged for an existing one. A séance convokes its atelier's
    /// members.
    pub convoke: String,
}

/// Whom a meeting that is not a séance convokes among its atelier's members at its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Convoke {
    /// Every member.
    All,
    /// Nobody yet (guests aside).
    Nobody,
    /// The members of this role (the comité restreint).
    Role(MemberRole),
    /// These people, each a member at the meeting's date.
    People(Vec<i64>),
}

impl Convoke {
    /// `all`, `none`, `role:ROLE` (a role's stored name or label) or `12,15,31`; the
    /// French message otherwise.
    pub fn parse(text: &str) -> std::result::Result<Convoke, String> {
        let text = text.trim();
        match text {
            "all" | "tous" => return Ok(Convoke::All),
            "none" | "aucun" => return Ok(Convoke::Nobody),
            _ => {}
        }
        if let Some(role) = text.strip_prefix("role:") {
            let role = role.trim();
            return MemberRole::parse(role)
                .or_else(|| {
                    MemberRole::ALL
                        .iter()
                        .copied()
                        .find(|r| crate::text::key(r.label()) == crate::text::key(role))
                })
                .map(Convoke::Role)
                .ok_or_else(|| {
                    let known: Vec<&str> = MemberRole::ALL.iter().map(|r| r.as_str()).collect();
                    format!("Le rôle « {role} » est inconnu (attendu : {})", known.join(", "))
                });
        }
        let people: std::result::Result<Vec<i64>, _> =
            text.split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::parse::<i64>).collect();
        match people {
            Ok(people) if !people.is_empty() => Ok(Convoke::People(people)),
            _ => Err(format!(
                "« {text} » ne dit pas qui convoquer : all, none, role:comite_restreint, ou des numéros de personnes séparés par des virgules"
            )),
        }
    }
}

/// The checked content of a meeting: local times in their zone and the same instants in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingData {
    pub atelier_id: i64,
    pub session_number: Option<i64>,
    pub kind: MeetingKind,
    pub title: String,
    pub time_zone: Tz,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    pub place: String,
    pub address: String,
    pub video_link: String,
    pub notes: String,
    /// Whom it convokes if it is not a séance; `None` keeps an existing meeting's list.
    pub convoke: Option<Convoke>,
}

/// Longest accepted meeting title.
pub const MEETING_TITLE_MAX_CHARS: usize = 300;

impl MeetingInput {
    /// Checks the form against time zone `zone` (the meeting's own, or the settings' for a
    /// new one); every problem names its field.
    pub fn check(self, zone: Tz) -> Result<MeetingData> {
        let mut problems = Problems::default();
        let session_number = match self.session_number.trim() {
            "" => None,
            text => match text.trim_start_matches("n°").trim().parse::<i64>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    problems.add(
                        "session_number",
                        format!("Le numéro de séance « {text} » doit être un nombre entier à partir de 1"),
                    );
                    None
                }
            },
        };
        let kind = match self.kind.trim() {
            "" => MeetingKind::Seance,
            text => MeetingKind::parse(text).unwrap_or_else(|| {
                let known: Vec<&str> = MeetingKind::ALL.iter().map(|k| k.as_str()).collect();
                problems.add(
                    "kind",
                    format!("Le type de réunion « {text} » est inconnu (attendu : {})", known.join(", ")),
                );
                MeetingKind::Seance
            }),
        };
        let title = self.title.trim().to_string();
        if title.chars().count() > MEETING_TITLE_MAX_CHARS {
            problems.add("title", format!("L'intitulé dépasse {MEETING_TITLE_MAX_CHARS} caractères"));
        }
        let date = optional_date(&mut problems, "date", "La date", &self.date);
        if date.is_none() && self.date.trim().is_empty() {
            problems.add("date", "La date de la réunion est obligatoire");
        }
        let end_date = optional_date(&mut problems, "end_date", "La date de fin", &self.end_date).or(date);
        let start_time = clock_time(&mut problems, "start_time", "L'heure de début", &self.start_time);
        let end_time = clock_time(&mut problems, "end_time", "L'heure de fin", &self.end_time);
        let fold = match self.fold.trim() {
            "" => None,
            "premiere" => Some(Fold::First),
            "seconde" => Some(Fold::Second),
            other => {
                problems.add("fold", format!("Le choix d'heure « {other} » est inconnu"));
                None
            }
        };
        let place = self.place.trim().to_string();
        let video_link = self.video_link.trim().to_string();
        if place.is_empty() && video_link.is_empty() {
            problems.add("place", "Indiquez le lieu de la réunion (ou un lien de visioconférence)");
        }
        if !(video_link.is_empty() || video_link.starts_with("https://") || video_link.starts_with("http://"))
        {
            problems.add(
                "video_link",
                format!("Le lien de visioconférence « {video_link} » doit commencer par https://"),
            );
        }
        let mut instants = None;
        if let (Some(date), Some(end_date), Some(start_time), Some(end_time)) =
            (date, end_date, start_time, end_time)
        {
            let start = date.and_time(start_time);
            let end = end_date.and_time(end_time);
            let start_utc = instant(&mut problems, "start_time", "Le début", start, zone, fold);
            let end_utc = instant(&mut problems, "end_time", "La fin", end, zone, fold);
            if let (Some(start_utc), Some(end_utc)) = (start_utc, end_utc) {
                if end_utc <= start_utc {
                    problems.add("end_time", "L'heure de fin doit être après l'heure de début");
                }
                instants = Some((start, end, start_utc, end_utc));
            }
        }
        let convoke = match (kind, self.convoke.trim()) {
            (_, "") => None,
            (MeetingKind::Seance, "all") => None,
            (MeetingKind::Seance, _) => {
                problems.add("convoke", "Une séance convoque tous les membres de l'atelier à sa date");
                None
            }
            (_, text) => Convoke::parse(text).map_err(|message| problems.add("convoke", message)).ok(),
        };
        let (start, end, start_utc, end_utc) = instants.unwrap_or_default();
        problems.into_result(MeetingData {
            convoke,
            atelier_id: self.atelier_id,
            session_number,
            kind,
            title,
            time_zone: zone,
            start,
            end,
            start_utc,
            end_utc,
            place,
            address: self.address.trim().to_string(),
            video_link,
            notes: self.notes.trim().to_string(),
        })
    }

    /// The form filled with `meeting` as stored (to change part of it).
    pub fn from_meeting(meeting: &MeetingSummary) -> MeetingInput {
        let (start, end) = (meeting.start_local(), meeting.end_local());
        MeetingInput {
            atelier_id: meeting.atelier_id,
            session_number: meeting.session_number.map(|n| n.to_string()).unwrap_or_default(),
            kind: meeting.kind.as_str().to_string(),
            title: meeting.title.clone(),
            date: start.date().format(DATE_FORMAT).to_string(),
            start_time: start.format("%H:%M").to_string(),
            end_time: end.format("%H:%M").to_string(),
            end_date: if end.date() == start.date() {
                String::new()
            } else {
                end.date().format(DATE_FORMAT).to_string()
            },
            place: meeting.place.clone(),
            address: meeting.address.clone(),
            video_link: meeting.video_link.clone(),
            notes: meeting.notes.clone(),
            fold: String::new(),
            convoke: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    First,
    Second,
}

/// Parses `18:00`, `18h00`, `18 h 00`, `18h` or `9:30`.
fn clock_time(problems: &mut Problems, field: &str, label: &str, text: &str) -> Option<NaiveTime> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    if compact.is_empty() {
        problems.add(field, format!("{label} est obligatoire (hh:mm)"));
        return None;
    }
    let (hours, minutes) = compact.split_once([':', 'h']).unwrap_or((compact.as_str(), ""));
    let minutes = if minutes.is_empty() { "0" } else { minutes };
    let parsed = match (hours.parse::<u32>(), minutes.parse::<u32>()) {
        (Ok(h), Ok(m)) if minutes.len() <= 2 => NaiveTime::from_hms_opt(h, m, 0),
        _ => None,
    };
    if parsed.is_none() {
        problems
            .add(field, format!("{label} « {} » n'est pas une heure valide (attendu : hh:mm)", text.trim()));
    }
    parsed
}

/// The instant of local time `local` in `zone`; a time that does not exist is refused, and
/// one that happens twice is refused unless `fold` says which.
fn instant(
    problems: &mut Problems,
    field: &str,
    label: &str,
    local: NaiveDateTime,
    zone: Tz,
    fold: Option<Fold>,
) -> Option<DateTime<Utc>> {
    match locate(local, zone) {
        LocalTime::Once(at) => Some(at),
        LocalTime::Never => {
            problems.add(
                field,
                format!(
                    "{label}, {} à {}, n'existe pas dans le fuseau {zone} : les horloges avancent d'une heure cette nuit-là ; choisissez une autre heure",
                    fr::long_date(local.date()),
                    fr::time(local)
                ),
            );
            None
        }
        LocalTime::Twice(first, second) => match fold {
            Some(Fold::First) => Some(first),
            Some(Fold::Second) => Some(second),
            None => {
                problems.add(
                    "fold",
                    format!(
                        "{label}, {} à {}, existe deux fois dans le fuseau {zone} (les horloges reculent d'une heure) : précisez la première ({}) ou la seconde ({})",
                        fr::long_date(local.date()),
                        fr::time(local),
                        offset_label(first, zone),
                        offset_label(second, zone)
                    ),
                );
                None
            }
        },
    }
}

/// Another meeting that a meeting would overlap, and the people convoked to both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The other meeting.
    pub meeting: MeetingSummary,
    /// The other meeting belongs to another atelier (the mission intercommunalité's rule).
    pub other_atelier: bool,
    /// People convoked to both meetings: (id, display name).
    pub people: Vec<(i64, String)>,
    /// French sentence describing the conflict.
    pub message: String,
}
