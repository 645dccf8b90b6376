//! A small dialog of labelled text fields over the screen (a reversal's
//! reason, a statement's period and file); it has the keyboard while shown.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::input::LineInput;
use super::{centered, fit, truncate};
use crate::domain::Lang;
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub title: Msg,
    /// What the dialog is about, above the fields.
    pub body: String,
    fields: Vec<(Msg, LineInput)>,
    focus: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompted {
    Still,
    /// Enter: every field's text, in order.
    Submit(Vec<String>),
    Cancelled,
}

impl Prompt {
    /// `fields`: (label, initial text).
    pub fn new(title: Msg, body: impl Into<String>, fields: &[(Msg, String)]) -> Prompt {
        Prompt {
            title,
            body: body.into(),
            fields: fields
                .iter()
                .map(|(label, value)| (*label, LineInput::new(value.clone())))
                .collect(),
            focus: 0,
        }
    }

    /// Focuses the field labelled `label` (named as in code: `StatementFile`).
    pub fn focus_label(&mut self, label: &str) -> bool {
        match self.fields.iter().position(|(msg, _)| msg.name() == label) {
            Some(i) => {
                self.focus = i;
                true
            }
            None => false,
        }
    }

    /// Replaces the text of field `index` (a value worked out for the user).
    pub fn set_value(&mut self, index: usize, value: impl Into<String>) {
        if let Some((_, input)) = self.fields.get_mut(index) {
            *input = LineInput::new(value.into());
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Prompted {
        let count = self.fields.len();
        match keymap::action(Scope::Prompt, key) {
            Some(Action::Confirm) => {
                return Prompted::Submit(
                    self.fields
                        .iter()
                        .map(|(_, input)| input.value().to_string())
                        .collect(),
                );
            }
            Some(Action::Cancel) => return Prompted::Cancelled,
            Some(Action::NextField) => self.focus = (self.focus + 1) % count.max(1),
            Some(Action::PrevField) => self.focus = (self.focus + count.max(1) - 1) % count.max(1),
            Some(Action::ClearField) => {
                if let Some((_, input)) = self.fields.get_mut(self.focus) {
                    input.clear();
                }
            }
            _ => {
                if let Some((_, input)) = self.fields.get_mut(self.focus) {
                    input.edit(key);
                }
            }
        }
        Prompted::Still
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        let body_lines = if self.body.is_empty() { 0 } else { 2 };
        let height = self.fields.len() as u16 + body_lines + 4;
        let area = centered(area, 64, height);
        super::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", self.title.get(lang)),
                theme.title,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let label_width = self
            .fields
            .iter()
            .map(|(l, _)| l.get(lang).width())
            .max()
            .unwrap_or(0)
            + 1;
        let value_width = width.saturating_sub(label_width + 2);
        let mut lines = Vec::new();
        if !self.body.is_empty() {
            lines.push(Line::raw(truncate(&self.body, width).into_owned()));
            lines.push(Line::raw(""));
        }
        let mut cursor = None;
        for (i, (label, input)) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "> " } else { "  " };
            let style = if focused { theme.focused } else { theme.popup };
            // Long values (a path) show their end, where the cursor is.
            let shown = tail(input.value(), value_width);
            if focused {
                let before = tail(input.before_cursor(), value_width).width();
                cursor = Some((2 + label_width + before, lines.len()));
            }
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{marker}{}", fit(label.get(lang), label_width)),
                    style,
                ),
                Span::raw(shown),
            ]));
        }
        lines.push(Line::raw(""));
        let hints = keymap::hints(Scope::Prompt, lang)
            .into_iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect::<Vec<_>>()
            .join("   ");
        lines.push(Line::styled(hints, theme.dim));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        if let Some((x, y)) = cursor {
            frame.set_cursor_position(Position {
                x: inner.x + (x as u16).min(inner.width.saturating_sub(1)),
                y: inner.y + y as u16,
            });
        }
    }
}

/// The last `width` columns of `text`, so the end of a long value shows.
pub fn tail(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the leading …
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Enter answers every field's text, Esc nothing.
impl crate::tui::component::Component for Prompt {
    fn scope(&self, _ctx: &crate::tui::app::Ctx) -> Scope {
        Scope::Prompt
    }

    fn focus_field(
        &mut self,
        key: &str,
        _page: u16,
        _ctx: &mut crate::tui::app::Ctx,
    ) -> Option<crate::tui::component::Outcome> {
        self.focus_label(key)
            .then_some(crate::tui::component::Outcome::Stay)
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        _action: Option<crate::tui::keymap::Action>,
        _page: u16,
        _ctx: &mut crate::tui::app::Ctx,
    ) -> crate::tui::component::Outcome {
        use crate::tui::component::{Outcome, Reply};
        match Prompt::handle_key(self, key) {
            Prompted::Still => Outcome::Stay,
            Prompted::Submit(values) => Outcome::Answer(Reply::Submit(values)),
            Prompted::Cancelled => Outcome::Answer(Reply::Cancelled),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &crate::tui::app::Ctx) {
        Prompt::render(self, frame, area, &ctx.theme, ctx.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn tab_moves_between_fields_and_enter_hands_back_every_value() {
        let mut prompt = Prompt::new(
            Msg::StatementTitle,
            "",
            &[
                (Msg::StatementFrom, "2026-01-01".into()),
                (Msg::StatementTo, String::new()),
            ],
        );
        prompt.handle_key(&key(KeyCode::Tab));
        for c in "2026-11-30".chars() {
            assert_eq!(prompt.handle_key(&key(KeyCode::Char(c))), Prompted::Still);
        }
        assert_eq!(
            prompt.handle_key(&key(KeyCode::Enter)),
            Prompted::Submit(vec!["2026-01-01".into(), "2026-11-30".into()])
        );
        assert_eq!(prompt.handle_key(&key(KeyCode::Esc)), Prompted::Cancelled);
    }

    #[test]
    fn a_long_value_shows_its_end() {
        assert_eq!(tail("/home/会计/对账单.xlsx", 10), "…账单.xlsx");
        assert_eq!(tail("短", 10), "短");
    }
}
