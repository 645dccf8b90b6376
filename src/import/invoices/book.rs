//! Booking the invoices read into the ledger, all files in one transaction
//! recorded as one import batch: only our company's invoices; the buyer
//! found by tax ID, then name (to confirm), else created; blue invoices
//! first, so a red-letter one finds its original booked in the same run.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Invoice, InvoiceProblem, InvoiceState, Read, read_files};
use crate::domain::company::Company;
use crate::domain::field::FieldValues;
use crate::domain::ledger::EntryInput;
use crate::domain::money::Money;
use crate::domain::permission::Permission;
use crate::domain::tax_id::normalize;
use crate::domain::{Lang, Problems, Severity, Text};
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

    /// The buyer's customer: by tax ID, then by name (a warning), else created.
    fn buyer(&mut self, invoice: &Invoice) -> Result<Option<CustomerRef>, ImportError> {
        if let Some(found) = self.bulk.customer_by_tax_id(&invoice.buyer_tax_id)? {
            return Ok(Some(found));
        }
        // A customer of that name holding another tax ID is another company.
        let mut by_name: Vec<CustomerRef> = self
            .bulk
            .customers_by_name(&invoice.buyer_name)?
            .into_iter()
            .filter(|c| c.tax_id.is_empty() || invoice.buyer_tax_id.trim().is_empty())
            .collect();
        match by_name.len() {
            0 => {}
            1 => {
                let found = by_name.remove(0);
                if !self.created.contains(&found.code) {
                    self.report.found_by_name.push(ByName {
                        number: invoice.number.clone(),
                        buyer_name: invoice.buyer_name.clone(),
                        buyer_tax_id: invoice.buyer_tax_id.clone(),
                        code: found.code.clone(),
                    });
                    self.warn(
                        invoice,
                        "购买方名称",
                        Message::new("invoice.found_by_name")
                            .with("name", &invoice.buyer_name)
                            .with("code", &found.code),
                    );
                }
                return Ok(Some(found));
            }
            _ => {
                let codes: Vec<String> = by_name.iter().map(|c| c.code.clone()).collect();
                self.error(
                    invoice,
                    "购买方名称",
                    Message::new("invoice.buyer_ambiguous")
                        .with("name", &invoice.buyer_name)
                        .with("codes", codes.join(", ")),
                );
                return Ok(None);
            }
        }
        self.create(invoice)
    }

    /// A new customer from the buyer; with only name and tax ID when the
    /// export's address, phone or bank text does not pass as those fields.
    fn create(&mut self, invoice: &Invoice) -> Result<Option<CustomerRef>, ImportError> {
        let mut values = FieldValues::new();
        values.insert("name".into(), invoice.buyer_name.clone());
        values.insert("tax_id".into(), invoice.buyer_tax_id.clone());
        let minimal = values.clone();
        let (address, phone) = split_last(&invoice.buyer_address_phone, |t| {
            t.chars().all(|c| c.is_ascii_digit() || c == '-')
        });
        let (bank, account) = split_last(&invoice.buyer_bank, |t| {
            t.chars().all(|c| c.is_ascii_digit())
        });
        for (key, value) in [
            ("registered_address", address),
            ("phone", phone),
            ("bank_name", bank),
            ("bank_account", account),
        ] {
            if !value.is_empty() {
                values.insert(key.into(), value);
            }
        }
        let mut created = self.bulk.create_customer(&values)?;
        if created.is_err() && values != minimal {
            created = self.bulk.create_customer(&minimal)?;
        }
        match created {
            Ok((customer, warnings)) => {
                self.entry_problems(invoice, &warnings);
                self.created.insert(customer.code.clone());
                self.report.created_customers.push(Created {
                    code: customer.code.clone(),
                    name: customer.name.clone(),
                    tax_id: customer.tax_id.clone(),
                    number: invoice.number.clone(),
                    pending_review: customer.status == "pending_review",
                });
                Ok(Some(customer))
            }
            Err(problems) => {
                self.entry_problems(invoice, &problems);
                self.report.rejected += 1;
                Ok(None)
            }
        }
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

    /// Warnings after booking: another tax rate than the customer's, over the limit.
    fn checks(
        &mut self,
        invoice: &Invoice,
        customer: &CustomerRef,
        available: Option<Money>,
    ) -> Result<(), ImportError> {
        if let Some(default) = self.bulk.default_tax_rate(&customer.code)?
            && let Some(other) = invoice.rates.iter().find(|r| **r != default)
        {
            self.warn(
                invoice,
                "税率",
                Message::new("invoice.rate_differs")
                    .with("rate", format!("{other}%"))
                    .with("code", &customer.code)
                    .with("default", format!("{default}%")),
            );
        }
        if let Some(available) = available
            && available.is_negative()
            && self.over_limit.insert(customer.code.clone())
        {
            self.warn(
                invoice,
                "价税合计",
                Message::new("invoice.over_limit")
                    .with("code", &customer.code)
                    .with("name", &customer.name)
                    .with("excess", Money::from_fen(-available.fen())),
            );
        }
        Ok(())
    }

    fn warn(&mut self, invoice: &Invoice, column: &str, message: Message) {
        self.note(invoice, column, Severity::Warning, message);
    }

    fn error(&mut self, invoice: &Invoice, column: &str, message: Message) {
        self.report.rejected += 1;
        self.note(invoice, column, Severity::Error, message);
    }

    fn note(&mut self, invoice: &Invoice, column: &str, severity: Severity, message: Message) {
        let message = message.with("row", invoice.row).with("column", column);
        self.report.problems.push(InvoiceProblem::new(
            (&invoice.file, invoice.row, column),
            &invoice.number,
            severity,
            message,
        ));
    }

    /// The ledger's or the customer validator's own problems, coded as they are.
    fn entry_problems(&mut self, invoice: &Invoice, problems: &Problems) {
        for p in &problems.0 {
            self.report.problems.push(InvoiceProblem {
                file: invoice.file.clone(),
                row: invoice.row,
                column: column_of(&p.field).to_string(),
                number: invoice.number.clone(),
                severity: p.severity,
                code: p.code,
                message: p.message.clone(),
            });
        }
    }
}

/// The export's column a ledger or customer field comes from.
fn column_of(field: &str) -> &'static str {
    match field {
        "date" => "开票日期",
        "doc_no" => "数电票号码",
        "amount" | "allocate" => "价税合计",
        "name" => "购买方名称",
        "tax_id" => "购方识别号",
        "phone" | "registered_address" => "购方地址电话",
        "bank_name" | "bank_account" => "购方银行账号",
        _ => "",
    }
}

fn abs(m: Money) -> Money {
    Money::from_fen(m.fen().saturating_abs())
}

/// "text 020-1234" into ("text", "020-1234") when the last word passes `is_tail`.
fn split_last(text: &str, is_tail: impl Fn(&str) -> bool) -> (String, String) {
    let text = text.trim();
    match text.rsplit_once(char::is_whitespace) {
        Some((head, tail)) if is_tail(tail) => (head.trim().to_string(), tail.to_string()),
        _ => (text.to_string(), String::new()),
    }
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
