//! Statement lines and the sign of the customer's side.
//!
//! Every amount in the engine is from OUR point of view: + raises what the
//! customer owes us (an invoice), − lowers it (a receipt, a credit note). The
//! customer keeps the same account as a payable, so their statement comes the
//! other way round: `SignConvention` turns it into our view once, on import.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ReconcileError;
use crate::domain::Money;

/// One line of either statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Its index on its side; manual operations and notes name lines by it.
    pub id: usize,
    pub date: NaiveDate,
    /// Document number as written (单据号 / 发票号 / 凭证号); may be blank.
    pub doc: String,
    pub description: String,
    /// Signed, from our point of view.
    pub amount: Money,
}

/// Which statement a line is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    /// The key stored in the database and shown in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    pub fn parse(key: &str) -> Option<Side> {
        [Side::Ours, Side::Theirs]
            .into_iter()
            .find(|s| s.key() == key.trim())
    }

    pub fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

/// An amount as the customer's statement gives it, before conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TheirAmount {
    /// Separate 借方 / 贷方 columns (either may be zero).
    DebitCredit { debit: Money, credit: Money },
    /// One signed column, debit positive (the accounting convention).
    Signed(Money),
}

/// How the customer's columns map onto our view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignConvention {
    /// Their books hold our receivable as a payable: their 贷方 (credit, an
    /// invoice received) raises what they owe us, their 借方 (debit, a payment)
    /// lowers it. The usual case.
    #[default]
    TheirCreditIsOurDebit,
    /// The statement is already in our terms (their debit is our debit), e.g. a
    /// statement we sent them that they filled in.
    Same,
}

impl SignConvention {
    pub const ALL: [SignConvention; 2] =
        [SignConvention::TheirCreditIsOurDebit, SignConvention::Same];

    /// The key stored in the database, saved mappings and JSON.
    pub fn key(self) -> &'static str {
        match self {
            SignConvention::TheirCreditIsOurDebit => "their_credit_is_our_debit",
            SignConvention::Same => "same",
        }
    }

    /// The key, or what people type for it on the command line.
    pub fn parse(text: &str) -> Option<SignConvention> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "their_credit_is_our_debit" | "flip" | "flipped" | "opposite" => {
                Some(SignConvention::TheirCreditIsOurDebit)
            }
            "same" | "as_ours" => Some(SignConvention::Same),
            _ => None,
        }
    }

    /// Their amount in our view. Errors only when the figure does not fit.
    pub fn to_ours(self, raw: TheirAmount) -> Result<Money, ReconcileError> {
        to_money(self.to_ours_wide(raw))
    }

    /// The inverse for a signed column: what the customer's statement would show
    /// for `ours` (used to build statements in tests and examples).
    pub fn to_their_signed(self, ours: Money) -> Result<Money, ReconcileError> {
        to_money(self.to_ours_wide(TheirAmount::Signed(ours)))
    }

    /// Wide arithmetic so a debit of i64::MIN or a huge credit − debit cannot overflow.
    fn to_ours_wide(self, raw: TheirAmount) -> i128 {
        let debit_positive = match raw {
            TheirAmount::DebitCredit { debit, credit } => {
                i128::from(debit.fen()) - i128::from(credit.fen())
            }
            TheirAmount::Signed(signed) => i128::from(signed.fen()),
        };
        match self {
            SignConvention::TheirCreditIsOurDebit => -debit_positive,
            SignConvention::Same => debit_positive,
        }
    }
}

fn to_money(fen: i128) -> Result<Money, ReconcileError> {
    i64::try_from(fen)
        .map(Money::from_fen)
        .map_err(|_| ReconcileError::TooLarge)
}

/// Picks the convention under which more of their amounts also appear among
/// ours: each line both sides share votes, so a few large differences cannot
/// outvote them. When the votes tie (say every invoice was paid in full, so
/// each amount is on our side both ways), the convention under which their
/// total is closer to ours wins, and the default on a full tie.
pub fn detect_sign_convention(ours: &[Line], theirs_raw: &[TheirAmount]) -> SignConvention {
    use SignConvention::{Same, TheirCreditIsOurDebit as Default};
    let our_amounts: std::collections::HashSet<i128> =
        ours.iter().map(|l| i128::from(l.amount.fen())).collect();
    let hits = |convention: SignConvention| {
        theirs_raw
            .iter()
            .filter(|&&r| our_amounts.contains(&convention.to_ours_wide(r)))
            .count()
    };
    let (hits_default, hits_same) = (hits(Default), hits(Same));
    if hits_default != hits_same {
        return if hits_default > hits_same {
            Default
        } else {
            Same
        };
    }
    let our_total: i128 = ours.iter().map(|l| i128::from(l.amount.fen())).sum();
    let their_total: i128 = theirs_raw.iter().map(|&r| Default.to_ours_wide(r)).sum();
    let distance_default = (our_total - their_total).abs();
    let distance_same = (our_total + their_total).abs();
    if distance_same < distance_default {
        Same
    } else {
        Default
    }
}
