//! Migration 007: `credit_limit` becomes nullable, NULL meaning not
//! controlled (why and how: migrations/007_credit_limit_uncontrolled.sql).

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// The column as migration 001 wrote it (005 left this line alone).
const BEFORE: &str = "credit_limit       INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0)";
const AFTER: &str = "credit_limit       INTEGER CHECK (credit_limit >= 0)";

/// The hook of migration 007.
pub(super) fn rewrite(tx: &Transaction) -> HookResult {
    super::schema_text::rewrite_customer(tx, "007", BEFORE, AFTER)
}
