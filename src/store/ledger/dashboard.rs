//! The dashboard's figures as aggregates computed by the database: passes
//! over the narrow per-customer `ledger_account` rows for the balances and
//! the largest debtors, one over the open entries for aging and overdue, and
//! one over the accounts with their customers' limits for the over-limit
//! count and list. The wide `customer` rows (an encrypted file decrypts every
//! page read) are read once, for the limits, and for the customers listed.
//! No row per customer is kept in memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;
use serde::Serialize;

use super::super::{Result, Store};
use super::account::{BALANCE_SQL, Balance, balance_from_row};
use super::aging::{open_source, overflow};
use crate::domain::date::iso;
use crate::domain::ledger::aging::{Aged, AgingEdges, Bucket};
use crate::domain::money::Money;

/// The figures of the dashboard screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    /// Sum of the balances owed (customers in credit not netted off).
    pub receivable: Money,
    /// Credit not yet allocated, all customers (≤ 0).
    pub unapplied: Money,
    /// Sum of all balances.
    pub net: Money,
    pub overdue: Money,
    pub overdue_items: i64,
    pub overdue_customers: i64,
    pub customers_with_balance: i64,
    /// Over their credit limit, largest excess first: the first
    /// `OVER_LIMIT_LISTED` of them (a screen shows fewer; at a million
    /// customers there can be hundreds of thousands).
    pub over_limit: Vec<Balance>,
    /// The ten largest balances.
    pub top_debtors: Vec<Balance>,
    pub aging: Aged,
    /// How many customers are over their credit limit (all of them).
    pub over_limit_customers: i64,
}

/// The most over-limit customers a dashboard lists.
pub const OVER_LIMIT_LISTED: usize = 100;

/// The open amounts in aging buckets, unapplied credit, the overdue items
/// and the customers with any. Binds ?1..?5 = the bucket edges (?1 = as-of,
/// as `open_source` wants it).
fn aging_sql(current: bool) -> String {
    let o = "s.o";
    let due = "s.due_date";
    let sums = format!(
        "SUM(CASE WHEN {o} > 0 AND {due} >= ?1 THEN {o} ELSE 0 END) AS b0,
         SUM(CASE WHEN {o} > 0 AND {due} < ?1 AND {due} >= ?2 THEN {o} ELSE 0 END) AS b1,
         SUM(CASE WHEN {o} > 0 AND {due} < ?2 AND {due} >= ?3 THEN {o} ELSE 0 END) AS b2,
         SUM(CASE WHEN {o} > 0 AND {due} < ?3 AND {due} >= ?4 THEN {o} ELSE 0 END) AS b3,
         SUM(CASE WHEN {o} > 0 AND {due} < ?4 AND {due} >= ?5 THEN {o} ELSE 0 END) AS b4,
         SUM(CASE WHEN {o} > 0 AND {due} < ?5 THEN {o} ELSE 0 END) AS b5,
         SUM(CASE WHEN {o} < 0 THEN {o} ELSE 0 END) AS u,
         SUM({o} > 0 AND {due} < ?1) AS items"
    );
    let source = open_source(current);
    if current {
        // One pass over the open index; the overdue customers are counted
        // from their account rows (`AccountFigures`).
        format!("SELECT {sums}, NULL FROM ({source}) s WHERE {o} <> 0")
    } else {
        // Per customer first (the entries are read in customer order, so the
        // grouping needs no sort), then the customers with overdue items counted.
        format!(
            "SELECT SUM(b0), SUM(b1), SUM(b2), SUM(b3), SUM(b4), SUM(b5), SUM(u),
                    SUM(items), SUM(items > 0)
             FROM (SELECT {sums} FROM ({source}) s WHERE {o} <> 0 GROUP BY s.customer_id)"
        )
    }
}

/// Every customer over the limit: (id, excess, code). The customers are the
/// outer loop (CROSS JOIN keeps them there), so their limits and codes come
/// from the narrow `customer_balance` index, not the wide rows. A limit is
/// never negative, so a customer without entries is never over it; a NULL
/// limit (not controlled) never compares greater.
const OVER_LIMIT_SQL: &str = "SELECT c.id, a.balance - c.credit_limit, c.code
     FROM customer c CROSS JOIN ledger_account a ON a.customer_id = c.id
     WHERE a.balance > 0 AND a.balance > c.credit_limit";

/// The figures summed over the customers' account rows, fen and counts.
#[derive(Clone, Debug)]
struct AccountFigures {
    receivable: i64,
    net: i64,
    with_balance: i64,
    /// Those owing something due before the date (`oldest_due` is the
    /// earliest due date of what is owed now, so only as of today or later).
    overdue_customers: i64,
}

/// The aging half of the dashboard: one pass over the open entries.
/// Computed apart from the rest (`Store::dashboard_aging`) so a caller with
/// two connections runs the two halves at once.
#[derive(Clone, Debug)]
pub struct DashboardAging {
    /// Buckets, unapplied, overdue items, overdue customers (grouped as of
    /// an earlier date only), fen and counts.
    figures: [i64; 9],
    current: bool,
}

/// The rest of the dashboard: the account rows, the over-limit customers
/// and the largest debtors (`Store::dashboard_accounts`).
#[derive(Clone, Debug)]
pub struct DashboardAccounts {
    as_of: NaiveDate,
    accounts: AccountFigures,
    over_limit_customers: i64,
    over_limit: Vec<Balance>,
    top_debtors: Vec<Balance>,
}

impl Dashboard {
    /// The figures from the two halves, computed as of the same date.
    pub fn from_halves(part: DashboardAccounts, aging_part: DashboardAging) -> Result<Dashboard> {
        let DashboardAging { figures, current } = aging_part;
        let mut aging = Aged::default();
        for (bucket, fen) in Bucket::ALL.into_iter().zip(figures) {
            aging
                .add(bucket, Money::from_fen(fen))
                .ok_or_else(overflow)?;
        }
        aging
            .add_unapplied(Money::from_fen(figures[6]))
            .ok_or_else(overflow)?;
        let [.., overdue_items, grouped_overdue_customers] = figures;
        let accounts = part.accounts;
        let overdue_customers = if current {
            accounts.overdue_customers
        } else {
            grouped_overdue_customers
        };
        Ok(Dashboard {
            as_of: part.as_of,
            receivable: Money::from_fen(accounts.receivable),
            unapplied: aging.unapplied,
            net: Money::from_fen(accounts.net),
            overdue: aging.overdue(),
            overdue_items,
            overdue_customers,
            customers_with_balance: accounts.with_balance,
            over_limit: part.over_limit,
            top_debtors: part.top_debtors,
            aging,
            over_limit_customers: part.over_limit_customers,
        })
    }
}

impl Store {
    /// Total receivable, overdue, over-limit customers, top debtors, aging.
    pub fn dashboard(&self, as_of: NaiveDate) -> Result<Dashboard> {
        Dashboard::from_halves(
            self.dashboard_accounts(as_of)?,
            self.dashboard_aging(as_of)?,
        )
    }

    /// The dashboard's figures from the account rows: balances, over-limit
    /// customers, the largest debtors.
    pub fn dashboard_accounts(&self, as_of: NaiveDate) -> Result<DashboardAccounts> {
        let accounts = self.account_figures(as_of)?;
        let (over_limit_customers, over_limit) = self.over_limit()?;
        // The ten largest: those at least as large as the tenth balance,
        // found from the account rows alone, ordered with their codes.
        let top_debtors = self.listed(&format!(
            "{BALANCE_SQL} WHERE a.balance > 0 AND a.balance >= COALESCE(
                 (SELECT balance FROM ledger_account WHERE balance > 0
                  ORDER BY balance DESC LIMIT 1 OFFSET 9), 0)
             ORDER BY a.balance DESC, c.code LIMIT 10"
        ))?;
        Ok(DashboardAccounts {
            as_of,
            accounts,
            over_limit_customers,
            over_limit,
            top_debtors,
        })
    }

    /// The dashboard's aging buckets, unapplied credit and overdue items.
    pub fn dashboard_aging(&self, as_of: NaiveDate) -> Result<DashboardAging> {
        let edges = AgingEdges::new(as_of);
        let edge = |b: Bucket| edges.earliest_due(b).map(iso).unwrap_or_default();
        let params = [
            edge(Bucket::NotDue),
            edge(Bucket::Days1To30),
            edge(Bucket::Days31To60),
            edge(Bucket::Days61To90),
            edge(Bucket::Days91To180),
        ];
        let current = self.current_as_of(as_of)?;
        let sql = aging_sql(current);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        // Every SUM is NULL when nothing is open.
        let figures: [i64; 9] =
            stmt.query_row(rusqlite::params_from_iter(params.iter()), |row| {
                let mut figures = [0; 9];
                for (i, figure) in figures.iter_mut().enumerate() {
                    *figure = row.get::<_, Option<i64>>(i)?.unwrap_or(0);
                }
                Ok(figures)
            })?;
        Ok(DashboardAging { figures, current })
    }

    /// One pass over the account rows alone.
    fn account_figures(&self, as_of: NaiveDate) -> Result<AccountFigures> {
        let sql = "SELECT COALESCE(SUM(MAX(balance, 0)), 0), COALESCE(SUM(balance), 0),
                COUNT(*) FILTER (WHERE balance <> 0),
                COUNT(*) FILTER (WHERE oldest_due < ?1)
             FROM ledger_account";
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([iso(as_of)], |r| {
                Ok(AccountFigures {
                    receivable: r.get(0)?,
                    net: r.get(1)?,
                    with_balance: r.get(2)?,
                    overdue_customers: r.get(3)?,
                })
            })?)
    }

    /// How many customers are over their limit, and the
    /// `OVER_LIMIT_LISTED` largest excesses (ties by code): one pass over
    /// the account rows with their customers' limits, keeping the largest.
    fn over_limit(&self) -> Result<(i64, Vec<Balance>)> {
        let mut stmt = self.conn.prepare_cached(OVER_LIMIT_SQL)?;
        let mut rows = stmt.query([])?;
        let mut count = 0;
        // The kept ones; on top the one to drop first: the smallest excess,
        // then the largest code.
        let mut kept: BinaryHeap<(Reverse<i64>, String, i64)> = BinaryHeap::new();
        while let Some(row) = rows.next()? {
            count += 1;
            let excess: i64 = row.get(1)?;
            let beats = match kept.peek() {
                _ if kept.len() < OVER_LIMIT_LISTED => true,
                Some((Reverse(worst), code, _)) if excess == *worst => {
                    row.get_ref(2)?.as_str().is_ok_and(|c| c < code.as_str())
                }
                Some((Reverse(worst), ..)) => excess > *worst,
                None => true,
            };
            if beats {
                if kept.len() == OVER_LIMIT_LISTED {
                    kept.pop();
                }
                kept.push((Reverse(excess), row.get(2)?, row.get(0)?));
            }
        }
        let listed = kept
            .into_sorted_vec()
            .into_iter()
            .map(|(.., id)| self.balance(id))
            .collect::<Result<_>>()?;
        Ok((count, listed))
    }

    fn listed(&self, sql: &str) -> Result<Vec<Balance>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], balance_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_over_limit_pass_reads_limits_from_the_narrow_index() {
        assert_eq!(
            super::super::account::tests::plan(OVER_LIMIT_SQL),
            [
                "SCAN c USING COVERING INDEX customer_balance",
                "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)"
            ],
        );
    }
}
