//! The result of an invoice import: what the CLI reports, in the same words
//! (the core's summary lines) — invoices taken, customers created, buyers
//! found by name to confirm, credit notes, voided skipped or reversed, other
//! sellers skipped, problems by file, row and column — scrolled with ↑/↓;
//! `h` opens the import history, where the batch can be undone.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Flow;
use super::history::HistoryScreen;
use super::view::wrapped;
use crate::import::ImportError;
use crate::import::invoices::{self, InvoiceReport};
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::truncate;
use crate::tui::worker::Failed;

/// Problems listed, as the CLI's table (its JSON lists every one).
const PROBLEMS: usize = 200;

pub(crate) struct InvoiceResultStep {
    file: PathBuf,
    outcome: Result<InvoiceReport, Failed<ImportError>>,
    /// First line of the report shown.
    offset: usize,
}

impl InvoiceResultStep {
    pub fn new(file: PathBuf, outcome: Result<InvoiceReport, Failed<ImportError>>) -> Self {
        InvoiceResultStep {
            file,
            outcome,
            offset: 0,
        }
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        match action {
            Some(Action::Back) => Flow::Close,
            Some(Action::Down) => {
                self.offset += 1;
                Flow::Stay
            }
            Some(Action::Up) => {
                self.offset = self.offset.saturating_sub(1);
                Flow::Stay
            }
            Some(Action::SaveRejects) => Status::info(ctx.t(Msg::NoRejects)).into(),
            Some(Action::ImportHistory) => match HistoryScreen::open(ctx) {
                Ok(history) => Flow::Open(Box::new(history)),
                Err(e) => Status::error(e.message().text(ctx.lang)).into(),
            },
            _ => Flow::Stay,
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let report = match &self.outcome {
            Ok(report) => report,
            Err(e) => {
                let mut lines = vec![Line::styled(
                    format!(" ✗ {}", ctx.t(Msg::ImportFailed)),
                    theme.error,
                )];
                lines.extend(wrapped(&e.message().text(ctx.lang), width, 6, theme.error));
                frame.render_widget(Paragraph::new(lines), area);
                return;
            }
        };
        let (headline, style) = if report.cancelled {
            (ctx.t(Msg::ImportCancelled).to_string(), theme.warning)
        } else if let Some(batch) = report.batch {
            (format!("✓ {} {batch}", ctx.t(Msg::ImportDone)), theme.ok)
        } else {
            (ctx.t(Msg::InvoicesNothingBooked).to_string(), theme.warning)
        };
        let mut lines = vec![
            Line::styled(truncate(&format!(" {headline}"), width).into_owned(), style),
            Line::raw(""),
        ];
        if report.cancelled {
            let name = self.file.display().to_string();
            lines.push(Line::raw(
                truncate(&format!("  {name}"), width).into_owned(),
            ));
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        let mut body = Vec::new();
        for message in invoices::summary(report, ctx.lang, PROBLEMS) {
            body.extend(wrapped(&message.text(ctx.lang), width, 4, theme.popup));
        }
        if report.committed {
            body.extend(wrapped(ctx.t(Msg::UndoHint), width, 2, theme.dim));
        }
        let room = (area.height as usize).saturating_sub(lines.len());
        let offset = self.offset.min(body.len().saturating_sub(room));
        lines.extend(body.into_iter().skip(offset));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
