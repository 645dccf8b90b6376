//! The three statements a bulk load runs for nearly every row (the entry
//! insert, the allocation insert, the outstanding update), prepared once
//! and held for the whole bulk instead of looked up in rusqlite's statement
//! cache per row (a hash of the SQL text and a reset both ways each time).
//! What is the same for every row of a bulk (the time stamp) is each
//! statement's last parameter, bound once when it is prepared.
//! While a large load's indexes are dropped, the outstanding updates are
//! held too and applied once, in id order (`settle_pending`).

use rusqlite::{Connection, Statement, ToSql};

use super::super::Result;
use super::doc_numbers::DocNumbers;

pub(super) const INSERT_ENTRY: &str = "INSERT INTO ledger_entry (customer_id, kind, entry_date, doc_no, amount, due_date, outstanding,
 memo, override_reason, reverses_id, created_at, updated_at)
 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?10, ?7, ?8, ?9, ?11, ?11)";
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
    /// Changes to the outstanding amount of entries already written (id,
    /// fen), held while a large load's indexes are dropped: a receipt pays
    /// invoices written long before, and updating each at once read and
    /// rewrote a page out of the cache per allocation (perf at 1M entries:
    /// about a fifth of the writing thread). Nothing reads those amounts
    /// from the rows until `settle_pending` (the open entries are in
    /// memory, open_items.rs).
    pub pending: Option<Vec<(i64, i64)>>,
}

impl<'s> Held<'s> {
    /// Prepares what is not prepared yet, `now` bound as the inserts' last
    /// parameter (a reset leaves bindings in place).
    pub fn ready(&mut self, conn: &'s Connection, now: &str) -> Result<&mut Held<'s>> {
        for (slot, sql, fixed) in [
            (&mut self.entry, INSERT_ENTRY, Some(11)),
            (&mut self.allocation, INSERT_ALLOCATION, Some(5)),
            (&mut self.settle, SETTLE, None),
        ] {
            if slot.is_none() {
                let mut statement = conn.prepare(sql)?;
                if let Some(at) = fixed {
                    statement.raw_bind_parameter(at, now)?;
                }
                *slot = Some(statement);
            }
        }
        Ok(self)
    }
}

impl<'s> Held<'s> {
    /// Applies the held outstanding changes: each entry's summed, in id
    /// order, so every page is read and written once. The amounts end as
    /// the row-by-row updates would leave them (each of those was within the
    /// entry's bounds, so their sum is too).
    pub fn settle_pending(&mut self, conn: &'s Connection, now: &str) -> Result<()> {
        let mut pending = match self.pending.as_mut() {
            Some(pending) if !pending.is_empty() => std::mem::take(pending),
            _ => return Ok(()),
        };
        pending.sort_unstable_by_key(|&(id, _)| id);
        if let Some(settle) = self.ready(conn, now)?.settle.as_mut() {
            for run in pending.chunk_by(|a, b| a.0 == b.0) {
                let fen = run.iter().fold(0i64, |sum, &(_, f)| sum.saturating_add(f));
                if fen != 0 {
                    settle.raw_bind_parameter(1, run[0].0)?;
                    settle.raw_bind_parameter(2, fen)?;
                    settle.raw_execute()?;
                }
            }
        }
        pending.clear();
        self.pending = Some(pending);
        Ok(())
    }
}

/// Runs `sql` with `params` then `fixed` (its last parameters): through
/// `held` when given, binding only `params` (`ready` bound `fixed`), else
/// through the statement cache.
pub(super) fn execute(
    conn: &Connection,
    held: Option<&mut Statement<'_>>,
    sql: &str,
    params: &[&dyn ToSql],
    fixed: &[&dyn ToSql],
) -> Result<usize> {
    Ok(match held {
        Some(statement) => {
            for (i, param) in params.iter().enumerate() {
                statement.raw_bind_parameter(i + 1, param)?;
            }
            statement.raw_execute()?
        }
        None => {
            let all: Vec<&dyn ToSql> = params.iter().chain(fixed).copied().collect();
            conn.prepare_cached(sql)?.execute(all.as_slice())?
        }
    })
}
