//! The receivables ledger (应收账款): entries as typed, their validation, and
//! the stored entry. Amounts are signed integer fen: positive = the customer
//! owes more (debit, 借方), negative = less (credit, 贷方).

pub mod aging;
pub mod allocation;
pub mod credit;
mod field;
mod kind;
mod parse;

use chrono::NaiveDate;
use serde::Serialize;

pub use field::EntryField;
pub use kind::{Direction, EntryKind};
pub use parse::{parse_entry, with_rules};

use super::money::Money;

/// The most one entry may move, either way: 1,000,000,000,000.00. Far above
/// any real invoice, and low enough that sums over millions of entries stay
/// inside i64 fen (and SQLite's SUM never overflows).
pub const MAX_ENTRY: Money = Money::from_fen(100_000_000_000_000);

/// An entry as typed in a form, given on the command line or read from a
/// file: text, checked by [`parse_entry`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryInput {
    pub kind: String,
    pub date: String,
    pub doc_no: String,
    /// As typed: positive for invoices, receipts, credits and prepayments
    /// (the type gives the direction); signed for openings and adjustments.
    pub amount: String,
    /// Empty: the invoice date plus the customer's payment days.
    pub due_date: String,
    /// For an adjustment this is its required reason.
    pub memo: String,
}

/// What validation needs to know about the customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntryRules {
    pub payment_days: u16,
    /// Entries dated on or before this belong to a period a reconciliation
    /// confirmed: none may be added there.
    pub confirmed_until: Option<NaiveDate>,
}

/// A checked entry, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryData {
    #[serde(rename = "type")]
    pub kind: EntryKind,
    pub date: NaiveDate,
    pub doc_no: String,
    /// Signed: positive increases what the customer owes.
    pub amount: Money,
    /// Set for debits (what can fall overdue), `None` for credits.
    pub due_date: Option<NaiveDate>,
    pub memo: String,
}

impl EntryData {
    pub fn is_debit(&self) -> bool {
        self.amount > Money::ZERO
    }

    /// The debit column (借方) of a statement: the amount when it increases the balance.
    pub fn debit(&self) -> Money {
        self.amount.max(Money::ZERO)
    }

    /// The credit column (贷方): the amount, positive, when it decreases the balance.
    pub fn credit(&self) -> Money {
        Money::from_fen(-self.amount.fen().min(0))
    }
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    #[serde(skip)]
    pub customer_id: i64,
    #[serde(flatten)]
    pub data: EntryData,
    /// For a debit what is still owed; for a credit what is still unallocated (≤ 0).
    pub outstanding: Money,
    /// Recorded when an invoice was issued over the credit limit.
    pub override_reason: Option<String>,
    /// The entry this one reverses.
    pub reverses_id: Option<i64>,
    /// In a period a reconciliation confirmed: reverse it, never edit it.
    pub locked: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Entry {
    /// Days past due of what is still owed on this entry as of `as_of`;
    /// `None` when nothing is owed or it is not yet due.
    pub fn days_overdue(&self, as_of: NaiveDate) -> Option<i64> {
        let due = self.data.due_date?;
        let days = aging::days_overdue(due, as_of);
        (self.outstanding > Money::ZERO && days > 0).then_some(days)
    }
}

#[cfg(test)]
mod tests;
