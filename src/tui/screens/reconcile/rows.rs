//! The two statements laid side by side: one row per matched pair (a group
//! takes as many rows as its longer side), per mismatched pair, and per line
//! on one side only, in date order, each row knowing what kind it is.

use chrono::NaiveDate;

use crate::reconcile::{Line, Reconciliation, Rule, Side};

/// What a row shows, for its marker and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Matched(Rule),
    /// Matched by hand although the sides differ (a note explains it).
    Forced,
    OnlyOurs,
    OnlyTheirs,
    AmountMismatch,
    DateOutsideTolerance,
}

impl RowKind {
    pub fn is_matched(self) -> bool {
        matches!(self, RowKind::Matched(_) | RowKind::Forced)
    }

    /// The one-character marker between the two sides.
    pub fn marker(self, continued: bool) -> &'static str {
        match self {
            _ if continued => "+",
            RowKind::Matched(_) => "=",
            RowKind::Forced => "!",
            RowKind::OnlyOurs => "<",
            RowKind::OnlyTheirs => ">",
            RowKind::AmountMismatch => "#",
            RowKind::DateOutsideTolerance => "~",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayRow {
    pub kind: RowKind,
    pub ours: Option<Line>,
    pub theirs: Option<Line>,
    /// A later row of a match with several lines on a side.
    pub continued: bool,
    /// Which block (match, pair or single line) it belongs to, in order.
    pub block: usize,
}

impl DisplayRow {
    pub fn line(&self, side: Side) -> Option<&Line> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

struct Block {
    date: NaiveDate,
    first_id: (usize, usize),
    kind: RowKind,
    ours: Vec<Line>,
    theirs: Vec<Line>,
}

fn block(kind: RowKind, ours: Vec<Line>, theirs: Vec<Line>) -> Block {
    let date = ours
        .iter()
        .chain(&theirs)
        .map(|l| l.date)
        .min()
        .unwrap_or_default();
    let first = |lines: &[Line]| lines.first().map_or(usize::MAX, |l| l.id);
    Block {
        date,
        first_id: (first(&ours), first(&theirs)),
        kind,
        ours,
        theirs,
    }
}

/// Every line of both sides in rows, in date order.
pub fn rows(r: &Reconciliation) -> Vec<DisplayRow> {
    let mut blocks: Vec<Block> = Vec::new();
    for m in r.matched() {
        let kind = if m.difference().fen() != 0 {
            RowKind::Forced
        } else {
            RowKind::Matched(m.rule)
        };
        blocks.push(block(kind, m.ours.clone(), m.theirs.clone()));
    }
    for (kind, pairs) in [
        (RowKind::AmountMismatch, r.amount_mismatch()),
        (RowKind::DateOutsideTolerance, r.date_outside_tolerance()),
    ] {
        for p in pairs {
            blocks.push(block(kind, vec![p.ours.clone()], vec![p.theirs.clone()]));
        }
    }
    for l in r.only_ours() {
        blocks.push(block(RowKind::OnlyOurs, vec![l.clone()], Vec::new()));
    }
    for l in r.only_theirs() {
        blocks.push(block(RowKind::OnlyTheirs, Vec::new(), vec![l.clone()]));
    }
    blocks.sort_by_key(|b| (b.date, b.first_id));
    let mut out = Vec::new();
    for (index, b) in blocks.into_iter().enumerate() {
        let height = b.ours.len().max(b.theirs.len()).max(1);
        let mut ours = b.ours.into_iter();
        let mut theirs = b.theirs.into_iter();
        for i in 0..height {
            out.push(DisplayRow {
                kind: b.kind,
                ours: ours.next(),
                theirs: theirs.next(),
                continued: i > 0,
                block: index,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::reconcile::{MatchOptions, match_lines};

    fn line(id: usize, day: u32, doc: &str, fen: i64) -> Line {
        Line {
            id,
            date: NaiveDate::from_ymd_opt(2025, 10, day).unwrap(),
            doc: doc.into(),
            description: String::new(),
            amount: Money::from_fen(fen),
        }
    }

    #[test]
    fn a_group_takes_the_rows_of_its_longer_side_and_blocks_keep_date_order() {
        let ours = vec![
            line(1, 1, "FP1", 10_000),
            line(2, 10, "SK1", -30_000),
            line(3, 20, "FP2", 5_000),
        ];
        let theirs = vec![
            line(7, 11, "", -10_000),
            line(8, 11, "", -20_000),
            line(9, 2, "FP1", 10_000),
            line(10, 25, "", 700),
        ];
        let r = match_lines(&ours, &theirs, &MatchOptions::default()).unwrap();
        let rows = rows(&r);
        let shape: Vec<(&str, Option<usize>, Option<usize>)> = rows
            .iter()
            .map(|row| {
                (
                    row.kind.marker(row.continued),
                    row.ours.as_ref().map(|l| l.id),
                    row.theirs.as_ref().map(|l| l.id),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                ("=", Some(1), Some(9)),
                ("=", Some(2), Some(7)),
                ("+", None, Some(8)),
                ("<", Some(3), None),
                (">", None, Some(10)),
            ]
        );
        assert_eq!(rows[1].block, rows[2].block);
    }
}
