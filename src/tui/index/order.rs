//! A column's row order, held as cheaply as it allows: rows load in code
//! order, so the code order is the rows as they are (nothing held) until a
//! saved customer lands out of place; the status and class orders are read
//! off the code order when asked (four statuses, a few hundred classes: one
//! pass), not held. At a million rows each order held is 4 MiB.

#[derive(Debug)]
pub(super) enum Order {
    /// Rows `0..n` as they are.
    Rows(u32),
    Listed(Vec<u32>),
}

impl Order {
    fn len(&self) -> usize {
        match self {
            Order::Rows(n) => *n as usize,
            Order::Listed(rows) => rows.len(),
        }
    }

    fn get(&self, i: usize) -> u32 {
        match self {
            Order::Rows(_) => i as u32,
            Order::Listed(rows) => rows.get(i).copied().unwrap_or(u32::MAX),
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
        match self {
            Order::Rows(n) if lo == *n as usize && row == *n => *n += 1,
            Order::Rows(n) => {
                let mut rows: Vec<u32> = (0..*n).collect();
                rows.insert(lo, row);
                *self = Order::Listed(rows);
            }
            Order::Listed(rows) => rows.insert(lo, row),
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        match self {
            Order::Rows(_) => 0,
            Order::Listed(rows) => rows.capacity() * 4,
        }
    }

    /// The rows `keep` passes, in this order or its reverse.
    pub(super) fn kept(&self, descending: bool, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        match self {
            Order::Rows(n) => kept_in(0..*n, descending, keep),
            Order::Listed(rows) => kept_in(rows.iter().copied(), descending, keep),
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
        let mut by_group: Vec<Vec<u32>> = vec![Vec::new(); groups];
        let rows = self.kept(descending, keep);
        for &r in &rows {
            let g = group.get(r as usize).map_or(0, |g| *g as usize);
            if let Some(bucket) = by_group.get_mut(g) {
                bucket.push(r);
            }
        }
        if descending {
            by_group.reverse();
        }
        let mut out = rows;
        out.clear();
        for bucket in by_group {
            out.extend(bucket);
        }
        out
    }
}

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
        assert!(order.heap_bytes() >= 20);
    }

    #[test]
    fn by_group_is_a_stable_sort_of_the_order_by_group() {
        let group = [2, 0, 3, 0, 1, 2];
        let order = Order::Listed(vec![5, 0, 3, 1, 4, 2]);
        let mut expected = vec![5, 0, 3, 1, 4];
        expected.sort_by_key(|r| group[*r as usize]);
        let keep = |r| r != 2;
        assert_eq!(order.kept_by_group(false, keep, &group, 4), expected);
        expected.reverse();
        assert_eq!(order.kept_by_group(true, keep, &group, 4), expected);
    }
}
