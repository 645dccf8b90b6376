//! The checks that need the database: duplicate tax ID and code (errors)
//! and similar names (warnings), on top of the field validation.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Writer;
use crate::domain::classification::Catalog;
use crate::domain::customer::{Customer, CustomerData, Status};
use crate::domain::field::{FieldSource, FieldValues};
use crate::domain::money::Money;
use crate::domain::name_index::NameIndex;
use crate::domain::names::{is_similar, name_key};
use crate::domain::validate::{ParsedFields, Rules, parse_fields};
use crate::domain::{Problem, Problems, Text};
use crate::store::Result;

/// Validation result with the database checks included.
#[derive(Clone, Debug)]
pub struct Checked {
    pub data: CustomerData,
    /// `names::name_key` of the name, computed once for lookup and storage.
    pub name_key: String,
    pub problems: Problems,
    /// Existing customers whose names look like this one (for a "save anyway?" dialog).
    pub similar: Vec<Candidate>,
}

/// An existing customer that a new one may duplicate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub code: String,
    pub name: String,
    pub status: Status,
}

/// How hard to look for similar names: one indexed lookup of the exact
/// normalised name (bulk), a scan with fuzzy matching (one record at a
/// time), or the same fuzzy matching through a name index kept in step
/// with the database (see `store/name_index.rs`).
#[derive(Clone, Copy)]
pub enum SimilarScan<'a> {
    ExactKey,
    Full,
    Indexed(&'a NameIndex),
}

const MAX_CANDIDATES: usize = 5;

impl Writer {
    /// Field validation plus the database checks: duplicate tax ID and code
    /// (errors), similar names (warnings).
    pub fn check(
        &self,
        conn: &Connection,
        values: &FieldValues,
        existing: Option<&Customer>,
        scan: SimilarScan<'_>,
    ) -> Result<Checked> {
        let mut checked = self.check_fields(conn, values, existing, scan)?;
        self.unique_problems(conn, &mut checked, existing.map(|c| c.id))?;
        Ok(checked)
    }

    /// Everything but the uniqueness checks, which a bulk insert leaves to
    /// the UNIQUE indexes (one lookup fewer per row) and runs only on conflict.
    pub(super) fn check_fields(
        &self,
        conn: &Connection,
        values: &FieldValues,
        existing: Option<&Customer>,
        scan: SimilarScan<'_>,
    ) -> Result<Checked> {
        let mut checked = self.field_check().check(values, existing);
        let similar = self.similar_names(conn, &checked.name_key, existing.map(|c| c.id), scan)?;
        if !similar.is_empty() {
            checked.problems.push(similar_names_warning(&similar));
        }
        checked.similar = similar;
        Ok(checked)
    }

    /// The checks that need no database, for use away from it.
    pub fn field_check(&self) -> FieldCheck {
        FieldCheck {
            catalog: self.catalog.clone(),
            ceiling: self.ceiling,
        }
    }

    pub(super) fn unique_problems(
        &self,
        conn: &Connection,
        checked: &mut Checked,
        own_id: Option<i64>,
    ) -> Result<()> {
        let data = &checked.data;
        if let Some(owner) = self.live_tax_id_owner(conn, data, own_id)? {
            let problem = tax_id_taken(&data.tax_id, &owner.code, &owner.name);
            checked.problems.push(problem);
        }
        if !data.code.is_empty() {
            let taken: Option<String> = conn
                .prepare_cached("SELECT name FROM customer WHERE code = ?1 AND id IS NOT ?2")?
                .query_row(params![data.code, own_id], |r| r.get(0))
                .optional()?;
            if let Some(name) = taken {
                let problem = code_taken(&data.code, &name);
                checked.problems.push(problem);
            }
        }
        Ok(())
    }

    /// The live customer (other than `own_id`) holding this tax ID, if any.
    pub fn live_tax_id_owner(
        &self,
        conn: &Connection,
        data: &CustomerData,
        own_id: Option<i64>,
    ) -> Result<Option<Candidate>> {
        if data.tax_id.is_empty() || data.status == Status::Archived {
            return Ok(None);
        }
        // `tax_id <> ''` repeats the partial index's condition so SQLite uses it.
        Ok(conn
            .prepare_cached(
                "SELECT code, name, status FROM customer
                 WHERE tax_id = ?1 AND tax_id <> '' AND status <> 'archived' AND id IS NOT ?2",
            )?
            .query_row(params![data.tax_id, own_id], candidate_from_row)
            .optional()?)
    }

    fn similar_names(
        &self,
        conn: &Connection,
        key: &str,
        own_id: Option<i64>,
        scan: SimilarScan<'_>,
    ) -> Result<Vec<Candidate>> {
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        if let SimilarScan::Indexed(index) = scan {
            let mut stmt =
                conn.prepare_cached("SELECT code, name, status FROM customer WHERE id = ?1")?;
            for id in index.similar(key, own_id, MAX_CANDIDATES) {
                if let Some(c) = stmt.query_row([id], candidate_from_row).optional()? {
                    found.push(c);
                }
            }
            return Ok(found);
        }
        if matches!(scan, SimilarScan::ExactKey) {
            // Most rows of an import have a name no one has: a hash probe
            // answers that without a query.
            if !self.may_know_key(conn, key)? {
                return Ok(found);
            }
            let mut stmt = conn.prepare_cached(
                "SELECT code, name, status FROM customer WHERE name_key = ?1 AND id IS NOT ?2 LIMIT 5",
            )?;
            for c in stmt.query_map(params![key, own_id], candidate_from_row)? {
                found.push(c?);
            }
            return Ok(found);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT code, name, status, name_key FROM customer WHERE id IS NOT ?1",
        )?;
        let mut rows = stmt.query([own_id])?;
        while let Some(row) = rows.next()? {
            let other_key: String = row.get(3)?;
            if is_similar(key, &other_key) {
                found.push(candidate_from_row(row)?);
                if found.len() == MAX_CANDIDATES {
                    break;
                }
            }
        }
        Ok(found)
    }
}

/// Field validation alone (no database): what can run on another thread
/// while the database writes earlier rows.
#[derive(Clone, Debug)]
pub struct FieldCheck {
    catalog: Catalog,
    ceiling: Money,
}

impl FieldCheck {
    /// Whether dimension `dimension` (by code) lacks `value` altogether
    /// (a retired value is known: it is refused, not added again).
    pub fn is_new_value(&self, dimension: &str, value: &str) -> bool {
        self.catalog
            .dimension(dimension)
            .is_some_and(|d| !d.retired && d.value(value).is_none())
    }

    /// Lets rows with `value` under `dimension` pass from now on: the value
    /// an import adds (`BulkInsert::add_class_value` writes it).
    pub fn learn_value(&mut self, dimension: &str, value: &str) {
        if let Some(dim) = self
            .catalog
            .dimensions
            .iter_mut()
            .find(|d| d.code == dimension)
        {
            dim.values
                .push(crate::domain::classification::DimensionValue {
                    name: value.trim().to_string(),
                    retired: false,
                });
        }
    }

    /// `values` parsed and checked as the form checks them; `existing` is
    /// the stored record when editing. No similar names, no uniqueness.
    pub fn check(&self, values: &impl FieldSource, existing: Option<&Customer>) -> Checked {
        self.finish(self.parser().parse(values), values, existing)
    }

    /// `check`'s first half, which needs no catalog: it can run on another
    /// thread while this check learns new classification values.
    pub fn parser(&self) -> FieldParser {
        FieldParser {
            ceiling: self.ceiling,
        }
    }

    /// `check` from what `parser` made of the same `values`: the
    /// classification and the rest (the fields are not parsed again).
    pub fn finish(
        &self,
        parsed: ParsedCustomer,
        values: &impl FieldSource,
        existing: Option<&Customer>,
    ) -> Checked {
        let rules = Rules {
            credit_ceiling: self.ceiling,
            catalog: &self.catalog,
            kept_classification: existing.map(|c| &c.data.classification),
        };
        let ParsedCustomer { fields, name_key } = parsed;
        let (data, mut problems) = fields.classify(values, &rules);
        if existing.is_some() && data.code.is_empty() {
            problems.push(Problem::error(
                "code",
                "code.required",
                Text::new(
                    "An existing customer keeps a code.",
                    "已有客户的编码不能为空。",
                ),
            ));
        }
        Checked {
            data,
            name_key,
            problems,
            similar: Vec::new(),
        }
    }
}

/// Parses a customer's fields but for its classification (`FieldCheck::parser`).
#[derive(Clone, Copy, Debug)]
pub struct FieldParser {
    ceiling: Money,
}

/// A customer's fields parsed, with its name key: `FieldCheck::finish` takes it.
#[derive(Clone, Debug)]
pub struct ParsedCustomer {
    fields: ParsedFields,
    name_key: String,
}

impl ParsedCustomer {
    /// The tax ID and name key the row is matched on (`finish` keeps both).
    pub fn keys(&self) -> (&str, &str) {
        (&self.fields.data.tax_id, &self.name_key)
    }
}

impl FieldParser {
    /// The fields of `values` (not `values.others()`) and the name key.
    pub fn parse(&self, values: &impl FieldSource) -> ParsedCustomer {
        let fields = parse_fields(values, self.ceiling);
        let name_key = name_key(&fields.data.name);
        ParsedCustomer { fields, name_key }
    }
}

/// "Tax ID … already belongs to …" (an error).
pub(in crate::store) fn tax_id_taken(tax_id: &str, code: &str, name: &str) -> Problem {
    Problem::error(
        "tax_id",
        "tax_id.duplicate",
        Text::new(
            format!("Tax ID {tax_id} already belongs to {code} {name}."),
            format!("税号 {tax_id} 已属于客户 {code} {name}。"),
        ),
    )
}

/// "Code … is already used by …" (an error).
pub(in crate::store) fn code_taken(code: &str, name: &str) -> Problem {
    Problem::error(
        "code",
        "code.duplicate",
        Text::new(
            format!("Code {code} is already used by {name}."),
            format!("编码 {code} 已被 {name} 使用。"),
        ),
    )
}

/// "Similar to existing customer(s): …" (a warning).
pub(in crate::store) fn similar_names_warning(similar: &[Candidate]) -> Problem {
    let list: Vec<String> = similar
        .iter()
        .map(|c| format!("{} {}", c.code, c.name))
        .collect();
    Problem::warning(
        "name",
        "name.similar",
        Text::new(
            format!("Similar to existing customer(s): {}.", list.join("; ")),
            format!("与已有客户名称相似：{}。", list.join("；")),
        ),
    )
}

impl Writer {
    /// Whether a customer with this name key may exist (false positives only).
    fn may_know_key(&self, conn: &Connection, key: &str) -> Result<bool> {
        let mut known = self.known_keys.borrow_mut();
        let set = match known.as_mut() {
            Some(set) => set,
            None => {
                let mut set = HashSet::new();
                let mut stmt = conn.prepare("SELECT name_key FROM customer")?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    set.insert(key_hash(row.get_ref(0)?.as_str().unwrap_or("")));
                }
                known.insert(set)
            }
        };
        Ok(set.contains(&key_hash(key)))
    }

    /// Keeps the probe set in step with rows written through this writer.
    pub(in crate::store) fn remember_key(&self, key: &str) {
        if let Some(set) = self.known_keys.borrow_mut().as_mut() {
            set.insert(key_hash(key));
        }
    }
}

fn key_hash(key: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

fn candidate_from_row(row: &rusqlite::Row) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        code: row.get(0)?,
        name: row.get(1)?,
        status: Status::parse(&row.get::<_, String>(2)?).unwrap_or(Status::Active),
    })
}
