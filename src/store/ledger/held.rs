//! The three statements a bulk load runs for nearly every row (the entry
//! insert, the allocation insert, the outstanding update), prepared once
//! and held for the whole bulk instead of looked up in rusqlite's statement
//! cache per row (a hash of the SQL text and a reset both ways each time).

use rusqlite::{Connection, Params, Statement};

use super::super::Result;
use super::doc_numbers::DocNumbers;

pub(super) const INSERT_ENTRY: &str = "INSERT INTO ledger_entry (customer_id, kind, entry_date, doc_no, amount, due_date, outstanding,
 memo, override_reason, reverses_id, created_at, updated_at)
 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?11, ?7, ?8, ?9, ?10, ?10)";
pub(super) const INSERT_ALLOCATION: &str =
    "INSERT INTO ledger_allocation (credit_id, debit_id, amount, effective_date, created_at)
 VALUES (?1, ?2, ?3, ?4, ?5)";
pub(super) const SETTLE: &str =
    "UPDATE ledger_entry SET outstanding = outstanding + ?2 WHERE id = ?1";

/// Held statements; finalised before the bulk's transaction ends (`LedgerBulk`
/// drops them first).
#[derive(Default)]
pub(super) struct Held<'s> {
    pub entry: Option<Statement<'s>>,
    pub allocation: Option<Statement<'s>>,
    pub settle: Option<Statement<'s>>,
    /// Every entry's document number while the unique index on them is
    /// dropped (a large load, batch_load.rs): repeats are refused from here.
    pub docs: Option<DocNumbers>,
}

impl<'s> Held<'s> {
    /// Prepares what is not prepared yet.
    pub fn ready(&mut self, conn: &'s Connection) -> Result<&mut Held<'s>> {
        for (slot, sql) in [
            (&mut self.entry, INSERT_ENTRY),
            (&mut self.allocation, INSERT_ALLOCATION),
            (&mut self.settle, SETTLE),
        ] {
            if slot.is_none() {
                *slot = Some(conn.prepare(sql)?);
            }
        }
        Ok(self)
    }
}

/// Runs `sql` through `held` when given, else through the statement cache.
pub(super) fn execute<P: Params>(
    conn: &Connection,
    held: Option<&mut Statement<'_>>,
    sql: &str,
    params: P,
) -> Result<usize> {
    Ok(match held {
        Some(statement) => statement.execute(params)?,
        None => conn.prepare_cached(sql)?.execute(params)?,
    })
}
