//! Migration 011: a customer's status may be `pending_review` (待审核), a
//! new customer awaiting a supervisor. The status CHECK in the stored CREATE
//! TABLE text is widened in place (schema_text.rs): the rows already satisfy
//! the wider rule.

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// The status CHECK as migration 005 left it.
const BEFORE: &str = "CHECK (status = 'active' OR status = 'on_hold' OR status = 'archived')";
const AFTER: &str = "CHECK (status = 'active' OR status = 'on_hold' OR status = 'archived' OR status = 'pending_review')";

/// The hook of migration 011.
pub(super) fn rewrite(tx: &Transaction) -> HookResult {
    super::schema_text::rewrite_customer(tx, "011", BEFORE, AFTER)
}
