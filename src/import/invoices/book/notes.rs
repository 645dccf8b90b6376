//! What booking an invoice reports beside the entry: warnings (another tax
//! rate than the customer's, over the credit limit), refusals, and the
//! ledger's or the validator's own problems under the export's column names.

use super::Booker;
use crate::domain::money::Money;
use crate::domain::{Problems, Severity};
use crate::import::ImportError;
use crate::import::invoices::{Invoice, InvoiceProblem};
use crate::messages::Message;
use crate::store::CustomerRef;

impl Booker<'_, '_, '_> {
    /// Warnings after booking: another tax rate than the customer's, over the limit.
    pub(super) fn checks(
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

    pub(super) fn warn(&mut self, invoice: &Invoice, column: &str, message: Message) {
        self.note(invoice, column, Severity::Warning, message);
    }

    pub(super) fn error(&mut self, invoice: &Invoice, column: &str, message: Message) {
        self.report.rejected += 1;
        self.note(invoice, column, Severity::Error, message);
    }

    pub(super) fn note(
        &mut self,
        invoice: &Invoice,
        column: &str,
        severity: Severity,
        message: Message,
    ) {
        let message = message.with("row", invoice.row).with("column", column);
        self.report.problems.push(InvoiceProblem::new(
            (&invoice.file, invoice.row, column),
            &invoice.number,
            severity,
            message,
        ));
    }

    /// The ledger's or the customer validator's own problems, coded as they are.
    pub(super) fn entry_problems(&mut self, invoice: &Invoice, problems: &Problems) {
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
