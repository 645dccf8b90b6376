//! Finding the customer a row of a ledger file names — by code, tax ID or
//! name — inside the bulk's own transaction (so customers added by the same
//! run are seen too). Each is an index lookup.

use std::rc::Rc;

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::super::Result;
use super::bulk::LedgerBulk;
use crate::domain::customer::code_key;
use crate::domain::names::name_key;
use crate::domain::tax_id::normalize;

/// A customer as a ledger row names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CustomerRef {
    pub code: String,
    pub name: String,
    pub tax_id: String,
    /// `active`, `on_hold` or `archived`.
    pub status: String,
}

const COLUMNS: &str = "code, name, tax_id, status";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<CustomerRef> {
    Ok(CustomerRef {
        code: r.get(0)?,
        name: r.get(1)?,
        tax_id: r.get(2)?,
        status: r.get(3)?,
    })
}

impl LedgerBulk<'_> {
    /// The customer with this code (any status), codes compared as stored
    /// (upper case). Remembered for the bulk: a ledger file names the same
    /// customers again and again, and none changes inside the bulk.
    /// Shared, not copied: a file names one of its customers on every row.
    pub fn customer_by_code(&mut self, code: &str) -> Result<Option<Rc<CustomerRef>>> {
        let key = code_key(code);
        if let Some(found) = self.by_code.get(key.as_ref()) {
            return Ok(found.clone());
        }
        let found = self
            .tx
            .prepare_cached(&format!("SELECT {COLUMNS} FROM customer WHERE code = ?1"))?
            .query_row([key.as_ref()], from_row)
            .optional()?
            .map(Rc::new);
        self.by_code.insert(key.into_owned(), found.clone());
        Ok(found)
    }

    /// The live (not archived) customer holding this tax ID, written any way
    /// people type it (spaces, full-width, lower case).
    pub fn customer_by_tax_id(&self, tax_id: &str) -> Result<Option<CustomerRef>> {
        let key = normalize(tax_id);
        if key.is_empty() {
            return Ok(None);
        }
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM customer
                 WHERE tax_id = ?1 AND status <> 'archived' ORDER BY id LIMIT 1"
            ))?
            .query_row([key], from_row)
            .optional()?)
    }

    /// Live customers whose name is the same once normalised (有限公司,
    /// brackets and full-width forms aside): more than one is ambiguous.
    pub fn customers_by_name(&self, name: &str) -> Result<Vec<CustomerRef>> {
        let key = name_key(name);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customer
             WHERE name_key = ?1 AND status <> 'archived' ORDER BY id LIMIT 5"
        ))?;
        let found = stmt.query_map([key], from_row)?;
        Ok(found.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the customer's entry of this type and number was written by
    /// this bulk (ids are given in order, from past the largest at its start).
    pub fn written_here(&self, code: &str, kind: &str, doc_no: &str) -> Result<bool> {
        if let Some(docs) = self.held.docs.as_ref() {
            // The index the query below would use is dropped (batch_load.rs).
            let customer: Option<i64> = self
                .tx
                .prepare_cached("SELECT id FROM customer WHERE code = ?1")?
                .query_row([code], |r| r.get(0))
                .optional()?;
            let Some(customer) = customer else {
                return Ok(false);
            };
            let found = docs.find(&self.tx, customer, kind, doc_no)?;
            return Ok(found.is_some_and(|(id, _)| id >= self.first_new_entry));
        }
        let id: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT e.id FROM ledger_entry e JOIN customer c ON c.id = e.customer_id
                 WHERE c.code = ?1 AND e.kind = ?2 AND e.doc_no = ?3",
            )?
            .query_row(rusqlite::params![code, kind, doc_no], |r| r.get(0))
            .optional()?;
        Ok(id.is_some_and(|id| id >= self.first_new_entry))
    }
}
