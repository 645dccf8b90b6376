//! Statement of account (对账单): opening balance, each entry of the period
//! with its running balance, closing balance.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::super::{Result, Store, StoreError};
use super::read::{ENTRY_COLUMNS, ENTRY_FROM, entry_from_row};
use crate::domain::date::iso;
use crate::domain::ledger::EntryKind;
use crate::domain::money::Money;
use crate::domain::{Problem, Problems, Text};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub code: String,
    pub name: String,
    pub tax_id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Balance before `from`.
    pub opening: Money,
    pub lines: Vec<StatementLine>,
    pub total_debit: Money,
    pub total_credit: Money,
    /// Balance at the end of `to`: opening + debits − credits.
    pub closing: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    /// The ledger entry (a reconciliation links its lines to them).
    #[serde(skip)]
    pub entry_id: i64,
    pub date: NaiveDate,
    #[serde(rename = "type")]
    pub kind: EntryKind,
    pub doc_no: String,
    pub memo: String,
    /// 借方: what increased the balance.
    pub debit: Money,
    /// 贷方: what decreased it.
    pub credit: Money,
    /// Running balance after this line.
    pub balance: Money,
    pub due_date: Option<NaiveDate>,
    /// Still owed (debits) or unallocated (credits, ≤ 0) today.
    pub outstanding: Money,
}

fn overflow() -> StoreError {
    StoreError::Refused("statement totals overflow".into())
}

impl Store {
    /// The customer's statement for `from`..=`to`: two indexed reads, the
    /// opening sum and the period's entries.
    pub fn statement(&self, customer_id: i64, from: NaiveDate, to: NaiveDate) -> Result<Statement> {
        if from > to {
            return Err(StoreError::Invalid(Problems(vec![Problem::error(
                "from",
                "period.reversed",
                Text::new(
                    format!(
                        "The period starts ({}) after it ends ({}).",
                        iso(from),
                        iso(to)
                    ),
                    format!("起始日期 {} 晚于截止日期 {}。", iso(from), iso(to)),
                ),
            )])));
        }
        let (code, name, tax_id): (String, String, String) = self
            .conn
            .prepare_cached("SELECT code, name, tax_id FROM customer WHERE id = ?1")?
            .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("#{customer_id}")))?;
        let opening: i64 = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE customer_id = ?1 AND entry_date < ?2",
            )?
            .query_row(rusqlite::params![customer_id, iso(from)], |r| r.get(0))?;
        let opening = Money::from_fen(opening);
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM}
             WHERE e.customer_id = ?1 AND e.entry_date >= ?2 AND e.entry_date <= ?3 ORDER BY e.entry_date, e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![customer_id, iso(from), iso(to)],
            entry_from_row,
        )?;
        let (mut balance, mut total_debit, mut total_credit) = (opening, Money::ZERO, Money::ZERO);
        let mut lines = Vec::new();
        for entry in rows {
            let entry = entry?;
            let (debit, credit) = (entry.data.debit(), entry.data.credit());
            balance = balance
                .checked_add(entry.data.amount)
                .ok_or_else(overflow)?;
            total_debit = total_debit.checked_add(debit).ok_or_else(overflow)?;
            total_credit = total_credit.checked_add(credit).ok_or_else(overflow)?;
            lines.push(StatementLine {
                entry_id: entry.id,
                date: entry.data.date,
                kind: entry.data.kind,
                doc_no: entry.data.doc_no,
                memo: entry.data.memo,
                debit,
                credit,
                balance,
                due_date: entry.data.due_date,
                outstanding: entry.outstanding,
            });
        }
        Ok(Statement {
            code,
            name,
            tax_id,
            from,
            to,
            opening,
            lines,
            total_debit,
            total_credit,
            closing: balance,
        })
    }
}
