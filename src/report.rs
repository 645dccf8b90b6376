//! Documents that leave kehu: statements of account, aging reports and
//! reconciliation statements as xlsx and csv. The store computes every figure in integer fen; this layer
//! only lays them out.
//!
//! Money in xlsx is a number cell with a `#,##0.00` format, so the recipient
//! can sum and filter it. Each cell's value is `fen as f64 / 100.0`: one
//! correctly rounded division, which gives the double nearest to the exact
//! decimal, and Excel shows it exactly at two decimals for any amount under
//! 2^53 fen. No arithmetic is done on those doubles: totals and running
//! balances are written as cells computed in fen, never as formulas.
//! Money in csv is plain text `1234.56` (no grouping, so spreadsheets read it
//! as a number); files start with a UTF-8 BOM so Excel reads the Chinese.

mod aging;
mod grid;
mod reconciliation;
mod reconciliation_period;
mod sheet;
mod sign_off;
mod statement;
mod stats;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use aging::{aging_table, write_aging};
pub use grid::{Cell, Grid};
pub use reconciliation::{ReconciliationDoc, reconciliation_table, write_reconciliation};
pub(crate) use reconciliation::{
    Value as ReconciliationValue, headers as reconciliation_headers, rows as reconciliation_rows,
};
pub use reconciliation_period::reconciliation_period_grid;
pub(crate) use statement::line_cells as statement_line_cells;
pub use statement::{statement_table, write_statement, write_statement_from};
pub use stats::{period_text, search_grid, stats_grid};

/// The file formats a report can be written in, from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Csv,
}

impl FileKind {
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(FileKind::Xlsx),
            "csv" => Some(FileKind::Csv),
            _ => None,
        }
    }
}

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("{0}: write to a file ending in .xlsx or .csv")]
    UnknownKind(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the spreadsheet {path}: {source}")]
    Xlsx {
        path: PathBuf,
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("cannot write the CSV file {path}: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
}

/// A report as a plain table: what the CSV holds and the CLI prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}
