//! iCalendar (RFC 5545, methods of RFC 5546): the invitation of a meeting and its
//! cancellation, the calendars of an atelier or of all of them, the objects published to a
//! CalDAV collection, and the import of another body's calendar.
//!
//! The writer is our own ([`lines`], [`timezone`]): the crates at hand fold by characters,
//! do not escape text or write no VTIMEZONE. Reading uses the `ical` crate ([`import`]).

pub mod import;
pub mod lines;
pub mod request;
pub mod timezone;
mod windows_zones;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Utc};

use crate::clock;
use crate::error::{Error, Result};
use crate::fr;
use crate::model::agenda::AgendaItem;
use crate::model::meeting::{MeetingStatus, MeetingSummary};
use crate::pdf::{meeting_name, meeting_place, meeting_when};
use crate::store::Store;
use lines::Lines;
pub use request::{meeting_file_stem, CalendarRequest};

/// Who we are to other calendars.
const PRODID: &str = "-//Ateliers//Ateliers-projets//FR";

/// What a calendar file asks of its reader (RFC 5546 § 1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// An invitation, or its update when the SEQUENCE rose.
    Request,
    /// The cancellation of an invitation.
    Cancel,
    /// A calendar to look at, with no one invited.
    Publish,
}

impl Method {
    /// The METHOD value, also the `method=` of the MIME type.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

/// The mailbox that sends the invitations (ORGANIZER) and its name.
#[derive(Clone, Debug)]
pub struct Organizer {
    /// The organisation's name (CN).
    pub name: String,
    /// The address of the settings.
    pub email: String,
}

impl Organizer {
    /// The organizer of the settings; refused when no address is set (RFC 5546 needs one).
    pub fn of(store: &Store) -> Result<Organizer> {
        let settings = store.settings()?.data;
        if settings.organizer_email.trim().is_empty() {
            return Err(Error::Refused(
                "Indiquez d'abord l'adresse e-mail de l'organisateur dans les Paramètres : les agendas \
                 des invités y envoient leurs réponses."
                    .into(),
            ));
        }
        Ok(Organizer { name: settings.org_name, email: settings.organizer_email.trim().to_string() })
    }
}

/// One person invited: an ATTENDEE.
#[derive(Clone, Debug)]
pub struct Attendee {
    pub name: String,
    pub email: String,
    /// A guest is an optional participant, a member a required one.
    pub guest: bool,
}

/// The invitation (METHOD:REQUEST) of meeting `meeting_id` to the convoked people who have
/// an e-mail address, with its stored UID and SEQUENCE.
pub fn invitation(store: &Store, meeting_id: i64) -> Result<String> {
    let meeting = store.meeting(meeting_id)?;
    if !meeting.status.is_active() {
        return Err(Error::Refused(fr::capitalise(&format!(
            "{} est {} : envoyez son annulation plutôt qu'une invitation",
            meeting.describe(),
            meeting.status.label().to_lowercase()
        ))));
    }
    message(store, &meeting, Method::Request)
}

/// The cancellation (METHOD:CANCEL, STATUS:CANCELLED) of meeting `meeting_id`, which must be
/// cancelled or postponed: its SEQUENCE was raised then, so calendars take it.
pub fn cancellation(store: &Store, meeting_id: i64) -> Result<String> {
    let meeting = store.meeting(meeting_id)?;
    if meeting.status.is_active() {
        return Err(Error::Refused(fr::capitalise(&format!(
            "{} n'est ni annulée ni reportée : annulez-la ou reportez-la d'abord, puis envoyez l'annulation",
            meeting.describe()
        ))));
    }
    message(store, &meeting, Method::Cancel)
}

/// The invited people of a meeting: the convoked people with an e-mail address.
pub fn attendees(store: &Store, meeting_id: i64) -> Result<Vec<Attendee>> {
    Ok(store
        .convocations(meeting_id)?
        .rows
        .into_iter()
        .filter(|row| !row.email.trim().is_empty())
        .map(|row| Attendee { name: row.name, email: row.email.trim().to_string(), guest: row.guest })
        .collect())
}

fn message(store: &Store, meeting: &MeetingSummary, method: Method) -> Result<String> {
    let organizer = Organizer::of(store)?;
    let attendees = attendees(store, meeting.id)?;
    if attendees.is_empty() {
        return Err(Error::Refused(fr::capitalise(&format!(
            "aucune personne convoquée à {} n'a d'adresse e-mail : les convocations partent par courrier",
            meeting.describe()
        ))));
    }
    let items = store.agenda(meeting.id)?.items;
    let mut calendar = Calendar::new(Some(method), store.clock().now_utc());
    calendar.event(meeting, &items, &organizer, &attendees);
    Ok(calendar.finish())
}

/// Which meetings a published calendar holds.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// The meetings of one atelier.
    Atelier(i64),
    /// Every atelier's.
    All,
}

/// The calendar (METHOD:PUBLISH) of `scope`: every meeting that still takes place, with the
/// ORGANIZER and no ATTENDEE.
pub fn calendar(store: &Store, scope: Scope) -> Result<String> {
    let organizer = Organizer::of(store)?;
    let meetings = match scope {
        Scope::Atelier(id) => {
            store.atelier(id)?;
            store.atelier_meetings(id)?
        }
        Scope::All => store.list_meetings()?,
    };
    let meetings: Vec<MeetingSummary> = meetings.into_iter().filter(|m| m.status.is_active()).collect();
    let agendas = store.agenda_items_by_meeting()?;
    let mut calendar = Calendar::new(Some(Method::Publish), store.clock().now_utc());
    calendar.name(match scope {
        Scope::Atelier(_) => {
            meetings.first().map_or_else(String::new, |m| format!("{} — {}", m.atelier, m.atelier_title))
        }
        Scope::All => format!("Ateliers-projets — {}", organizer.name),
    });
    for meeting in &meetings {
        calendar.event(meeting, agendas.get(&meeting.id).map_or(&[], Vec::as_slice), &organizer, &[]);
    }
    Ok(calendar.finish())
}

/// A meeting as an object of a CalDAV collection.
#[derive(Clone, Debug)]
pub struct CaldavObject {
    /// The VCALENDAR (no METHOD, no ATTENDEE).
    pub text: String,
    /// « AP-MOB — Séance n° 3, mardi 12 janvier 2027 à 18 h 00 », to say what was sent.
    pub title: String,
}

/// The meetings of every atelier as CalDAV objects, by UID. Cancelled and postponed
/// meetings are left out.
pub fn caldav_objects(store: &Store) -> Result<BTreeMap<String, CaldavObject>> {
    let organizer = Organizer::of(store)?;
    let agendas = store.agenda_items_by_meeting()?;
    let now = store.clock().now_utc();
    let mut objects = BTreeMap::new();
    for meeting in store.list_meetings()?.into_iter().filter(|m| m.status.is_active()) {
        let mut calendar = Calendar::new(None, now);
        calendar.event(&meeting, agendas.get(&meeting.id).map_or(&[], Vec::as_slice), &organizer, &[]);
        let title = format!("{}, {}", summary(&meeting), fr::long_date_time(meeting.start_local()));
        objects.insert(meeting.ical_uid.clone(), CaldavObject { text: calendar.finish(), title });
    }
    Ok(objects)
}

/// A VCALENDAR being written: its events are kept until the end, when the VTIMEZONE of
/// each zone they use (for the years they cover) is written before them.
struct Calendar {
    method: Option<Method>,
    name: Option<String>,
    stamp: DateTime<Utc>,
    events: Lines,
    /// For each zone used, the first and last years of the events in it.
    zones: HashMap<String, (i32, i32)>,
}

impl Calendar {
    fn new(method: Option<Method>, stamp: DateTime<Utc>) -> Calendar {
        Calendar { method, name: None, stamp, events: Lines::new(), zones: HashMap::new() }
    }

    fn name(&mut self, name: String) {
        self.name = Some(name);
    }

    /// One VEVENT; with no attendee the object is a publication (or a CalDAV object).
    fn event(
        &mut self,
        meeting: &MeetingSummary,
        items: &[AgendaItem],
        organizer: &Organizer,
        attendees: &[Attendee],
    ) {
        let (start, end) = (meeting.start_local(), meeting.end_local());
        let years = self.zones.entry(meeting.time_zone.clone()).or_insert((start.year(), end.year()));
        *years = (years.0.min(start.year()), years.1.max(end.year()));
        let e = &mut self.events;
        e.begin("VEVENT");
        e.raw("UID", &[], &meeting.ical_uid);
        e.utc("DTSTAMP", self.stamp);
        e.raw("SEQUENCE", &[], &meeting.ical_sequence.to_string());
        e.local("DTSTART", &meeting.time_zone, start);
        e.local("DTEND", &meeting.time_zone, end);
        e.text("SUMMARY", &summary(meeting));
        e.text("LOCATION", &meeting_place(meeting));
        e.text("DESCRIPTION", &description(meeting, items));
        e.raw("ORGANIZER", &[("CN", &organizer.name)], &format!("mailto:{}", organizer.email));
        for attendee in attendees {
            e.raw(
                "ATTENDEE",
                &[
                    ("CN", &attendee.name),
                    ("CUTYPE", "INDIVIDUAL"),
                    ("ROLE", if attendee.guest { "OPT-PARTICIPANT" } else { "REQ-PARTICIPANT" }),
                    ("PARTSTAT", "NEEDS-ACTION"),
                    ("RSVP", "TRUE"),
                ],
                &format!("mailto:{}", attendee.email),
            );
        }
        let cancelled = self.method == Some(Method::Cancel);
        e.raw("STATUS", &[], if cancelled { "CANCELLED" } else { "CONFIRMED" });
        e.raw("TRANSP", &[], "OPAQUE");
        e.end("VEVENT");
    }

    fn finish(self) -> String {
        let mut out = Lines::new();
        out.begin("VCALENDAR");
        out.raw("PRODID", &[], PRODID);
        out.raw("VERSION", &[], "2.0");
        out.raw("CALSCALE", &[], "GREGORIAN");
        if let Some(method) = self.method {
            out.raw("METHOD", &[], method.as_str());
        }
        if let Some(name) = &self.name {
            out.text("X-WR-CALNAME", name);
        }
        let mut zones: Vec<_> = self.zones.into_iter().collect();
        zones.sort();
        let mut text = out.finish();
        for (zone, (first, last)) in zones {
            text.push_str(&timezone::block(clock::zone(&zone), first, last));
        }
        text.push_str(&self.events.finish());
        text.push_str("END:VCALENDAR\r\n");
        text
    }
}

/// « AP-MOB — Séance n° 3 : Diagnostic partagé ».
fn summary(meeting: &MeetingSummary) -> String {
    let mut summary = format!("{} — {}", meeting.atelier, meeting_name(meeting));
    if !meeting.title.trim().is_empty() {
        summary.push_str("\u{a0}: ");
        summary.push_str(meeting.title.trim());
    }
    summary
}

/// The letter of the event: atelier, meeting, when and where, the video link (clients
/// ignore URL) and the ordre du jour. What the secretary typed is kept as she typed it.
fn description(meeting: &MeetingSummary, items: &[AgendaItem]) -> String {
    let mut text = format!(
        "Atelier-projet {} — {}\n{}, {}\nLieu\u{a0}: {}",
        meeting.atelier,
        meeting.atelier_title,
        meeting_name(meeting),
        meeting_when(meeting),
        meeting_place(meeting)
    );
    if !meeting.video_link.trim().is_empty() {
        text.push_str(&format!("\nÀ distance\u{a0}: {}", meeting.video_link.trim()));
    }
    if matches!(meeting.status, MeetingStatus::Annulee | MeetingStatus::Reportee) {
        text.push_str(&format!("\n\nCette réunion est {}.", meeting.status.label().to_lowercase()));
    }
    if !items.is_empty() {
        text.push_str("\n\nOrdre du jour\u{a0}:");
        for (n, item) in items.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", n + 1, item.title.trim()));
            if !item.presenter.trim().is_empty() {
                text.push_str(&format!(" ({})", item.presenter.trim()));
            }
        }
    }
    text
}

/// Imports the calendar file at `path`: its events are kept beside ours, read-only; a
/// calendar imported before (recognised by its events' UIDs) is updated, never duplicated.
pub fn import_file(store: &mut Store, path: &std::path::Path) -> Result<crate::store::CalendarImported> {
    let (zone, today) = import::context(store)?;
    let calendar = import::read_file(path, zone, today)?;
    store.import_calendar(&calendar, &import::file_name(path))
}

/// Writes a calendar to `path` (with the `.ics` extension added when missing), under a
/// temporary name first; returns the path written.
pub fn write_file(text: &str, path: &std::path::Path) -> Result<std::path::PathBuf> {
    let path = crate::files::with_extension(path, "ics");
    crate::files::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}
