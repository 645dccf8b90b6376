//! One key and one binding of the table: how a key matches a terminal
//! event (Shift reported inconsistently) and how it is labelled in the
//! footer and help.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Scope};
use crate::tui::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub(in crate::tui) const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

pub(in crate::tui) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub(in crate::tui) const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    pub fn matches(self, event: &KeyEvent) -> bool {
        if self.code != event.code {
            return false;
        }
        // Terminals report Shift with upper-case letters and symbols like `?`
        // inconsistently; the character itself already says it.
        let mods = event.modifiers - KeyModifiers::SHIFT;
        let wanted = self.mods - KeyModifiers::SHIFT;
        mods == wanted
    }

    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub label: Msg,
    /// Shown in the footer (the rest only in `?`).
    pub footer: bool,
}

pub(in crate::tui) const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    label: Msg,
    footer: bool,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        label,
        footer,
    }
}
