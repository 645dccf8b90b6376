//! Invoices from the tax platform (`kehu import --kind invoices`), written
//! through the ledger's bulk: an invoice's entry keeps its 金额 and 税额, a
//! buyer the ledger does not know is created as a customer in the same
//! transaction, an invoice now voided reverses the entry taken before, and
//! the run is recorded as an import batch that `undo_batch` can take back.

use rusqlite::{OptionalExtension, params};

use super::super::writer::{INSERT_SQL, Writer};
use super::super::{BatchInfo, Result};
use super::bulk::LedgerBulk;
use super::lookup::CustomerRef;
use super::reverse::{Reversal, reverse_in};
use super::{AddOptions, Added, Allocate, EntryRef};
use crate::domain::Problems;
use crate::domain::field::FieldValues;
use crate::domain::ledger::{EntryInput, EntryKind};
use crate::domain::money::Money;

/// An entry written from a tax invoice by an earlier run (or earlier in this one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxInvoiceEntry {
    pub id: i64,
    pub customer_code: String,
    pub kind: EntryKind,
    pub amount: Money,
    /// Whether a reversal was booked against it already.
    pub reversed: bool,
}

impl LedgerBulk<'_> {
    /// Entries written from the tax invoice numbered `doc_no` (an invoice,
    /// or a credit note for a red-letter one), by the number alone.
    pub fn tax_invoice(&self, doc_no: &str) -> Result<Option<TaxInvoiceEntry>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT e.id, c.code, e.kind, e.amount,
                        EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses_id = e.id)
                 FROM ledger_entry e JOIN customer c ON c.id = e.customer_id
                 WHERE e.doc_no = ?1 AND e.tax_amount IS NOT NULL ORDER BY e.id LIMIT 1",
            )?
            .query_row([doc_no], |r| {
                let kind: String = r.get(2)?;
                Ok(TaxInvoiceEntry {
                    id: r.get(0)?,
                    customer_code: r.get(1)?,
                    kind: EntryKind::parse(&kind).unwrap_or(EntryKind::Invoice),
                    amount: Money::from_fen(r.get(3)?),
                    reversed: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Writes one invoice (or credit note) with its 金额 and 税额 kept on
    /// the entry; refused rows come back as their problems.
    pub fn add_tax_invoice(
        &mut self,
        code: &str,
        input: &EntryInput,
        net: Money,
        tax: Money,
        allocate: Allocate,
    ) -> Result<std::result::Result<Added, Problems>> {
        let options = AddOptions {
            override_reason: None,
            allocate,
        };
        let added = match self.add(code, input, &options)? {
            Ok(added) => added,
            Err(problems) => return Ok(Err(problems)),
        };
        self.tx
            .prepare_cached(
                "UPDATE ledger_entry SET net_amount = ?2, tax_amount = ?3 WHERE id = ?1",
            )?
            .execute(params![added.entry.id, net.fen(), tax.fen()])?;
        self.note_entry(added.entry.id);
        Ok(Ok(added))
    }

    /// Reverses an entry taken from an invoice the platform now shows as
    /// voided (作废), dated `date`, its reason kept as the memo.
    pub fn reverse_tax_invoice(
        &mut self,
        code: &str,
        entry_id: i64,
        date: &str,
        reason: &str,
    ) -> Result<std::result::Result<Added, Problems>> {
        let reversal = Reversal {
            date: date.to_string(),
            doc_no: None,
            reason: reason.to_string(),
        };
        // The reversal reads and unallocates the entry's rows.
        self.settle_pending()?;
        let added = match reverse_in(
            &self.tx,
            self.operator(),
            code,
            &EntryRef::Id(entry_id),
            &reversal,
        ) {
            Ok(added) => added,
            Err(super::super::StoreError::Invalid(problems)) => return Ok(Err(problems)),
            Err(e) => return Err(e),
        };
        // The reversal carries the figures too, so the number finds both.
        self.tx.execute(
            "UPDATE ledger_entry SET net_amount = -(SELECT net_amount FROM ledger_entry WHERE id = ?2),
             tax_amount = -(SELECT tax_amount FROM ledger_entry WHERE id = ?2) WHERE id = ?1",
            params![added.entry.id, entry_id],
        )?;
        self.forget_account(code, &added.entry)?;
        self.note_entry(added.entry.id);
        Ok(Ok(added))
    }

    /// Creates a customer from an invoice's buyer, checked as any new
    /// customer is. `Ok(Err(problems))` when the buyer cannot be a customer.
    pub fn create_customer(
        &mut self,
        values: &FieldValues,
    ) -> Result<std::result::Result<(CustomerRef, Problems), Problems>> {
        if self.customers.is_none() {
            self.customers = Some(Writer::new(&self.tx, self.operator())?);
        }
        // A code looked up as missing may be the one this customer gets.
        self.by_code.clear();
        let Some(writer) = self.customers.as_mut() else {
            return Ok(Err(Problems::default()));
        };
        let mut insert = self.tx.prepare_cached(INSERT_SQL)?;
        match writer.check_and_insert(&self.tx, &mut *insert, values)? {
            Ok((customer, warnings)) => {
                put_up_for_review(&self.tx, customer.id)?;
                let found = CustomerRef {
                    code: customer.data.code.clone(),
                    name: customer.data.name.clone(),
                    tax_id: customer.data.tax_id.clone(),
                    status: customer.data.status.key().to_string(),
                };
                Ok(Ok((found, warnings)))
            }
            Err(checked) => Ok(Err(checked.problems)),
        }
    }

    /// The customer's default tax rate (percent), when one is set.
    pub fn default_tax_rate(&self, code: &str) -> Result<Option<u8>> {
        Ok(self
            .tx
            .prepare_cached("SELECT tax_rate FROM customer WHERE code = ?1")?
            .query_row([code], |r| r.get::<_, Option<u8>>(0))
            .optional()?
            .flatten())
    }

    /// The last customer audit row so far: the batch's customer writes
    /// are the audit rows after it.
    pub fn last_customer_audit(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// Records this bulk as an invoice import batch; call just before `commit`.
    pub fn record_invoice_batch(&self, info: &BatchInfo, created: i64) -> Result<i64> {
        let audit_last = self.last_customer_audit()?;
        let ledger_audit_last: i64 =
            self.tx
                .query_row("SELECT COALESCE(MAX(id), 0) FROM ledger_audit", [], |r| {
                    r.get(0)
                })?;
        let last_entry: Option<i64> = self.first_entry.map(|_| {
            self.tx
                .query_row("SELECT MAX(id) FROM ledger_entry", [], |r| r.get(0))
                .unwrap_or(0)
        });
        self.tx.execute(
            "INSERT INTO import_batch (file_name, file_hash, sheet, policy, operator, at, rows, inserted,
             updated, skipped, rejected, audit_after, audit_last, kind, first_entry_id, last_entry_id,
             ledger_audit_last)
             VALUES (?1, ?2, ?3, 'skip', ?4, ?14, ?5, ?6, 0, ?7, ?8, ?9, ?10, 'invoices',
             ?11, ?12, ?13)",
            params![
                info.file_name,
                info.file_hash,
                info.sheet,
                self.operator(),
                info.rows,
                created,
                info.skipped,
                info.rejected,
                info.audit_after,
                audit_last,
                self.first_entry,
                last_entry,
                ledger_audit_last,
                super::super::now_text(),
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    fn note_entry(&mut self, id: i64) {
        if self.first_entry.is_none() {
            self.first_entry = Some(id);
        }
    }
}

/// REVIEW HOOK: a customer an invoice import created, to be put up for
/// review when review of new customers is on (branch `ctl` adds that
/// setting and the `pending_review` state). Until then it does nothing and
/// the customer is only reported as created.
fn put_up_for_review(_conn: &rusqlite::Connection, _customer_id: i64) -> Result<bool> {
    Ok(false)
}
