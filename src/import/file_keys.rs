//! Which earlier rows of the same file share a row's live tax ID or name
//! key, worked out on the reading thread (pipeline.rs) so the writing
//! thread, the import's bottleneck, does not keep a million keys itself.
//! Only rows without field errors are remembered (the others are never
//! written); the writer keeps those of the earlier rows it did insert.

use std::collections::HashMap;

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
        let names = self.name.see(name_key, flagged, remember);
        let (mut name, mut lookalike) = (Vec::new(), Vec::new());
        for r in names {
            match has_tax_id && r & HAS_TAX_ID != 0 {
                true => lookalike.push(r & !HAS_TAX_ID),
                false => name.push(r & !HAS_TAX_ID),
            }
        }
        Earlier {
            tax_id: self.tax_id.see(tax_id, row, remember),
            name,
            lookalike,
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
        let h = crate::domain::key_hash::key_hash(key);
        let Some(first) = self.first.get(&h).copied() else {
            if remember {
                self.first.insert(h, row);
            }
            return Vec::new();
        };
        let mut rows = vec![first];
        if let Some(more) = self.more.get(&h) {
            rows.extend(more.iter().take(MAX_EARLIER - 1));
        }
        if remember {
            // Only the first few are ever named: a key repeated a hundred
            // thousand times keeps no more than those.
            let more = self.more.entry(h).or_default();
            if more.len() < MAX_EARLIER - 1 {
                more.push(row);
            }
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
        keys.earlier(2, "T1", true, "华强", true);
        assert_eq!(keys.earlier(3, "T1", true, "", true).tax_id, [2]);
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
