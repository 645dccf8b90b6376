//! A report grid (`report::Grid`: statistics, entries found) drawn as a
//! table: columns as wide as their widest cell (by display width, so 制造业
//! takes six columns), figures right-aligned, the totals row in bold,
//! scrolled from `offset`. When the first figure (an amount) would not fit,
//! the widest text column (a customer's name) is shortened with `…` for it;
//! columns that still do not fit are left out from the right, never squeezed
//! into each other.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::{fit, truncate};
use crate::report::{Cell, Grid};
use crate::tui::theme::Theme;

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Money(m) => m.grouped(),
    }
}

/// Each column's width: its widest cell, at most `cap`.
fn widths(grid: &Grid, cap: usize) -> Vec<usize> {
    let mut w: Vec<usize> = grid.headers.iter().map(|h| h.width()).collect();
    for (cells, _) in &grid.rows {
        for (i, c) in cells.iter().enumerate() {
            if let Some(slot) = w.get_mut(i) {
                *slot = (*slot).max(text(c).width());
            }
        }
    }
    w.into_iter().map(|x| x.min(cap)).collect()
}

/// The narrowest a shortened text column gets.
const SHORTEST: usize = 8;

/// Shortens the widest text column before the first figure column so that
/// the figure fits in `width` (two spaces between columns), when it can.
fn make_room(widths: &mut [usize], right: &[bool], width: usize) {
    let is_figure = |i: usize| right.get(i).copied().unwrap_or(false);
    let Some(first) = (0..widths.len()).find(|&i| is_figure(i)) else {
        return;
    };
    let Some(widest) = (0..first).max_by_key(|&i| (widths[i], std::cmp::Reverse(i))) else {
        return;
    };
    let needed = widths[..=first].iter().sum::<usize>() + 2 * first;
    let spare = widths[widest].saturating_sub(SHORTEST);
    if needed > width && needed - width <= spare {
        widths[widest] -= needed - width;
    }
}

fn line(cells: &[String], widths: &[usize], right: &[bool], width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for (i, cell) in cells.iter().enumerate() {
        let w = widths.get(i).copied().unwrap_or(0);
        if i > 0 && used + 2 + w > width {
            break;
        }
        if i > 0 {
            out.push_str("  ");
            used += 2;
        }
        if right.get(i).copied().unwrap_or(false) {
            let cut = truncate(cell, w);
            out.push_str(&" ".repeat(w.saturating_sub(cut.width())));
            out.push_str(&cut);
        } else {
            out.push_str(&fit(cell, w));
        }
        used += w;
    }
    fit(&out, width)
}

/// How many body rows fit under the header in `area`.
pub fn page(area: Rect) -> usize {
    area.height.saturating_sub(1) as usize
}

/// Draws `grid`'s header and rows `offset..`; `selected` highlighted.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    grid: &Grid,
    (offset, selected): (usize, Option<usize>),
    theme: &Theme,
) {
    if area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let mut widths = widths(grid, 40);
    let right: Vec<bool> = match grid.rows.first() {
        Some((cells, _)) => cells.iter().map(|c| !matches!(c, Cell::Text(_))).collect(),
        None => Vec::new(),
    };
    make_room(&mut widths, &right, width);
    let buf = frame.buffer_mut();
    let header = line(&grid.headers, &widths, &right, width);
    buf.set_stringn(area.x, area.y, header, width, theme.column_header);
    for (i, (cells, total)) in grid.rows.iter().skip(offset).take(page(area)).enumerate() {
        let row = offset + i;
        let texts: Vec<String> = cells.iter().map(text).collect();
        let style = if selected == Some(row) {
            theme.selected
        } else if *total {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let y = area.y + 1 + i as u16;
        buf.set_stringn(
            area.x,
            y,
            line(&texts, &widths, &right, width),
            width,
            style,
        );
    }
}
