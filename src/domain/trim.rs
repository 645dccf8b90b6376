//! `str::trim` without its cost on text that has nothing to trim, the usual
//! case for an imported cell: the standard trim decodes the first and last
//! characters and looks non-ASCII ones up in the Unicode tables (callgrind:
//! ~520 instructions a row on the import's preparer alone), where a look at
//! the lead bytes of the two end characters settles nearly every cell.

/// `text.trim()`, the same result.
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return text;
    };
    // The last character's lead byte: at most three continuation bytes back.
    let last_lead = if last < 0x80 {
        last
    } else {
        bytes
            .iter()
            .rev()
            .take(4)
            .copied()
            .find(|b| b & 0xC0 != 0x80)
            .unwrap_or(last)
    };
    if may_lead_whitespace(first) || may_lead_whitespace(last_lead) {
        return text.trim();
    }
    text
}

/// Whether a character starting with byte `b` may be white space
/// (`char::is_whitespace`): ASCII tab to carriage return and space, and the
/// lead bytes of U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2) and
/// U+3000 (E3). CJK ideographs lead with E4–E9.
fn may_lead_whitespace(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character at either end, and alone, trimmed as `str::trim` does.
    #[test]
    fn every_character_at_either_end_is_trimmed_as_by_str_trim() {
        let mut spaces = 0;
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("{c}华强"),
                format!("华强{c}"),
                format!("{c}a{c}"),
                format!("a {c}"),
            ] {
                assert_eq!(trim(&text), text.trim(), "U+{:04X}", c as u32);
            }
            spaces += usize::from(c.is_whitespace());
        }
        assert_eq!(spaces, 25, "the white space the lead bytes were chosen for");
        for text in ["", " ", "\u{3000}深圳\u{3000}", "\t x \r\n", "é"] {
            assert_eq!(trim(text), text.trim());
        }
    }
}
