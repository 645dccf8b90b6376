//! Import batches: recorded with the import's own transaction, listed as the
//! import history, and undone from the audit trail the batch wrote.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::bulk::BulkInsert;
use super::customers::{find, has_ledger_entries};
use super::writer::{SimilarScan, Writer};
use super::{Result, Store, StoreError, now_text};
use crate::domain::field::FieldValues;

/// What the importer knows about a batch when it commits.
#[derive(Clone, Debug, Default)]
pub struct BatchInfo {
    pub file_name: String,
    pub file_hash: String,
    pub sheet: String,
    /// `skip`, `update` or `stop`.
    pub policy: String,
    pub rows: i64,
    pub skipped: i64,
    pub rejected: i64,
    /// `last_audit_id()` taken before the first row was written.
    pub audit_after: i64,
}

/// A recorded import, as `kehu import history` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Batch {
    pub id: i64,
    pub file_name: String,
    pub file_hash: String,
    pub sheet: String,
    pub policy: String,
    pub operator: String,
    pub at: String,
    pub rows: i64,
    pub inserted: i64,
    pub updated: i64,
    pub skipped: i64,
    pub rejected: i64,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
}

/// What an undo did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Undone {
    pub batch: i64,
    /// Customers the batch had inserted, now deleted (a snapshot stays in the audit trail).
    pub deleted: usize,
    /// Customers the batch had updated, now back to their earlier values.
    pub restored: usize,
}

impl BulkInsert<'_> {
    /// Customers inserted from here on get their create audit rows when the
    /// batch is recorded, all in one statement, each naming the batch —
    /// instead of one insert and a snapshot of every field per row. The row
    /// as inserted is the snapshot: every later change is audited with its
    /// old value. Their classification rows are written many to a statement.
    pub fn audit_creates_by_batch(&mut self) -> Result<()> {
        self.creates_from = Some(self.last_customer_id()? + 1);
        self.writer.creates_audited_by_batch = true;
        self.writer.batch_class_rows();
        Ok(())
    }

    /// Records this bulk as an import batch; call just before `commit`.
    pub fn record_batch(&self, info: &BatchInfo) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO import_batch (file_name, file_hash, sheet, policy, operator, at, rows, inserted,
             updated, skipped, rejected, audit_after, audit_last)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                info.file_name,
                info.file_hash,
                info.sheet,
                info.policy,
                self.writer.operator(),
                now_text(),
                info.rows,
                self.inserted as i64,
                self.updated as i64,
                info.skipped,
                info.rejected,
                info.audit_after,
                info.audit_after,
            ],
        )?;
        let batch = self.tx.last_insert_rowid();
        if let Some(first) = self.creates_from {
            let note = serde_json::json!({ "import_batch": batch, "file": info.file_name });
            self.tx.execute(
                "INSERT INTO audit (customer_id, customer_code, action, field, old, new, operator, at)
                 SELECT id, code, 'create', '*', NULL, ?2, ?3, created_at FROM customer
                 WHERE id >= ?1 ORDER BY id",
                params![first, note.to_string(), self.writer.operator()],
            )?;
        }
        self.tx.execute(
            "UPDATE import_batch SET audit_last = ?2 WHERE id = ?1",
            params![batch, self.last_audit_id()?],
        )?;
        Ok(batch)
    }
}

const BATCH_COLUMNS: &str = "id, file_name, file_hash, sheet, policy, operator, at, rows, inserted, updated, \
     skipped, rejected, undone_at, undone_by";

fn batch_from_row(r: &rusqlite::Row) -> rusqlite::Result<Batch> {
    Ok(Batch {
        id: r.get(0)?,
        file_name: r.get(1)?,
        file_hash: r.get(2)?,
        sheet: r.get(3)?,
        policy: r.get(4)?,
        operator: r.get(5)?,
        at: r.get(6)?,
        rows: r.get(7)?,
        inserted: r.get(8)?,
        updated: r.get(9)?,
        skipped: r.get(10)?,
        rejected: r.get(11)?,
        undone_at: r.get(12)?,
        undone_by: r.get(13)?,
    })
}

impl Store {
    /// Every import batch, newest first.
    pub fn batches(&self) -> Result<Vec<Batch>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {BATCH_COLUMNS} FROM import_batch ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([], batch_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn batch(&self, id: i64) -> Result<Option<Batch>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {BATCH_COLUMNS} FROM import_batch WHERE id = ?1"),
                [id],
                batch_from_row,
            )
            .optional()?)
    }

    /// Removes the customers batch `id` inserted and restores the fields it
    /// updated, in one transaction. Refused, naming the customers, when any of
    /// them was edited after the import (or deleted) or has ledger entries.
    pub fn undo_batch(&mut self, id: i64) -> Result<Undone> {
        let tx = self.conn.transaction()?;
        let (audit_after, audit_last, undone_at): (i64, i64, Option<String>) = tx
            .query_row(
                "SELECT audit_after, audit_last, undone_at FROM import_batch WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Refused(format!("there is no import batch {id}")))?;
        if let Some(at) = undone_at {
            return Err(StoreError::Refused(format!(
                "import batch {id} was already undone at {at}"
            )));
        }
        let touched = touched_customers(&tx, audit_after, audit_last)?;
        let reasons = blockers(&tx, &touched, audit_last)?;
        if !reasons.is_empty() {
            return Err(StoreError::Refused(format!(
                "import batch {id} cannot be undone: {}. Undo or fix those customers by hand instead",
                reasons.join("; ")
            )));
        }
        let mut writer = Writer::new(&tx, &self.operator)?;
        let (mut deleted, mut restored) = (0, 0);
        for customer in &touched {
            let old = find(&tx, &customer.code)?
                .ok_or_else(|| StoreError::NotFound(customer.code.clone()))?;
            if customer.created {
                writer.delete(&tx, &old)?;
                deleted += 1;
                continue;
            }
            let values = writer.merge_patch(&old, &customer.old_values);
            let checked = writer.check(&tx, &values, Some(&old), SimilarScan::ExactKey)?;
            if checked.problems.has_errors() {
                return Err(StoreError::Refused(format!(
                    "import batch {id} cannot be undone: restoring {} {} would be invalid now: {}",
                    old.data.code, old.data.name, checked.problems
                )));
            }
            writer.update(&tx, &old, checked.data, "update")?;
            restored += 1;
        }
        writer.finish(&tx)?;
        tx.execute(
            "UPDATE import_batch SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
            params![id, now_text(), self.operator],
        )?;
        tx.commit()?;
        Ok(Undone {
            batch: id,
            deleted,
            restored,
        })
    }
}

/// A customer a batch created or updated, with the values it had before.
struct Touched {
    id: i64,
    code: String,
    created: bool,
    /// Field → value before the batch ("" for a field that was empty).
    old_values: FieldValues,
}

fn touched_customers(conn: &Connection, after: i64, last: i64) -> Result<Vec<Touched>> {
    let mut stmt = conn.prepare(
        "SELECT customer_id, customer_code, action, field, old FROM audit
         WHERE id > ?1 AND id <= ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([after, last])?;
    let mut by_id: BTreeMap<i64, Touched> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let action: String = r.get(2)?;
        let entry = by_id.entry(id).or_insert_with(|| Touched {
            id,
            code: String::new(),
            created: false,
            old_values: FieldValues::new(),
        });
        // The code as it stands after the batch: the last row written wins.
        entry.code = r.get(1)?;
        if action == "create" {
            entry.created = true;
        } else {
            let field: String = r.get(3)?;
            let old: Option<String> = r.get(4)?;
            // The first change of a field in the batch holds its value from before.
            entry
                .old_values
                .entry(field)
                .or_insert(old.unwrap_or_default());
        }
    }
    Ok(by_id.into_values().collect())
}

/// Why each touched customer blocks the undo (at most a few are named).
fn blockers(conn: &Connection, touched: &[Touched], audit_last: i64) -> Result<Vec<String>> {
    const NAMED: usize = 5;
    let mut later = conn.prepare(
        "SELECT action, operator, at FROM audit WHERE customer_id = ?1 AND id > ?2 ORDER BY id LIMIT 1",
    )?;
    let mut reasons = Vec::new();
    let mut count = 0;
    for t in touched {
        let edit: Option<(String, String, String)> = later
            .query_row(params![t.id, audit_last], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let reason = match edit {
            Some((action, operator, at)) if action == "delete" => {
                Some(format!("{} was deleted by {operator} at {at}", t.code))
            }
            Some((_, operator, at)) => Some(format!(
                "{} was edited by {operator} at {at} after the import",
                t.code
            )),
            None if has_ledger_entries(conn, t.id)? => {
                Some(format!("{} has ledger entries", t.code))
            }
            None => None,
        };
        if let Some(reason) = reason {
            count += 1;
            if reasons.len() < NAMED {
                reasons.push(reason);
            }
        }
    }
    if count > reasons.len() {
        reasons.push(format!("and {} more", count - reasons.len()));
    }
    Ok(reasons)
}
