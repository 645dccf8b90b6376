//! Migration 017: ledger_entry's uniqueness on (customer, type, number)
//! becomes the named index `ledger_entry_doc` (why:
//! migrations/017_ledger_entry_doc_index.sql). SQLite's twelve-step table
//! rebuild, with the new table's text taken from the file's own so that
//! nothing but the constraint changes.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

/// The inline constraint as migration 002 wrote it, line and all.
const INLINE: &str = "\n    UNIQUE (customer_id, kind, doc_no),";
pub(in crate::store) const DOC_INDEX: &str =
    "CREATE UNIQUE INDEX ledger_entry_doc ON ledger_entry (customer_id, kind, doc_no)";

/// The hook of migration 017. Runs with foreign keys off (`db::prepare`).
pub(super) fn rebuild(tx: &Transaction) -> HookResult {
    let fail = |what: &str| Err(HookError::Hook(format!("migration 017: {what}")));
    let table: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'ledger_entry'",
        [],
        |r| r.get(0),
    )?;
    if table.matches(INLINE).count() != 1 {
        return fail("ledger_entry has no inline UNIQUE (customer_id, kind, doc_no) to remove");
    }
    let new_table = table.replacen(INLINE, "", 1);
    // Everything else the table owns, as the file holds it: the inline
    // constraint's own index has no text and is left out.
    let mut owned = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT sql FROM sqlite_schema
             WHERE tbl_name = 'ledger_entry' AND type IN ('index', 'trigger') AND sql IS NOT NULL
             ORDER BY type, rowid",
        )?;
        for sql in stmt.query_map([], |r| r.get::<_, String>(0))? {
            owned.push(sql?);
        }
    }
    let count = |tx: &Transaction, table: &str| -> rusqlite::Result<i64> {
        tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    let rows = count(tx, "ledger_entry")?;
    // Legacy renaming leaves the other tables' REFERENCES ledger_entry as
    // they are: they name the new table once it takes the name.
    let legacy: bool = tx.pragma_query_value(None, "legacy_alter_table", |r| r.get(0))?;
    tx.pragma_update(None, "legacy_alter_table", true)?;
    tx.execute_batch("ALTER TABLE ledger_entry RENAME TO ledger_entry_old")?;
    tx.execute_batch(&new_table)?;
    tx.execute_batch("INSERT INTO ledger_entry SELECT * FROM ledger_entry_old ORDER BY id")?;
    tx.execute_batch("DROP TABLE ledger_entry_old")?;
    tx.pragma_update(None, "legacy_alter_table", legacy)?;
    for sql in &owned {
        tx.execute_batch(sql)?;
    }
    tx.execute_batch(DOC_INDEX)?;
    if count(tx, "ledger_entry")? != rows {
        return fail("the rebuilt ledger_entry lost rows");
    }
    Ok(())
}
