//! The audit you can read: every audit table (customers, ledger,
//! reconciliations, control events, import batches) as one list, filtered by
//! customer, operator, action and date; and a deleted customer restored from
//! its snapshot as a new customer.
//!
//! Each table is read by its own indexed arm (customer id, operator, `at`),
//! newest first with the limit applied per arm, so a filter over a million
//! rows touches only the rows it returns.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::control::{Event, record_event};
use super::customers::find;
use super::writer::{SimilarScan, Writer};
use super::{Result, Saved, Store, StoreError};
use crate::domain::date::iso;
use crate::domain::field::FieldValues;
use crate::domain::{Problem, Problems, Text};

/// Which audit rows to read. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// A customer's code, also one a deleted customer had.
    pub customer: Option<String>,
    pub operator: Option<String>,
    /// Actions (`create`, `update`, `delete`, `confirm`, `sign_in`, …); any of them.
    pub actions: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// At most this many rows, the newest (None: all).
    pub limit: Option<usize>,
}

/// One row of any audit table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// Which trail: `customer`, `ledger`, `reconcile`, `control` or `import`.
    pub source: String,
    /// The row's id in its trail (`kehu audit restore` takes a customer one).
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub customer: Option<String>,
    /// The field, entry, session, operator or permission it is about.
    pub subject: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every action the trails record, for checking a filter.
pub const AUDIT_ACTIONS: &[&str] = &[
    "create",
    "update",
    "status",
    "delete",
    "allocate",
    "unallocate",
    "reverse",
    "override",
    "confirm",
    "save",
    "adjust",
    "import",
    "sign_in",
    "sign_in_failed",
    "refused",
    "operator_add",
    "operator_passwd",
    "operator_retire",
    "setting",
    "restore",
    "merge",
    "unmerge",
    "review",
];

/// The arms: (source, the row's columns, table and alias, customer id column).
const ARMS: [(&str, &str, &str); 4] = [
    (
        "customer",
        "'customer', a.id, a.at, a.operator, a.action, a.customer_code, a.field, a.old, a.new",
        "audit a",
    ),
    (
        "ledger",
        "'ledger', a.id, a.at, a.operator, a.action,
         (SELECT code FROM customer c WHERE c.id = a.customer_id),
         COALESCE('entry ' || a.entry_id || ' ', '') || a.field, a.old, a.new",
        "ledger_audit a",
    ),
    (
        "reconcile",
        "'reconcile', a.id, a.at, a.operator, a.action,
         (SELECT code FROM customer c WHERE c.id = a.customer_id),
         'session ' || a.session_id, NULL, a.detail",
        "reconcile_audit a",
    ),
    (
        "control",
        "'control', a.id, a.at, a.operator, a.action, a.customer_code, a.subject, NULL, a.detail",
        "control_audit a",
    ),
];

impl Store {
    /// The audit rows `filter` selects, oldest first (the newest `limit`).
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditRecord>> {
        let ids = match &filter.customer {
            Some(code) => {
                let ids = customer_ids(&self.conn, code)?;
                if ids.is_empty() {
                    return Err(StoreError::NotFound(code.clone()));
                }
                Some(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()))
            }
            None => None,
        };
        let actions = (!filter.actions.is_empty())
            .then(|| serde_json::to_string(&filter.actions).unwrap_or_else(|_| "[]".into()));
        let from = filter.from.map(iso);
        // `at` is local time with its offset: the day after `to` bounds it as text.
        let until = filter
            .to
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .map(iso);
        let limit = filter
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut conditions = Vec::new();
        if ids.is_some() {
            conditions.push("a.customer_id IN (SELECT value FROM json_each(?1))");
        }
        if filter.operator.is_some() {
            conditions.push("a.operator = ?2");
        }
        if from.is_some() {
            conditions.push("a.at >= ?3");
        }
        if until.is_some() {
            conditions.push("a.at < ?4");
        }
        if actions.is_some() {
            conditions.push("a.action IN (SELECT value FROM json_each(?5))");
        }
        let filter_sql = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let mut arms: Vec<String> = ARMS
            .iter()
            .map(|(_, columns, table)| {
                format!(
                    "SELECT * FROM (SELECT {columns} FROM {table} {filter_sql}
                     ORDER BY a.at DESC, a.id DESC LIMIT ?6)"
                )
            })
            .collect();
        arms.push(import_arm(&conditions));
        let sql = format!(
            "SELECT * FROM (SELECT * FROM ({}) ORDER BY 3 DESC, 2 DESC LIMIT ?6) ORDER BY 3, 1, 2",
            arms.join(" UNION ALL ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![ids, filter.operator, from, until, actions, limit],
            |r| {
                Ok(AuditRecord {
                    source: r.get(0)?,
                    id: r.get(1)?,
                    at: r.get(2)?,
                    operator: r.get(3)?,
                    action: r.get(4)?,
                    customer: r.get(5)?,
                    subject: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Brings back the customer deleted in audit row `audit_id` (a customer
    /// trail `delete`) as a new customer with its snapshot's values: its old
    /// code when still free, else the next one. One transaction, audited.
    pub fn restore_deleted(&mut self, audit_id: i64) -> Result<Saved> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let tx = self.conn.transaction()?;
        let found: Option<(String, String, Option<String>)> = tx
            .query_row(
                "SELECT action, customer_code, old FROM audit WHERE id = ?1",
                [audit_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let snapshot = match found {
            Some((action, _, Some(old))) if action == "delete" => old,
            _ => return Err(not_a_deletion(audit_id)),
        };
        let subject = format!("audit {audit_id}");
        if let Some(code) = restored_as(&tx, &subject)? {
            return Err(refused(
                "audit.already_restored",
                format!(
                    "The customer deleted in audit row {audit_id} was already restored as {code}."
                ),
                format!("审计记录 {audit_id} 删除的客户已恢复为 {code}。"),
            ));
        }
        let mut values: FieldValues =
            serde_json::from_str(&snapshot).map_err(|_| not_a_deletion(audit_id))?;
        values.remove("status");
        let code_taken = match values.get("code") {
            Some(code) => find(&tx, code)?.is_some(),
            None => false,
        };
        if code_taken {
            values.remove("code");
        }
        let mut writer = Writer::new(&tx, &self.operator)?;
        let checked = writer.check(&tx, &values, None, SimilarScan::Full)?;
        if checked.problems.has_errors() {
            return Err(StoreError::Invalid(checked.problems));
        }
        let warnings = checked.problems.clone();
        let customer = writer.insert(&tx, checked)?;
        writer.finish(&tx)?;
        record_event(
            &tx,
            &Event {
                action: "restore",
                operator: &self.operator,
                customer: Some((customer.id, &customer.data.code)),
                subject: &subject,
                detail: Some(&snapshot),
            },
        )?;
        tx.commit()?;
        Ok(Saved { customer, warnings })
    }
}

/// The import batches as rows (`import`, the file and its counts); under a
/// customer filter, the batch whose id range holds one of its ids.
fn import_arm(conditions: &[&str]) -> String {
    let conditions: Vec<String> = conditions
        .iter()
        .map(|c| {
            if c.starts_with("a.customer_id") {
                "EXISTS (SELECT 1 FROM json_each(?1) j
                         WHERE j.value BETWEEN a.first_customer_id AND a.last_customer_id)"
                    .to_string()
            } else if c.starts_with("a.action") {
                "'import' IN (SELECT value FROM json_each(?5))".to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    format!(
        "SELECT * FROM (SELECT 'import', a.id, a.at, a.operator, 'import', NULL, a.file_name, NULL,
             json_object('rows', a.rows, 'inserted', a.inserted, 'updated', a.updated,
                         'skipped', a.skipped, 'rejected', a.rejected, 'undone_at', a.undone_at,
                         'undone_by', a.undone_by)
         FROM import_batch a {filter} ORDER BY a.at DESC, a.id DESC LIMIT ?6)"
    )
}

/// The ids a code names: the customer that has it now, deleted ones that
/// had it (their audit rows keep the code), and customers merged into them.
fn customer_ids(conn: &Connection, code: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE named(id) AS (
             SELECT id FROM customer WHERE code = ?1
             UNION SELECT customer_id FROM audit WHERE customer_code = ?1
             UNION SELECT c.id FROM customer c JOIN named n ON c.merged_into = n.id)
         SELECT id FROM named",
    )?;
    let ids = stmt.query_map([code], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The code a snapshot was already restored as, if it was.
fn restored_as(conn: &Connection, subject: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT customer_code FROM control_audit WHERE action = 'restore' AND subject = ?1",
            [subject],
            |r| r.get(0),
        )
        .optional()?)
}

fn refused(code: &'static str, en: String, zh: String) -> StoreError {
    StoreError::Invalid(Problems(vec![Problem::error(
        "audit",
        code,
        Text::new(en, zh),
    )]))
}

fn not_a_deletion(id: i64) -> StoreError {
    refused(
        "audit.not_a_deletion",
        format!(
            "Audit row {id} is not a customer's deletion: see `kehu audit --action delete` for the ones that can be restored."
        ),
        format!(
            "审计记录 {id} 不是客户删除记录：可用 `kehu audit --action delete` 查看可恢复的客户。"
        ),
    )
}
