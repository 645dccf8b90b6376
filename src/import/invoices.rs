//! Invoices from the tax platform (`kehu import --kind invoices FILE…`): the
//! month's issued-invoice exports (全量发票查询 → 导出, invoice or line level,
//! GBK CSV or xlsx, as read by `import::read`) and single 数电票 XML files
//! become ledger entries of their buyers, in one batch for all the files.
//!
//! 1. [`read_files`] reads every file into [`Invoice`]s (sheet.rs, xml.rs),
//!    each row problem naming the row as Excel shows it, the column and the fix;
//! 2. [`plan`] / [`commit`] book them (book.rs): only our company's invoices,
//!    buyers found by tax ID, then name, else created; red-letter invoices
//!    as credit notes set against their originals; voided ones skipped or
//!    reversed; what was taken before is skipped, so a run can be repeated.

mod book;
pub mod columns;
mod remark;
mod sheet;
mod summary;
mod xml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::money::Money;
use crate::domain::{Severity, Text};
use crate::messages::Message;

use super::ImportError;
pub use book::{ByName, Created, InvoiceReport, OtherSeller, Watch, commit, commit_watched, plan};
pub use summary::summary;

/// What the platform says of an invoice (发票状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceState {
    /// 正常.
    Normal,
    /// 作废: never valid; nothing is booked, or what was booked is reversed.
    Voided,
    /// 已红冲 / 部分红冲: a red-letter invoice names it (booked on its own).
    RedFlushed,
}

impl InvoiceState {
    pub fn parse(text: &str) -> InvoiceState {
        if text.contains("作废") {
            InvoiceState::Voided
        } else if text.contains("红冲") {
            InvoiceState::RedFlushed
        } else {
            InvoiceState::Normal
        }
    }
}

/// One invoice as the files give it (a line-level export's lines summed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Invoice {
    /// The file it came from, and its first row there as Excel shows it (0 for XML).
    pub file: String,
    pub row: u64,
    /// The 20-digit 数电票号码, or 发票代码 + 发票号码 of an older invoice.
    pub number: String,
    pub seller_tax_id: String,
    pub seller_name: String,
    pub buyer_tax_id: String,
    pub buyer_name: String,
    pub buyer_address_phone: String,
    pub buyer_bank: String,
    /// 开票日期 as the file has it, without a time.
    pub date: String,
    /// 金额 (before tax), 税额 and 价税合计, negative on a red-letter invoice.
    pub net: Money,
    pub tax: Money,
    pub gross: Money,
    /// The tax rates of its lines, in percent, each once.
    pub rates: Vec<u8>,
    pub state: InvoiceState,
    /// A red-letter (红字) invoice: negative, 是否正数发票 = 否, or naming its original.
    pub red: bool,
    /// The blue invoice a red-letter one corrects, from 备注.
    pub original: Option<String>,
    /// Whether the file said who the seller was (an export without seller
    /// columns lists only invoices we issued).
    pub seller_known: bool,
}

/// A problem with a file's row (or an invoice), named for the bookkeeper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvoiceProblem {
    pub file: String,
    /// Row as Excel shows it; 0 for an XML file.
    pub row: u64,
    /// The column's header as the file has it ("" for the whole row).
    pub column: String,
    /// The invoice number, when known.
    pub number: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: Text,
}

impl InvoiceProblem {
    /// A problem whose text is the message table's `message`, in both languages.
    pub fn new(
        at: (&str, u64, &str),
        number: &str,
        severity: Severity,
        message: Message,
    ) -> InvoiceProblem {
        let (file, row, column) = at;
        InvoiceProblem {
            file: file.to_string(),
            row,
            column: column.to_string(),
            number: number.to_string(),
            severity,
            code: message.code,
            message: Text::new(
                message.text(crate::domain::Lang::En),
                message.text(crate::domain::Lang::Zh),
            ),
        }
    }
}

/// What the files held: invoices (each number once) and the rows that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Read {
    pub files: Vec<String>,
    pub invoices: Vec<Invoice>,
    pub problems: Vec<InvoiceProblem>,
    /// Invoices a later file repeated (an overlapping export): read once.
    pub repeated: u64,
    /// Where each number is in `invoices`.
    index: HashMap<String, usize>,
}

/// Reads every file: `.xml` as a single 数电票, anything else as an export.
pub fn read_files(paths: &[PathBuf]) -> Result<Read, ImportError> {
    let mut read = Read::default();
    for path in paths {
        read.files.push(file_name(path));
        let (invoices, problems) = if is_xml(path) {
            xml::read(path)?
        } else {
            sheet::read(path)?
        };
        read.problems.extend(problems);
        for invoice in invoices {
            read.add(invoice);
        }
    }
    Ok(read)
}

impl Read {
    /// An invoice a later export shows again keeps its first reading, but
    /// takes a newer state (an invoice voided or red-flushed since).
    fn add(&mut self, invoice: Invoice) {
        match self
            .index
            .get(&invoice.number)
            .and_then(|i| self.invoices.get_mut(*i))
        {
            Some(earlier) => {
                if invoice.state != InvoiceState::Normal {
                    earlier.state = invoice.state;
                }
                self.repeated += 1;
            }
            None => {
                self.index
                    .insert(invoice.number.clone(), self.invoices.len());
                self.invoices.push(invoice);
            }
        }
    }
}

fn is_xml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
