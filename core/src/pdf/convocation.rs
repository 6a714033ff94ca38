//! The convocation: one personal letter per convoked person (members at the meeting's date
//! and guests), with their address block, the meeting, its ordre du jour, the documents
//! sent with it and the signature of the atelier's porteur politique.

use super::layout::{Block, Paragraph, Span, BODY_WIDTH};
use super::{file_name, meeting_name, meeting_place, meeting_when, Document, Letterhead, Section};
use crate::error::{Error, Result};
use crate::fr;
use std::collections::HashMap;

use crate::model::agenda::Agenda;
use crate::model::letter_text::{LetterText, Piece};
use crate::model::meeting::{MeetingKind, MeetingStatus, MeetingSummary};
use crate::model::membership::BinomeRole;
use crate::model::person::Person;
use crate::store::Store;

/// The letters of one meeting, one per convoked person.
pub struct Letters {
    /// The organisation's letterhead.
    pub letterhead: Letterhead,
    /// The meeting.
    pub meeting: MeetingSummary,
    /// Each letter: a file name (without extension) and its section.
    pub letters: Vec<(String, Section)>,
    /// The person each letter is written to, in the same order.
    pub people: Vec<i64>,
}

impl Letters {
    /// One document holding every letter, each numbered on its own, to print at once.
    pub fn merged(&self) -> Document {
        self.letterhead.document(
            format!("Convocations — {} — {}", self.meeting.atelier, meeting_name(&self.meeting)),
            fr::capitalise(&fr::typography(&self.meeting.describe())),
            self.letters.iter().map(|(_, section)| section.clone()).collect(),
        )
    }

    /// The letter of the `index`-th person as a document of its own.
    pub fn single(&self, index: usize) -> Option<Document> {
        let (_, section) = self.letters.get(index)?;
        Some(self.letterhead.document(
            section.footer.clone(),
            fr::capitalise(&fr::typography(&self.meeting.describe())),
            vec![section.clone()],
        ))
    }

    /// Name of the merged file, without extension.
    pub fn merged_name(&self) -> String {
        file_name(&format!("Convocations {} {} - toutes", self.meeting.atelier, meeting_name(&self.meeting)))
    }
}

/// The letters of meeting `meeting_id`, one per convoked person; a cancelled meeting or
/// one without anybody convoked is refused in French.
pub fn letters(store: &Store, meeting_id: i64) -> Result<Letters> {
    let (letterhead, common, convoked) = prepare(store, meeting_id, None)?;
    let meeting = &common.meeting;
    let mut letters = Vec::with_capacity(convoked.len());
    let people = convoked.iter().map(|row| row.person_id).collect();
    let mut names = std::collections::HashSet::new();
    for row in &convoked {
        let person = store.person(row.person_id)?;
        let mut name = file_name(&format!(
            "Convocation {} {} - {} {}",
            meeting.atelier,
            meeting_name(meeting),
            person.data.last_name,
            person.data.first_name
        ));
        if !names.insert(name.to_lowercase()) {
            name = format!("{name} ({})", person.id);
        }
        let blocks = letter(&common, &person, row.guest);
        let footer = fr::typography(&format!(
            "Convocation — {} — {} — {}",
            meeting.atelier,
            meeting_name(meeting),
            person.data.display_name()
        ));
        letters.push((name, Section { footer, blocks }));
    }
    Ok(Letters { letterhead, meeting: common.meeting, letters, people })
}

/// The letters to post: those of the people convoked to meeting `meeting_id` who have no
/// e-mail address, when their postal address is known.
pub struct PostLetters {
    /// Every letter in one document, to print at once.
    pub document: Document,
    /// The people they are written to.
    pub people: Vec<i64>,
    /// The people without e-mail whose postal address is missing: no letter for them.
    pub without_address: Vec<String>,
}

/// The letters of meeting `meeting_id` to send by post; refused in French when nobody
/// convoked is without an e-mail address, or none of them has a postal address.
pub fn post_letters(store: &Store, meeting_id: i64) -> Result<PostLetters> {
    let rows = store.convocations(meeting_id)?.rows;
    let by_post: Vec<_> = rows.iter().filter(|r| r.email.trim().is_empty()).collect();
    if by_post.is_empty() {
        return Err(Error::Refused(
            "Toutes les personnes convoquées ont une adresse e-mail : aucune lettre à envoyer par courrier"
                .into(),
        ));
    }
    let without_address: Vec<String> =
        by_post.iter().filter(|r| !r.postal_address).map(|r| r.name.clone()).collect();
    let people: Vec<i64> = by_post.iter().filter(|r| r.postal_address).map(|r| r.person_id).collect();
    if people.is_empty() {
        return Err(Error::Refused(format!(
            "Aucune adresse postale n’est connue pour les personnes sans adresse e-mail ({}) : complétez leur fiche",
            without_address.join(", ")
        )));
    }
    let all = letters(store, meeting_id)?;
    let sections = all
        .people
        .iter()
        .zip(&all.letters)
        .filter(|(person, _)| people.contains(person))
        .map(|(_, (_, section))| section.clone())
        .collect();
    let document = all.letterhead.document(
        format!("Convocations par courrier — {} — {}", all.meeting.atelier, meeting_name(&all.meeting)),
        fr::capitalise(&fr::typography(&all.meeting.describe())),
        sections,
    );
    Ok(PostLetters { document, people, without_address })
}

/// The letter of meeting `meeting_id` to its first convoked person, written with `text` (a
/// wording not saved yet): what Paramètres previews.
pub fn sample_letter(store: &Store, meeting_id: i64, text: LetterText) -> Result<Document> {
    let (letterhead, common, convoked) = prepare(store, meeting_id, Some(text))?;
    let row = &convoked[0];
    let person = store.person(row.person_id)?;
    let blocks = letter(&common, &person, row.guest);
    let footer = fr::typography(&format!("Convocation — {}", person.data.display_name()));
    Ok(letterhead.document("Aperçu de la convocation", "", vec![Section { footer, blocks }]))
}

/// What the letters of meeting `meeting_id` share, written with `text` (else the current
/// wording), and the people convoked (never none).
fn prepare(
    store: &Store,
    meeting_id: i64,
    text: Option<LetterText>,
) -> Result<(Letterhead, Common, Vec<crate::model::attendance::ConvocationRow>)> {
    let meeting = store.meeting(meeting_id)?;
    if meeting.status == MeetingStatus::Annulee {
        return Err(Error::Refused(format!(
            "{} est annulée : il n’y a pas de convocation à imprimer",
            fr::capitalise(&fr::typography(&meeting.describe()))
        )));
    }
    let convoked = store.convocations(meeting_id)?.rows;
    if convoked.is_empty() {
        return Err(Error::Refused(format!(
            "Personne n’est convoqué à {} : ajoutez des membres à l’atelier ou des invités",
            fr::typography(&meeting.describe())
        )));
    }
    let letterhead = Letterhead::of(store)?;
    let text = match text {
        Some(text) => text,
        None => store.current_letter_text()?.text,
    };
    let common = Common {
        agenda: store.agenda(meeting_id)?,
        text,
        signatory: Signatory::of(store, &meeting, &letterhead)?,
        place_and_date: letterhead.place_and_date(),
        meeting,
    };
    Ok((letterhead, common, convoked))
}

/// What every letter of a meeting shares.
struct Common {
    meeting: MeetingSummary,
    agenda: Agenda,
    text: LetterText,
    signatory: Signatory,
    place_and_date: String,
}

/// Who signs the letters: the signatory of the settings, else the atelier's porteur
/// politique; with the scanned signature's drawn size when one is stored.
struct Signatory {
    /// « Le porteur politique de l’atelier-projet … », above the signature, or nothing.
    title: Option<String>,
    name: Option<String>,
    function: String,
    picture: Option<(f32, f32)>,
}

/// Tallest the scanned signature is drawn, in points (about 18 mm).
const SIGNATURE_HEIGHT: f32 = 50.0;
/// Widest it is drawn (about 60 mm).
const SIGNATURE_WIDTH: f32 = 170.0;

impl Signatory {
    fn of(store: &Store, meeting: &MeetingSummary, letterhead: &Letterhead) -> Result<Signatory> {
        let settings = store.settings()?.data;
        let picture = letterhead.signature.as_deref().and_then(super::logo::Logo::from_bytes).map(|image| {
            let (w, h) = (image.source.0.max(1) as f32, image.source.1.max(1) as f32);
            let scale = (SIGNATURE_HEIGHT / h).min(SIGNATURE_WIDTH / w);
            (w * scale, h * scale)
        });
        if !settings.signatory_name.is_empty() {
            return Ok(Signatory {
                title: None,
                name: Some(fr::typography(&settings.signatory_name)),
                function: fr::typography(&settings.signatory_function),
                picture,
            });
        }
        let porteur = store
            .atelier_members(meeting.atelier_id, meeting.start_local().date())?
            .into_iter()
            .find(|m| m.current && m.binome == Some(BinomeRole::PorteurPolitique));
        let fields = field_values(meeting, false);
        Ok(Signatory {
            title: Some(format!("Le porteur politique de {}", fields["atelier"])),
            name: porteur
                .as_ref()
                .map(|m| fr::typography([m.first_name.as_str(), m.last_name.as_str()].join(" ").trim())),
            function: porteur.map(|m| fr::typography(&m.function)).unwrap_or_default(),
            picture,
        })
    }
}

/// The values of the wording's fields for `meeting` ([`FIELDS`]), for a member or, when
/// `guest`, for a person invited; « appellation » is the letter's own.
pub fn field_values(meeting: &MeetingSummary, guest: bool) -> HashMap<&'static str, String> {
    let what = match (meeting.kind, meeting.session_number) {
        (MeetingKind::Seance, Some(n)) => format!("la séance n°\u{a0}{n}"),
        (MeetingKind::Seance, None) => "la séance".to_string(),
        (kind, _) => format!("la réunion « {} »", kind.label().to_lowercase()),
    };
    let topic = match meeting.title.trim() {
        "" => String::new(),
        title => format!(" — {}", fr::typography(title)),
    };
    let video = match meeting.video_link.trim() {
        "" => String::new(),
        link => format!("Vous pourrez aussi y participer à distance par ce lien\u{a0}: {link}"),
    };
    HashMap::from([
        ("objet", if guest { "Invitation" } else { "Convocation" }.to_string()),
        ("convier", if guest { "inviter" } else { "convier" }.to_string()),
        ("réunion", what),
        (
            "atelier",
            fr::typography(&format!("l’atelier-projet « {} » ({})", meeting.atelier_title, meeting.atelier)),
        ),
        ("titre", topic),
        ("date", meeting_when(meeting)),
        ("lieu", fr::typography(&meeting_place(meeting))),
        ("visio", video),
    ])
}

/// The blocks of one letter.
fn letter(common: &Common, person: &Person, guest: bool) -> Vec<Block> {
    let text = &common.text;
    let recipient = person.recipient();
    let mut address = Vec::new();
    for (number, line) in recipient.address_block().iter().enumerate() {
        let line = fr::typography(line);
        address.push(match number {
            0 => Span::bold(line),
            _ => Span::plain(format!("\n{line}")),
        });
    }
    let salutation = fr::typography(&recipient.salutation());
    let mut values = field_values(&common.meeting, guest);
    values.insert("appellation", salutation.clone());
    let mut blocks = vec![
        Block::Address(Paragraph::new(address)),
        Block::Paragraph(
            Paragraph::text(common.place_and_date.clone())
                .align(super::layout::Align::Right)
                .space_after(16.0),
        ),
        Block::Paragraph(
            Paragraph::new(vec![
                Span::bold("Objet\u{a0}: "),
                Span::plain(fr::typography(&text.subject_with(&values))),
            ])
            .space_after(14.0),
        ),
        Block::Paragraph(Paragraph::text(format!("{salutation},")).space_after(8.0)),
    ];
    for piece in text.pieces(&values) {
        match piece {
            Piece::Text(paragraph) => {
                blocks.push(Block::Paragraph(Paragraph::text(fr::typography(&paragraph))))
            }
            Piece::Agenda => agenda_blocks(&common.agenda, &mut blocks),
            Piece::Documents => document_blocks(&common.agenda, &mut blocks),
        }
    }
    if let Some(Block::Paragraph(last)) = blocks.last_mut() {
        last.space_after = last.space_after.max(18.0);
    }
    blocks.push(Block::Keep(signature_blocks(&common.signatory)));
    blocks
}

/// The ordre du jour's points, numbered, with who presents each.
fn agenda_blocks(agenda: &Agenda, blocks: &mut Vec<Block>) {
    if agenda.items.is_empty() {
        return;
    }
    blocks.push(Block::heading(3, "Ordre du jour"));
    for (number, item) in agenda.items.iter().enumerate() {
        let mut spans = vec![Span::plain(fr::typography(&item.title))];
        let presenter =
            if item.presenter.trim().is_empty() { item.presenter_note.trim() } else { item.presenter.trim() };
        if !presenter.is_empty() {
            spans.push(Span::italic(format!(" — {}", fr::typography(presenter))));
        }
        blocks.push(Block::Paragraph(
            Paragraph::new(spans).marker(format!("{}.", number + 1), 22.0).space_after(2.0),
        ));
    }
    blocks.push(Block::Space(6.0));
}

/// The documents sent with the letter.
fn document_blocks(agenda: &Agenda, blocks: &mut Vec<Block>) {
    if agenda.documents.is_empty() {
        return;
    }
    blocks.push(Block::heading(3, "Documents joints"));
    for document in &agenda.documents {
        blocks.push(Block::Paragraph(
            Paragraph::text(fr::typography(&document.name)).marker("–", 22.0).space_after(2.0),
        ));
    }
    blocks.push(Block::Space(6.0));
}

/// The signature: the title, the scanned signature (or room to sign), the name and function.
fn signature_blocks(signatory: &Signatory) -> Vec<Block> {
    let indent = BODY_WIDTH * 0.52;
    let mut signed = Vec::new();
    if let Some(title) = &signatory.title {
        signed.push(Block::Paragraph(Paragraph::text(title.clone()).indent(indent).space_after(4.0)));
    }
    match signatory.picture {
        Some((width, height)) => signed.push(Block::Signature { indent, width, height }),
        None => signed.push(Block::Space(26.0)),
    }
    if let Some(name) = &signatory.name {
        let mut spans = vec![Span::bold(name.clone())];
        if !signatory.function.is_empty() {
            spans.push(Span::plain(format!("\n{}", signatory.function)));
        }
        signed.push(Block::Paragraph(Paragraph::new(spans).indent(indent)));
    }
    signed
}
