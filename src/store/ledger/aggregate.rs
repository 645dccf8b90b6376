//! A bulk load's `ledger_account` rows written from memory at commit: the
//! figures read on the customer's first entry, plus what the bulk added,
//! plus the open entries it holds (open_items.rs) — instead of summing each
//! touched customer's entries again (a scan of every entry it has).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::super::Result;
use super::open_items::OpenItems;
use crate::domain::date::iso;
use crate::domain::money::Money;

/// One customer's figures that are not in its open entries.
#[derive(Clone, Debug)]
pub(super) struct Aggregate {
    balance: i64,
    entries: i64,
    /// As stored before the bulk (ISO text).
    last_date: Option<String>,
    /// The latest date of an entry the bulk added.
    newest: Option<NaiveDate>,
}

impl Aggregate {
    /// The customer's row as it stands (kept current by every write
    /// transaction); an absent row is a customer with no entries.
    pub fn load(conn: &Connection, customer_id: i64) -> Result<Aggregate> {
        let found = conn
            .prepare_cached(
                "SELECT balance, entries, last_date FROM ledger_account WHERE customer_id = ?1",
            )?
            .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let (balance, entries, last_date) = found.unwrap_or((0, 0, None));
        Ok(Aggregate {
            balance,
            entries,
            last_date,
            newest: None,
        })
    }

    /// An entry of `amount` dated `date` went in. `false` when the balance
    /// would overflow (the row is then summed by SQL, which says so).
    pub fn add(&mut self, amount: Money, date: NaiveDate) -> bool {
        let Some(balance) = self.balance.checked_add(amount.fen()) else {
            return false;
        };
        self.balance = balance;
        self.entries += 1;
        self.newest = self.newest.max(Some(date));
        true
    }

    /// Writes the row `refresh_account` would compute from the entries;
    /// `false` (nothing written) when a sum of the open entries overflows.
    pub fn write(&self, conn: &Connection, customer_id: i64, open: &OpenItems) -> Result<bool> {
        let Some((open_debit, unapplied, oldest_due)) = open.figures() else {
            return Ok(false);
        };
        let last_date = match (self.last_date.clone(), self.newest.map(iso)) {
            (Some(old), Some(new)) => Some(old.max(new)),
            (old, new) => old.or(new),
        };
        conn.prepare_cached(
            "INSERT INTO ledger_account (customer_id, balance, open_debit, unapplied, oldest_due, last_date, entries)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (customer_id) DO UPDATE SET
                 balance = excluded.balance, open_debit = excluded.open_debit,
                 unapplied = excluded.unapplied, oldest_due = excluded.oldest_due,
                 last_date = excluded.last_date, entries = excluded.entries",
        )?
        .execute(params![
            customer_id,
            self.balance,
            open_debit,
            unapplied,
            oldest_due.map(iso),
            last_date,
            self.entries
        ])?;
        Ok(true)
    }
}
