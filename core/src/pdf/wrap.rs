//! Breaking text into lines on measured glyph advances, with the French rules: a line never
//! breaks before « : ; ! ? » » … € %, after « « », inside « 1 250 », after a civility, nor at
//! a no-break space; a word longer than the line breaks after a hyphen or slash, else
//! between two characters. Characters a face lacks are drawn by the fallback face.

use super::fonts::{self, Face};
use super::layout::Span;

/// A wrapped line: runs of one face each, placed from the line's left end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    /// The runs, left to right.
    pub runs: Vec<Run>,
    /// Width of the line's text (without trailing space).
    pub width: f32,
}

/// Text of one face on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Offset from the line's left end.
    pub x: f32,
    /// The face drawing every character.
    pub face: Face,
    /// The characters.
    pub text: String,
    /// Measured width.
    pub width: f32,
}

/// One character with the face that draws it.
#[derive(Clone, Copy)]
struct Glyph {
    c: char,
    face: Face,
    advance: f32,
}

/// An unbreakable piece of a line: a word with its glued spaces and punctuation.
#[derive(Default)]
struct Word {
    glyphs: Vec<Glyph>,
    width: f32,
}

/// Characters before which a line never breaks (French spacing: « mot : », « mot ? »).
fn glued_to_previous(c: char) -> bool {
    matches!(c, ':' | ';' | '!' | '?' | '»' | '…' | '%' | '€')
}

/// Whether the word so far is a civility (« M. », « Mme », « MM. », « Mmes »).
fn is_civility(glyphs: &[Glyph]) -> bool {
    let word: String = glyphs
        .iter()
        .rev()
        .take_while(|g| g.c != ' ')
        .map(|g| g.c)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    matches!(word.as_str(), "M." | "Mme" | "MM." | "Mmes" | "Mlle")
}

/// Splits spans into words (separated by breakable spaces) and forced line ends.
fn words(spans: &[Span], size: f32) -> Vec<Option<Word>> {
    let chars: Vec<(char, Face)> = spans
        .iter()
        .flat_map(|span| span.text.chars().map(move |c| (c, span.face)))
        .filter(|(c, _)| *c != '\r')
        .collect();
    let mut out: Vec<Option<Word>> = Vec::new();
    let mut word = Word::default();
    for (index, &(c, face)) in chars.iter().enumerate() {
        let breakable_space = c == ' ' || c == '\t';
        let next = chars.get(index + 1).map(|(n, _)| *n);
        let previous = index.checked_sub(1).and_then(|i| chars.get(i)).map(|(p, _)| *p);
        let between_digits =
            previous.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        // « M. Dupont », « Mme Dupont »: a civility never ends a line.
        let after_civility = breakable_space && is_civility(&word.glyphs);
        let glued = breakable_space
            && (next.is_some_and(glued_to_previous)
                || previous == Some('«')
                || next.is_none_or(|n| n == ' ')
                || between_digits
                || after_civility);
        if c == '\n' {
            out.push(Some(std::mem::take(&mut word)));
            out.push(None);
        } else if breakable_space && !glued {
            out.push(Some(std::mem::take(&mut word)));
        } else {
            let c = if c == '\t' { ' ' } else { c };
            let face = fonts::face_for(face, c);
            let advance = fonts::advance(face, c) * size;
            word.width += advance;
            word.glyphs.push(Glyph { c, face, advance });
        }
    }
    out.push(Some(word));
    out
}

/// Wraps spans into lines no wider than `width` points: breaks at spaces, never before
/// « : ; ! ? » » nor after « « », keeps no-break spaces, and cuts a word longer than the
/// line between two characters.
pub fn wrap(spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    let space = fonts::advance(Face::Regular, ' ') * size;
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    let mut current: Vec<Glyph> = Vec::new();
    let mut current_width = 0.0f32;
    for item in words(spans, size) {
        let Some(word) = item else {
            lines.push(std::mem::take(&mut current));
            current_width = 0.0;
            continue;
        };
        if word.glyphs.is_empty() {
            continue;
        }
        let gap = if current.is_empty() { 0.0 } else { space };
        if current_width + gap + word.width <= width + 0.01 {
            if gap > 0.0 {
                let face = current.last().map_or(Face::Regular, |g| g.face);
                current.push(Glyph { c: ' ', face: fonts::face_for(face, ' '), advance: space });
            }
            current_width += gap + word.width;
            current.extend(word.glyphs);
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            current_width = 0.0;
        }
        if word.width <= width + 0.01 {
            current_width = word.width;
            current = word.glyphs;
            continue;
        }
        // A word wider than the line (a long hyphenated name, a URL): cut after its last
        // hyphen or slash that fits, else between two characters.
        for piece in pieces(&word.glyphs) {
            let piece_width: f32 = piece.iter().map(|g| g.advance).sum();
            if current_width + piece_width > width + 0.01 && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                current_width = 0.0;
            }
            for glyph in piece {
                if current_width + glyph.advance > width + 0.01 && !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                    current_width = 0.0;
                }
                current_width += glyph.advance;
                current.push(*glyph);
            }
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines.into_iter().map(|glyphs| runs_of(&glyphs)).collect()
}

/// A word cut after each hyphen or slash: the places where a too-long word may break.
fn pieces(glyphs: &[Glyph]) -> Vec<&[Glyph]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, glyph) in glyphs.iter().enumerate() {
        if matches!(glyph.c, '-' | '/') && index + 1 < glyphs.len() {
            out.push(&glyphs[start..=index]);
            start = index + 1;
        }
    }
    out.push(&glyphs[start..]);
    out
}

fn runs_of(glyphs: &[Glyph]) -> Line {
    let mut line = Line::default();
    let mut x = 0.0;
    for glyph in glyphs {
        match line.runs.last_mut() {
            Some(run) if run.face == glyph.face => {
                run.text.push(glyph.c);
                run.width += glyph.advance;
            }
            _ => line.runs.push(Run { x, face: glyph.face, text: glyph.c.to_string(), width: glyph.advance }),
        }
        x += glyph.advance;
    }
    // A trailing space is not part of the line's width.
    let trailing: f32 = glyphs.iter().rev().take_while(|g| g.c == ' ').map(|g| g.advance).sum();
    line.width = x - trailing;
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG_TITLE: &str = "Requalification du quartier de la gare ; concertation « élargie », \\ aménagement des espaces publics, mobilités douces, stationnement, végétalisation et îlots de fraîcheur : œuvre collective des communes de Riedisheim, Illzach, Kingersheim, Wittenheim et Mulhouse — phase 2 (2027-2029)";

    #[test]
    fn a_paragraph_wraps_inside_the_column_and_keeps_every_word() {
        let text = LONG_TITLE.repeat(3);
        let lines = wrap(&[Span::plain(&text)], 10.5, 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            assert!(line.width <= 200.01, "{} > 200", line.width);
        }
        let joined: String = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<String>().trim_end().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, text);
    }

    #[test]
    fn no_line_starts_with_french_high_punctuation_nor_ends_with_an_opening_guillemet() {
        let text = "Le point « mobilités » est reporté : pourquoi ? Parce que ; voilà ! Fin… ".repeat(20);
        for width in [80.0, 97.0, 123.0, 150.0, 201.0] {
            for line in wrap(&[Span::plain(&text)], 10.0, width) {
                let content: String = line.runs.iter().map(|r| r.text.as_str()).collect();
                let first = content.trim_start().chars().next().unwrap();
                assert!(!matches!(first, ':' | ';' | '!' | '?' | '»' | '…'), "{content:?} at {width}");
                assert!(!content.trim_end().ends_with('«'), "{content:?} at {width}");
            }
        }
    }

    #[test]
    fn no_break_spaces_hold_their_words_together() {
        let lines = wrap(&[Span::plain("aaaa 18\u{a0}h\u{a0}00 bbbb")], 10.0, 60.0);
        let texts: Vec<String> =
            lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect()).collect();
        assert!(texts.iter().any(|t| t.contains("18\u{a0}h\u{a0}00")), "{texts:?}");
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_between_characters() {
        let url = "https://visio.example.fr/".to_string() + &"abcdefghij".repeat(20);
        let lines = wrap(&[Span::plain(&url)], 10.0, 120.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.width <= 120.01));
        let joined: String = lines.iter().flat_map(|l| l.runs.iter().map(|r| r.text.clone())).collect();
        assert_eq!(joined, url);
    }

    #[test]
    fn a_long_hyphenated_name_breaks_after_a_hyphen_and_figures_stay_whole() {
        let name = "Œhlenschläger-Dûpont-Saint-Ætienne-Bâcle-Çàvignac-Ÿvelin";
        let lines = wrap(&[Span::plain(name)], 10.0, 150.0);
        assert!(lines.len() > 1);
        let texts: Vec<String> =
            lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect()).collect();
        for text in &texts[..texts.len() - 1] {
            assert!(text.ends_with('-'), "{texts:?}");
        }
        assert_eq!(texts.concat(), name);
        let lines = wrap(&[Span::plain("un budget de 1 250 € et 12 000 € pour finir")], 10.0, 75.0);
        let texts: Vec<String> =
            lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect()).collect();
        assert!(
            texts.iter().any(|t| t.contains("1 250 €")) && texts.iter().any(|t| t.contains("12 000 €")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_civility_stays_with_the_name() {
        let text = "Mme Anaïs Bäcker, M. Benoît Cæsar, Mme Gaëlle Dupont, M. Clément Ÿvelin, Mme Zoé Ûzès, "
            .repeat(3);
        for width in [60.0, 90.0, 130.0] {
            for line in wrap(&[Span::plain(&text)], 10.0, width) {
                let content: String = line.runs.iter().map(|r| r.text.as_str()).collect();
                let content = content.trim_end();
                assert!(
                    !content.ends_with(" M.") && !content.ends_with("Mme") && content != "M.",
                    "{content:?}"
                );
            }
        }
    }

    #[test]
    fn a_forced_line_end_starts_a_new_line() {
        let lines = wrap(&[Span::plain("Madame Hélène Dupont\nAdjointe au maire")], 10.0, 400.0);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn spans_keep_their_faces_and_missing_characters_fall_back() {
        let lines = wrap(&[Span::bold("Objet : "), Span::plain("séance ⇄ réunion")], 10.0, 400.0);
        let faces: Vec<Face> = lines[0].runs.iter().map(|r| r.face).collect();
        assert_eq!(faces, vec![Face::Bold, Face::Regular, Face::Fallback, Face::Regular]);
    }
}
