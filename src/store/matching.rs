//! What an import needs from a bulk write beyond check/insert: which stored
//! customer a row duplicates (matched on keys held in memory, see known.rs),
//! inserting a row already checked (so it is not validated twice), and an
//! update that tells "changed" from "same as before".

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Result;
use super::bulk::{BulkInsert, held_insert};
use super::control::{Event, raises_limit, record_event};
use super::customers::find;
use super::known::{KnownKeys, Stored};
use super::review::{leaves_review, queue_limit, review_on};
use super::writer::{
    Candidate, Checked, FieldCheck, code_taken, similar_names_warning, tax_id_taken,
};
use crate::domain::customer::{Customer, CustomerData, Status};
use crate::domain::field::FieldValues;
use crate::domain::money::Money;
use crate::domain::names::name_key;
use crate::domain::permission::Permission;
use crate::domain::{Problem, Text};

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

/// Customers a bulk inserted earlier that share a new row's keys, as the
/// caller found them (`BulkInsert::caller_matches_new_rows`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewMatches {
    /// Same live tax ID.
    pub tax_id: Vec<i64>,
    /// Same normalised name.
    pub name: Vec<i64>,
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

    /// Adds a classification value the catalog did not know (an import's
    /// new value), in this bulk's transaction: rolled back with it.
    pub fn add_class_value(&mut self, dimension: &str, value: &str) -> Result<()> {
        let value = value.trim();
        // The catalog check refuses a retired value, so what arrives here is
        // new unless another row of the run added it already.
        let (dim_id, known): (i64, bool) = self
            .tx
            .prepare_cached(
                "SELECT d.id, EXISTS (SELECT 1 FROM dimension_value v
                                      WHERE v.dimension_id = d.id AND v.name = ?2)
                 FROM dimension d WHERE d.code = ?1",
            )?
            .query_row([dimension, value], |r| Ok((r.get(0)?, r.get(1)?)))?;
        self.writer.add_class_value(&self.tx, dimension, value)?;
        if !known {
            self.added_values.push((dim_id, value.to_string()));
        }
        Ok(())
    }

    /// The code of customer `id` (inserted in this bulk or before).
    pub fn code_of(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT code FROM customer WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Loads every stored customer's keys into memory: from here on rows are
    /// matched (`match_stored`) without a query each, and the indexes on
    /// those keys are not read, so a large load may build them afterwards.
    pub fn match_in_memory(&mut self) -> Result<()> {
        if self.keys.is_none() {
            self.keys = Some(KnownKeys::load(&self.tx)?);
        }
        Ok(())
    }

    /// The caller matches the rows this bulk inserts against each other
    /// (an import does it on its reading thread) and passes what it finds to
    /// `match_stored`; the keys in memory then stay those of the customers
    /// stored before, which `patch` may not be used with.
    pub fn caller_matches_new_rows(&mut self) {
        self.track_inserted = false;
    }

    /// Field checks that need no database, to run on another thread.
    pub fn field_check(&self) -> FieldCheck {
        self.writer.field_check()
    }

    /// Adds to `checked` (from `field_check`) what the stored customers say
    /// about it — its tax ID or code already taken (errors), customers of the
    /// same normalised name (a warning) — and returns the stored customer the
    /// row is: same live tax ID, else same code, else same name, the last
    /// two only when the tax IDs do not differ. `new` names customers this
    /// bulk inserted that share its keys, when the caller matches those
    /// (`caller_matches_new_rows`). Call `match_in_memory` first.
    pub fn match_stored(
        &self,
        checked: &mut Checked,
        new: &NewMatches,
    ) -> Result<Option<Existing>> {
        let Clashes {
            tax_owner,
            code_owner,
            same_name,
        } = self.clashes(checked, None, new)?;
        // A code or a name shared with a customer of another tax ID is a clash
        // (code) or a lookalike (name), not the same customer.
        let same_entity = |s: &Stored| {
            checked.data.tax_id.is_empty() || s.tax_id.is_empty() || s.tax_id == checked.data.tax_id
        };
        let found = tax_owner
            .map(|s| (s, MatchedBy::TaxId))
            .or_else(|| code_owner.filter(same_entity).map(|s| (s, MatchedBy::Code)))
            .or_else(|| {
                same_name
                    .into_iter()
                    .find(same_entity)
                    .map(|s| (s, MatchedBy::Name))
            });
        // A new customer's limit above the supervisor amount: refused for
        // this operator, unless the customer is put up for review anyway.
        if let Some(threshold) = self.limit_threshold
            && found.is_none()
            && !self.writer.pending_review
            && raises_limit(&checked.data, None, threshold)
        {
            let refused = self.limit_refused(&checked.data, threshold)?;
            checked.problems.push(refused);
        }
        Ok(found.map(|(s, by)| Existing {
            id: s.id,
            code: s.code,
            name: s.name,
            by,
        }))
    }

    /// Inserts a row `check` passed (no errors), without checking it
    /// again; gives the new customer's id and the record as stored.
    pub fn insert_checked(&mut self, checked: Checked) -> Result<(i64, CustomerData)> {
        // The name key is needed afterwards only when inserted rows are tracked.
        let tracked =
            (self.track_inserted && self.keys.is_some()).then(|| checked.name_key.clone());
        let insert = held_insert(&mut self.insert, self.conn)?;
        let (id, data) = self.writer.insert_data(&self.tx, insert, checked)?;
        if let (Some(key), Some(keys)) = (tracked, self.keys.as_mut()) {
            keys.add(id, &data, &key);
        }
        self.inserted += 1;
        self.defer_if_large()?;
        Ok((id, data))
    }

    /// Lays `patch` over the stored customer `code`, validated and audited
    /// like an edit, uniqueness checked against the keys in memory.
    pub fn patch(&mut self, code: &str, patch: &FieldValues) -> Result<Patched> {
        let Some(old) = find(&self.tx, code)? else {
            return Err(super::StoreError::NotFound(code.to_string()));
        };
        let values = self.writer.merge_patch(&old, patch);
        let mut checked = self.writer.field_check().check(&values, Some(&old));
        if !self.track_inserted {
            return Err(super::StoreError::Refused(
                "patch needs the keys of the rows inserted in this bulk".into(),
            ));
        }
        self.clashes(&mut checked, Some(old.id), &NewMatches::default())?;
        if leaves_review(&old.data, &checked.data) {
            checked.problems.push(Problem::error(
                "status",
                "review.status_pending",
                Text::new(
                    format!(
                        "{} awaits review: a supervisor approves or rejects it (kehu review).",
                        old.data.code
                    ),
                    format!(
                        "{} 待审核：须由主管审核通过或驳回（kehu review）。",
                        old.data.code
                    ),
                ),
            ));
        }
        let mut queued = None;
        if let Some(threshold) = self.limit_threshold
            && raises_limit(&checked.data, Some(&old.data), threshold)
        {
            if review_on(&self.tx)? {
                queued = Some(checked.data.credit_limit);
                checked.data.credit_limit = old.data.credit_limit;
            } else {
                let refused = self.limit_refused(&checked.data, threshold)?;
                checked.problems.push(refused);
            }
        }
        if checked.problems.has_errors() {
            return Ok(Patched::Invalid(checked));
        }
        if let Some(limit) = queued {
            queue_limit(
                &self.tx,
                old.id,
                old.data.credit_limit,
                limit,
                self.writer.operator(),
                self.writer.now(),
            )?;
        }
        if checked.data == old.data {
            return Ok(Patched::Unchanged(old));
        }
        let (new_key, old_key) = (checked.name_key, name_key(&old.data.name));
        let customer = self.writer.update(&self.tx, &old, checked.data, "update")?;
        if let Some(keys) = self.keys.as_mut() {
            keys.remove(old.id, &old.data, &old_key);
            keys.add(customer.id, &customer.data, &new_key);
        }
        self.updated += 1;
        Ok(Patched::Updated(customer))
    }

    /// The stored customers (other than `except`) a checked record clashes
    /// with — its live tax ID or code taken (errors), the same normalised
    /// name (a warning) — each added to `checked.problems`.
    fn clashes(
        &self,
        checked: &mut Checked,
        except: Option<i64>,
        new: &NewMatches,
    ) -> Result<Clashes> {
        let keys = self.keys()?;
        let data = &checked.data;
        let tax_owner = match data.status {
            Status::Archived => None,
            _ => keys.tax_owner(&self.tx, &data.tax_id, except, &new.tax_id)?,
        };
        let code_owner = keys.code_owner(&self.tx, &data.code, except)?;
        let same_name = keys.same_name(&self.tx, &checked.name_key, except, &new.name)?;
        if let Some(owner) = &tax_owner {
            let problem = tax_id_taken(&data.tax_id, &owner.code, &owner.name);
            checked.problems.push(problem);
        }
        if let Some(owner) = &code_owner {
            checked.problems.push(code_taken(&data.code, &owner.name));
        }
        if !same_name.is_empty() {
            checked.similar = same_name.iter().map(candidate).collect();
            checked
                .problems
                .push(similar_names_warning(&checked.similar));
        }
        Ok(Clashes {
            tax_owner,
            code_owner,
            same_name,
        })
    }

    /// The id of the last audit row written so far (0 when none).
    pub fn last_audit_id(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// The refusal of a row's credit limit, recorded in the control trail
    /// like any refusal (it stays only if the bulk commits).
    pub(super) fn limit_refused(&self, data: &CustomerData, threshold: Money) -> Result<Problem> {
        let detail = format!(
            "import: {} credit_limit {}",
            data.name,
            data.credit_limit.map(|m| m.to_string()).unwrap_or_default()
        );
        record_event(
            &self.tx,
            &Event {
                action: "refused",
                operator: self.writer.operator(),
                customer: None,
                subject: Permission::RaiseCreditLimit.key(),
                detail: Some(&detail),
            },
        )?;
        Ok(limit_refused(&data.credit_limit, threshold))
    }

    fn keys(&self) -> Result<&KnownKeys> {
        self.keys.as_ref().ok_or_else(|| {
            super::StoreError::Refused("match_in_memory was not called on this bulk".into())
        })
    }
}

/// What `clashes` found.
struct Clashes {
    tax_owner: Option<Stored>,
    code_owner: Option<Stored>,
    same_name: Vec<Stored>,
}

fn candidate(s: &Stored) -> Candidate {
    Candidate {
        code: s.code.clone(),
        name: s.name.clone(),
        status: s.status,
    }
}

/// A row's credit limit above what this operator may set.
fn limit_refused(limit: &Option<Money>, threshold: Money) -> Problem {
    let limit = crate::domain::ledger::credit::limit_text(*limit);
    Problem::error(
        "credit_limit",
        "permission.credit_limit",
        Text::new(
            format!(
                "A credit limit of {} is above the supervisor amount {}: only a supervisor sets it [raise_credit_limit]. Lower it, or ask a supervisor to import this row (or turn on review: kehu settings review-new-customers on).",
                limit.en,
                threshold.grouped()
            ),
            format!(
                "信用额度 {} 超过主管审批金额 {}：须由主管设置（raise_credit_limit）。请调低额度，或请主管导入此行（或开启审核：kehu settings review-new-customers on）。",
                limit.zh,
                threshold.grouped()
            ),
        ),
    )
}
