//! Laying a document out on pages: text placed by its baseline, lines, an
//! image; tables whose header repeats on every page. Pages are kept as lists
//! of drawing operations so the footer can say "page 2 of 5" once all are
//! known; `render` turns them into PDF.

use super::font::Face;

/// Points (1/72 inch). A4 is 210 × 297 mm.
pub(crate) const A4: (f32, f32) = (595.28, 841.89);
pub(crate) const MARGIN: f32 = 42.0;
/// A table column holding a document number at 8pt: the 20 digits of a
/// 数电票 number (digits about 0.55em in the CJK fonts found) whole, with
/// the cell's padding.
pub(crate) const DOC_NO_WIDTH: f32 = 100.0;
const TOP: f32 = 48.0;
/// Room kept at the bottom for the footer.
const BOTTOM_ROOM: f32 = 54.0;

#[derive(Clone, Debug)]
pub(crate) enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    /// The company's seal, fitted into the box.
    Seal { x: f32, y: f32, w: f32, h: f32 },
}

/// One document being laid out: its pages and where the next line goes.
pub(crate) struct Layout<'f> {
    pub face: &'f Face,
    pub width: f32,
    pub height: f32,
    pages: Vec<Vec<Op>>,
    /// Top of the next line, from the top of the page.
    pub y: f32,
}

/// How a text sits in its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

impl<'f> Layout<'f> {
    pub fn new(face: &'f Face, (width, height): (f32, f32)) -> Layout<'f> {
        Layout {
            face,
            width,
            height,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// Left edge of the text area.
    pub fn left(&self) -> f32 {
        MARGIN
    }

    /// Right edge of the text area.
    pub fn right(&self) -> f32 {
        self.width - MARGIN
    }

    fn bottom(&self) -> f32 {
        self.height - BOTTOM_ROOM
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` points still fit on this one;
    /// true when it did.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > self.bottom() && self.y > TOP {
            self.new_page();
            true
        } else {
            false
        }
    }

    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// `text` in one line in the box from `x` to `x + w`, baseline `baseline`.
    pub fn text_in(&mut self, x: f32, w: f32, baseline: f32, size: f32, text: &str, align: Align) {
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x + w - self.face.width(text, size),
            Align::Center => x + (w - self.face.width(text, size)) / 2.0,
        };
        self.push(Op::Text {
            x,
            baseline,
            size,
            text: text.to_string(),
        });
    }

    /// A line of text across the text area, then the cursor moves below it.
    pub fn line_of(&mut self, size: f32, text: &str, align: Align) {
        let leading = size * 1.5;
        self.ensure(leading);
        let (x, w) = (self.left(), self.right() - self.left());
        self.text_in(x, w, self.y + size, size, text, align);
        self.y += leading;
    }

    /// `text` wrapped to the box from `x`, `w` wide, starting at the cursor;
    /// breaks pages as it goes.
    pub fn paragraph(&mut self, x: f32, w: f32, size: f32, text: &str) {
        let leading = size * 1.5;
        for line in self.face.wrap(text, w, size) {
            self.ensure(leading);
            self.text_in(x, w, self.y + size, size, &line, Align::Left);
            self.y += leading;
        }
    }

    pub fn rule(&mut self, width: f32) {
        let (l, r, y) = (self.left(), self.right(), self.y);
        self.push(Op::Line {
            from: (l, y),
            to: (r, y),
            width,
        });
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    /// The pages, each with `footer(page, pages)` at its foot.
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> (String, String)) -> Vec<Vec<Op>> {
        let count = self.pages.len();
        let (l, r) = (self.left(), self.right());
        let baseline = self.height - BOTTOM_ROOM / 2.0;
        let size = 7.5;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let (left, right) = footer(i + 1, count);
            page.push(Op::Text {
                x: l,
                baseline,
                size,
                text: left,
            });
            let x = r - self.face.width(&right, size);
            page.push(Op::Text {
                x,
                baseline,
                size,
                text: right,
            });
        }
        self.pages
    }
}

/// A column of a table: its width and how its cells sit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    pub width: f32,
    pub align: Align,
}

/// A table whose header is drawn again at the top of every page it runs onto.
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub header: Vec<String>,
    pub size: f32,
}

impl Table {
    fn leading(&self) -> f32 {
        self.size * 1.45
    }

    /// Draws the header; at least one row must fit below it.
    pub fn begin(&self, page: &mut Layout) {
        page.ensure(self.leading() * 3.0);
        self.header(page);
    }

    fn header(&self, page: &mut Layout) {
        page.rule(0.8);
        page.gap(2.0);
        self.cells(page, &self.header_lines(page.face));
        page.rule(0.5);
        page.gap(2.0);
    }

    fn header_lines(&self, face: &Face) -> Vec<Vec<String>> {
        self.header
            .iter()
            .zip(&self.columns)
            .map(|(h, c)| face.wrap(h, c.width - 8.0, self.size))
            .collect()
    }

    /// One row; cells wrap within their column. Emphasised rows get a rule above.
    pub fn row(&self, page: &mut Layout, cells: &[String], emphasis: bool) {
        let lines: Vec<Vec<String>> = cells
            .iter()
            .zip(&self.columns)
            .map(|(text, c)| page.face.wrap(text, c.width - 8.0, self.size))
            .collect();
        let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * self.leading();
        if page.ensure(height + 2.0) {
            self.header(page);
        }
        if emphasis {
            page.rule(0.5);
            page.gap(1.0);
        }
        self.cells(page, &lines);
    }

    fn cells(&self, page: &mut Layout, lines: &[Vec<String>]) {
        let mut x = page.left();
        let mut tallest = 1;
        for (cell, column) in lines.iter().zip(&self.columns) {
            let align = column.align;
            // Figures stop short of the column's edge, clear of a text
            // column starting right after.
            let inset = if align == Align::Right { 8.0 } else { 4.0 };
            for (i, line) in cell.iter().enumerate() {
                let baseline = page.y + self.size + i as f32 * self.leading();
                page.text_in(
                    x + 2.0,
                    column.width - inset,
                    baseline,
                    self.size,
                    line,
                    align,
                );
            }
            tallest = tallest.max(cell.len());
            x += column.width;
        }
        page.y += tallest as f32 * self.leading();
    }

    /// A rule under the last row.
    pub fn end(&self, page: &mut Layout) {
        page.gap(1.0);
        page.rule(0.8);
        page.gap(self.size);
    }
}
