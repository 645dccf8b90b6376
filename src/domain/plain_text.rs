//! What any text field may hold, checked by the one validator for the form,
//! the CLI and an import alike: no control characters (a name holding
//! `ESC ] 0;…` would retitle the terminal that lists it), no bytes that were
//! invalid in a file's encoding (shown as �), and no more than a field's
//! limit (Excel keeps at most 32,767 characters a cell; exports must fit).

use super::field::{Field, FieldSource};
use super::problem::{Problem, Problems};
use super::text::{Lang, Text};

/// Why a piece of text cannot be kept as given. Positions count characters from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    Control { ch: char, position: usize },
    InvalidByte { position: usize },
    TooLong { len: usize, max: usize },
}

/// Tab, line feed and carriage return are whitespace: single-line fields fold
/// them into one space, notes keep them. Every other C0 character, DEL, C1,
/// and the bidirectional overrides that make text display in another order
/// than it is stored, are refused.
pub fn is_forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The first fault of `text`, `max` characters allowed (`None`: no limit here).
pub fn fault(text: &str, max: Option<usize>) -> Option<Fault> {
    // Nearly every cell holds none of the bytes a fault starts with: checked
    // a byte at a time (no branch per byte), its characters counted only
    // when its bytes exceed the limit (a character is at least one byte).
    if !text.bytes().fold(false, |any, b| any | may_start_fault(b)) {
        return match max {
            Some(max) if text.len() > max => {
                let len = text.chars().count();
                (len > max).then_some(Fault::TooLong { len, max })
            }
            _ => None,
        };
    }
    let mut len = 0;
    for (i, c) in text.chars().enumerate() {
        len = i + 1;
        if is_forbidden(c) {
            return Some(Fault::Control {
                ch: c,
                position: len,
            });
        }
        if c == char::REPLACEMENT_CHARACTER {
            return Some(Fault::InvalidByte { position: len });
        }
    }
    match max {
        Some(max) if len > max => Some(Fault::TooLong { len, max }),
        _ => None,
    }
}

/// Whether a byte can begin a refused character in UTF-8: C0 controls
/// (tab, LF and CR included: cheap to look at twice), DEL, C1 (`C2 80`–`C2 9F`),
/// the bidi overrides (`E2 80 AA`…, `E2 81 A6`…) and U+FFFD (`EF BF BD`).
fn may_start_fault(b: u8) -> bool {
    b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2 || b == 0xef
}

impl Fault {
    pub fn code(&self) -> &'static str {
        match self {
            Fault::Control { .. } => "text.control",
            Fault::InvalidByte { .. } => "text.invalid_byte",
            Fault::TooLong { .. } => "text.too_long",
        }
    }

    /// The message for a field labelled `en` / `zh`.
    pub fn text(&self, en: &str, zh: &str) -> Text {
        match self {
            Fault::Control { ch, position } => {
                let code = format!("U+{:04X}", u32::from(*ch));
                Text::new(
                    format!(
                        "{en} holds a control character ({code}) at character {position}: \
                         retype it without it."
                    ),
                    format!("{zh}第 {position} 个字符是控制字符（{code}）：请删除后重新输入。"),
                )
            }
            Fault::InvalidByte { position } => Text::new(
                format!(
                    "{en} holds a byte that was not valid text in the file's encoding (shown as �) \
                     at character {position}: retype it, or save the file as UTF-8 and import again."
                ),
                format!(
                    "{zh}第 {position} 个字符无法识别（显示为 �，文件中有不属于该编码的字节）：\
                     请重新输入，或把文件另存为 UTF-8 后再导入。"
                ),
            ),
            Fault::TooLong { len, max } => Text::new(
                format!("{en} is {len} characters long; at most {max} are allowed: shorten it."),
                format!("{zh}有 {len} 个字符，最多 {max} 个：请缩短。"),
            ),
        }
    }

    pub fn problem(&self, field: impl Into<String>, en: &str, zh: &str) -> Problem {
        Problem::error(field, self.code(), self.text(en, zh))
    }
}

/// Most characters a customer field may hold. Name and code keep their own
/// limits and messages (validate.rs); choices and numbers are parsed.
pub fn max_chars(field: Field) -> Option<usize> {
    Some(match field {
        Field::ShortName | Field::Contact | Field::BankName => 100,
        Field::Phone => 50,
        Field::Email => 254,
        Field::RegisteredAddress | Field::BusinessAddress => 300,
        Field::Mnemonic => 40,
        Field::Notes => MAX_NOTES_CHARS,
        _ => return None,
    })
}

/// Room for a long note, well inside Excel's 32,767 characters a cell.
pub const MAX_NOTES_CHARS: usize = 5_000;
/// A classification value (a dimension's value name).
pub const MAX_VALUE_CHARS: usize = 100;

/// Every customer field, as given (the classification values: `check_others`).
pub fn check_fields(values: &impl FieldSource, p: &mut Problems) {
    for &field in Field::ALL {
        if let Some(f) = fault(values.field(field), max_chars(field)) {
            p.push(f.problem(field.key(), field.label(Lang::En), field.label(Lang::Zh)));
        }
    }
}

/// Every classification value (and other non-field key) given.
pub fn check_others(values: &impl FieldSource, p: &mut Problems) {
    for (key, value) in values.others() {
        if let Some(f) = fault(value, Some(MAX_VALUE_CHARS)) {
            p.push(f.problem(key, key, key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_refused_whitespace_is_not() {
        assert_eq!(fault("深圳市华强\t电子\r\n", None), None);
        assert_eq!(
            fault("华强\u{1b}]0;pwned\u{7}", None),
            Some(Fault::Control {
                ch: '\u{1b}',
                position: 3
            })
        );
        for c in ['\0', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}'] {
            assert!(fault(&format!("a{c}"), None).is_some(), "{c:?}");
        }
        assert_eq!(
            fault("a\u{fffd}", None),
            Some(Fault::InvalidByte { position: 2 })
        );
        assert_eq!(
            fault("甲乙丙", Some(2)),
            Some(Fault::TooLong { len: 3, max: 2 })
        );
        assert_eq!(fault("甲乙", Some(2)), None);
        // The byte-level fast path: limits by characters, not bytes.
        assert_eq!(fault("abc", Some(3)), None);
        assert_eq!(
            fault("abcd", Some(3)),
            Some(Fault::TooLong { len: 4, max: 3 })
        );
        assert_eq!(fault("深圳市华强电子有限公司", Some(11)), None);
        assert_eq!(
            fault("（深圳）华强", Some(5)),
            Some(Fault::TooLong { len: 6, max: 5 })
        );
        assert_eq!(
            fault("x\u{202e}", None),
            Some(Fault::Control {
                ch: '\u{202e}',
                position: 2
            })
        );
    }
}
