//! Pass 3: one line on one side equal to the sum of 2..=max_group lines on the
//! other (a receipt that paid three invoices, an invoice they booked in parts).
//!
//! Subset-sum is exponential, so everything is bounded: only lines of the same
//! sign within the tolerance window, only the `group_candidates` nearest in
//! date, and a step budget per line and for the whole pass. Each step is one
//! line looked at or one node of the search. Fewer lines win over more (fewer
//! coincidences), then dates nearer the single line, then lower ids.

use serde::{Deserialize, Serialize};

use super::matcher::{Engine, Found};
use super::model::Rule;
use super::pairing::outward;

/// How the one-to-many search went, so the UI can say it stopped early.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupSearch {
    pub steps: usize,
    /// The whole budget was spent: lines after that point were not searched.
    pub exhausted: bool,
    /// Lines whose own share of the budget ran out before their search ended.
    pub lines_cut_short: usize,
}

/// A candidate: its position, |amount| in fen, and days from the single line.
#[derive(Clone, Copy)]
struct Candidate {
    pos: usize,
    size: i128,
    days: u64,
    day: i64,
    id: usize,
}

pub(super) fn find_groups(engine: &mut Engine, matches: &mut Vec<Found>) -> GroupSearch {
    let opts = engine.opts;
    let tolerance = i64::from(opts.tolerance_days);
    // Per side, the lines still open (zero amounts add nothing to a sum), by date.
    let order: [Vec<usize>; 2] = engine.sides.each_ref().map(|view| {
        let mut open: Vec<usize> = (0..view.lines.len())
            .filter(|&p| !view.taken[p] && view.amount(p) != 0)
            .collect();
        open.sort_unstable_by_key(|&p| view.slot(p));
        open
    });
    let mut singles: Vec<(i64, usize, usize, usize)> = Vec::new();
    for (side, open) in order.iter().enumerate() {
        let view = &engine.sides[side];
        singles.extend(
            open.iter()
                .map(|&p| (view.day[p], side, view.lines[p].id, p)),
        );
    }
    singles.sort_unstable();

    let mut stats = GroupSearch::default();
    let mut candidates: Vec<Candidate> = Vec::with_capacity(opts.group_candidates);
    for (day, side, _, pos) in singles {
        if engine.sides[side].taken[pos] {
            continue;
        }
        let left = opts.group_search_budget.saturating_sub(stats.steps);
        if left == 0 {
            stats.exhausted = true;
            break;
        }
        let limit = left.min(opts.group_search_per_line);
        let target = i128::from(engine.sides[side].amount(pos));
        let other = &engine.sides[1 - side];

        // Nearest dates first, walking out both ways from the single line's day.
        let list = &order[1 - side];
        let mut steps = 0;
        candidates.clear();
        for i in outward(list.len(), day, tolerance, |i| other.day[list[i]]) {
            if candidates.len() >= opts.group_candidates || steps >= limit {
                break;
            }
            steps += 1;
            let p = list[i];
            let amount = i128::from(other.amount(p));
            if !other.taken[p] && (amount > 0) == (target > 0) && amount.abs() < target.abs() {
                candidates.push(Candidate {
                    pos: p,
                    size: amount.abs(),
                    days: other.day[p].abs_diff(day),
                    day: other.day[p],
                    id: other.lines[p].id,
                });
            }
        }
        let scan_cut = steps >= limit;
        let mut search = Search::new(&mut candidates, target.abs(), limit - steps);
        let best = (2..=opts.max_group.min(search.candidates.len()))
            .find_map(|k| search.best_of_size(k).map(|chosen| (k, chosen)));
        stats.steps += steps + search.steps;
        if scan_cut || search.out_of_steps {
            stats.lines_cut_short += 1;
        }
        let Some((size, chosen)) = best else {
            continue;
        };
        let parts: Vec<usize> = chosen.iter().map(|&i| search.candidates[i].pos).collect();
        let max_days = chosen
            .iter()
            .map(|&i| search.candidates[i].days)
            .max()
            .unwrap_or(0);
        let confidence = group_confidence(size, max_days, search.solutions > 1);
        for &p in &parts {
            engine.sides[1 - side].taken[p] = true;
        }
        engine.sides[side].taken[pos] = true;
        let (ours, theirs) = if side == 0 {
            (vec![pos], parts)
        } else {
            (parts, vec![pos])
        };
        matches.push(Found {
            ours,
            theirs,
            rule: Rule::Group,
            confidence,
        });
    }
    stats
}

/// Depth-first search for subsets of a fixed size with a given sum, over
/// candidates sorted by size (largest first) so that prefix sums bound every
/// branch.
struct Search<'c> {
    candidates: &'c [Candidate],
    target: i128,
    /// `prefix[i]` = sum of the `i` largest sizes.
    prefix: Vec<i128>,
    limit: usize,
    steps: usize,
    out_of_steps: bool,
    chosen: Vec<usize>,
    /// (total days from the single line, ids) of the best subset so far.
    best: Option<(u64, Vec<usize>, Vec<usize>)>,
    solutions: usize,
}

impl<'c> Search<'c> {
    fn new(candidates: &'c mut [Candidate], target: i128, limit: usize) -> Search<'c> {
        candidates.sort_unstable_by(|a, b| {
            (b.size, a.days, a.day, a.id).cmp(&(a.size, b.days, b.day, b.id))
        });
        let mut prefix = Vec::with_capacity(candidates.len() + 1);
        prefix.push(0);
        for c in candidates.iter() {
            prefix.push(prefix[prefix.len() - 1] + c.size);
        }
        Search {
            candidates,
            target,
            prefix,
            limit,
            steps: 0,
            out_of_steps: false,
            chosen: Vec::new(),
            best: None,
            solutions: 0,
        }
    }

    /// Indexes of the best subset of exactly `k` candidates summing to the
    /// target, if one was found before the steps ran out.
    fn best_of_size(&mut self, k: usize) -> Option<Vec<usize>> {
        if self.out_of_steps {
            return None;
        }
        self.best = None;
        self.solutions = 0;
        self.descend(0, k, self.target, 0);
        self.best.take().map(|(_, _, chosen)| chosen)
    }

    fn descend(&mut self, start: usize, k: usize, remaining: i128, days: u64) {
        let n = self.candidates.len();
        // Even the k smallest are too much, or fewer than k are left.
        if start + k > n || self.sum(n - k, n) > remaining {
            return;
        }
        // Skip what alone exceeds the remainder (sizes descend).
        let first = start + self.candidates[start..].partition_point(|c| c.size > remaining);
        if k == 1 {
            if !self.step() {
                return;
            }
            let equal = self.candidates[first..].partition_point(|c| c.size == remaining);
            for i in first..first + equal {
                self.chosen.push(i);
                self.record(days + self.candidates[i].days);
                self.chosen.pop();
            }
            return;
        }
        for i in first..=n - k {
            if !self.step() {
                return;
            }
            // The k largest from here are too little, and later starts are smaller.
            if self.sum(i, i + k) < remaining {
                return;
            }
            self.chosen.push(i);
            let c = self.candidates[i];
            self.descend(i + 1, k - 1, remaining - c.size, days + c.days);
            self.chosen.pop();
            if self.out_of_steps {
                return;
            }
        }
    }

    /// Sum of the sizes of candidates `from..to`.
    fn sum(&self, from: usize, to: usize) -> i128 {
        self.prefix[to] - self.prefix[from]
    }

    /// Counts one step; false once the limit is reached.
    fn step(&mut self) -> bool {
        if self.steps >= self.limit {
            self.out_of_steps = true;
            return false;
        }
        self.steps += 1;
        true
    }

    fn record(&mut self, days: u64) {
        self.solutions += 1;
        let mut ids: Vec<usize> = self.chosen.iter().map(|&i| self.candidates[i].id).collect();
        ids.sort_unstable();
        let better = self
            .best
            .as_ref()
            .is_none_or(|(best_days, best_ids, _)| (days, &ids) < (*best_days, best_ids));
        if better {
            self.best = Some((days, ids, self.chosen.clone()));
        }
    }
}

/// Groups are less sure than one-to-one matches, more so with more lines,
/// dates further apart, or another subset that would also have summed.
fn group_confidence(size: usize, max_days: u64, ambiguous: bool) -> u8 {
    let penalty = 5 * (size.saturating_sub(2) as u64) + 2 * max_days.min(10);
    let confidence = 75u64
        .saturating_sub(penalty)
        .saturating_sub(if ambiguous { 15 } else { 0 });
    confidence.max(20) as u8
}
