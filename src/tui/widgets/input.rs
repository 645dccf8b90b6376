//! One line of editable text with a cursor, for the ledger's forms and
//! dialogs. The cursor counts characters; the screen position is measured by
//! display width (`before_cursor`), so 华 moves it two columns.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    value: String,
    /// Position in characters.
    cursor: usize,
}

impl LineInput {
    pub fn new(value: impl Into<String>) -> LineInput {
        let mut input = LineInput::default();
        input.set(value.into());
        input
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    /// Replaces the text, cursor at the end.
    pub fn clear(&mut self) {
        self.set(String::new());
    }

    pub fn set(&mut self, value: String) {
        self.cursor = value.chars().count();
        self.value = value;
    }

    /// The text before the cursor, to place the terminal cursor by width.
    pub fn before_cursor(&self) -> &str {
        &self.value[..self.byte_at(self.cursor)]
    }

    fn byte_at(&self, char_pos: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_pos)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// Applies an editing key; returns true when the text changed.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let len = self.value.chars().count();
        // An unbound Ctrl or Alt chord is not text.
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match key.code {
            KeyCode::Char(c) => {
                let at = self.byte_at(self.cursor);
                self.value.insert(at, c);
                self.cursor += 1;
                true
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
                true
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
                true
            }
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            KeyCode::Home => {
                self.cursor = 0;
                false
            }
            KeyCode::End => {
                self.cursor = len;
                false
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode) -> bool {
        input.edit(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn edits_chinese_text_by_character() {
        let mut input = LineInput::new("华强");
        assert!(press(&mut input, KeyCode::Char('电')));
        assert!(!press(&mut input, KeyCode::Left));
        assert!(press(&mut input, KeyCode::Backspace));
        assert_eq!(input.value(), "华电");
        assert_eq!(input.before_cursor(), "华");
        assert!(press(&mut input, KeyCode::Delete));
        assert_eq!(input.value(), "华");
        assert!(!press(&mut input, KeyCode::Delete));
        press(&mut input, KeyCode::Home);
        assert!(!press(&mut input, KeyCode::Backspace));
        let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert!(!input.edit(&ctrl_x));
        assert_eq!(input.value(), "华");
    }
}
