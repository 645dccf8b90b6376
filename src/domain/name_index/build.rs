//! Building the index: keys pushed one at a time in id order, then the
//! bigram lists laid out in two passes.

use std::collections::HashMap;

use super::packed::{put_varint, varint_len};
use super::{Entry, NameIndex, distinct_grams, exact_item};
use crate::domain::packed::Packed;

/// Takes stored (id, name key) pairs in id order one at a time, so the
/// keys are read straight into the index's arena (no list of them first).
#[derive(Default)]
pub struct Builder {
    index: NameIndex,
    /// `exact_item` of each entry, sorted into the index's `exact` at the end.
    exact: Vec<u64>,
}

impl Builder {
    pub fn push(&mut self, id: i64, key: &str) {
        let entry = self.index.push(id, key);
        self.exact.push(exact_item(key, entry));
    }

    pub fn finish(self) -> NameIndex {
        let mut index = self.index;
        let mut exact = self.exact;
        exact.sort_unstable();
        let entries = index.ids.len() as u32;
        index.exact = Packed::new(exact.into_iter().map(|x| x as Entry), entries);
        // Two passes (size, then place) instead of sorting (gram, entry)
        // pairs: no second copy of every posting while building. Per gram:
        // bytes needed (then where the next goes) and the last entry.
        let mut lists: HashMap<u64, (u32, Entry)> = HashMap::new();
        let mut bytes = 0usize;
        for entry in 0..index.ids.len() as Entry {
            for gram in distinct_grams(index.keys.chars(entry as usize)) {
                let (size, last) = lists.entry(gram).or_insert((0, 0));
                let n = varint_len(entry - *last);
                *size += n;
                *last = entry;
                bytes += n as usize;
            }
        }
        index.grams = lists.keys().copied().collect();
        index.grams.sort_unstable();
        let mut end = 0u32;
        for gram in &index.grams {
            if let Some((size, last)) = lists.get_mut(gram) {
                let n = *size;
                (*size, *last) = (end, 0);
                end += n;
                index.gram_ends.push(end);
            }
        }
        index.postings = vec![0; bytes];
        for entry in 0..index.ids.len() as Entry {
            for gram in distinct_grams(index.keys.chars(entry as usize)) {
                if let Some((at, last)) = lists.get_mut(&gram) {
                    *at = put_varint(&mut index.postings, *at as usize, entry - *last) as u32;
                    *last = entry;
                }
            }
        }
        index.built = index.ids.len();
        index.ids.shrink();
        index.keys.shrink();
        index
    }
}
