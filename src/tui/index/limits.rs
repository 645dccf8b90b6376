//! The distinct credit limits of the list, in order: customers share a few
//! round limits, so the credit order is read off the code order by each
//! row's place among them (as the class order is) instead of held (2.4 MiB
//! at a million rows).

use crate::domain::money::Money;

/// Past this many distinct limits the credit order is held instead.
const GROUPED_LIMITS: usize = 256;

#[derive(Debug, Default)]
pub(super) struct Limits {
    /// Sorted, `None` (not controlled) first, as the credit sort has it.
    values: Vec<Option<Money>>,
    /// More than `GROUPED_LIMITS` were seen: `values` is no longer kept.
    many: bool,
}

impl Limits {
    pub(super) fn add(&mut self, limit: Option<Money>) {
        if self.many {
            return;
        }
        if let Err(at) = self.values.binary_search(&limit) {
            self.values.insert(at, limit);
            if self.values.len() > GROUPED_LIMITS {
                self.many = true;
                self.values = Vec::new();
            }
        }
    }

    /// The credit order may be read off the code order.
    pub(super) fn grouped(&self) -> bool {
        !self.many
    }

    pub(super) fn len(&self) -> usize {
        self.values.len()
    }

    /// `limit`'s place among the distinct limits (0 when not kept).
    pub(super) fn rank(&self, limit: Option<Money>) -> u32 {
        self.values.binary_search(&limit).unwrap_or(0) as u32
    }
}

/// Each row's place among the distinct limits, a byte a row (1 MiB at a
/// million rows), and the (generation, row count) it was built for: a
/// binary search per row on every `o` cost ~10 ms at a million rows.
#[derive(Debug, Default)]
pub(super) struct Ranks {
    built_for: (u64, usize),
    bytes: Vec<u8>,
}

impl Ranks {
    /// Takes `ranks` (read only when needed) unless the ones held were
    /// built for `built_for`.
    pub(super) fn refresh(&mut self, built_for: (u64, usize), ranks: impl Iterator<Item = u32>) {
        if self.built_for == built_for {
            return;
        }
        // At most GROUPED_LIMITS (256) places: a byte each.
        self.bytes = ranks.map(|r| u8::try_from(r).unwrap_or(u8::MAX)).collect();
        self.built_for = built_for;
    }

    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_rank_in_the_credit_order_until_there_are_too_many() {
        let mut limits = Limits::default();
        for fen in [500, 0, 500, 100] {
            limits.add(Some(Money::from_fen(fen)));
        }
        limits.add(None);
        assert_eq!(limits.len(), 4);
        assert_eq!(limits.rank(None), 0);
        let ranks = [0, 100, 500].map(|f| limits.rank(Some(Money::from_fen(f))));
        assert_eq!(ranks, [1, 2, 3]);
        for fen in 0..GROUPED_LIMITS as i64 {
            limits.add(Some(Money::from_fen(1_000 + fen)));
        }
        assert!(!limits.grouped() && limits.len() == 0);
    }

    #[test]
    fn ranks_are_kept_for_what_they_were_built_for_and_built_again_otherwise() {
        let mut ranks = Ranks::default();
        ranks.refresh((7, 3), [2, 0, 1].into_iter());
        assert_eq!(ranks.bytes(), [2, 0, 1]);
        // Same generation and rows: the new ranks are not even read.
        ranks.refresh((7, 3), std::iter::from_fn(|| panic!("read again")));
        assert_eq!(ranks.bytes(), [2, 0, 1]);
        ranks.refresh((7, 4), [1, 1, 0, 255].into_iter());
        assert_eq!(ranks.bytes(), [1, 1, 0, 255]);
        ranks.refresh((8, 4), [3, 3, 3, 3].into_iter());
        assert_eq!(ranks.bytes(), [3, 3, 3, 3]);
    }
}
