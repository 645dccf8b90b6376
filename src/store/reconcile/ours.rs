//! Our side of a reconciliation: the customer's ledger entries in the period
//! as the engine's lines, with the opening balance before it.

use chrono::NaiveDate;
use serde::Serialize;

use super::super::{Result, Store};
use super::EntryKinds;
use crate::domain::money::Money;
use crate::reconcile::Line;

/// The customer's ledger in the period, from the statement machinery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OurSide {
    pub customer_id: i64,
    pub code: String,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Balance before `from`.
    pub opening: Money,
    /// One per entry; a line's id is its entry's id.
    pub lines: Vec<Line>,
    #[serde(skip)]
    pub kinds: EntryKinds,
}

impl Store {
    /// The customer's entries dated `from..=to` as lines (signed, + = owed
    /// more) and the balance before `from`. Refuses a reversed period.
    pub fn reconcile_ours(
        &self,
        customer_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<OurSide> {
        let statement = self.statement(customer_id, from, to)?;
        let mut kinds = EntryKinds::new();
        // The statement's texts move into the lines: one copy, not two.
        let lines = statement
            .lines
            .into_iter()
            .map(|l| {
                let id = l.entry_id as usize;
                kinds.insert(id, l.kind);
                Line {
                    id,
                    date: l.date,
                    doc: l.doc_no,
                    description: l.memo,
                    // The debit and credit columns come from one signed amount.
                    amount: Money::from_fen(l.debit.fen() - l.credit.fen()),
                }
            })
            .collect();
        Ok(OurSide {
            customer_id,
            code: statement.code,
            name: statement.name,
            from,
            to,
            opening: statement.opening,
            lines,
            kinds,
        })
    }
}
