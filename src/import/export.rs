//! `kehu export OUT.xlsx|OUT.csv`: every customer (archived ones too) in the
//! template's columns, so exporting and importing into an empty database
//! gives the same customers. CSV is UTF-8 with a BOM so Excel opens it.

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::ImportError;
use super::mapping::Target;
use super::rejects::is_xlsx;
use super::template::{Column, columns};
use crate::domain::Lang;
use crate::domain::customer::CustomerData;
use crate::domain::field::Field;
use crate::domain::safe_text::csv_guard;
use crate::store::{ListFilter, Store};

/// Writes all customers to `path`; returns how many.
pub fn export(store: &Store, path: &Path) -> Result<usize, ImportError> {
    let catalog = store.catalog()?;
    let cols = columns(&catalog);
    let customers = store.list_customers(&ListFilter {
        include_archived: true,
        ..ListFilter::default()
    })?;
    let fail = |e: &dyn std::fmt::Display| ImportError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let headers: Vec<&str> = cols.iter().map(|c| c.header.as_str()).collect();
    if !is_xlsx(path) {
        let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
        let mut out = std::io::BufWriter::new(file);
        out.write_all("\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
        let mut w = csv::Writer::from_writer(out);
        w.write_record(&headers).map_err(|e| fail(&e))?;
        for c in &customers {
            // A name like `=HYPERLINK(…)` opens in a spreadsheet as text; import reverses it.
            w.write_record(
                cols.iter()
                    .map(|col| csv_guard(&cell(col, &c.data)).into_owned()),
            )
            .map_err(|e| fail(&e))?;
        }
        w.flush().map_err(|e| fail(&e))?;
        return Ok(customers.len());
    }
    let mut book = Workbook::new();
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(|e| fail(&e))?;
    sheet.set_name("客户").map_err(|e| fail(&e))?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    for (i, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, *h, &bold)
            .map_err(|e| fail(&e))?;
    }
    for (r, c) in customers.iter().enumerate() {
        for (i, col) in cols.iter().enumerate() {
            // Money as a number the recipient can sum (it reads back as the
            // same fen); every other cell as text: tax IDs and accounts must
            // stay exact.
            if let (Target::Field(Field::CreditLimit), Some(limit)) =
                (&col.target, c.data.credit_limit)
            {
                sheet
                    .write_number_with_format(r as u32 + 1, i as u16, limit.sheet_number(), &money)
                    .map_err(|e| fail(&e))?;
                continue;
            }
            let value = cell(col, &c.data);
            if !value.is_empty() {
                sheet
                    .write_string(r as u32 + 1, i as u16, value)
                    .map_err(|e| fail(&e))?;
            }
        }
    }
    book.save(path).map_err(|e| fail(&e))?;
    Ok(customers.len())
}

/// A field as a bookkeeper reads it (choices by their Chinese label), in a
/// form the importer parses back to the same value.
fn cell(col: &Column, data: &CustomerData) -> String {
    match &col.target {
        Target::Field(Field::Kind) => data.kind.label(Lang::Zh).to_string(),
        Target::Field(Field::Status) => data.status.label(Lang::Zh).to_string(),
        Target::Field(Field::InvoiceType) => data
            .invoice_type
            .map(|v| v.label(Lang::Zh).to_string())
            .unwrap_or_default(),
        Target::Field(Field::Settlement) => data
            .settlement
            .map(|v| v.label(Lang::Zh).to_string())
            .unwrap_or_default(),
        Target::Field(f) => f.text_of(data),
        Target::Dimension(code) => data.classification.get(code).cloned().unwrap_or_default(),
        Target::Ignore => String::new(),
    }
}
