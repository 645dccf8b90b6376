//! Taking back the ledger entries an invoice import wrote (their id range):
//! its allocations go, reopening what they had settled outside the batch,
//! and the customers' figures are refreshed. Refused while anything done
//! after the import leans on them: a later allocation, edit or reversal, or
//! a reconciliation that confirmed their period.

use rusqlite::{Connection, params};

use super::Reasons;
use crate::messages::Message;
use crate::store::Result;
use crate::store::ledger::refresh_ledger_account;

/// What an invoice batch recorded about its entries.
pub(super) struct EntryRange {
    pub first: i64,
    pub last: i64,
    pub ledger_audit_last: i64,
}

/// Why the entries cannot be taken back, each named once.
pub(super) fn blockers(conn: &Connection, range: &EntryRange, reasons: &mut Reasons) -> Result<()> {
    // Edits leave only their audit rows; reversals and allocations are
    // read from what is stored (those of a batch undone since are gone).
    let mut edited = conn.prepare(
        "SELECT DISTINCT e.doc_no, a.operator, a.at FROM ledger_audit a
         JOIN ledger_entry e ON e.id = a.entry_id
         WHERE a.id > ?3 AND a.action = 'update' AND a.entry_id BETWEEN ?1 AND ?2 ORDER BY a.id",
    )?;
    let rows = edited.query_map(
        params![range.first, range.last, range.ledger_audit_last],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    )?;
    for row in rows {
        let (doc, operator, at) = row?;
        reasons.add(
            Message::new("undo.reason_entry_edited")
                .with("doc", doc)
                .with("operator", operator)
                .with("at", at),
        );
    }
    let mut reversed = conn.prepare(
        "SELECT o.doc_no, r.doc_no FROM ledger_entry r JOIN ledger_entry o ON o.id = r.reverses_id
         WHERE r.reverses_id BETWEEN ?1 AND ?2 AND r.id NOT BETWEEN ?1 AND ?2",
    )?;
    for row in reversed.query_map(params![range.first, range.last], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (doc, by) = row?;
        reasons.add(
            Message::new("undo.reason_entry_reversed")
                .with("doc", doc)
                .with("by", by),
        );
    }
    // Credits from outside the batch (receipts, later credit notes) set
    // against its invoices.
    let mut settled = conn.prepare(
        "SELECT d.doc_no, c.doc_no FROM ledger_allocation a
         JOIN ledger_entry d ON d.id = a.debit_id JOIN ledger_entry c ON c.id = a.credit_id
         WHERE a.debit_id BETWEEN ?1 AND ?2 AND a.credit_id NOT BETWEEN ?1 AND ?2",
    )?;
    for row in settled.query_map(params![range.first, range.last], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (debit, credit) = row?;
        reasons.add(
            Message::new("undo.reason_allocated")
                .with("credit", credit)
                .with("debit", debit),
        );
    }
    let mut locked = conn.prepare(
        "SELECT e.doc_no, l.confirmed_until FROM ledger_entry e
         JOIN ledger_lock l ON l.customer_id = e.customer_id
         WHERE e.id BETWEEN ?1 AND ?2 AND e.entry_date <= l.confirmed_until ORDER BY e.id",
    )?;
    for row in locked.query_map(params![range.first, range.last], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (doc, until) = row?;
        reasons.add(
            Message::new("undo.reason_locked")
                .with("doc", doc)
                .with("until", until),
        );
    }
    Ok(())
}

/// Deletes the batch's entries and their allocations; returns how many entries.
pub(super) fn take_back(conn: &Connection, range: &EntryRange) -> Result<usize> {
    let customers: Vec<i64> = conn
        .prepare("SELECT DISTINCT customer_id FROM ledger_entry WHERE id BETWEEN ?1 AND ?2")?
        .query_map([range.first, range.last], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // The batch's credits set against older invoices: those reopen.
    conn.execute(
        "UPDATE ledger_entry SET outstanding = outstanding + (
             SELECT SUM(a.amount) FROM ledger_allocation a
             WHERE a.debit_id = ledger_entry.id AND a.credit_id BETWEEN ?1 AND ?2)
         WHERE id NOT BETWEEN ?1 AND ?2 AND id IN (
             SELECT debit_id FROM ledger_allocation WHERE credit_id BETWEEN ?1 AND ?2)",
        [range.first, range.last],
    )?;
    conn.execute(
        "DELETE FROM ledger_allocation WHERE credit_id BETWEEN ?1 AND ?2 OR debit_id BETWEEN ?1 AND ?2",
        [range.first, range.last],
    )?;
    let deleted = conn.execute(
        "DELETE FROM ledger_entry WHERE id BETWEEN ?1 AND ?2",
        [range.first, range.last],
    )?;
    for id in customers {
        refresh_ledger_account(conn, id)?;
    }
    Ok(deleted)
}
