//! What the list shows of each customer's ledger, read for the whole list
//! in one query.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::customer::Status;
use crate::domain::money::Money;
use crate::store::{Balance, Result, Store};

/// What the list shows of a customer's ledger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LedgerFigures {
    pub balance: Money,
    pub oldest_due: Option<NaiveDate>,
}

impl From<&Balance> for LedgerFigures {
    fn from(b: &Balance) -> LedgerFigures {
        LedgerFigures {
            balance: b.standing.balance,
            oldest_due: b.oldest_due,
        }
    }
}

/// Every customer's balance and oldest due date, in one query over the
/// ledger's per-customer aggregate alone (customers without entries are left
/// out): the loader holds the customers already, so their wide rows are not
/// read a second time.
pub fn ledger_balances(store: &Store) -> Result<HashMap<i64, LedgerFigures>> {
    Ok(store
        .account_balances()?
        .into_iter()
        .map(|(id, balance, oldest_due)| {
            (
                id,
                LedgerFigures {
                    balance,
                    oldest_due,
                },
            )
        })
        .collect())
}

/// The figures the full list shows for a customer: an archived customer
/// whose balance is zero shows none (as `Store::balances` leaves it out).
pub(super) fn listed_figures(status: Status, figures: Option<LedgerFigures>) -> LedgerFigures {
    match figures {
        Some(f) if status != Status::Archived || f.balance != Money::ZERO => f,
        _ => LedgerFigures::default(),
    }
}
