//! Editing a table's stored CREATE TABLE text in place (migrations 007 and
//! 011): the "simpler procedure" SQLite documents for changing a CHECK or a
//! NOT NULL whose new rule the rows already satisfy — no table is copied.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

/// Replaces `before` with `after` in the customer table's stored text, and
/// bumps `schema_version` so every connection reads the new text.
pub(super) fn rewrite_customer(
    tx: &Transaction,
    migration: &str,
    before: &str,
    after: &str,
) -> HookResult {
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let changed = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)
         WHERE type = 'table' AND name = 'customer' AND instr(sql, ?1) > 0",
        [before, after],
    )?;
    if changed != 1 {
        return Err(HookError::Hook(format!(
            "migration {migration}: table customer has no `{before}` to rewrite"
        )));
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    Ok(())
}
