//! The convocation: one personal letter per convoked person (members at the meeting's date
//! and guests), with their address block, the meeting, its ordre du jour, the documents
//! sent with it and the signature of the atelier's porteur politique.

use super::layout::{Block, Paragraph, Span, BODY_WIDTH};
use super::{
    file_name, known_parts, meeting_name, meeting_place, meeting_when, Document, Letterhead, Section,
};
use crate::error::{Error, Result};
use crate::fr;
use crate::model::agenda::Agenda;
use crate::model::meeting::{MeetingKind, MeetingStatus, MeetingSummary};
use crate::model::membership::BinomeRole;
use crate::model::person::{Civility, Person};
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
    let meeting = store.meeting(meeting_id)?;
    if meeting.status == MeetingStatus::Annulee {
        return Err(Error::Refused(format!(
            "{} est annulée : il n’y a pas de convocation à imprimer",
            fr::capitalise(&fr::typography(&meeting.describe()))
        )));
    }
    let convoked = store.convocations(meeting_id)?;
    if convoked.rows.is_empty() {
        return Err(Error::Refused(format!(
            "Personne n’est convoqué à {} : ajoutez des membres à l’atelier ou des invités",
            fr::typography(&meeting.describe())
        )));
    }
    let letterhead = Letterhead::of(store)?;
    let agenda = store.agenda(meeting_id)?;
    let day = meeting.start_local().date();
    let porteur = store
        .atelier_members(meeting.atelier_id, day)?
        .into_iter()
        .find(|m| m.current && m.binome == Some(BinomeRole::PorteurPolitique));
    let signature = porteur.map(|m| {
        let name = [m.first_name.as_str(), m.last_name.as_str()].join(" ").trim().to_string();
        (fr::typography(&name), fr::typography(&m.function))
    });
    let mut letters = Vec::with_capacity(convoked.rows.len());
    let people = convoked.rows.iter().map(|row| row.person_id).collect();
    let mut names = std::collections::HashSet::new();
    for row in &convoked.rows {
        let person = store.person(row.person_id)?;
        let mut name = file_name(&format!(
            "Convocation {} {} - {} {}",
            meeting.atelier,
            meeting_name(&meeting),
            person.data.last_name,
            person.data.first_name
        ));
        if !names.insert(name.to_lowercase()) {
            name = format!("{name} ({})", person.id);
        }
        let blocks = letter(&letterhead, &meeting, &agenda, &person, row.guest, signature.as_ref());
        let footer = fr::typography(&format!(
            "Convocation — {} — {} — {}",
            meeting.atelier,
            meeting_name(&meeting),
            person.data.display_name()
        ));
        letters.push((name, Section { footer, blocks }));
    }
    Ok(Letters { letterhead, meeting, letters, people })
}

/// How a convocation names its meeting, shared by the letter and the e-mail.
pub struct Wording {
    /// « la séance n° 3 », « la réunion « forum » ».
    pub what: String,
    /// « l’atelier-projet « Mobilités douces » (AP-MOB) ».
    pub atelier: String,
    /// « Convocation à » or, for a guest, « Invitation à ».
    pub object: &'static str,
    /// « — Diagnostic partagé » when the meeting has a title.
    pub topic: String,
}

impl Wording {
    /// The wording of `meeting` for a member, or for a guest.
    pub fn of(meeting: &MeetingSummary, guest: bool) -> Wording {
        let what = match (meeting.kind, meeting.session_number) {
            (MeetingKind::Seance, Some(n)) => format!("la séance n°\u{a0}{n}"),
            (MeetingKind::Seance, None) => "la séance".to_string(),
            (kind, _) => format!("la réunion « {} »", kind.label().to_lowercase()),
        };
        let atelier =
            fr::typography(&format!("l’atelier-projet « {} » ({})", meeting.atelier_title, meeting.atelier));
        let topic = match meeting.title.trim() {
            "" => String::new(),
            title => format!(" — {}", fr::typography(title)),
        };
        Wording { what, atelier, object: if guest { "Invitation à" } else { "Convocation à" }, topic }
    }

    /// « Convocation à la séance n° 3 de l’atelier-projet « … » (AP-MOB) — titre ».
    pub fn subject(&self) -> String {
        format!("{} {} de {}{}", self.object, self.what, self.atelier, self.topic)
    }
}

/// « Madame, », « Monsieur, » or « Madame, Monsieur, ».
pub fn salutation(civility: Civility) -> &'static str {
    match civility {
        Civility::Madame => "Madame,",
        Civility::Monsieur => "Monsieur,",
        Civility::None => "Madame, Monsieur,",
    }
}

/// The blocks of one letter.
fn letter(
    letterhead: &Letterhead,
    meeting: &MeetingSummary,
    agenda: &Agenda,
    person: &Person,
    guest: bool,
    signature: Option<&(String, String)>,
) -> Vec<Block> {
    let data = &person.data;
    let mut address = vec![Span::bold(fr::typography(&data.display_name()))];
    for line in
        known_parts([Some(data.function.as_str()), person.organisation.as_deref(), person.commune.as_deref()])
    {
        address.push(Span::plain(format!("\n{line}")));
    }
    let Wording { what, atelier, object, topic } = Wording::of(meeting, guest);
    let salutation = salutation(data.civility);
    let mut blocks = vec![
        Block::Paragraph(Paragraph::new(address).indent(BODY_WIDTH * 0.52).space_after(22.0)),
        Block::Paragraph(
            Paragraph::text(letterhead.place_and_date()).align(super::layout::Align::Right).space_after(16.0),
        ),
        Block::Paragraph(
            Paragraph::new(vec![
                Span::bold("Objet\u{a0}: "),
                Span::plain(format!("{object} {what} de {atelier}{topic}")),
            ])
            .space_after(14.0),
        ),
        Block::Paragraph(Paragraph::text(salutation).space_after(8.0)),
        Block::Paragraph(Paragraph::new(vec![
            Span::plain(format!(
                "J’ai le plaisir de vous {} à {what} de {atelier}, qui se tiendra le ",
                if guest { "inviter" } else { "convier" }
            )),
            Span::bold(meeting_when(meeting)),
            Span::plain(format!(
                ", à l’adresse suivante\u{a0}: {}.",
                fr::typography(&meeting_place(meeting))
            )),
        ])),
    ];
    if !meeting.video_link.trim().is_empty() {
        blocks.push(Block::Paragraph(Paragraph::text(format!(
            "Vous pourrez aussi y participer à distance par ce lien\u{a0}: {}",
            meeting.video_link.trim()
        ))));
    }
    if !agenda.items.is_empty() {
        blocks.push(Block::heading(3, "Ordre du jour"));
        for (number, item) in agenda.items.iter().enumerate() {
            let mut spans = vec![Span::plain(fr::typography(&item.title))];
            let presenter = if item.presenter.trim().is_empty() {
                item.presenter_note.trim()
            } else {
                item.presenter.trim()
            };
            if !presenter.is_empty() {
                spans.push(Span::italic(format!(" — {}", fr::typography(presenter))));
            }
            blocks.push(Block::Paragraph(
                Paragraph::new(spans).marker(format!("{}.", number + 1), 22.0).space_after(2.0),
            ));
        }
        blocks.push(Block::Space(6.0));
    }
    if !agenda.documents.is_empty() {
        blocks.push(Block::heading(3, "Documents joints"));
        for document in &agenda.documents {
            blocks.push(Block::Paragraph(
                Paragraph::text(fr::typography(&document.name)).marker("–", 22.0).space_after(2.0),
            ));
        }
        blocks.push(Block::Space(6.0));
    }
    blocks.push(Block::Paragraph(Paragraph::text(
        "En cas d’empêchement, merci d’en informer le secrétariat dès que possible et, le cas échéant, de donner pouvoir à un autre membre de l’atelier.",
    )));
    blocks.push(Block::Paragraph(
        Paragraph::text(format!(
            "Je vous prie d’agréer, {}, l’expression de mes salutations distinguées.",
            salutation.trim_end_matches(',')
        ))
        .space_after(18.0),
    ));
    let mut signed = vec![Block::Paragraph(
        Paragraph::text(format!("Le porteur politique de {atelier}"))
            .indent(BODY_WIDTH * 0.52)
            .space_after(30.0),
    )];
    if let Some((name, function)) = signature {
        let mut spans = vec![Span::bold(name.clone())];
        if !function.is_empty() {
            spans.push(Span::plain(format!("\n{function}")));
        }
        signed.push(Block::Paragraph(Paragraph::new(spans).indent(BODY_WIDTH * 0.52)));
    }
    blocks.push(Block::Keep(signed));
    blocks
}
