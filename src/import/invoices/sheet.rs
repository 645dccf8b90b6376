//! One issued-invoice export (CSV in any encoding, or a workbook) into
//! invoices: the header row found under the title rows, each data row read
//! by the export's column names, a line-level export's lines summed per
//! invoice number. A summary row (合计) is passed over.

use std::collections::HashMap;
use std::path::Path;

use super::columns::{Col, Columns, recognise};
use super::remark;
use super::{Invoice, InvoiceProblem, InvoiceState, file_name};
use crate::domain::customer::TaxRate;
use crate::domain::date::{iso, parse_date};
use crate::domain::money::Money;
use crate::domain::{Severity, Text};
use crate::import::header::detect_by;
use crate::import::numbers::is_scientific;
use crate::import::read::{Row, Source};
use crate::import::{ImportError, Refusal, layout_by};
use crate::messages::Message;

type Problems = Vec<InvoiceProblem>;

pub fn read(path: &Path) -> Result<(Vec<Invoice>, Problems), ImportError> {
    let source = Source::open(path)?;
    let layout = layout_by(&source, None, None, |rows| {
        detect_by(rows, |c| recognise(c).is_some())
    })?;
    let columns = Columns::of(&layout.headers);
    let missing = columns.missing();
    if !missing.is_empty() {
        let message = Message::new("invoice.columns_missing")
            .with("row", layout.header_row)
            .with("columns", missing.join(", "));
        return Err(ImportError::Refused(Box::new(Refusal {
            path: path.to_path_buf(),
            row: Some(layout.header_row),
            column: None,
            code: message.code,
            message: Text::new(
                message.text(crate::domain::Lang::En),
                message.text(crate::domain::Lang::Zh),
            ),
        })));
    }
    let file = file_name(path);
    let mut invoices: Vec<Invoice> = Vec::new();
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    for row in source.rows(layout.sheet.as_deref())? {
        let row = row?;
        if row.number <= layout.header_row || row.is_blank() {
            continue;
        }
        let reader = RowReader {
            row: &row,
            columns: &columns,
            file: &file,
        };
        let Some(invoice) = reader.invoice(&mut problems) else {
            continue;
        };
        match by_number.get(&invoice.number) {
            Some(&i) if columns.line_level() => add_line(&mut invoices[i], &invoice),
            Some(_) => problems.push(reader.problem(
                Col::Number,
                &invoice.number,
                Severity::Error,
                Message::new("invoice.repeated_row").with("number", &invoice.number),
            )),
            None => {
                by_number.insert(invoice.number.clone(), invoices.len());
                invoices.push(invoice);
            }
        }
    }
    Ok((invoices, problems))
}

/// A further line of a line-level export's invoice.
fn add_line(invoice: &mut Invoice, line: &Invoice) {
    let sum = |a: Money, b: Money| a.checked_add(b).unwrap_or(a);
    invoice.net = sum(invoice.net, line.net);
    invoice.tax = sum(invoice.tax, line.tax);
    invoice.gross = sum(invoice.gross, line.gross);
    for rate in &line.rates {
        if !invoice.rates.contains(rate) {
            invoice.rates.push(*rate);
        }
    }
    invoice.red |= line.red;
}

struct RowReader<'a> {
    row: &'a Row,
    columns: &'a Columns,
    file: &'a str,
}

impl RowReader<'_> {
    fn cell(&self, col: Col) -> &str {
        self.columns
            .index(col)
            .map_or("", |i| self.row.cell(i).trim())
    }

    fn problem(
        &self,
        col: Col,
        number: &str,
        severity: Severity,
        message: Message,
    ) -> InvoiceProblem {
        let column = self.columns.header(col);
        let message = message.with("row", self.row.number).with("column", &column);
        InvoiceProblem::new(
            (self.file, self.row.number, &column),
            number,
            severity,
            message,
        )
    }

    /// The row as an invoice (or line), or `None` with its problems noted.
    fn invoice(&self, problems: &mut Problems) -> Option<Invoice> {
        let (number_col, number) = self.number();
        if number.is_empty() {
            if !self.row.cells.iter().any(|c| c.contains("合计")) {
                problems.push(self.problem(
                    number_col,
                    "",
                    Severity::Error,
                    Message::new("invoice.no_number"),
                ));
            }
            return None;
        }
        let index = self.columns.index(number_col);
        let mangled = is_scientific(&number)
            || index.is_some_and(|i| self.row.was_number(i) && number.len() >= 16);
        if mangled {
            problems.push(self.problem(
                number_col,
                &number,
                Severity::Error,
                Message::new("invoice.number_mangled").with("text", &number),
            ));
            return None;
        }
        let before = problems.len();
        let date = self.date(&number, problems);
        let gross = self.money(Col::Gross, &number, problems);
        let tax = match self.cell(Col::Tax) {
            "" => Some(Money::ZERO),
            _ => self.money(Col::Tax, &number, problems),
        };
        let net = match (self.cell(Col::Net), gross, tax) {
            ("", Some(g), Some(t)) => g.checked_sub(t),
            _ => self.money(Col::Net, &number, problems),
        };
        if problems.len() > before {
            return None;
        }
        let (date, gross, tax, net) = (date?, gross?, tax?, net?);
        let note = self.cell(Col::Note);
        let original = remark::original(note);
        let red = gross.is_negative() || self.cell(Col::Positive) == "否" || original.is_some();
        let rates = TaxRate::parse(self.cell(Col::Rate))
            .map(|r| vec![r.percent()])
            .unwrap_or_default();
        Some(Invoice {
            file: self.file.to_string(),
            row: self.row.number,
            number,
            seller_tax_id: self.cell(Col::SellerTaxId).to_string(),
            seller_name: self.cell(Col::SellerName).to_string(),
            buyer_tax_id: self.cell(Col::BuyerTaxId).to_string(),
            buyer_name: self.cell(Col::BuyerName).to_string(),
            buyer_address_phone: self.cell(Col::BuyerAddressPhone).to_string(),
            buyer_bank: self.cell(Col::BuyerBank).to_string(),
            date,
            net,
            tax,
            gross,
            rates,
            state: InvoiceState::parse(self.cell(Col::Status)),
            red,
            original,
            seller_known: self.columns.index(Col::SellerTaxId).is_some()
                || self.columns.index(Col::SellerName).is_some(),
        })
    }

    /// The 数电 number, else 发票代码 + 发票号码 (or a 20-digit 发票号码 alone).
    fn number(&self) -> (Col, String) {
        let digital = self.cell(Col::DigitalNumber);
        if !digital.is_empty() {
            return (Col::DigitalNumber, digital.to_string());
        }
        let (code, number) = (self.cell(Col::Code), self.cell(Col::Number));
        if !code.is_empty() && !number.is_empty() && number.len() < 20 {
            return (Col::Number, format!("{code}{number}"));
        }
        let col = if self.columns.index(Col::Number).is_some() {
            Col::Number
        } else {
            Col::DigitalNumber
        };
        (col, number.to_string())
    }

    fn date(&self, number: &str, problems: &mut Problems) -> Option<String> {
        let text = self.cell(Col::Date);
        let day = text.split([' ', 'T']).next().unwrap_or("");
        match parse_date(day) {
            Ok(date) => Some(iso(date)),
            Err(e) => {
                problems.push(self.problem(
                    Col::Date,
                    number,
                    Severity::Error,
                    Message::new("invoice.bad_date").with_text("reason", e.text()),
                ));
                None
            }
        }
    }

    fn money(&self, col: Col, number: &str, problems: &mut Problems) -> Option<Money> {
        let text = self.cell(col).trim_start_matches(['¥', '￥']);
        match Money::parse(text) {
            Ok(m) => Some(m),
            Err(e) => {
                problems.push(self.problem(
                    col,
                    number,
                    Severity::Error,
                    Message::new("invoice.bad_amount").with_text("reason", e.text()),
                ));
                None
            }
        }
    }
}
