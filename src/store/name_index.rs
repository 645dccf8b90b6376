//! The similar-name index a long-running front (the TUI) installs so the
//! form's check costs lookups instead of a scan of every name. Built from
//! any connection (a worker's) and handed over; before each use it catches
//! up with what was written since — new customers by id, changed or deleted
//! ones through the audit trail every customer write leaves — so writes from
//! this store, another connection or another process are all seen.

use std::cell::RefCell;

use rusqlite::{Connection, OptionalExtension};

use super::{Result, Store};
use crate::domain::name_index::NameIndex;

/// The index and how far into the database it has read.
pub struct SimilarIndex {
    index: NameIndex,
    last_customer: i64,
    last_audit: i64,
}

impl SimilarIndex {
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        self.index.heap_parts()
    }

    fn catch_up(&mut self, conn: &Connection) -> Result<()> {
        let (last_customer, last_audit) = high_water(conn)?;
        // After an import (thousands of new rows) building afresh is
        // cheaper than comparing every new key on each check.
        if last_customer - self.last_customer > REBUILD_AFTER
            || self.index.added_since_build() > REBUILD_AFTER as usize
        {
            *self = build(conn)?;
            return Ok(());
        }
        if last_customer > self.last_customer {
            let mut stmt =
                conn.prepare_cached("SELECT id, name_key FROM customer WHERE id > ?1 ORDER BY id")?;
            let mut rows = stmt.query([self.last_customer])?;
            while let Some(row) = rows.next()? {
                self.index
                    .insert(row.get(0)?, row.get_ref(1)?.as_str().unwrap_or(""));
            }
        }
        if last_audit > self.last_audit {
            let mut changed = conn.prepare_cached(
                "SELECT DISTINCT customer_id FROM audit WHERE id > ?1 AND customer_id <= ?2",
            )?;
            let ids: Vec<i64> = changed
                .query_map([self.last_audit, self.last_customer], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut key_of = conn.prepare_cached("SELECT name_key FROM customer WHERE id = ?1")?;
            for id in ids {
                match key_of
                    .query_row([id], |r| r.get::<_, String>(0))
                    .optional()?
                {
                    Some(key) => self.index.insert(id, &key),
                    None => self.index.remove(id),
                }
            }
        }
        self.last_customer = self.last_customer.max(last_customer);
        self.last_audit = last_audit;
        Ok(())
    }
}

/// The newest customer id and audit id: where the next catch-up starts.
fn high_water(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM customer), (SELECT COALESCE(MAX(id), 0) FROM audit)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// New customers compared one by one before the index is built afresh.
const REBUILD_AFTER: i64 = 2_000;

fn build(conn: &Connection) -> Result<SimilarIndex> {
    // The high-water marks first: whatever is written after them is
    // caught up at the first use, even if the read below saw it too.
    let (last_customer, last_audit) = high_water(conn)?;
    let mut stmt = conn.prepare("SELECT id, name_key FROM customer WHERE id <= ?1 ORDER BY id")?;
    let mut rows = stmt.query([last_customer])?;
    // Each key goes straight into the index's arena: no list of a million
    // strings first (whose freed memory the process would keep).
    let mut builder = NameIndex::builder();
    while let Some(row) = rows.next()? {
        builder.push(row.get(0)?, row.get_ref(1)?.as_str().unwrap_or(""));
    }
    Ok(SimilarIndex {
        index: builder.finish(),
        last_customer,
        last_audit,
    })
}

/// Where a store keeps an installed index (none until a front installs one).
pub(super) type Slot = RefCell<Option<SimilarIndex>>;

impl Store {
    /// Reads every name key into a new index (about 1 s at 1,000,000
    /// customers): run it on a worker's own connection, then `install` it.
    pub fn build_similar_index(&self) -> Result<SimilarIndex> {
        build(&self.conn)
    }

    /// From now on similar names are found through `index` instead of a scan.
    pub fn install_similar_index(&self, index: SimilarIndex) {
        *self.similar_index.borrow_mut() = Some(index);
    }

    /// Heap bytes of the installed index (0 without one), for the benchmarks.
    pub fn similar_index_heap_bytes(&self) -> usize {
        self.similar_index
            .borrow()
            .as_ref()
            .map_or(0, SimilarIndex::heap_bytes)
    }

    /// The installed index's heap by part (none without one), for the benchmarks.
    pub fn similar_index_heap_parts(&self) -> Vec<(&'static str, usize)> {
        self.similar_index
            .borrow()
            .as_ref()
            .map_or_else(Vec::new, SimilarIndex::heap_parts)
    }

    pub fn has_similar_index(&self) -> bool {
        self.similar_index.borrow().is_some()
    }
}

/// The installed index in `slot`, caught up with the database, for one
/// check (a free function so the caller may open a transaction meanwhile).
pub(super) fn synced<'a>(
    slot: &'a Slot,
    conn: &Connection,
) -> Result<Option<std::cell::Ref<'a, NameIndex>>> {
    {
        let mut state = slot.borrow_mut();
        match state.as_mut() {
            Some(state) => state.catch_up(conn)?,
            None => return Ok(None),
        }
    }
    Ok(std::cell::Ref::filter_map(slot.borrow(), |s| s.as_ref().map(|s| &s.index)).ok())
}
