//! The knobs of automatic matching, with limits that keep every pass bounded.

use serde::{Deserialize, Serialize};

use super::error::ReconcileError;

/// Largest group the one-to-many pass looks for. Past a handful of lines,
/// sums that agree by coincidence outnumber real split payments.
pub const MAX_GROUP_LIMIT: usize = 10;
/// Most candidates the one-to-many pass considers around one line.
pub const GROUP_CANDIDATES_LIMIT: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchOptions {
    /// Dates this many days apart still count as the same event (±).
    pub tolerance_days: u32,
    /// Most lines summed to equal one line on the other side; 0 or 1 turns
    /// the one-to-many pass off.
    pub max_group: usize,
    /// The one-to-many pass looks at this many lines nearest in date to the
    /// single line (inside the tolerance window), no more.
    pub group_candidates: usize,
    /// Search steps the whole one-to-many pass may take; when spent, the pass
    /// stops and `GroupSearch::exhausted` says so. What was matched stays
    /// correct; some groups may be left unfound.
    pub group_search_budget: usize,
    /// Search steps spent on one single line at most, so one crowded window
    /// cannot eat the whole budget.
    pub group_search_per_line: usize,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            tolerance_days: 3,
            max_group: 5,
            group_candidates: 20,
            group_search_budget: 5_000_000,
            group_search_per_line: 20_000,
        }
    }
}

impl MatchOptions {
    /// The same options with another tolerance.
    pub fn with_tolerance(self, tolerance_days: u32) -> Self {
        MatchOptions {
            tolerance_days,
            ..self
        }
    }

    pub(super) fn check(&self) -> Result<(), ReconcileError> {
        if self.max_group > MAX_GROUP_LIMIT {
            return Err(ReconcileError::BadOption {
                option: "max_group",
                value: self.max_group,
                allowed: "0..=10",
            });
        }
        if self.group_candidates > GROUP_CANDIDATES_LIMIT {
            return Err(ReconcileError::BadOption {
                option: "group_candidates",
                value: self.group_candidates,
                allowed: "0..=64",
            });
        }
        Ok(())
    }

    pub(super) fn groups_enabled(&self) -> bool {
        self.max_group >= 2 && self.group_candidates >= 2 && self.group_search_budget > 0
    }
}
