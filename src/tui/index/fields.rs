//! Where a row's shown fields are. Code, name, mnemonic and tax ID are
//! shown straight from the row's search text when folding left them as they
//! were (upper-case codes and tax IDs, Chinese names: nearly always), so
//! they are held once; the others sit one after the other in the text
//! arena from the row's `text_start`. Each field ends with a separator in
//! either place, so a row keeps one byte of bits and a start (5 bytes)
//! instead of lengths and offsets; the rare row holding a separator in a
//! shown field keeps its lengths in a side table.

use super::fold::{clip, push_folded};
use super::{CustomerIndex, Text};

/// Ends each field in the search text and the text arena, so a query never
/// matches across two fields and a field is found by counting them.
pub(super) const SEPARATOR: u8 = 1;

/// The row's lengths are in `CustomerIndex::odd`, its fields in the text
/// arena without separators.
const LISTED: u8 = 1 << 7;

/// Bit `i`: shown field `i` is read from the row's search text.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Shown(u8);

impl Shown {
    pub(super) fn in_hay(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }
}

impl CustomerIndex {
    /// Appends the shown fields' search text (each ended by a separator) and
    /// the text of those folding changed (or cut to fit 64 KiB) to the
    /// text arena.
    pub(super) fn push_shown(&mut self, row: u32, values: [&str; 4]) -> Shown {
        let separated = !values.iter().any(|v| v.as_bytes().contains(&SEPARATOR));
        let mut bits = 0;
        let mut lens = [0u16; 4];
        for (slot, value) in values.iter().enumerate() {
            // Fields are far shorter than 64 KiB; a longer one is shown cut.
            let shown = clip(value, u16::MAX as usize - 1);
            lens[slot] = shown.len() as u16;
            let at = self.hay.len();
            push_folded(&mut self.hay, value);
            if separated && shown.len() == value.len() && self.hay[at..] == *value.as_bytes() {
                bits |= 1 << slot;
            } else {
                self.text.push_str(shown);
                if separated {
                    self.text.push(char::from(SEPARATOR));
                }
            }
            self.hay.push(SEPARATOR);
        }
        if !separated {
            self.odd.insert(row, lens);
            bits |= LISTED;
        }
        Shown(bits)
    }

    /// A shown field's bytes (compared as they are when sorting: the order
    /// of UTF-8 bytes is the order of the text).
    pub(super) fn field_bytes(&self, row: u32, field: Text) -> &[u8] {
        let Some(r) = self.rows.get(row as usize) else {
            return &[];
        };
        if field == Text::Class {
            return self.classes.get(r.class).as_bytes();
        }
        let i = field as usize;
        if r.shown.in_hay(i) {
            return nth_field(self.hay_of(row), i);
        }
        let text = self.text.as_bytes();
        let text = text.get(r.text_start as usize..).unwrap_or(&[]);
        let before = (0..i).filter(|j| !r.shown.in_hay(*j));
        if r.shown.0 & LISTED == 0 {
            return nth_field(text, before.count());
        }
        let lens = self.odd.get(&row).copied().unwrap_or_default();
        let start: usize = before.map(|j| lens[j] as usize).sum();
        text.get(start..start + lens[i] as usize).unwrap_or(&[])
    }
}

/// The `n`th of the separator-ended fields `bytes` starts with.
fn nth_field(bytes: &[u8], n: usize) -> &[u8] {
    let mut ends = memchr::memchr_iter(SEPARATOR, bytes);
    let start = match n {
        0 => 0,
        n => ends.nth(n - 1).map_or(bytes.len(), |at| at + 1),
    };
    let end = ends.next().unwrap_or(bytes.len());
    bytes.get(start..end).unwrap_or(&[])
}
