//! Many entries in one transaction: the path of `kehu import --kind ledger`,
//! the demo data and the benchmark. Either everything written through it
//! commits, or — if it is dropped without `commit` — nothing does (so a dry
//! run of an import is a bulk dropped at the end). Each customer's aggregate
//! row is written once, at commit, from figures kept as rows go in
//! (aggregate.rs); its open entries are held in memory (open_items.rs). An import also audits per customer and batch and builds
//! the entries' secondary indexes after a large load (batch_load.rs).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::super::writer::{FoldHash, Writer};
use super::super::{Result, Store};
use super::account::{Account, load_account, refresh_account};
use super::aggregate::Aggregate;
use super::batch_load::BatchAudit;
use super::held::Held;
use super::open_items::OpenItems;
use super::write::{CreditCheck, LedgerWriter};
use super::{AddOptions, Added};
use crate::domain::customer::code_key;
use crate::domain::ledger::credit::Standing;
use crate::domain::ledger::{EntryData, EntryInput};
use crate::domain::{Problem, Problems, Text};
use crate::store::deferred_indexes::Deferral;

pub struct LedgerBulk<'s> {
    /// The per-row statements, held for the whole bulk; the first field, so
    /// a drop finalises them before the transaction rolls back.
    pub(super) held: Held<'s>,
    conn: &'s Connection,
    // pub(super): lookup.rs finds the customers a row names in this transaction.
    pub(super) tx: Transaction<'s>,
    pub(super) writer: LedgerWriter,
    check: CreditCheck,
    /// Customers by code as first read, balances kept current as rows go in.
    /// The maps are looked up several times a row: foldhash (perf at 1M
    /// entries: SipHash code lookups took 8% of the writing thread).
    accounts: HashMap<String, Option<Account>, FoldHash>,
    touched: HashSet<i64, FoldHash>,
    added: usize,
    operator: String,
    // pub(super): an invoice import (invoices.rs) creates the buyers it does
    // not find, and names the entries it wrote by their id range.
    pub(super) customers: Option<Writer>,
    pub(super) first_entry: Option<i64>,
    /// The first id an entry of this bulk gets (`written_here`).
    pub(super) first_new_entry: i64,
    /// Customers looked up by code (lookup.rs), found or not.
    pub(super) by_code: HashMap<String, Option<std::rc::Rc<super::CustomerRef>>, FoldHash>,
    /// Open entries by customer id, read on the customer's first entry.
    pub(super) open: HashMap<i64, OpenItems, FoldHash>,
    /// Every customer's open entries are in `open` (or it has none): set
    /// when the indexes that find them are dropped (batch_load.rs).
    pub(super) open_complete: bool,
    /// Set by `audit_by_batch`: what each customer got, audited at commit.
    pub(super) batch_audit: Option<BatchAudit>,
    pub(super) deferral: Deferral,
    /// Each customer's aggregate figures kept as rows go in, written at
    /// commit; `None` once a write outside `add` touched the customer (its
    /// row is then summed from the entries).
    aggregates: HashMap<i64, Option<Aggregate>, FoldHash>,
}

impl Store {
    /// Starts a bulk load of ledger entries. `check` says whether invoices
    /// are held to credit limits and on-hold status (`Skip` for past entries).
    pub fn ledger_bulk(&mut self, check: CreditCheck) -> Result<LedgerBulk<'_>> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let conn = &self.conn;
        // Unchecked: `&mut self` already rules out a second transaction, and
        // the held statements need the connection borrowed for 's.
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
        let first_new_entry: i64 = tx.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM ledger_entry",
            [],
            |r| r.get(0),
        )?;
        let mut writer = LedgerWriter::new(&self.operator);
        writer.duplicates_by_constraint = true;
        Ok(LedgerBulk {
            held: Held::default(),
            conn,
            tx,
            writer,
            check,
            accounts: HashMap::default(),
            touched: HashSet::default(),
            added: 0,
            operator: self.operator.clone(),
            customers: None,
            first_entry: None,
            first_new_entry,
            by_code: HashMap::default(),
            open: HashMap::default(),
            open_complete: false,
            batch_audit: None,
            deferral: Deferral::Never,
            aggregates: HashMap::default(),
        })
    }
}

impl LedgerBulk<'_> {
    /// Checks and writes one entry for the customer `code`, validated against
    /// everything written so far (earlier rows of the same file included).
    /// `Ok(Err(problems))` when the row is refused (nothing written for it),
    /// including an unknown customer code; the caller decides whether to go on.
    pub fn add(
        &mut self,
        code: &str,
        input: &EntryInput,
        options: &AddOptions,
    ) -> Result<std::result::Result<Added, Problems>> {
        self.add_parsed(code, input, None, options)
    }

    /// `add` with the input already parsed without the customer's rules
    /// (`domain::ledger::with_rules`): an import parses on its reading thread.
    pub fn add_parsed(
        &mut self,
        code: &str,
        input: &EntryInput,
        parsed: Option<EntryData>,
        options: &AddOptions,
    ) -> Result<std::result::Result<Added, Problems>> {
        let key = code_key(code);
        if !self.accounts.contains_key(key.as_ref()) {
            let account = load_account(&self.tx, &key)?;
            self.accounts.insert(key.to_string(), account);
        }
        let Some(Some(account)) = self.accounts.get_mut(key.as_ref()) else {
            return Ok(Err(Problems(vec![Problem::error(
                "customer",
                "customer.not_found",
                Text::new(
                    format!("No customer with code {key}: add the customer first."),
                    format!("没有编码为 {key} 的客户：请先添加该客户。"),
                ),
            )])));
        };
        let open = match self.open.entry(account.id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) if self.open_complete => {
                e.insert(OpenItems::default())
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(OpenItems::load(&self.tx, account.id)?)
            }
        };
        if let std::collections::hash_map::Entry::Vacant(e) = self.aggregates.entry(account.id) {
            e.insert(Some(Aggregate::load(&self.tx, account.id)?));
        }
        let written = match self.writer.add(
            &self.tx,
            account,
            input,
            parsed,
            options,
            self.check,
            Some(open),
            Some(self.held.ready(self.conn, self.writer.now())?),
        )? {
            Ok(w) => w,
            Err(problems) => return Ok(Err(problems)),
        };
        self.touched.insert(account.id);
        if let Some(aggregate) = self.aggregates.get_mut(&account.id)
            && let Some(a) = aggregate
            && !a.add(written.entry.data.amount, written.entry.data.date)
        {
            *aggregate = None;
        }
        self.added += 1;
        if let Some(audit) = self.batch_audit.as_mut() {
            audit.count(account.id, written.entry.id, written.allocations.len());
        }
        let added = Added {
            entry: written.entry,
            allocations: written.allocations,
            // Figures as of this row; the aggregate row is refreshed at commit.
            standing: Standing::new(account.credit_limit, account.balance),
            warnings: written.warnings,
        };
        if !self.indexes_deferred() {
            self.deferral
                .drop_when(self.added, &self.tx, &super::batch_load::DEFERRABLE)?;
            if self.indexes_deferred() {
                self.hold_what_the_indexes_found()?;
            }
        }
        Ok(Ok(added))
    }

    pub fn added(&self) -> usize {
        self.added
    }

    pub(super) fn operator(&self) -> &str {
        &self.operator
    }

    /// Reads the customer's figures again on its next entry (after `written`,
    /// an entry written outside `add`, such as a reversal); its aggregate row
    /// is refreshed at commit.
    pub(super) fn forget_account(
        &mut self,
        code: &str,
        written: &crate::domain::ledger::Entry,
    ) -> Result<()> {
        self.settle_pending()?;
        if let Some(docs) = self.held.docs.as_mut() {
            docs.add(written.customer_id, &written.data, written.id);
        }
        if let Some(Some(account)) = self.accounts.remove(code_key(code).as_ref()) {
            self.touched.insert(account.id);
            self.aggregates.insert(account.id, None);
            if self.open_complete {
                // Every other customer's open entries stay held; this one's
                // are read again now, once (the indexes that find them are
                // dropped: a scan), not every later new customer's.
                let items = OpenItems::load(&self.tx, account.id)?;
                self.open.insert(account.id, items);
            } else {
                self.open.remove(&account.id);
            }
        }
        Ok(())
    }

    /// Writes the held outstanding changes to the rows (held.rs `pending`):
    /// before anything reads those amounts from the rows.
    pub(super) fn settle_pending(&mut self) -> Result<()> {
        self.held.settle_pending(self.conn, self.writer.now())
    }

    /// Makes every entry of this bulk permanent at once.
    pub fn commit(mut self) -> Result<usize> {
        self.settle_pending()?;
        self.held = Held::default();
        if let Some(writer) = self.customers.as_mut() {
            writer.finish(&self.tx)?;
        }
        self.deferral.rebuild(&self.tx)?;
        if let Some(audit) = self.batch_audit.take() {
            audit.write(&self.tx, &self.writer)?;
        }
        for id in &self.touched {
            let from_memory = match (self.aggregates.get(id), self.open.get(id)) {
                (Some(Some(aggregate)), Some(open)) => aggregate.write(&self.tx, *id, open)?,
                _ => false,
            };
            if !from_memory {
                refresh_account(&self.tx, *id)?;
            }
        }
        self.tx.commit()?;
        Ok(self.added)
    }
}
