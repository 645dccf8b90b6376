//! One-to-one pairing of the lines that share a key (same amount, same
//! document), nearest dates first, in O(k log k) for a bucket of k lines.
//!
//! The result is exactly what a greedy pass over every candidate pair would
//! give if the pairs were sorted by (days apart, our date, their date, our id,
//! their id), without ever listing the pairs: lines on one day pair in id
//! order, and once same-day pairs are gone each day holds one side only, so the
//! nearest remaining pair is always between neighbouring days of opposite
//! sides. A heap of neighbouring days therefore yields pairs in that order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

/// Lines of one side on one day, in id order; `next` is the first not yet paired.
struct DayGroup<'a> {
    day: i64,
    theirs: bool,
    slots: &'a [Slot],
    next: usize,
}

fn day_group(slots: &[Slot], theirs: bool) -> DayGroup<'_> {
    DayGroup {
        day: slots[0].day,
        theirs,
        slots,
        next: 0,
    }
}

impl DayGroup<'_> {
    fn left(&self) -> usize {
        self.slots.len() - self.next
    }
}

/// Pairs `ours` with `theirs` (each sorted by day, then id), nearest first, up
/// to `max_days` apart (`None`: any distance). Pairs are appended to `out`.
pub(super) fn pair_nearest(
    ours: &[Slot],
    theirs: &[Slot],
    max_days: Option<u64>,
    out: &mut Vec<Pair>,
) {
    let within = |days: u64| max_days.is_none_or(|max| days <= max);
    match (ours, theirs) {
        ([], _) | (_, []) => return,
        ([o], [t]) => {
            // The common case: one line each side.
            let days = o.day.abs_diff(t.day);
            if within(days) {
                out.push(Pair {
                    ours: o.pos,
                    theirs: t.pos,
                    days,
                });
            }
            return;
        }
        _ => {}
    }

    // Same-day lines pair first (distance 0, id order); what is left of each day
    // belongs to one side only.
    let mut groups: Vec<DayGroup> = Vec::new();
    let o_days: Vec<&[Slot]> = ours.chunk_by(|a, b| a.day == b.day).collect();
    let t_days: Vec<&[Slot]> = theirs.chunk_by(|a, b| a.day == b.day).collect();
    let (mut i, mut j) = (0, 0);
    while i < o_days.len() || j < t_days.len() {
        let (o, t) = (o_days.get(i).copied(), t_days.get(j).copied());
        match (o, t) {
            (Some(o), Some(t)) if o[0].day == t[0].day => {
                let k = o.len().min(t.len());
                for (a, b) in o[..k].iter().zip(&t[..k]) {
                    out.push(Pair {
                        ours: a.pos,
                        theirs: b.pos,
                        days: 0,
                    });
                }
                if o.len() > k {
                    groups.push(day_group(&o[k..], false));
                } else if t.len() > k {
                    groups.push(day_group(&t[k..], true));
                }
                (i, j) = (i + 1, j + 1);
            }
            (Some(o), t) if t.is_none_or(|t| o[0].day < t[0].day) => {
                groups.push(day_group(o, false));
                i += 1;
            }
            (_, Some(t)) => {
                groups.push(day_group(t, true));
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
    let mut heap = BinaryHeap::new();
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
    for l in 0..n.saturating_sub(1) {
        heap.extend(candidate(&groups, l, l + 1));
    }

    while let Some(Reverse((days, _, _, l, r))) = heap.pop() {
        // Stale once either day emptied and left the list.
        if next[l] != r || groups[l].left() == 0 || groups[r].left() == 0 {
            continue;
        }
        let (o, t) = if groups[l].theirs { (r, l) } else { (l, r) };
        let k = groups[o].left().min(groups[t].left());
        for i in 0..k {
            out.push(Pair {
                ours: groups[o].slots[groups[o].next + i].pos,
                theirs: groups[t].slots[groups[t].next + i].pos,
                days,
            });
        }
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
                next[g] = NONE;
                prev[g] = NONE;
                if p != NONE {
                    heap.extend(candidate(&groups, p, next[p]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
