//! The fonts bundled in `assets/fonts/` (Liberation Sans, SIL OFL 1.1, with DejaVu Sans for
//! the rare characters Liberation lacks) and the glyph advances the layout measures with.
//!
//! The advances come from the same `hmtx` table that printpdf writes as the embedded
//! fonts' widths, so what the layout measures is what a viewer draws.

use std::io::Read;
use std::sync::OnceLock;

/// Liberation Sans Regular, deflated by `build.rs` (as are the three below).
const REGULAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Regular.ttf.z"));
/// Liberation Sans Bold.
const BOLD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Bold.ttf.z"));
/// Liberation Sans Italic.
const ITALIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Italic.ttf.z"));
/// DejaVu Sans, for characters Liberation Sans does not draw.
const FALLBACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.z"));

/// The four font files inflated, once for the whole run (a few milliseconds).
fn inflated() -> &'static [Vec<u8>; 4] {
    static FILES: OnceLock<[Vec<u8>; 4]> = OnceLock::new();
    FILES.get_or_init(|| {
        [REGULAR, BOLD, ITALIC, FALLBACK].map(|deflated| {
            let mut bytes = Vec::with_capacity(deflated.len() * 2);
            // Compressed by build.rs from the bundled files: failing here is a broken build.
            flate2::read::ZlibDecoder::new(deflated)
                .read_to_end(&mut bytes)
                .expect("police embarquée illisible");
            bytes
        })
    })
}

/// One of the bundled faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Face {
    /// Body text.
    Regular,
    /// Headings, labels, table headers.
    Bold,
    /// Notes and hints.
    Italic,
    /// Characters none of the three above has (chosen by the layout, never asked for).
    Fallback,
}

impl Face {
    /// Every face, in the order of [`Face::index`].
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::Fallback];

    /// Position of this face in [`Face::ALL`].
    pub fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::Fallback => 3,
        }
    }

    /// The font file of this face.
    pub(crate) fn bytes(self) -> &'static [u8] {
        &inflated()[self.index()]
    }
}

/// Height above the baseline of the tallest accented capitals, as a fraction of the size
/// (Liberation Sans' `hhea` ascender is 0.905 em).
pub const ASCENT: f32 = 0.905;
/// Depth below the baseline, as a fraction of the size (`hhea` descender, 0.212 em).
pub const DESCENT: f32 = 0.212;

struct Metrics {
    faces: Vec<ttf_parser::Face<'static>>,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| Metrics {
        faces: Face::ALL
            .iter()
            // The bundled files are known good: a failure here is a broken build, not input.
            .map(|face| ttf_parser::Face::parse(face.bytes(), 0).expect("police embarquée illisible"))
            .collect(),
    })
}

/// The face that draws `c` in `wanted`: `wanted` itself when it has the glyph, else the
/// fallback face.
pub fn face_for(wanted: Face, c: char) -> Face {
    if metrics().faces[wanted.index()].glyph_index(c).is_some() {
        wanted
    } else {
        Face::Fallback
    }
}

/// Advance of `c` drawn in `face`, in ems (multiply by the size in points).
pub fn advance(face: Face, c: char) -> f32 {
    let font = &metrics().faces[face.index()];
    let glyph = font.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    f32::from(font.glyph_hor_advance(glyph).unwrap_or(0)) / f32::from(font.units_per_em())
}

/// Width in points of `text` drawn in `face` at `size` points, each character in the face
/// that really draws it.
pub fn width(face: Face, text: &str, size: f32) -> f32 {
    text.chars().map(|c| advance(face_for(face, c), c)).sum::<f32>() * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_characters_are_drawn_by_liberation_sans_itself() {
        for c in "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔŒÙÛÜŸ«»’€…\u{a0}".chars()
        {
            assert_eq!(face_for(Face::Regular, c), Face::Regular, "{c:?} should be in Liberation Sans");
        }
    }

    #[test]
    fn a_character_missing_from_liberation_falls_back_to_dejavu() {
        let arrow = '⇄';
        assert_eq!(face_for(Face::Bold, arrow), Face::Fallback);
        assert!(advance(Face::Fallback, arrow) > 0.0);
    }

    #[test]
    fn widths_add_up_and_scale_with_the_size() {
        let one = width(Face::Regular, "Séance", 10.0);
        assert!(one > 20.0 && one < 45.0, "{one}");
        assert!((width(Face::Regular, "SéanceSéance", 10.0) - 2.0 * one).abs() < 1e-3);
        assert!((width(Face::Regular, "Séance", 20.0) - 2.0 * one).abs() < 1e-3);
        assert!(width(Face::Bold, "Séance", 10.0) > one);
    }
}
