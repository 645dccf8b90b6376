//! What a large ledger import does differently from the entry form: one
//! audit row per customer and batch (how many entries and allocations, and
//! the id range its entries are in) instead of a row per entry and per
//! allocation, and the entries' secondary indexes built once after the load
//! instead of row by row.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::super::Result;
use super::bulk::LedgerBulk;
use super::write::LedgerWriter;
use crate::store::deferred_indexes::Deferral;

/// The indexes a ledger import never reads while it writes: the date order
/// (statements, balances at commit), the open entries (held in memory by
/// the bulk; a customer read for the first time after the drop is found by
/// the (customer, type, number) constraint's index), and the allocations'
/// two sides, and the reports' two (entries by type and date, and by
/// customer and type: migration 014). The UNIQUE constraints stay: they
/// refuse repeated documents.
pub(super) const DEFERRABLE: [&str; 6] = [
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

    /// Whether the deferrable indexes are dropped right now.
    pub fn indexes_deferred(&self) -> bool {
        matches!(self.deferral, Deferral::Dropped(_))
    }
}
