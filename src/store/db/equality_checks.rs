//! Migration 005: every `col IN (…)` CHECK becomes `col = … OR col = …`
//! (why: migrations/005_equality_checks.sql). The CREATE TABLE texts stored
//! in `sqlite_schema` are edited in place, following the "simpler procedure"
//! for CHECK constraints in SQLite's ALTER TABLE documentation: the data on
//! disk already satisfies the new text (the rules are the same), and bumping
//! `schema_version` makes every connection read the new text.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

/// (table, column, the IN list exactly as migrations 001–004 wrote it).
const IN_CHECKS: &[(&str, &str, &str)] = &[
    (
        "customer",
        "kind",
        "'company', 'individual', 'government', 'other'",
    ),
    (
        "customer",
        "invoice_type",
        "'special', 'general', 'electronic'",
    ),
    ("customer", "tax_rate", "13, 9, 6, 5, 3, 1, 0"),
    (
        "customer",
        "settlement",
        "'cash', 'bank_transfer', 'credit', 'bill_of_exchange', 'other'",
    ),
    ("customer", "status", "'active', 'on_hold', 'archived'"),
    ("audit", "action", "'create', 'update', 'status', 'delete'"),
    (
        "ledger_entry",
        "kind",
        "'opening', 'invoice', 'receipt', 'credit', 'prepayment', 'adjustment'",
    ),
    (
        "ledger_audit",
        "action",
        "'create', 'update', 'allocate', 'unallocate', 'reverse', 'override', 'confirm'",
    ),
    ("import_batch", "policy", "'skip', 'update', 'stop'"),
    (
        "reconcile_session",
        "sign",
        "'their_credit_is_our_debit', 'same'",
    ),
    ("reconcile_session", "status", "'draft', 'confirmed'"),
    (
        "reconcile_match",
        "rule",
        "'doc_and_amount', 'amount_and_date', 'group', 'manual'",
    ),
    ("reconcile_line", "side", "'ours', 'theirs'"),
    (
        "reconcile_line",
        "bucket",
        "'matched', 'only', 'amount_mismatch', 'date_outside_tolerance'",
    ),
    (
        "reconcile_line",
        "bucket",
        "'amount_mismatch', 'date_outside_tolerance'",
    ),
    (
        "reconcile_audit",
        "action",
        "'create', 'save', 'adjust', 'confirm'",
    ),
    (
        "statement_mapping",
        "sign",
        "'their_credit_is_our_debit', 'same'",
    ),
];

/// The hook of migration 005.
pub(super) fn rewrite(tx: &Transaction) -> HookResult {
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    for (table, column, list) in IN_CHECKS {
        let (from, to) = equality_form(column, list);
        let changed = tx.execute(
            "UPDATE sqlite_schema SET sql = replace(sql, ?2, ?3)
             WHERE type = 'table' AND name = ?1 AND instr(sql, ?2) > 0",
            [table, from.as_str(), to.as_str()],
        )?;
        if changed != 1 {
            return Err(HookError::Hook(format!(
                "migration 005: table {table} has no CHECK ({from}) to rewrite"
            )));
        }
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    Ok(())
}

/// `col IN (a, b)` and the `col = a OR col = b` that replaces it.
fn equality_form(column: &str, list: &str) -> (String, String) {
    let from = format!("{column} IN ({list})");
    let to = list
        .split(", ")
        .map(|value| format!("{column} = {value}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_equality_form_says_the_same() {
        let (from, to) = equality_form("side", "'ours', 'theirs'");
        assert_eq!(from, "side IN ('ours', 'theirs')");
        assert_eq!(to, "side = 'ours' OR side = 'theirs'");
    }
}
