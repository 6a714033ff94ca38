//! E-mail drafts of a meeting's convocations: one `.eml` per convoked person with an
//! address, to send from the secretary's own mail client. Built with `lettre`'s message
//! builder, in the shape Outlook, Gmail and Thunderbird take as an invitation: a
//! `multipart/mixed` whose first part is a `multipart/alternative` (the letter as text and
//! the inline `text/calendar; method=REQUEST`), then the personal convocation as PDF, then
//! the same invitation as `invitation.ics`. `X-Unsent: 1` makes Outlook open it as a draft.
//!
//! Or one grouped draft ([`write_grouped_draft`]): to the organiser, every convoked address
//! in Bcc, with the ordre du jour as PDF and the meeting's documents instead of a personal
//! convocation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, Message, MultiPart, SinglePart};

use crate::error::{Error, Result};
use crate::files::Staging;
use crate::fr;
use crate::ical;
use crate::model::agenda::AgendaItem;
use crate::model::letter_text::LetterText;
use crate::model::meeting::MeetingSummary;
use crate::pdf::convocation::{field_values, letters};
use crate::pdf::{self, meeting_place, meeting_when, Format};
use crate::store::Store;

/// What writing the drafts did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DraftsWritten {
    /// The folder of the drafts.
    pub folder: PathBuf,
    /// One draft per person with an e-mail address.
    pub files: Vec<PathBuf>,
    /// The convoked people without a usable address: their convocation goes by post.
    pub paper: Vec<String>,
}

/// Writes the drafts of meeting `meeting_id` into `folder` (all of them or none), then
/// records those convocations as sent by e-mail, for the meeting as it stands (its
/// SEQUENCE), so that a later move shows them « à reconvoquer ». `progress(done, total)`
/// after each draft.
pub fn write_drafts(
    store: &mut Store,
    meeting_id: i64,
    folder: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DraftsWritten> {
    let invitation = ical::invitation(store, meeting_id)?;
    let organizer = ical::Organizer::of(store)?;
    let from = organizer_mailbox(&organizer)?;
    let letters = letters(store, meeting_id)?;
    let meeting = letters.meeting.clone();
    let items = store.agenda(meeting_id)?.items;
    let wording = store.current_letter_text()?.text;
    let rows = store.convocations(meeting_id)?.rows;
    let mut paper = Vec::new();
    let mut people = Vec::new();
    let mut names = Vec::new();
    let staging = Staging::new(folder)?;
    let total = rows.iter().filter(|r| !r.email.trim().is_empty()).count();
    let date = SystemTime::from(store.clock().now_utc());
    for row in &rows {
        let to = (!row.email.trim().is_empty()).then(|| mailbox(&row.name, row.email.trim())).flatten();
        let (Some(to), Some(index)) = (to, letters.people.iter().position(|p| *p == row.person_id)) else {
            paper.push(row.name.clone());
            continue;
        };
        let person = store.person(row.person_id)?;
        let (name, _) = &letters.letters[index];
        let pdf = letters.single(index).map(|d| d.to_pdf()).unwrap_or_default();
        let values = field_values(&meeting, row.guest);
        let salutation = person.recipient().salutation();
        let text = letter_text(&meeting, &items, &values, &salutation, &organizer.name, PERSONAL);
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject(&wording, &values))
            .date(date)
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("X-Unsent"), "1".into()))
            .multipart(
                MultiPart::mixed()
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(SinglePart::plain(text))
                            .singlepart(calendar_part(&invitation)),
                    )
                    .singlepart(Attachment::new(format!("{name}.pdf")).body(pdf, pdf_type()))
                    .singlepart(
                        Attachment::new("invitation.ics".into())
                            .body(base64_body(&invitation), calendar_type()),
                    ),
            )
            .map_err(|e| {
                Error::Refused(format!("Le brouillon pour {} n'a pas pu être composé : {e}", row.name))
            })?;
        let file = format!("{name}.eml");
        staging.write(&file, &message.formatted())?;
        names.push(file);
        people.push(row.person_id);
        progress(people.len(), total);
    }
    let files = names.iter().map(|name| staging.move_into_place(name)).collect::<Result<Vec<_>>>()?;
    if !people.is_empty() {
        store.record_convocations_sent(meeting_id, &people, "courriel")?;
    }
    Ok(DraftsWritten { folder: folder.to_path_buf(), files, paper })
}

/// What writing the grouped draft did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GroupedDraft {
    /// The draft.
    pub file: PathBuf,
    /// The addresses in Bcc, one per convoked person who has one.
    pub addresses: Vec<String>,
    /// The convoked people without a usable address: their convocation goes by post.
    pub paper: Vec<String>,
}

/// Writes at `file` one draft of meeting `meeting_id` from the organiser to the organiser,
/// every convoked person's address in Bcc (kept in the file: a draft has no envelope), with
/// the letter, the inline invitation, the ordre du jour as PDF, the meeting's documents and
/// `invitation.ics`; then records those convocations as sent by e-mail, as
/// [`write_drafts`] does. Refused when nobody convoked has an address.
pub fn write_grouped_draft(store: &mut Store, meeting_id: i64, file: &Path) -> Result<GroupedDraft> {
    let invitation = ical::invitation(store, meeting_id)?;
    let organizer = ical::Organizer::of(store)?;
    let from = organizer_mailbox(&organizer)?;
    let meeting = store.meeting(meeting_id)?;
    let items = store.agenda(meeting_id)?.items;
    let rows = store.convocations(meeting_id)?.rows;
    let (builder, Bcc { people, addresses, paper, .. }) =
        bcc_all(Message::builder().from(from.clone()).to(from).keep_bcc(), &rows);
    if addresses.is_empty() {
        return Err(Error::Refused(
            "Aucune personne convoquée n'a d'adresse e-mail : les convocations partent par courrier".into(),
        ));
    }
    let values = field_values(&meeting, false);
    let text = letter_text(&meeting, &items, &values, "Madame, Monsieur", &organizer.name, GROUPED);
    let agenda = pdf::Request::OrdreDuJour { meeting_id };
    let mut parts = MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text))
                .singlepart(calendar_part(&invitation)),
        )
        .singlepart(
            Attachment::new(agenda.file_name(store, Format::Pdf)?)
                .body(agenda.document(store)?.to_pdf(), pdf_type()),
        );
    for (name, media_type, bytes) in store.meeting_document_files(meeting_id)? {
        let content_type = ContentType::parse(&media_type).unwrap_or_else(|_| octets_type());
        parts = parts.singlepart(Attachment::new(name).body(bytes, content_type));
    }
    parts = parts
        .singlepart(Attachment::new("invitation.ics".into()).body(base64_body(&invitation), calendar_type()));
    let message = builder
        .subject(subject(&store.current_letter_text()?.text, &values))
        .date(SystemTime::from(store.clock().now_utc()))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("X-Unsent"), "1".into()))
        .multipart(parts)
        .map_err(|e| Error::Refused(format!("Le brouillon groupé n'a pas pu être composé : {e}")))?;
    crate::files::write_atomically(file, &message.formatted())?;
    store.record_convocations_sent(meeting_id, &people, "courriel")?;
    Ok(GroupedDraft { file: file.to_path_buf(), addresses, paper })
}

/// Who a grouped draft goes to: the people with an address, in Bcc.
struct Bcc {
    people: Vec<i64>,
    names: Vec<String>,
    addresses: Vec<String>,
    /// Those without a usable address.
    paper: Vec<String>,
}

/// `builder` with the address of each of `rows` in Bcc, and who was put there.
fn bcc_all(
    mut builder: lettre::message::MessageBuilder,
    rows: &[crate::model::attendance::ConvocationRow],
) -> (lettre::message::MessageBuilder, Bcc) {
    let mut bcc = Bcc { people: Vec::new(), names: Vec::new(), addresses: Vec::new(), paper: Vec::new() };
    for row in rows {
        match mailbox(&row.name, row.email.trim()).filter(|_| !row.email.trim().is_empty()) {
            Some(to) => {
                builder = builder.bcc(to);
                bcc.people.push(row.person_id);
                bcc.names.push(row.name.clone());
                bcc.addresses.push(row.email.trim().to_string());
            }
            None => bcc.paper.push(row.name.clone()),
        }
    }
    (builder, bcc)
}

/// What writing the relevé's draft did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ReleveDraft {
    /// The draft.
    pub file: PathBuf,
    /// The diffused version it carries.
    pub version: i64,
    /// The addresses in Bcc.
    pub addresses: Vec<String>,
    /// The people without a usable address.
    pub paper: Vec<String>,
}

/// Writes at `file` one draft from the organiser to the organiser, every person convoked
/// to meeting `meeting_id` (its members and guests) in Bcc, with the relevé de décisions as
/// diffused (PDF); then records who it went to with that diffused version. Refused while
/// the relevé is a draft, or when nobody has an address.
pub fn write_releve_draft(store: &mut Store, meeting_id: i64, file: &Path) -> Result<ReleveDraft> {
    let releve = store
        .releve(meeting_id)?
        .ok_or_else(|| Error::Refused("Cette réunion n'a pas encore de relevé de décisions".into()))?;
    if releve.editable {
        return Err(Error::Refused(
            "Le relevé est encore un brouillon : diffusez-le avant de l'envoyer".into(),
        ));
    }
    let organizer = ical::Organizer::of(store)?;
    let from = organizer_mailbox(&organizer)?;
    let meeting = store.meeting(meeting_id)?;
    let rows = store.convocations(meeting_id)?.rows;
    let (builder, bcc) = bcc_all(Message::builder().from(from.clone()).to(from).keep_bcc(), &rows);
    if bcc.addresses.is_empty() {
        return Err(Error::Refused(
            "Aucune personne convoquée n'a d'adresse e-mail : envoyez le relevé par courrier".into(),
        ));
    }
    let values = field_values(&meeting, false);
    let request = pdf::Request::Releve { meeting_id };
    let text = fr::typography(&format!(
        "Madame, Monsieur,\n\nVous trouverez ci-joint le relevé de décisions (version {}, diffusée le {}) de {} de {}, \
         tenue le {}.\n\nIl sera soumis à validation lors de la prochaine séance : merci de faire part de vos remarques \
         au secrétariat d'ici là.\n\nBien cordialement,\n{}\n",
        releve.version,
        fr::long_date(releve.diffused_on.unwrap_or(store.today()?)),
        values["réunion"],
        values["atelier"],
        meeting_when(&meeting),
        organizer.name,
    ));
    let message = builder
        .subject(
            fr::typography(&format!("Relevé de décisions de {} de {}", values["réunion"], values["atelier"]))
                .replace('\u{a0}', " "),
        )
        .date(SystemTime::from(store.clock().now_utc()))
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("X-Unsent"), "1".into()))
        .multipart(
            MultiPart::mixed().singlepart(SinglePart::plain(text)).singlepart(
                Attachment::new(request.file_name(store, Format::Pdf)?)
                    .body(request.document(store)?.to_pdf(), pdf_type()),
            ),
        )
        .map_err(|e| Error::Refused(format!("Le brouillon du relevé n'a pas pu être composé : {e}")))?;
    crate::files::write_atomically(file, &message.formatted())?;
    let recipients: Vec<(i64, String, String)> = bcc
        .people
        .iter()
        .zip(&bcc.names)
        .zip(&bcc.addresses)
        .map(|((person, name), email)| (*person, name.clone(), email.clone()))
        .collect();
    let version = store.record_releve_sent(meeting_id, &recipients)?;
    Ok(ReleveDraft { file: file.to_path_buf(), version, addresses: bcc.addresses, paper: bcc.paper })
}

/// The organiser's mailbox, refused in French when its address is not one.
fn organizer_mailbox(organizer: &ical::Organizer) -> Result<Mailbox> {
    mailbox(&organizer.name, &organizer.email).ok_or_else(|| {
        Error::invalid(
            "organizer_email",
            format!(
                "L'adresse de l'organisateur « {} » n'est pas une adresse e-mail valide",
                organizer.email
            ),
        )
    })
}

fn octets_type() -> ContentType {
    ContentType::parse("application/octet-stream").unwrap_or(ContentType::TEXT_PLAIN)
}

fn mailbox(name: &str, email: &str) -> Option<Mailbox> {
    Some(Mailbox::new(Some(name.replace('\u{a0}', " ")), email.parse().ok()?))
}

fn calendar_type() -> ContentType {
    ContentType::parse("text/calendar; charset=utf-8; method=REQUEST").unwrap_or(ContentType::TEXT_PLAIN)
}

fn pdf_type() -> ContentType {
    ContentType::parse("application/pdf").unwrap_or(ContentType::TEXT_PLAIN)
}

/// The invitation in base64: quoted-printable would turn its CRLF into LF when decoded.
fn base64_body(invitation: &str) -> Body {
    Body::new_with_encoding(invitation.to_string(), ContentTransferEncoding::Base64)
        .unwrap_or_else(|_| Body::new(invitation.to_string()))
}

/// The inline invitation, with no Content-Disposition, as the calendar clients want it.
fn calendar_part(invitation: &str) -> SinglePart {
    SinglePart::builder().content_type(calendar_type()).body(base64_body(invitation))
}

/// The e-mail's subject: the wording's, filled in, with ordinary spaces.
fn subject(text: &LetterText, values: &HashMap<&str, String>) -> String {
    fr::typography(&text.subject_with(values)).replace('\u{a0}', " ")
}

/// What a personal draft carries, for its letter.
const PERSONAL: &str = "votre convocation (PDF)";
/// What the grouped draft carries, for its letter.
const GROUPED: &str = "l’ordre du jour (PDF), les documents de la réunion";

/// The letter of the e-mail, in French: date, time, place, video link, ordre du jour, and
/// what is attached (`attached`: [`PERSONAL`] or [`GROUPED`]).
fn letter_text(
    meeting: &MeetingSummary,
    items: &[AgendaItem],
    values: &HashMap<&str, String>,
    salutation: &str,
    organisation: &str,
    attached: &str,
) -> String {
    let mut text = format!(
        "{salutation},\n\nJ’ai le plaisir de vous {} à {} de {}.\n\nDate : {}\nLieu : {}\n",
        values["convier"],
        values["réunion"],
        values["atelier"],
        meeting_when(meeting),
        meeting_place(meeting),
    );
    if !meeting.video_link.trim().is_empty() {
        text.push_str(&format!("À distance : {}\n", meeting.video_link.trim()));
    }
    if !items.is_empty() {
        text.push_str("\nOrdre du jour :\n");
        for (n, item) in items.iter().enumerate() {
            text.push_str(&format!("{}. {}", n + 1, item.title.trim()));
            if !item.presenter.trim().is_empty() {
                text.push_str(&format!(" — {}", item.presenter.trim()));
            }
            text.push('\n');
        }
    }
    text.push_str(&format!(
        "\nVous trouverez ci-joint {attached} et l’invitation à ajouter à votre agenda : \
         merci d’y répondre pour indiquer si vous serez présent(e).\n\
         En cas d’empêchement, merci d’en informer le secrétariat dès que possible et, le cas échéant, \
         de donner pouvoir à un autre membre de l’atelier.\n\nBien cordialement,\n"
    ));
    text.push_str(organisation);
    text.push('\n');
    fr::typography(&text)
}
