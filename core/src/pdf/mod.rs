//! The printed documents (PRODUCT.md « What it produces »): convocations, ordre du jour,
//! feuille d'émargement, relevé de décisions, charte d'engagement, fiche atelier,
//! assiduité and calendrier, as A4 PDF in French with the bundled fonts embedded as
//! subsets.
//!
//! Each document module turns what the store reads into [`layout::Block`]s; [`layout`]
//! places them on pages (wrapping, tables, page breaks), [`render`] draws the pages with
//! printpdf, and [`files`] writes them where the user chose — whole or not at all.

pub mod agenda;
pub mod assiduity;
pub mod calendar;
pub mod charter;
pub mod convocation;
pub mod fiche;
pub mod files;
pub mod fonts;
pub mod layout;
pub mod logo;
pub mod releve;
pub mod render;
pub mod request;
pub mod sign_in;
pub mod wrap;

pub use request::{Format, Request};

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Result;
use crate::fr;
use crate::model::meeting::{MeetingKind, MeetingSummary};
use crate::model::settings::Picture;
use crate::store::Store;
use layout::{Block, Paragraph, Span};

/// A document ready to be rendered: metadata, header and its sections.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Title in the metadata (and the file's default name).
    pub title: String,
    /// Subject in the metadata.
    pub subject: String,
    /// The organisation's name: header of every page, author in the metadata.
    pub organisation: String,
    /// The organisation's logo (PNG or JPEG), drawn in the header.
    pub logo: Option<Vec<u8>>,
    /// The letters' scanned signature (PNG or JPEG), drawn where a block asks for it.
    pub signature: Option<Vec<u8>>,
    /// The parts, each with its own page numbering (one letter each in a merged file).
    pub sections: Vec<Section>,
    /// When it was made (seconds since 1970, UTC): the creation date of its metadata.
    pub created: i64,
}

/// A part of a document numbered on its own: « page 1 / 2 » restarts with each section.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Left part of the footer (what the page belongs to).
    pub footer: String,
    /// The body.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The document as PDF bytes.
    pub fn to_pdf(&self) -> Vec<u8> {
        render::render(self)
    }
}

/// What every document of an organisation shares: its name, its logo and its town.
#[derive(Clone, Debug)]
pub struct Letterhead {
    /// The organisation's name.
    pub organisation: String,
    /// The logo's bytes.
    pub logo: Option<Vec<u8>>,
    /// The scanned signature's bytes.
    pub signature: Option<Vec<u8>>,
    /// The town of the organisation's address (« Mulhouse »), for « Mulhouse, le … ».
    pub town: Option<String>,
    /// Today, in the organisation's time zone.
    pub today: NaiveDate,
    /// Now (seconds since 1970, UTC), from the store's clock.
    pub now: i64,
}

impl Letterhead {
    /// The letterhead of the organisation in `store`'s settings.
    pub fn of(store: &Store) -> Result<Letterhead> {
        let settings = store.settings()?.data;
        Ok(Letterhead {
            organisation: fr::typography(&settings.org_name),
            logo: store.picture(Picture::Logo)?.map(|(_, bytes)| bytes),
            signature: store.picture(Picture::Signature)?.map(|(_, bytes)| bytes),
            town: town_of(&settings.address),
            today: store.today()?,
            now: store.clock().now_utc().timestamp(),
        })
    }

    /// A document of this organisation.
    pub fn document(
        &self,
        title: impl Into<String>,
        subject: impl Into<String>,
        sections: Vec<Section>,
    ) -> Document {
        Document {
            title: title.into(),
            subject: subject.into(),
            organisation: self.organisation.clone(),
            logo: self.logo.clone(),
            signature: self.signature.clone(),
            sections,
            created: self.now,
        }
    }

    /// « Mulhouse, le 25 novembre 2026 » (« Le 25 novembre 2026 » with no town known).
    pub fn place_and_date(&self) -> String {
        let date = fr::long_date(self.today);
        // « mercredi 25 novembre 2026 » → « 25 novembre 2026 », as letters are dated.
        let date = date.split_once(' ').map_or(date.clone(), |(_, rest)| rest.to_string());
        match &self.town {
            Some(town) => format!("{town}, le {date}"),
            None => format!("Le {date}"),
        }
    }
}

/// The town of a French postal address: the words after the five-digit postcode of its
/// last line that has one, « Cedex » and what follows left out.
fn town_of(address: &str) -> Option<String> {
    address.lines().rev().find_map(|line| {
        let line = line.trim();
        let (code, town) = line.split_once(' ')?;
        if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let town = match town.to_lowercase().find("cedex") {
            Some(at) => town[..at].trim(),
            None => town.trim(),
        };
        (!town.is_empty()).then(|| town.to_string())
    })
}

/// « Séance n° 3 », or the kind of a meeting that is not a séance.
pub fn meeting_name(meeting: &MeetingSummary) -> String {
    match (meeting.kind, meeting.session_number) {
        (MeetingKind::Seance, Some(n)) => format!("Séance n°\u{a0}{n}"),
        (kind, _) => kind.label().to_string(),
    }
}

/// « mardi 12 décembre 2017 de 18 h 00 à 20 h 00 » (or to another day).
pub fn meeting_when(meeting: &MeetingSummary) -> String {
    let (start, end): (NaiveDateTime, NaiveDateTime) = (meeting.start_local(), meeting.end_local());
    if start.date() == end.date() {
        format!("{} de {} à {}", fr::long_date(start.date()), fr::time(start), fr::time(end))
    } else {
        format!("du {} au {}", fr::long_date_time(start), fr::long_date_time(end))
    }
}

/// The place of a meeting with its address on one line.
pub fn meeting_place(meeting: &MeetingSummary) -> String {
    let address =
        meeting.address.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ");
    match (meeting.place.trim(), address.as_str()) {
        ("", "") => "lieu à préciser".to_string(),
        (place, "") => place.to_string(),
        ("", address) => address.to_string(),
        (place, address) => format!("{place}, {address}"),
    }
}

/// The heading lines every meeting document starts with: atelier, meeting, when, where.
pub fn meeting_facts(meeting: &MeetingSummary) -> Vec<Block> {
    let mut blocks = vec![
        fact("Atelier-projet", &format!("{} — {}", meeting.atelier, meeting.atelier_title)),
        fact("Réunion", &meeting_name(meeting)),
    ];
    if !meeting.title.trim().is_empty() {
        blocks.push(fact("Intitulé", meeting.title.trim()));
    }
    blocks.push(fact("Date", &meeting_when(meeting)));
    blocks.push(fact("Lieu", &meeting_place(meeting)));
    if !meeting.video_link.trim().is_empty() {
        blocks.push(fact("À distance", meeting.video_link.trim()));
    }
    blocks.push(Block::Space(6.0));
    blocks
}

/// « Label : value » as a short paragraph, the label in bold.
pub fn fact(label: &str, value: &str) -> Block {
    Block::Paragraph(
        Paragraph::new(vec![Span::bold(format!("{label}\u{a0}: ")), Span::plain(fr::typography(value))])
            .space_after(2.0),
    )
}

/// The parts of a person's description that are known (function, organisation, commune),
/// trimmed, French typography applied.
pub fn known_parts<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Vec<String> {
    parts.into_iter().flatten().map(str::trim).filter(|s| !s.is_empty()).map(fr::typography).collect()
}

/// Text typed by users in the light syntax of [`crate::model::rich_text`]: its paragraphs
/// (line breaks kept), bulleted lists, bold and italics, French typography applied.
pub fn rich(text: &str) -> Vec<Block> {
    use crate::model::rich_text::{blocks, RichBlock};
    let mut out = Vec::new();
    for block in blocks(text) {
        match block {
            RichBlock::Paragraph { inlines } => {
                out.push(Block::Paragraph(Paragraph::new(spans_of(&inlines))))
            }
            RichBlock::List { items } => out.extend(items.iter().map(|item| {
                Block::Paragraph(Paragraph::new(spans_of(item)).marker("•", 14.0).space_after(2.0))
            })),
        }
    }
    out
}

/// One line typed in the light syntax (bold, italics) as spans.
pub fn rich_line(text: &str) -> Vec<Span> {
    spans_of(&crate::model::rich_text::inlines(text.trim()))
}

/// Runs as spans: bold (bold and italic together are bold: the fonts have no bold italic),
/// italics or plain.
fn spans_of(runs: &[crate::model::rich_text::Inline]) -> Vec<Span> {
    runs.iter()
        .map(|run| {
            let text = fr::typography(&run.text);
            match (run.strong, run.emphasis) {
                (true, _) => Span::bold(text),
                (false, true) => Span::italic(text),
                (false, false) => Span::plain(text),
            }
        })
        .collect()
}

/// A paragraph of text typed by users, French typography applied.
pub fn typed(text: &str) -> Block {
    Block::Paragraph(Paragraph::text(fr::typography(text.trim())))
}

/// A name safe in a file name on every system: letters (accents kept), digits, spaces,
/// hyphens, dots, « ° », « ’ » and parentheses; anything else becomes a hyphen.
pub fn file_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' => ' ',
            c if c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_' | '°' | '’' | '(' | ')') => c,
            _ => '-',
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == ' ' || c == '.' || c == '-').to_string();
    let short: String = trimmed.chars().take(120).collect();
    // Windows refuses a name ending with a space or a dot, even once cut short.
    let short = short.trim_end_matches([' ', '.']).to_string();
    if short.is_empty() {
        "document".to_string()
    } else if reserved_on_windows(&short) {
        // « nul (document).pdf »: what comes before the first dot is what Windows reads.
        let (stem, rest) = short.split_at(short.find('.').unwrap_or(short.len()));
        format!("{} (document){rest}", stem.trim_end())
    } else {
        short
    }
}

/// Whether Windows keeps `name` for a device (`CON`, `PRN`, `AUX`, `NUL`, `COM1`…`COM9`,
/// `LPT1`…`LPT9`), whatever its case and extension: `nul.pdf` cannot be written.
fn reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_town_comes_from_the_postcode_line_without_cedex() {
        assert_eq!(
            town_of("2 rue Pierre et Marie Curie\nBP 90019\n68948 Mulhouse Cedex 9").as_deref(),
            Some("Mulhouse")
        );
        assert_eq!(town_of("1 place de la Mairie\n68400 Riedisheim").as_deref(), Some("Riedisheim"));
        assert_eq!(town_of("Mairie"), None);
    }

    #[test]
    fn file_names_keep_accents_and_drop_separators() {
        assert_eq!(
            file_name("Convocation — Œhlenschläger/Dûpont : « x »"),
            "Convocation - Œhlenschläger-Dûpont - - x"
        );
        assert_eq!(file_name("Séance n°\u{a0}3"), "Séance n° 3");
        assert_eq!(file_name("../.."), "document");
        // What Windows refuses: device names, whatever their case or extension, and a name
        // ending with a dot or a space (here once cut to 120 characters).
        assert_eq!(file_name("CON"), "CON (document)");
        assert_eq!(file_name("nul.pdf"), "nul (document).pdf");
        assert_eq!(file_name("Com7"), "Com7 (document)");
        assert_eq!(file_name("COM0"), "COM0");
        assert_eq!(file_name("Console"), "Console");
        let long = format!("{}. suite", "a".repeat(119));
        assert_eq!(file_name(&long), "a".repeat(119));
        assert_eq!(file_name("a<b>c:d\"e|f?g*h"), "a-b-c-d-e-f-g-h");
    }
}
