//! Booking the invoices read into the ledger, all files in one transaction
//! recorded as one import batch: only our company's invoices; the buyer
//! found by tax ID, then name (to confirm), else created; blue invoices
//! first, so a red-letter one finds its original booked in the same run.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

mod buyer;
mod notes;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Invoice, InvoiceProblem, InvoiceState, Read, read_files};
use crate::domain::company::Company;
use crate::domain::ledger::EntryInput;
use crate::domain::money::Money;
use crate::domain::permission::Permission;
use crate::domain::tax_id::normalize;
use crate::domain::{Lang, Severity, Text};
use crate::import::{ImportError, KEEP_BACKUPS, Refusal};
use crate::messages::Message;
use crate::store::{
    Allocate, BatchInfo, CreditCheck, CustomerRef, EntryRef, LedgerBulk, Store, Target,
};

/// A customer created from an invoice's buyer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Created {
    pub code: String,
    pub name: String,
    pub tax_id: String,
    /// The invoice it was created for.
    pub number: String,
    /// Put up for review (when review of new customers is on).
    pub pending_review: bool,
}

/// An invoice booked to a customer found by name only: to confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ByName {
    pub number: String,
    pub buyer_name: String,
    pub buyer_tax_id: String,
    pub code: String,
}

/// An invoice of another seller, listed and skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OtherSeller {
    pub file: String,
    pub row: u64,
    pub number: String,
    pub seller_name: String,
    pub seller_tax_id: String,
}

/// What a run did (or, dry, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InvoiceReport {
    pub files: Vec<String>,
    pub dry_run: bool,
    /// Invoices read (each number once).
    pub invoices: u64,
    /// Invoices booked (blue ones) and credit notes (red-letter ones).
    pub taken: u64,
    pub credit_notes: u64,
    /// Already in the ledger from an earlier run: skipped.
    pub already_imported: u64,
    /// Shown again by a later file of this run: read once.
    pub repeated: u64,
    pub voided_skipped: u64,
    /// Voided since an earlier run booked them: reversed.
    pub voided_reversed: u64,
    pub rejected: u64,
    pub created_customers: Vec<Created>,
    pub found_by_name: Vec<ByName>,
    pub other_seller: Vec<OtherSeller>,
    /// Errors (rejected invoices, unreadable rows) and warnings.
    pub problems: Vec<InvoiceProblem>,
    pub warnings: u64,
    pub committed: bool,
    /// Stopped on request (the TUI's Esc): rolled back, nothing written.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    pub batch: Option<i64>,
    pub backup: Option<PathBuf>,
}

/// Checks every invoice as `commit` would, then rolls back.
pub fn plan(store: &mut Store, paths: &[PathBuf]) -> Result<InvoiceReport, ImportError> {
    run(store, paths, true, None)
}

/// Books the invoices: backup first, all files in one transaction, one batch.
pub fn commit(store: &mut Store, paths: &[PathBuf]) -> Result<InvoiceReport, ImportError> {
    run(store, paths, false, None)
}

/// How a run is watched from another thread (the TUI's worker): `progress`
/// hears (invoices done, invoices read) before each invoice, `cancel` is
/// looked at then and before the commit; a cancelled run rolls back.
pub struct Watch<'a> {
    pub progress: &'a mut dyn FnMut(u64, u64),
    pub cancel: &'a AtomicBool,
}

/// `commit`, watched.
pub fn commit_watched(
    store: &mut Store,
    paths: &[PathBuf],
    watch: Watch,
) -> Result<InvoiceReport, ImportError> {
    run(store, paths, false, Some(watch))
}

fn run(
    store: &mut Store,
    paths: &[PathBuf],
    dry_run: bool,
    watch: Option<Watch>,
) -> Result<InvoiceReport, ImportError> {
    let company = store.company()?;
    if company.name.is_empty() && company.tax_id.is_empty() {
        return Err(not_set(paths));
    }
    store.require(Permission::EditCustomers)?;
    let read = read_files(paths)?;
    let mut report = InvoiceReport {
        files: read.files.clone(),
        dry_run,
        invoices: read.invoices.len() as u64,
        repeated: read.repeated,
        ..InvoiceReport::default()
    };
    report.rejected = read
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count() as u64;
    report.problems.extend(read.problems.iter().cloned());
    let backup = if dry_run { None } else { store.take_backup()? };
    let result = book_all(store, &company, &read, paths, &mut report, watch);
    if !dry_run {
        store.settle_backup(backup.as_deref(), report.committed, KEEP_BACKUPS)?;
        if report.committed {
            report.backup = backup;
        }
    }
    result?;
    report.warnings = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .count() as u64;
    Ok(report)
}

fn book_all(
    store: &mut Store,
    company: &Company,
    read: &Read,
    paths: &[PathBuf],
    report: &mut InvoiceReport,
    mut watch: Option<Watch>,
) -> Result<(), ImportError> {
    let cancel = watch.as_ref().map(|w| w.cancel);
    let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    let mut bulk = store.ledger_bulk(CreditCheck::Skip)?;
    let audit_after = bulk.last_customer_audit()?;
    let mut booker = Booker {
        bulk: &mut bulk,
        company,
        report,
        created: HashSet::new(),
        over_limit: HashSet::new(),
    };
    let (blue, red): (Vec<&Invoice>, Vec<&Invoice>) = read.invoices.iter().partition(|i| !i.red);
    let total = read.invoices.len() as u64;
    for (done, invoice) in blue.into_iter().chain(red).enumerate() {
        if let Some(w) = watch.as_mut() {
            (w.progress)(done as u64, total);
        }
        if cancelled() {
            break;
        }
        booker.book(invoice)?;
    }
    report.cancelled = cancelled();
    let wrote = report.taken + report.credit_notes + report.voided_reversed > 0;
    if report.dry_run || !wrote || report.cancelled {
        // Dropping the bulk rolls every write back.
        return Ok(());
    }
    let info = BatchInfo {
        file_name: report.files.join(", "),
        file_hash: hash_files(paths)?,
        sheet: String::new(),
        policy: "skip".into(),
        rows: report.invoices as i64,
        skipped: (report.already_imported
            + report.voided_skipped
            + report.other_seller.len() as u64) as i64,
        rejected: report.rejected as i64,
        audit_after,
    };
    let batch = bulk.record_invoice_batch(&info, report.created_customers.len() as i64)?;
    bulk.commit()?;
    report.batch = Some(batch);
    report.committed = true;
    Ok(())
}

struct Booker<'a, 'b, 's> {
    bulk: &'a mut LedgerBulk<'s>,
    company: &'a Company,
    report: &'b mut InvoiceReport,
    /// Customers this run created (found by name later without a warning).
    created: HashSet<String>,
    /// Customers already reported over their credit limit.
    over_limit: HashSet<String>,
}

impl Booker<'_, '_, '_> {
    fn book(&mut self, invoice: &Invoice) -> Result<(), ImportError> {
        if !self.ours(invoice) {
            self.report.other_seller.push(OtherSeller {
                file: invoice.file.clone(),
                row: invoice.row,
                number: invoice.number.clone(),
                seller_name: invoice.seller_name.clone(),
                seller_tax_id: invoice.seller_tax_id.clone(),
            });
            return Ok(());
        }
        let earlier = self.bulk.tax_invoice(&invoice.number)?;
        if invoice.state == InvoiceState::Voided {
            return self.voided(invoice, earlier);
        }
        if earlier.is_some() {
            self.report.already_imported += 1;
            return Ok(());
        }
        let Some(customer) = self.buyer(invoice)? else {
            return Ok(());
        };
        let allocate = self.allocation(invoice, &customer)?;
        let input = EntryInput {
            kind: if invoice.red { "credit" } else { "invoice" }.into(),
            date: invoice.date.clone(),
            doc_no: invoice.number.clone(),
            amount: abs(invoice.gross).to_string(),
            due_date: String::new(),
            memo: match &invoice.original {
                Some(original) => format!("红冲 {original}"),
                None => String::new(),
            },
        };
        let sign = |m: Money| {
            if invoice.red {
                -abs(m).fen()
            } else {
                abs(m).fen()
            }
        };
        let (net, tax) = (
            Money::from_fen(sign(invoice.net)),
            Money::from_fen(sign(invoice.tax)),
        );
        let mut added =
            self.bulk
                .add_tax_invoice(&customer.code, &input, net, tax, allocate.clone())?;
        if added.is_err() && !matches!(allocate, Allocate::Default) {
            // The original is settled already: the credit stays unapplied.
            self.warn(invoice, "", Message::new("invoice.original_settled"));
            added = self
                .bulk
                .add_tax_invoice(&customer.code, &input, net, tax, Allocate::None)?;
        }
        let added = match added {
            Ok(added) => added,
            Err(problems) => {
                self.entry_problems(invoice, &problems);
                self.report.rejected += 1;
                return Ok(());
            }
        };
        self.entry_problems(invoice, &added.warnings);
        if invoice.red {
            self.report.credit_notes += 1;
        } else {
            self.report.taken += 1;
            self.checks(invoice, &customer, added.standing.credit_available)?;
        }
        Ok(())
    }

    /// Seller's tax ID against ours (normalised), else the name.
    fn ours(&self, invoice: &Invoice) -> bool {
        if !invoice.seller_known {
            return true;
        }
        let theirs = normalize(&invoice.seller_tax_id);
        if !theirs.is_empty() && !self.company.tax_id.is_empty() {
            return theirs == normalize(&self.company.tax_id);
        }
        invoice.seller_name.trim() == self.company.name.trim()
    }

    fn voided(
        &mut self,
        invoice: &Invoice,
        earlier: Option<crate::store::TaxInvoiceEntry>,
    ) -> Result<(), ImportError> {
        let Some(entry) = earlier.filter(|e| !e.reversed && !e.amount.is_negative()) else {
            self.report.voided_skipped += 1;
            return Ok(());
        };
        let reason = Message::new("invoice.voided_reason").text(Lang::Zh);
        match self.bulk.reverse_tax_invoice(
            &entry.customer_code,
            entry.id,
            &invoice.date,
            &reason,
        )? {
            Ok(_) => self.report.voided_reversed += 1,
            Err(problems) => {
                self.entry_problems(invoice, &problems);
                self.report.rejected += 1;
            }
        }
        Ok(())
    }

    /// A red-letter invoice goes against its original when that is in the
    /// customer's ledger; else it waits (with a warning) for the bookkeeper.
    fn allocation(
        &mut self,
        invoice: &Invoice,
        customer: &CustomerRef,
    ) -> Result<Allocate, ImportError> {
        if !invoice.red {
            return Ok(Allocate::None);
        }
        let Some(original) = &invoice.original else {
            return Ok(Allocate::Default);
        };
        match self.bulk.tax_invoice(original)? {
            Some(entry) if entry.customer_code == customer.code && !entry.amount.is_negative() => {
                Ok(Allocate::To(vec![Target {
                    entry: EntryRef::Id(entry.id),
                    amount: None,
                }]))
            }
            _ => {
                self.warn(
                    invoice,
                    "备注",
                    Message::new("invoice.original_missing").with("original", original),
                );
                Ok(Allocate::None)
            }
        }
    }
}

fn abs(m: Money) -> Money {
    Money::from_fen(m.fen().saturating_abs())
}

/// SHA-256 over the files' bytes in order.
fn hash_files(paths: &[PathBuf]) -> Result<String, ImportError> {
    let mut hasher = Sha256::new();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        hasher.update(&bytes);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Our company must be set: its tax ID (or name) decides which invoices are ours.
fn not_set(paths: &[PathBuf]) -> ImportError {
    let message = Message::new("company.not_set");
    ImportError::Refused(Box::new(Refusal {
        path: paths.first().cloned().unwrap_or_default(),
        row: None,
        column: None,
        code: message.code,
        message: Text::new(message.text(Lang::En), message.text(Lang::Zh)),
    }))
}
