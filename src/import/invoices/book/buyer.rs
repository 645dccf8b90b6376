//! The buyer of an invoice: found by normalised tax ID, else by name (a
//! warning to confirm; the same name with another tax ID is another company),
//! else created from what the invoice carries.

use super::{Booker, ByName, Created};
use crate::domain::field::FieldValues;
use crate::import::ImportError;
use crate::import::invoices::Invoice;
use crate::messages::Message;
use crate::store::CustomerRef;

impl Booker<'_, '_, '_> {
    /// The buyer's customer: by tax ID, then by name (a warning), else created.
    pub(super) fn buyer(&mut self, invoice: &Invoice) -> Result<Option<CustomerRef>, ImportError> {
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
}

/// "text 020-1234" into ("text", "020-1234") when the last word passes `is_tail`.
fn split_last(text: &str, is_tail: impl Fn(&str) -> bool) -> (String, String) {
    let text = text.trim();
    match text.rsplit_once(char::is_whitespace) {
        Some((head, tail)) if is_tail(tail) => (head.trim().to_string(), tail.to_string()),
        _ => (text.to_string(), String::new()),
    }
}
