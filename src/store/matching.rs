//! What an import needs from a bulk write beyond check/insert: which stored
//! customer a row duplicates, inserting a row already checked (so it is not
//! validated twice), and an update that tells "changed" from "same as before".

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Result;
use super::bulk::BulkInsert;
use super::customers::find;
use super::writer::{Checked, SimilarScan};
use crate::domain::customer::Customer;
use crate::domain::field::FieldValues;

/// Which key a row matched a stored customer on, in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    TaxId,
    Code,
    Name,
}

impl MatchedBy {
    pub fn key(self) -> &'static str {
        match self {
            MatchedBy::TaxId => "tax_id",
            MatchedBy::Code => "code",
            MatchedBy::Name => "name",
        }
    }
}

/// A stored customer that a new row duplicates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Existing {
    #[serde(skip)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub by: MatchedBy,
}

/// The outcome of applying a patch to a stored customer.
#[derive(Clone, Debug)]
pub enum Patched {
    Updated(Customer),
    /// Every patched field already had that value: nothing written.
    Unchanged(Customer),
    /// The result would be invalid: nothing written.
    Invalid(Checked),
}

impl BulkInsert<'_> {
    /// The highest customer id so far (0 when none). Rows inserted after this
    /// call get larger ids, which is how a match with an earlier row of the same
    /// file is told from a match with a customer that was there before.
    pub fn last_customer_id(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT COALESCE(MAX(id), 0) FROM customer", [], |r| {
                r.get(0)
            })?)
    }

    /// The stored customer `checked` duplicates: same live tax ID, else same
    /// code, else same normalised name — the last two only when the tax IDs do
    /// not differ. Reads the database only when `check` already saw a clash,
    /// so rows without one cost nothing more.
    pub fn duplicate_of(&self, checked: &Checked) -> Result<Option<Existing>> {
        let saw = |code: &str| checked.problems.iter().any(|p| p.code == code);
        let data = &checked.data;
        let lookup = |sql: &str, key: &str, by: MatchedBy| -> Result<Option<(Existing, String)>> {
            Ok(self
                .tx
                .prepare_cached(sql)?
                .query_row([key], |r| {
                    let existing = Existing {
                        id: r.get(0)?,
                        code: r.get(1)?,
                        name: r.get(2)?,
                        by,
                    };
                    Ok((existing, r.get(3)?))
                })
                .optional()?)
        };
        // A code or a name shared with a customer of another tax ID is a clash
        // (code) or a lookalike (name), not the same customer.
        let same_entity =
            |tax_id: &str| data.tax_id.is_empty() || tax_id.is_empty() || tax_id == data.tax_id;
        const BY_CODE: &str = "SELECT id, code, name, tax_id FROM customer WHERE code = ?1";
        if saw("tax_id.duplicate")
            && let Some((found, _)) = lookup(
                "SELECT id, code, name, tax_id FROM customer
                 WHERE tax_id = ?1 AND tax_id <> '' AND status <> 'archived' ORDER BY id LIMIT 1",
                &data.tax_id,
                MatchedBy::TaxId,
            )?
        {
            return Ok(Some(found));
        }
        if saw("code.duplicate")
            && let Some((found, tax_id)) = lookup(BY_CODE, &data.code, MatchedBy::Code)?
            && same_entity(&tax_id)
        {
            return Ok(Some(found));
        }
        for candidate in &checked.similar {
            if let Some((found, tax_id)) = lookup(BY_CODE, &candidate.code, MatchedBy::Name)?
                && same_entity(&tax_id)
            {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// Inserts a row `check` passed (no errors), without checking it again.
    pub fn insert_checked(&mut self, checked: Checked) -> Result<Customer> {
        let customer = self.writer.insert(&self.tx, checked)?;
        self.inserted += 1;
        Ok(customer)
    }

    /// Lays `patch` over the customer `code`, validated and audited like an edit.
    pub fn patch(&mut self, code: &str, patch: &FieldValues) -> Result<Patched> {
        let Some(old) = find(&self.tx, code)? else {
            return Err(super::StoreError::NotFound(code.to_string()));
        };
        let values = self.writer.merge_patch(&old, patch);
        let checked = self
            .writer
            .check(&self.tx, &values, Some(&old), SimilarScan::ExactKey)?;
        if checked.problems.has_errors() {
            return Ok(Patched::Invalid(checked));
        }
        if checked.data == old.data {
            return Ok(Patched::Unchanged(old));
        }
        let customer = self.writer.update(&self.tx, &old, checked.data, "update")?;
        self.updated += 1;
        Ok(Patched::Updated(customer))
    }

    /// The id of the last audit row written so far (0 when none).
    pub fn last_audit_id(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0))?)
    }
}
