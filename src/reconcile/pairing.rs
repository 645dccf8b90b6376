//! One-to-one pairing of the lines that share a key (same amount, same
//! document): nearest dates first, then as many pairs as the tolerance allows.
//!
//! Stage 1 is exactly what a greedy pass over every candidate pair would give
//! if the pairs were sorted by (days apart, our date, their date, our id,
//! their id), without ever listing the pairs: lines on one day pair in id
//! order, and once same-day pairs are gone each day holds one side only, so
//! the nearest remaining pair is always between neighbouring days of opposite
//! sides. A heap of neighbouring days yields pairs in that order: O(k log k).
//!
//! Nearest-first alone can strand lines: when their bookings lag ours by a day,
//! our line of day 7 takes their line of day 7 (really our day-6 line's), and
//! so on down the week until the last pair is too far apart. Stage 2 repairs
//! that (see `augment`), so a bucket always ends with the most pairs the
//! tolerance allows.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// A line waiting to be paired: its day number, its id (the tie-break) and its
/// position on its side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Slot {
    pub day: i64,
    pub id: usize,
    pub pos: usize,
}

/// Positions of the two lines and how many days apart they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pair {
    pub ours: usize,
    pub theirs: usize,
    pub days: u64,
}

const NONE: usize = usize::MAX;
/// Steps the chain search of stage 2 may take per line in the bucket, so it
/// stays linear in the bucket size.
const STEPS_PER_LINE: usize = 32;

/// Pairs `ours` with `theirs` (each sorted by day, then id), up to `max_days`
/// apart (`None`: any distance). Pairs are appended to `out`.
pub(super) fn pair_nearest(
    ours: &[Slot],
    theirs: &[Slot],
    max_days: Option<u64>,
    out: &mut Vec<Pair>,
) {
    if let ([o], [t]) = (ours, theirs) {
        // The common case: one line each side.
        let days = o.day.abs_diff(t.day);
        if max_days.is_none_or(|max| days <= max) {
            out.push(Pair {
                ours: o.pos,
                theirs: t.pos,
                days,
            });
        }
        return;
    }
    if ours.is_empty() || theirs.is_empty() {
        return;
    }
    let mut pairing = Pairing::new(ours, theirs);
    pairing.nearest_first(max_days);
    if let Some(max) = max_days {
        pairing.augment(max);
    }
    out.extend(pairing.pairs());
}

/// Indexes into `ours` and `theirs`; `NONE` while unpaired.
struct Pairing<'a> {
    ours: &'a [Slot],
    theirs: &'a [Slot],
    partner_of_ours: Vec<usize>,
    partner_of_theirs: Vec<usize>,
}

/// The lines of one side on one day: indexes `next..end` are still unpaired.
struct DayGroup {
    day: i64,
    theirs: bool,
    next: usize,
    end: usize,
}

impl DayGroup {
    fn left(&self) -> usize {
        self.end - self.next
    }
}

/// `[start, end)` of each run of equal days.
fn day_runs(slots: &[Slot]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = 0;
    for run in slots.chunk_by(|a, b| a.day == b.day) {
        runs.push((start, start + run.len()));
        start += run.len();
    }
    runs
}

impl<'a> Pairing<'a> {
    fn new(ours: &'a [Slot], theirs: &'a [Slot]) -> Pairing<'a> {
        Pairing {
            ours,
            theirs,
            partner_of_ours: vec![NONE; ours.len()],
            partner_of_theirs: vec![NONE; theirs.len()],
        }
    }

    /// The pairs made so far, as positions on each side.
    fn pairs(&self) -> impl Iterator<Item = Pair> + '_ {
        let (ours, theirs) = (self.ours, self.theirs);
        self.partner_of_ours
            .iter()
            .enumerate()
            .filter(|&(_, &t)| t != NONE)
            .map(move |(o, &t)| Pair {
                ours: ours[o].pos,
                theirs: theirs[t].pos,
                days: ours[o].day.abs_diff(theirs[t].day),
            })
    }

    fn pair(&mut self, o: usize, t: usize) {
        self.partner_of_ours[o] = t;
        self.partner_of_theirs[t] = o;
    }

    /// Pairs `k` lines of two day groups in id order.
    fn zip(&mut self, o: usize, t: usize, k: usize) {
        for i in 0..k {
            self.pair(o + i, t + i);
        }
    }

    fn nearest_first(&mut self, max_days: Option<u64>) {
        let within = |days: u64| max_days.is_none_or(|max| days <= max);
        // Same-day lines pair first (distance 0, id order); what is left of
        // each day belongs to one side only.
        let (o_runs, t_runs) = (day_runs(self.ours), day_runs(self.theirs));
        let mut groups: Vec<DayGroup> = Vec::with_capacity(o_runs.len() + t_runs.len());
        let (mut i, mut j) = (0, 0);
        while i < o_runs.len() || j < t_runs.len() {
            let o_day = o_runs.get(i).map(|r| self.ours[r.0].day);
            let t_day = t_runs.get(j).map(|r| self.theirs[r.0].day);
            match (o_day, t_day) {
                (Some(a), Some(b)) if a == b => {
                    let ((os, oe), (ts, te)) = (o_runs[i], t_runs[j]);
                    let k = (oe - os).min(te - ts);
                    self.zip(os, ts, k);
                    if oe - os > k {
                        groups.push(DayGroup {
                            day: a,
                            theirs: false,
                            next: os + k,
                            end: oe,
                        });
                    } else if te - ts > k {
                        groups.push(DayGroup {
                            day: b,
                            theirs: true,
                            next: ts + k,
                            end: te,
                        });
                    }
                    (i, j) = (i + 1, j + 1);
                }
                (Some(a), b) if b.is_none_or(|b| a < b) => {
                    let (start, end) = o_runs[i];
                    groups.push(DayGroup {
                        day: a,
                        theirs: false,
                        next: start,
                        end,
                    });
                    i += 1;
                }
                (_, Some(b)) => {
                    let (start, end) = t_runs[j];
                    groups.push(DayGroup {
                        day: b,
                        theirs: true,
                        next: start,
                        end,
                    });
                    j += 1;
                }
                (_, None) => break,
            }
        }

        // A doubly linked list over the days that still hold lines.
        let n = groups.len();
        let mut prev: Vec<usize> = (0..n).map(|i| i.checked_sub(1).unwrap_or(NONE)).collect();
        let mut next: Vec<usize> = (0..n)
            .map(|i| if i + 1 < n { i + 1 } else { NONE })
            .collect();
        let candidate = |groups: &[DayGroup], l: usize, r: usize| {
            if l == NONE || r == NONE || groups[l].theirs == groups[r].theirs {
                return None;
            }
            let days = groups[l].day.abs_diff(groups[r].day);
            let (our_day, their_day) = if groups[l].theirs {
                (groups[r].day, groups[l].day)
            } else {
                (groups[l].day, groups[r].day)
            };
            within(days).then_some(Reverse((days, our_day, their_day, l, r)))
        };
        let mut heap = BinaryHeap::new();
        for l in 0..n.saturating_sub(1) {
            heap.extend(candidate(&groups, l, l + 1));
        }
        while let Some(Reverse((_, _, _, l, r))) = heap.pop() {
            // Stale once either day emptied and left the list.
            if next[l] != r || groups[l].left() == 0 || groups[r].left() == 0 {
                continue;
            }
            let (o, t) = if groups[l].theirs { (r, l) } else { (l, r) };
            let k = groups[o].left().min(groups[t].left());
            self.zip(groups[o].next, groups[t].next, k);
            groups[o].next += k;
            groups[t].next += k;
            // Unlink the emptied days; their neighbours become adjacent.
            for g in [l, r] {
                if groups[g].left() == 0 {
                    let (p, q) = (prev[g], next[g]);
                    if p != NONE {
                        next[p] = q;
                    }
                    if q != NONE {
                        prev[q] = p;
                    }
                    (prev[g], next[g]) = (NONE, NONE);
                    if p != NONE {
                        heap.extend(candidate(&groups, p, next[p]));
                    }
                }
            }
        }
    }

    fn paired(&self) -> usize {
        self.partner_of_ours.iter().filter(|&&t| t != NONE).count()
    }

    /// Stage 2, when stage 1 left out pairs the tolerance allows: re-pair along
    /// shortest augmenting chains (breadth-first, nearest dates first) within a
    /// step budget linear in the bucket; should that not reach the most pairs
    /// possible, take the in-order pairing, which always does.
    fn augment(&mut self, max: u64) {
        let max = i64::try_from(max).unwrap_or(i64::MAX);
        let most = in_order(self.ours, self.theirs, max).len();
        let mut paired = self.paired();
        if paired == most {
            return;
        }
        let mut search = Augment {
            max,
            steps_left: STEPS_PER_LINE * (self.ours.len() + self.theirs.len()),
            reached_from: vec![NONE; self.theirs.len()],
            seen: vec![0; self.theirs.len()],
            round: 0,
            queue: VecDeque::new(),
        };
        for o in 0..self.ours.len() {
            if paired == most || search.steps_left == 0 {
                break;
            }
            if self.partner_of_ours[o] == NONE && search.chain_from(self, o) {
                paired += 1;
            }
        }
        if paired < most {
            self.partner_of_ours.fill(NONE);
            self.partner_of_theirs.fill(NONE);
            for (o, t) in in_order(self.ours, self.theirs, max) {
                self.pair(o, t);
            }
        }
    }
}

/// The most pairs within `max` days, in date order: each line of theirs takes
/// the earliest line of ours whose window still holds it. With windows of
/// equal width this earliest-deadline rule is optimal, in O(k).
fn in_order(ours: &[Slot], theirs: &[Slot], max: i64) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut o = 0;
    for (t, slot) in theirs.iter().enumerate() {
        while o < ours.len() && ours[o].day.saturating_add(max) < slot.day {
            o += 1;
        }
        if o < ours.len() && ours[o].day.saturating_sub(max) <= slot.day {
            pairs.push((o, t));
            o += 1;
        }
    }
    pairs
}

struct Augment {
    max: i64,
    steps_left: usize,
    /// For each line of theirs reached in this round, the line of ours that
    /// reached it: the chain to re-pair.
    reached_from: Vec<usize>,
    /// `round` marks the lines of theirs already reached from this free line.
    seen: Vec<u32>,
    round: u32,
    queue: VecDeque<usize>,
}

impl Augment {
    /// Looks for a chain from the free line `start` of ours to a free line of
    /// theirs; re-pairs along it when found.
    fn chain_from(&mut self, p: &mut Pairing, start: usize) -> bool {
        self.round += 1;
        self.queue.clear();
        self.queue.push_back(start);
        let theirs = p.theirs;
        while let Some(o) = self.queue.pop_front() {
            for t in outward(theirs.len(), p.ours[o].day, self.max, |t| theirs[t].day) {
                if self.steps_left == 0 {
                    return false;
                }
                self.steps_left -= 1;
                if self.seen[t] == self.round {
                    continue;
                }
                self.seen[t] = self.round;
                self.reached_from[t] = o;
                let holder = p.partner_of_theirs[t];
                if holder != NONE {
                    self.queue.push_back(holder);
                    continue;
                }
                // Found: walk back, each line of ours taking the one of theirs
                // that reached it and letting go of its old partner.
                let mut t = t;
                loop {
                    let o = self.reached_from[t];
                    let old = p.partner_of_ours[o];
                    p.pair(o, t);
                    if old == NONE {
                        return true;
                    }
                    t = old;
                }
            }
        }
        false
    }
}

/// Indexes of a day-sorted list within `max` days of `day`, nearest first (the
/// earlier on a tie), walking out both ways from where `day` would sit.
pub(super) fn outward<F: Fn(usize) -> i64>(
    len: usize,
    day: i64,
    max: i64,
    day_of: F,
) -> impl Iterator<Item = usize> {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if day_of(mid) < day {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let (mut below, mut above) = (lo, lo);
    std::iter::from_fn(move || {
        let down = below.checked_sub(1).filter(|&i| day - day_of(i) <= max);
        let up = Some(above).filter(|&i| i < len && day_of(i) - day <= max);
        let pick = match (down, up) {
            (Some(d), Some(u)) if day - day_of(d) <= day_of(u) - day => d,
            (Some(d), None) => d,
            (_, Some(u)) => u,
            (None, None) => return None,
        };
        if down == Some(pick) {
            below -= 1;
        } else {
            above += 1;
        }
        Some(pick)
    })
}

#[cfg(test)]
mod tests;
