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

/// The extra column's header; it maps to nothing, so a fixed file re-imports as is.
pub const ERROR_HEADER: &str = "error";

pub(crate) enum RejectsWriter {
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
        let mut writer = if is_xlsx(path) {
            let mut workbook = Box::new(Workbook::new());
            let sheet = workbook
                .new_worksheet_with_constant_memory()
                .map_err(|e| write_err(path, e))?;
            RejectsWriter::Xlsx {
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
            RejectsWriter::Csv {
                path: path.to_path_buf(),
                writer: Box::new(csv::Writer::from_writer(out)),
            }
        };
        writer.write_cells(&cells)?;
        Ok(writer)
    }

    /// The row's cells as read (up to the header's width or the last filled
    /// cell) and the error text.
    pub fn write(&mut self, row: &Row, error: &str) -> Result<(), ImportError> {
        let mut cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
        cells.truncate(row.filled_len().max(1));
        cells.push(error);
        self.write_cells(&cells)
    }

    fn write_cells(&mut self, cells: &[&str]) -> Result<(), ImportError> {
        match self {
            RejectsWriter::Csv { path, writer } => {
                writer.write_record(cells).map_err(|e| write_err(path, e))
            }
            RejectsWriter::Xlsx {
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
        match self {
            RejectsWriter::Csv { path, writer } => {
                let mut inner = writer.into_inner().map_err(|e| write_err(&path, e))?;
                inner.flush().map_err(|e| write_err(&path, e))?;
                Ok(path)
            }
            RejectsWriter::Xlsx {
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
