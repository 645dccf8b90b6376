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
    pub ours: Option<LineAt>,
    pub theirs: Option<LineAt>,
    /// A later row of a match with several lines on a side.
    pub continued: bool,
    /// Which block (match, pair or single line) it belongs to, in order.
    pub block: usize,
}

/// A line of a row: its id, and where the reconciliation holds it (rows
/// point into it rather than copy every line of both sides again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineAt {
    pub id: usize,
    at: Where,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
    /// The match, and the line's place on its side.
    Matched(u32, u32),
    AmountMismatch(u32),
    DateOutsideTolerance(u32),
    Only(u32),
}

impl LineAt {
    /// The line itself, in the reconciliation the rows were made from.
    pub fn line<'a>(&self, r: &'a Reconciliation, side: Side) -> Option<&'a Line> {
        let at = |i: u32| i as usize;
        match self.at {
            Where::Matched(m, k) => r.matched().get(at(m))?.side(side).get(at(k)),
            Where::AmountMismatch(p) => r.amount_mismatch().get(at(p)).map(|p| p.side(side)),
            Where::DateOutsideTolerance(p) => {
                r.date_outside_tolerance().get(at(p)).map(|p| p.side(side))
            }
            Where::Only(i) => match side {
                Side::Ours => r.only_ours().get(at(i)),
                Side::Theirs => r.only_theirs().get(at(i)),
            },
        }
    }
}

impl DisplayRow {
    pub fn line(&self, side: Side) -> Option<&LineAt> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

/// One match, pair or single line, before the rows are laid out.
struct Block {
    date: NaiveDate,
    first_id: (usize, usize),
    kind: RowKind,
    /// Where its lines are: (ours, theirs) per side.
    lines: Lines,
}

#[derive(Clone, Copy)]
enum Lines {
    Matched(u32),
    AmountMismatch(u32),
    DateOutsideTolerance(u32),
    OnlyOurs(u32),
    OnlyTheirs(u32),
}

impl Block {
    fn new(kind: RowKind, lines: Lines, ours: &[Line], theirs: &[Line]) -> Block {
        let date = ours
            .iter()
            .chain(theirs)
            .map(|l| l.date)
            .min()
            .unwrap_or_default();
        let first = |lines: &[Line]| lines.first().map_or(usize::MAX, |l| l.id);
        Block {
            date,
            first_id: (first(ours), first(theirs)),
            kind,
            lines,
        }
    }

    /// Its lines on one side, each with where it is.
    fn side(&self, r: &Reconciliation, side: Side) -> Vec<LineAt> {
        let one = |line: Option<&Line>, at: Where| -> Vec<LineAt> {
            line.map(|l| LineAt { id: l.id, at }).into_iter().collect()
        };
        match (self.lines, side) {
            (Lines::Matched(m), _) => r.matched()[m as usize]
                .side(side)
                .iter()
                .zip(0u32..)
                .map(|(l, k)| LineAt {
                    id: l.id,
                    at: Where::Matched(m, k),
                })
                .collect(),
            (Lines::AmountMismatch(p), _) => one(
                Some(r.amount_mismatch()[p as usize].side(side)),
                Where::AmountMismatch(p),
            ),
            (Lines::DateOutsideTolerance(p), _) => one(
                Some(r.date_outside_tolerance()[p as usize].side(side)),
                Where::DateOutsideTolerance(p),
            ),
            (Lines::OnlyOurs(i), Side::Ours) => one(r.only_ours().get(i as usize), Where::Only(i)),
            (Lines::OnlyTheirs(i), Side::Theirs) => {
                one(r.only_theirs().get(i as usize), Where::Only(i))
            }
            (Lines::OnlyOurs(_) | Lines::OnlyTheirs(_), _) => Vec::new(),
        }
    }

    /// How many rows it takes: its longer side, at least one.
    fn height(&self, r: &Reconciliation) -> usize {
        match self.lines {
            Lines::Matched(m) => {
                let m = &r.matched()[m as usize];
                m.ours.len().max(m.theirs.len()).max(1)
            }
            _ => 1,
        }
    }
}

/// Positions as the rows keep them (a session's lines are far fewer than 2³²).
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Every line of both sides in rows, in date order.
pub fn rows(r: &Reconciliation) -> Vec<DisplayRow> {
    let mut blocks: Vec<Block> = Vec::with_capacity(
        r.matched().len()
            + r.amount_mismatch().len()
            + r.date_outside_tolerance().len()
            + r.only_ours().len()
            + r.only_theirs().len(),
    );
    for (i, m) in r.matched().iter().enumerate() {
        let kind = if m.difference().fen() != 0 {
            RowKind::Forced
        } else {
            RowKind::Matched(m.rule)
        };
        blocks.push(Block::new(
            kind,
            Lines::Matched(index(i)),
            &m.ours,
            &m.theirs,
        ));
    }
    for (i, p) in r.amount_mismatch().iter().enumerate() {
        let (ours, theirs) = (
            std::slice::from_ref(&p.ours),
            std::slice::from_ref(&p.theirs),
        );
        let lines = Lines::AmountMismatch(index(i));
        blocks.push(Block::new(RowKind::AmountMismatch, lines, ours, theirs));
    }
    for (i, p) in r.date_outside_tolerance().iter().enumerate() {
        let (ours, theirs) = (
            std::slice::from_ref(&p.ours),
            std::slice::from_ref(&p.theirs),
        );
        let lines = Lines::DateOutsideTolerance(index(i));
        blocks.push(Block::new(
            RowKind::DateOutsideTolerance,
            lines,
            ours,
            theirs,
        ));
    }
    for (i, l) in r.only_ours().iter().enumerate() {
        let lines = Lines::OnlyOurs(index(i));
        blocks.push(Block::new(
            RowKind::OnlyOurs,
            lines,
            std::slice::from_ref(l),
            &[],
        ));
    }
    for (i, l) in r.only_theirs().iter().enumerate() {
        let lines = Lines::OnlyTheirs(index(i));
        blocks.push(Block::new(
            RowKind::OnlyTheirs,
            lines,
            &[],
            std::slice::from_ref(l),
        ));
    }
    blocks.sort_by_key(|b| (b.date, b.first_id));
    let mut out = Vec::with_capacity(blocks.iter().map(|b| b.height(r)).sum());
    for (index, b) in blocks.into_iter().enumerate() {
        let height = b.height(r);
        let mut ours = b.side(r, Side::Ours).into_iter();
        let mut theirs = b.side(r, Side::Theirs).into_iter();
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

    #[test]
    fn every_line_of_both_sides_is_in_one_row_and_found_where_the_row_says() {
        let ours: Vec<Line> = (1..=40)
            .map(|i| {
                line(
                    i,
                    (i % 28 + 1) as u32,
                    &format!("FP{}", i % 7),
                    (i as i64 % 9 + 1) * 100,
                )
            })
            .collect();
        let theirs: Vec<Line> = (100..150)
            .map(|i| {
                line(
                    i,
                    (i % 28 + 1) as u32,
                    &format!("FP{}", i % 5),
                    (i as i64 % 11 + 1) * 100,
                )
            })
            .collect();
        let r = match_lines(&ours, &theirs, &MatchOptions::default()).unwrap();
        assert!(!r.matched().is_empty() && !r.only_theirs().is_empty());
        let rows = rows(&r);
        for (side, all) in [(Side::Ours, &ours), (Side::Theirs, &theirs)] {
            let mut seen: Vec<&Line> = rows
                .iter()
                .filter_map(|row| {
                    let at = row.line(side)?;
                    let l = at.line(&r, side).expect("the row's line is there");
                    assert_eq!(l.id, at.id);
                    Some(l)
                })
                .collect();
            seen.sort_by_key(|l| l.id);
            let expected: Vec<&Line> = all.iter().collect();
            assert_eq!(seen, expected, "{side:?}");
        }
    }
}
