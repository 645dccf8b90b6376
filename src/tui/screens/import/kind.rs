//! What the file holds, chosen on the file step with F2 and guessed from the
//! file when it is obvious: a 数电票 XML, or a header naming the tax
//! platform's invoice columns, is invoices; a header naming a ledger's
//! customer, date, type and amount is ledger entries; anything else customers.

use std::path::Path;

use crate::import::header::detect_by;
use crate::import::invoices::columns::{Col, recognise};
use crate::import::ledger::{self, LedgerMapping};
use crate::import::{Source, layout_by};
use crate::tui::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Customers,
    Ledger,
    Invoices,
}

impl FileKind {
    /// The next kind, for F2.
    pub fn next(self) -> FileKind {
        match self {
            FileKind::Customers => FileKind::Ledger,
            FileKind::Ledger => FileKind::Invoices,
            FileKind::Invoices => FileKind::Customers,
        }
    }

    pub fn label(self) -> Msg {
        match self {
            FileKind::Customers => Msg::KindCustomers,
            FileKind::Ledger => Msg::KindLedger,
            FileKind::Invoices => Msg::KindInvoices,
        }
    }
}

/// The kind the file obviously holds; customers when nothing says otherwise
/// (or the file cannot be read: opening it then says why).
pub(crate) fn guess(path: &Path) -> FileKind {
    let xml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    if xml {
        return FileKind::Invoices;
    }
    let Ok(source) = Source::open(path) else {
        return FileKind::Customers;
    };
    let invoice_header = layout_by(&source, None, None, |rows| {
        detect_by(rows, |cell| recognise(cell).is_some())
    });
    if let Ok(layout) = invoice_header {
        let cols: Vec<Col> = layout.headers.iter().filter_map(|h| recognise(h)).collect();
        let has = |col: Col| cols.contains(&col);
        let telling =
            has(Col::DigitalNumber) || has(Col::BuyerTaxId) || (has(Col::Code) && has(Col::Number));
        if telling && cols.len() >= 4 {
            return FileKind::Invoices;
        }
    }
    let ledger_file = ledger::layout(&source, None, None)
        .is_ok_and(|layout| LedgerMapping::auto(&layout.headers).validate(false).is_ok());
    if ledger_file {
        FileKind::Ledger
    } else {
        FileKind::Customers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> FileKind {
        guess(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
    }

    #[test]
    fn each_corpus_file_is_guessed_as_what_it_holds() {
        let invoices = "tests/corpus/invoices";
        for name in [
            "digital_invoice_level.csv",
            "digital_line_level_gbk.csv",
            "vat_code_number_2019.csv",
            "einvoice_24442000000000000021.xml",
        ] {
            assert_eq!(
                file(&format!("{invoices}/{name}")),
                FileKind::Invoices,
                "{name}"
            );
        }
        assert_eq!(file("tests/data/import/ledger_gbk.csv"), FileKind::Ledger);
        for name in ["gbk_title.csv", "customers.xls", "utf16.txt", "missing.csv"] {
            let path = format!("tests/data/import/{name}");
            assert_eq!(file(&path), FileKind::Customers, "{name}");
        }
    }
}
