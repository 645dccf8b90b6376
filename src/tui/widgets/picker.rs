//! Choose one of a list, typing to narrow it: matches the label, the stored
//! value and the label's pinyin initials (`zzy` finds 制造业).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::input::LineInput;
use super::{centered, fit};
use crate::domain::Lang;
use crate::domain::mnemonic::mnemonic;
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What picking it yields (a stored key, a template name, …).
    pub value: String,
    pub label: String,
    search: String,
}

impl Item {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Item {
        let (value, label) = (value.into(), label.into());
        let search = format!("{label}\u{1}{value}\u{1}{}", mnemonic(&label)).to_lowercase();
        Item {
            value,
            label,
            search,
        }
    }
}

impl Item {
    /// Also found by `words` (e.g. initials the label's polyphones get wrong:
    /// 调整 reads TZ, the pinyin crate says DZ).
    pub fn also_matching(mut self, words: &str) -> Item {
        self.search.push('\u{1}');
        self.search.push_str(&words.to_lowercase());
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Still,
    Chose(String),
    Cancelled,
}

#[derive(Clone, Debug)]
pub struct Picker {
    pub title: String,
    items: Vec<Item>,
    query: LineInput,
    shown: Vec<usize>,
    selected: usize,
}

impl Picker {
    /// Opens on `current` when it is one of the items.
    pub fn new(title: impl Into<String>, items: Vec<Item>, current: Option<&str>) -> Picker {
        let selected = current
            .and_then(|c| items.iter().position(|i| i.value == c))
            .unwrap_or(0);
        let shown = (0..items.len()).collect();
        Picker {
            title: title.into(),
            items,
            query: LineInput::default(),
            shown,
            selected,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Picked {
        match keymap::action(Scope::Picker, key) {
            Some(Action::Confirm) => match self.shown.get(self.selected) {
                Some(&i) => Picked::Chose(self.items[i].value.clone()),
                None => Picked::Still,
            },
            Some(Action::Cancel) => Picked::Cancelled,
            Some(Action::Down) => {
                if self.selected + 1 < self.shown.len() {
                    self.selected += 1;
                }
                Picked::Still
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                Picked::Still
            }
            _ => {
                if self.query.edit(key) {
                    self.refilter();
                }
                Picked::Still
            }
        }
    }

    fn refilter(&mut self) {
        let q = self.query.value().trim().to_lowercase();
        self.shown = (0..self.items.len())
            .filter(|i| q.is_empty() || self.items[*i].search.contains(&q))
            .collect();
        self.selected = 0;
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        let height = (self.items.len() as u16 + 4).clamp(6, 18);
        let area = centered(area, 46, height);
        super::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(format!(" {} ", self.title), theme.title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let search = if self.query.value().is_empty() {
            Line::styled(
                fit(&format!("/ {}", Msg::PickSearch.get(lang)), width),
                theme.dim,
            )
        } else {
            {
                let before = self.query.before_cursor();
                let after = &self.query.value()[before.len()..];
                Line::styled(fit(&format!("/ {before}▏{after}"), width), theme.search)
            }
        };
        let rows = inner.height.saturating_sub(1) as usize;
        // Keep the selection in view.
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        let mut lines = vec![search];
        for (pos, &i) in self.shown.iter().enumerate().skip(first).take(rows) {
            let style = if pos == self.selected {
                theme.selected
            } else {
                theme.popup
            };
            lines.push(Line::styled(
                fit(&format!(" {}", self.items[i].label), width),
                style,
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// Enter answers the value chosen, Esc nothing.
impl crate::tui::component::Component for Picker {
    fn scope(&self, _ctx: &crate::tui::app::Ctx) -> Scope {
        Scope::Picker
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        _action: Option<crate::tui::keymap::Action>,
        _page: u16,
        _ctx: &mut crate::tui::app::Ctx,
    ) -> crate::tui::component::Outcome {
        use crate::tui::component::{Outcome, Reply};
        match Picker::handle_key(self, key) {
            Picked::Still => Outcome::Stay,
            Picked::Chose(value) => Outcome::Answer(Reply::Chose(value)),
            Picked::Cancelled => Outcome::Answer(Reply::Cancelled),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &crate::tui::app::Ctx) {
        Picker::render(self, frame, area, &ctx.theme, ctx.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_pinyin_initials_narrows_and_enter_picks() {
        let items = vec![
            Item::new("制造业", "制造业"),
            Item::new("批发零售", "批发零售"),
            Item::new("建筑业", "建筑业"),
        ];
        let mut picker = Picker::new("行业", items, Some("建筑业"));
        assert_eq!(picker.selected, 2);
        for c in "pf".chars() {
            assert_eq!(picker.handle_key(&key(KeyCode::Char(c))), Picked::Still);
        }
        assert_eq!(
            picker.handle_key(&key(KeyCode::Enter)),
            Picked::Chose("批发零售".into())
        );
        assert_eq!(picker.handle_key(&key(KeyCode::Esc)), Picked::Cancelled);
    }
}
