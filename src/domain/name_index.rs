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
//! changes an answer, only how many keys are compared. Keys are kept in one
//! arena and bigram lists in one array (CSR), about 40 bytes a customer.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::names::is_similar;

/// Entry number inside the index (the caller's id sits in `ids`).
type Entry = u32;

#[derive(Default)]
pub struct NameIndex {
    ids: Vec<i64>,
    /// `arena[ends[e-1]..ends[e]]` is entry e's key.
    arena: String,
    ends: Vec<u32>,
    /// Characters in each key (255 for longer; keys are at most 200).
    lens: Vec<u8>,
    dead: Vec<bool>,
    /// (hash of key, entry), sorted: exact lookups.
    exact: Vec<(u64, Entry)>,
    /// Bigram lists: `grams` sorted, `gram_ends[i]` closes gram i's slice of `postings`.
    grams: Vec<u64>,
    gram_ends: Vec<u32>,
    postings: Vec<Entry>,
    /// Entries added since the build, found by a plain comparison (few:
    /// the owner rebuilds when many arrive). Entries below are sorted by id.
    recent: Vec<Entry>,
    built: usize,
}

impl NameIndex {
    /// Builds the index from every stored (id, name key), in id order.
    pub fn build<'a>(keys: impl IntoIterator<Item = (i64, &'a str)>) -> NameIndex {
        let mut index = NameIndex::default();
        for (id, key) in keys {
            let entry = index.push(id, key);
            index.exact.push((hash_of(key), entry));
        }
        index.exact.sort_unstable();
        // Two passes (count, then place) instead of sorting (gram, entry)
        // pairs: no second copy of every posting while building.
        let mut starts: HashMap<u64, u32> = HashMap::new();
        for entry in 0..index.ids.len() as Entry {
            for gram in distinct_grams(index.key(entry)) {
                *starts.entry(gram).or_default() += 1;
            }
        }
        index.grams = starts.keys().copied().collect();
        index.grams.sort_unstable();
        let mut end = 0u32;
        for gram in &index.grams {
            if let Some(n) = starts.get_mut(gram) {
                let count = *n;
                *n = end;
                end += count;
                index.gram_ends.push(end);
            }
        }
        index.postings = vec![0; end as usize];
        for entry in 0..index.ids.len() as Entry {
            for gram in distinct_grams(index.key(entry)) {
                if let Some(at) = starts.get_mut(&gram) {
                    index.postings[*at as usize] = entry;
                    *at += 1;
                }
            }
        }
        index.built = index.ids.len();
        index
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
        let base = &self.ids[..self.built];
        let at = base.partition_point(|i| *i < id);
        for e in (at..self.built).take_while(|e| self.ids[*e] == id) {
            self.dead[e] = true;
        }
        for e in self.built..self.ids.len() {
            if self.ids[e] == id {
                self.dead[e] = true;
            }
        }
    }

    /// How many entries were added since the build.
    pub fn added_since_build(&self) -> usize {
        self.recent.len()
    }

    pub fn len(&self) -> usize {
        self.dead.iter().filter(|d| !**d).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes held (for the benchmarks' memory figures).
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 8
            + self.arena.capacity()
            + self.ends.capacity() * 4
            + self.lens.capacity()
            + self.dead.capacity()
            + self.exact.capacity() * 16
            + self.grams.capacity() * 8
            + self.gram_ends.capacity() * 4
            + self.postings.capacity() * 4
            + self.recent.capacity() * 4
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
                found.push(self.ids[entry as usize]);
            }
        }
        // Then the built entries sharing bigrams, in id order, stopping at
        // `limit` hits: later ones cannot be among the first `limit`.
        if chars.len() >= 4 {
            let mut hits = Vec::new();
            self.sharing_grams(key, chars.len(), |entry| {
                if self.is_hit(entry, key, own_id) {
                    hits.push(self.ids[entry as usize]);
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
        !self.dead[e] && Some(self.ids[e]) != own_id && is_similar(key, self.key(entry))
    }

    /// Calls `visit` with each built entry that may hold `key` or be within
    /// the allowed edits of it, in entry (= id) order, until it returns
    /// false. Judged by how many of its bigram positions they share (counted
    /// block by block over every bigram's list), their length and the
    /// characters they share; `is_similar` decides afterwards.
    fn sharing_grams(&self, key: &str, n: usize, mut visit: impl FnMut(Entry) -> bool) {
        const BLOCK: usize = 1 << 16;
        let mut lists: Vec<(&[Entry], u8)> = Vec::new();
        let mut seen: Vec<u64> = Vec::new();
        let grams = grams_by_position(key);
        for gram in &grams {
            if seen.contains(gram) {
                continue;
            }
            seen.push(*gram);
            let weight = grams.iter().filter(|g| *g == gram).count().min(255) as u8;
            let list = self.postings_of(*gram);
            if !list.is_empty() {
                lists.push((list, weight));
            }
        }
        let q: Vec<char> = key.chars().collect();
        let all = n - 1;
        let d_max = n / 4;
        // Each edit breaks at most two bigram positions.
        let least = all.saturating_sub(2 * d_max).max(1);
        let mut counts = vec![0u8; BLOCK];
        let mut cursors = vec![0usize; lists.len()];
        let mut block_start = 0;
        while block_start < self.built {
            let block_end = (block_start + BLOCK).min(self.built);
            let mut any = false;
            for ((list, weight), cursor) in lists.iter().zip(cursors.iter_mut()) {
                while let Some(&entry) = list.get(*cursor) {
                    if entry as usize >= block_end {
                        break;
                    }
                    let c = &mut counts[entry as usize - block_start];
                    *c = c.saturating_add(*weight);
                    any = true;
                    *cursor += 1;
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
    fn may_be_similar(&self, entry: Entry, q: &[char], shared: usize, least: usize) -> bool {
        let n = q.len();
        if n > 255 {
            // Beyond what a name may hold (200): no filter.
            return true;
        }
        let len = self.lens[entry as usize] as usize;
        let d_max = n / 4;
        let holds = shared >= n - 1 && len >= n;
        holds
            || (shared >= least && len + d_max >= n && len <= n + d_max && {
                let longest = n.max(len);
                chars_in_common(q, self.key(entry)) + longest / 5 >= longest
            })
    }

    fn push(&mut self, id: i64, key: &str) -> Entry {
        let entry = self.ids.len() as Entry;
        self.ids.push(id);
        self.arena.push_str(key);
        self.ends.push(self.arena.len() as u32);
        self.lens.push(key.chars().count().min(255) as u8);
        self.dead.push(false);
        entry
    }

    fn key(&self, entry: Entry) -> &str {
        let e = entry as usize;
        let start = if e == 0 { 0 } else { self.ends[e - 1] as usize };
        &self.arena[start..self.ends[e] as usize]
    }

    fn push_exact(&self, key: &str, out: &mut Vec<Entry>) {
        let h = hash_of(key);
        let from = self.exact.partition_point(|(x, _)| *x < h);
        for (x, entry) in &self.exact[from..] {
            if *x != h {
                break;
            }
            if self.key(*entry) == key {
                out.push(*entry);
            }
        }
    }

    fn postings_of(&self, gram: u64) -> &[Entry] {
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
fn chars_in_common(q: &[char], b: &str) -> usize {
    let mut used = [false; 256];
    let mut common = 0;
    for c in b.chars() {
        if let Some(i) = q
            .iter()
            .enumerate()
            .position(|(i, x)| *x == c && !used.get(i).copied().unwrap_or(true))
        {
            used[i] = true;
            common += 1;
        }
    }
    common
}

/// The key's bigrams, one per position (repeats kept).
fn grams_by_position(key: &str) -> Vec<u64> {
    let mut chars = key.chars();
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

fn distinct_grams(key: &str) -> Vec<u64> {
    let mut grams = grams_by_position(key);
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn hash_of(key: &str) -> u64 {
    FIXED.hash_one(key)
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
