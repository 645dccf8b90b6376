//! Which earlier rows of the same file share a row's live tax ID or name
//! key, worked out on the reading thread (pipeline.rs) so the writing
//! thread, the import's bottleneck, does not keep a million keys itself.
//! Only rows without field errors are remembered (the others are never
//! written); the writer keeps those of the earlier rows it did insert.

use std::collections::HashMap;
use std::hash::BuildHasher;

/// Earlier rows (their numbers in the file) sharing a row's keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Earlier {
    pub tax_id: Vec<u64>,
    pub name: Vec<u64>,
}

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

    /// The earlier rows sharing `tax_id` (a live one; "" for none) or
    /// `name_key`; remembers this row's keys when `remember`.
    pub fn earlier(&mut self, row: u64, tax_id: &str, name_key: &str, remember: bool) -> Earlier {
        Earlier {
            tax_id: self.tax_id.see(tax_id, row, remember),
            name: self.name.see(name_key, row, remember),
        }
    }
}

/// Rows by key hash: the first row with a key, then any more (rare).
#[derive(Default)]
struct Seen {
    first: HashMap<u64, u64, foldhash::fast::FixedState>,
    more: HashMap<u64, Vec<u64>, foldhash::fast::FixedState>,
}

impl Seen {
    fn see(&mut self, key: &str, row: u64, remember: bool) -> Vec<u64> {
        if key.is_empty() {
            return Vec::new();
        }
        let h = foldhash::fast::FixedState::with_seed(0x6b65_6875).hash_one(key);
        let Some(first) = self.first.get(&h).copied() else {
            if remember {
                self.first.insert(h, row);
            }
            return Vec::new();
        };
        let mut rows = vec![first];
        if let Some(more) = self.more.get(&h) {
            rows.extend(more);
        }
        if remember {
            self.more.entry(h).or_default().push(row);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_rows_are_made_room_for_and_keys_still_match() {
        let mut keys = FileKeys::default();
        keys.expect_rows(5000);
        assert!(keys.tax_id.first.capacity() >= 5000 && keys.name.first.capacity() >= 5000);
        keys.earlier(2, "T1", "华强", true);
        assert_eq!(keys.earlier(3, "T1", "", true).tax_id, [2]);
    }

    #[test]
    fn earlier_rows_with_the_same_keys_are_named_and_rows_with_errors_are_not_kept() {
        let mut keys = FileKeys::default();
        assert_eq!(keys.earlier(2, "T1", "华强", true), Earlier::default());
        assert_eq!(keys.earlier(3, "", "华强", true).name, [2]);
        assert_eq!(keys.earlier(4, "T1", "", false).tax_id, [2], "not kept");
        let fifth = keys.earlier(5, "T1", "华强", true);
        assert_eq!((fifth.tax_id, fifth.name), (vec![2], vec![2, 3]));
        assert_eq!(keys.earlier(6, "T1", "别的", true).tax_id, [2, 5]);
    }
}
