//! The two statements side by side: our ledger on the left, their statement
//! on the right, a marker between (`=` matched, `+` the same match, `<` only
//! ours, `>` only theirs, `#` amounts differ, `~` dates far apart, `!` matched
//! by hand with a difference), rows coloured by kind, selected lines and the
//! cursor's side highlighted. Only the rows on screen are drawn.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::Bench;
use super::rows::RowKind;
use crate::domain::date::iso;
use crate::domain::ledger::EntryKind;
use crate::reconcile::Side;
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use crate::tui::widgets::table::{self, Column, Table, Want};

/// Our entry's type in a narrow column.
fn short_kind(kind: EntryKind, ctx: &Ctx) -> &'static str {
    ctx.t(match kind {
        EntryKind::Opening => Msg::KindOpening,
        EntryKind::Invoice => Msg::KindInvoice,
        EntryKind::Receipt => Msg::KindReceipt,
        EntryKind::Credit => Msg::KindCredit,
        EntryKind::Prepayment => Msg::KindPrepayment,
        EntryKind::Adjustment => Msg::KindAdjustment,
    })
}

/// How a row kind is drawn.
fn kind_style(kind: RowKind, theme: &Theme) -> Style {
    match kind {
        RowKind::Matched(_) => Style::new(),
        RowKind::Forced => theme.dim,
        RowKind::OnlyOurs => theme.warning,
        RowKind::OnlyTheirs => theme.title.remove_modifier(Modifier::BOLD),
        RowKind::AmountMismatch => theme.error,
        RowKind::DateOutsideTolerance => theme.search,
    }
}

impl Bench {
    pub(super) fn render_table(&self, frame: &mut Frame, area: Rect, side_width: u16, ctx: &Ctx) {
        let theme = &ctx.theme;
        let want = |min, weight, rank| Want {
            min,
            ideal: min,
            weight,
            rank,
        };
        // mark, date, doc, description, amount
        let wants = [
            want(1, 0, 0),
            want(10, 0, 0),
            want(8, 2, 0),
            want(8, 3, 2),
            want(12, 0, 0),
        ];
        let widths = table::layout(side_width, &wants);
        let titles = [
            "",
            ctx.t(Msg::ColDate),
            ctx.t(Msg::ColDoc),
            ctx.t(Msg::ColMemo),
            ctx.t(Msg::ColAmount),
        ];
        // Which field each shown column holds: 0..5 on a side.
        let shown_fields: Vec<usize> = (0..5).filter(|&i| widths[i].is_some()).collect();
        let side_columns = shown_fields.iter().map(|&i| Column {
            title: titles[i],
            width: widths[i].unwrap_or(0),
            right: i == 4,
        });
        let mut columns: Vec<Column> = side_columns.clone().collect();
        columns.push(Column {
            title: "",
            width: 1,
            right: false,
        });
        columns.extend(side_columns);
        let per_side = shown_fields.len();
        let rows = &self.rows;
        let shown = &self.shown;
        let marked = &self.marked;
        let recon = &self.recon;
        let cell = |pos: usize, col: usize| -> Cow<'_, str> {
            let Some(row) = shown.get(pos).and_then(|&i| rows.get(i)) else {
                return Cow::Borrowed("");
            };
            if col == per_side {
                return Cow::Borrowed(row.kind.marker(row.continued));
            }
            let (side, field) = if col < per_side {
                (Side::Ours, shown_fields[col])
            } else {
                (Side::Theirs, shown_fields[col - per_side - 1])
            };
            let Some(line) = row.line(side).and_then(|at| at.line(recon, side)) else {
                return Cow::Borrowed("");
            };
            match field {
                0 if marked.contains(&(side, line.id)) => Cow::Borrowed("*"),
                0 => Cow::Borrowed(""),
                1 => Cow::Owned(iso(line.date)),
                2 => Cow::Borrowed(line.doc.as_str()),
                3 if side == Side::Ours && line.description.is_empty() => {
                    Cow::Borrowed(self.kinds.get(&line.id).map_or("", |k| short_kind(*k, ctx)))
                }
                3 => Cow::Borrowed(line.description.as_str()),
                _ => Cow::Owned(line.amount.grouped()),
            }
        };
        let row_style = |pos: usize| {
            shown
                .get(pos)
                .and_then(|&i| rows.get(i))
                .map_or(Style::new(), |row| kind_style(row.kind, theme))
        };
        let page = (area.height.saturating_sub(1) as usize).max(1);
        // The offset kept by navigation may be stale after a resize.
        let offset = table::in_view(self.selected, self.offset, page);
        Table {
            columns: &columns,
            count: shown.len(),
            offset,
            selected: None,
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &row_style,
            cell_style: None,
        }
        .render(area, frame.buffer_mut());
        // Marked lines, then the cursor on its side of its row.
        let buf = frame.buffer_mut();
        let side_rect = |side: Side, y: u16| Rect {
            x: match side {
                Side::Ours => area.x,
                Side::Theirs => area.x + side_width + 3,
            },
            y,
            width: side_width.min(area.width),
            height: 1,
        };
        let visible = shown.len().saturating_sub(offset).min(page);
        for i in 0..visible {
            let y = area.y + 1 + i as u16;
            let Some(row) = shown.get(offset + i).and_then(|&r| rows.get(r)) else {
                continue;
            };
            for side in [Side::Ours, Side::Theirs] {
                if row
                    .line(side)
                    .is_some_and(|l| marked.contains(&(side, l.id)))
                {
                    buf.set_style(side_rect(side, y), theme.focused);
                }
            }
            if offset + i == self.selected {
                buf.set_style(side_rect(self.side, y), theme.selected);
            }
        }
        if shown.is_empty() && area.height > 2 {
            let text = format!("  {}", ctx.t(Msg::NoneYet));
            buf.set_stringn(area.x, area.y + 2, text, area.width as usize, theme.dim);
        }
    }
}
