//! The write path shared by single edits and bulk imports: checks that need
//! the database, code allocation, row + classification + audit writes.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::audit::AuditWrite;
use super::catalog::load_catalog;
use super::{Result, now_text};
use crate::domain::classification::Catalog;
use crate::domain::customer::{Customer, CustomerData, Status};
use crate::domain::field::{FieldValues, values_of};
use crate::domain::mnemonic::mnemonic;
use crate::domain::money::Money;
use crate::domain::names::{is_similar, name_key};
use crate::domain::validate::{Rules, parse_customer};
use crate::domain::{Problem, Problems, Text};

/// Validation result with the database checks included.
#[derive(Clone, Debug)]
pub struct Checked {
    pub data: CustomerData,
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
/// normalised name (bulk), or a scan with fuzzy matching (one record at a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimilarScan {
    ExactKey,
    Full,
}

const MAX_CANDIDATES: usize = 5;

pub(super) struct Writer {
    catalog: Catalog,
    ceiling: Money,
    operator: String,
    now: String,
    /// (dimension code, value name) → (dimension id, value id)
    class_ids: HashMap<(String, String), (i64, i64)>,
    next_code: u64,
    code_counter_dirty: bool,
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
        let mut class_ids = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT d.code, v.name, d.id, v.id FROM dimension_value v JOIN dimension d ON d.id = v.dimension_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            class_ids.insert((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?));
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
        })
    }

    /// Who the audit rows written through this writer name.
    pub fn operator(&self) -> &str {
        &self.operator
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

    pub fn check(
        &self,
        conn: &Connection,
        values: &FieldValues,
        existing: Option<&Customer>,
        scan: SimilarScan,
    ) -> Result<Checked> {
        let rules = Rules {
            credit_ceiling: self.ceiling,
            catalog: &self.catalog,
            kept_classification: existing.map(|c| &c.data.classification),
        };
        let (data, mut problems) = parse_customer(values, &rules);
        let own_id = existing.map(|c| c.id);
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
        if let Some(owner) = self.live_tax_id_owner(conn, &data, own_id)? {
            problems.push(Problem::error(
                "tax_id",
                "tax_id.duplicate",
                Text::new(
                    format!(
                        "Tax ID {} already belongs to {} {}.",
                        data.tax_id, owner.code, owner.name
                    ),
                    format!(
                        "税号 {} 已属于客户 {} {}。",
                        data.tax_id, owner.code, owner.name
                    ),
                ),
            ));
        }
        if !data.code.is_empty() {
            let taken: Option<String> = conn
                .prepare_cached("SELECT name FROM customer WHERE code = ?1 AND id IS NOT ?2")?
                .query_row(params![data.code, own_id], |r| r.get(0))
                .optional()?;
            if let Some(name) = taken {
                problems.push(Problem::error(
                    "code",
                    "code.duplicate",
                    Text::new(
                        format!("Code {} is already used by {name}.", data.code),
                        format!("编码 {} 已被 {name} 使用。", data.code),
                    ),
                ));
            }
        }
        let similar = self.similar_names(conn, &data.name, own_id, scan)?;
        if !similar.is_empty() {
            let list: Vec<String> = similar
                .iter()
                .map(|c| format!("{} {}", c.code, c.name))
                .collect();
            problems.push(Problem::warning(
                "name",
                "name.similar",
                Text::new(
                    format!("Similar to existing customer(s): {}.", list.join("; ")),
                    format!("与已有客户名称相似：{}。", list.join("；")),
                ),
            ));
        }
        Ok(Checked {
            data,
            problems,
            similar,
        })
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
        name: &str,
        own_id: Option<i64>,
        scan: SimilarScan,
    ) -> Result<Vec<Candidate>> {
        let key = name_key(name);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        if scan == SimilarScan::ExactKey {
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
            if is_similar(&key, &other_key) {
                found.push(candidate_from_row(row)?);
                if found.len() == MAX_CANDIDATES {
                    break;
                }
            }
        }
        Ok(found)
    }

    /// Inserts a checked customer, allocating a code when none was given.
    pub fn insert(&mut self, conn: &Connection, mut data: CustomerData) -> Result<Customer> {
        if data.code.is_empty() {
            data.code = self.allocate_code(conn)?;
        }
        let id = insert_row(conn, &data, &name_key(&data.name), &self.now)?;
        self.write_classification(conn, id, &data)?;
        let snapshot = snapshot_json(&data);
        self.audit(id, &data.code, "create")
            .record(conn, "*", None, Some(&snapshot))?;
        Ok(Customer {
            id,
            data,
            created_at: self.now.clone(),
            updated_at: self.now.clone(),
        })
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
        conn.prepare_cached(
            "UPDATE customer SET code = ?2, name = ?3, name_key = ?4, short_name = ?5, mnemonic = ?6, kind = ?7,
             tax_id = ?8, contact = ?9, phone = ?10, mobile = ?11, email = ?12, registered_address = ?13,
             business_address = ?14, bank_name = ?15, bank_account = ?16, invoice_type = ?17, tax_rate = ?18,
             settlement = ?19, payment_days = ?20, credit_limit = ?21, status = ?22, notes = ?23, updated_at = ?24
             WHERE id = ?1",
        )?
        .execute(params![
            old.id,
            data.code,
            data.name,
            name_key(&data.name),
            data.short_name,
            data.mnemonic,
            data.kind.key(),
            data.tax_id,
            data.contact,
            data.phone,
            data.mobile,
            data.email,
            data.registered_address,
            data.business_address,
            data.bank_name,
            data.bank_account,
            data.invoice_type.map(|v| v.key()),
            data.tax_rate.map(|v| v.percent()),
            data.settlement.map(|v| v.key()),
            data.payment_days,
            data.credit_limit.fen(),
            data.status.key(),
            data.notes,
            self.now,
        ])?;
        if old.data.classification != data.classification {
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
    pub fn finish(&self, conn: &Connection) -> Result<()> {
        if self.code_counter_dirty {
            conn.execute(
                "INSERT INTO setting (key, value) VALUES ('next_code', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [self.next_code.to_string()],
            )?;
        }
        Ok(())
    }

    /// Next free `C000001`-style code. The counter is read once per writer and
    /// skips codes that users typed by hand.
    fn allocate_code(&mut self, conn: &Connection) -> Result<String> {
        if self.next_code == 0 {
            let stored: Option<String> = conn
                .query_row(
                    "SELECT value FROM setting WHERE key = 'next_code'",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            self.next_code = stored.and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
        }
        let mut exists =
            conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM customer WHERE code = ?1)")?;
        loop {
            let code = format!("C{:06}", self.next_code);
            self.next_code += 1;
            self.code_counter_dirty = true;
            if !exists.query_row([&code], |r| r.get::<_, bool>(0))? {
                return Ok(code);
            }
        }
    }

    fn write_classification(&self, conn: &Connection, id: i64, data: &CustomerData) -> Result<()> {
        if data.classification.is_empty() {
            return Ok(());
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO customer_class (customer_id, dimension_id, value_id) VALUES (?1, ?2, ?3)",
        )?;
        for (dim, value) in &data.classification {
            if let Some((dim_id, value_id)) = self.class_ids.get(&(dim.clone(), value.clone())) {
                stmt.execute(params![id, dim_id, value_id])?;
            }
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

fn insert_row(conn: &Connection, data: &CustomerData, key: &str, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO customer (code, name, name_key, short_name, mnemonic, kind, tax_id, contact, phone, mobile,
         email, registered_address, business_address, bank_name, bank_account, invoice_type, tax_rate,
         settlement, payment_days, credit_limit, status, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
         ?21, ?22, ?23, ?23)",
    )?
    .execute(params![
        data.code,
        data.name,
        key,
        data.short_name,
        data.mnemonic,
        data.kind.key(),
        data.tax_id,
        data.contact,
        data.phone,
        data.mobile,
        data.email,
        data.registered_address,
        data.business_address,
        data.bank_name,
        data.bank_account,
        data.invoice_type.map(|v| v.key()),
        data.tax_rate.map(|v| v.percent()),
        data.settlement.map(|v| v.key()),
        data.payment_days,
        data.credit_limit.fen(),
        data.status.key(),
        data.notes,
        now,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The non-empty fields of a record as a JSON object, for create/delete audit rows.
fn snapshot_json(data: &CustomerData) -> String {
    let values: FieldValues = values_of(data)
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    serde_json::to_string(&values).unwrap_or_default()
}

fn candidate_from_row(row: &rusqlite::Row) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        code: row.get(0)?,
        name: row.get(1)?,
        status: Status::parse(&row.get::<_, String>(2)?).unwrap_or(Status::Active),
    })
}
