//! Statistics by classification (`kehu stats --by DIMENSION`): per value of a
//! dimension, how many customers, what was invoiced and received in a period,
//! what is receivable and overdue now.
//!
//! Per-customer figures come from four grouped queries — the period sums read
//! the `ledger_entry_kind_date` index alone, overdue the small partial index
//! of open entries, receivable the `ledger_account` rows — and are added up by
//! value in memory: one pass whatever the number of values.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::classes::{ClassBy, ClassValue};
use super::{Result, Store, StoreError};
use crate::domain::date::iso;
use crate::domain::money::Money;

/// The period the invoiced and received figures cover; `None` = unbounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// Bounds as ISO text for SQL (`0000-01-01` / `9999-12-31` when open).
    pub(super) fn bounds(&self) -> (String, String) {
        (
            self.from.map_or_else(|| "0000-01-01".into(), iso),
            self.to.map_or_else(|| "9999-12-31".into(), iso),
        )
    }
}

/// The figures of one value (or of all: the totals).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub customers: u64,
    /// Invoices dated in the period.
    pub invoiced: Money,
    /// Receipts and prepayments dated in the period (positive).
    pub received: Money,
    /// Balance now: every entry, as the ledger stands.
    pub receivable: Money,
    /// What is still owed on debits due before `as_of`.
    pub overdue: Money,
}

impl Figures {
    fn add(&mut self, other: &Figures) -> Result<()> {
        let sum = |a: Money, b: Money| a.checked_add(b).ok_or_else(overflow);
        self.customers += other.customers;
        self.invoiced = sum(self.invoiced, other.invoiced)?;
        self.received = sum(self.received, other.received)?;
        self.receivable = sum(self.receivable, other.receivable)?;
        self.overdue = sum(self.overdue, other.overdue)?;
        Ok(())
    }
}

fn overflow() -> StoreError {
    StoreError::Refused("statistics totals overflow".into())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatsRow {
    pub value: ClassValue,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub by: ClassBy,
    pub period: Period,
    pub as_of: NaiveDate,
    /// Every value of the dimension in its order (also those no customer
    /// holds), then customers without a value if there are any.
    pub rows: Vec<StatsRow>,
    pub totals: Figures,
}

impl Store {
    /// Statistics by `by` for `period`; receivable and overdue as of `as_of`.
    /// Every customer counts except those merged into another (archived ones
    /// too: their ledger is history, so the totals are the ledger's).
    pub fn stats(&self, by: &ClassBy, period: Period, as_of: NaiveDate) -> Result<Stats> {
        let per_customer = self.figures_by_customer(period, as_of)?;
        let classes = self.class_of_customers(by, as_of)?;
        let mut groups: BTreeMap<ClassValue, Figures> = self
            .class_values(by)?
            .into_iter()
            .map(|v| (v, Figures::default()))
            .collect();
        let mut totals = Figures::default();
        for (id, figures) in &per_customer {
            let value = classes.get(id).cloned().unwrap_or(ClassValue::None);
            groups.entry(value).or_default().add(figures)?;
            totals.add(figures)?;
        }
        Ok(Stats {
            by: by.clone(),
            period,
            as_of,
            rows: groups
                .into_iter()
                .map(|(value, figures)| StatsRow { value, figures })
                .collect(),
            totals,
        })
    }

    /// Each counted customer's figures (customers: 1).
    fn figures_by_customer(
        &self,
        period: Period,
        as_of: NaiveDate,
    ) -> Result<HashMap<i64, Figures>> {
        let mut out: HashMap<i64, Figures> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT c.id, COALESCE(a.balance, 0) FROM customer c
                 LEFT JOIN ledger_account a ON a.customer_id = c.id
                 WHERE c.merged_into IS NULL",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                out.insert(
                    r.get(0)?,
                    Figures {
                        customers: 1,
                        receivable: Money::from_fen(r.get(1)?),
                        ..Figures::default()
                    },
                );
            }
        }
        // One range of `ledger_entry_customer_kind` per customer and type:
        // only the period's entries are read, in index order, with no sort.
        let (from, to) = period.bounds();
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id,
                    (SELECT SUM(e.amount) FROM ledger_entry e WHERE e.customer_id = c.id
                        AND e.kind = 'invoice' AND e.entry_date BETWEEN ?1 AND ?2),
                    (SELECT SUM(e.amount) FROM ledger_entry e WHERE e.customer_id = c.id
                        AND e.kind = 'receipt' AND e.entry_date BETWEEN ?1 AND ?2),
                    (SELECT SUM(e.amount) FROM ledger_entry e WHERE e.customer_id = c.id
                        AND e.kind = 'prepayment' AND e.entry_date BETWEEN ?1 AND ?2)
             FROM customer c WHERE c.merged_into IS NULL",
        )?;
        let mut rows = stmt.query([&from, &to])?;
        while let Some(r) = rows.next()? {
            let Some(f) = out.get_mut(&r.get::<_, i64>(0)?) else {
                continue;
            };
            let fen = |i: usize| -> rusqlite::Result<i64> {
                Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0))
            };
            f.invoiced = Money::from_fen(fen(1)?);
            let received = fen(2)?.checked_add(fen(3)?).ok_or_else(overflow)?;
            f.received = Money::from_fen(received.checked_neg().ok_or_else(overflow)?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, SUM(outstanding) FROM ledger_entry
             WHERE outstanding <> 0 AND outstanding > 0 AND due_date < ?1 GROUP BY customer_id",
        )?;
        let mut rows = stmt.query([iso(as_of)])?;
        while let Some(r) = rows.next()? {
            if let Some(f) = out.get_mut(&r.get::<_, i64>(0)?) {
                f.overdue = Money::from_fen(r.get(1)?);
            }
        }
        Ok(out)
    }
}
