//! Reading entries: one, a customer's ledger with running balance, the
//! allocations of an entry, the ledger's audit trail.

use rusqlite::types::Type;
use rusqlite::{Connection, Row};
use serde::Serialize;

use super::super::{Result, Store, StoreError};
use super::{AllocationLine, EntryRef};
use crate::domain::date::from_iso;
use crate::domain::ledger::{Entry, EntryData, EntryKind};
use crate::domain::money::Money;
use crate::domain::{Problem, Problems, Text};

/// Columns of [`entry_from_row`]; the query joins `ledger_lock l` on the customer.
pub(super) const ENTRY_COLUMNS: &str = "e.id, e.customer_id, e.kind, e.entry_date, e.doc_no, e.amount, e.due_date, \
     e.outstanding, e.memo, e.override_reason, e.reverses_id, e.created_at, e.updated_at, \
     COALESCE(e.entry_date <= l.confirmed_until, 0)";

pub(super) const ENTRY_FROM: &str =
    "ledger_entry e LEFT JOIN ledger_lock l ON l.customer_id = e.customer_id";

fn bad(index: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, what.to_string().into())
}

pub(super) fn kind_at(row: &Row, index: usize) -> rusqlite::Result<EntryKind> {
    EntryKind::parse(&row.get::<_, String>(index)?).ok_or_else(|| bad(index, "unknown entry type"))
}

pub(super) fn date_at(row: &Row, index: usize) -> rusqlite::Result<chrono::NaiveDate> {
    from_iso(&row.get::<_, String>(index)?).ok_or_else(|| bad(index, "not a YYYY-MM-DD date"))
}

pub(super) fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let due: Option<String> = row.get(6)?;
    Ok(Entry {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        data: EntryData {
            kind: kind_at(row, 2)?,
            date: date_at(row, 3)?,
            doc_no: row.get(4)?,
            amount: Money::from_fen(row.get(5)?),
            due_date: match due {
                Some(text) => Some(from_iso(&text).ok_or_else(|| bad(6, "not a date"))?),
                None => None,
            },
            memo: row.get(8)?,
        },
        outstanding: Money::from_fen(row.get(7)?),
        override_reason: row.get(9)?,
        reverses_id: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
        locked: row.get(13)?,
    })
}

/// The entry `which` of the customer, or a problem naming what was looked for.
pub(crate) fn find_entry(conn: &Connection, customer_id: i64, which: &EntryRef) -> Result<Entry> {
    let found: Vec<Entry> = match which {
        EntryRef::Id(id) => {
            let sql = format!(
                "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.customer_id = ?1 AND e.id = ?2"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            stmt.query_map([customer_id, *id], entry_from_row)?
                .collect::<rusqlite::Result<_>>()?
        }
        EntryRef::Doc { kind, doc_no } => {
            let sql = format!(
                "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM}
                 WHERE e.customer_id = ?1 AND e.doc_no = ?2 AND (?3 IS NULL OR e.kind = ?3) ORDER BY e.id"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            stmt.query_map(
                rusqlite::params![customer_id, doc_no.trim(), kind.map(EntryKind::key)],
                entry_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?
        }
    };
    let kinds: Vec<&'static str> = found.iter().map(|e| e.data.kind.key()).collect();
    let mut found = found.into_iter();
    match (found.next(), kinds.len()) {
        (Some(entry), 1) => Ok(entry),
        (None, _) => Err(not_found(which)),
        _ => Err(StoreError::Invalid(Problems(vec![Problem::error(
            "doc_no",
            "doc_no.ambiguous",
            Text::new(
                format!(
                    "{which} is used by more than one type ({}): write it as type:number, e.g. {}:{which}.",
                    kinds.join(", "),
                    kinds[0]
                ),
                format!(
                    "单据号 {which} 对应多种类型（{}）：请写成 类型:单据号，如 {}:{which}。",
                    kinds.join("、"),
                    kinds[0]
                ),
            ),
        )]))),
    }
}

fn not_found(which: &EntryRef) -> StoreError {
    StoreError::Invalid(Problems(vec![Problem::error(
        "doc_no",
        "doc_no.not_found",
        Text::new(
            format!("No entry {which} for this customer."),
            format!("该客户没有单据 {which}。"),
        ),
    )]))
}

/// An entry with the balance after it, in ledger order (date, then entry order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LedgerLine {
    #[serde(flatten)]
    pub entry: Entry,
    /// Running balance after this entry.
    pub balance: Money,
}

/// One change in the ledger's audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LedgerAuditEntry {
    pub at: String,
    pub operator: String,
    /// `create`, `update`, `allocate`, `unallocate`, `reverse`, `override` or `confirm`.
    pub action: String,
    pub entry_id: Option<i64>,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

pub(super) const ALLOCATION_SQL: &str = "SELECT a.id, a.credit_id, c.kind, c.doc_no, a.debit_id, d.kind, d.doc_no, a.amount, a.effective_date
     FROM ledger_allocation a
     JOIN ledger_entry c ON c.id = a.credit_id JOIN ledger_entry d ON d.id = a.debit_id";

pub(super) fn allocation_from_row(row: &Row) -> rusqlite::Result<AllocationLine> {
    Ok(AllocationLine {
        id: row.get(0)?,
        credit_id: row.get(1)?,
        credit_type: kind_at(row, 2)?,
        credit_doc: row.get(3)?,
        debit_id: row.get(4)?,
        debit_type: kind_at(row, 5)?,
        debit_doc: row.get(6)?,
        amount: Money::from_fen(row.get(7)?),
        effective_date: date_at(row, 8)?,
    })
}

impl Store {
    /// The customer's entries in ledger order with the running balance.
    pub fn ledger(&self, customer_id: i64) -> Result<Vec<LedgerLine>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.customer_id = ?1 ORDER BY e.entry_date, e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut balance = Money::ZERO;
        let mut lines = Vec::new();
        for entry in stmt.query_map([customer_id], entry_from_row)? {
            let entry = entry?;
            balance = balance
                .checked_add(entry.data.amount)
                .ok_or_else(|| StoreError::Refused("ledger balance overflows".into()))?;
            lines.push(LedgerLine { entry, balance });
        }
        Ok(lines)
    }

    /// One entry of the customer, by id or document number.
    pub fn entry(&self, customer_id: i64, which: &EntryRef) -> Result<Entry> {
        find_entry(&self.conn, customer_id, which)
    }

    /// Allocations from or to an entry, oldest first.
    pub fn allocations(&self, entry_id: i64) -> Result<Vec<AllocationLine>> {
        let sql =
            format!("{ALLOCATION_SQL} WHERE a.credit_id = ?1 OR a.debit_id = ?1 ORDER BY a.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([entry_id], allocation_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ledger's audit trail of one customer, oldest first.
    pub fn ledger_history(&self, customer_id: i64) -> Result<Vec<LedgerAuditEntry>> {
        // Entries merged in from another customer keep their trail there.
        let sql = format!(
            "SELECT at, operator, action, entry_id, field, old, new FROM ledger_audit
             WHERE customer_id IN ({}) ORDER BY id",
            crate::store::merge::MERGED_IDS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([customer_id], |row| {
            Ok(LedgerAuditEntry {
                at: row.get(0)?,
                operator: row.get(1)?,
                action: row.get(2)?,
                entry_id: row.get(3)?,
                field: row.get(4)?,
                old: row.get(5)?,
                new: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
