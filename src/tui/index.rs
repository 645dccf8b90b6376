//! The customer list in memory, compact enough for 100,000 customers: the
//! shown text of every row lives in one arena string and the lower-cased
//! search text in one byte arena, so a search is a single SIMD substring scan
//! (memchr's memmem) instead of a query per keystroke. Rows point into the
//! arenas by offset; an edited customer is appended as a new row and its old
//! row marked dead, so updates never shift anything.

mod byte_ranks;
mod classes;
mod fields;
mod figures;
mod filter;
mod fold;
mod ids;
mod limits;
mod order;
mod scan;
mod summary;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use chrono::NaiveDate;

use classes::Classes;
use fields::{SEPARATOR, Shown};
use figures::listed_figures;
pub use figures::{LedgerFigures, ledger_balances};
pub use filter::{Column, Filtered, Query, StatusFilter};
pub use fold::fold;
use fold::push_folded;
use ids::RowsById;
use limits::Limits;

use crate::domain::customer::Status;
use crate::domain::ledger::credit::Standing;
use crate::domain::money::Money;
use crate::store::{Result, Store, StoreError, SummaryRef, SummaryScope};
use crate::tui::worker::Worker;

/// Rows shown before the whole list has loaded (more than any screen holds).
pub const FIRST_PAGE: u64 = 300;

/// The shown text fields of a row, in span order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Code = 0,
    Name = 1,
    Mnemonic = 2,
    TaxId = 3,
    Class = 4,
}

/// 40 bytes, the class held as a number, the shown fields found by
/// separators (`fields.rs`), the credit limit as an amount and a flag (an
/// `Option<Money>` takes 16 bytes: 7.6 MiB more at a million rows).
#[derive(Clone, Debug)]
pub struct Row {
    pub id: i64,
    /// The limit when `limited` (zero otherwise).
    credit: Money,
    /// The receivable balance (net of unapplied credit), from `ledger_balances`.
    pub balance: Money,
    /// Earliest due date of what is still owed.
    pub oldest_due: Option<NaiveDate>,
    pub status: Status,
    pub alive: bool,
    /// False: not controlled.
    limited: bool,
    shown: Shown,
    class: u32,
    /// Where the row's shown fields that are not in its search text start
    /// in the text arena.
    text_start: u32,
}

#[derive(Debug, Default)]
pub struct CustomerIndex {
    rows: Vec<Row>,
    text: String,
    classes: Classes,
    /// The distinct credit limits (the credit order read off the code order).
    limits: Limits,
    /// Each row's place among `limits`, for the credit sort.
    credit_ranks: limits::Ranks,
    /// The shown fields' lengths of the rare rows holding a separator.
    odd: HashMap<u32, [u16; 4]>,
    hay: Vec<u8>,
    /// Where each row's search text starts in `hay` (one entry per row).
    hay_starts: Vec<u32>,
    /// Which characters each row's search text holds (`summary.rs`).
    summaries: Vec<u64>,
    /// Each row's longest run of `0` (`summary::zero_run`).
    zero_runs: Vec<u8>,
    /// How common each byte of `hay` is, set when a load ends (`byte_ranks.rs`).
    byte_ranks: Option<byte_ranks::ByteRanks>,
    by_id: RowsById,
    /// Row order per column, built on first use and dropped on any change.
    orders: HashMap<Column, order::Order>,
    /// Bumped on every change so views know their cached results are stale.
    generation: u64,
}

/// Generations are unique across indexes, so a view never mistakes a freshly
/// loaded index for the one it filtered before.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, AtomicOrdering::Relaxed)
}

impl Row {
    /// `None`: not controlled.
    pub fn credit_limit(&self) -> Option<Money> {
        self.limited.then_some(self.credit)
    }

    /// Something owed is past due as of `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.oldest_due.is_some_and(|due| due < today)
    }

    /// Two columns of marks: `!` something is overdue, `+` over the credit
    /// limit (the list's legend explains them).
    pub fn marks(&self, today: NaiveDate) -> &'static str {
        marks(self.is_overdue(today), self.is_over_limit())
    }

    /// Credit used is above the limit, as the core decides it (a limit of 0
    /// means cash only).
    pub fn is_over_limit(&self) -> bool {
        Standing::new(self.credit_limit(), self.balance).over_limit
    }
}

/// `!` overdue, `+` over the credit limit, in two columns.
pub fn marks(overdue: bool, over_limit: bool) -> &'static str {
    match (overdue, over_limit) {
        (true, true) => "!+",
        (true, false) => "! ",
        (false, true) => " +",
        (false, false) => "  ",
    }
}

impl CustomerIndex {
    /// Every customer (or the first `limit` by code) from the store.
    pub fn load(store: &Store, limit: Option<u64>) -> Result<CustomerIndex> {
        // The whole list takes every balance in one query (~80 ms at 100,000
        // customers, on the loading worker); a first page asks for its own
        // rows only, so the first frame does not wait for the rest.
        let balances = match limit {
            None => ledger_balances(store)?,
            Some(_) => HashMap::new(),
        };
        let mut index = CustomerIndex {
            generation: next_generation(),
            ..CustomerIndex::default()
        };
        store.customer_summaries(SummaryScope::All { limit }, |s| {
            let figures = listed_figures(s.status, balances.get(&s.id).copied());
            index.push(&s, figures);
        })?;
        index.shrink_to_fit();
        index.byte_ranks = byte_ranks::ByteRanks::of(&index.hay);
        if limit.is_some() {
            for row in &mut index.rows {
                let figures = LedgerFigures::from(&store.balance(row.id)?);
                row.balance = figures.balance;
                row.oldest_due = figures.oldest_due;
            }
        }
        Ok(index)
    }

    /// Loads the whole list on a worker thread with its own connection, so
    /// the first frame does not wait for 100,000 rows.
    pub fn load_in_background(
        path: PathBuf,
        operator: String,
    ) -> Worker<CustomerIndex, StoreError> {
        Worker::on_database(path, operator, |store, _| {
            let mut index = CustomerIndex::load(store, None)?;
            // Sorting 100,000 rows by a text column takes tens of
            // milliseconds: done here, `o` never waits for it.
            index.prepare_orders();
            Ok(index)
        })
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Live (not deleted) rows, archived included.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.len() == 0
    }

    /// A row by position; positions come from this index's own results.
    pub fn get(&self, row: u32) -> Option<&Row> {
        self.rows.get(row as usize)
    }

    pub fn text(&self, row: u32, field: Text) -> &str {
        std::str::from_utf8(self.field_bytes(row, field)).unwrap_or("")
    }

    pub fn row_of_id(&self, id: i64) -> Option<u32> {
        self.by_id.get(id)
    }

    pub fn row_of_code(&self, code: &str) -> Option<u32> {
        (0..self.rows.len() as u32).find(|&r| {
            self.rows[r as usize].alive && self.text(r, Text::Code).eq_ignore_ascii_case(code)
        })
    }

    /// Re-reads one customer after a save; a customer no longer in the store is removed.
    pub fn refresh(&mut self, store: &Store, id: i64) -> Result<()> {
        // One customer's figures, not every balance: this runs after each save.
        let figures = match store.balance(id) {
            Ok(b) => LedgerFigures::from(&b),
            Err(StoreError::NotFound(_)) => LedgerFigures::default(),
            Err(e) => return Err(e),
        };
        let mut found = false;
        store.customer_summaries(SummaryScope::One(id), |s| {
            found = true;
            self.remove(s.id);
            self.push(&s, figures);
            self.insert_in_orders(self.rows.len() as u32 - 1);
        })?;
        if !found {
            self.remove(id);
        }
        self.changed();
        Ok(())
    }

    pub fn remove(&mut self, id: i64) {
        if let Some(row) = self.by_id.remove(id) {
            self.rows[row as usize].alive = false;
            self.changed();
        }
    }

    /// Gives back what the arenas grew by past their contents (up to half of
    /// each, as they double while loading).
    fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.text.shrink_to_fit();
        self.hay.shrink_to_fit();
        self.hay_starts.shrink_to_fit();
        self.summaries.shrink_to_fit();
        self.zero_runs.shrink_to_fit();
        self.by_id.shrink_to_fit();
    }

    /// Bytes held on the heap (arenas and tables), for the benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|(_, bytes)| bytes).sum()
    }

    /// `heap_bytes` by part, for the benchmark's breakdown.
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        let orders = self
            .orders
            .values()
            .map(order::Order::heap_bytes)
            .sum::<usize>()
            + self.credit_ranks.heap_bytes();
        vec![
            ("rows", self.rows.capacity() * std::mem::size_of::<Row>()),
            ("search text", self.hay.capacity()),
            ("row starts", self.hay_starts.capacity() * 4),
            ("summaries", self.summaries.capacity() * 8),
            ("zero runs", self.zero_runs.capacity()),
            ("shown text", self.text.capacity()),
            (
                "classes, odd rows",
                self.classes.heap_bytes()
                    + self.odd.capacity() * (std::mem::size_of::<(u32, [u16; 4])>() + 1),
            ),
            ("rows by id", self.by_id.heap_bytes()),
            ("sort orders", orders),
        ]
    }

    /// Dead rows stay in the cached orders (views skip them), so a change
    /// only needs a new generation; new rows are put in place by
    /// `insert_in_orders`, which keeps a re-sort of 100,000 rows off the save.
    fn changed(&mut self) {
        self.generation = next_generation();
    }

    fn push(&mut self, s: &SummaryRef<'_>, figures: LedgerFigures) {
        let row = self.rows.len() as u32;
        let text_start = self.text.len() as u32;
        let hay_start = self.hay.len();
        self.hay_starts.push(hay_start as u32);
        let shown = self.push_shown(row, [s.code, s.name, s.mnemonic, s.tax_id]);
        let class = self.classes.id(s.classification);
        self.limits.add(s.credit_limit);
        for value in [s.short_name, s.phone, s.mobile, s.contact] {
            push_folded(&mut self.hay, value);
            self.hay.push(SEPARATOR);
        }
        self.summaries.push(summary::of(&self.hay[hay_start..]));
        self.zero_runs
            .push(summary::zero_run(&self.hay[hay_start..]));
        self.rows.push(Row {
            id: s.id,
            credit: s.credit_limit.unwrap_or(Money::ZERO),
            balance: figures.balance,
            oldest_due: figures.oldest_due,
            status: s.status,
            alive: true,
            limited: s.credit_limit.is_some(),
            shown,
            class,
            text_start,
        });
        self.by_id.insert(s.id, row);
    }

    /// The search text of a row.
    fn hay_of(&self, row: u32) -> &[u8] {
        let i = row as usize;
        let start = self
            .hay_starts
            .get(i)
            .map_or(self.hay.len(), |s| *s as usize);
        let end = self
            .hay_starts
            .get(i + 1)
            .map_or(self.hay.len(), |s| *s as usize);
        self.hay.get(start..end).unwrap_or(&[])
    }
}
