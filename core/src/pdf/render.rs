//! Turns laid-out pages into PDF bytes with printpdf: the header (logo and organisation's
//! name) and the footer (title and « page X / Y ») on every page, the bundled fonts
//! embedded as subsets, and the metadata.

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, XObjectTransform,
};

use super::fonts::{self, Face};
use super::layout::{
    lay_out, Item, Page, BODY_BOTTOM, BODY_WIDTH, MARGIN_SIDE, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH,
};
use super::logo::Logo;
use super::{Document, Section};

/// Height of the logo in the header.
const LOGO_HEIGHT: f32 = 38.0;
/// Widest the logo may be.
const LOGO_MAX_WIDTH: f32 = 120.0;
/// Size of the organisation's name in the header.
const HEADER_SIZE: f32 = 11.0;
/// Size of the footer's text.
const FOOTER_SIZE: f32 = 8.0;

/// The pages of every section, each completed with its header and footer.
pub fn pages_of(document: &Document, logo_size: Option<(f32, f32)>) -> Vec<Page> {
    document.sections.iter().flat_map(|section| section_pages(document, section, logo_size)).collect()
}

/// The first page of `document` as it will be printed, for a preview in the window.
pub fn first_page(document: &Document) -> Page {
    let logo = decoded_logo(document).map(|logo| drawn_size(&logo));
    document
        .sections
        .first()
        .and_then(|section| section_pages(document, section, logo).into_iter().next())
        .unwrap_or_default()
}

fn decoded_logo(document: &Document) -> Option<Logo> {
    document.logo.as_deref().and_then(Logo::from_bytes)
}

/// The logo's drawn size, from the proportions of its source file.
fn drawn_size(logo: &Logo) -> (f32, f32) {
    logo_size((logo.source.0 as f32, logo.source.1 as f32))
}

fn section_pages(document: &Document, section: &Section, logo_size: Option<(f32, f32)>) -> Vec<Page> {
    let mut out = Vec::new();
    {
        let pages = lay_out(&section.blocks);
        let count = pages.len();
        for (number, mut page) in pages.into_iter().enumerate() {
            let mut items = header(&document.organisation, logo_size);
            items.append(&mut footer(section, number + 1, count));
            items.append(&mut page.items);
            out.push(Page { items });
        }
    }
    out
}

/// The logo's drawn size: `LOGO_HEIGHT` high unless that makes it wider than allowed.
pub fn logo_size(pixels: (f32, f32)) -> (f32, f32) {
    let (w, h) = pixels;
    if w <= 0.0 || h <= 0.0 {
        return (0.0, 0.0);
    }
    let scale = (LOGO_HEIGHT / h).min(LOGO_MAX_WIDTH / w);
    (w * scale, h * scale)
}

fn header(organisation: &str, logo: Option<(f32, f32)>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut x = MARGIN_SIDE;
    if let Some((width, height)) = logo {
        items.push(Item::Logo { x, y: MARGIN_TOP, width, height });
        x += width + 10.0;
    }
    let room = PAGE_WIDTH - MARGIN_SIDE - x;
    let name = fit(organisation, Face::Bold, HEADER_SIZE, room);
    let width = fonts::width(Face::Bold, &name, HEADER_SIZE);
    let baseline = MARGIN_TOP + LOGO_HEIGHT / 2.0 + HEADER_SIZE * 0.35;
    items.push(Item::Text { x, baseline, size: HEADER_SIZE, face: Face::Bold, text: name, width, grey: 0.0 });
    let rule = MARGIN_TOP + LOGO_HEIGHT + 6.0;
    items.push(Item::Line {
        from: (MARGIN_SIDE, rule),
        to: (PAGE_WIDTH - MARGIN_SIDE, rule),
        thickness: 0.6,
    });
    items
}

fn footer(section: &Section, number: usize, count: usize) -> Vec<Item> {
    let rule = BODY_BOTTOM + 10.0;
    let baseline = rule + 13.0;
    let page = format!("page {number}\u{a0}/\u{a0}{count}");
    let page_width = fonts::width(Face::Regular, &page, FOOTER_SIZE);
    let label = fit(&section.footer, Face::Regular, FOOTER_SIZE, BODY_WIDTH - page_width - 16.0);
    let label_width = fonts::width(Face::Regular, &label, FOOTER_SIZE);
    vec![
        Item::Line { from: (MARGIN_SIDE, rule), to: (PAGE_WIDTH - MARGIN_SIDE, rule), thickness: 0.4 },
        Item::Text {
            x: MARGIN_SIDE,
            baseline,
            size: FOOTER_SIZE,
            face: Face::Regular,
            text: label,
            width: label_width,
            grey: 0.25,
        },
        Item::Text {
            x: PAGE_WIDTH - MARGIN_SIDE - page_width,
            baseline,
            size: FOOTER_SIZE,
            face: Face::Regular,
            text: page,
            width: page_width,
            grey: 0.25,
        },
    ]
}

/// `text` shortened with « … » until it fits in `room` points.
fn fit(text: &str, face: Face, size: f32, room: f32) -> String {
    if fonts::width(face, text, size) <= room {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if fonts::width(face, &candidate, size) <= room {
            return candidate;
        }
    }
    String::new()
}

/// The document as PDF bytes.
pub fn render(document: &Document) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&document.title);
    let font_ids: Vec<_> = parsed_fonts().iter().map(|font| pdf.add_font(font)).collect();
    let logo = decoded_logo(document);
    let logo_pixels = logo.as_ref().map(|logo| (logo.pixels.0 as f32, logo.pixels.1 as f32));
    let logo_id = logo.as_ref().map(|logo| pdf.add_xobject(&logo.xobject));

    let pages = pages_of(document, logo.as_ref().map(drawn_size));
    // The signature is embedded once, and only when a page draws it.
    let signed =
        pages.iter().any(|page| page.items.iter().any(|item| matches!(item, Item::Signature { .. })));
    let signature = document.signature.as_deref().filter(|_| signed).and_then(Logo::from_bytes);
    let signature_drawn = signature.as_ref().map(|s| {
        let id = pdf.add_xobject(&s.xobject);
        (id, (s.pixels.0 as f32, s.pixels.1 as f32))
    });
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            let mut grey = -1.0f32;
            for item in &page.items {
                let pictures = Pictures {
                    logo: logo_id.as_ref().zip(logo_pixels),
                    signature: signature_drawn.as_ref().map(|(id, pixels)| (id, *pixels)),
                };
                draw(item, &mut ops, &mut grey, &font_ids, &pictures);
            }
            PdfPage::new(Mm::from(Pt(PAGE_WIDTH)), Mm::from(Pt(PAGE_HEIGHT)), ops)
        })
        .collect();

    let date = printpdf::OffsetDateTime::from_unix_timestamp(document.created)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now());
    let info = &mut pdf.metadata.info;
    info.document_title = document.title.clone();
    info.author = document.organisation.clone();
    info.subject = document.subject.clone();
    info.creator = "Ateliers".into();
    info.producer = format!("Ateliers {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    pdf.with_pages(pdf_pages);
    let mut doc = pdf.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
    drop_pdfx_claim(&mut doc);
    compress_streams(&mut doc);
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = doc.save_to(&mut bytes);
    bytes
}

/// printpdf always writes `GTS_PDFXVersion` in the document information, which makes
/// readers announce a PDF/X conformance these files do not have: the entry is removed.
fn drop_pdfx_claim(doc: &mut lopdf::Document) {
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference);
    if let Ok(dict) = info.and_then(|id| doc.get_object_mut(id)).and_then(lopdf::Object::as_dict_mut) {
        dict.remove(b"GTS_PDFXVersion");
    }
}

/// Compresses every stream not yet compressed (page contents, font programs) at zlib's
/// default level: printpdf's own pass uses the slowest level, a third of a letter's time
/// for a file hardly smaller.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(compressed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else {
            continue;
        };
        if compressed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// The bundled faces parsed once for the whole run (parsing them is most of a small
/// document's cost).
fn parsed_fonts() -> &'static [ParsedFont] {
    static FONTS: std::sync::OnceLock<Vec<ParsedFont>> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        Face::ALL
            .iter()
            // The bundled fonts are part of the build; failing to parse one is a bug.
            .map(|face| {
                ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).expect("police embarquée illisible")
            })
            .collect()
    })
}

fn grey_colour(level: f32) -> Color {
    Color::Greyscale(Greyscale { percent: level, icc_profile: None })
}

/// The images a page may draw: each XObject with its size in pixels.
struct Pictures<'a> {
    logo: Option<(&'a printpdf::XObjectId, (f32, f32))>,
    signature: Option<(&'a printpdf::XObjectId, (f32, f32))>,
}

fn draw(
    item: &Item,
    ops: &mut Vec<Op>,
    grey: &mut f32,
    font_ids: &[printpdf::FontId],
    pictures: &Pictures<'_>,
) {
    let mut fill = |ops: &mut Vec<Op>, level: f32| {
        if (*grey - level).abs() > f32::EPSILON {
            ops.push(Op::SetFillColor { col: grey_colour(level) });
            *grey = level;
        }
    };
    match item {
        Item::Text { x, baseline, size, face, text, grey: level, .. } => {
            fill(ops, *level);
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_ids[face.index()].clone()),
                size: Pt(*size),
            });
            ops.push(Op::SetTextCursor { pos: Point { x: Pt(*x), y: Pt(PAGE_HEIGHT - baseline) } });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
            ops.push(Op::EndTextSection);
        }
        Item::Line { from, to, thickness } => {
            ops.push(Op::SetOutlineColor { col: grey_colour(0.0) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: Point { x: Pt(from.0), y: Pt(PAGE_HEIGHT - from.1) }, bezier: false },
                        LinePoint { p: Point { x: Pt(to.0), y: Pt(PAGE_HEIGHT - to.1) }, bezier: false },
                    ],
                    is_closed: false,
                },
            });
        }
        Item::Rect { x, y, width, height, fill: level } => {
            let mode = match level {
                Some(level) => {
                    fill(ops, *level);
                    PaintMode::Fill
                }
                None => {
                    ops.push(Op::SetOutlineColor { col: grey_colour(0.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                    PaintMode::Stroke
                }
            };
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(PAGE_HEIGHT - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(mode),
                    winding_order: None,
                },
            });
        }
        Item::Logo { x, y, width, height } | Item::Signature { x, y, width, height } => {
            let picture = match item {
                Item::Logo { .. } => pictures.logo,
                _ => pictures.signature,
            };
            if let Some((id, (pixels_w, pixels_h))) = picture {
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(PAGE_HEIGHT - y - height)),
                        scale_x: Some(width / pixels_w),
                        scale_y: Some(height / pixels_h),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::{Block, Paragraph};

    fn sample() -> Document {
        Document {
            title: "Essai".into(),
            subject: "Un essai".into(),
            organisation: "Mairie".into(),
            logo: None,
            signature: None,
            sections: vec![Section {
                footer: "pied".into(),
                blocks: vec![Block::Paragraph(Paragraph::text("Bonjour"))],
            }],
            created: 1_800_000_000,
        }
    }

    #[test]
    fn the_file_claims_no_pdfx_conformance_and_its_streams_are_compressed() {
        let bytes = render(&sample());
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap();
        let info = doc.get_dictionary(info).unwrap();
        assert!(info.get(b"GTS_PDFXVersion").is_err());
        assert!(info.get(b"Title").is_ok());
        for object in doc.objects.values() {
            if let lopdf::Object::Stream(stream) = object {
                assert!(stream.dict.get(b"Filter").is_ok(), "{:?}", stream.dict);
            }
        }
    }
}
