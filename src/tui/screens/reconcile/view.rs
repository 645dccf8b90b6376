//! Drawing the reconciliation: title, the summary bar, the two statements
//! (`sides.rs`), what the cursor's line carries, and the dialogs over it.
//! Text is measured by display width, so Chinese is cut, never split.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::rows::RowKind;
use super::{Bench, Phase, ReconcileScreen, Who};
use crate::domain::date::iso;
use crate::reconcile::{ItemKind, Side};
use crate::store::SessionStatus;
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
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
    pub(super) fn status_text(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let text = match &self.phase {
            Phase::Setup(setup) => match setup.context() {
                Some(context) => format!("{} · {context}", self.who.code),
                None => self.who.code.clone(),
            },
            Phase::Bench(b) => b.status_text(&self.who, ctx),
        };
        Line::styled(fit(&text, width), ctx.theme.dim)
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
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
            parts.push(format!(
                "{}{}{note}",
                ctx.t(Msg::NoteLabel),
                crate::tui::i18n::colon(ctx.lang)
            ));
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
