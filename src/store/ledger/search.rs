//! Entries across customers (账目查询): by period, type, classification,
//! document number, amount and customer.
//!
//! With a type, the period is one range of `ledger_entry_kind_date` (kind,
//! entry_date, customer_id, amount) read in its own order — date, customer,
//! amount, id — so a page stops after its rows, whatever the ledger's size;
//! without a type the period's entries are sorted first.

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::Serialize;

use super::super::classes::{ClassBy, ClassValue};
use super::super::stats::Period;
use super::super::{Result, Store};
use super::read::{date_at, kind_at};
use crate::domain::ledger::EntryKind;
use crate::domain::money::{Money, MoneyError};

/// What to look for; every condition given must hold.
#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    pub period: Period,
    pub kind: Option<EntryKind>,
    /// Customers holding this value; activity is as of `today`.
    pub class: Option<(ClassBy, ClassValue)>,
    /// Part of the document number, ASCII case ignored.
    pub doc: Option<String>,
    /// The amount as typed (positive; an adjustment's either way), inclusive.
    pub amount: Option<(Money, Money)>,
    pub customer_id: Option<i64>,
    pub today: Option<NaiveDate>,
}

/// One entry found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub entry_id: i64,
    pub code: String,
    pub name: String,
    pub date: NaiveDate,
    #[serde(rename = "type")]
    pub kind: EntryKind,
    pub doc_no: String,
    /// Signed: positive raises the balance.
    pub amount: Money,
    pub due_date: Option<NaiveDate>,
    pub outstanding: Money,
    pub memo: String,
}

/// Which rows of the result: `limit` None = all.
#[derive(Clone, Copy, Debug, Default)]
pub struct Page {
    pub limit: Option<u64>,
    pub offset: u64,
}

/// `12,800.00`, `100..500`, `..500`, `1000..` as an inclusive range of typed amounts.
pub fn amount_range(text: &str) -> std::result::Result<(Money, Money), MoneyError> {
    let money = |t: &str, open: Money| match t.trim() {
        "" => Ok(open),
        t => Money::parse(t),
    };
    match text.split_once("..") {
        Some((lo, hi)) => {
            let (low, high) = (
                money(lo, Money::from_fen(i64::MIN))?,
                money(hi, Money::from_fen(i64::MAX))?,
            );
            if low > high {
                return Err(MoneyError::Reversed {
                    input: text.trim().to_string(),
                    turned: format!("{}..{}", hi.trim(), lo.trim()),
                });
            }
            Ok((low, high))
        }
        None => {
            let a = Money::parse(text.trim())?;
            Ok((a, a))
        }
    }
}

const ORDER: &str = " ORDER BY e.entry_date, e.customer_id, e.amount, e.id";

impl Store {
    /// The entries matching `filter`, in date order, `page` of them.
    pub fn search_ledger(&self, filter: &SearchFilter, page: Page) -> Result<Vec<SearchHit>> {
        let (conditions, mut args) = self.conditions(filter)?;
        let limit = page
            .limit
            .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        args.push(Value::Integer(limit));
        args.push(Value::Integer(
            i64::try_from(page.offset).unwrap_or(i64::MAX),
        ));
        let sql = format!(
            "SELECT e.id, c.code, c.name, e.entry_date, e.kind, e.doc_no, e.amount, e.due_date,
                    e.outstanding, e.memo
             FROM ledger_entry e JOIN customer c ON c.id = e.customer_id
             WHERE {conditions}{ORDER} LIMIT ?{} OFFSET ?{}",
            args.len() - 1,
            args.len()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let due: Option<String> = r.get(7)?;
            Ok(SearchHit {
                entry_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                date: date_at(r, 3)?,
                kind: kind_at(r, 4)?,
                doc_no: r.get(5)?,
                amount: Money::from_fen(r.get(6)?),
                due_date: due.as_deref().and_then(crate::domain::date::from_iso),
                outstanding: Money::from_fen(r.get(8)?),
                memo: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many entries match `filter`, with their signed sum.
    pub fn count_ledger(&self, filter: &SearchFilter) -> Result<(u64, Money)> {
        let (conditions, args) = self.conditions(filter)?;
        let sql = format!(
            "SELECT COUNT(*), COALESCE(SUM(e.amount), 0) FROM ledger_entry e WHERE {conditions}"
        );
        let (count, sum): (i64, i64) =
            self.conn
                .query_row(&sql, rusqlite::params_from_iter(args.iter()), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        Ok((count.max(0) as u64, Money::from_fen(sum)))
    }

    /// The floor the bench sets beside the statistics: one sum over the
    /// period's invoices, read from the same index range.
    pub fn search_floor(&self, period: &Period) -> Result<i64> {
        let (from, to) = period.bounds();
        Ok(self.conn.query_row(
            "SELECT COALESCE(SUM(amount), 0) FROM ledger_entry
             WHERE kind = 'invoice' AND entry_date BETWEEN ?1 AND ?2",
            [from, to],
            |r| r.get(0),
        )?)
    }

    /// The query plan of a search (for the bench and the README's claim).
    pub fn search_plan(&self, filter: &SearchFilter) -> Result<Vec<String>> {
        let (conditions, args) = self.conditions(filter)?;
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT e.id FROM ledger_entry e
             JOIN customer c ON c.id = e.customer_id WHERE {conditions}{ORDER} LIMIT 100"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn conditions(&self, filter: &SearchFilter) -> Result<(String, Vec<Value>)> {
        let mut sql = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(kind) = filter.kind {
            let p = arg(Value::Text(kind.key().into()), &mut args);
            sql.push(format!("e.kind = {p}"));
        }
        let (from, to) = filter.period.bounds();
        if filter.period.from.is_some() || filter.period.to.is_some() {
            let f = arg(Value::Text(from), &mut args);
            let t = arg(Value::Text(to), &mut args);
            sql.push(format!("e.entry_date BETWEEN {f} AND {t}"));
        }
        if let Some(id) = filter.customer_id {
            let p = arg(Value::Integer(id), &mut args);
            sql.push(format!("e.customer_id = {p}"));
        }
        if let Some(doc) = filter
            .doc
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            let p = arg(Value::Text(doc.to_ascii_lowercase()), &mut args);
            sql.push(format!("instr(lower(e.doc_no), {p}) > 0"));
        }
        if let Some((min, max)) = filter.amount {
            let lo = arg(Value::Integer(min.fen()), &mut args);
            let hi = arg(Value::Integer(max.fen()), &mut args);
            // Credits are stored negative but typed positive.
            sql.push(format!(
                "(CASE WHEN e.kind IN ('receipt', 'credit', 'prepayment') THEN -e.amount
                       ELSE e.amount END) BETWEEN {lo} AND {hi}"
            ));
        }
        match filter.class.as_ref().map(|(by, value)| (by, value)) {
            None => {}
            Some((_, ClassValue::Named { id, .. })) => {
                let p = arg(Value::Integer(*id), &mut args);
                sql.push(format!(
                    "e.customer_id IN (SELECT customer_id FROM customer_class WHERE value_id = {p})"
                ));
            }
            Some((_, ClassValue::Activity(a))) => {
                let today = filter
                    .today
                    .unwrap_or_else(|| chrono::Local::now().date_naive());
                let ids: Vec<i64> = self
                    .activity_of_customers(today)?
                    .into_iter()
                    .filter(|(_, got)| got == a)
                    .map(|(id, _)| id)
                    .collect();
                let list = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
                let p = arg(Value::Text(list), &mut args);
                sql.push(format!(
                    "e.customer_id IN (SELECT value FROM json_each({p}))"
                ));
            }
            Some((ClassBy::Dimension { id, .. }, ClassValue::None)) => {
                let p = arg(Value::Integer(*id), &mut args);
                sql.push(format!(
                    "e.customer_id NOT IN (SELECT customer_id FROM customer_class WHERE dimension_id = {p})"
                ));
            }
            // Every customer has an activity.
            Some((ClassBy::Activity, ClassValue::None)) => sql.push("0 = 1".into()),
        }
        if sql.is_empty() {
            sql.push("1 = 1".into());
        }
        Ok((sql.join(" AND "), args))
    }
}
