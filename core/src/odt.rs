//! A document as OpenDocument text (`.odt`, ISO/IEC 26300, ODF 1.2), which LibreOffice and
//! Word open and let the porteur amend: the same [`Document`] the PDF is drawn from, its
//! headings as headings, its paragraphs with their bold and italics, its bulleted and
//! numbered items as real lists, its tables as tables; A4, the organisation in the header,
//! the footer and the page number at the foot.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::files::{with_extension, write_atomically};
use crate::pdf::layout::{Align, Block, Paragraph, Span, Table};
use crate::pdf::{fonts::Face, Document};
use crate::zip::{Method, ZipWriter};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Writes `document` as `.odt` to `path` (the extension added when missing), whole or not at
/// all, and returns the path written.
pub fn write_document(document: &Document, path: &Path) -> Result<PathBuf> {
    let path = with_extension(path, "odt");
    write_atomically(&path, &to_odt(document))?;
    Ok(path)
}

/// The `.odt` bytes of `document`.
pub fn to_odt(document: &Document) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    // The mimetype first and stored: how a reader recognises the package (ODF 1.2, part 3, §3.3).
    zip.add("mimetype", MIMETYPE.as_bytes(), Method::Stored);
    zip.add("content.xml", content(document).as_bytes(), Method::Deflated);
    zip.add("styles.xml", styles(document).as_bytes(), Method::Deflated);
    zip.add("meta.xml", meta(document).as_bytes(), Method::Deflated);
    zip.add("META-INF/manifest.xml", MANIFEST.as_bytes(), Method::Deflated);
    zip.finish()
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

/// The namespaces every part declares.
const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2""#;

/// Text escaped for XML, French no-break spaces kept, runs of spaces, tabs and line breaks
/// written as ODF asks (`text:s`, `text:tab`, `text:line-break`).
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut spaces = 0usize;
    let flush = |out: &mut String, spaces: &mut usize| {
        match *spaces {
            0 => {}
            1 => out.push(' '),
            n => out.push_str(&format!(" <text:s text:c=\"{}\"/>", n - 1)),
        }
        *spaces = 0;
    };
    for c in raw.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        flush(&mut out, &mut spaces);
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<text:line-break/>"),
            '\t' => out.push_str("<text:tab/>"),
            // Characters XML 1.0 forbids are left out.
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    flush(&mut out, &mut spaces);
    out
}

/// An attribute's value escaped.
fn attribute(raw: &str) -> String {
    text(raw).replace("<text:line-break/>", " ").replace("<text:tab/>", " ")
}

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| match span.face {
            Face::Bold => format!("<text:span text:style-name=\"Gras\">{}</text:span>", text(&span.text)),
            Face::Italic => {
                format!("<text:span text:style-name=\"Italique\">{}</text:span>", text(&span.text))
            }
            _ => text(&span.text),
        })
        .collect()
}

/// What kind of list item a paragraph's marker makes it: « • » bulleted, « 3. » numbered.
fn list_kind(paragraph: &Paragraph) -> Option<&'static str> {
    let marker = paragraph.marker.as_deref()?;
    if marker == "•" || marker == "–" || marker == "-" {
        Some("Puces")
    } else if marker.trim_end_matches('.').chars().all(|c| c.is_ascii_digit()) {
        Some("Numeros")
    } else {
        None
    }
}

fn paragraph_style(paragraph: &Paragraph) -> &'static str {
    match paragraph.align {
        Align::Center => "Centre",
        Align::Right => "Droite",
        _ => "Corps",
    }
}

/// The body's XML of `blocks` into `out`; consecutive items of one kind of list make one
/// list; `tables` counts the tables so far (each has its own name).
fn body(blocks: &[Block], out: &mut String, tables: &mut usize) {
    let mut open: Option<&'static str> = None;
    let close = |open: &mut Option<&'static str>, out: &mut String| {
        if open.take().is_some() {
            out.push_str("</text:list>");
        }
    };
    for block in blocks {
        let item = match block {
            Block::Paragraph(p) => list_kind(p),
            _ => None,
        };
        if item != open {
            close(&mut open, out);
            if let Some(kind) = item {
                out.push_str(&format!("<text:list text:style-name=\"{kind}\">"));
                open = Some(kind);
            }
        }
        match block {
            Block::Heading { text: title, level } => out.push_str(&format!(
                "<text:h text:style-name=\"Heading_20_{level}\" text:outline-level=\"{level}\">{}</text:h>",
                text(title)
            )),
            Block::Paragraph(p) if item.is_some() => out.push_str(&format!(
                "<text:list-item><text:p text:style-name=\"Liste\">{}</text:p></text:list-item>",
                spans(&p.spans)
            )),
            Block::Paragraph(p) | Block::Address(p) => {
                let marker =
                    p.marker.as_deref().map(|m| format!("{}<text:tab/>", text(m))).unwrap_or_default();
                out.push_str(&format!(
                    "<text:p text:style-name=\"{}\">{marker}{}</text:p>",
                    paragraph_style(p),
                    spans(&p.spans)
                ));
            }
            Block::Framed(p) => {
                out.push_str(&format!("<text:p text:style-name=\"Cadre\">{}</text:p>", spans(&p.spans)))
            }
            Block::Table(t) => {
                *tables += 1;
                table(t, *tables, out)
            }
            Block::Keep(inner) => body(inner, out, tables),
            Block::PageBreak => out.push_str("<text:p text:style-name=\"Saut\"/>"),
            Block::Space(_) | Block::Rule | Block::Signature { .. } => {}
        }
    }
    close(&mut open, out);
}

/// Table number `n` of the document.
fn table(t: &Table, n: usize, out: &mut String) {
    out.push_str(&format!("<table:table table:name=\"Tableau{n}\" table:style-name=\"Tableau\">"));
    let total: f32 = t.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
    for column in &t.columns {
        // Relative widths: style names carry the share in per mille.
        let share = (column.share / total * 1000.0).round() as u32;
        out.push_str(&format!("<table:table-column table:style-name=\"Colonne{share}\"/>"));
    }
    out.push_str("<table:table-header-rows><table:table-row>");
    for column in &t.columns {
        out.push_str(&format!(
            "<table:table-cell table:style-name=\"Cellule\" office:value-type=\"string\"><text:p text:style-name=\"Entete\">{}</text:p></table:table-cell>",
            text(&column.title)
        ));
    }
    out.push_str("</table:table-row></table:table-header-rows>");
    for row in &t.rows {
        out.push_str("<table:table-row>");
        for cell in &row.cells {
            out.push_str(&format!(
                "<table:table-cell table:style-name=\"Cellule\" office:value-type=\"string\"><text:p text:style-name=\"Cellule\">{}</text:p></table:table-cell>",
                spans(cell)
            ));
        }
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>");
}

/// The column styles of every share used, the automatic styles of `content.xml`.
fn column_styles(blocks: &[Block], shares: &mut std::collections::BTreeSet<u32>) {
    for block in blocks {
        match block {
            Block::Table(t) => {
                let total: f32 = t.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
                shares.extend(t.columns.iter().map(|c| (c.share / total * 1000.0).round() as u32));
            }
            Block::Keep(inner) => column_styles(inner, shares),
            _ => {}
        }
    }
}

fn content(document: &Document) -> String {
    let mut shares = std::collections::BTreeSet::new();
    let mut xml = String::new();
    let mut tables = 0;
    for (i, section) in document.sections.iter().enumerate() {
        if i > 0 {
            xml.push_str("<text:p text:style-name=\"Saut\"/>");
        }
        column_styles(&section.blocks, &mut shares);
        body(&section.blocks, &mut xml, &mut tables);
    }
    let columns: String = shares
        .iter()
        .map(|share| {
            format!(
                "<style:style style:name=\"Colonne{share}\" style:family=\"table-column\"><style:table-column-properties style:rel-column-width=\"{share}*\"/></style:style>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NAMESPACES}>
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="Gras" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>
<style:style style:name="Italique" style:family="text"><style:text-properties fo:font-style="italic" style:font-style-complex="italic"/></style:style>
<style:style style:name="Tableau" style:family="table"><style:table-properties style:width="17cm" table:align="margins" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="Cellule" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="Saut" style:family="paragraph" style:parent-style-name="Corps"><style:paragraph-properties fo:break-before="page"/></style:style>
{columns}
<text:list-style style:name="Puces"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.5cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numeros"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.8cm" fo:text-indent="-0.7cm" fo:margin-left="0.8cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:automatic-styles>
<office:body><office:text>{xml}</office:text></office:body>
</office:document-content>
"#
    )
}

fn styles(document: &Document) -> String {
    let footer = document.sections.first().map(|s| attribute(&s.footer)).unwrap_or_default();
    let organisation = text(&document.organisation);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}>
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="10.5pt" fo:language="fr" fo:country="FR" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Corps" style:display-name="Corps de texte" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.18cm" fo:line-height="120%"/></style:style>
<style:style style:name="Centre" style:family="paragraph" style:parent-style-name="Corps"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Droite" style:family="paragraph" style:parent-style-name="Corps"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="Liste" style:display-name="Élément de liste" style:family="paragraph" style:parent-style-name="Corps"><style:paragraph-properties fo:margin-bottom="0.08cm"/></style:style>
<style:style style:name="Cadre" style:display-name="Encadré" style:family="paragraph" style:parent-style-name="Corps"><style:paragraph-properties fo:padding="0.15cm" fo:border="0.75pt solid #000000" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Entete" style:display-name="En-tête de tableau" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Cellule" style:display-name="Contenu de tableau" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9.5pt"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Corps" style:default-outline-level="1" style:class="text"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.3cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="17pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Corps" style:default-outline-level="2" style:class="text"><style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Corps" style:default-outline-level="3" style:class="text"><style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Pied" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="8.5pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="A4">
<style:header><text:p text:style-name="Pied">{organisation}</text:p></style:header>
<style:footer><text:p text:style-name="Pied">{footer} — page <text:page-number text:select-page="current"/> / <text:page-count/></text:p></style:footer>
</style:master-page>
</office:master-styles>
</office:document-styles>
"#
    )
}

fn meta(document: &Document) -> String {
    let created = chrono::DateTime::from_timestamp(document.created, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES}>
<office:meta>
<meta:generator>Ateliers/{}</meta:generator>
<dc:title>{}</dc:title>
<dc:subject>{}</dc:subject>
<meta:initial-creator>{}</meta:initial-creator>
<meta:creation-date>{created}</meta:creation-date>
<dc:language>fr-FR</dc:language>
</office:meta>
</office:document-meta>
"#,
        env!("CARGO_PKG_VERSION"),
        text(&document.title),
        text(&document.subject),
        text(&document.organisation)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_its_spaces_breaks_and_tabs_are_odf_s() {
        assert_eq!(text("a & b < c > \"d\""), "a &amp; b &lt; c &gt; &quot;d&quot;");
        assert_eq!(text("un  deux   trois"), "un <text:s text:c=\"1\"/>deux <text:s text:c=\"2\"/>trois");
        assert_eq!(
            text("ligne\nsuivante\tcolonne\u{1}"),
            "ligne<text:line-break/>suivante<text:tab/>colonne"
        );
        assert_eq!(text("18\u{a0}h\u{a0}00"), "18\u{a0}h\u{a0}00", "no-break spaces kept");
    }
}
