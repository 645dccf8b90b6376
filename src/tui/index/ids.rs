//! Row by customer id. Ids are SQLite rowids, dense from 1, so a plain
//! table indexed by id replaces a hash map (about 34 bytes a customer at a
//! million); each entry is the row plus one (0: no row) in as many bits as
//! the rows need (20 at a million: 2.4 MiB, where `u32`s took 3.8). An id
//! far past the others goes to a map.

use std::collections::HashMap;

use crate::domain::packed::Packed;

#[derive(Debug, Default)]
pub(super) struct RowsById {
    dense: Packed,
    sparse: HashMap<i64, u32>,
    live: usize,
}

impl RowsById {
    pub(super) fn get(&self, id: i64) -> Option<u32> {
        match usize::try_from(id).ok().and_then(|i| self.dense.get(i)) {
            Some(0) => None,
            Some(entry) => Some(entry - 1),
            None => self.sparse.get(&id).copied(),
        }
    }

    pub(super) fn insert(&mut self, id: i64, row: u32) {
        self.remove(id);
        self.live += 1;
        // A row past u32::MAX - 1 cannot be held plus one: the map takes it.
        let entry = row.checked_add(1);
        match (usize::try_from(id), entry) {
            // Dense while the table stays within a few times the rows held.
            (Ok(i), Some(entry)) if i < self.dense.len() => self.dense.set(i, entry),
            (Ok(i), Some(entry)) if i <= 4 * self.live + 65_536 => {
                while self.dense.len() < i {
                    self.dense.push(0);
                }
                self.dense.push(entry);
            }
            _ => {
                self.sparse.insert(id, row);
            }
        }
    }

    /// The row `id` had, if any.
    pub(super) fn remove(&mut self, id: i64) -> Option<u32> {
        let removed = match usize::try_from(id)
            .ok()
            .and_then(|i| Some((i, self.dense.get(i)?)))
        {
            Some((_, 0)) => None,
            Some((i, entry)) => {
                self.dense.set(i, 0);
                Some(entry - 1)
            }
            None => self.sparse.remove(&id),
        };
        if removed.is_some() {
            self.live -= 1;
        }
        removed
    }

    pub(super) fn len(&self) -> usize {
        self.live
    }

    /// Gives back what the table grew by past its ids (as it doubles while loading).
    pub(super) fn shrink_to_fit(&mut self) {
        self.dense.shrink_to_fit();
        self.sparse.shrink_to_fit();
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.dense.heap_bytes() + self.sparse.capacity() * (std::mem::size_of::<(i64, u32)>() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_far_ids_are_found_replaced_and_removed() {
        let mut ids = RowsById::default();
        ids.insert(1, 10);
        ids.insert(3, 30);
        ids.insert(1 << 40, 99);
        ids.insert(-5, 7);
        assert_eq!(
            (ids.get(1), ids.get(2), ids.get(3)),
            (Some(10), None, Some(30))
        );
        assert_eq!((ids.get(1 << 40), ids.get(-5)), (Some(99), Some(7)));
        assert_eq!(ids.len(), 4);
        ids.insert(3, 31);
        assert_eq!((ids.get(3), ids.len()), (Some(31), 4));
        assert_eq!(ids.remove(1 << 40), Some(99));
        assert_eq!(ids.remove(1), Some(10));
        assert_eq!(ids.remove(1), None);
        assert_eq!((ids.get(1), ids.get(1 << 40), ids.len()), (None, None, 2));
        // A row needing more bits widens the table; the others stay.
        ids.insert(2, 70_000);
        ids.insert(4, u32::MAX);
        ids.shrink_to_fit();
        assert_eq!(
            (ids.get(2), ids.get(3), ids.get(4), ids.get(1)),
            (Some(70_000), Some(31), Some(u32::MAX), None)
        );
        assert_eq!(
            (ids.remove(4), ids.get(4), ids.len()),
            (Some(u32::MAX), None, 3)
        );
    }
}
