//! The stored name keys, each character as a varint code numbered in order
//! of first appearance: the characters every name repeats (cities, trades)
//! come first and take one byte, where UTF-8 takes three for a Chinese
//! character; rarer ones take two. Keys are compared by code where they
//! can be and decoded only for `is_similar`.

use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Keys {
    bytes: Vec<u8>,
    /// `bytes[ends[e-1]..ends[e]]` is entry e's key.
    ends: Vec<u32>,
    chars: Vec<char>,
    codes: HashMap<char, u32>,
}

impl Keys {
    pub(super) fn push(&mut self, key: &str) {
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
        self.ends.push(self.bytes.len() as u32);
    }

    /// The code of `c`, if any stored key holds it.
    pub(super) fn code_of(&self, c: char) -> Option<u32> {
        self.codes.get(&c).copied()
    }

    pub(super) fn codes(&self, e: usize) -> Codes<'_> {
        let start = if e == 0 { 0 } else { self.ends[e - 1] as usize };
        Codes(&self.bytes[start..self.ends[e] as usize])
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
        self.ends.shrink_to_fit();
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
            + self.ends.capacity() * 4
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
    }
}
