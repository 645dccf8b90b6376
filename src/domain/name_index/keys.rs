//! The stored name keys, each character as a varint code numbered in order
//! of first appearance: the characters every name repeats (cities, trades)
//! come first and take one byte, where UTF-8 takes three for a Chinese
//! character; rarer ones take two. Keys are compared by code where they
//! can be and decoded only for `is_similar`.

use std::collections::HashMap;

/// Entries per recorded start: a key's start is its block's plus the
/// lengths before it in the block (at most 31 bytes added).
const BLOCK: usize = 32;

/// A length of this many bytes or more is held in `Keys::long`.
const LONG: u8 = u8::MAX;

#[derive(Default)]
pub(super) struct Keys {
    bytes: Vec<u8>,
    /// Where every `BLOCK`th entry's key starts in `bytes`; with a byte of
    /// length per key, 1.1 bytes an entry where an end each took 4.
    starts: Vec<u32>,
    /// Each key's length in bytes, `LONG` for that or more.
    lens: Vec<u8>,
    /// (entry, length) of the keys of `LONG` bytes or more, by entry.
    long: Vec<(u32, u32)>,
    chars: Vec<char>,
    codes: HashMap<char, u32>,
}

impl Keys {
    pub(super) fn push(&mut self, key: &str) {
        let entry = self.lens.len();
        let start = self.bytes.len();
        if entry.is_multiple_of(BLOCK) {
            self.starts.push(start as u32);
        }
        for c in key.chars() {
            let code = match self.codes.get(&c) {
                Some(code) => *code,
                None => {
                    let code = self.chars.len() as u32;
                    self.chars.push(c);
                    self.codes.insert(c, code);
                    code
                }
            };
            let mut code = code;
            while code >= 0x80 {
                self.bytes.push((code as u8) | 0x80);
                code >>= 7;
            }
            self.bytes.push(code as u8);
        }
        let len = self.bytes.len() - start;
        match u8::try_from(len) {
            Ok(short) if short < LONG => self.lens.push(short),
            _ => {
                self.lens.push(LONG);
                self.long.push((entry as u32, len as u32));
            }
        }
    }

    /// Entry e's key's bytes.
    fn range(&self, e: usize) -> std::ops::Range<usize> {
        let block = e / BLOCK;
        let before: usize = (block * BLOCK..e).map(|j| self.len(j)).sum();
        let start = self.starts.get(block).map_or(0, |s| *s as usize) + before;
        start..start + self.len(e)
    }

    fn len(&self, e: usize) -> usize {
        match self.lens.get(e) {
            Some(&LONG) => {
                let at = self
                    .long
                    .partition_point(|(entry, _)| (*entry as usize) < e);
                self.long.get(at).map_or(0, |(_, len)| *len as usize)
            }
            Some(len) => usize::from(*len),
            None => 0,
        }
    }

    /// The code of `c`, if any stored key holds it.
    pub(super) fn code_of(&self, c: char) -> Option<u32> {
        self.codes.get(&c).copied()
    }

    pub(super) fn codes(&self, e: usize) -> Codes<'_> {
        Codes(self.bytes.get(self.range(e)).unwrap_or(&[]))
    }

    /// Characters in entry e's key (its codes' last bytes).
    pub(super) fn char_count(&self, e: usize) -> usize {
        let bytes = self.bytes.get(self.range(e)).unwrap_or(&[]);
        bytes.iter().filter(|b| **b < 0x80).count()
    }

    pub(super) fn chars(&self, e: usize) -> impl Iterator<Item = char> + '_ {
        self.codes(e).map(|code| self.chars[code as usize])
    }

    pub(super) fn get(&self, e: usize) -> String {
        self.chars(e).collect()
    }

    /// Entry e's key is `key`.
    pub(super) fn is(&self, e: usize, key: &str) -> bool {
        self.chars(e).eq(key.chars())
    }

    pub(super) fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.lens.shrink_to_fit();
        self.long.shrink_to_fit();
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
            + self.starts.capacity() * 4
            + self.lens.capacity()
            + self.long.capacity() * 8
            + self.chars.capacity() * 4
            + self.codes.capacity() * (std::mem::size_of::<(char, u32)>() + 1)
    }
}

/// A key's character codes.
pub(super) struct Codes<'a>(&'a [u8]);

impl Iterator for Codes<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut code = 0u32;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            code |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(code);
            }
            shift += 7;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_as_stored_in_fewer_bytes() {
        let mut keys = Keys::default();
        let stored = ["深圳市华强电子", "", "acme", "深圳华强"];
        for k in stored {
            keys.push(k);
        }
        // Past 128 distinct characters codes take two bytes and still decode.
        let wide: String = (0..300u32)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .collect();
        keys.push(&wide);
        for (e, k) in stored.iter().chain([&wide.as_str()]).enumerate() {
            assert_eq!(keys.get(e), *k);
            assert!(keys.is(e, k));
        }
        assert!(!keys.is(0, "深圳市华强"));
        assert_eq!(keys.code_of('深'), Some(0));
        assert_eq!(keys.code_of('鑫'), None);
        // 深圳华强 repeats known characters: one byte each, not three.
        assert_eq!(keys.codes(3).0.len(), 4);
        assert_eq!(keys.long.len(), 1);
    }

    #[test]
    fn keys_are_found_across_blocks_with_long_ones_among_them() {
        let mut keys = Keys::default();
        let stored: Vec<String> = (0..5 * BLOCK as u32)
            .map(|i| {
                // Every seventh key 200 characters of two-byte codes: 400 bytes.
                let n = if i % 7 == 3 { 200 } else { i % 5 };
                (0..n)
                    .filter_map(|k| char::from_u32(0x4e00 + (i * 31 + k) % 400))
                    .collect()
            })
            .collect();
        for k in &stored {
            keys.push(k);
        }
        assert!(keys.long.len() >= 20 && keys.starts.len() == 5);
        for (e, k) in stored.iter().enumerate() {
            assert_eq!(keys.get(e), *k, "entry {e}");
            assert_eq!(keys.char_count(e), k.chars().count(), "entry {e}");
        }
        assert_eq!(keys.get(stored.len()), "");
    }
}
