//! Small builders so each test reads like the two statements it compares.

use chrono::NaiveDate;
use kehu::domain::Money;
use kehu::reconcile::{Line, MatchOptions, Reconciliation, Side, match_lines};

/// A day of January 2026 (0 or negative days reach into December).
pub fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap() + chrono::TimeDelta::days(n)
}

pub fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

pub fn line(id: usize, on_day: i64, doc: &str, amount: &str) -> Line {
    Line {
        id,
        date: day(on_day),
        doc: doc.to_owned(),
        description: String::new(),
        amount: yuan(amount),
    }
}

/// Lines numbered in order from (day, doc, amount).
pub fn lines(rows: &[(i64, &str, &str)]) -> Vec<Line> {
    rows.iter()
        .enumerate()
        .map(|(id, &(d, doc, amount))| line(id, d, doc, amount))
        .collect()
}

pub fn run(ours: &[Line], theirs: &[Line]) -> Reconciliation {
    match_lines(ours, theirs, &MatchOptions::default()).unwrap()
}

pub fn ids(lines: &[Line]) -> Vec<usize> {
    lines.iter().map(|l| l.id).collect()
}

/// (our ids, their ids) of every match, for compact assertions.
pub fn matched_ids(r: &Reconciliation) -> Vec<(Vec<usize>, Vec<usize>)> {
    r.matched()
        .iter()
        .map(|m| (ids(&m.ours), ids(&m.theirs)))
        .collect()
}

/// Every line of each side sits in exactly one bucket.
pub fn assert_each_line_once(r: &Reconciliation, ours: usize, theirs: usize) {
    for (side, count) in [(Side::Ours, ours), (Side::Theirs, theirs)] {
        let mut seen: Vec<usize> = r.lines(side).map(|l| l.id).collect();
        seen.sort_unstable();
        let expected: Vec<usize> = (0..count).collect();
        assert_eq!(seen, expected, "{side:?} lines");
    }
}

/// our balance + Σ effect of the reconciling items = their balance.
pub fn assert_statement_adds_up(r: &Reconciliation) {
    let effects: i64 = r.reconciling_items().iter().map(|i| i.effect.fen()).sum();
    assert_eq!(
        r.our_balance().fen() + effects,
        r.their_balance().fen(),
        "reconciliation statement does not add up"
    );
}
