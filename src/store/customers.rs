//! Customers: add, edit, change status, delete, read and list.

use crate::domain::customer::code_key;
use crate::messages::Message;
use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::control::{allowed, raises_limit};
use super::review::{leaves_review, limit_queued, queue_limit, review_on, status_under_review};
use super::writer::{Checked, SimilarScan, Writer};
use super::{Result, Store, StoreError};
use crate::domain::Problems;
use crate::domain::customer::{
    Customer, CustomerData, InvoiceType, Kind, Settlement, Status, TaxRate,
};
use crate::domain::field::FieldValues;
use crate::domain::money::Money;
use crate::domain::permission::Permission;
use crate::domain::validate::DEFAULT_CREDIT_CEILING;

/// `Store::customer_count`'s query (its plan is tested: no table scan).
pub(super) const COUNT_NOT_ARCHIVED: &str = "SELECT (SELECT count(*) FROM customer)
     - (SELECT count(*) FROM customer WHERE status = 'archived')";

/// The installed name index when there is one, else a scan of every name.
fn scan_with(index: Option<&crate::domain::name_index::NameIndex>) -> SimilarScan<'_> {
    index.map_or(SimilarScan::Full, SimilarScan::Indexed)
}

/// A saved customer and the warnings it was saved with.
#[derive(Clone, Debug, Serialize)]
pub struct Saved {
    pub customer: Customer,
    pub warnings: Problems,
}

/// Which customers a list shows.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// Matches name, short name, code, mnemonic, tax ID, phone, mobile and contact.
    pub search: Option<String>,
    /// Only this status; `None` shows all but archived unless `include_archived`.
    pub status: Option<Status>,
    pub include_archived: bool,
}

pub(super) const COLUMNS: &str = "id, code, name, short_name, mnemonic, kind, tax_id, contact, phone, mobile, \
     email, registered_address, business_address, bank_name, bank_account, invoice_type, tax_rate, \
     settlement, payment_days, credit_limit, status, notes, created_at, updated_at";

impl Store {
    pub fn credit_ceiling(&self) -> Result<Money> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = 'credit_ceiling'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text
            .and_then(|t| t.parse::<i64>().ok())
            .map(Money::from_fen)
            .unwrap_or(DEFAULT_CREDIT_CEILING))
    }

    pub fn set_credit_ceiling(&mut self, ceiling: Money) -> Result<()> {
        // Recorded like every other setting (it was the one left out).
        self.set_setting(
            "credit_ceiling",
            &ceiling.fen().to_string(),
            &ceiling.to_string(),
        )
    }

    /// Validates `values` as a new customer (or as the new state of `existing`)
    /// without saving: field problems, duplicate tax ID and code, similar names.
    pub fn check_customer(
        &self,
        values: &FieldValues,
        existing: Option<&Customer>,
    ) -> Result<Checked> {
        let writer = Writer::new(&self.conn, &self.operator)?;
        let index = super::name_index::synced(&self.similar_index, &self.conn)?;
        writer.check(&self.conn, values, existing, scan_with(index.as_deref()))
    }

    /// Adds a customer, optionally starting from a template's values (the
    /// given values win). Refused with every problem if any is an error;
    /// similar-name warnings come back with the saved customer.
    pub fn add_customer(&mut self, values: &FieldValues, template: Option<&str>) -> Result<Saved> {
        let mut merged = match template {
            Some(name) => self.template(name)?.fields,
            None => FieldValues::new(),
        };
        merged.extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.require(Permission::EditCustomers)?;
        let threshold = self.supervisor_credit_limit()?;
        let index = super::name_index::synced(&self.similar_index, &self.conn)?;
        let tx = self.conn.transaction()?;
        let mut writer = Writer::new(&tx, &self.operator)?;
        let checked = writer.check(&tx, &merged, None, scan_with(index.as_deref()))?;
        if checked.problems.has_errors() {
            return Err(StoreError::Invalid(checked.problems));
        }
        // Under review the whole new customer (limit included) awaits a supervisor.
        if raises_limit(&checked.data, None, threshold)
            && !allowed(&self.control, Permission::RaiseCreditLimit)
            && !writer.pending_review
        {
            drop(writer);
            drop(tx);
            return Err(self.refusal(Permission::RaiseCreditLimit));
        }
        let warnings = checked.problems.clone();
        let customer = writer.insert(&tx, checked)?;
        writer.finish(&tx)?;
        tx.commit()?;
        Ok(Saved { customer, warnings })
    }

    /// Applies `patch` (field key → new text) to the customer `code`. Fields
    /// not in the patch keep their values; an empty text clears a field.
    pub fn edit_customer(&mut self, code: &str, patch: &FieldValues) -> Result<Saved> {
        self.require(Permission::EditCustomers)?;
        let threshold = self.supervisor_credit_limit()?;
        let index = super::name_index::synced(&self.similar_index, &self.conn)?;
        let tx = self.conn.transaction()?;
        let old = find(&tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let mut writer = Writer::new(&tx, &self.operator)?;
        let values = writer.merge_patch(&old, patch);
        let checked = writer.check(&tx, &values, Some(&old), scan_with(index.as_deref()))?;
        if checked.problems.has_errors() {
            return Err(StoreError::Invalid(checked.problems));
        }
        if leaves_review(&old.data, &checked.data) {
            return Err(status_under_review(&old.data.code));
        }
        let mut checked = checked;
        let mut queued = None;
        if raises_limit(&checked.data, Some(&old.data), threshold)
            && !allowed(&self.control, Permission::RaiseCreditLimit)
        {
            if !review_on(&tx)? {
                drop(writer);
                drop(tx);
                return Err(self.refusal(Permission::RaiseCreditLimit));
            }
            // Under review the raise waits for a supervisor; the rest is saved.
            queued = Some(checked.data.credit_limit);
            checked.data.credit_limit = old.data.credit_limit;
        }
        let customer = writer.update(&tx, &old, checked.data, "update")?;
        let mut warnings = checked.problems;
        if let Some(limit) = queued {
            queue_limit(
                &tx,
                old.id,
                old.data.credit_limit,
                limit,
                &self.operator,
                writer.now(),
            )?;
            warnings.push(limit_queued(&old.data.code, limit));
        }
        tx.commit()?;
        Ok(Saved { customer, warnings })
    }

    /// Puts a customer on hold, archives or reactivates it. Reactivating is
    /// refused while another live customer holds the same tax ID.
    pub fn set_status(&mut self, code: &str, status: Status) -> Result<Customer> {
        self.require(Permission::EditCustomers)?;
        let tx = self.conn.transaction()?;
        let old = find(&tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        if old.data.status == status {
            return Ok(old);
        }
        let mut writer = Writer::new(&tx, &self.operator)?;
        let mut data = old.data.clone();
        data.status = status;
        if leaves_review(&old.data, &data) {
            return Err(status_under_review(&old.data.code));
        }
        if let Some(owner) = writer.live_tax_id_owner(&tx, &data, Some(old.id))? {
            return Err(StoreError::Coded(
                Message::new("customer.tax_id_taken")
                    .with("tax_id", &data.tax_id)
                    .with("code", &owner.code)
                    .with("name", &owner.name),
            ));
        }
        let customer = writer.update(&tx, &old, data, "status")?;
        tx.commit()?;
        Ok(customer)
    }

    /// Deletes a customer that has no ledger entries, keeping a full snapshot
    /// in the audit trail. Customers with entries can only be archived.
    pub fn delete_customer(&mut self, code: &str) -> Result<()> {
        self.require(Permission::DeleteCustomers)?;
        let tx = self.conn.transaction()?;
        let old = find(&tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        if has_ledger_entries(&tx, old.id)? {
            return Err(StoreError::HasLedger {
                code: old.data.code,
            });
        }
        // Customers merged into it point at it: their code finds it.
        let merged: Option<String> = tx
            .query_row(
                "SELECT code FROM customer WHERE merged_into = ?1 LIMIT 1",
                [old.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(merged) = merged {
            return Err(StoreError::Coded(
                Message::new("customer.merged_into_it")
                    .with("code", &old.data.code)
                    .with("merged", merged),
            ));
        }
        let writer = Writer::new(&tx, &self.operator)?;
        writer.delete(&tx, &old)?;
        tx.commit()?;
        Ok(())
    }

    pub fn customer(&self, code: &str) -> Result<Option<Customer>> {
        find(&self.conn, code)
    }

    /// The highest customer id (0 with none): a bound on how many there
    /// are from one index lookup, where counting reads every row.
    pub fn customer_id_bound(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM customer", [], |r| {
                r.get(0)
            })?)
    }

    /// Customers not archived. Reads no table row: count(*) counts the
    /// pages of an index, the archived ones come from their own small index
    /// (migration 015).
    pub fn customer_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(COUNT_NOT_ARCHIVED, [], |r| r.get(0))?)
    }

    pub fn list_customers(&self, filter: &ListFilter) -> Result<Vec<Customer>> {
        let mut sql = format!("SELECT {COLUMNS} FROM customer WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        match filter.status {
            Some(status) => {
                args.push(status.key().to_string());
                sql.push_str(&format!(" AND status = ?{}", args.len()));
            }
            None if !filter.include_archived => sql.push_str(" AND status <> 'archived'"),
            None => {}
        }
        if let Some(q) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            // instr, not LIKE: a LIKE pattern over 50,000 bytes fails as "too
            // complex", and a pasted page of text is still a search. Both fold
            // ASCII case only, as LIKE did.
            args.push(q.to_ascii_lowercase());
            let n = args.len();
            let hit = |col: &str| format!("instr(lower({col}), ?{n}) > 0");
            let cols = [
                "name",
                "short_name",
                "code",
                "mnemonic",
                "tax_id",
                "phone",
                "mobile",
                "contact",
            ];
            let mut any: Vec<String> = cols.iter().map(|c| hit(c)).collect();
            // A customer merged into another is found as the one it was merged into.
            any.push(format!(
                "id IN (SELECT d.merged_into FROM customer d WHERE d.merged_into IS NOT NULL
                        AND (instr(lower(d.code), ?{n}) > 0 OR instr(lower(d.name), ?{n}) > 0
                             OR instr(lower(d.short_name), ?{n}) > 0 OR instr(lower(d.mnemonic), ?{n}) > 0))"
            ));
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
        sql.push_str(" ORDER BY code");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut customers = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), customer_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut classes = all_classifications(&self.conn)?;
        for c in &mut customers {
            if let Some(map) = classes.remove(&c.id) {
                c.data.classification = map;
            }
        }
        Ok(customers)
    }
}

pub(super) fn has_ledger_entries(conn: &Connection, customer_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM ledger_entry WHERE customer_id = ?1)",
        [customer_id],
        |r| r.get(0),
    )?)
}

pub(super) fn find(conn: &Connection, code: &str) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customer WHERE code = ?1");
    let found = conn
        .prepare_cached(&sql)?
        .query_row([code_key(code).as_ref()], customer_from_row)
        .optional()?;
    let Some(mut customer) = found else {
        return Ok(None);
    };
    customer.data.classification = classification_of(conn, customer.id)?;
    Ok(Some(customer))
}

fn classification_of(conn: &Connection, customer_id: i64) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.code, v.name FROM customer_class c
         JOIN dimension d ON d.id = c.dimension_id JOIN dimension_value v ON v.id = c.value_id
         WHERE c.customer_id = ?1",
    )?;
    let rows = stmt.query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn all_classifications(conn: &Connection) -> Result<HashMap<i64, BTreeMap<String, String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.customer_id, d.code, v.name FROM customer_class c
         JOIN dimension d ON d.id = c.dimension_id JOIN dimension_value v ON v.id = c.value_id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
    while let Some(row) = rows.next()? {
        out.entry(row.get(0)?)
            .or_default()
            .insert(row.get(1)?, row.get(2)?);
    }
    Ok(out)
}

pub(super) fn customer_from_row(row: &Row) -> rusqlite::Result<Customer> {
    let text = |i: usize| row.get::<_, String>(i);
    let key = |i: usize| row.get::<_, Option<String>>(i);
    Ok(Customer {
        id: row.get(0)?,
        data: CustomerData {
            code: text(1)?,
            name: text(2)?,
            short_name: text(3)?,
            mnemonic: text(4)?,
            kind: Kind::parse(&text(5)?).unwrap_or(Kind::Company),
            tax_id: text(6)?,
            contact: text(7)?,
            phone: text(8)?,
            mobile: text(9)?,
            email: text(10)?,
            registered_address: text(11)?,
            business_address: text(12)?,
            bank_name: text(13)?,
            bank_account: text(14)?,
            invoice_type: key(15)?.as_deref().and_then(InvoiceType::parse),
            tax_rate: row.get::<_, Option<u8>>(16)?.and_then(TaxRate::new),
            settlement: key(17)?.as_deref().and_then(Settlement::parse),
            payment_days: row.get(18)?,
            credit_limit: row.get::<_, Option<i64>>(19)?.map(Money::from_fen),
            status: Status::parse(&text(20)?).unwrap_or(Status::Active),
            notes: text(21)?,
            classification: BTreeMap::new(),
        },
        created_at: text(22)?,
        updated_at: text(23)?,
    })
}

#[cfg(test)]
mod count_tests;
