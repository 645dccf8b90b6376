//! From lines to a `Reconciliation`: the checks every entry point makes, and
//! moving the lines into the buckets the engine chose.

use super::error::ReconcileError;
use super::line::{Line, Side};
use super::matcher::{self, Mode, Outcome};
use super::model::{LinePair, Match, Note, Reconciliation, State};
use super::options::MatchOptions;
use crate::domain::Money;

/// Matches our ledger lines against the customer's statement lines (already
/// in our sign, see `SignConvention`) with all four passes. Openings are zero;
/// set them with [`Reconciliation::with_openings`].
///
/// Refused: repeated ids on one side, options out of range, amounts so large
/// their totals would not fit.
pub fn match_lines(
    ours: &[Line],
    theirs: &[Line],
    opts: &MatchOptions,
) -> Result<Reconciliation, ReconcileError> {
    match_owned(ours.to_vec(), theirs.to_vec(), opts)
}

/// [`match_lines`] taking the lines: they move into the buckets instead of
/// being copied there (a side of 100,000 lines is held once, not twice).
pub fn match_owned(
    ours: Vec<Line>,
    theirs: Vec<Line>,
    opts: &MatchOptions,
) -> Result<Reconciliation, ReconcileError> {
    opts.check()?;
    check_ids(ours.iter(), Side::Ours)?;
    check_ids(theirs.iter(), Side::Theirs)?;
    check_magnitude(ours.iter().chain(&theirs), [Money::ZERO; 2])?;
    let outcome = matcher::run(&ours, &theirs, opts, Mode::Auto);
    let mut state = State {
        options: *opts,
        group_search: outcome.group_search,
        ..State::default()
    };
    assemble(ours, theirs, outcome, &mut state);
    Ok(Reconciliation { state })
}

impl Reconciliation {
    /// The same reconciliation with opening balances (期初余额) on each side.
    pub fn with_openings(mut self, ours: Money, theirs: Money) -> Result<Self, ReconcileError> {
        let lines = self.lines(Side::Ours).chain(self.lines(Side::Theirs));
        check_magnitude(lines, [ours, theirs])?;
        self.state.our_opening = ours;
        self.state.their_opening = theirs;
        Ok(self)
    }

    /// Puts a stored reconciliation back together exactly as it was saved
    /// (buckets included), with the same checks as a JSON value gets.
    pub fn from_parts(parts: Parts) -> Result<Reconciliation, ReconcileError> {
        let pair = |(ours, theirs): (Line, Line)| LinePair::new(ours, theirs);
        let mut state = State {
            our_opening: parts.our_opening,
            their_opening: parts.their_opening,
            matched: parts.matched,
            only_ours: parts.only_ours,
            only_theirs: parts.only_theirs,
            amount_mismatch: parts.amount_mismatch.into_iter().map(pair).collect(),
            date_outside_tolerance: parts.date_outside_tolerance.into_iter().map(pair).collect(),
            notes: parts.notes,
            opening_note: parts.opening_note,
            options: parts.options,
            group_search: Default::default(),
        };
        state.notes.sort_unstable_by_key(|n| (n.side, n.id));
        sort_buckets(&mut state);
        Reconciliation::from_state(state)
    }

    /// Checks a stored state and recomputes what derives from the lines.
    pub(super) fn from_state(state: State) -> Result<Reconciliation, ReconcileError> {
        state.options.check()?;
        let mut recon = Reconciliation { state };
        check_ids(recon.lines(Side::Ours), Side::Ours)?;
        check_ids(recon.lines(Side::Theirs), Side::Theirs)?;
        let openings = [recon.state.our_opening, recon.state.their_opening];
        check_magnitude(
            recon.lines(Side::Ours).chain(recon.lines(Side::Theirs)),
            openings,
        )?;
        for note in &recon.state.notes {
            if recon.line(note.side, note.id).is_none() {
                return Err(ReconcileError::UnknownLine {
                    side: note.side,
                    id: note.id,
                });
            }
        }
        let state = &mut recon.state;
        let pairs = state.amount_mismatch.iter_mut();
        pairs
            .chain(&mut state.date_outside_tolerance)
            .for_each(LinePair::refresh);
        Ok(recon)
    }
}

/// A reconciliation taken apart for storage: every bucket as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub our_opening: Money,
    pub their_opening: Money,
    pub matched: Vec<Match>,
    pub only_ours: Vec<Line>,
    pub only_theirs: Vec<Line>,
    /// (ours, theirs): the same document with different amounts.
    pub amount_mismatch: Vec<(Line, Line)>,
    /// (ours, theirs): the same amount, dates beyond the tolerance.
    pub date_outside_tolerance: Vec<(Line, Line)>,
    pub notes: Vec<Note>,
    pub opening_note: Option<String>,
    pub options: MatchOptions,
}

/// Runs the engine over lines outside `state`'s kept matches and moves them
/// into its buckets.
pub(super) fn place(state: &mut State, ours: Vec<Line>, theirs: Vec<Line>, mode: Mode) {
    let outcome = matcher::run(&ours, &theirs, &state.options, mode);
    if mode == Mode::Auto {
        state.group_search = outcome.group_search;
    }
    assemble(ours, theirs, outcome, state);
}

fn check_ids<'a>(lines: impl Iterator<Item = &'a Line>, side: Side) -> Result<(), ReconcileError> {
    let mut ids: Vec<usize> = lines.map(|l| l.id).collect();
    ids.sort_unstable();
    match ids.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(ReconcileError::DuplicateId { side, id: w[0] }),
        None => Ok(()),
    }
}

/// Every balance, difference and partial sum is bounded by the sum of the
/// absolute amounts and openings: if that fits an i64, none can overflow.
pub(super) fn check_magnitude<'a>(
    lines: impl Iterator<Item = &'a Line>,
    openings: [Money; 2],
) -> Result<(), ReconcileError> {
    let total: i128 = lines
        .map(|l| l.amount)
        .chain(openings)
        .map(|m| i128::from(m.fen()).abs())
        .sum();
    if total > i128::from(i64::MAX) {
        return Err(ReconcileError::TooLarge);
    }
    Ok(())
}

/// Moves each line into the bucket the engine chose and sorts the buckets:
/// matches by their earliest date, the rest by date then id.
fn assemble(ours: Vec<Line>, theirs: Vec<Line>, outcome: Outcome, state: &mut State) {
    let mut ours: Vec<Option<Line>> = ours.into_iter().map(Some).collect();
    let mut theirs: Vec<Option<Line>> = theirs.into_iter().map(Some).collect();
    // Positions come from the engine, each once; `flat_map` only guards that.
    // Exact capacity: collected from `flat_map` a match's one line got room
    // for four, and a session holds a hundred thousand of them.
    let take = |lines: &mut Vec<Option<Line>>, positions: &[usize]| -> Vec<Line> {
        let mut taken: Vec<Line> = Vec::with_capacity(positions.len());
        taken.extend(
            positions
                .iter()
                .flat_map(|&p| lines.get_mut(p).and_then(Option::take)),
        );
        taken.sort_unstable_by_key(|l| l.id);
        taken
    };
    state.matched.reserve_exact(outcome.matches.len());
    for found in &outcome.matches {
        state.matched.push(super::model::Match {
            ours: take(&mut ours, &found.ours),
            theirs: take(&mut theirs, &found.theirs),
            rule: found.rule,
            confidence: found.confidence,
            note: None,
        });
    }
    for (pairs, bucket) in [
        (&outcome.amount_mismatch, &mut state.amount_mismatch),
        (
            &outcome.date_outside_tolerance,
            &mut state.date_outside_tolerance,
        ),
    ] {
        for pair in pairs {
            let o = ours.get_mut(pair.ours).and_then(Option::take);
            let t = theirs.get_mut(pair.theirs).and_then(Option::take);
            if let (Some(o), Some(t)) = (o, t) {
                bucket.push(LinePair::new(o, t));
            }
        }
    }
    state.only_ours.extend(take(&mut ours, &outcome.only_ours));
    state
        .only_theirs
        .extend(take(&mut theirs, &outcome.only_theirs));
    sort_buckets(state);
}

pub(super) fn sort_buckets(state: &mut State) {
    state.matched.sort_by_cached_key(|m| {
        let first = m.ours.iter().chain(&m.theirs).map(|l| l.date).min();
        let id = |lines: &[Line]| lines.first().map_or(usize::MAX, |l| l.id);
        (first, id(&m.ours), id(&m.theirs))
    });
    for lines in [&mut state.only_ours, &mut state.only_theirs] {
        lines.sort_unstable_by_key(|l| (l.date, l.id));
    }
    for pairs in [
        &mut state.amount_mismatch,
        &mut state.date_outside_tolerance,
    ] {
        pairs.sort_unstable_by_key(|p| (p.ours.date, p.ours.id));
    }
}
