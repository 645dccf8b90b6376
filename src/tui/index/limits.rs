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
}
