//! Per-customer figures: what a write needs to know about the customer, the
//! `ledger_account` aggregate it refreshes, and balances for every customer.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::super::{Result, Store, StoreError};
use crate::domain::customer::Status;
use crate::domain::customer::code_key;
use crate::domain::date::from_iso;
use crate::domain::ledger::EntryRules;
use crate::domain::ledger::credit::Standing;
use crate::domain::money::Money;

/// A customer as the ledger writer sees it.
#[derive(Clone, Debug)]
pub(crate) struct Account {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub status: Status,
    /// `None`: not controlled.
    pub credit_limit: Option<Money>,
    pub payment_days: u16,
    /// Net balance, kept current by the writer within a transaction.
    pub balance: Money,
    pub confirmed_until: Option<NaiveDate>,
}

impl Account {
    /// "C000001 深圳市华强电子有限公司", for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.name)
    }

    pub fn rules(&self) -> EntryRules {
        EntryRules {
            payment_days: self.payment_days,
            confirmed_until: self.confirmed_until,
        }
    }
}

pub(crate) fn load_account(conn: &Connection, code: &str) -> Result<Option<Account>> {
    let found = conn
        .prepare_cached(
            "SELECT c.id, c.code, c.name, c.status, c.credit_limit, c.payment_days,
                    COALESCE(a.balance, 0), l.confirmed_until
             FROM customer c
             LEFT JOIN ledger_account a ON a.customer_id = c.id
             LEFT JOIN ledger_lock l ON l.customer_id = c.id
             WHERE c.code = ?1",
        )?
        .query_row([code_key(code).as_ref()], |row| {
            Ok(Account {
                id: row.get(0)?,
                code: row.get(1)?,
                name: row.get(2)?,
                status: Status::parse(&row.get::<_, String>(3)?).unwrap_or(Status::Active),
                credit_limit: row.get::<_, Option<i64>>(4)?.map(Money::from_fen),
                payment_days: row.get(5)?,
                balance: Money::from_fen(row.get(6)?),
                confirmed_until: row
                    .get::<_, Option<String>>(7)?
                    .as_deref()
                    .and_then(from_iso),
            })
        })
        .optional()?;
    Ok(found)
}

pub(crate) fn confirmed_until(conn: &Connection, customer_id: i64) -> Result<Option<NaiveDate>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT confirmed_until FROM ledger_lock WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?;
    Ok(text.as_deref().and_then(from_iso))
}

/// Recomputes the customer's aggregate row from its entries. Called in every
/// transaction that changes the customer's entries, so the row is never stale.
pub(crate) fn refresh_account(conn: &Connection, customer_id: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO ledger_account (customer_id, balance, open_debit, unapplied, oldest_due, last_date, entries)
         SELECT ?1, COALESCE(SUM(amount), 0),
                COALESCE(SUM(CASE WHEN outstanding > 0 THEN outstanding END), 0),
                COALESCE(SUM(CASE WHEN outstanding < 0 THEN outstanding END), 0),
                MIN(CASE WHEN outstanding > 0 THEN due_date END), MAX(entry_date), COUNT(*)
         FROM ledger_entry WHERE customer_id = ?1
         ON CONFLICT (customer_id) DO UPDATE SET
             balance = excluded.balance, open_debit = excluded.open_debit,
             unapplied = excluded.unapplied, oldest_due = excluded.oldest_due,
             last_date = excluded.last_date, entries = excluded.entries",
    )?
    .execute([customer_id])?;
    Ok(())
}

/// The customer's standing from its (refreshed) aggregate row.
pub(crate) fn standing(conn: &Connection, customer_id: i64) -> Result<Standing> {
    Ok(conn
        .prepare_cached(
            "SELECT c.credit_limit, COALESCE(a.balance, 0) FROM customer c
             LEFT JOIN ledger_account a ON a.customer_id = c.id WHERE c.id = ?1",
        )?
        .query_row([customer_id], |r| {
            Ok(Standing::new(
                r.get::<_, Option<i64>>(0)?.map(Money::from_fen),
                Money::from_fen(r.get(1)?),
            ))
        })?)
}

/// One customer's account: balance, credit used and available, what is open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Balance {
    #[serde(skip)]
    pub customer_id: i64,
    pub code: String,
    pub name: String,
    pub status: Status,
    #[serde(flatten)]
    pub standing: Standing,
    /// Owed on open debits (invoices not fully paid).
    pub open_debit: Money,
    /// Credit not yet allocated (≤ 0).
    pub unapplied: Money,
    /// Earliest due date of what is still owed.
    pub oldest_due: Option<NaiveDate>,
    pub entries: i64,
}

impl Balance {
    /// Something owed is past due as of `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.oldest_due.is_some_and(|due| due < as_of)
    }
}

pub(super) const BALANCE_SQL: &str = "SELECT c.id, c.code, c.name, c.status, c.credit_limit,
        COALESCE(a.balance, 0), COALESCE(a.open_debit, 0), COALESCE(a.unapplied, 0),
        a.oldest_due, COALESCE(a.entries, 0)
     FROM customer c LEFT JOIN ledger_account a ON a.customer_id = c.id";

pub(super) fn balance_from_row(row: &Row) -> rusqlite::Result<Balance> {
    Ok(Balance {
        customer_id: row.get(0)?,
        code: row.get(1)?,
        name: row.get(2)?,
        status: Status::parse(&row.get::<_, String>(3)?).unwrap_or(Status::Active),
        standing: Standing::new(
            row.get::<_, Option<i64>>(4)?.map(Money::from_fen),
            Money::from_fen(row.get(5)?),
        ),
        open_debit: Money::from_fen(row.get(6)?),
        unapplied: Money::from_fen(row.get(7)?),
        oldest_due: row
            .get::<_, Option<String>>(8)?
            .as_deref()
            .and_then(from_iso),
        entries: row.get(9)?,
    })
}

/// Every balance, read through the narrow `customer_balance` index (in code
/// order, with every customer column it needs), not the wide rows.
fn balances_sql() -> String {
    format!("{BALANCE_SQL} WHERE c.status <> 'archived' OR a.balance <> 0 ORDER BY c.code")
}

impl Store {
    /// Every customer's balance in one query over the aggregate table, by
    /// code: all live customers, and archived ones that still have a balance.
    pub fn balances(&self) -> Result<Vec<Balance>> {
        let mut stmt = self.conn.prepare_cached(&balances_sql())?;
        let rows = stmt.query_map([], balance_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every ledger account with entries: customer id, balance and the
    /// earliest due date of what is owed, from the narrow aggregate rows
    /// alone. For callers that already hold the customers (the list's
    /// loader): the wide `customer` rows are not read, which an encrypted
    /// database would decrypt page by page.
    pub fn account_balances(&self) -> Result<Vec<(i64, Money, Option<NaiveDate>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, balance, oldest_due FROM ledger_account WHERE entries > 0",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get(0)?,
                Money::from_fen(row.get(1)?),
                row.get::<_, Option<String>>(2)?
                    .as_deref()
                    .and_then(from_iso),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One customer's balance.
    pub fn balance(&self, customer_id: i64) -> Result<Balance> {
        let sql = format!("{BALANCE_SQL} WHERE c.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([customer_id], balance_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("#{customer_id}")))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The steps SQLite plans for `sql` on a new database.
    pub(in super::super) fn plan(sql: &str) -> Vec<String> {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        stmt.query_map([], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn every_balance_is_read_from_the_narrow_index_not_the_customer_rows() {
        let plan = plan(&balances_sql());
        assert!(
            plan.iter()
                .any(|s| s.contains("SCAN c USING COVERING INDEX customer_balance")),
            "{plan:?}"
        );
        assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "{plan:?}");
    }
}
