//! The rejected rows, written as they are found: the header row, then each
//! rejected row as it was in the file plus an `error` column, so the user can
//! fix the cells and import the file again. CSV (UTF-8 with BOM, so Excel
//! opens it) or XLSX, by the extension asked for.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, Worksheet};

use super::ImportError;
use super::read::Row;
use crate::domain::safe_text::{csv_guard, csv_unguard};

/// The extra column's header; it maps to nothing, so a fixed file re-imports as is.
pub const ERROR_HEADER: &str = "error";

pub(crate) struct RejectsWriter {
    /// The header's width: the error column goes right after it on every row.
    width: usize,
    out: Out,
}

enum Out {
    Csv {
        path: PathBuf,
        writer: Box<csv::Writer<BufWriter<File>>>,
    },
    Xlsx {
        path: PathBuf,
        workbook: Box<Workbook>,
        sheet: Box<Worksheet>,
        next_row: u32,
    },
}

pub(crate) fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

impl RejectsWriter {
    pub fn create(path: &Path, header: &[String]) -> Result<RejectsWriter, ImportError> {
        let mut cells: Vec<&str> = header.iter().map(String::as_str).collect();
        cells.push(ERROR_HEADER);
        let out = if is_xlsx(path) {
            let mut workbook = Box::new(Workbook::new());
            let sheet = workbook
                .new_worksheet_with_constant_memory()
                .map_err(|e| write_err(path, e))?;
            Out::Xlsx {
                path: path.to_path_buf(),
                workbook,
                sheet: Box::new(sheet),
                next_row: 0,
            }
        } else {
            let file = File::create(path).map_err(|e| write_err(path, e))?;
            let mut out = BufWriter::new(file);
            out.write_all("\u{feff}".as_bytes())
                .map_err(|e| write_err(path, e))?;
            Out::Csv {
                path: path.to_path_buf(),
                // Flexible: cells past the header (a ragged row) follow the error.
                writer: Box::new(csv::WriterBuilder::new().flexible(true).from_writer(out)),
            }
        };
        let mut writer = RejectsWriter {
            width: header.len(),
            out,
        };
        writer.write_cells(&cells)?;
        Ok(writer)
    }

    /// The row's cells as read, padded to the header's width, then the error
    /// text, then any filled cells the row had past the header.
    pub fn write(&mut self, row: &Row, error: &str) -> Result<(), ImportError> {
        let mut cells: Vec<&str> = (0..self.width).map(|i| row.cell(i)).collect();
        cells.push(error);
        cells.extend((self.width..row.filled_len()).map(|i| row.cell(i)));
        self.write_cells(&cells)
    }

    fn write_cells(&mut self, cells: &[&str]) -> Result<(), ImportError> {
        match &mut self.out {
            Out::Csv { path, writer } => writer
                .write_record(cells.iter().map(|cell| csv_guard(cell).into_owned()))
                .map_err(|e| write_err(path, e)),
            Out::Xlsx {
                path,
                sheet,
                next_row,
                ..
            } => {
                for (col, cell) in cells.iter().enumerate() {
                    // Strings always: a tax ID written as a number would be mangled again.
                    sheet
                        .write_string(*next_row, col as u16, *cell)
                        .map_err(|e| write_err(path, e))?;
                }
                *next_row += 1;
                Ok(())
            }
        }
    }

    pub fn finish(self) -> Result<PathBuf, ImportError> {
        match self.out {
            Out::Csv { path, writer } => {
                let mut inner = writer.into_inner().map_err(|e| write_err(&path, e))?;
                inner.flush().map_err(|e| write_err(&path, e))?;
                Ok(path)
            }
            Out::Xlsx {
                path,
                mut workbook,
                sheet,
                ..
            } => {
                workbook.push_worksheet(*sheet);
                workbook.save(&path).map_err(|e| write_err(&path, e))?;
                Ok(path)
            }
        }
    }
}

fn write_err(path: &Path, e: impl std::fmt::Display) -> ImportError {
    ImportError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Saves the rejected rows a run wrote to `from_csv` (its own CSV) where the
/// user asks: copied for `.csv`, converted for `.xlsx` (every cell a string,
/// so tax IDs stay text). The fronts let the user choose after the run.
pub fn save_rejects(from_csv: &Path, to: &Path) -> Result<PathBuf, ImportError> {
    if !is_xlsx(to) {
        std::fs::copy(from_csv, to).map_err(|e| write_err(to, e))?;
        return Ok(to.to_path_buf());
    }
    let read_err = |e: csv::Error| ImportError::Read {
        path: from_csv.to_path_buf(),
        row: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(from_csv)
        .map_err(read_err)?;
    let mut workbook = Workbook::new();
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .and_then(|s| s.set_name("rejected"))
        .map_err(|e| write_err(to, e))?;
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(read_err)?;
        for (c, cell) in record.iter().enumerate() {
            // The run wrote the file with a BOM; it is not part of the first header.
            let cell = if r == 0 && c == 0 {
                cell.trim_start_matches('\u{feff}')
            } else {
                cell
            };
            // The CSV guarded formula-like cells; a string cell needs no guard.
            let cell = csv_unguard(cell);
            sheet
                .write_string(r as u32, c as u16, cell)
                .map_err(|e| write_err(to, e))?;
        }
    }
    workbook.save(to).map_err(|e| write_err(to, e))?;
    Ok(to.to_path_buf())
}
