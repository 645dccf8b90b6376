//! Drawing the reconciliation: title, the summary bar, our ledger and their
//! statement side by side (visible rows only), what the cursor's line
//! carries, and the dialogs over it. Columns are measured by display width,
//! so Chinese text is cut, never split.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::rows::RowKind;
use super::{Bench, Phase, ReconcileScreen, Who};
use crate::domain::date::iso;
use crate::domain::ledger::EntryKind;
use crate::reconcile::{ItemKind, Side};
use crate::store::SessionStatus;
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;
use crate::tui::widgets::table::{self, Column, Table, Want};
use crate::tui::widgets::{fit, truncate};

/// A legend line is added when the body is at least this tall.
const LEGEND_FROM: u16 = 30;

fn above(height: u16) -> u16 {
    if height >= LEGEND_FROM { 5 } else { 4 }
}

const BELOW: u16 = 1;

/// Table rows that fit in a body of `height` lines.
pub(super) fn table_rows(height: u16) -> usize {
    height.saturating_sub(above(height) + BELOW + 1) as usize
}

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

fn kind_label(kind: RowKind, ctx: &Ctx) -> &'static str {
    match kind {
        RowKind::Matched(rule) => rule.label(ctx.lang),
        RowKind::Forced => ItemKind::ForcedMatch.label(ctx.lang),
        RowKind::OnlyOurs => ItemKind::OnlyOurs.label(ctx.lang),
        RowKind::OnlyTheirs => ItemKind::OnlyTheirs.label(ctx.lang),
        RowKind::AmountMismatch => ItemKind::AmountMismatch.label(ctx.lang),
        RowKind::DateOutsideTolerance => ItemKind::DateOutsideTolerance.label(ctx.lang),
    }
}

fn joined(parts: &[String]) -> String {
    parts.join(" · ")
}

impl ReconcileScreen {
    pub fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let text = match &self.phase {
            Phase::Setup(setup) => match setup.context() {
                Some(context) => format!("{} · {context}", self.who.code),
                None => self.who.code.clone(),
            },
            Phase::Bench(b) => b.status_text(&self.who, ctx),
        };
        Line::styled(fit(&text, width), ctx.theme.dim)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        match &self.phase {
            Phase::Setup(setup) => setup.render(frame, area, ctx),
            Phase::Bench(bench) => bench.render(frame, area, ctx, &self.who),
        }
    }
}

impl Bench {
    fn status_text(&self, who: &Who, ctx: &Ctx) -> String {
        let mut parts = vec![format!(
            "{} {}/{}",
            who.code,
            (self.selected + 1).min(self.shown.len()),
            self.shown.len()
        )];
        if !self.marked.is_empty() {
            let (ours, theirs) = self.marked_sums();
            parts.push(format!(
                "{} {} ({} {} / {} {})",
                ctx.t(Msg::Selected),
                self.marked.len(),
                ctx.t(Msg::OursShort),
                ours.grouped(),
                ctx.t(Msg::TheirsShort),
                theirs.grouped()
            ));
        }
        if self.unmatched_only {
            parts.push(ctx.t(Msg::UnmatchedOnlyOn).to_string());
        }
        joined(&parts)
    }

    fn state_text(&self, ctx: &Ctx) -> String {
        match (self.session, self.status) {
            (Some(id), SessionStatus::Confirmed) => {
                format!("{} #{id}", ctx.t(Msg::ConfirmedStatus))
            }
            (Some(id), SessionStatus::Draft) if !self.dirty => {
                format!("{} #{id}", ctx.t(Msg::Draft))
            }
            (Some(id), SessionStatus::Draft) => {
                format!("{} #{id} · {}", ctx.t(Msg::Draft), ctx.t(Msg::Unsaved))
            }
            (None, _) => ctx.t(Msg::Unsaved).to_string(),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, who: &Who) {
        let (theme, width) = (&ctx.theme, area.width as usize);
        let r = &self.recon;
        let title = joined(&[
            format!("{} · {} {}", ctx.t(Msg::ReconcileTitle), who.code, who.name),
            self.state_text(ctx),
        ]);
        let mut balances = vec![
            format!("{} {}", ctx.t(Msg::OurBalance), r.our_balance().grouped()),
            format!(
                "{} {}",
                ctx.t(Msg::TheirBalance),
                r.their_balance().grouped()
            ),
            format!("{} {}", ctx.t(Msg::Difference), r.difference().grouped()),
        ];
        let opening = r.their_opening().fen() - r.our_opening().fen();
        if opening != 0 {
            balances.push(format!(
                "{} {}",
                ItemKind::Opening.label(ctx.lang),
                crate::domain::Money::from_fen(opening).grouped()
            ));
        }
        let balances = joined(&balances);
        let unmatched = self
            .rows
            .iter()
            .filter(|row| !row.kind.is_matched())
            .map(|row| usize::from(row.ours.is_some()) + usize::from(row.theirs.is_some()))
            .sum::<usize>();
        let counts = joined(&[
            format!("{} {}", ctx.t(Msg::MatchedCount), r.matched().len()),
            format!("{} {}", ctx.t(Msg::UnmatchedCount), unmatched),
            format!(
                "{} {}",
                ctx.t(Msg::Unexplained),
                r.unexplained_difference().grouped()
            ),
        ]);
        let closes = format!(
            " · {} {}",
            ctx.t(Msg::Closes),
            ctx.t(if r.closes() {
                Msg::YesWord
            } else {
                Msg::NoWord
            })
        );
        let tolerance = format!(
            " · {}{}{}",
            ctx.t(Msg::Tolerance),
            r.options().tolerance_days,
            ctx.t(Msg::DaysShort)
        );
        let closes_style = if r.closes() { theme.ok } else { theme.error };
        let counts_width = unicode_width::UnicodeWidthStr::width(counts.as_str());
        let side_width = area.width.saturating_sub(3) / 2;
        let period = format!(
            "{} {}..{}",
            ctx.t(Msg::OurSide),
            iso(self.source.from),
            iso(self.source.to)
        );
        let sides = format!(
            "{}   {}",
            fit(&period, side_width as usize),
            truncate(
                &format!("{} · {}", ctx.t(Msg::TheirSide), self.source.file_name),
                side_width as usize
            )
        );
        let mut head = vec![
            Line::styled(truncate(&title, width).into_owned(), theme.title),
            Line::raw(truncate(&balances, width).into_owned()),
            Line::from(vec![
                Span::raw(truncate(&counts, width).into_owned()),
                Span::styled(
                    truncate(&closes, width.saturating_sub(counts_width)).into_owned(),
                    closes_style,
                ),
                Span::raw(
                    truncate(
                        &tolerance,
                        width.saturating_sub(
                            counts_width + unicode_width::UnicodeWidthStr::width(closes.as_str()),
                        ),
                    )
                    .into_owned(),
                ),
            ]),
            Line::styled(sides, theme.dim),
        ];
        if area.height >= LEGEND_FROM {
            head.insert(
                3,
                Line::styled(truncate(&self.legend(ctx), width).into_owned(), theme.dim),
            );
        }
        let top = above(area.height);
        frame.render_widget(
            Paragraph::new(head),
            Rect {
                height: top.min(area.height),
                ..area
            },
        );
        let table_area = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top + BELOW),
            ..area
        };
        if table_area.height > 0 {
            self.render_table(frame, table_area, side_width, ctx);
        }
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&self.detail(ctx), width).into_owned(),
                theme.dim,
            )),
            Rect {
                y: area.bottom().saturating_sub(BELOW),
                height: BELOW,
                ..area
            },
        );
        if let Some((_, prompt)) = &self.prompt {
            prompt.render(frame, area, theme, ctx.lang);
        }
        if let Some((_, confirm)) = &self.confirm {
            confirm.render(frame, area, theme, ctx.lang);
        }
    }

    fn legend(&self, ctx: &Ctx) -> String {
        [
            RowKind::Matched(crate::reconcile::Rule::Manual),
            RowKind::OnlyOurs,
            RowKind::OnlyTheirs,
            RowKind::AmountMismatch,
            RowKind::DateOutsideTolerance,
            RowKind::Forced,
        ]
        .iter()
        .map(|k| {
            let label = match k {
                RowKind::Matched(_) => ctx.t(Msg::MatchedCount),
                other => kind_label(*other, ctx),
            };
            format!("{} {label}", k.marker(false))
        })
        .collect::<Vec<_>>()
        .join("  ")
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, side_width: u16, ctx: &Ctx) {
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
            let Some(line) = row.line(side) else {
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
        let mut offset = self.offset.min(self.selected);
        if self.selected >= offset + page {
            offset = self.selected + 1 - page;
        }
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

    /// What the cursor's line carries beyond its cells: the row's kind, the
    /// side, its document, note, type and description.
    fn detail(&self, ctx: &Ctx) -> String {
        let (Some(row), Some((side, line))) = (self.row(), self.current()) else {
            return String::new();
        };
        let side_label = match side {
            Side::Ours => ctx.t(Msg::OurSide),
            Side::Theirs => ctx.t(Msg::TheirSide),
        };
        let mut parts = vec![
            kind_label(row.kind, ctx).to_string(),
            format!("{side_label} {} {}", line.doc, line.amount.grouped()),
        ];
        // The note first: it is what the bookkeeper wrote about this line.
        if let Some(note) = self.recon.note(side, line.id) {
            parts.push(format!("{}: {note}", ctx.t(Msg::NoteLabel)));
        }
        if side == Side::Ours
            && let Some(kind) = self.kinds.get(&line.id)
        {
            parts.push(kind.label(ctx.lang).to_string());
        }
        if !line.description.is_empty() {
            parts.push(line.description.clone());
        }
        joined(&parts)
    }
}
