//! Which earlier rows of the same file share a row's live tax ID or name
//! key, worked out on the reading thread (pipeline.rs) so the writing
//! thread, the import's bottleneck, does not keep a million keys itself.
//! Only rows without field errors are remembered (the others are never
//! written); the writer keeps those of the earlier rows it did insert.

use crate::domain::key_hash::ByHash;

/// Earlier rows (their numbers in the file) sharing a row's keys, at most
/// `MAX_EARLIER` of each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Earlier {
    pub tax_id: Vec<u64>,
    /// Same name key, and one of the two rows has no tax ID: maybe the same
    /// customer (the writer confirms it against what it wrote).
    pub name: Vec<u64>,
    /// Same name key but both rows have a tax ID (different ones, or the tax
    /// ID would have matched): lookalikes, only warned about. Named by row
    /// number, they cost the writer no read of what it wrote.
    pub lookalike: Vec<u64>,
}

/// Earlier rows named per key: enough to show and to match on, and a name
/// repeated ten thousand times costs no more per row than one repeated twice.
const MAX_EARLIER: usize = 8;

/// Set on a remembered row number whose row has a tax ID.
const HAS_TAX_ID: u64 = 1 << 63;

#[derive(Default)]
pub(super) struct FileKeys {
    tax_id: Seen,
    name: Seen,
}

impl FileKeys {
    /// Makes room for about `rows` rows up front, so the maps are not grown
    /// by doubling (each step holds the old and the new table at once):
    /// a million-row import peaked at 137-140 MB instead of 165-176 MB.
    pub fn expect_rows(&mut self, rows: usize) {
        for seen in [&mut self.tax_id, &mut self.name] {
            seen.first.reserve(rows);
        }
    }

    /// Starts loading the table slots `earlier` will look `tax_id` and
    /// `name_key` up in (a hint: the keys `earlier` gets may differ).
    pub fn prefetch(&self, tax_id: &str, name_key: &str) {
        for (seen, key) in [(&self.tax_id, tax_id), (&self.name, name_key)] {
            if !key.is_empty() {
                seen.first.prefetch(crate::domain::key_hash::key_hash(key));
            }
        }
    }

    /// The earlier rows sharing `tax_id` (a live one; "" for none) or
    /// `name_key` (told apart by whether both rows have a tax ID: `has_tax_id`
    /// is this row's); remembers this row's keys when `remember`.
    pub fn earlier(
        &mut self,
        row: u64,
        tax_id: &str,
        has_tax_id: bool,
        name_key: &str,
        remember: bool,
    ) -> Earlier {
        let flagged = if has_tax_id { row | HAS_TAX_ID } else { row };
        // Each list is filled in place: no list of all the name's rows made
        // first and split (that was an allocation and a free per repeat).
        let mut earlier = Earlier::default();
        self.name.see(name_key, flagged, remember, |r| {
            match has_tax_id && r & HAS_TAX_ID != 0 {
                true => earlier.lookalike.push(r & !HAS_TAX_ID),
                false => earlier.name.push(r & !HAS_TAX_ID),
            }
        });
        self.tax_id
            .see(tax_id, row, remember, |r| earlier.tax_id.push(r));
        earlier
    }
}

/// Rows by key hash: the first row with a key, then any more (rare).
#[derive(Default)]
struct Seen {
    first: FirstRows,
    more: ByHash<Vec<u64>>,
}

impl Seen {
    /// Gives `found` the earlier rows with `key`, first seen first.
    fn see(&mut self, key: &str, row: u64, remember: bool, mut found: impl FnMut(u64)) {
        if key.is_empty() {
            return;
        }
        let h = crate::domain::key_hash::key_hash(key);
        let Some(first) = self.first.get_or_insert(h, row, remember) else {
            return;
        };
        found(first);
        if remember {
            // Only the first few are ever named: a key repeated a hundred
            // thousand times keeps no more than those.
            let more = self.more.entry(h).or_default();
            more.iter().take(MAX_EARLIER - 1).for_each(|&r| found(r));
            if more.len() < MAX_EARLIER - 1 {
                more.push(row);
            }
        } else if let Some(more) = self.more.get(&h) {
            more.iter().take(MAX_EARLIER - 1).for_each(|&r| found(r));
        }
    }
}

/// The first row per key hash, open addressing with linear probing over one
/// array of (hash, row) pairs: a million keys outgrow every cache, and here a
/// lookup, and the insert after it, touch one cache line where a `HashMap`
/// touched its control bytes and then its buckets (perf: `Seen::see` plus
/// `HashMap::insert` were ~9% of a merged million-row import's CPU).
#[derive(Default)]
struct FirstRows {
    /// (hash, row); a power of two long, at most half full.
    slots: Vec<(u64, u64)>,
    len: usize,
}

/// Marks an empty slot: no row number is all ones.
const EMPTY: u64 = u64::MAX;

impl FirstRows {
    fn reserve(&mut self, keys: usize) {
        let wanted = (keys.max(8) * 2).next_power_of_two();
        if wanted > self.slots.len() {
            self.rehash(wanted);
        }
    }

    fn prefetch(&self, h: u64) {
        if let Some(slot) = self.slots.get(spread(h) & self.slots.len().wrapping_sub(1)) {
            prefetch_line(slot);
        }
    }

    #[cfg(test)]
    fn capacity(&self) -> usize {
        self.slots.len() / 2
    }

    /// The row first seen with hash `h`; when there is none, `row` becomes
    /// it if `remember`.
    fn get_or_insert(&mut self, h: u64, row: u64, remember: bool) -> Option<u64> {
        if self.slots.is_empty() {
            if !remember {
                return None;
            }
            self.rehash(16);
        }
        let mask = self.slots.len() - 1;
        let mut i = spread(h) & mask;
        loop {
            let (slot_hash, slot_row) = self.slots[i];
            if slot_row == EMPTY {
                break;
            }
            if slot_hash == h {
                return Some(slot_row);
            }
            i = (i + 1) & mask;
        }
        if remember {
            self.slots[i] = (h, row);
            self.len += 1;
            if self.len * 2 > self.slots.len() {
                self.rehash(self.slots.len() * 2);
            }
        }
        None
    }

    fn rehash(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(0, EMPTY); size]);
        let mask = size - 1;
        for (h, row) in old.into_iter().filter(|&(_, row)| row != EMPTY) {
            let mut i = spread(h) & mask;
            while self.slots[i].1 != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = (h, row);
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn prefetch_line<T>(at: &T) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: a prefetch is only a hint; it reads nothing and the address is
    // a live reference.
    unsafe { _mm_prefetch::<_MM_HINT_T0>((at as *const T).cast()) }
}

#[cfg(not(target_arch = "x86_64"))]
fn prefetch_line<T>(_at: &T) {}

/// The slot a hash starts at: its high bits, the best mixed of foldhash's.
fn spread(h: u64) -> usize {
    h.rotate_left(32) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn expected_rows_are_made_room_for_and_keys_still_match() {
        let mut keys = FileKeys::default();
        keys.expect_rows(5000);
        assert!(keys.tax_id.first.capacity() >= 5000 && keys.name.first.capacity() >= 5000);
        let slots = keys.name.first.slots.len();
        keys.earlier(2, "T1", true, "华强", true);
        assert_eq!(keys.earlier(3, "T1", true, "", true).tax_id, [2]);
        for row in 4..5004 {
            keys.earlier(row, "", false, &format!("名{row}"), true);
        }
        assert_eq!(keys.name.first.slots.len(), slots, "made room up front");
        assert_eq!(keys.earlier(9000, "", false, "名4999", false).name, [4999]);
    }

    /// The open-addressed table against a `HashMap` doing the same: hashes
    /// chosen to collide on their slot (same high bits), lookups without
    /// remembering, and growth from empty through many doublings.
    #[test]
    fn first_rows_finds_what_a_hash_map_finds() {
        let mut table = FirstRows::default();
        let mut reference = HashMap::new();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for row in 1..60_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Few distinct high bits: long probe runs that wrap around.
            let h = match row % 3 {
                0 => state & 0xff,
                1 => state & 0xffff_0000_0000_00ff,
                _ => state % 50_000,
            };
            let remember = row % 5 != 0;
            let want = reference.get(&h).copied();
            if want.is_none() && remember {
                reference.insert(h, row);
            }
            assert_eq!(table.get_or_insert(h, row, remember), want, "row {row}");
        }
        assert_eq!(table.len, reference.len());
        assert!(table.len * 2 <= table.slots.len(), "at most half full");
        for (h, row) in &reference {
            assert_eq!(table.get_or_insert(*h, 0, false), Some(*row));
        }
        assert_eq!(FirstRows::default().get_or_insert(7, 1, false), None);
    }

    #[test]
    fn prefetching_any_key_changes_nothing() {
        let mut keys = FileKeys::default();
        keys.prefetch("T1", "华强");
        keys.earlier(2, "T1", true, "华强", true);
        keys.prefetch("T1", "");
        keys.prefetch("", "别的");
        assert_eq!(keys.earlier(3, "T1", true, "华强", true).tax_id, [2]);
        assert_eq!(keys.tax_id.first.len + keys.name.first.len, 2);
    }

    #[test]
    fn earlier_rows_with_the_same_keys_are_named_and_rows_with_errors_are_not_kept() {
        let mut keys = FileKeys::default();
        assert_eq!(
            keys.earlier(2, "T1", true, "华强", true),
            Earlier::default()
        );
        assert_eq!(keys.earlier(3, "", false, "华强", true).name, [2]);
        assert_eq!(
            keys.earlier(4, "T1", true, "", false).tax_id,
            [2],
            "not kept"
        );
        let fifth = keys.earlier(5, "T1", true, "华强", true);
        assert_eq!(
            (fifth.tax_id, fifth.name, fifth.lookalike),
            (vec![2], vec![3], vec![2])
        );
        assert_eq!(keys.earlier(6, "T1", true, "别的", true).tax_id, [2, 5]);
    }

    #[test]
    fn a_name_repeated_many_times_names_a_few_earlier_rows() {
        let mut keys = FileKeys::default();
        for row in 2..10_000 {
            let found = keys.earlier(row, &format!("T{row}"), true, "华强", true);
            assert_eq!(found.lookalike.len(), (row as usize - 2).min(MAX_EARLIER));
            assert!(found.name.is_empty());
        }
        let kept: Vec<usize> = keys.name.more.values().map(Vec::len).collect();
        assert_eq!(kept, [MAX_EARLIER - 1], "only the rows ever named are kept");
    }
}
