//! A year of ledger with 2% planted differences: the engine finds exactly
//! what was planted (the same data the benchmark runs at 100,000 lines).

use kehu::reconcile::synth::statement_pair;
use kehu::reconcile::{MatchOptions, Rule, match_lines};

use super::support::*;

#[test]
fn finds_every_planted_difference() {
    let pair = statement_pair(20_000, 20, 7);
    let planted = pair.planted;
    assert!(planted.missing > 50 && planted.split > 10, "{planted:?}");
    let r = match_lines(&pair.ours, &pair.theirs, &MatchOptions::default()).unwrap();
    assert_each_line_once(&r, pair.ours.len(), pair.theirs.len());
    assert_eq!(r.only_ours().len(), planted.missing);
    assert_eq!(r.only_theirs().len(), planted.extra);
    assert_eq!(r.amount_mismatch().len(), planted.changed_amount);
    assert_eq!(r.date_outside_tolerance().len(), planted.shifted_far);
    let groups = r.matched().iter().filter(|m| m.rule == Rule::Group).count();
    assert_eq!(groups, planted.split);
    assert!(!r.group_search().exhausted);
    assert_statement_adds_up(&r);
    // Missing lines, extra lines and changed amounts are the whole difference.
    let expected: i64 = r.only_theirs().iter().map(|l| l.amount.fen()).sum::<i64>()
        - r.only_ours().iter().map(|l| l.amount.fen()).sum::<i64>()
        + r.amount_mismatch()
            .iter()
            .map(|p| p.difference.fen())
            .sum::<i64>();
    assert_eq!(r.difference().fen(), expected);
    assert_ne!(expected, 0);
}

#[test]
fn the_same_arguments_give_the_same_statements() {
    let (a, b) = (statement_pair(500, 50, 3), statement_pair(500, 50, 3));
    assert_eq!(a.ours, b.ours);
    assert_eq!(a.theirs, b.theirs);
    assert_ne!(statement_pair(500, 50, 4).ours, a.ours);
}
