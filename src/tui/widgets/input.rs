//! One line of editable text with a cursor: every text field of the app
//! (forms, dialogs, the list's search, the quick invoice). The cursor counts characters; the screen position is measured by
//! display width (`before_cursor`), so 华 moves it two columns.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

    /// Inserts pasted text at the cursor (line breaks and tabs become
    /// spaces: a field is one line); returns true when the text changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let clean: String = text
            .trim_end_matches(['\r', '\n'])
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if clean.is_empty() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        true
    }

    /// Removes the characters in `from..self.cursor` (char positions).
    fn cut_back_to(&mut self, from: usize) -> bool {
        if from >= self.cursor {
            return false;
        }
        let (start, end) = (self.byte_at(from), self.byte_at(self.cursor));
        self.value.replace_range(start..end, "");
        self.cursor = from;
        true
    }

    /// Where the word before the cursor starts (spaces before it skipped).
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.value.chars().take(self.cursor).collect();
        let mut at = chars.len();
        while at > 0 && chars[at - 1].is_whitespace() {
            at -= 1;
        }
        while at > 0 && !chars[at - 1].is_whitespace() {
            at -= 1;
        }
        at
    }

    /// The part of the text to draw in `width` columns so the cursor shows,
    /// and the cursor's column in it. Scrolls by display width: 华 is two.
    pub fn window(&self, width: usize) -> (&str, usize) {
        let before = self.before_cursor();
        let cursor_x = before.width();
        if width == 0 || cursor_x < width {
            return (&self.value, cursor_x);
        }
        // Drop characters from the left until the cursor fits, with room
        // for it on the last column.
        let mut skipped = 0;
        let mut start = 0;
        for (i, c) in self.value.char_indices() {
            if cursor_x - skipped < width {
                break;
            }
            skipped += c.width().unwrap_or(0);
            start = i + c.len_utf8();
        }
        (&self.value[start..], cursor_x - skipped)
    }

    /// Applies an editing key; returns true when the text changed.
    /// Ctrl-U clears to the start, Ctrl-W the word before the cursor,
    /// Ctrl-A / Ctrl-E go to the start / end (as in a shell).
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let len = self.value.chars().count();
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            match key.code {
                KeyCode::Char('u') => return self.cut_back_to(0),
                KeyCode::Char('w') | KeyCode::Backspace => {
                    return self.cut_back_to(self.word_start());
                }
                KeyCode::Char('a') => self.cursor = 0,
                KeyCode::Char('e') => self.cursor = len,
                _ => {}
            }
            return false;
        }
        // An unbound Alt chord is not text.
        if key.modifiers.contains(KeyModifiers::ALT) {
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

    fn ctrl(input: &mut LineInput, c: char) -> bool {
        input.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    #[test]
    fn shell_chords_edit_and_never_type_a_letter() {
        let mut input = LineInput::new("深圳 华强 电子");
        assert!(ctrl(&mut input, 'w'));
        assert_eq!(input.value(), "深圳 华强 ");
        assert!(ctrl(&mut input, 'w'));
        assert_eq!(input.value(), "深圳 ");
        assert!(!ctrl(&mut input, 'a'));
        assert_eq!(input.before_cursor(), "");
        assert!(!ctrl(&mut input, 'e'));
        assert_eq!(input.before_cursor(), "深圳 ");
        press(&mut input, KeyCode::Left);
        assert!(ctrl(&mut input, 'u'));
        assert_eq!(input.value(), " ");
        assert!(!ctrl(&mut input, 'u'));
        assert_eq!(input.value(), " ");
    }

    #[test]
    fn paste_inserts_at_the_cursor_on_one_line() {
        let mut input = LineInput::new("华强");
        press(&mut input, KeyCode::Home);
        assert!(input.paste("深圳市\t"));
        assert_eq!(input.value(), "深圳市 华强");
        assert_eq!(input.before_cursor(), "深圳市 ");
        assert!(input.paste("有限公司\r\n"));
        assert_eq!(input.value(), "深圳市 有限公司华强");
    }

    #[test]
    fn the_window_scrolls_to_the_cursor_by_display_width() {
        let mut input = LineInput::new("深圳市华强电子有限公司");
        // 11 characters, 22 columns; 10 columns show the last four and the cursor.
        let (shown, x) = input.window(10);
        assert_eq!((shown, x), ("有限公司", 8));
        assert!(x < 10);
        press(&mut input, KeyCode::Home);
        assert_eq!(input.window(10), ("深圳市华强电子有限公司", 0));
        let short = LineInput::new("华强");
        assert_eq!(short.window(10), ("华强", 4));
    }
}
