//! Migration 007: `credit_limit` becomes nullable, NULL meaning not
//! controlled (why and how: migrations/007_credit_limit_uncontrolled.sql).

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

/// The column as migration 001 wrote it (005 left this line alone).
const BEFORE: &str = "credit_limit       INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0)";
const AFTER: &str = "credit_limit       INTEGER CHECK (credit_limit >= 0)";

/// The hook of migration 007.
pub(super) fn rewrite(tx: &Transaction) -> HookResult {
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let changed = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)
         WHERE type = 'table' AND name = 'customer' AND instr(sql, ?1) > 0",
        [BEFORE, AFTER],
    )?;
    if changed != 1 {
        return Err(HookError::Hook(format!(
            "migration 007: table customer has no column `{BEFORE}` to rewrite"
        )));
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    Ok(())
}
