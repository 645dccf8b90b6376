//! The audit trail: who changed what, when, from what to what.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::merge::MERGED_IDS;
use super::{Result, Store};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub operator: String,
    /// `create`, `update`, `status` or `delete`.
    pub action: String,
    /// The field key, or `*` for a whole-record snapshot (create, delete).
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What one write changes, recorded in the same transaction as the write.
pub(super) struct AuditWrite<'a> {
    pub customer_id: i64,
    pub customer_code: &'a str,
    pub action: &'a str,
    pub operator: &'a str,
    pub at: &'a str,
}

impl AuditWrite<'_> {
    pub fn record(
        &self,
        conn: &Connection,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO audit (customer_id, customer_code, action, field, old, new, operator, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            self.customer_id,
            self.customer_code,
            self.action,
            field,
            old,
            new,
            self.operator,
            self.at
        ])?;
        Ok(())
    }
}

impl Store {
    /// A customer's history, oldest first: its audit rows, and the import
    /// batch that created it (a batch audits its creates once, by id range),
    /// as a `create` whose `new` names the batch and file.
    pub fn audit_history(&self, customer_id: i64) -> Result<Vec<AuditEntry>> {
        // Customers merged into this one lend it their history (`MERGED_IDS`).
        let sql = format!(
            "SELECT at, operator, action, field, old, new FROM (
                 SELECT at, 0 AS kind, id, operator, 'create' AS action, '*' AS field, NULL AS old,
                        json_object('import_batch', id, 'file', file_name) AS new
                 FROM import_batch WHERE ?1 BETWEEN first_customer_id AND last_customer_id
                 UNION ALL
                 SELECT at, 1, id, operator, action, field, old, new FROM audit
                 WHERE customer_id IN ({MERGED_IDS}))
             ORDER BY at, kind, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([customer_id], |row| {
            Ok(AuditEntry {
                at: row.get(0)?,
                operator: row.get(1)?,
                action: row.get(2)?,
                field: row.get(3)?,
                old: row.get(4)?,
                new: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
