//! The quick "new invoice" popup (`n`, 开票找客户): typing searches the
//! customers by name, mnemonic and tax ID over the list's in-memory index,
//! Enter opens the invoice form for the chosen one; when nothing matches it
//! offers to create the customer (the add form, prefilled with what was
//! typed, continues to the invoice after saving).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::entry::EntryScreen;
use super::form::FormScreen;
use super::{Outcome, Screen};
use crate::domain::customer::Status;
use crate::tui::app::Ctx;
use crate::tui::component::Component;
use crate::tui::i18n::Msg;
use crate::tui::index::{Filtered, Query, Text};
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::{centered, fit};

/// Result rows shown at most (the popup's height).
const ROWS: usize = 10;

#[derive(Default)]
pub struct QuickInvoice {
    query: Query,
    /// What is typed; `query.text` follows it.
    input: LineInput,
    filtered: Filtered,
    selected: usize,
}

impl QuickInvoice {
    pub fn new(ctx: &mut Ctx) -> QuickInvoice {
        let mut quick = QuickInvoice::default();
        quick.sync(ctx);
        quick
    }

    /// Nothing matches what was typed: Enter creates a customer of that name.
    fn offers_create(&self) -> bool {
        self.filtered.rows().is_empty()
    }

    fn pick(&mut self, ctx: &mut Ctx) -> Outcome {
        let opened = if self.offers_create() {
            FormScreen::add_then_invoice(ctx, self.query.text.trim())
                .map(|f| (Box::new(f) as Screen, None))
        } else {
            let Some(&row) = self.filtered.rows().get(self.selected) else {
                return Outcome::Stay;
            };
            let code = ctx.customers.index.text(row, Text::Code).to_string();
            EntryScreen::new(ctx, &code, None).map(|(f, failed)| (Box::new(f) as Screen, failed))
        };
        match opened {
            Ok((screen, failed)) => Outcome::Replace(screen).saying(failed),
            Err(e) => Outcome::error(e.message().text(ctx.lang)),
        }
    }
}

impl Component for QuickInvoice {
    /// Brings the results up to date with the query and the index (a
    /// background load may have finished).
    fn sync(&mut self, ctx: &mut Ctx) {
        self.filtered.update(&mut ctx.customers.index, &self.query);
        self.selected = self
            .selected
            .min(self.filtered.rows().len().saturating_sub(1));
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        _page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let count = self.filtered.rows().len();
        match action {
            Some(Action::Cancel) => return Outcome::Pop,
            Some(Action::Down) => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Confirm) => return self.pick(ctx),
            Some(_) => {}
            None => {
                if !self.input.edit(key) {
                    return Outcome::Stay;
                }
                self.query.text = self.input.value().to_string();
                self.selected = 0;
                self.sync(ctx);
            }
        }
        Outcome::Stay
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let shown = crate::tui::i18n::count(self.filtered.rows().len(), Msg::Shown, ctx.lang);
        Line::styled(fit(&shown, width), ctx.theme.dim)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let area = centered(area, 76, ROWS as u16 + 3);
        crate::tui::widgets::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", ctx.t(Msg::QuickTitle)),
                theme.title,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let search = if self.query.text.is_empty() {
            Line::styled(
                fit(&format!("> {}", ctx.t(Msg::QuickHint)), width),
                theme.dim,
            )
        } else {
            let (shown, _) = self.input.window(width.saturating_sub(3));
            Line::styled(fit(&format!("> {shown}"), width), theme.search)
        };
        let mut lines = vec![search];
        let rows = (inner.height as usize).saturating_sub(1).min(ROWS);
        if self.offers_create() {
            lines.push(Line::styled(
                fit(&format!(" {}", ctx.t(Msg::NoMatch)), width),
                theme.dim,
            ));
            let create = format!(
                " + {} “{}”",
                ctx.t(Msg::CreateCustomer),
                self.query.text.trim()
            );
            lines.push(Line::styled(fit(&create, width), theme.selected));
        }
        let index = &ctx.customers.index;
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        for (pos, &row) in self
            .filtered
            .rows()
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
        {
            let Some(r) = index.get(row) else {
                continue;
            };
            let style = if pos == self.selected {
                theme.selected
            } else if r.status == Status::OnHold {
                theme.warning
            } else {
                Style::new()
            };
            // Code, name, tax ID (what a search may have matched), then the
            // balance right-aligned with its marks.
            let balance = format!("{:>14} {}", r.balance.grouped(), r.marks(ctx.today));
            let tax_id = format!("{:<18}", index.text(row, Text::TaxId));
            let name_width = width.saturating_sub(balance.width() + tax_id.width() + 11);
            let text = format!(
                " {:<7} {} {tax_id}{balance}",
                index.text(row, Text::Code),
                fit(index.text(row, Text::Name), name_width)
            );
            lines.push(Line::styled(fit(&text, width), style));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        frame.set_cursor_position(Position {
            x: inner.x
                + (2 + self.input.window(width.saturating_sub(3)).1).min(width.saturating_sub(1))
                    as u16,
            y: inner.y,
        });
    }

    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::QuickInvoice
    }

    /// Drawn over the screen it was opened from.
    fn is_overlay(&self) -> bool {
        true
    }
}
