//! Their rows as the engine's lines: in our sign, inside the period, with
//! their opening balance — stated on an opening row, else worked out from the
//! balance column.

use chrono::NaiveDate;

use super::StatementFile;
use crate::domain::Money;
use crate::reconcile::{Line, ReconcileError, SignConvention, TheirAmount};

/// The customer's side of a reconciliation, ready for `match_lines`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TheirSide {
    /// Ids are the statement's row numbers.
    pub lines: Vec<Line>,
    /// Before the period, in our sign: the stated or worked-out opening plus
    /// every line dated before `from`.
    pub opening: Money,
    /// Lines dated before the period (folded into the opening).
    pub before: usize,
    /// Lines dated after the period (left out).
    pub after: usize,
    /// Rows where the balance column stops following from the opening and
    /// the amounts (a wrong amount or balance on that row, or a line missing
    /// just before it).
    pub balance_breaks: Vec<u64>,
    /// The opening row's balance against the first line's balance less its
    /// amount (our sign).
    pub opening_check: Option<BalanceCheck>,
    /// The closing row's balance against the opening plus every line (our
    /// sign): a misread column shows here.
    pub closing_check: Option<BalanceCheck>,
}

/// A balance the statement states against the one its lines give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BalanceCheck {
    pub row: u64,
    pub stated: Money,
    pub computed: Money,
}

impl BalanceCheck {
    pub fn agrees(&self) -> bool {
        self.stated == self.computed
    }
}

/// What the balance column says, read one way round.
struct Reading {
    /// +1: the balance reads as our sign; −1: the other way round.
    sign: i128,
    opening: i128,
    breaks: Vec<u64>,
}

fn fit(fen: i128) -> Result<Money, ReconcileError> {
    i64::try_from(fen)
        .map(Money::from_fen)
        .map_err(|_| ReconcileError::TooLarge)
}

impl StatementFile {
    /// Their lines for `from..=to` in our sign. `our_opening` only settles a
    /// balance column too short to tell which way round it is written.
    pub fn their_side(
        &self,
        sign: SignConvention,
        from: NaiveDate,
        to: NaiveDate,
        our_opening: Money,
    ) -> Result<TheirSide, ReconcileError> {
        let amounts: Vec<Money> = self
            .rows
            .iter()
            .map(|r| sign.to_ours(r.raw))
            .collect::<Result<_, _>>()?;
        let stated = match self.opening.as_ref().and_then(|o| o.raw) {
            Some(raw) => Some(sign.to_ours(raw)?),
            None => None,
        };
        let reading = self.read_balances(&amounts, sign, our_opening);
        let derived = reading.as_ref().map(|r| r.opening);
        let opening_wide = stated.map(|m| i128::from(m.fen())).or(derived).unwrap_or(0);
        let total: i128 = amounts.iter().map(|m| i128::from(m.fen())).sum();
        let (opening_check, closing_check) = match &reading {
            Some(r) => self.checks(r, &amounts, opening_wide, total),
            None => (None, None),
        };
        let balance_breaks = reading.map(|r| r.breaks).unwrap_or_default();
        let mut opening = opening_wide;
        let (mut before, mut after) = (0, 0);
        let mut lines = Vec::with_capacity(self.rows.len());
        for (row, amount) in self.rows.iter().zip(amounts) {
            if row.date < from {
                opening += i128::from(amount.fen());
                before += 1;
            } else if row.date > to {
                after += 1;
            } else {
                lines.push(Line {
                    id: row.row as usize,
                    date: row.date,
                    doc: row.doc.clone(),
                    description: row.description.clone(),
                    amount,
                });
            }
        }
        Ok(TheirSide {
            lines,
            opening: fit(opening)?,
            before,
            after,
            balance_breaks,
            opening_check,
            closing_check,
        })
    }

    /// The opening and closing checks under the reading the balances chose.
    fn checks(
        &self,
        reading: &Reading,
        amounts: &[Money],
        opening: i128,
        total: i128,
    ) -> (Option<BalanceCheck>, Option<BalanceCheck>) {
        let check = |row: u64, stated: i128, computed: i128| {
            Some(BalanceCheck {
                row,
                stated: fit(stated).ok()?,
                computed: fit(computed).ok()?,
            })
        };
        let opening_check = self.opening.as_ref().and_then(|o| {
            let stated = i128::from(o.balance?.fen()) * reading.sign;
            let (first, amount) = self.rows.first().zip(amounts.first())?;
            let after_first = i128::from(first.balance?.fen()) * reading.sign;
            check(o.row, stated, after_first - i128::from(amount.fen()))
        });
        let closing_check = self.closing.as_ref().and_then(|c| {
            let stated = i128::from(c.balance?.fen()) * reading.sign;
            check(c.row, stated, opening + total)
        });
        (opening_check, closing_check)
    }

    /// How the balance column reads: which way round, the opening it
    /// implies, and the rows that disagree. A balance may be written either
    /// way round (a payable's credit balance is often shown positive), so
    /// both readings are tried and the one the most rows agree with wins; on
    /// a tie, the one nearer our opening. The closing row and balance rows
    /// between the lines count as rows here.
    fn read_balances(
        &self,
        amounts: &[Money],
        sign: SignConvention,
        our_opening: Money,
    ) -> Option<Reading> {
        // (row, running total of amounts up to it, balance as written)
        let mut points: Vec<(u64, i128, i128)> = Vec::new();
        if let Some(o) = &self.opening
            && let Some(b) = o.balance
        {
            points.push((o.row, 0, i128::from(b.fen())));
        }
        let mut running = 0i128;
        let mut checkpoints = self.checkpoints.iter().peekable();
        for (i, (row, amount)) in self.rows.iter().zip(amounts).enumerate() {
            while let Some((_, c)) = checkpoints.next_if(|(above, _)| *above <= i) {
                if let Some(b) = c.balance {
                    points.push((c.row, running, i128::from(b.fen())));
                }
            }
            running += i128::from(amount.fen());
            if let Some(b) = row.balance {
                points.push((row.row, running, i128::from(b.fen())));
            }
        }
        for (_, c) in checkpoints {
            if let Some(b) = c.balance {
                points.push((c.row, running, i128::from(b.fen())));
            }
        }
        if let Some(c) = &self.closing
            && let Some(b) = c.balance
        {
            points.push((c.row, running, i128::from(b.fen())));
        }
        let &(_, first_running, first_balance) = points.first()?;
        // A debit-positive balance reads in our sign as a signed amount would.
        let ours_sign = match sign.to_ours(TheirAmount::Signed(Money::from_fen(1))) {
            Ok(m) if m.is_negative() => -1,
            _ => 1,
        };
        let readings = [ours_sign, -ours_sign].map(|s| {
            let opening = s * first_balance - first_running;
            let agree = points
                .iter()
                .filter(|(_, run, bal)| s * bal == opening + run)
                .count();
            (s, opening, agree)
        });
        let nearer = |o: i128| (o - i128::from(our_opening.fen())).abs();
        let (s, opening, _) = readings.into_iter().max_by(|a, b| {
            a.2.cmp(&b.2)
                .then_with(|| nearer(b.1).cmp(&nearer(a.1)))
                .then_with(|| (b.0 != ours_sign).cmp(&(a.0 != ours_sign)))
        })?;
        // A wrong balance carries into every row after it: name only the rows
        // where the gap between written and computed balance changes.
        let mut gap = 0;
        let breaks = points
            .iter()
            .filter_map(|(row, run, bal)| {
                let here = s * bal - (opening + run);
                let changed = here != gap;
                gap = here;
                changed.then_some(*row)
            })
            .collect();
        Some(Reading {
            sign: s,
            opening,
            breaks,
        })
    }
}
