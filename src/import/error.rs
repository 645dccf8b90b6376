//! Why a file cannot be imported at all (as opposed to rows that are
//! rejected): the error every import step returns, and a refusal's place
//! and texts.

use std::path::PathBuf;

use thiserror::Error;

use super::MappingError;
use crate::domain::Text;
use crate::store::StoreError;

/// Why a file cannot be imported at all (as opposed to rows that are rejected).
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is empty: there is nothing to import")]
    Empty { path: PathBuf },
    #[error(
        "{path} is not a spreadsheet: {what}. Import a .csv, .txt, .xlsx, .xls or .ods file \
         (in Excel: File → Save As → CSV UTF-8 or Excel Workbook)"
    )]
    NotSpreadsheet { path: PathBuf, what: String },
    #[error("cannot read the workbook {path}: {message}")]
    Workbook { path: PathBuf, message: String },
    #[error("cannot read row {row} of {path}: {message}")]
    Read {
        path: PathBuf,
        row: u64,
        message: String,
    },
    #[error("there is no sheet “{sheet}” in {path}; its sheets are: {sheets}")]
    NoSheet {
        path: PathBuf,
        sheet: String,
        sheets: String,
    },
    #[error(
        "no header row found in the first {searched} rows of {path}: give the row with --header-row N"
    )]
    NoHeader { path: PathBuf, searched: usize },
    #[error("row {row} is not in {path} (it has {rows} rows)")]
    NoSuchRow { path: PathBuf, row: u64, rows: u64 },
    #[error("the headers in row {row} are not those the mapping was made for: open the file again")]
    HeadersChanged { row: u64 },
    #[error("column mapping: {0}")]
    Mapping(#[from] MappingError),
    #[error("cannot write {path}: {message}")]
    Write { path: PathBuf, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file cannot be read exactly: the place (row and column as Excel
    /// shows them, when there is one), a stable code and the fix, in both
    /// languages (boxed: results carrying this error stay small).
    #[error("cannot import {}: {}", .0.path.display(), .0.message.en)]
    Refused(Box<Refusal>),
}

/// Why a file is refused, and where (see [`ImportError::Refused`]).
#[derive(Debug)]
pub struct Refusal {
    pub path: PathBuf,
    /// Row and column as Excel shows them, when there is a place.
    pub row: Option<u64>,
    pub column: Option<String>,
    pub code: &'static str,
    pub message: Text,
}

impl ImportError {
    /// The file itself cannot be read as a spreadsheet (the CLI exits with 2).
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            ImportError::Io { .. }
                | ImportError::Empty { .. }
                | ImportError::NotSpreadsheet { .. }
                | ImportError::Workbook { .. }
                | ImportError::Read { .. }
                | ImportError::NoSheet { .. }
                | ImportError::NoHeader { .. }
                | ImportError::NoSuchRow { .. }
                | ImportError::Refused(_)
        )
    }

    // `code()` and `message()` (with the refusal's code, place and both
    // texts) are in `crate::messages`, like every core error's.
}
