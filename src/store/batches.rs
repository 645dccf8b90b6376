//! Import batches: recorded with the import's own transaction and listed as
//! the import history (undone in undo.rs).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::bulk::BulkInsert;
use super::{Result, Store};

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
    /// Ledger entries an invoice import had written, now removed.
    pub entries_removed: usize,
    /// Classification values the batch had added and no customer uses now,
    /// deleted again.
    pub values_removed: usize,
}

impl BulkInsert<'_> {
    /// Customers inserted from here on are audited as created by the batch,
    /// once, by their id range (migrations/006_batch_ranges.sql) — the row as
    /// inserted is the snapshot, and every later change is audited with its
    /// old value. Their classification rows are written many to a statement.
    pub fn audit_creates_by_batch(&mut self) -> Result<()> {
        self.creates_from = Some(self.last_customer_id()? + 1);
        self.writer.creates_audited_by_batch = true;
        self.writer.batch_class_rows();
        Ok(())
    }

    /// Records this bulk as an import batch; call just before `commit`.
    pub fn record_batch(&self, info: &BatchInfo) -> Result<i64> {
        let audit_last = self.last_audit_id()?;
        // Ids are given in order inside the one transaction, so the
        // customers this bulk inserted are exactly the ids from its first.
        let range = match self.creates_from {
            Some(first) if self.inserted > 0 => Some((first, self.last_customer_id()?)),
            _ => None,
        };
        self.tx.execute(
            "INSERT INTO import_batch (file_name, file_hash, sheet, policy, operator, at, rows, inserted,
             updated, skipped, rejected, audit_after, audit_last, first_customer_id, last_customer_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                info.file_name,
                info.file_hash,
                info.sheet,
                info.policy,
                self.writer.operator(),
                self.writer.now(),
                info.rows,
                self.inserted as i64,
                self.updated as i64,
                info.skipped,
                info.rejected,
                info.audit_after,
                audit_last,
                range.map(|r| r.0),
                range.map(|r| r.1),
            ],
        )?;
        let batch = self.tx.last_insert_rowid();
        let mut added = self.tx.prepare_cached(
            "INSERT INTO import_batch_value (batch_id, dimension_id, name) VALUES (?1, ?2, ?3)",
        )?;
        for (dimension, name) in &self.added_values {
            added.execute(params![batch, dimension, name])?;
        }
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
}
