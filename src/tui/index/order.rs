//! A column's row order, held as cheaply as it allows: rows load in code
//! order, so the code order is the rows as they are (nothing held) until a
//! saved customer lands out of place; the status, class and credit orders
//! are read off the code order when asked (four statuses, a few hundred
//! classes, a few limits: one pass), not held; the mnemonic order is the
//! name order. At a million rows each order held is 2.4 MiB (20 bits
//! a row, `domain/packed.rs`).

use crate::domain::packed::Packed;

#[derive(Debug)]
pub(super) enum Order {
    /// Rows `0..n` as they are.
    Rows(u32),
    Listed(Packed),
}

impl Order {
    /// `rows` (each below `rows.len()`) in this order.
    pub(super) fn listed(rows: &[u32]) -> Order {
        Order::Listed(Packed::new(rows.iter().copied(), rows.len() as u32))
    }

    fn len(&self) -> usize {
        match self {
            Order::Rows(n) => *n as usize,
            Order::Listed(rows) => rows.len(),
        }
    }

    fn get(&self, i: usize) -> u32 {
        match self {
            Order::Rows(_) => i as u32,
            Order::Listed(rows) => rows.get(i).unwrap_or(u32::MAX),
        }
    }

    /// Puts `row` before the first row `before_row` says is not before it
    /// (what `partition_point` does); `Rows` stays so when `row` is the
    /// next row and goes last.
    pub(super) fn insert(&mut self, row: u32, before_row: impl Fn(u32) -> bool) {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before_row(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // Packed anew with the row in place (a pass, as inserting into a
        // vector moved every later row): new rows are numbered past the
        // others, so the width may grow.
        let bound = row.max(self.len() as u32) + 1;
        let placed = |order: &Order| {
            let (before, after) = (0..lo, lo..order.len());
            let rows = before
                .map(|i| order.get(i))
                .chain([row])
                .chain(after.map(|i| order.get(i)));
            Packed::new(Counted(rows, order.len() + 1), bound)
        };
        match self {
            Order::Rows(n) if lo == *n as usize && row == *n => *n += 1,
            _ => *self = Order::Listed(placed(self)),
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        match self {
            Order::Rows(_) => 0,
            Order::Listed(rows) => rows.heap_bytes(),
        }
    }

    /// The rows `keep` passes, in this order or its reverse.
    pub(super) fn kept(&self, descending: bool, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        match self {
            Order::Rows(n) => kept_in(0..*n, descending, keep),
            Order::Listed(rows) => kept_in(rows.iter(), descending, keep),
        }
    }

    /// The rows `keep` passes by group (`group` is each row's, below
    /// `groups`), then in this order: what sorting by the group and then by
    /// this order gives, in one pass.
    pub(super) fn kept_by_group(
        &self,
        descending: bool,
        keep: impl Fn(u32) -> bool,
        group: &[u32],
        groups: usize,
    ) -> Vec<u32> {
        // A counting sort: each group's place found from the counts, then
        // every row put in its place (no bucket grows, a row is copied once).
        let rows = self.kept(descending, keep);
        let group_of = |r: u32| group.get(r as usize).map_or(0, |g| *g as usize);
        let mut starts = vec![0usize; groups + 1];
        for &r in &rows {
            if let Some(count) = starts.get_mut(group_of(r)) {
                *count += 1;
            }
        }
        // A row of no group (past `groups`) is not listed, as before.
        starts[groups] = 0;
        let mut next = 0;
        for i in 0..groups {
            let g = if descending { groups - 1 - i } else { i };
            let count = starts[g];
            starts[g] = next;
            next += count;
        }
        let mut out = vec![0u32; next];
        for &r in &rows {
            let g = group_of(r);
            if g < groups {
                out[starts[g]] = r;
                starts[g] += 1;
            }
        }
        out
    }
}

/// An iterator of a known length (a chain of ranges does not say its own).
struct Counted<I>(I, usize);

impl<I: Iterator<Item = u32>> Iterator for Counted<I> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let next = self.0.next()?;
        self.1 = self.1.saturating_sub(1);
        Some(next)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.1, Some(self.1))
    }
}

impl<I: Iterator<Item = u32>> ExactSizeIterator for Counted<I> {}

fn kept_in(
    order: impl DoubleEndedIterator<Item = u32>,
    descending: bool,
    keep: impl Fn(u32) -> bool,
) -> Vec<u32> {
    if descending {
        order.rev().filter(|r| keep(*r)).collect()
    } else {
        order.filter(|r| keep(*r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_stay_unlisted_until_a_row_lands_out_of_place() {
        let mut order = Order::Rows(3);
        order.insert(3, |r| r < 3);
        assert!(matches!(order, Order::Rows(4)));
        order.insert(4, |r| r < 1);
        assert_eq!(order.kept(false, |_| true), [0, 4, 1, 2, 3]);
        assert_eq!(order.kept(true, |r| r != 1), [3, 2, 4, 0]);
        assert!(order.heap_bytes() > 0);
    }

    #[test]
    fn by_group_is_a_stable_sort_of_the_order_by_group() {
        let group = [2, 0, 3, 0, 1, 2];
        let order = Order::listed(&[5, 0, 3, 1, 4, 2]);
        let mut expected = vec![5, 0, 3, 1, 4];
        expected.sort_by_key(|r| group[*r as usize]);
        let keep = |r| r != 2;
        assert_eq!(order.kept_by_group(false, keep, &group, 4), expected);
        expected.reverse();
        assert_eq!(order.kept_by_group(true, keep, &group, 4), expected);
    }
}
