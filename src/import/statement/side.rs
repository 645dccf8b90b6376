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
        let (derived, balance_breaks) = self.opening_from_balances(&amounts, sign, our_opening);
        let mut opening = i128::from(stated.or(derived).unwrap_or_default().fen());
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
        })
    }

    /// The opening the balance column implies, and the rows that disagree.
    /// A balance may be written either way round (a payable's credit balance
    /// is often shown positive), so both readings are tried and the one the
    /// most rows agree with wins; on a tie, the one nearer our opening.
    fn opening_from_balances(
        &self,
        amounts: &[Money],
        sign: SignConvention,
        our_opening: Money,
    ) -> (Option<Money>, Vec<u64>) {
        // (row, running total of amounts up to it, balance as written)
        let mut points: Vec<(u64, i128, i128)> = Vec::new();
        if let Some(o) = &self.opening
            && let Some(b) = o.balance
        {
            points.push((o.row, 0, i128::from(b.fen())));
        }
        let mut running = 0i128;
        for (row, amount) in self.rows.iter().zip(amounts) {
            running += i128::from(amount.fen());
            if let Some(b) = row.balance {
                points.push((row.row, running, i128::from(b.fen())));
            }
        }
        let Some(&(_, first_running, first_balance)) = points.first() else {
            return (None, Vec::new());
        };
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
        let best = readings.into_iter().max_by(|a, b| {
            a.2.cmp(&b.2)
                .then_with(|| nearer(b.1).cmp(&nearer(a.1)))
                .then_with(|| (b.0 != ours_sign).cmp(&(a.0 != ours_sign)))
        });
        let Some((s, opening, _)) = best else {
            return (None, Vec::new());
        };
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
        (fit(opening).ok(), breaks)
    }
}
