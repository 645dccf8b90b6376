//! Similar names without a scan: an index over name keys (`names::name_key`)
//! that finds exactly what comparing a key with every stored key through
//! `names::is_similar` finds, by looking only where a similar key must be.
//!
//! `is_similar` holds in three cases, each with its own lookup:
//! - the same key: a sorted table of key hashes;
//! - one key inside the other (the shorter has ≥ 4 characters): a stored key
//!   inside the new one is one of its substrings (each looked up as a key);
//!   the new key inside a stored one means the stored key holds every
//!   character pair (bigram) of it, so the rarest pair's list has it;
//! - edit distance d ≤ 20% of the longer key, so d ≤ len/4: each edit breaks
//!   at most two of the new key's bigram positions, changes the length by
//!   at most one and leaves all but one character in common, so a similar
//!   key shares at least len − 1 − 2·d_max bigram positions (counted over
//!   the lists of all the key's bigrams at once), is within d_max in length
//!   and shares all but d of its characters.
//!
//! Every candidate is confirmed with `is_similar`, so the index never
//! changes an answer, only how many keys are compared. Keys are kept as
//! character codes (`keys.rs`), bigram lists in one byte array as varint
//! gaps (`packed.rs`), ids in four bytes.

mod build;
mod keys;
mod packed;

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::bits::Bits;
pub use build::Builder;
use keys::Keys;
use packed::{Cursor, Ids};

use super::names::is_similar;
use super::packed::Packed;

/// Entry number inside the index (the caller's id sits in `ids`).
type Entry = u32;

#[derive(Default)]
pub struct NameIndex {
    ids: Ids,
    keys: Keys,
    dead: Bits,
    /// Entries by the high half of their key's hash, then by entry: exact
    /// lookups. The hash is computed again while searching (a few dozen
    /// keys a lookup) instead of held beside the entry (4 MiB at a million);
    /// entries in 20 bits at a million (2.4 MiB, not 3.8).
    exact: Packed,
    /// Bigram lists: `grams` sorted, `gram_ends[i]` closes gram i's bytes
    /// of `postings`, its entries ascending as varint gaps.
    grams: Vec<u64>,
    gram_ends: Vec<u32>,
    postings: Vec<u8>,
    /// Entries added since the build, found by a plain comparison (few:
    /// the owner rebuilds when many arrive). Entries below are sorted by id.
    recent: Vec<Entry>,
    built: usize,
}

impl NameIndex {
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Builds the index from every stored (id, name key), in id order.
    pub fn build<'a>(keys: impl IntoIterator<Item = (i64, &'a str)>) -> NameIndex {
        let mut builder = Builder::default();
        for (id, key) in keys {
            builder.push(id, key);
        }
        builder.finish()
    }

    /// Records a customer written after the build (new, or an edit: the old
    /// entry of the same id is dropped).
    pub fn insert(&mut self, id: i64, key: &str) {
        self.remove(id);
        let entry = self.push(id, key);
        self.recent.push(entry);
    }

    /// Forgets customer `id` (deleted, or about to be re-inserted).
    pub fn remove(&mut self, id: i64) {
        // Built entries are in id order (the caller reads them so; equal ids
        // are searched either side); later ones are few.
        let (mut lo, mut hi) = (0, self.built);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.ids.get(mid) < id {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for e in (lo..self.built).take_while(|e| self.ids.get(*e) == id) {
            self.dead.set(e);
        }
        for e in self.built..self.ids.len() {
            if self.ids.get(e) == id {
                self.dead.set(e);
            }
        }
    }

    /// How many entries were added since the build.
    pub fn added_since_build(&self) -> usize {
        self.recent.len()
    }

    pub fn len(&self) -> usize {
        self.ids.len() - self.dead.count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes held (for the benchmarks' memory figures).
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|(_, bytes)| bytes).sum()
    }

    /// `heap_bytes` by part, for the benchmarks' breakdown.
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("ids", self.ids.heap_bytes()),
            ("keys", self.keys.heap_bytes()),
            (
                "dead, recent",
                self.dead.heap_bytes() + self.recent.capacity() * 4,
            ),
            ("exact table", self.exact.heap_bytes()),
            (
                "bigrams",
                self.grams.capacity() * 8 + self.gram_ends.capacity() * 4,
            ),
            ("postings", self.postings.capacity()),
        ]
    }

    /// The ids whose keys are similar to `key` (other than `own_id`), in id
    /// order, at most `limit`: what a scan in id order would stop at.
    pub fn similar(&self, key: &str, own_id: Option<i64>, limit: usize) -> Vec<i64> {
        if key.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Few candidates first: keys added since the build, and stored keys
        // equal to the key or to one of its substrings of ≥ 4 characters.
        let mut candidates: Vec<Entry> = self.recent.clone();
        let chars: Vec<(usize, char)> = key.char_indices().collect();
        self.push_exact(key, &mut candidates);
        if chars.len() > 4 {
            for start in 0..chars.len() {
                for end in start + 4..=chars.len() {
                    if end - start == chars.len() {
                        continue;
                    }
                    let to = chars.get(end).map_or(key.len(), |c| c.0);
                    self.push_exact(&key[chars[start].0..to], &mut candidates);
                }
            }
        }
        let mut found: Vec<i64> = Vec::new();
        for entry in candidates {
            if self.is_hit(entry, key, own_id) {
                found.push(self.ids.get(entry as usize));
            }
        }
        // Then the built entries sharing bigrams, in id order, stopping at
        // `limit` hits: later ones cannot be among the first `limit`.
        if chars.len() >= 4 {
            let mut hits = Vec::new();
            self.sharing_grams(key, chars.len(), |entry| {
                if self.is_hit(entry, key, own_id) {
                    hits.push(self.ids.get(entry as usize));
                }
                hits.len() < limit
            });
            found.extend(hits);
        }
        found.sort_unstable();
        found.dedup();
        found.truncate(limit);
        found
    }

    fn is_hit(&self, entry: Entry, key: &str, own_id: Option<i64>) -> bool {
        let e = entry as usize;
        !self.dead.get(e) && Some(self.ids.get(e)) != own_id && is_similar(key, &self.keys.get(e))
    }

    /// Calls `visit` with each built entry that may hold `key` or be within
    /// the allowed edits of it, in entry (= id) order, until it returns
    /// false. Judged by how many of its bigram positions they share (counted
    /// block by block over every bigram's list), their length and the
    /// characters they share; `is_similar` decides afterwards.
    fn sharing_grams(&self, key: &str, n: usize, mut visit: impl FnMut(Entry) -> bool) {
        const BLOCK: usize = 1 << 16;
        let mut lists: Vec<(Cursor, u8)> = Vec::new();
        let mut seen: Vec<u64> = Vec::new();
        let grams = grams_by_position(key.chars());
        for gram in &grams {
            if seen.contains(gram) {
                continue;
            }
            seen.push(*gram);
            let weight = grams.iter().filter(|g| *g == gram).count().min(255) as u8;
            let list = self.postings_of(*gram);
            if !list.is_empty() {
                lists.push((Cursor::new(list), weight));
            }
        }
        let q: Vec<Option<u32>> = key.chars().map(|c| self.keys.code_of(c)).collect();
        let all = n - 1;
        let d_max = n / 4;
        // Each edit breaks at most two bigram positions.
        let least = all.saturating_sub(2 * d_max).max(1);
        let mut counts = vec![0u8; BLOCK];
        let mut block_start = 0;
        while block_start < self.built {
            let block_end = (block_start + BLOCK).min(self.built);
            let mut any = false;
            for (cursor, weight) in lists.iter_mut() {
                while let Some(entry) = cursor.current {
                    if entry as usize >= block_end {
                        break;
                    }
                    let c = &mut counts[entry as usize - block_start];
                    *c = c.saturating_add(*weight);
                    any = true;
                    cursor.advance();
                }
            }
            if any {
                for (offset, count) in counts[..block_end - block_start].iter_mut().enumerate() {
                    let shared = std::mem::take(count) as usize;
                    if shared < least {
                        continue;
                    }
                    let entry = (block_start + offset) as Entry;
                    if self.may_be_similar(entry, &q, shared, least) && !visit(entry) {
                        return;
                    }
                }
            }
            block_start = block_end;
        }
    }

    /// The cheap bounds before `is_similar`: `key` inside a longer key (every
    /// bigram there), or within d_max edits (length within d_max, all but d
    /// characters in common).
    fn may_be_similar(&self, entry: Entry, q: &[Option<u32>], shared: usize, least: usize) -> bool {
        let n = q.len();
        if n > 255 {
            // Beyond what a name may hold (200) and `chars_in_common`'s
            // 256 marks: no filter.
            return true;
        }
        // Counted from the key's codes (a byte each, mostly) where a byte a
        // key held it: 1 MiB at a million.
        let len = self.keys.char_count(entry as usize);
        let d_max = n / 4;
        let holds = shared >= n - 1 && len >= n;
        holds
            || (shared >= least && len + d_max >= n && len <= n + d_max && {
                let longest = n.max(len);
                chars_in_common(q, self.keys.codes(entry as usize)) + longest / 5 >= longest
            })
    }

    fn push(&mut self, id: i64, key: &str) -> Entry {
        let entry = self.ids.len() as Entry;
        self.ids.push(id);
        self.keys.push(key);
        self.dead.grow_to(self.ids.len());
        entry
    }

    fn push_exact(&self, key: &str, out: &mut Vec<Entry>) {
        let h = exact_item(key, 0) >> 32;
        let hash_of = |e: Entry| exact_item(&self.keys.get(e as usize), 0) >> 32;
        let (mut lo, mut hi) = (0, self.exact.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.exact.get(mid).is_some_and(|e| hash_of(e) < h) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for entry in (lo..self.exact.len()).map_while(|i| self.exact.get(i)) {
            if hash_of(entry) != h {
                break;
            }
            if self.keys.is(entry as usize, key) {
                out.push(entry);
            }
        }
    }

    fn postings_of(&self, gram: u64) -> &[u8] {
        match self.grams.binary_search(&gram) {
            Ok(i) => {
                let start = if i == 0 { 0 } else { self.gram_ends[i - 1] };
                &self.postings[start as usize..self.gram_ends[i] as usize]
            }
            Err(_) => &[],
        }
    }
}

/// How many characters `b` shares with `q`, each counted as often as both hold it.
/// Both by character code (`None`: a character no stored key holds).
fn chars_in_common(q: &[Option<u32>], b: keys::Codes<'_>) -> usize {
    let mut used = [false; 256];
    let mut common = 0;
    for c in b {
        if let Some(i) = q
            .iter()
            .enumerate()
            .position(|(i, x)| *x == Some(c) && !used.get(i).copied().unwrap_or(true))
        {
            used[i] = true;
            common += 1;
        }
    }
    common
}

/// The key's bigrams, one per position (repeats kept).
fn grams_by_position(mut chars: impl Iterator<Item = char>) -> Vec<u64> {
    let Some(mut prev) = chars.next() else {
        return Vec::new();
    };
    let mut grams = Vec::new();
    for c in chars {
        grams.push(((prev as u64) << 32) | c as u64);
        prev = c;
    }
    grams
}

fn distinct_grams(key: impl Iterator<Item = char>) -> Vec<u64> {
    let mut grams = grams_by_position(key);
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// The high half of the key's hash and the entry: a sorted list of these
/// finds a key's entries (equal halves are told apart by the key itself).
fn exact_item(key: &str, entry: Entry) -> u64 {
    (FIXED.hash_one(key) & !0xffff_ffff) | u64::from(entry)
}

/// A fixed seed: the sorted table must hash the same way every lookup.
const FIXED: std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher> =
    std::hash::BuildHasherDefault::new();

/// For tests and benchmarks: what a scan over every key finds.
pub fn scan_similar<'a>(
    keys: impl IntoIterator<Item = (i64, &'a str)>,
    key: &str,
    own_id: Option<i64>,
    limit: usize,
) -> Vec<i64> {
    let mut found: HashMap<i64, ()> = HashMap::new();
    let mut out = Vec::new();
    for (id, other) in keys {
        if Some(id) != own_id && is_similar(key, other) && found.insert(id, ()).is_none() {
            out.push(id);
            if out.len() == limit {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
