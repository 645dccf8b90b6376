//! The `?` overlay: every key, drawn from the keymap table itself, the keys
//! of the screen you are on first.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{centered, fit};
use crate::domain::Lang;
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    /// The scope that had the keyboard when `?` was pressed.
    pub scope: Scope,
    pub scroll: u16,
    /// Lines the last frame had room for: a page, for PgDn and the end
    /// (0 until drawn).
    rows: Cell<u16>,
}

impl Help {
    pub fn new(scope: Scope) -> Help {
        Help {
            scope,
            scroll: 0,
            rows: Cell::new(0),
        }
    }

    fn lines(&self, theme: &Theme, lang: Lang, width: usize) -> Vec<Line<'static>> {
        let first = [self.scope, Scope::Global];
        let order = first
            .iter()
            .copied()
            .chain(Scope::ALL.iter().copied().filter(|s| !first.contains(s)));
        let key_width: usize = 16;
        let mut lines = Vec::new();
        for scope in order {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(
                scope.title().get(lang).to_string(),
                theme.title,
            ));
            for b in keymap::bindings(scope) {
                let keys = keymap::keys_label(b);
                let label = b.label.get(lang);
                let gap = key_width.saturating_sub(keys.width()).max(1);
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys}"), theme.focused),
                    Span::raw(fit(
                        &format!("{}{label}", " ".repeat(gap)),
                        width.saturating_sub(keys.width() + 2),
                    )),
                ]));
            }
        }
        lines
    }

    /// Every binding, a title per scope and a blank line between scopes.
    pub fn line_count(&self) -> u16 {
        let scopes = Scope::ALL.len();
        (keymap::BINDINGS.len() + scopes * 2 - 1) as u16
    }

    fn max_scroll(&self) -> u16 {
        self.line_count().saturating_sub(self.rows.get())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        let area = centered(area, 64, area.height.saturating_sub(2));
        super::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", Msg::HelpTitle.get(lang)),
                theme.title,
            ));
        let inner = block.inner(area);
        self.rows.set(inner.height.max(1));
        let scroll = self.scroll.min(self.max_scroll());
        // Where the view is, so it is plain that more lines exist.
        let total = self.line_count();
        let block = if total > inner.height {
            let last = (scroll + inner.height).min(total);
            let arrows = match (scroll > 0, last < total) {
                (true, true) => "↑↓",
                (false, true) => "↓",
                (true, false) => "↑",
                (false, false) => "",
            };
            block.title_bottom(
                Line::styled(
                    format!(" {arrows} {}–{last}/{total} ", scroll + 1),
                    theme.dim,
                )
                .right_aligned(),
            )
        } else {
            block
        };
        let lines = self.lines(theme, lang, inner.width as usize);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    }

    /// Moves by `delta` lines (a page is `pages(1)`), within the text.
    pub fn scroll_by(&mut self, delta: i32) {
        let next = (i32::from(self.scroll) + delta).clamp(0, i32::from(self.max_scroll()));
        self.scroll = next as u16;
    }

    /// Moves by whole pages of what the overlay shows; before it was drawn,
    /// of the `screen_rows` the terminal has (less the overlay's frame).
    pub fn pages(&mut self, pages: i32, screen_rows: u16) {
        let rows = match self.rows.get() {
            0 => screen_rows.saturating_sub(4),
            rows => rows,
        };
        self.scroll_by(pages * i32::from(rows.saturating_sub(1).max(1)));
    }

    pub fn to_top(&mut self) {
        self.scroll = 0;
    }

    pub fn to_end(&mut self) {
        self.scroll = self.max_scroll();
    }
}

/// The overlay's keys: scrolling, and Esc/q/? to close it.
impl crate::tui::component::Component for Help {
    fn scope(&self, _ctx: &crate::tui::app::Ctx) -> Scope {
        Scope::Help
    }

    fn handle_key(
        &mut self,
        _key: &crossterm::event::KeyEvent,
        action: Option<crate::tui::keymap::Action>,
        page: u16,
        _ctx: &mut crate::tui::app::Ctx,
    ) -> crate::tui::component::Outcome {
        use crate::tui::component::{Outcome, Reply};
        use crate::tui::keymap::Action;
        match action {
            Some(Action::Back) => return Outcome::Answer(Reply::Cancelled),
            Some(Action::Down) => self.scroll_by(1),
            Some(Action::Up) => self.scroll_by(-1),
            Some(Action::PageDown) => self.pages(1, page),
            Some(Action::PageUp) => self.pages(-1, page),
            Some(Action::Top) => self.to_top(),
            Some(Action::Bottom) => self.to_end(),
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &crate::tui::app::Ctx) {
        Help::render(self, frame, area, &ctx.theme, ctx.lang)
    }
}
