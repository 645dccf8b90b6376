//! The triggers that keep a confirmed session's lines and matches read-only,
//! lifted for the length of one save.
//!
//! A row trigger on INSERT costs SQLite more than its session lookup: a
//! many-row INSERT into a table with one first writes every row to a
//! temporary b-tree and then runs a trigger program per row (with the
//! lookup), about half of a 100,000-line save. The save has already checked,
//! once, that its session is a draft (or new), so inside its transaction it
//! drops the insert and delete guards and creates them again, from the text
//! the file itself holds, before anything else runs. DDL is transactional:
//! other connections never see the file without them, a failed save rolls
//! the drop back with everything else, and hand-written SQL is refused as
//! before.

use rusqlite::{Connection, OptionalExtension};

use super::super::Result;

/// The guards a save's DELETE and INSERT statements would run per row. The
/// update guards stay: a save never updates a line or a match.
const GUARDS: [&str; 4] = [
    "reconcile_line_confirmed_insert",
    "reconcile_line_confirmed_delete",
    "reconcile_match_confirmed_insert",
    "reconcile_match_confirmed_delete",
];

/// The dropped guards' `CREATE TRIGGER` statements, as the schema held them.
#[must_use = "the guards must be put back before the transaction commits"]
pub(super) struct Lifted(Vec<String>);

/// Drops the guards. Call only inside a transaction, after checking that the
/// session written is not confirmed.
pub(super) fn lift(conn: &Connection) -> Result<Lifted> {
    let mut lifted = Vec::with_capacity(GUARDS.len());
    for name in GUARDS {
        let sql: Option<String> = conn
            .prepare_cached("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
            lifted.push(sql);
        }
    }
    Ok(Lifted(lifted))
}

/// Creates the guards again exactly as they were.
pub(super) fn restore(conn: &Connection, lifted: Lifted) -> Result<()> {
    for sql in lifted.0 {
        conn.execute_batch(&sql)?;
    }
    Ok(())
}
