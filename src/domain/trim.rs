//! `str::trim` without its cost on text that has nothing to trim, the usual
//! case for an imported cell: the standard trim decodes the first and last
//! characters and looks non-ASCII ones up in the Unicode tables (callgrind:
//! ~520 instructions a row on the import's preparer alone), where a range
//! check on the two end characters settles nearly every cell.

/// `text.trim()`, the same result.
#[inline]
pub fn trim(text: &str) -> &str {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return text;
    };
    let last = chars.next_back().unwrap_or(first);
    if may_be_whitespace(first) || may_be_whitespace(last) {
        return text.trim();
    }
    text
}

/// Whether `c` may be white space (`char::is_whitespace`): all of it lies
/// at or below U+0020 or within U+0085–U+3000; letters, digits and CJK
/// ideographs (U+3400 on) are settled by two comparisons.
fn may_be_whitespace(c: char) -> bool {
    c <= ' ' || ('\u{85}'..='\u{3000}').contains(&c)
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
        assert_eq!(spaces, 25, "the white space the ranges were chosen for");
        for text in ["", " ", "\u{3000}深圳\u{3000}", "\t x \r\n", "é"] {
            assert_eq!(trim(text), text.trim());
        }
    }
}
