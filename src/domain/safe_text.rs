//! Text that came from a database or a file, made safe for where it goes:
//! a terminal (control characters shown, never obeyed) or a spreadsheet
//! (a cell starting with `=` read as text, never run as a formula).

use std::borrow::Cow;

/// Every control character shown as a visible symbol: C0 controls as their
/// Control Pictures (ESC → ␛, one column wide like the byte they stand for),
/// DEL as ␡, C1 controls and bidirectional overrides as `\u{9b}`. A name
/// holding `ESC ]0;…` or `ESC [2J` then prints as text instead of retitling
/// or clearing the user's terminal.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// As [`visible`], but newlines stay: for multi-line messages and reports
/// whose line breaks are kehu's own.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn needs_escape(c: char, keep_newline: bool) -> bool {
    (c.is_control() && !(keep_newline && c == '\n')) || is_bidi_control(c)
}

/// Overrides and isolates that reorder what follows them ("Trojan source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(text: &str, keep_newline: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c, keep_newline)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c, keep_newline) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'));
        } else if c == '\u{7f}' {
            out.push('\u{2421}');
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// A CSV cell spreadsheet programs show as text (OWASP "CSV injection"): a
/// cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`. Plain
/// numbers (`-1234.50`, `+86`) stay numbers. Cells that already start with
/// quotes before such a character get one more, so [`csv_unguard`] gives back
/// exactly what was written.
pub fn csv_guard(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell.trim_start_matches('\'')) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The reverse of [`csv_guard`], for reading CSV files kehu wrote.
pub fn csv_unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell)
}

/// `-1234.50`, `+3`, `-1,234.00`: a sign, digits (with thousands commas) and
/// at most one decimal point. Spreadsheets read these as numbers, not formulas.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && fraction.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(visible("a\u{1b}]0;x\u{7}b"), "a␛]0;x␇b");
        assert_eq!(visible("\u{1b}[2J"), "␛[2J");
        assert_eq!(visible("x\u{9b}y\u{7f}"), "x\\u{9b}y␡");
        assert_eq!(visible("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(visible("行1\n行2"), "行1␊行2");
        assert_eq!(visible_lines("行1\n行2\t"), "行1\n行2␉");
        assert!(matches!(visible("华强电子"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_become_text_numbers_stay() {
        assert_eq!(csv_guard("=1+1"), "'=1+1");
        assert_eq!(csv_guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_guard("+86 138"), "'+86 138");
        assert_eq!(csv_guard("-cmd"), "'-cmd");
        assert_eq!(csv_guard("\tx"), "'\tx");
        assert_eq!(csv_guard("\rx"), "'\rx");
        assert_eq!(csv_guard("'=x"), "''=x");
        for number in ["-1234.50", "-1,234.00", "+3", "0", "12"] {
            assert_eq!(csv_guard(number), number);
        }
        assert_eq!(csv_guard("'plain"), "'plain");
        assert_eq!(csv_unguard("'=1+1"), "=1+1");
        assert_eq!(csv_unguard("'plain"), "'plain");
        assert_eq!(csv_unguard("'-5"), "'-5");
    }

    proptest! {
        #[test]
        fn unguard_reverses_guard(cell in "['=+@\\-\t\r0-9a-z.,]{0,8}") {
            let guarded = csv_guard(&cell);
            prop_assert_eq!(csv_unguard(&guarded), cell.as_str());
        }
    }
}
