//! Deterministic statement pairs for benchmarks and large tests: our ledger of
//! invoices and receipts over a year, and the customer's statement of it with
//! a known share of planted differences.
//!
//! Planted lines get amounts no other line has, so what the engine should find
//! is known exactly; the ordinary lines use a few round amounts often, so
//! same-amount buckets are crowded as in real ledgers.

use chrono::{Days, NaiveDate};

use super::line::Line;
use crate::domain::Money;

/// How many differences of each kind were planted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Planted {
    /// Our lines missing from their statement.
    pub missing: usize,
    /// Their lines we do not have.
    pub extra: usize,
    /// Invoices they booked with another amount.
    pub changed_amount: usize,
    /// Receipts they booked 10–29 days later.
    pub shifted_far: usize,
    /// Receipts they booked in 2 or 3 parts.
    pub split: usize,
}

pub struct StatementPair {
    pub ours: Vec<Line>,
    /// Already in our sign.
    pub theirs: Vec<Line>,
    pub planted: Planted,
}

const ROUND_YUAN: [i64; 4] = [1_000, 2_000, 5_000, 10_000];
/// Planted amounts live above every ordinary amount (≤ 50,000.00), each its own.
const PLANTED_BASE: i64 = 6_000_000;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// `lines` of ours across 2026, with about `per_mille`‰ of them differing on
/// their side. The same arguments always give the same pair.
pub fn statement_pair(lines: usize, per_mille: u64, seed: u64) -> StatementPair {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let at = |day: u64| start.checked_add_days(Days::new(day)).unwrap_or(start);
    let mut pair = StatementPair {
        ours: Vec::with_capacity(lines),
        theirs: Vec::with_capacity(lines + lines / 50),
        planted: Planted::default(),
    };
    let span = lines.max(1) as u64;
    for i in 0..lines {
        let day = i as u64 * 365 / span;
        // Which difference to plant, if any: 0–2 missing, 3–4 changed amount,
        // 5–6 shifted far, 7 split, 8–9 an extra line of theirs.
        let kind = (rng.below(1000) < per_mille).then(|| rng.below(10));
        // Changed amounts need a document number (invoices); date shifts and
        // splits show on receipts, which only match by amount and date.
        let invoice = match kind {
            Some(3 | 4) => true,
            Some(5..=7) => false,
            _ => rng.below(100) < 60,
        };
        let ordinary = if rng.below(5) == 0 {
            ROUND_YUAN[rng.below(4) as usize] * 100
        } else {
            10_000 + rng.below(4_990_000) as i64
        };
        // An extra line of theirs leaves our line ordinary.
        let size = match kind {
            Some(0..=7) => PLANTED_BASE + i as i64,
            _ => ordinary,
        };
        let amount = if invoice { size } else { -size };
        let (doc, description) = if invoice {
            (format!("FP{:08}", i + 1), "销售发票")
        } else {
            (format!("SK{:08}", i + 1), "收款")
        };
        pair.ours.push(Line {
            id: i,
            date: at(day),
            doc,
            description: description.to_owned(),
            amount: Money::from_fen(amount),
        });

        let their_doc = if invoice {
            // The same invoice number, written their way.
            match rng.below(4) {
                0 => format!("FP-{}", i + 1),
                1 => format!("fp{:08}", i + 1),
                2 => format!("No.FP{:08}", i + 1),
                _ => format!("FP {:08}", i + 1),
            }
        } else {
            format!("记-{:06}", i + 1)
        };
        let their_description = if invoice { "采购发票" } else { "付款" };
        let push = |theirs: &mut Vec<Line>, day: u64, doc: String, fen: i64| {
            theirs.push(Line {
                id: theirs.len(),
                date: at(day),
                doc,
                description: their_description.to_owned(),
                amount: Money::from_fen(fen),
            });
        };
        match kind {
            Some(0..=2) => pair.planted.missing += 1,
            Some(3 | 4) => {
                pair.planted.changed_amount += 1;
                push(&mut pair.theirs, day, their_doc, amount + 7_000_000);
            }
            Some(5 | 6) => {
                pair.planted.shifted_far += 1;
                push(
                    &mut pair.theirs,
                    day + 10 + rng.below(20),
                    their_doc,
                    amount,
                );
            }
            Some(7) => {
                pair.planted.split += 1;
                let parts = 2 + rng.below(2) as i64;
                let mut left = size;
                for part in 1..parts {
                    let piece = 1 + rng.below((left / (parts - part + 1)) as u64) as i64;
                    left -= piece;
                    push(&mut pair.theirs, day, format!("{their_doc}-{part}"), -piece);
                }
                push(&mut pair.theirs, day, format!("{their_doc}-{parts}"), -left);
            }
            Some(_) => {
                pair.planted.extra += 1;
                push(&mut pair.theirs, day, their_doc, amount);
                push(
                    &mut pair.theirs,
                    day,
                    format!("记-X{i}"),
                    20_000_000 + i as i64,
                );
            }
            _ => {
                // Receipts reach them a day later now and then; invoices carry the number.
                let shift = if invoice { rng.below(5) } else { rng.below(2) };
                push(&mut pair.theirs, day + shift, their_doc, amount);
            }
        }
    }
    pair
}
