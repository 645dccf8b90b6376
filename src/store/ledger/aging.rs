//! Aging and overdue items, as of any date.
//!
//! As of a date on or after every entry, what is open is the `outstanding`
//! kept in each row: one pass over the small partial index of open entries.
//! As of an earlier date, outstanding is rebuilt from the entries and the
//! allocations effective by then (slower; for looking back).

use chrono::NaiveDate;
use serde::Serialize;

use super::super::{Result, Store, StoreError};
use super::read::{date_at, kind_at};
use crate::domain::date::iso;
use crate::domain::ledger::EntryKind;
use crate::domain::ledger::aging::{Aged, AgingEdges, Bucket, days_overdue};
use crate::domain::money::Money;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgingRow {
    #[serde(skip)]
    pub customer_id: i64,
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub aged: Aged,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgingReport {
    pub as_of: NaiveDate,
    /// Customers with anything open, by code.
    pub rows: Vec<AgingRow>,
    pub totals: Aged,
}

/// One debit past due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueItem {
    pub entry_id: i64,
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntryKind,
    pub doc_no: String,
    pub date: NaiveDate,
    pub due_date: NaiveDate,
    pub days_overdue: i64,
    pub bucket: Bucket,
    pub amount: Money,
    pub outstanding: Money,
}

/// Receivable of the customers with one classification value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassTotal {
    /// `None`: customers without a value in this dimension.
    pub value: Option<String>,
    pub balance: Money,
    pub customers: i64,
}

/// What is open per entry as of the edges' date, with its due date: columns
/// (id, customer_id, kind, entry_date, doc_no, amount, due_date, o). Binds ?1 = as-of.
pub(super) fn open_source(current: bool) -> &'static str {
    if current {
        "SELECT e.id, e.customer_id, e.kind, e.entry_date, e.doc_no, e.amount, e.due_date, e.outstanding AS o
         FROM ledger_entry e WHERE e.outstanding <> 0"
    } else {
        "SELECT e.id, e.customer_id, e.kind, e.entry_date, e.doc_no, e.amount, e.due_date,
            CASE WHEN e.amount > 0
              THEN e.amount - COALESCE((SELECT SUM(a.amount) FROM ledger_allocation a
                                        WHERE a.debit_id = e.id AND a.effective_date <= ?1), 0)
              ELSE e.amount + COALESCE((SELECT SUM(a.amount) FROM ledger_allocation a
                                        WHERE a.credit_id = e.id AND a.effective_date <= ?1), 0)
            END AS o
         FROM ledger_entry e WHERE e.entry_date <= ?1"
    }
}

pub(super) fn overflow() -> StoreError {
    StoreError::Refused("aging totals overflow".into())
}

impl Store {
    /// Whether stored outstanding amounts hold as of `as_of`: no entry (and
    /// so no allocation) is dated after it.
    pub(super) fn current_as_of(&self, as_of: NaiveDate) -> Result<bool> {
        let last: Option<String> =
            self.conn
                .query_row("SELECT MAX(last_date) FROM ledger_account", [], |r| {
                    r.get(0)
                })?;
        Ok(last.is_none_or(|last| last.as_str() <= iso(as_of).as_str()))
    }

    /// Outstanding per customer in aging buckets as of `as_of`, and totals.
    pub fn aging(&self, as_of: NaiveDate) -> Result<AgingReport> {
        self.aging_where(as_of, None)
    }

    /// One customer's open amounts by age as of `as_of` (all zero when
    /// nothing is open), without aging every other customer.
    pub fn customer_aging(&self, customer_id: i64, as_of: NaiveDate) -> Result<Aged> {
        let report = self.aging_where(as_of, Some(customer_id))?;
        Ok(report
            .rows
            .into_iter()
            .next()
            .map(|r| r.aged)
            .unwrap_or_default())
    }

    fn aging_where(&self, as_of: NaiveDate, customer_id: Option<i64>) -> Result<AgingReport> {
        let edges = AgingEdges::new(as_of);
        let edge = |b: Bucket| edges.earliest_due(b).map(iso).unwrap_or_default();
        let o = "s.o";
        let due = "s.due_date";
        let sql = format!(
            "SELECT s.customer_id, c.code, c.name,
               SUM(CASE WHEN {o} > 0 AND {due} >= ?1 THEN {o} ELSE 0 END),
               SUM(CASE WHEN {o} > 0 AND {due} < ?1 AND {due} >= ?2 THEN {o} ELSE 0 END),
               SUM(CASE WHEN {o} > 0 AND {due} < ?2 AND {due} >= ?3 THEN {o} ELSE 0 END),
               SUM(CASE WHEN {o} > 0 AND {due} < ?3 AND {due} >= ?4 THEN {o} ELSE 0 END),
               SUM(CASE WHEN {o} > 0 AND {due} < ?4 AND {due} >= ?5 THEN {o} ELSE 0 END),
               SUM(CASE WHEN {o} > 0 AND {due} < ?5 THEN {o} ELSE 0 END),
               SUM(CASE WHEN {o} < 0 THEN {o} ELSE 0 END)
             FROM ({source}) s JOIN customer c ON c.id = s.customer_id
             WHERE {o} <> 0{only} GROUP BY s.customer_id ORDER BY c.code",
            source = open_source(self.current_as_of(as_of)?),
            // An integer from our own rows, not user text.
            only = customer_id
                .map(|id| format!(" AND s.customer_id = {id}"))
                .unwrap_or_default(),
        );
        let params = [
            edge(Bucket::NotDue),
            edge(Bucket::Days1To30),
            edge(Bucket::Days31To60),
            edge(Bucket::Days61To90),
            edge(Bucket::Days91To180),
        ];
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut report = AgingReport {
            as_of,
            rows: Vec::new(),
            totals: Aged::default(),
        };
        while let Some(row) = rows.next()? {
            let mut aged = Aged::default();
            for (i, bucket) in Bucket::ALL.into_iter().enumerate() {
                aged.add(bucket, Money::from_fen(row.get(3 + i)?))
                    .ok_or_else(overflow)?;
            }
            aged.add_unapplied(Money::from_fen(row.get(9)?))
                .ok_or_else(overflow)?;
            report.totals.merge(&aged).ok_or_else(overflow)?;
            report.rows.push(AgingRow {
                customer_id: row.get(0)?,
                code: row.get(1)?,
                name: row.get(2)?,
                aged,
            });
        }
        Ok(report)
    }

    /// Every debit with something still owed past its due date as of
    /// `as_of`, longest overdue first.
    pub fn overdue(&self, as_of: NaiveDate) -> Result<Vec<OverdueItem>> {
        let sql = format!(
            "SELECT s.id, c.code, c.name, s.kind, s.entry_date, s.doc_no, s.amount, s.due_date, s.o
             FROM ({source}) s JOIN customer c ON c.id = s.customer_id
             WHERE s.o <> 0 AND s.o > 0 AND s.due_date < ?1
             ORDER BY s.due_date, c.code, s.id",
            source = open_source(self.current_as_of(as_of)?)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([iso(as_of)], |row| {
            let due = date_at(row, 7)?;
            let days = days_overdue(due, as_of);
            Ok(OverdueItem {
                entry_id: row.get(0)?,
                code: row.get(1)?,
                name: row.get(2)?,
                kind: kind_at(row, 3)?,
                date: date_at(row, 4)?,
                doc_no: row.get(5)?,
                amount: Money::from_fen(row.get(6)?),
                due_date: due,
                days_overdue: days,
                bucket: Bucket::for_days_overdue(days),
                outstanding: Money::from_fen(row.get(8)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Balances by the values of one classification dimension (`industry`,
    /// `region`, …), largest first (ties by value, those without one first).
    /// Summed per value over its customers in the class index (in value
    /// order, so no sort); those without a value are what is left of the
    /// total over all accounts.
    pub fn receivable_by_class(&self, dimension: &str) -> Result<Vec<ClassTotal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.name, g.total, g.n FROM (
                 SELECT cc.value_id AS value_id, SUM(a.balance) AS total, COUNT(*) AS n
                 FROM customer_class cc JOIN ledger_account a ON a.customer_id = cc.customer_id
                 WHERE cc.dimension_id = (SELECT id FROM dimension WHERE code = ?1)
                   AND cc.value_id IN (SELECT v.id FROM dimension_value v
                                       JOIN dimension d ON d.id = v.dimension_id
                                       WHERE d.code = ?1)
                   AND a.balance <> 0
                 GROUP BY cc.value_id) g
             JOIN dimension_value v ON v.id = g.value_id",
        )?;
        let mut totals = stmt
            .query_map([dimension], |row| {
                Ok(ClassTotal {
                    value: Some(row.get(0)?),
                    balance: Money::from_fen(row.get(1)?),
                    customers: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (all, customers): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(SUM(balance), 0), COUNT(*) FROM ledger_account WHERE balance <> 0",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let classed = totals.iter().map(|t| t.balance.fen()).sum::<i64>();
        let unclassed = customers - totals.iter().map(|t| t.customers).sum::<i64>();
        if unclassed > 0 {
            totals.push(ClassTotal {
                value: None,
                balance: Money::from_fen(all - classed),
                customers: unclassed,
            });
        }
        totals.sort_by(|a, b| {
            b.balance
                .cmp(&a.balance)
                .then_with(|| a.value.cmp(&b.value))
        });
        Ok(totals)
    }
}
