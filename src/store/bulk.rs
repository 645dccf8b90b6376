//! Many customers in one transaction: the path of imports and of the
//! insert benchmark. Either everything written through it commits, or — if
//! it is dropped without `commit` — nothing does.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::customers::find;
use super::deferred_indexes::Deferral;
use super::known::KnownKeys;
use super::writer::{Checked, HeldInsert, INSERT_SQL, SimilarScan, Writer};
use super::{Result, Store};
use crate::domain::Problems;
use crate::domain::customer::Customer;
use crate::domain::field::FieldValues;

pub struct BulkInsert<'s> {
    /// The customer insert, held for the whole bulk (see `INSERT_SQL` and
    /// `HeldInsert`); finalised before the transaction ends: by `commit`,
    /// and on a drop because it is the first field.
    pub(super) insert: Option<HeldInsert<'s>>,
    pub(super) conn: &'s Connection,
    // pub(super): the importer's extensions (matching.rs, batches.rs) share them.
    pub(super) tx: Transaction<'s>,
    pub(super) writer: Writer,
    pub(super) inserted: usize,
    pub(super) updated: usize,
    /// Keys for matching rows in memory (`match_in_memory`), imports only.
    pub(super) keys: Option<KnownKeys>,
    /// Whether inserted rows' keys join `keys` (see `caller_matches_new_rows`).
    pub(super) track_inserted: bool,
    /// Set by `audit_creates_by_batch`: the first id this bulk inserts.
    pub(super) creates_from: Option<i64>,
    pub(super) deferral: Deferral,
    /// The supervisor amount, when the operator may not set a credit limit
    /// above it: rows that would are refused, or queued under review.
    pub(super) limit_threshold: Option<crate::domain::money::Money>,
    /// Classification values this bulk added to the catalog (dimension id,
    /// name), kept with its batch for undo.
    pub(super) added_values: Vec<(i64, String)>,
}

impl Store {
    /// Starts a bulk write. Similar names are looked up by exact normalised
    /// name only (an index lookup), so the cost per row stays flat.
    pub fn bulk_insert(&mut self) -> Result<BulkInsert<'_>> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let limit_threshold = if super::control::allowed(
            &self.control,
            crate::domain::permission::Permission::RaiseCreditLimit,
        ) {
            None
        } else {
            Some(self.supervisor_credit_limit()?)
        };
        let conn = &self.conn;
        // Unchecked: `&mut self` already rules out a second transaction, and
        // the held insert statement needs the connection borrowed for 's.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
        let writer = Writer::new(&tx, &self.operator)?;
        Ok(BulkInsert {
            insert: None,
            conn,
            tx,
            writer,
            inserted: 0,
            updated: 0,
            keys: None,
            track_inserted: true,
            creates_from: None,
            deferral: Deferral::Never,
            limit_threshold,
            added_values: Vec::new(),
        })
    }
}

impl BulkInsert<'_> {
    /// Validates a row against the fields rules and everything written so far
    /// (earlier rows of the same file included).
    pub fn check(&self, values: &FieldValues) -> Result<Checked> {
        self.writer
            .check(&self.tx, values, None, SimilarScan::ExactKey)
    }

    /// Checks and inserts one row: `Ok(Ok((customer, warnings)))` when
    /// written, `Ok(Err(checked))` when the row has errors (nothing written
    /// for it); the caller decides whether to go on.
    pub fn insert(
        &mut self,
        values: &FieldValues,
    ) -> Result<std::result::Result<(Customer, Problems), Checked>> {
        // The credit-limit rule, checked first only when it applies (the
        // insert benchmark's path stays as it was).
        if let Some(threshold) = self.limit_threshold
            && !self.writer.pending_review
        {
            let mut probe = self.writer.field_check().check(values, None);
            if super::control::raises_limit(&probe.data, None, threshold) {
                let refused = self.limit_refused(&probe.data, threshold)?;
                probe.problems.push(refused);
                return Ok(Err(probe));
            }
        }
        let insert = held_insert(&mut self.insert, self.conn)?;
        let result = self.writer.check_and_insert(&self.tx, insert, values)?;
        if result.is_ok() {
            self.inserted += 1;
        }
        Ok(result)
    }

    /// Applies the non-empty `patch` fields to an existing customer, audited
    /// like an edit. `Ok(Err(checked))` when the result would be invalid.
    pub fn update(
        &mut self,
        code: &str,
        patch: &FieldValues,
    ) -> Result<std::result::Result<Customer, Checked>> {
        let Some(old) = find(&self.tx, code)? else {
            return Err(super::StoreError::NotFound(code.to_string()));
        };
        let values = self.writer.merge_patch(&old, patch);
        let checked = self
            .writer
            .check(&self.tx, &values, Some(&old), SimilarScan::ExactKey)?;
        if checked.problems.has_errors() {
            return Ok(Err(checked));
        }
        let customer = self.writer.update(&self.tx, &old, checked.data, "update")?;
        self.updated += 1;
        Ok(Ok(customer))
    }

    /// Every customer this bulk inserts starts `pending_review` (an import
    /// run with --review), whatever the setting.
    pub fn put_up_for_review(&mut self) {
        self.writer.pending_review = true;
    }

    pub fn inserted(&self) -> usize {
        self.inserted
    }

    pub fn updated(&self) -> usize {
        self.updated
    }

    /// Makes every write of this bulk permanent at once.
    pub fn commit(mut self) -> Result<usize> {
        // Classification rows still waiting go in before their index is built.
        self.writer.finish(&self.tx)?;
        self.rebuild_deferred()?;
        self.insert = None;
        self.tx.commit()?;
        Ok(self.inserted + self.updated)
    }
}

/// The bulk's customer insert statement, prepared on first use.
pub(super) fn held_insert<'a, 's>(
    insert: &'a mut Option<HeldInsert<'s>>,
    conn: &'s Connection,
) -> Result<&'a mut HeldInsert<'s>> {
    Ok(match insert {
        Some(insert) => insert,
        None => insert.insert(HeldInsert::prepare(conn, INSERT_SQL)?),
    })
}
