//! The wording of the convocation letter, which the secretary edits in Paramètres: a subject
//! and a body written with fields in braces (« {date} », « {lieu} », « {ordre du jour} »)
//! that each letter fills in. Every saved wording is kept as a version.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Problems, Result};

/// The fields a wording may use, with what each becomes, in the order the window lists them.
pub const FIELDS: [(&str, &str); 11] = [
    ("objet", "« Convocation », ou « Invitation » pour une personne invitée"),
    ("convier", "« convier », ou « inviter » pour une personne invitée"),
    ("réunion", "« la séance n° 3 », « la réunion « forum » »"),
    ("atelier", "« l’atelier-projet « Mobilités douces » (AP-MOB) »"),
    ("titre", "« — Diagnostic partagé » quand la réunion a un titre, rien sinon"),
    ("date", "« mardi 12 décembre 2017 à 18 h 00 »"),
    ("lieu", "le lieu et l’adresse de la réunion"),
    ("visio", "la phrase qui donne le lien de visioconférence, s’il y en a un"),
    ("ordre du jour", "les points de l’ordre du jour, numérotés (seul dans son paragraphe)"),
    ("documents", "la liste des documents joints (seul dans son paragraphe)"),
    ("appellation", "« Madame la Maire », « Monsieur » : l’appellation de la personne"),
];

/// The subject the application ships.
pub const DEFAULT_SUBJECT: &str = "{objet} à {réunion} de {atelier}{titre}";

/// The body the application ships: paragraphs separated by a blank line.
pub const DEFAULT_BODY: &str = "J’ai le plaisir de vous {convier} à {réunion} de {atelier}, qui se tiendra le {date}, à l’adresse suivante : {lieu}.

{visio}

{ordre du jour}

{documents}

En cas d’empêchement, merci d’en informer le secrétariat dès que possible et, le cas échéant, de donner pouvoir à un autre membre de l’atelier.

Je vous prie d’agréer, {appellation}, l’expression de mes salutations distinguées.";

/// Longest subject, in characters.
const SUBJECT_MAX_CHARS: usize = 300;
/// Longest body, in characters.
const BODY_MAX_CHARS: usize = 10_000;

/// A wording as typed in Paramètres.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LetterTextInput {
    pub subject: String,
    pub body: String,
}

/// A checked wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterText {
    pub subject: String,
    pub body: String,
}

impl Default for LetterText {
    fn default() -> Self {
        LetterText { subject: DEFAULT_SUBJECT.to_string(), body: DEFAULT_BODY.to_string() }
    }
}

/// A saved version of the wording (`id` none: the application's own, never saved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterTextVersion {
    pub id: Option<i64>,
    /// 1 for the first saved version.
    pub number: i64,
    #[serde(flatten)]
    pub text: LetterText,
    /// When it was saved (UTC stamp); none for the application's own.
    pub saved_at: Option<String>,
}

impl LetterTextInput {
    /// Both parts are required, not too long, and every field in braces is one of
    /// [`FIELDS`] (a typing mistake would otherwise be printed as is in every letter); the
    /// list fields stand alone in their paragraph of the body.
    pub fn check(self) -> Result<LetterText> {
        let mut problems = Problems::default();
        let subject = self.subject.split_whitespace().collect::<Vec<_>>().join(" ");
        let body = self.body.replace("\r\n", "\n").replace('\r', "\n").trim().to_string();
        for (field, what, value, max) in
            [("subject", "L'objet", &subject, SUBJECT_MAX_CHARS), ("body", "Le texte", &body, BODY_MAX_CHARS)]
        {
            if value.is_empty() {
                problems.add(field, format!("{what} de la convocation est obligatoire"));
            } else if value.chars().count() > max {
                problems.add(field, format!("{what} ne doit pas dépasser {max} caractères"));
            }
            if let Err(message) = fields_of(value) {
                problems.add(field, message);
            }
        }
        for list in ["ordre du jour", "documents"] {
            if fields_of(&subject).is_ok_and(|fields| fields.contains(&list)) {
                problems.add(
                    "subject",
                    format!("Le champ {{{list}}} ne va que dans le texte, seul dans son paragraphe"),
                );
            }
            let inline = body.split("\n\n").any(|paragraph| {
                paragraph.contains(&format!("{{{list}}}")) && paragraph.trim() != format!("{{{list}}}")
            });
            if inline {
                problems.add("body", format!("Le champ {{{list}}} doit être seul dans son paragraphe (une ligne vide avant et après)"));
            }
        }
        problems.into_result(LetterText { subject, body })
    }
}

/// The fields that `text` names, or the French message for the first unknown or unclosed one.
fn fields_of(text: &str) -> std::result::Result<Vec<&str>, String> {
    let mut fields = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("Une accolade « { » n'est pas refermée par « } »".to_string());
        };
        let name = &after[..close];
        if !FIELDS.iter().any(|(known, _)| *known == name) {
            let known: Vec<String> = FIELDS.iter().map(|(known, _)| format!("{{{known}}}")).collect();
            return Err(format!("Le champ {{{name}}} n'existe pas ; les champs sont : {}", known.join(", ")));
        }
        fields.push(name);
        rest = &after[close + 1..];
    }
    Ok(fields)
}

/// One paragraph of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text, its fields filled in.
    Text(String),
    /// The numbered points of the ordre du jour.
    Agenda,
    /// The list of the documents sent with the letter.
    Documents,
}

impl LetterText {
    /// The subject with its fields filled in from `values`.
    pub fn subject_with(&self, values: &HashMap<&str, String>) -> String {
        fill(&self.subject, values)
    }

    /// The body's paragraphs with their fields filled in from `values`; a paragraph that is
    /// only empty fields (no video link) is left out.
    pub fn pieces(&self, values: &HashMap<&str, String>) -> Vec<Piece> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|paragraph| !paragraph.is_empty())
            .filter_map(|paragraph| match paragraph {
                "{ordre du jour}" => Some(Piece::Agenda),
                "{documents}" => Some(Piece::Documents),
                text => {
                    let filled = fill(text, values);
                    let filled = filled.lines().map(str::trim).collect::<Vec<_>>().join(" ");
                    (!filled.trim().is_empty()).then(|| Piece::Text(filled.trim().to_string()))
                }
            })
            .collect()
    }
}

/// `template` with each `{field}` replaced by its value (empty when `values` lacks it).
fn fill(template: &str, values: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push_str(values.get(&after[..close]).map_or("", String::as_str));
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_wording_passes_its_own_checks() {
        let text =
            LetterTextInput { subject: DEFAULT_SUBJECT.into(), body: DEFAULT_BODY.into() }.check().unwrap();
        assert_eq!(text, LetterText::default());
    }

    #[test]
    fn unknown_fields_and_inline_lists_are_refused_naming_the_part() {
        let err = LetterTextInput {
            subject: "Convocation le {jour}".into(),
            body: "Texte {ordre du jour} ici".into(),
        }
        .check()
        .unwrap_err();
        let fields = err.fields();
        assert_eq!(fields[0].field, "subject");
        assert!(fields[0].message.starts_with("Le champ {jour} n'existe pas ; les champs sont : {objet}"));
        assert_eq!(fields[1].field, "body");
        assert!(fields[1].message.contains("{ordre du jour} doit être seul"), "{}", fields[1].message);
        let open = LetterTextInput { subject: "Objet {date".into(), body: " ".into() }.check().unwrap_err();
        assert_eq!(open.fields().len(), 2);
    }

    #[test]
    fn a_body_becomes_paragraphs_with_its_fields_filled() {
        let text = LetterText::default();
        let values = HashMap::from([
            ("convier", "inviter".to_string()),
            ("réunion", "la séance n° 3".to_string()),
            ("atelier", "l’atelier AP-MOB".to_string()),
            ("date", "mardi 12 décembre 2017 à 18 h 00".to_string()),
            ("lieu", "salle du Conseil".to_string()),
            ("appellation", "Madame la Maire".to_string()),
        ]);
        let pieces = text.pieces(&values);
        assert_eq!(pieces.len(), 5, "no video link: its paragraph is left out");
        assert_eq!(
            pieces[0],
            Piece::Text("J’ai le plaisir de vous inviter à la séance n° 3 de l’atelier AP-MOB, qui se tiendra le mardi 12 décembre 2017 à 18 h 00, à l’adresse suivante : salle du Conseil.".into())
        );
        assert_eq!((&pieces[1], &pieces[2]), (&Piece::Agenda, &Piece::Documents));
        assert!(matches!(&pieces[4], Piece::Text(t) if t.contains("agréer, Madame la Maire, l’expression")));
        assert_eq!(text.subject_with(&HashMap::from([("objet", "Invitation".into())])), "Invitation à  de ");
    }
}
