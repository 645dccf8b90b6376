//! A yes/no question over the screen; it has the keyboard while shown.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::centered;
use crate::domain::Lang;
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub title: Msg,
    pub body: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Undecided,
}

impl Confirm {
    pub fn new(title: Msg, body: impl Into<String>) -> Confirm {
        Confirm {
            title,
            body: body.into(),
        }
    }

    pub fn handle_key(&self, key: &KeyEvent) -> Answer {
        match keymap::action(Scope::Confirm, key) {
            Some(Action::Yes) => Answer::Yes,
            Some(Action::No) => Answer::No,
            _ => Answer::Undecided,
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        // The body wraps: the dialog grows with it.
        let body = super::wrap(
            &self.body,
            usize::from(area.width.min(52).saturating_sub(2)),
        );
        let area = centered(area, 52, (4 + body.len() as u16).max(7));
        super::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", self.title.get(lang)),
                theme.title,
            ));
        let hints = keymap::hints(Scope::Confirm, lang)
            .into_iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect::<Vec<_>>()
            .join("   ");
        let mut text: Vec<Line> = body.into_iter().map(Line::raw).collect();
        text.push(Line::raw(""));
        text.push(Line::styled(hints, theme.focused));
        frame.render_widget(Paragraph::new(text).block(block), area);
    }
}

/// Answers y/Enter or n/Esc.
impl crate::tui::component::Component for Confirm {
    fn scope(&self, _ctx: &crate::tui::app::Ctx) -> Scope {
        Scope::Confirm
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        _action: Option<crate::tui::keymap::Action>,
        _page: u16,
        _ctx: &mut crate::tui::app::Ctx,
    ) -> crate::tui::component::Outcome {
        use crate::tui::component::{Outcome, Reply};
        match Confirm::handle_key(self, key) {
            Answer::Yes => Outcome::Answer(Reply::Yes),
            Answer::No => Outcome::Answer(Reply::No),
            Answer::Undecided => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &crate::tui::app::Ctx) {
        Confirm::render(self, frame, area, &ctx.theme, ctx.lang)
    }
}
