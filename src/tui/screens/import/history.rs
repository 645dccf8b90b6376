//! The import history (`I` from the list, `h` after an import): every batch,
//! newest first, and `u` to undo one — after a confirmation; the core
//! refuses when a customer it touched was edited since or has ledger
//! entries, and its reason is shown here in full.

use std::borrow::Cow;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::view::{grouped, wrapped};
use crate::store::{Batch, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::screens::Outcome;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::table::{self, Column, Table, Want};
use crate::tui::widgets::truncate;

/// Lines above the table (title, blank) and below it (a refusal's reason).
const ABOVE: u16 = 2;
const BELOW: u16 = 4;

fn table_rows(height: u16) -> usize {
    height.saturating_sub(ABOVE + BELOW + 1) as usize
}

pub struct HistoryScreen {
    batches: Vec<Batch>,
    selected: usize,
    offset: usize,
    /// Undoing this batch, once confirmed.
    undoing: Option<i64>,
    /// Why the last undo was refused, in full.
    refusal: Option<String>,
}

impl HistoryScreen {
    pub fn open(ctx: &Ctx) -> Result<HistoryScreen, StoreError> {
        Ok(HistoryScreen {
            batches: ctx.store.batches()?,
            selected: 0,
            offset: 0,
            undoing: None,
            refusal: None,
        })
    }

    fn ask_undo(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(batch) = self.batches.get(self.selected) else {
            return Outcome::Stay;
        };
        if let Some(at) = &batch.undone_at {
            return Outcome::error(format!(
                "{} {}{}{} {at}",
                ctx.t(Msg::ColBatch),
                batch.id,
                crate::tui::i18n::colon(ctx.lang),
                ctx.t(Msg::AlreadyUndone)
            ));
        }
        let body = format!(
            "{} {} · {} · {} {} · {} {}{}{}",
            ctx.t(Msg::ColBatch),
            batch.id,
            batch.file_name,
            grouped(batch.inserted as u64),
            ctx.t(Msg::Inserted),
            grouped(batch.updated as u64),
            ctx.t(Msg::UpdatedCount),
            crate::tui::i18n::full_stop(ctx.lang),
            ctx.t(Msg::UndoBody)
        );
        self.undoing = Some(batch.id);
        ask(Confirm::new(Msg::UndoTitle, body))
    }

    /// Undoes `batch`; what to say (a failed re-read last, replacing it).
    fn undo(&mut self, batch: i64, ctx: &mut Ctx) -> Status {
        let said = match ctx.store.undo_batch(batch) {
            Ok(undone) => {
                self.refusal = None;
                match ctx.reload_index_later() {
                    Err(e) => Status::error(e.message().text(ctx.lang)),
                    Ok(()) => Status::info(format!(
                        "{} {batch}{}{} {} · {} {}",
                        ctx.t(Msg::UndoneImport),
                        crate::tui::i18n::colon(ctx.lang),
                        undone.deleted,
                        ctx.t(Msg::CustomersDeleted),
                        undone.restored,
                        ctx.t(Msg::CustomersRestored)
                    )),
                }
            }
            Err(StoreError::Refused(reason)) => {
                self.refusal = Some(reason);
                Status::error(ctx.t(Msg::UndoRefused))
            }
            Err(StoreError::Coded(reason)) => {
                self.refusal = Some(reason.text(ctx.lang));
                Status::error(ctx.t(Msg::UndoRefused))
            }
            Err(e) => Status::error(e.message().text(ctx.lang)),
        };
        self.reload(ctx).unwrap_or(said)
    }

    /// What went wrong, for the status line.
    fn reload(&mut self, ctx: &Ctx) -> Option<Status> {
        match ctx.store.batches() {
            Ok(batches) => {
                self.batches = batches;
                self.selected = self.selected.min(self.batches.len().saturating_sub(1));
            }
            Err(e) => return Some(Status::error(e.message().text(ctx.lang))),
        }
        None
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let rows = (area.height as usize).saturating_sub(1);
        let offset = table::in_view(self.selected, self.offset, rows);
        let num = |rank| Want {
            min: 5,
            ideal: 5,
            weight: 0,
            rank,
        };
        let titles = [
            (
                Msg::ColBatch,
                Want {
                    min: 5,
                    ideal: 5,
                    weight: 0,
                    rank: 0,
                },
                true,
            ),
            (
                Msg::ColTime,
                Want {
                    min: 16,
                    ideal: 16,
                    weight: 0,
                    rank: 0,
                },
                false,
            ),
            (
                Msg::ColFile,
                Want {
                    min: 12,
                    ideal: 15,
                    weight: 1,
                    rank: 0,
                },
                false,
            ),
            (Msg::ColRows, num(1), true),
            (Msg::ColInserted, num(1), true),
            (Msg::ColUpdated, num(2), true),
            (Msg::ColSkipped, num(3), true),
            (Msg::ColRejected, num(2), true),
            (
                Msg::ColUndone,
                Want {
                    min: 10,
                    ideal: 10,
                    weight: 0,
                    rank: 1,
                },
                false,
            ),
        ];
        let wants: Vec<Want> = titles.iter().map(|(_, w, _)| *w).collect();
        let widths = table::layout(area.width, &wants);
        let mut columns = Vec::new();
        let mut kinds = Vec::new();
        for (i, ((title, _, right), width)) in titles.iter().zip(&widths).enumerate() {
            if let Some(width) = width {
                columns.push(Column {
                    title: ctx.t(*title),
                    width: *width,
                    right: *right,
                });
                kinds.push(i);
            }
        }
        let cell = |row: usize, col: usize| -> Cow<'_, str> {
            let Some(b) = self.batches.get(row) else {
                return Cow::Borrowed("");
            };
            let n = |v: i64| Cow::Owned(grouped(v.max(0) as u64));
            match kinds.get(col) {
                Some(0) => Cow::Owned(b.id.to_string()),
                // 2026-11-30T10:02:03+08:00 → 2026-11-30 10:02
                Some(1) => Cow::Owned(b.at.get(..16).unwrap_or(&b.at).replace('T', " ")),
                Some(2) => Cow::Borrowed(b.file_name.as_str()),
                Some(3) => n(b.rows),
                Some(4) => n(b.inserted),
                Some(5) => n(b.updated),
                Some(6) => n(b.skipped),
                Some(7) => n(b.rejected),
                _ => Cow::Owned(
                    b.undone_at
                        .as_deref()
                        .map(|at| at.get(..10).unwrap_or(at).to_string())
                        .unwrap_or_default(),
                ),
            }
        };
        let style = |row: usize| {
            if self.batches.get(row).is_some_and(|b| b.undone_at.is_some()) {
                theme.dim
            } else {
                theme.popup
            }
        };
        Table {
            columns: &columns,
            count: self.batches.len(),
            offset,
            selected: Some(self.selected),
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &style,
            cell_style: None,
        }
        .render(area, frame.buffer_mut());
    }
}

impl Component for HistoryScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::ImportHistory
    }

    /// The undo question answered.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match (self.undoing.take(), reply) {
            (Some(batch), Reply::Yes) => self.undo(batch, ctx).into(),
            _ => Outcome::Stay,
        }
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::Back) => return Outcome::Pop,
            Some(Action::UndoImport) => return self.ask_undo(ctx),
            Some(other) => {
                let rows = table_rows(page);
                self.selected = table::moved(self.selected, other, rows, self.batches.len());
                self.offset = table::in_view(self.selected, self.offset, rows);
            }
            None => {}
        }
        Outcome::Stay
    }

    fn scroll(&mut self, delta: i32, page: u16, _ctx: &mut Ctx) {
        let action = if delta < 0 { Action::Up } else { Action::Down };
        let rows = table_rows(page);
        for _ in 0..delta.unsigned_abs() {
            self.selected = table::moved(self.selected, action, rows, self.batches.len());
            self.offset = table::in_view(self.selected, self.offset, rows);
        }
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let text = match self.batches.get(self.selected) {
            Some(b) => format!(
                "{} {} · {} · {} {}",
                ctx.t(Msg::ColBatch),
                b.id,
                b.operator,
                ctx.t(Msg::ColSheet),
                if b.sheet.is_empty() { "-" } else { &b.sheet }
            ),
            None => String::new(),
        };
        Line::styled(truncate(&text, width).into_owned(), ctx.theme.dim)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let title = format!(
            " {} ({})",
            ctx.t(Msg::HistoryTitle),
            grouped(self.batches.len() as u64)
        );
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&title, width).into_owned(),
                theme.title,
            )),
            area,
        );
        let body = Rect {
            x: area.x + 1,
            y: area.y + ABOVE,
            width: area.width.saturating_sub(1),
            height: area.height.saturating_sub(ABOVE + BELOW),
        };
        if self.batches.is_empty() {
            frame.render_widget(Paragraph::new(ctx.t(Msg::NoBatches)), body);
        } else {
            self.render_table(frame, body, ctx);
        }
        if let Some(reason) = &self.refusal {
            let below = Rect {
                y: body.bottom(),
                height: BELOW.min(area.bottom().saturating_sub(body.bottom())),
                ..area
            };
            let text = format!(
                "{}{}{reason}",
                ctx.t(Msg::UndoRefused),
                crate::tui::i18n::colon(ctx.lang)
            );
            let lines = wrapped(&text, width, BELOW as usize, theme.error);
            frame.render_widget(Paragraph::new(lines), below);
        }
    }

    fn on_return(&mut self, ctx: &mut Ctx) -> Outcome {
        Outcome::Stay.saying(self.reload(ctx))
    }
}
