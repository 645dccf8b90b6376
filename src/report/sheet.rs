//! Shared cell writing: money cells, text cells, CSV with a BOM.

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{ReportError, Table};
use crate::domain::money::Money;
use crate::domain::safe_text::csv_guard;

pub const MONEY_FORMAT: &str = "#,##0.00";

/// Writes `money` as a number shown with two decimals (`Money::sheet_number`;
/// see the module comment of `report`).
pub fn money(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    money: Money,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, col, money.sheet_number(), format)?;
    Ok(())
}

/// Text cells stay text (document numbers like 00012345 keep their zeros).
pub fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str) -> Result<(), XlsxError> {
    if !value.is_empty() {
        sheet.write_string(row, col, value)?;
    }
    Ok(())
}

/// Writes `table` as UTF-8 CSV with a BOM.
pub fn write_csv(path: &Path, table: &Table) -> Result<(), ReportError> {
    let io = |source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let csv_err = |source| ReportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    file.write_all("\u{FEFF}".as_bytes()).map_err(io)?;
    let mut writer = csv::Writer::from_writer(file);
    writer.write_record(&table.headers).map_err(csv_err)?;
    for row in &table.rows {
        // Text that would run as a formula in a spreadsheet is written as text.
        let row = row.iter().map(|cell| csv_guard(cell).into_owned());
        writer.write_record(row).map_err(csv_err)?;
    }
    writer.flush().map_err(io)?;
    Ok(())
}
