//! Repeated document numbers found in memory while a large load has the
//! ledger's `ledger_entry_doc` index dropped (batch_load.rs): every entry's
//! (customer, type, number) by a 64-bit hash, with the ids that have it. A
//! hash that matches is confirmed by reading those rows by id, so a rare
//! collision costs a lookup and never refuses a new number; the index built
//! again at commit checks every row once more.

use std::collections::hash_map::Entry;

use rusqlite::{Connection, OptionalExtension};

use super::super::Result;
use crate::domain::key_hash::ByHash;
use crate::domain::ledger::EntryData;

#[derive(Debug, Default)]
pub(super) struct DocNumbers {
    /// The first entry with each hash.
    first: ByHash<i64>,
    /// Further entries whose hash an earlier one has (collisions).
    more: ByHash<Vec<i64>>,
}

/// The key hash the customer import's own keys use (a collision only costs
/// a lookup by id).
fn hash(customer_id: i64, kind: &str, doc_no: &str) -> u64 {
    crate::domain::key_hash::key_hash((customer_id, kind, doc_no))
}

impl DocNumbers {
    /// Every entry in the table, one scan.
    pub fn load(conn: &Connection) -> Result<DocNumbers> {
        let mut docs = DocNumbers::default();
        let mut stmt = conn.prepare("SELECT id, customer_id, kind, doc_no FROM ledger_entry")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let key = hash(
                row.get(1)?,
                &row.get::<_, String>(2)?,
                &row.get::<_, String>(3)?,
            );
            docs.insert(key, row.get(0)?);
        }
        Ok(docs)
    }

    fn insert(&mut self, key: u64, id: i64) {
        match self.first.entry(key) {
            Entry::Occupied(_) => self.more.entry(key).or_default().push(id),
            Entry::Vacant(e) => {
                e.insert(id);
            }
        }
    }

    /// Records an entry just written.
    pub fn add(&mut self, customer_id: i64, data: &EntryData, id: i64) {
        self.insert(hash(customer_id, data.kind.key(), &data.doc_no), id);
    }

    /// The id and date of the customer's entry of this type and number, if any.
    pub fn find(
        &self,
        conn: &Connection,
        customer_id: i64,
        kind: &str,
        doc_no: &str,
    ) -> Result<Option<(i64, String)>> {
        let key = hash(customer_id, kind, doc_no);
        let Some(first) = self.first.get(&key) else {
            return Ok(None);
        };
        let more = self.more.get(&key).map(Vec::as_slice).unwrap_or_default();
        let mut stmt = conn.prepare_cached(
            "SELECT entry_date FROM ledger_entry
             WHERE id = ?1 AND customer_id = ?2 AND kind = ?3 AND doc_no = ?4",
        )?;
        for id in std::iter::once(first).chain(more) {
            let date: Option<String> = stmt
                .query_row(rusqlite::params![id, customer_id, kind, doc_no], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(date) = date {
                return Ok(Some((*id, date)));
            }
        }
        Ok(None)
    }
}
