//! A table that draws only the rows on screen: the caller hands out cell text
//! per visible row, so a list of 100,000 customers costs one screenful.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::fit;
use crate::tui::keymap::Action;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub width: u16,
    /// Right-aligned (amounts).
    pub right: bool,
}

/// Rows `offset..` of `count` that fit under the header line.
pub struct Table<'a, F: Fn(usize, usize) -> Cow<'a, str>> {
    pub columns: &'a [Column],
    pub count: usize,
    pub offset: usize,
    pub selected: Option<usize>,
    pub cell: F,
    pub header_style: Style,
    pub selected_style: Style,
    pub row_style: &'a dyn Fn(usize) -> Style,
    /// A style for one cell (row, column) over the row's, e.g. a marker.
    pub cell_style: Option<&'a dyn Fn(usize, usize) -> Option<Style>>,
}

/// Columns are separated by one space.
pub const GAP: u16 = 1;

impl<'a, F: Fn(usize, usize) -> Cow<'a, str>> Table<'a, F> {
    /// How many rows fit in `area` below the header.
    pub fn page(area: Rect) -> usize {
        area.height.saturating_sub(1) as usize
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let header: Vec<Cow<'_, str>> = self
            .columns
            .iter()
            .map(|c| Cow::Borrowed(c.title))
            .collect();
        self.line(buf, area, area.y, &header, self.header_style);
        let visible = Self::page(area).min(self.count.saturating_sub(self.offset));
        for i in 0..visible {
            let row = self.offset + i;
            let cells: Vec<Cow<'_, str>> = (0..self.columns.len())
                .map(|c| (self.cell)(row, c))
                .collect();
            let style = if self.selected == Some(row) {
                self.selected_style
            } else {
                (self.row_style)(row)
            };
            let y = area.y + 1 + i as u16;
            self.line(buf, area, y, &cells, style);
            if let Some(cell_style) = self.cell_style.filter(|_| self.selected != Some(row)) {
                self.style_cells(buf, area, y, |c| cell_style(row, c));
            }
        }
    }

    fn style_cells(
        &self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        style: impl Fn(usize) -> Option<Style>,
    ) {
        let mut x = area.x;
        for (c, col) in self.columns.iter().enumerate() {
            let width = col.width.min(area.right().saturating_sub(x));
            if let Some(s) = style(c) {
                buf.set_style(Rect::new(x, y, width, 1), s);
            }
            x = x.saturating_add(col.width + GAP);
        }
    }

    fn line(&self, buf: &mut Buffer, area: Rect, y: u16, cells: &[Cow<'_, str>], style: Style) {
        let mut text = String::with_capacity(area.width as usize * 2);
        for (i, (col, cell)) in self.columns.iter().zip(cells).enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let width = col.width as usize;
            if col.right {
                let cut = super::truncate(cell, width);
                let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(cut.as_ref()));
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(&cut);
            } else {
                text.push_str(&fit(cell, width));
            }
        }
        let line = fit(&text, area.width as usize);
        buf.set_stringn(area.x, y, line, area.width as usize, style);
    }
}

/// Where the selection of `count` rows goes on a movement key, `rows` of
/// them on screen (a page).
pub fn moved(selected: usize, action: Action, rows: usize, count: usize) -> usize {
    let last = count.saturating_sub(1);
    match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => (selected + rows).min(last),
        Action::PageUp => selected.saturating_sub(rows),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    }
}

/// The first row on screen after a move, so the selection stays in view.
pub fn in_view(selected: usize, offset: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// A column's wishes: at least `min` columns, `ideal` columns before a less
/// important column is let in, a share `weight` of the spare room, and a
/// `rank` (0 = most important) deciding which columns go first when the
/// terminal is narrow, so the layout holds at 80 columns.
#[derive(Clone, Copy, Debug)]
pub struct Want {
    pub min: u16,
    pub ideal: u16,
    pub weight: u16,
    pub rank: u8,
}

/// Each column's width, or `None` for a column left out.
pub fn layout(total: u16, wants: &[Want]) -> Vec<Option<u16>> {
    let mut by_rank: Vec<usize> = (0..wants.len()).collect();
    by_rank.sort_by_key(|i| wants[*i].rank);
    let mut shown = vec![false; wants.len()];
    let mut used: u16 = 0;
    for i in by_rank {
        // The most important columns count at their ideal width, so a wide
        // name is not squeezed to let a minor column in.
        let width = if wants[i].rank == 0 {
            wants[i].ideal.max(wants[i].min)
        } else {
            wants[i].min
        };
        let need = width + if used == 0 { 0 } else { GAP };
        if used + need <= total {
            shown[i] = true;
            used += need;
        }
    }
    let count = shown.iter().filter(|s| **s).count() as u16;
    let mins: u16 = wants
        .iter()
        .zip(&shown)
        .filter(|(_, s)| **s)
        .map(|(w, _)| w.min)
        .sum();
    let spare = total.saturating_sub(mins + count.saturating_sub(1) * GAP);
    let weights: u16 = wants
        .iter()
        .zip(&shown)
        .filter(|(_, s)| **s)
        .map(|(w, _)| w.weight)
        .sum();
    let mut given = 0;
    let mut out: Vec<Option<u16>> = Vec::with_capacity(wants.len());
    for (want, show) in wants.iter().zip(&shown) {
        if !show {
            out.push(None);
            continue;
        }
        let extra = (spare * want.weight).checked_div(weights).unwrap_or(0);
        given += extra;
        out.push(Some(want.min + extra));
    }
    // Rounding leftovers go to the first weighted column.
    if weights > 0
        && let Some(i) = wants
            .iter()
            .zip(&shown)
            .position(|(w, s)| *s && w.weight > 0)
        && let Some(Some(w)) = out.get_mut(i)
    {
        *w += spare - given;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(min: u16, ideal: u16, weight: u16, rank: u8) -> Want {
        Want {
            min,
            ideal,
            weight,
            rank,
        }
    }

    #[test]
    fn layout_drops_what_does_not_fit_and_shares_the_rest() {
        let wants = [
            want(7, 7, 0, 0),
            want(10, 10, 1, 1),
            want(18, 18, 0, 3),
            want(10, 10, 0, 2),
        ];
        // 7 + 1 + 10 + 1 + 10 = 29; the tax ID (rank 3, 19 more) does not fit.
        let widths = layout(40, &wants);
        assert_eq!(widths, vec![Some(7), Some(21), None, Some(10)]);
        let sum: u16 = widths.iter().flatten().sum::<u16>() + 2 * GAP;
        assert_eq!(sum, 40);
    }

    #[test]
    fn important_columns_count_at_their_ideal_width() {
        let wants = [want(7, 7, 0, 0), want(10, 25, 1, 0), want(8, 8, 0, 1)];
        // 7 + 1 + 25 + 1 + 8 = 42 > 40: the minor column stays out and the
        // name takes the room.
        assert_eq!(layout(40, &wants), vec![Some(7), Some(32), None]);
        // With room for it, the name shares from its minimum.
        assert_eq!(layout(44, &wants), vec![Some(7), Some(27), Some(8)]);
    }
}
