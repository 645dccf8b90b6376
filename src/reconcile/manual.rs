//! What the bookkeeper does by hand: match lines, take a match apart, write a
//! note, re-run the automatic passes with another tolerance. Each operation
//! checks everything first and changes nothing when it refuses.

use std::collections::HashSet;

use super::build::{check_magnitude, place};
use super::error::ReconcileError;
use super::line::{Line, Side};
use super::matcher::Mode;
use super::model::{Match, Note, Reconciliation, Rule, State};
use super::options::MatchOptions;
use crate::domain::Money;

impl Reconciliation {
    /// Matches the selected lines (any number on either side, e.g. two of our
    /// lines that cancel out). Their sums must agree, unless a note says why
    /// they may not: then the match is forced and its difference is listed,
    /// explained by the note.
    pub fn match_by_hand(
        &mut self,
        ours: &[usize],
        theirs: &[usize],
        note: Option<&str>,
    ) -> Result<(), ReconcileError> {
        if ours.is_empty() && theirs.is_empty() {
            return Err(ReconcileError::NothingSelected);
        }
        let selected = [
            selection(ours, Side::Ours)?,
            selection(theirs, Side::Theirs)?,
        ];
        for (side, ids) in [Side::Ours, Side::Theirs].into_iter().zip(&selected) {
            let matched: HashSet<usize> = self
                .state
                .matched
                .iter()
                .flat_map(|m| m.side(side))
                .map(|l| l.id)
                .collect();
            let known: HashSet<usize> = self.lines(side).map(|l| l.id).collect();
            for &id in sorted(ids) {
                if matched.contains(&id) {
                    return Err(ReconcileError::AlreadyMatched { side, id });
                }
                if !known.contains(&id) {
                    return Err(ReconcileError::UnknownLine { side, id });
                }
            }
        }
        let picked_sum = |side: Side, ids: &HashSet<usize>| -> i64 {
            self.lines(side)
                .filter(|l| ids.contains(&l.id))
                .map(|l| l.amount.fen())
                .sum()
        };
        let (sum_ours, sum_theirs) = (
            picked_sum(Side::Ours, &selected[0]),
            picked_sum(Side::Theirs, &selected[1]),
        );
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if sum_ours != sum_theirs && note.is_none() {
            return Err(ReconcileError::SumsDiffer {
                ours: Money::from_fen(sum_ours),
                theirs: Money::from_fen(sum_theirs),
            });
        }
        let (pool_ours, pool_theirs) = drain_unmatched(&mut self.state);
        let (picked_ours, rest_ours) = split(pool_ours, &selected[0]);
        let (picked_theirs, rest_theirs) = split(pool_theirs, &selected[1]);
        self.state.matched.push(Match {
            ours: picked_ours,
            theirs: picked_theirs,
            rule: Rule::Manual,
            confidence: 100,
            note: note.map(str::to_owned),
        });
        place(&mut self.state, rest_ours, rest_theirs, Mode::ClassifyOnly);
        Ok(())
    }

    /// Takes apart the match holding this line; its lines become unmatched
    /// (and are classified again, never matched again on their own). Returns
    /// the match taken apart.
    pub fn unmatch(&mut self, side: Side, id: usize) -> Result<Match, ReconcileError> {
        let Some(index) = self
            .state
            .matched
            .iter()
            .position(|m| m.side(side).iter().any(|l| l.id == id))
        else {
            return Err(match self.line(side, id) {
                Some(_) => ReconcileError::NotMatched { side, id },
                None => ReconcileError::UnknownLine { side, id },
            });
        };
        let taken = self.state.matched.remove(index);
        let (mut ours, mut theirs) = drain_unmatched(&mut self.state);
        ours.extend(taken.ours.iter().cloned());
        theirs.extend(taken.theirs.iter().cloned());
        place(&mut self.state, ours, theirs, Mode::ClassifyOnly);
        Ok(taken)
    }

    /// Sets the note on a line, and so on the match or difference it is part
    /// of. A blank note removes it.
    pub fn set_note(&mut self, side: Side, id: usize, text: &str) -> Result<(), ReconcileError> {
        if self.line(side, id).is_none() {
            return Err(ReconcileError::UnknownLine { side, id });
        }
        let notes = &mut self.state.notes;
        notes.retain(|n| !(n.side == side && n.id == id));
        let text = text.trim();
        if !text.is_empty() {
            notes.push(Note {
                side,
                id,
                text: text.to_owned(),
            });
            notes.sort_unstable_by_key(|n| (n.side, n.id));
        }
        Ok(())
    }

    /// The note explaining a difference between the openings. Blank removes it.
    pub fn set_opening_note(&mut self, text: &str) {
        let text = text.trim();
        self.state.opening_note = (!text.is_empty()).then(|| text.to_owned());
    }

    /// Adds a line to one side after matching (an adjusting entry booked from
    /// a difference); it starts unmatched. Refused when its id is taken or
    /// the totals would no longer fit.
    pub fn add_line(&mut self, side: Side, line: Line) -> Result<(), ReconcileError> {
        if self.line(side, line.id).is_some() {
            return Err(ReconcileError::DuplicateId { side, id: line.id });
        }
        let lines = self.lines(Side::Ours).chain(self.lines(Side::Theirs));
        check_magnitude(
            lines.chain(std::iter::once(&line)),
            [self.state.our_opening, self.state.their_opening],
        )?;
        let (mut ours, mut theirs) = drain_unmatched(&mut self.state);
        match side {
            Side::Ours => ours.push(line),
            Side::Theirs => theirs.push(line),
        }
        place(&mut self.state, ours, theirs, Mode::ClassifyOnly);
        Ok(())
    }

    /// Runs the automatic passes again with `opts` over every line not matched
    /// by hand. Manual matches and all notes stay.
    pub fn rematch(&mut self, opts: &MatchOptions) -> Result<(), ReconcileError> {
        opts.check()?;
        let state = &mut self.state;
        let (manual, auto): (Vec<Match>, Vec<Match>) = std::mem::take(&mut state.matched)
            .into_iter()
            .partition(|m| m.rule == Rule::Manual);
        state.matched = manual;
        let (mut ours, mut theirs) = drain_unmatched(state);
        for m in auto {
            ours.extend(m.ours);
            theirs.extend(m.theirs);
        }
        state.options = *opts;
        place(state, ours, theirs, Mode::Auto);
        Ok(())
    }
}

/// The selected ids as a set; a repeated id is refused rather than ignored.
fn selection(ids: &[usize], side: Side) -> Result<HashSet<usize>, ReconcileError> {
    let mut set = HashSet::with_capacity(ids.len());
    for &id in ids {
        if !set.insert(id) {
            return Err(ReconcileError::DuplicateId { side, id });
        }
    }
    Ok(set)
}

/// In id order, so the first problem reported does not depend on hashing.
fn sorted(ids: &HashSet<usize>) -> Vec<&usize> {
    let mut v: Vec<&usize> = ids.iter().collect();
    v.sort_unstable();
    v
}

fn split(lines: Vec<Line>, ids: &HashSet<usize>) -> (Vec<Line>, Vec<Line>) {
    let (mut picked, rest): (Vec<Line>, Vec<Line>) =
        lines.into_iter().partition(|l| ids.contains(&l.id));
    picked.sort_unstable_by_key(|l| l.id);
    (picked, rest)
}

/// Takes every unmatched line out of its bucket (both lines of a pair).
fn drain_unmatched(state: &mut State) -> (Vec<Line>, Vec<Line>) {
    let mut ours = std::mem::take(&mut state.only_ours);
    let mut theirs = std::mem::take(&mut state.only_theirs);
    let pairs = std::mem::take(&mut state.amount_mismatch)
        .into_iter()
        .chain(std::mem::take(&mut state.date_outside_tolerance));
    for pair in pairs {
        ours.push(pair.ours);
        theirs.push(pair.theirs);
    }
    (ours, theirs)
}
