//! Our page layout over printpdf's bare drawing operations: paragraphs that wrap on
//! measured glyph advances with the French rules, headings kept with what follows, blocks
//! kept together, tables whose rows never split and whose header repeats on every page.
//!
//! Everything is measured in points from the top-left corner of an A4 page; the renderer
//! flips it for PDF. The result is plain data ([`Page`] of [`Item`]s) that the tests check
//! for margins and overlaps before any document uses it.

use super::fonts::{self, Face, ASCENT, DESCENT};
use super::wrap::{wrap, Line};

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// Side margins: 20 mm, inside what every office printer prints.
pub const MARGIN_SIDE: f32 = 56.69;
/// Top margin, above the header (12 mm).
pub const MARGIN_TOP: f32 = 34.0;
/// Bottom margin, below the footer (12 mm).
pub const MARGIN_BOTTOM: f32 = 34.0;
/// Height of the header band (logo and organisation's name) and the space under it.
pub const HEADER_HEIGHT: f32 = 58.0;
/// Height of the footer band (title and « page X / Y ») and the space above it.
pub const FOOTER_HEIGHT: f32 = 30.0;
/// Leading, as a multiple of the size.
pub const LINE_HEIGHT: f32 = 1.25;
/// Space between a table cell's border and its text.
const CELL_PADDING: f32 = 3.5;

/// Top of the body, under the header.
pub const BODY_TOP: f32 = MARGIN_TOP + HEADER_HEIGHT;
/// Bottom of the body, above the footer.
pub const BODY_BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM - FOOTER_HEIGHT;
/// Width of the text column.
pub const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_SIDE;

/// A piece of text in one face.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// The text; `\n` forces a new line.
    pub text: String,
    /// The face asked for (characters it lacks fall back to DejaVu Sans).
    pub face: Face,
}

impl Span {
    /// Text in the regular face.
    pub fn plain(text: impl Into<String>) -> Self {
        Span { text: text.into(), face: Face::Regular }
    }

    /// Text in bold.
    pub fn bold(text: impl Into<String>) -> Self {
        Span { text: text.into(), face: Face::Bold }
    }

    /// Text in italics.
    pub fn italic(text: impl Into<String>) -> Self {
        Span { text: text.into(), face: Face::Italic }
    }
}

/// Horizontal alignment of a paragraph or a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Ragged right, the French letter's default.
    #[default]
    Left,
    /// Against the right margin (the place and date of a letter).
    Right,
    /// Centred (titles).
    Center,
}

/// A paragraph: spans that wrap inside the column.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// The text.
    pub spans: Vec<Span>,
    /// Size in points.
    pub size: f32,
    /// Space left free at the left of the column (an address block, a list item).
    pub indent: f32,
    /// Alignment of each line.
    pub align: Align,
    /// Space after the paragraph.
    pub space_after: f32,
    /// A marker drawn in the indent on the first line (« – », « 3. »).
    pub marker: Option<String>,
    /// Grey level of the text, 0 black (the default) to 1 white.
    pub grey: f32,
}

impl Paragraph {
    /// A left-aligned paragraph of 10.5-point text.
    pub fn new(spans: Vec<Span>) -> Self {
        Paragraph {
            spans,
            size: 10.5,
            indent: 0.0,
            align: Align::Left,
            space_after: 6.0,
            marker: None,
            grey: 0.0,
        }
    }

    /// A paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Paragraph::new(vec![Span::plain(text)])
    }

    /// The same paragraph at another size.
    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    /// The same paragraph with another alignment.
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// The same paragraph indented.
    pub fn indent(mut self, indent: f32) -> Self {
        self.indent = indent;
        self
    }

    /// The same paragraph with another space after it.
    pub fn space_after(mut self, space: f32) -> Self {
        self.space_after = space;
        self
    }

    /// The same paragraph as a list item with `marker` in its indent.
    pub fn marker(mut self, marker: impl Into<String>, indent: f32) -> Self {
        self.marker = Some(marker.into());
        self.indent = indent;
        self
    }

    /// The same paragraph in grey.
    pub fn grey(mut self, grey: f32) -> Self {
        self.grey = grey;
        self
    }
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The header's text.
    pub title: String,
    /// Share of the table's width (the shares are normalised).
    pub share: f32,
    /// Alignment of the cells.
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub fn new(title: impl Into<String>, share: f32) -> Self {
        Column { title: title.into(), share, align: Align::Left }
    }

    /// A centred column (figures, ticks).
    pub fn centred(title: impl Into<String>, share: f32) -> Self {
        Column { title: title.into(), share, align: Align::Center }
    }
}

/// A row of a table: one list of spans per column.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Vec<Span>>,
    /// Least height of the row (a signature needs room).
    pub min_height: f32,
}

impl Row {
    /// A row of plain texts.
    pub fn texts<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> Self {
        Row { cells: cells.into_iter().map(|text| vec![Span::plain(text)]).collect(), min_height: 0.0 }
    }

    /// The same row with a least height.
    pub fn min_height(mut self, height: f32) -> Self {
        self.min_height = height;
        self
    }
}

/// A table whose rows never split across pages (unless one row is taller than a page)
/// and whose header repeats at the top of each page it continues on.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Size of the text in points.
    pub size: f32,
    /// Space after the table.
    pub space_after: f32,
}

impl Table {
    /// A table of 9.5-point text.
    pub fn new(columns: Vec<Column>, rows: Vec<Row>) -> Self {
        Table { columns, rows, size: 9.5, space_after: 10.0 }
    }
}

/// What a document's body is made of.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading, kept on the page of what follows it; level 1 is the document's title.
    Heading {
        /// The heading's text.
        text: String,
        /// 1 (title), 2 (section) or 3.
        level: u8,
    },
    /// A paragraph, which may continue on the next page between two lines.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
    /// Blocks never separated by a page break (a signature, an address, a framed note).
    Keep(Vec<Block>),
    /// A framed paragraph (a warning such as « Projet »).
    Framed(Paragraph),
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// A thin horizontal line across the column.
    Rule,
    /// The next block starts a new page.
    PageBreak,
    /// The recipient's address, where the window of a DL envelope (110 × 220 mm, window
    /// 45 × 100 mm on the right) shows it once the A4 sheet is folded in three: in the box
    /// at [`ADDRESS_LEFT`], [`ADDRESS_TOP`] (six lines of the postal norm fit). What follows
    /// starts below the box. The first block of a letter.
    Address(Paragraph),
    /// The scanned signature, `width` × `height` points, `indent` from the left margin.
    Signature {
        /// From the body's left margin.
        indent: f32,
        /// Drawn width.
        width: f32,
        /// Drawn height.
        height: f32,
    },
}

impl Block {
    /// A heading of `level`.
    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        Block::Heading { text: text.into(), level }
    }
}

/// Something drawn on a page, placed in points from the page's top-left corner.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// One run of text in one face, on its baseline.
    Text {
        /// Left end of the run.
        x: f32,
        /// The baseline, from the top of the page.
        baseline: f32,
        /// Size in points.
        size: f32,
        /// Face that draws every character of the run.
        face: Face,
        /// The characters.
        text: String,
        /// Measured width.
        width: f32,
        /// Grey level, 0 black.
        grey: f32,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Thickness in points.
        thickness: f32,
    },
    /// A rectangle, filled with a grey or stroked.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Grey of the fill, or none for a stroked frame.
        fill: Option<f32>,
    },
    /// The scanned signature of the letters.
    Signature {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
    },
    /// The organisation's logo.
    Logo {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
    },
}

impl Item {
    /// The box the item covers: (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text { x, baseline, size, width, .. } => {
                (*x, baseline - ASCENT * size, x + width, baseline + DESCENT * size)
            }
            Item::Line { from, to, thickness } => (
                from.0.min(to.0) - thickness / 2.0,
                from.1.min(to.1) - thickness / 2.0,
                from.0.max(to.0) + thickness / 2.0,
                from.1.max(to.1) + thickness / 2.0,
            ),
            Item::Rect { x, y, width, height, .. }
            | Item::Logo { x, y, width, height }
            | Item::Signature { x, y, width, height } => (*x, *y, x + width, y + height),
        }
    }
}

/// Left edge of the address box: 110 mm from the sheet's left edge (the window spans about
/// 95 to 195 mm of a sheet folded into a DL envelope).
pub const ADDRESS_LEFT: f32 = 110.0 * MM;
/// Top of the address box: 52 mm from the sheet's top (the window spans about 50 to 95 mm).
pub const ADDRESS_TOP: f32 = 52.0 * MM;
/// Width of the address box: 80 mm, to the body's right margin.
pub const ADDRESS_WIDTH: f32 = 80.0 * MM;
/// Height of the address box: 40 mm.
pub const ADDRESS_HEIGHT: f32 = 40.0 * MM;
/// One millimetre in points.
const MM: f32 = 72.0 / 25.4;

/// A laid-out page.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Page {
    /// What is drawn on it, in drawing order.
    pub items: Vec<Item>,
}

/// Lays `blocks` out on as many A4 pages as they need (at least one).
pub fn lay_out(blocks: &[Block]) -> Vec<Page> {
    let mut flow = Flow { pages: vec![Page::default()], y: BODY_TOP };
    let mut index = 0;
    while index < blocks.len() {
        let block = &blocks[index];
        if let Block::Heading { .. } = block {
            // A heading goes to the next page unless what follows starts on its page too.
            let needed = height_of(block) + blocks.get(index + 1).map_or(0.0, first_height);
            flow.ensure(needed);
        }
        flow.place(block);
        index += 1;
    }
    flow.pages
}

/// Where the layout is: the pages so far and the top of the free space on the last one.
struct Flow {
    pages: Vec<Page>,
    y: f32,
}

impl Flow {
    fn at_top(&self) -> bool {
        self.y <= BODY_TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP;
    }

    /// Starts a new page unless `height` fits under the cursor (or the page is empty).
    fn ensure(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    fn place(&mut self, block: &Block) {
        match block {
            Block::Heading { text, level } => {
                let paragraph = heading_paragraph(text, *level);
                if *level > 1 && !self.at_top() {
                    self.y += heading_space_before(*level);
                }
                self.paragraph(&paragraph, 0.0);
            }
            Block::Paragraph(paragraph) => self.paragraph(paragraph, 0.0),
            Block::Framed(paragraph) => {
                let height = framed_height(paragraph);
                self.ensure(height);
                let top = self.y;
                let inner = paragraph_lines(paragraph, BODY_WIDTH - 2.0 * FRAME_PADDING);
                self.push(Item::Rect {
                    x: MARGIN_SIDE,
                    y: top,
                    width: BODY_WIDTH,
                    height: height - paragraph.space_after,
                    fill: None,
                });
                let mut y = top + FRAME_PADDING;
                for line in &inner {
                    self.line(
                        line,
                        paragraph,
                        MARGIN_SIDE + FRAME_PADDING,
                        BODY_WIDTH - 2.0 * FRAME_PADDING,
                        y,
                    );
                    y += paragraph.size * LINE_HEIGHT;
                }
                self.y = top + height;
            }
            Block::Table(table) => self.table(table),
            Block::Keep(blocks) => {
                let height: f32 = blocks.iter().map(height_of).sum();
                self.ensure(height);
                for inner in blocks {
                    self.place(inner);
                }
            }
            Block::Space(space) => {
                if !self.at_top() {
                    self.y = (self.y + space).min(BODY_BOTTOM);
                }
            }
            Block::Rule => {
                self.ensure(RULE_HEIGHT);
                let y = self.y + RULE_HEIGHT / 2.0;
                self.push(Item::Line {
                    from: (MARGIN_SIDE, y),
                    to: (MARGIN_SIDE + BODY_WIDTH, y),
                    thickness: 0.5,
                });
                self.y += RULE_HEIGHT;
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
            Block::Address(paragraph) => {
                // A name too long for one line wraps; nothing is ever left out.
                let line_height = paragraph.size * LINE_HEIGHT;
                let mut top = ADDRESS_TOP;
                for line in &paragraph_lines(paragraph, ADDRESS_WIDTH) {
                    self.line(line, paragraph, ADDRESS_LEFT, ADDRESS_WIDTH, top);
                    top += line_height;
                }
                self.y = self.y.max(ADDRESS_TOP + ADDRESS_HEIGHT).max(top + paragraph.space_after);
            }
            Block::Signature { indent, width, height } => {
                self.ensure(*height);
                self.push(Item::Signature {
                    x: MARGIN_SIDE + indent,
                    y: self.y,
                    width: *width,
                    height: *height,
                });
                self.y += height;
            }
        }
    }

    /// Places a paragraph line by line, continuing on the next page between two lines.
    fn paragraph(&mut self, paragraph: &Paragraph, extra_indent: f32) {
        let indent = paragraph.indent + extra_indent;
        let width = BODY_WIDTH - indent;
        let line_height = paragraph.size * LINE_HEIGHT;
        let lines = paragraph_lines(paragraph, width);
        // A short paragraph is never split; a long one starts with at least two lines.
        let first = if lines.len() <= KEPT_LINES { lines.len() } else { 2 };
        self.ensure(first as f32 * line_height);
        for (number, line) in lines.iter().enumerate() {
            self.ensure(line_height);
            if number == 0 {
                if let Some(marker) = &paragraph.marker {
                    let marker_width = fonts::width(Face::Regular, marker, paragraph.size);
                    let x = MARGIN_SIDE + (indent - marker_width - 4.0).max(0.0);
                    self.push(text_item(x, self.y, paragraph, Face::Regular, marker.clone(), marker_width));
                }
            }
            self.line(line, paragraph, MARGIN_SIDE + indent, width, self.y);
            self.y += line_height;
        }
        self.y = (self.y + paragraph.space_after).min(BODY_BOTTOM.max(self.y));
    }

    /// Draws one wrapped line whose line box starts at `top`.
    fn line(&mut self, line: &Line, paragraph: &Paragraph, left: f32, width: f32, top: f32) {
        let shift = match paragraph.align {
            Align::Left => 0.0,
            Align::Right => width - line.width,
            Align::Center => (width - line.width) / 2.0,
        };
        for run in &line.runs {
            let item = text_item(left + shift + run.x, top, paragraph, run.face, run.text.clone(), run.width);
            self.push(item);
        }
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = table.columns.iter().map(|c| BODY_WIDTH * c.share / total).collect();
        let header = Row {
            cells: table.columns.iter().map(|c| vec![Span::bold(c.title.clone())]).collect(),
            min_height: 0.0,
        };
        let header_cells = cell_lines(&header, &widths, table.size);
        let header_height = row_height(&header_cells, &header, table.size);
        let mut header_due = true;
        for row in &table.rows {
            let mut cells = cell_lines(row, &widths, table.size);
            let mut height = row_height(&cells, row, table.size);
            // A row taller than a whole page is the one case where a row is split.
            while header_height + height > BODY_BOTTOM - BODY_TOP {
                self.ensure(BODY_BOTTOM - BODY_TOP);
                if header_due || self.at_top() {
                    self.row(table, &widths, &header_cells, header_height, Some(0.93));
                }
                let room = BODY_BOTTOM - self.y - 2.0 * CELL_PADDING;
                let fits = ((room / (table.size * LINE_HEIGHT)).floor() as usize).max(1);
                let (head, rest): (Vec<Vec<Line>>, Vec<Vec<Line>>) = cells
                    .into_iter()
                    .map(|lines| {
                        let split = fits.min(lines.len());
                        let mut head = lines;
                        let rest = head.split_off(split);
                        (head, rest)
                    })
                    .unzip();
                let part = Row { cells: row.cells.clone(), min_height: 0.0 };
                let part_height = row_height(&head, &part, table.size);
                self.row(table, &widths, &head, part_height, None);
                self.new_page();
                header_due = true;
                cells = rest;
                height = row_height(&cells, &part, table.size);
            }
            if self.y + height > BODY_BOTTOM + 0.01 && !self.at_top() {
                self.new_page();
                header_due = true;
            }
            if header_due {
                if self.y + header_height + height > BODY_BOTTOM + 0.01 && !self.at_top() {
                    self.new_page();
                }
                self.row(table, &widths, &header_cells, header_height, Some(0.93));
                header_due = false;
            }
            self.row(table, &widths, &cells, height, None);
        }
        if header_due && table.rows.is_empty() {
            self.ensure(header_height);
            self.row(table, &widths, &header_cells, header_height, Some(0.93));
        }
        self.y = (self.y + table.space_after).min(BODY_BOTTOM);
    }

    /// Draws one row (its frame, optional fill, and the wrapped text of each cell).
    fn row(&mut self, table: &Table, widths: &[f32], cells: &[Vec<Line>], height: f32, fill: Option<f32>) {
        let top = self.y;
        let mut x = MARGIN_SIDE;
        for (column, (lines, width)) in cells.iter().zip(widths).enumerate() {
            if fill.is_some() {
                self.push(Item::Rect { x, y: top, width: *width, height, fill });
            }
            self.push(Item::Rect { x, y: top, width: *width, height, fill: None });
            let align = if fill.is_some() { Align::Left } else { table.columns[column].align };
            let paragraph = Paragraph { align, ..Paragraph::new(Vec::new()).size(table.size) };
            let mut y = top + CELL_PADDING;
            for line in lines {
                self.line(line, &paragraph, x + CELL_PADDING, width - 2.0 * CELL_PADDING, y);
                y += table.size * LINE_HEIGHT;
            }
            x += width;
        }
        self.y = top + height;
    }
}

/// Paragraphs of at most this many lines are kept on one page.
const KEPT_LINES: usize = 4;
const FRAME_PADDING: f32 = 6.0;
const RULE_HEIGHT: f32 = 8.0;

fn text_item(x: f32, top: f32, paragraph: &Paragraph, face: Face, text: String, width: f32) -> Item {
    let size = paragraph.size;
    // The baseline sits so that ascent and descent are centred in the line box.
    let baseline = top + size * (LINE_HEIGHT - ASCENT - DESCENT) / 2.0 + ASCENT * size;
    Item::Text { x, baseline, size, face, text, width, grey: paragraph.grey }
}

fn heading_paragraph(text: &str, level: u8) -> Paragraph {
    let (size, after) = match level {
        1 => (16.0, 8.0),
        2 => (12.5, 4.0),
        _ => (11.0, 3.0),
    };
    Paragraph::new(vec![Span::bold(text)]).size(size).space_after(after)
}

fn heading_space_before(level: u8) -> f32 {
    if level == 2 {
        8.0
    } else {
        4.0
    }
}

fn framed_height(paragraph: &Paragraph) -> f32 {
    let lines = paragraph_lines(paragraph, BODY_WIDTH - 2.0 * FRAME_PADDING).len() as f32;
    lines * paragraph.size * LINE_HEIGHT + 2.0 * FRAME_PADDING + paragraph.space_after
}

/// Height a block takes when laid out whole.
fn height_of(block: &Block) -> f32 {
    match block {
        Block::Heading { text, level } => {
            let paragraph = heading_paragraph(text, *level);
            heading_space_before(*level) + paragraph_height(&paragraph)
        }
        Block::Paragraph(paragraph) => paragraph_height(paragraph),
        Block::Framed(paragraph) => framed_height(paragraph),
        Block::Table(table) => {
            let total: f32 = table.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
            let widths: Vec<f32> = table.columns.iter().map(|c| BODY_WIDTH * c.share / total).collect();
            let header = Row {
                cells: table.columns.iter().map(|c| vec![Span::bold(c.title.clone())]).collect(),
                min_height: 0.0,
            };
            let mut height = row_height(&cell_lines(&header, &widths, table.size), &header, table.size);
            for row in &table.rows {
                height += row_height(&cell_lines(row, &widths, table.size), row, table.size);
            }
            height + table.space_after
        }
        Block::Keep(blocks) => blocks.iter().map(height_of).sum(),
        Block::Space(space) => *space,
        Block::Rule => RULE_HEIGHT,
        Block::PageBreak => 0.0,
        Block::Address(_) => ADDRESS_TOP + ADDRESS_HEIGHT - BODY_TOP,
        Block::Signature { height, .. } => *height,
    }
}

/// Height of the part of a block that must share a page with the heading before it.
fn first_height(block: &Block) -> f32 {
    match block {
        Block::Paragraph(paragraph) => paragraph.size * LINE_HEIGHT * 2.0,
        Block::Table(table) => {
            let total: f32 = table.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
            let widths: Vec<f32> = table.columns.iter().map(|c| BODY_WIDTH * c.share / total).collect();
            let header = Row {
                cells: table.columns.iter().map(|c| vec![Span::bold(c.title.clone())]).collect(),
                min_height: 0.0,
            };
            let mut height = row_height(&cell_lines(&header, &widths, table.size), &header, table.size);
            if let Some(row) = table.rows.first() {
                height += row_height(&cell_lines(row, &widths, table.size), row, table.size);
            }
            height
        }
        Block::Heading { .. } => height_of(block) + 2.0 * 10.5 * LINE_HEIGHT,
        other => height_of(other),
    }
    .min(BODY_BOTTOM - BODY_TOP)
}

fn paragraph_height(paragraph: &Paragraph) -> f32 {
    let lines = paragraph_lines(paragraph, BODY_WIDTH - paragraph.indent).len() as f32;
    lines * paragraph.size * LINE_HEIGHT + paragraph.space_after
}

fn cell_lines(row: &Row, widths: &[f32], size: f32) -> Vec<Vec<Line>> {
    widths
        .iter()
        .enumerate()
        .map(|(column, width)| {
            let spans = row.cells.get(column).cloned().unwrap_or_default();
            wrap(&spans, size, width - 2.0 * CELL_PADDING)
        })
        .collect()
}

fn row_height(cells: &[Vec<Line>], row: &Row, size: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32;
    (lines * size * LINE_HEIGHT + 2.0 * CELL_PADDING).max(row.min_height)
}

fn paragraph_lines(paragraph: &Paragraph, width: f32) -> Vec<Line> {
    wrap(&paragraph.spans, paragraph.size, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG_TITLE: &str = "Requalification du quartier de la gare ; concertation « élargie », \\ aménagement des espaces publics, mobilités douces, stationnement, végétalisation et îlots de fraîcheur : œuvre collective des communes de Riedisheim, Illzach, Kingersheim, Wittenheim et Mulhouse — phase 2 (2027-2029)";

    fn text_of(pages: &[Page]) -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|item| match item {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// Every item inside the margins, and no two texts covering each other.
    fn assert_well_placed(pages: &[Page]) {
        for (number, page) in pages.iter().enumerate() {
            let mut texts = Vec::new();
            for item in &page.items {
                let (left, top, right, bottom) = item.bounds();
                assert!(left >= MARGIN_SIDE - 0.6, "page {number}: {item:?} left of the margin");
                assert!(
                    right <= PAGE_WIDTH - MARGIN_SIDE + 0.6,
                    "page {number}: {item:?} right of the margin"
                );
                assert!(top >= BODY_TOP - 0.6, "page {number}: {item:?} above the body");
                assert!(bottom <= BODY_BOTTOM + 0.6, "page {number}: {item:?} below the body");
                if let Item::Text { .. } = item {
                    texts.push((left, top, right, bottom, item));
                }
            }
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    let overlap =
                        a.0 < b.2 - 0.01 && b.0 < a.2 - 0.01 && a.1 < b.3 - 0.01 && b.1 < a.3 - 0.01;
                    assert!(!overlap, "page {number}: {:?} overlaps {:?}", a.4, b.4);
                }
            }
        }
    }

    #[test]
    fn a_short_paragraph_moves_whole_to_the_next_page() {
        let mut blocks: Vec<Block> =
            (0..41).map(|i| Block::Paragraph(Paragraph::text(format!("Ligne {i}")))).collect();
        blocks.push(Block::Paragraph(Paragraph::text(format!("Décision : {}", "mot ".repeat(40)))));
        let pages = lay_out(&blocks);
        let pages_with_decision: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.items.iter().any(|i| matches!(i, Item::Text { text, .. } if text.contains("mot")))
            })
            .map(|(n, _)| n)
            .collect();
        assert_eq!(pages_with_decision.len(), 1, "{pages_with_decision:?}");
    }

    #[test]
    fn alignments_place_lines_against_their_side() {
        let right = lay_out(&[Block::Paragraph(Paragraph::text("Mulhouse, le 3 mars").align(Align::Right))]);
        let (_, _, r, _) = right[0].items[0].bounds();
        assert!((r - (PAGE_WIDTH - MARGIN_SIDE)).abs() < 0.5, "{r}");
        let centre = lay_out(&[Block::Paragraph(Paragraph::text("Titre").align(Align::Center))]);
        let (l, _, r, _) = centre[0].items[0].bounds();
        assert!(((l + r) / 2.0 - PAGE_WIDTH / 2.0).abs() < 0.5);
    }

    fn big_table(rows: usize) -> Table {
        Table::new(
            vec![Column::new("Nom", 3.0), Column::new("Organisation", 3.0), Column::new("Signature", 2.0)],
            (0..rows)
                .map(|i| {
                    let organisation =
                        if i % 7 == 0 { LONG_TITLE.to_string() } else { "Commune d’Illzach".to_string() };
                    Row::texts([
                        format!("Personne n° {i} Éléonore-Françoise Œhlenschläger-Dûpont"),
                        organisation,
                        String::new(),
                    ])
                    .min_height(24.0)
                })
                .collect(),
        )
    }

    #[test]
    fn a_long_table_breaks_between_rows_and_repeats_its_header() {
        let pages = lay_out(&[Block::heading(1, "Feuille d’émargement"), Block::Table(big_table(200))]);
        assert!(pages.len() > 5, "{} pages", pages.len());
        assert_well_placed(&pages);
        for (number, page) in pages.iter().enumerate() {
            let first_text = page.items.iter().find_map(|item| match item {
                Item::Text { text, .. } if text != "Feuille d’émargement" => Some(text.clone()),
                _ => None,
            });
            assert_eq!(first_text.as_deref(), Some("Nom"), "page {number} starts with the header");
        }
        // Every row is on one page: its name and its organisation share a page.
        let texts = text_of(&pages);
        for i in 0..200 {
            assert!(texts.iter().any(|t| t.starts_with(&format!("Personne n° {i} "))), "row {i} kept");
        }
        for page in &pages {
            let names = page
                .items
                .iter()
                .filter(|item| matches!(item, Item::Text { text, .. } if text.starts_with("Personne n°")))
                .count();
            let rows = page.items.iter().filter(|item| matches!(item, Item::Text { text, .. } if text.starts_with("Commune") || text.starts_with("Requalification"))).count();
            assert_eq!(names, rows, "each row's cells on the same page");
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_rather_than_drawn_off_the_page() {
        let huge = LONG_TITLE.repeat(40);
        let table = Table::new(
            vec![Column::new("Point", 1.0), Column::new("Détail", 1.0)],
            vec![Row::texts(["Un".to_string(), huge])],
        );
        let pages = lay_out(&[Block::Table(table)]);
        assert!(pages.len() >= 2);
        assert_well_placed(&pages);
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        let mut blocks = Vec::new();
        for i in 0..60 {
            blocks.push(Block::heading(2, format!("Section {i}")));
            blocks.push(Block::Paragraph(Paragraph::text(LONG_TITLE)));
        }
        let pages = lay_out(&blocks);
        assert_well_placed(&pages);
        for page in &pages {
            let last = page.items.iter().rev().find_map(|item| match item {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            });
            assert!(!last.unwrap().starts_with("Section"), "a heading closes a page");
        }
    }

    #[test]
    fn kept_blocks_move_together_to_the_next_page() {
        let mut blocks: Vec<Block> =
            (0..38).map(|i| Block::Paragraph(Paragraph::text(format!("Ligne {i}")))).collect();
        blocks.push(Block::Keep(vec![
            Block::Paragraph(Paragraph::text("Le porteur politique")),
            Block::Space(40.0),
            Block::Paragraph(Paragraph::text("Signature")),
        ]));
        let pages = lay_out(&blocks);
        assert_well_placed(&pages);
        let page_of = |wanted: &str| {
            pages.iter().position(|p| {
                p.items.iter().any(|i| matches!(i, Item::Text { text, .. } if text.contains(wanted)))
            })
        };
        assert_eq!(page_of("porteur"), page_of("Signature"));
    }

    #[test]
    fn adversarial_content_stays_inside_the_margins_without_overlaps() {
        let mut blocks = vec![
            Block::heading(1, LONG_TITLE),
            Block::Framed(Paragraph::new(vec![
                Span::bold("PROJET"),
                Span::plain(" — ".to_string() + LONG_TITLE),
            ])),
            Block::Paragraph(
                Paragraph::text(
                    "Madame Éléonore-Françoise Œhlenschläger-Dûpont\nCommune de Saint-Médard-en-Jalles",
                )
                .indent(BODY_WIDTH * 0.5),
            ),
        ];
        for i in 1..=40 {
            blocks.push(Block::Paragraph(
                Paragraph::text(format!("{LONG_TITLE} ({i})")).marker(format!("{i}."), 22.0),
            ));
        }
        blocks.push(Block::Rule);
        blocks.push(Block::Table(big_table(30)));
        let pages = lay_out(&blocks);
        assert!(pages.len() > 3);
        assert_well_placed(&pages);
    }
}
