//! The write path shared by single edits and bulk imports: checks that need
//! the database, code allocation, row + classification + audit writes.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

mod checks;
mod class_rows;
mod class_values;
mod codes;
mod columns;
mod held_insert;

pub use checks::{Candidate, Checked, FieldCheck, FieldParser, ParsedCustomer, SimilarScan};
pub(super) use checks::{code_taken, similar_names_warning, tax_id_taken};

pub(super) use self::columns::{CustomerInsert, INSERT_SQL};
use self::columns::{customer_params, snapshot_json};
pub(super) use self::held_insert::HeldInsert;
use super::audit::AuditWrite;
use super::catalog::load_catalog;
use super::{Result, StoreError, now_text};
use crate::domain::Problems;
use crate::domain::classification::Catalog;
use crate::domain::customer::{Customer, CustomerData, Status};
use crate::domain::field::{FieldValues, values_of};
use crate::domain::mnemonic::mnemonic;
use crate::domain::money::Money;
use crate::domain::names::name_key;

type ClassIds = HashMap<String, HashMap<String, (i64, i64), FoldHash>, FoldHash>;
/// foldhash for maps looked up per row with keys the process chose itself.
pub(in crate::store) type FoldHash = foldhash::fast::RandomState;

pub(super) struct Writer {
    catalog: Catalog,
    ceiling: Money,
    operator: String,
    now: String,
    /// dimension code → value name → (dimension id, value id); nested so a
    /// lookup borrows the two names instead of building a key of copies,
    /// foldhash because it runs for every classification of every row.
    class_ids: ClassIds,
    next_code: u64,
    code_counter_dirty: bool,
    /// Hashes of the name keys stored, loaded on a bulk write's first
    /// similar-name check (see `checks.rs`).
    known_keys: std::cell::RefCell<Option<std::collections::HashSet<u64>>>,
    /// An import writes its customers' create audit rows all at once when
    /// it records its batch (`batches.rs`), not one per insert.
    pub(super) creates_audited_by_batch: bool,
    /// `C`-codes typed in rows written so far, which code allocation skips.
    typed_codes: std::collections::HashSet<String>,
    /// New customers' classification rows, when written in batches
    /// (`BulkInsert::audit_creates_by_batch` turns it on with the above).
    class_rows: Option<class_rows::ClassRows>,
    /// New customers start `pending_review` (the review setting, or an
    /// import put up for review).
    pub(super) pending_review: bool,
}

impl Writer {
    pub fn new(conn: &Connection, operator: &str) -> Result<Writer> {
        let ceiling: Option<String> = conn
            .query_row(
                "SELECT value FROM setting WHERE key = 'credit_ceiling'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let mut class_ids = ClassIds::default();
        let mut stmt = conn.prepare_cached(
            "SELECT d.code, v.name, d.id, v.id FROM dimension_value v JOIN dimension d ON d.id = v.dimension_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            class_ids
                .entry(row.get(0)?)
                .or_default()
                .insert(row.get(1)?, (row.get(2)?, row.get(3)?));
        }
        Ok(Writer {
            catalog: load_catalog(conn)?,
            ceiling: ceiling
                .and_then(|t| t.parse().ok())
                .map(Money::from_fen)
                .unwrap_or(crate::domain::validate::DEFAULT_CREDIT_CEILING),
            operator: operator.to_string(),
            now: now_text(),
            class_ids,
            next_code: 0,
            code_counter_dirty: false,
            known_keys: Default::default(),
            creates_audited_by_batch: false,
            class_rows: None,
            typed_codes: Default::default(),
            pending_review: super::review::review_on(conn)?,
        })
    }

    /// Who the audit rows written through this writer name.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// The time this writer stamps on what it writes.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// The stored record with `patch` laid over it. A mnemonic that was
    /// generated from the old name follows a new name.
    pub fn merge_patch(&self, old: &Customer, patch: &FieldValues) -> FieldValues {
        let mut values = values_of(&old.data);
        let name_changes = patch.get("name").is_some_and(|n| n.trim() != old.data.name);
        if name_changes
            && !patch.contains_key("mnemonic")
            && old.data.mnemonic == mnemonic(&old.data.name)
        {
            values.insert("mnemonic".into(), String::new());
        }
        values.extend(patch.iter().map(|(k, v)| (k.clone(), v.clone())));
        values
    }

    /// Checks and inserts one new customer for a bulk write. Uniqueness is
    /// left to the indexes; a conflict comes back as the problems it means.
    pub fn check_and_insert(
        &mut self,
        conn: &Connection,
        insert: &mut impl CustomerInsert,
        values: &FieldValues,
    ) -> Result<std::result::Result<(Customer, Problems), Checked>> {
        let mut checked = self.check_fields(conn, values, None, SimilarScan::ExactKey)?;
        if checked.problems.has_errors() {
            self.unique_problems(conn, &mut checked, None)?;
            return Ok(Err(checked));
        }
        let auto_code = checked.data.code.is_empty();
        if self.pending_review && checked.data.status != Status::Archived {
            checked.data.status = Status::PendingReview;
        }
        loop {
            if auto_code {
                checked.data.code = self.allocate_code(conn)?;
            }
            match insert.insert_row(conn, &checked.data, &checked.name_key, &self.now) {
                Ok(id) => {
                    self.remember_key(&checked.name_key);
                    let Checked { data, problems, .. } = checked;
                    self.finish_insert(conn, id, &data)?;
                    return Ok(Ok((self.new_customer(id, data), problems)));
                }
                Err(StoreError::Sqlite(e)) if is_unique_violation(&e) => {
                    // An earlier row of the same batch may have taken the
                    // next code by hand: move on to the one after.
                    if auto_code && self.code_exists(conn, &checked.data.code)? {
                        continue;
                    }
                    if auto_code {
                        checked.data.code.clear();
                    }
                    self.unique_problems(conn, &mut checked, None)?;
                    return Ok(Err(checked));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Inserts a checked customer, allocating a code when none was given.
    pub fn insert(&mut self, conn: &Connection, checked: Checked) -> Result<Customer> {
        let mut insert = conn.prepare_cached(INSERT_SQL)?;
        let (id, data) = self.insert_data(conn, &mut *insert, checked)?;
        Ok(self.new_customer(id, data))
    }

    /// The stored record of a customer this writer just inserted.
    fn new_customer(&self, id: i64, data: CustomerData) -> Customer {
        Customer {
            id,
            data,
            created_at: self.now.clone(),
            updated_at: self.now.clone(),
        }
    }

    /// `insert` without building the stored record: its id and data.
    pub fn insert_data(
        &mut self,
        conn: &Connection,
        insert: &mut impl CustomerInsert,
        checked: Checked,
    ) -> Result<(i64, CustomerData)> {
        let Checked {
            mut data, name_key, ..
        } = checked;
        // An archived row stays archived: its tax ID was checked as not live.
        if self.pending_review && data.status != Status::Archived {
            data.status = Status::PendingReview;
        }
        if data.code.is_empty() {
            data.code = self.allocate_code(conn)?;
        } else if data.code.starts_with('C') {
            self.typed_codes.insert(data.code.clone());
        }
        let id = insert.insert_row(conn, &data, &name_key, &self.now)?;
        self.remember_key(&name_key);
        self.finish_insert(conn, id, &data)?;
        Ok((id, data))
    }

    /// Writes new customers' classification rows in batches from now on.
    pub(super) fn batch_class_rows(&mut self) {
        self.class_rows.get_or_insert_default();
    }

    /// Classification and the audit snapshot of a freshly inserted row.
    fn finish_insert(&mut self, conn: &Connection, id: i64, data: &CustomerData) -> Result<()> {
        if let Some(rows) = self.class_rows.as_mut() {
            for row in class_rows_of(&self.class_ids, id, data) {
                rows.push(conn, row)?;
            }
        } else {
            self.write_classification(conn, id, data)?;
        }
        if !self.creates_audited_by_batch {
            let snapshot = snapshot_json(data);
            self.audit(id, &data.code, "create")
                .record(conn, "*", None, Some(&snapshot))?;
        }
        Ok(())
    }

    /// Writes the new state of `old`, one audit row per changed field.
    pub fn update(
        &mut self,
        conn: &Connection,
        old: &Customer,
        data: CustomerData,
        action: &str,
    ) -> Result<Customer> {
        let before = values_of(&old.data);
        let after = values_of(&data);
        let mut changed: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
        for key in before
            .keys()
            .chain(after.keys().filter(|k| !before.contains_key(*k)))
        {
            let (b, a) = (
                before.get(key).map(String::as_str),
                after.get(key).map(String::as_str),
            );
            if b.unwrap_or("") != a.unwrap_or("") {
                changed.push((key, b, a));
            }
        }
        if changed.is_empty() {
            return Ok(old.clone());
        }
        let key = name_key(&data.name);
        // Same parameter order as the insert; ?24 is the row, ?23 the time.
        conn.prepare_cached(
            "UPDATE customer SET (code, name, name_key, short_name, mnemonic, kind, tax_id, contact, phone,
             mobile, email, registered_address, business_address, bank_name, bank_account, invoice_type,
             tax_rate, settlement, payment_days, credit_limit, status, notes, updated_at)
             = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
             ?21, ?22, ?23) WHERE id = ?24",
        )?
        .execute(customer_params!(data, key, self.now, old.id))?;
        self.remember_key(&key);
        if old.data.classification != data.classification {
            self.flush_class_rows(conn)?;
            conn.prepare_cached("DELETE FROM customer_class WHERE customer_id = ?1")?
                .execute([old.id])?;
            self.write_classification(conn, old.id, &data)?;
        }
        let audit = self.audit(old.id, &data.code, action);
        for (field, b, a) in changed {
            audit.record(conn, field, b, a)?;
        }
        Ok(Customer {
            id: old.id,
            data,
            created_at: old.created_at.clone(),
            updated_at: self.now.clone(),
        })
    }

    pub fn delete(&self, conn: &Connection, old: &Customer) -> Result<()> {
        let snapshot = snapshot_json(&old.data);
        self.audit(old.id, &old.data.code, "delete")
            .record(conn, "*", Some(&snapshot), None)?;
        conn.prepare_cached("DELETE FROM customer WHERE id = ?1")?
            .execute([old.id])?;
        Ok(())
    }

    /// Stores the code counter; call once before committing.
    pub fn finish(&mut self, conn: &Connection) -> Result<()> {
        self.flush_class_rows(conn)?;
        if self.code_counter_dirty {
            conn.execute(
                "INSERT INTO setting (key, value) VALUES ('next_code', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [self.next_code.to_string()],
            )?;
        }
        Ok(())
    }

    /// Writes any classification rows still waiting.
    pub(super) fn flush_class_rows(&mut self, conn: &Connection) -> Result<()> {
        match self.class_rows.as_mut() {
            Some(rows) => rows.flush(conn),
            None => Ok(()),
        }
    }

    fn write_classification(&self, conn: &Connection, id: i64, data: &CustomerData) -> Result<()> {
        if data.classification.is_empty() {
            return Ok(());
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO customer_class (customer_id, dimension_id, value_id) VALUES (?1, ?2, ?3)",
        )?;
        for row in class_rows_of(&self.class_ids, id, data) {
            stmt.execute(row)?;
        }
        Ok(())
    }

    fn audit<'a>(&'a self, customer_id: i64, code: &'a str, action: &'a str) -> AuditWrite<'a> {
        AuditWrite {
            customer_id,
            customer_code: code,
            action,
            operator: &self.operator,
            at: &self.now,
        }
    }
}

/// Customer `id`'s classification as (customer, dimension, value) id rows.
fn class_rows_of<'a>(
    class_ids: &'a ClassIds,
    id: i64,
    data: &'a CustomerData,
) -> impl Iterator<Item = [i64; 3]> + 'a {
    data.classification.iter().filter_map(move |(dim, value)| {
        let (dim_id, value_id) = class_ids.get(dim)?.get(value)?;
        Some([id, *dim_id, *value_id])
    })
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}
