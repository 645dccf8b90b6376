//! The pure engine: passes over two slices of lines that answer with positions
//! into them. Building the `Reconciliation` value from those is `build.rs`'s job.
//!
//! Every pass sorts the lines it looks at by a key and pairs within each run of
//! equal keys (`pairing.rs`), so the work is O(n log n) whatever the data; the
//! one-to-many pass is bounded by its step budget instead (`group.rs`).

use std::collections::HashMap;

use chrono::Datelike;

use super::doc_no::doc_key;
use super::group::{self, GroupSearch};
use super::line::Line;
use super::model::Rule;
use super::options::MatchOptions;
use super::pairing::{Pair, Slot, pair_nearest};

/// Marks a line without a usable document number.
pub(super) const NO_DOC: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// All four passes.
    Auto,
    /// Classify what is unmatched, matching nothing (after manual changes: a
    /// pair the bookkeeper has just taken apart must not come back on its own).
    ClassifyOnly,
}

/// A match found, as positions on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub ours: Vec<usize>,
    pub theirs: Vec<usize>,
    pub rule: Rule,
    pub confidence: u8,
}

#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub matches: Vec<Found>,
    pub amount_mismatch: Vec<Pair>,
    pub date_outside_tolerance: Vec<Pair>,
    pub only_ours: Vec<usize>,
    pub only_theirs: Vec<usize>,
    pub group_search: GroupSearch,
}

/// What the passes need of one side, precomputed once.
pub(super) struct SideView<'a> {
    pub lines: &'a [Line],
    pub day: Vec<i64>,
    pub doc: Vec<u32>,
    pub taken: Vec<bool>,
}

impl SideView<'_> {
    pub fn amount(&self, pos: usize) -> i64 {
        self.lines[pos].amount.fen()
    }

    pub fn slot(&self, pos: usize) -> Slot {
        Slot {
            day: self.day[pos],
            id: self.lines[pos].id,
            pos,
        }
    }
}

pub(super) struct Engine<'a> {
    /// `[ours, theirs]`.
    pub sides: [SideView<'a>; 2],
    pub opts: MatchOptions,
    doc_count: usize,
}

/// A pair and whether its bucket held more than one line on either side
/// (another line could have taken it: less sure).
type KeyedPair = (Pair, bool);

pub(super) fn run(ours: &[Line], theirs: &[Line], opts: &MatchOptions, mode: Mode) -> Outcome {
    let mut engine = Engine::new(ours, theirs, opts);
    let mut out = Outcome::default();
    if mode == Mode::Auto {
        engine.doc_and_amount(&mut out);
        engine.amount_and_date(&mut out, true);
        if opts.groups_enabled() {
            out.group_search = group::find_groups(&mut engine, &mut out.matches);
        }
    }
    engine.classify(&mut out, mode);
    out
}

impl<'a> Engine<'a> {
    fn new(ours: &'a [Line], theirs: &'a [Line], opts: &MatchOptions) -> Engine<'a> {
        let mut docs: HashMap<String, u32> = HashMap::new();
        let mut view = |lines: &'a [Line]| {
            let day = lines
                .iter()
                .map(|l| i64::from(l.date.num_days_from_ce()))
                .collect();
            let doc = lines
                .iter()
                .map(|l| match doc_key(&l.doc) {
                    None => NO_DOC,
                    Some(key) => {
                        let next = docs.len() as u32;
                        *docs.entry(key).or_insert(next)
                    }
                })
                .collect();
            SideView {
                lines,
                day,
                doc,
                taken: vec![false; lines.len()],
            }
        };
        let sides = [view(ours), view(theirs)];
        Engine {
            sides,
            opts: *opts,
            doc_count: docs.len(),
        }
    }

    fn take(&mut self, pair: &Pair) {
        self.sides[0].taken[pair.ours] = true;
        self.sides[1].taken[pair.theirs] = true;
    }

    fn tolerance(&self) -> u64 {
        u64::from(self.opts.tolerance_days)
    }

    /// Pass 1: same document number and same amount, whatever the dates
    /// (nearest first when a document appears more than once).
    fn doc_and_amount(&mut self, out: &mut Outcome) {
        let pairs = self.pair_by_key(None, |_, view, pos| {
            let doc = view.doc[pos];
            (doc != NO_DOC).then(|| (doc, view.amount(pos)))
        });
        for (pair, _) in pairs {
            self.take(&pair);
            let confidence = if pair.days <= self.tolerance() {
                100
            } else {
                90
            };
            out.matches
                .push(found(&pair, Rule::DocAndAmount, confidence));
        }
    }

    /// Pass 2: same amount, dates within the tolerance, nearest first. With
    /// `spare_claimed`, a line whose document number is still waiting on the
    /// other side is left for that document (an amount mismatch to show) rather
    /// than paired with a stranger of the same amount.
    fn amount_and_date(&mut self, out: &mut Outcome, spare_claimed: bool) {
        let claimed = spare_claimed.then(|| self.open_docs());
        let pairs = self.pair_by_key(Some(self.tolerance()), |side, view, pos| {
            let doc = view.doc[pos];
            let is_claimed = claimed
                .as_ref()
                .is_some_and(|open| doc != NO_DOC && open[1 - side][doc as usize]);
            (!is_claimed).then(|| view.amount(pos))
        });
        for (pair, contested) in pairs {
            self.take(&pair);
            out.matches.push(found(
                &pair,
                Rule::AmountAndDate,
                date_confidence(pair.days, contested),
            ));
        }
    }

    /// Pass 4: name what is left. Same document with another amount; then (auto
    /// only) same amount within tolerance once those documents are settled;
    /// then same amount further apart; the rest is on one side only.
    fn classify(&mut self, out: &mut Outcome, mode: Mode) {
        let pairs = self.pair_by_key(None, |_, view, pos| {
            let doc = view.doc[pos];
            (doc != NO_DOC).then_some(doc)
        });
        for (pair, _) in pairs {
            if self.sides[0].amount(pair.ours) != self.sides[1].amount(pair.theirs) {
                self.take(&pair);
                out.amount_mismatch.push(pair);
            }
        }
        if mode == Mode::Auto {
            self.amount_and_date(out, false);
        }
        let pairs = self.pair_by_key(None, |_, view, pos| Some(view.amount(pos)));
        for (pair, _) in pairs {
            if pair.days > self.tolerance() {
                self.take(&pair);
                out.date_outside_tolerance.push(pair);
            }
        }
        for (side, only) in [(0, &mut out.only_ours), (1, &mut out.only_theirs)] {
            let view = &self.sides[side];
            let mut left: Vec<Slot> = (0..view.lines.len())
                .filter(|&pos| !view.taken[pos])
                .map(|pos| view.slot(pos))
                .collect();
            left.sort_unstable();
            only.extend(left.iter().map(|s| s.pos));
        }
    }

    /// Per side, which document keys still have an untaken line.
    fn open_docs(&self) -> [Vec<bool>; 2] {
        self.sides.each_ref().map(|view| {
            let mut open = vec![false; self.doc_count];
            for (pos, &doc) in view.doc.iter().enumerate() {
                if doc != NO_DOC && !view.taken[pos] {
                    open[doc as usize] = true;
                }
            }
            open
        })
    }

    /// Sorts the untaken lines of both sides by `key` (lines without one stay
    /// out) and pairs within each run of equal keys, nearest dates first.
    fn pair_by_key<K: Ord + Copy>(
        &self,
        max_days: Option<u64>,
        key: impl Fn(usize, &SideView, usize) -> Option<K>,
    ) -> Vec<KeyedPair> {
        let mut entries: Vec<(K, u8, Slot)> = Vec::new();
        for (side, view) in self.sides.iter().enumerate() {
            for pos in (0..view.lines.len()).filter(|&p| !view.taken[p]) {
                if let Some(k) = key(side, view, pos) {
                    entries.push((k, side as u8, view.slot(pos)));
                }
            }
        }
        entries.sort_unstable();
        let (mut ours, mut theirs, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
        let mut result = Vec::new();
        for bucket in entries.chunk_by(|a, b| a.0 == b.0) {
            let split = bucket.partition_point(|e| e.1 == 0);
            if split == 0 || split == bucket.len() {
                continue;
            }
            ours.clear();
            theirs.clear();
            ours.extend(bucket[..split].iter().map(|e| e.2));
            theirs.extend(bucket[split..].iter().map(|e| e.2));
            pairs.clear();
            pair_nearest(&ours, &theirs, max_days, &mut pairs);
            let contested = ours.len() > 1 || theirs.len() > 1;
            result.extend(pairs.iter().map(|&p| (p, contested)));
        }
        result
    }
}

fn found(pair: &Pair, rule: Rule, confidence: u8) -> Found {
    Found {
        ours: vec![pair.ours],
        theirs: vec![pair.theirs],
        rule,
        confidence,
    }
}

/// Same amount on the same day is likely the same event; each day apart and
/// each competitor for the amount makes it less sure. A heuristic for sorting
/// and highlighting, not a probability.
fn date_confidence(days: u64, contested: bool) -> u8 {
    let by_date = 85u64.saturating_sub(days.min(7) * 5) as u8;
    if contested { by_date - 15 } else { by_date }
}
