//! Row by customer id. Ids are SQLite rowids, dense from 1, so a plain
//! table indexed by id (4 bytes a customer) replaces a hash map (about 34
//! bytes a customer at a million); an id far past the others goes to a map.

use std::collections::HashMap;

const NONE: u32 = u32::MAX;

#[derive(Debug, Default)]
pub(super) struct RowsById {
    dense: Vec<u32>,
    sparse: HashMap<i64, u32>,
    live: usize,
}

impl RowsById {
    pub(super) fn get(&self, id: i64) -> Option<u32> {
        match usize::try_from(id).ok().and_then(|i| self.dense.get(i)) {
            Some(&row) if row != NONE => Some(row),
            Some(_) => None,
            None => self.sparse.get(&id).copied(),
        }
    }

    pub(super) fn insert(&mut self, id: i64, row: u32) {
        self.remove(id);
        self.live += 1;
        match usize::try_from(id) {
            // Dense while the table stays within a few times the rows held.
            Ok(i) if i < self.dense.len() => self.dense[i] = row,
            Ok(i) if i <= 4 * self.live + 65_536 => {
                self.dense.resize(i + 1, NONE);
                self.dense[i] = row;
            }
            _ => {
                self.sparse.insert(id, row);
            }
        }
    }

    /// The row `id` had, if any.
    pub(super) fn remove(&mut self, id: i64) -> Option<u32> {
        let removed = match usize::try_from(id).ok().and_then(|i| self.dense.get_mut(i)) {
            Some(slot) if *slot != NONE => Some(std::mem::replace(slot, NONE)),
            Some(_) => None,
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

    pub(super) fn heap_bytes(&self) -> usize {
        self.dense.capacity() * 4 + self.sparse.capacity() * (std::mem::size_of::<(i64, u32)>() + 1)
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
    }
}
