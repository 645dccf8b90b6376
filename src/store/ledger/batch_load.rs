//! What a large ledger import does differently from the entry form: one
//! audit row per customer and batch (how many entries and allocations, and
//! the id range its entries are in) instead of a row per entry and per
//! allocation, and the entries' secondary indexes built once after the load
//! instead of row by row.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::super::Result;
use super::bulk::LedgerBulk;
use super::doc_numbers::DocNumbers;
use super::open_items::OpenItems;
use super::write::LedgerWriter;
use crate::store::deferred_indexes::Deferral;

/// The indexes a ledger import never reads while it writes: the date order
/// (statements, balances at commit), the open entries, the allocations'
/// two sides, the reports' two (entries by type and date, and by customer
/// and type: migration 014), and the document numbers (migration 017).
/// When they are dropped the bulk reads, once, what it would have looked
/// up in them: every entry's document number (doc_numbers.rs: repeats are
/// refused in memory, with the same problem) and every customer's open
/// entries. A bulk that defers writes entries through `add` (and
/// `forget_account`), which keep both current.
pub(super) const DEFERRABLE: [&str; 7] = [
    "ledger_entry_doc",
    "ledger_entry_by_date",
    "ledger_entry_open",
    "ledger_allocation_debit",
    "ledger_allocation_credit",
    "ledger_entry_kind_date",
    "ledger_entry_customer_kind",
];

/// One customer's share of a batch.
#[derive(Debug, Default)]
struct Tally {
    entries: usize,
    allocations: usize,
    first: i64,
    last: i64,
}

/// What each customer got from the batch, by customer id.
#[derive(Debug, Default)]
pub(super) struct BatchAudit(BTreeMap<i64, Tally>);

impl BatchAudit {
    pub fn count(&mut self, customer_id: i64, entry_id: i64, allocations: usize) {
        let tally = self.0.entry(customer_id).or_insert(Tally {
            first: entry_id,
            ..Tally::default()
        });
        tally.entries += 1;
        tally.allocations += allocations;
        tally.last = entry_id;
    }

    /// One `create` row per customer, field `import`.
    pub fn write(self, conn: &Connection, writer: &LedgerWriter) -> Result<()> {
        for (customer_id, t) in self.0 {
            let what = format!(
                r#"{{"entries":{},"allocations":{},"first_entry":{},"last_entry":{}}}"#,
                t.entries, t.allocations, t.first, t.last
            );
            writer.audit(
                conn,
                customer_id,
                None,
                "create",
                "import",
                None,
                Some(&what),
            )?;
        }
        Ok(())
    }
}

impl LedgerBulk<'_> {
    /// Audits what this bulk writes per customer, at commit (an import).
    pub fn audit_by_batch(&mut self) {
        self.writer.audit_by_batch = true;
        self.batch_audit = Some(BatchAudit::default());
    }

    /// Lets this bulk drop `DEFERRABLE` once it has written more entries
    /// than the ledger held before (and at least 20,000), and build them
    /// again at commit; a rollback brings the old ones back.
    pub fn build_indexes_after_large_load(&mut self) {
        // Ids are given in order: the ledger's largest id bounds its size.
        self.deferral = Deferral::after_stored(self.first_new_entry - 1);
    }

    /// Reads what the dropped indexes would have found (see `DEFERRABLE`).
    pub(super) fn hold_what_the_indexes_found(&mut self) -> Result<()> {
        self.held.docs = Some(DocNumbers::load(&self.tx)?);
        OpenItems::load_missing(&self.tx, &mut self.open)?;
        self.open_complete = true;
        // Every customer's open entries are held from here: the rows'
        // outstanding amounts can wait (held.rs `pending`).
        self.held.pending = Some(Vec::new());
        Ok(())
    }

    /// Whether the deferrable indexes are dropped right now.
    pub fn indexes_deferred(&self) -> bool {
        matches!(self.deferral, Deferral::Dropped(_))
    }
}
