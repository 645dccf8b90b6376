//! The `?` overlay: every key, drawn from the keymap table itself, the keys
//! of the screen you are on first.

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
}

impl Help {
    pub fn new(scope: Scope) -> Help {
        Help { scope, scroll: 0 }
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

    pub fn line_count(&self) -> u16 {
        let scopes = Scope::ALL.len();
        (keymap::BINDINGS.len() + scopes * 2) as u16
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
        let lines = self.lines(theme, lang, inner.width as usize);
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((self.scroll, 0)),
            area,
        );
    }

    pub fn scroll_by(&mut self, delta: i32, page: u16) {
        let max = self.line_count().saturating_sub(page);
        let next = (i32::from(self.scroll) + delta).clamp(0, i32::from(max));
        self.scroll = next as u16;
    }
}
