//! Drawing the list: the table (visible rows only), the status line and
//! the first steps on an empty database.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::ListScreen;
use crate::domain::customer::Status;
use crate::domain::ledger::credit::limit_short;
use crate::tui::app::Ctx;
use crate::tui::component::Component;
use crate::tui::i18n::{self, Msg};
use crate::tui::index::{Column, Text};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::widgets::table::{self, Table, Want};
use crate::tui::widgets::{centered, fit};

impl ListScreen {
    pub(super) fn status_text(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let theme = &ctx.theme;
        if self.scope(ctx) == Scope::Empty {
            return Line::default();
        }
        let shown = i18n::count(self.filtered.rows().len(), Msg::Shown, ctx.lang);
        let mut parts = vec![
            format!(
                "{} {}",
                ctx.t(Msg::ColStatus),
                self.query.status.label(ctx.lang)
            ),
            format!(
                "{} {} {}",
                ctx.t(Msg::SortBy),
                self.query.sort.title().get(ctx.lang),
                if self.query.descending { "↓" } else { "↑" }
            ),
        ];
        if let Some(class) = &self.query.class {
            parts.push(format!("{} {class}", ctx.t(Msg::Filter)));
        }
        parts.push(shown);
        parts.push(format!(
            "! {}  + {}",
            ctx.t(Msg::LegendOverdue),
            ctx.t(Msg::LegendOverLimit)
        ));
        let info = parts.join(" · ");
        if self.searching || !self.query.text.is_empty() {
            let search = if self.searching {
                let before = self.search.before_cursor();
                let after = &self.search.value()[before.len()..];
                format!("/{before}▏{after}  ")
            } else {
                format!("/{}  ", self.query.text)
            };
            let style = if self.searching {
                theme.search
            } else {
                theme.focused
            };
            return Line::from(vec![
                Span::styled(search.clone(), style),
                Span::styled(
                    fit(
                        &info,
                        width
                            .saturating_sub(unicode_width::UnicodeWidthStr::width(search.as_str())),
                    ),
                    theme.dim,
                ),
            ]);
        }
        Line::styled(fit(&info, width), theme.dim)
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if ctx.customers.index.is_empty() && !ctx.is_loading() {
            render_empty(frame, area, ctx);
        } else {
            self.render_table(frame, area, ctx);
        }
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let want = |min, weight, rank| Want {
            min,
            ideal: min,
            weight,
            rank,
        };
        // Display order; ranks say what stays at 80 columns (the marks
        // always do: the bookkeeper must see who is overdue at any width).
        let wants = [
            (Shown::Marks, want(2, 0, 0)),
            (Shown::Data(Column::Code), want(7, 0, 0)),
            (
                Shown::Data(Column::Name),
                Want {
                    ideal: 26,
                    ..want(20, 4, 0)
                },
            ),
            (Shown::Data(Column::Mnemonic), want(8, 1, 3)),
            (Shown::Data(Column::TaxId), want(18, 0, 5)),
            (Shown::Data(Column::Class), want(9, 1, 4)),
            (Shown::Data(Column::Credit), want(12, 0, 1)),
            (Shown::Data(Column::Balance), want(12, 0, 2)),
            // "Archived" is 8 columns: whole where there is room (at 80
            // columns that column would cost the mnemonic).
            (
                Shown::Data(Column::Status),
                want(if area.width >= 100 { 8 } else { 7 }, 0, 1),
            ),
        ];
        // The column the list is sorted by always stays: a sort by a column
        // that is not shown reads as no order at all.
        let sorted = self.query.sort;
        let wants = wants.map(|(shown, mut w)| {
            if shown == Shown::Data(sorted) {
                w.rank = 0;
            }
            (shown, w)
        });
        let widths = table::layout(area.width, &wants.map(|(_, w)| w));
        let shown: Vec<(Shown, u16)> = wants
            .iter()
            .zip(&widths)
            .filter_map(|((c, _), w)| w.map(|w| (*c, w)))
            .collect();
        let columns: Vec<table::Column> = shown
            .iter()
            .map(|(c, w)| table::Column {
                title: match c {
                    Shown::Marks => "",
                    Shown::Data(c) => c.title().get(lang),
                },
                width: *w,
                right: matches!(c, Shown::Data(Column::Credit | Column::Balance)),
            })
            .collect();
        let rows = self.filtered.rows();
        let index = &ctx.customers.index;
        let (today, theme) = (ctx.today, ctx.theme);
        let cell = |pos: usize, col: usize| -> Cow<'_, str> {
            let Some((row, r)) = rows.get(pos).and_then(|&row| Some((row, index.get(row)?))) else {
                return Cow::Borrowed("");
            };
            let Shown::Data(column) = shown[col].0 else {
                return Cow::Borrowed(r.marks(today));
            };
            match column {
                Column::Code => Cow::Borrowed(index.text(row, Text::Code)),
                Column::Name => Cow::Borrowed(index.text(row, Text::Name)),
                Column::Mnemonic => Cow::Borrowed(index.text(row, Text::Mnemonic)),
                Column::TaxId => Cow::Borrowed(index.text(row, Text::TaxId)),
                Column::Class => Cow::Borrowed(index.text(row, Text::Class)),
                Column::Credit => Cow::Owned(limit_short(r.credit_limit(), lang)),
                Column::Balance => Cow::Owned(r.balance.grouped()),
                Column::Status => Cow::Borrowed(r.status.label(lang)),
            }
        };
        // Marks and the balance of a flagged customer stand out in colour.
        let cell_style = |pos: usize, col: usize| -> Option<Style> {
            let r = rows.get(pos).and_then(|row| index.get(*row))?;
            let flagged = matches!(shown[col].0, Shown::Marks | Shown::Data(Column::Balance));
            if !flagged {
                None
            } else if r.is_overdue(today) {
                Some(theme.error)
            } else if r.is_over_limit() {
                Some(theme.warning)
            } else {
                None
            }
        };
        let row_style =
            |pos: usize| match rows.get(pos).and_then(|r| index.get(*r)).map(|r| r.status) {
                Some(Status::Archived) => theme.dim,
                Some(Status::OnHold) => theme.warning,
                _ => Style::new(),
            };
        let page = table_rows(area.height);
        // The offset kept by navigation may be stale after a resize.
        let mut offset = self.offset;
        if self.selected >= offset + page.max(1) {
            offset = self.selected + 1 - page.max(1);
        }
        let table = Table {
            columns: &columns,
            count: rows.len(),
            offset,
            selected: (!rows.is_empty()).then_some(self.selected),
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &row_style,
            cell_style: Some(&cell_style),
        };
        table.render(area, frame.buffer_mut());
        if rows.is_empty() && area.height > 2 {
            let text = if ctx.is_loading() {
                Msg::Loading
            } else {
                Msg::NoMatch
            };
            let line = Rect {
                y: area.y + 2,
                height: 1,
                ..area
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!("  {}", ctx.t(text)), theme.dim)),
                line,
            );
        }
    }
}

/// A list column: the overdue / over-limit marks, or a column of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Marks,
    Data(Column),
}

/// Table rows that fit in a body of `height` lines (one is the header).
pub(super) fn table_rows(height: u16) -> usize {
    height.saturating_sub(1) as usize
}

/// The first screen of a new user: what to do next, right there.
fn render_empty(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = &ctx.theme;
    let mut lines = vec![
        Line::styled(ctx.t(Msg::EmptyTitle).to_string(), theme.title),
        Line::raw(""),
        Line::raw(ctx.t(Msg::EmptyHint).to_string()),
        Line::raw(""),
    ];
    for b in keymap::bindings(Scope::Empty).filter(|b| b.footer && b.action != Action::Back) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<4}", keymap::keys_label(b)), theme.focused),
            Span::raw(b.label.get(ctx.lang).to_string()),
        ]));
    }
    let box_area = centered(area, 44, lines.len() as u16);
    frame.render_widget(Paragraph::new(lines), box_area);
}
