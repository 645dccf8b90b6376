//! What a query is compared with, and cutting shown text to fit a row.

use crate::domain::names::half_width;

/// `value` cut to at most `max` bytes at a character boundary.
pub(super) fn clip(value: &str, max: usize) -> &str {
    let mut end = value.len().min(max);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

/// Half-width text, upper-case ASCII and lower-case otherwise: what a query
/// is compared with. Upper-case ASCII (not lower) leaves codes, tax IDs and
/// mnemonics as stored, so the list shows them from the search text instead
/// of holding a second copy; the match is the same as with lower case
/// throughout, as only ASCII letters change and both sides change alike.
pub fn fold(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    push_folded(&mut out, text.trim());
    out
}

pub(super) fn push_folded(out: &mut Vec<u8>, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| b.to_ascii_uppercase()));
        return;
    }
    let mut buf = [0u8; 4];
    for c in text.chars().map(half_width) {
        for l in c.to_lowercase() {
            // What lower-cases to ASCII (the Kelvin sign to k) is upper-cased
            // like ASCII itself, so it still matches it.
            let l = l.to_ascii_uppercase();
            out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
    }
}
