//! The open entries of each customer a bulk load touches, held in memory so
//! that a receipt's oldest-first allocation reads no rows: read once, on the
//! customer's first entry, then kept as the database is (every entry and
//! allocation is still written to the rows as it goes in). A write outside
//! `add` (a reversal) drops the customer's set, to be read again.

use std::collections::HashMap;

use rusqlite::Connection;

use super::super::Result;
use super::allocation::{OpenRow, open_row_at, open_rows};
use crate::domain::ledger::allocation::spread;
use crate::domain::money::Money;

/// One customer's open debits and credits, each oldest first (date, due
/// date, id), as `open_rows` reads them.
#[derive(Debug, Default)]
pub(super) struct OpenItems {
    debits: Vec<OpenRow>,
    credits: Vec<OpenRow>,
}

impl OpenItems {
    pub fn load(conn: &Connection, customer_id: i64) -> Result<OpenItems> {
        Ok(OpenItems {
            debits: open_rows(conn, customer_id, true)?,
            credits: open_rows(conn, customer_id, false)?,
        })
    }

    /// Every customer's open entries not in `held` yet, one scan of the
    /// table, in `load`'s order.
    pub fn load_missing<S: std::hash::BuildHasher>(
        conn: &Connection,
        held: &mut HashMap<i64, OpenItems, S>,
    ) -> Result<()> {
        let mut read: HashMap<i64, OpenItems> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT customer_id, id, kind, doc_no, entry_date, outstanding, due_date
             FROM ledger_entry WHERE outstanding <> 0",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let customer_id: i64 = row.get(0)?;
            if held.contains_key(&customer_id) {
                continue;
            }
            let debit = row.get::<_, i64>(5)? > 0;
            read.entry(customer_id)
                .or_default()
                .side(debit)
                .push(open_row_at(row, 1)?);
        }
        for (customer_id, mut items) in read {
            for side in [&mut items.debits, &mut items.credits] {
                side.sort_by_key(|r| (r.date, r.due, r.id));
            }
            held.insert(customer_id, items);
        }
        Ok(())
    }

    fn side(&mut self, debits: bool) -> &mut Vec<OpenRow> {
        if debits {
            &mut self.debits
        } else {
            &mut self.credits
        }
    }

    /// What `LedgerWriter::plan_oldest` plans from the rows, copying only
    /// the rows it takes.
    pub fn plan_oldest(&mut self, debits: bool, available: Money) -> Vec<(OpenRow, Money)> {
        spread(available, self.side(debits).iter().map(|r| (r, r.open)))
            .into_iter()
            .map(|(r, amount)| (r.clone(), amount))
            .collect()
    }

    /// `amount` of entry `id` (on the `debits` side or not) was allocated.
    pub fn settle(&mut self, debits: bool, id: i64, amount: Money) {
        let rows = self.side(debits);
        if let Some(i) = rows.iter().position(|r| r.id == id) {
            let left = rows[i].open.fen() - amount.fen();
            if left > 0 {
                rows[i].open = Money::from_fen(left);
            } else {
                rows.remove(i);
            }
        }
    }

    /// What the customer's aggregate row holds of its open entries: owed on
    /// open debits, unallocated credit (≤ 0), the earliest due date owed.
    /// `None` when a sum overflows (the row is then summed by SQL).
    pub fn figures(&self) -> Option<(i64, i64, Option<chrono::NaiveDate>)> {
        let sum = |rows: &[OpenRow]| {
            rows.iter()
                .try_fold(0i64, |total, r| total.checked_add(r.open.fen()))
        };
        let oldest_due = self.debits.iter().filter_map(|r| r.due).min();
        Some((sum(&self.debits)?, -sum(&self.credits)?, oldest_due))
    }

    /// A new entry with something still open, in its place in the order.
    pub fn insert(&mut self, debits: bool, row: OpenRow) {
        let rows = self.side(debits);
        let key = |r: &OpenRow| (r.date, r.due, r.id);
        // A file in date order appends: no search.
        if rows.last().is_none_or(|last| key(last) <= key(&row)) {
            rows.push(row);
            return;
        }
        let at = rows.partition_point(|r| key(r) <= key(&row));
        rows.insert(at, row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::EntryInput;
    use crate::store::{AddOptions, CreditCheck, Store};
    use crate::synth::customer_values;

    fn seen(rows: &[OpenRow]) -> Vec<(i64, i64, chrono::NaiveDate, Option<chrono::NaiveDate>)> {
        rows.iter()
            .map(|r| (r.id, r.open.fen(), r.date, r.due))
            .collect()
    }

    #[test]
    fn the_open_entries_held_are_those_the_rows_hold() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.db")).unwrap();
        let mut codes = Vec::new();
        let mut customers = store.bulk_insert().unwrap();
        for i in 0..3 {
            codes.push(
                customers
                    .insert(&customer_values(i))
                    .unwrap()
                    .unwrap()
                    .0
                    .data
                    .code,
            );
        }
        customers.commit().unwrap();
        let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
        let first = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let mut seed = 7u64;
        let mut allocated = 0;
        for i in 0..900i64 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let r = (seed >> 33) as i64;
            let kind = ["invoice", "invoice", "receipt", "credit", "prepayment"][(r % 5) as usize];
            // Dates step back now and then: the held order must follow.
            let date = first + chrono::Duration::days((i / 3 - r % 7).max(0));
            let input = EntryInput {
                kind: kind.into(),
                date: date.format("%Y-%m-%d").to_string(),
                doc_no: format!("D{i}"),
                amount: format!("{}.{:02}", 1 + r % 900, r % 100),
                due_date: String::new(),
                memo: String::new(),
            };
            let code = &codes[(r % 3) as usize];
            if let Ok(added) = bulk.add(code, &input, &AddOptions::default()).unwrap() {
                allocated += added.allocations.len();
            }
        }
        assert!(allocated > 200, "allocations made: {allocated}");
        assert_eq!(bulk.open.len(), 3);
        for (id, held) in &bulk.open {
            let read = OpenItems::load(&bulk.tx, *id).unwrap();
            assert_eq!(seen(&held.debits), seen(&read.debits), "debits of {id}");
            assert_eq!(seen(&held.credits), seen(&read.credits), "credits of {id}");
            assert!(!read.debits.is_empty() || !read.credits.is_empty());
        }
    }
}
