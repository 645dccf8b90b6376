//! Opening a file as it really arrives and streaming it as rows of text:
//! CSV/TSV/TXT in any of the encodings Chinese offices produce (text.rs), or a
//! workbook sheet through calamine (workbook.rs).

mod cfb_check;
mod choose;
mod formulas;
mod lines;
mod text;
mod workbook;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::ImportError;
use super::encoding::{Detected, SAMPLE_BYTES};

pub use workbook::WorkbookKind;

/// One row of the file, cells as the user sees them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number as the user sees it: the sheet row in a workbook,
    /// the record number in a text file (its line when Excel opens it).
    pub number: u64,
    pub cells: Vec<String>,
    /// Per cell: the workbook stored a number there (empty for text files).
    /// A tax ID or bank account stored as a number has lost digits.
    pub numeric: Vec<bool>,
}

impl Row {
    /// A row built in a test: its number, cells and which were numbers.
    #[cfg(test)]
    pub fn of(number: u64, cells: &[&str], numeric: &[bool]) -> Row {
        Row {
            number,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            numeric: numeric.to_vec(),
        }
    }

    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }

    pub fn was_number(&self, i: usize) -> bool {
        self.numeric.get(i).copied().unwrap_or(false)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// Cells up to the last non-empty one.
    pub fn filled_len(&self) -> usize {
        self.cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1)
    }
}

/// What kind of file it turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Delimited text: its encoding and the delimiter found.
    Text { encoding: Detected, delimiter: u8 },
    /// A workbook and its sheets in order.
    Workbook {
        kind: WorkbookKind,
        sheets: Vec<String>,
    },
}

/// An opened import file. Opening reads only the start of a text file (or
/// the workbook's sheet list); rows are streamed by `rows`.
#[derive(Debug)]
pub struct Source {
    path: PathBuf,
    kind: FileKind,
    len: u64,
    /// The opened workbook and its last sheet read (None for text).
    workbook: Option<workbook::Cache>,
    /// The sheet read when none is named, chosen once.
    data_sheet: OnceLock<Option<String>>,
}

impl Source {
    /// Works out what the file is from its content, not its extension.
    pub fn open(path: &Path) -> Result<Source, ImportError> {
        let io_err = |source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = File::open(path).map_err(io_err)?;
        let len = file.metadata().map_err(io_err)?.len();
        let mut sample = Vec::with_capacity(SAMPLE_BYTES);
        (&mut file)
            .take(SAMPLE_BYTES as u64)
            .read_to_end(&mut sample)
            .map_err(io_err)?;
        if sample.is_empty() {
            return Err(ImportError::Empty {
                path: path.to_path_buf(),
            });
        }
        let mut cache = None;
        let kind = match workbook::sniff(&sample) {
            Some(family) => {
                let (kind, sheets, opened) = workbook::open(path, family)?;
                cache = Some(opened);
                FileKind::Workbook { kind, sheets }
            }
            None => {
                let whole = sample.len() as u64 == len;
                let (encoding, delimiter) = text::sniff(path, &sample, whole)?;
                FileKind::Text {
                    encoding,
                    delimiter,
                }
            }
        };
        Ok(Source {
            path: path.to_path_buf(),
            kind,
            len,
            workbook: cache,
            data_sheet: OnceLock::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    pub fn kind(&self) -> &FileKind {
        &self.kind
    }

    /// Size of the file in bytes (progress of a text import is measured in bytes).
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The workbook's sheets in order; empty for a text file.
    pub fn sheets(&self) -> &[String] {
        match &self.kind {
            FileKind::Workbook { sheets, .. } => sheets,
            FileKind::Text { .. } => &[],
        }
    }

    /// "CSV, GB18030, delimiter ;" or "xlsx workbook, 2 sheets", for the user.
    pub fn describe(&self) -> String {
        match &self.kind {
            FileKind::Text {
                encoding,
                delimiter,
            } => {
                let delimiter = match delimiter {
                    b'\t' => "tab".to_string(),
                    d => char::from(*d).to_string(),
                };
                format!("text, {}, delimiter {delimiter}", encoding.name())
            }
            FileKind::Workbook { kind, sheets } => {
                format!("{} workbook, {} sheet(s)", kind.name(), sheets.len())
            }
        }
    }

    /// The sheet rows come from: the named one, else the one holding the data
    /// (a workbook opening on its 说明 sheet is read from its data sheet).
    pub fn sheet_name(&self, wanted: Option<&str>) -> Result<Option<String>, ImportError> {
        let sheets = self.sheets();
        if sheets.is_empty() {
            return Ok(None);
        }
        match wanted.map(str::trim).filter(|w| !w.is_empty()) {
            None => Ok(Some(self.data_sheet())),
            Some(w) => sheets
                .iter()
                .find(|s| s.as_str() == w || s.trim().eq_ignore_ascii_case(w))
                .cloned()
                .map(Some)
                .ok_or_else(|| ImportError::NoSheet {
                    path: self.path.clone(),
                    sheet: w.to_string(),
                    sheets: sheets.join(", "),
                }),
        }
    }

    /// The sheet that looks most like data, chosen once; the first sheet for
    /// a workbook of one sheet.
    fn data_sheet(&self) -> String {
        let sheets = self.sheets();
        self.data_sheet
            .get_or_init(|| match (&self.kind, &self.workbook) {
                (FileKind::Workbook { kind, .. }, Some(cache)) if sheets.len() > 1 => {
                    workbook::data_sheet(&self.path, *kind, cache, sheets)
                }
                _ => None,
            })
            .clone()
            .or_else(|| sheets.first().cloned())
            .unwrap_or_default()
    }

    /// Streams the rows of a text file, or of `sheet` (default: the data sheet) of a workbook.
    pub fn rows(&self, sheet: Option<&str>) -> Result<Rows, ImportError> {
        let inner = match &self.kind {
            FileKind::Text {
                encoding,
                delimiter,
            } => RowsInner::Text(Box::new(text::TextRows::open(
                &self.path, *encoding, *delimiter,
            )?)),
            FileKind::Workbook { kind, .. } => {
                let name = self.sheet_name(sheet)?.unwrap_or_default();
                let Some(cache) = &self.workbook else {
                    return Err(ImportError::Workbook {
                        path: self.path.clone(),
                        message: "the workbook is not open".into(),
                    });
                };
                RowsInner::Sheet(workbook::SheetRows::open(&self.path, *kind, cache, &name)?)
            }
        };
        Ok(Rows { inner })
    }

    /// The first `n` rows (blank ones included, so numbers line up with the file).
    pub fn preview(&self, sheet: Option<&str>, n: usize) -> Result<Vec<Row>, ImportError> {
        self.rows(sheet)?.take(n).collect()
    }
}

/// Rows of one file or sheet, in order.
pub struct Rows {
    inner: RowsInner,
}

enum RowsInner {
    Text(Box<text::TextRows>),
    Sheet(workbook::SheetRows),
}

impl Rows {
    /// Gives a read row's cells back to be refilled (text files; a sheet
    /// drops them).
    pub fn recycle(&mut self, cells: Vec<String>) {
        if let RowsInner::Text(t) = &mut self.inner {
            t.recycle(cells);
        }
    }

    /// The size in bytes of a text file; `None` for a sheet.
    pub fn text_bytes(&self) -> Option<u64> {
        match &self.inner {
            RowsInner::Text(t) => Some(t.len()),
            RowsInner::Sheet(_) => None,
        }
    }

    /// How far through the file or sheet, 0.0–1.0 (bytes read for text, rows for a sheet).
    pub fn fraction_done(&self) -> f64 {
        match &self.inner {
            RowsInner::Text(t) => t.fraction_done(),
            RowsInner::Sheet(s) => s.fraction_done(),
        }
    }

    /// SHA-256 of the file, hex. For text it is computed while streaming, so
    /// call it after the last row.
    pub fn file_hash(&mut self) -> Result<String, ImportError> {
        match &mut self.inner {
            RowsInner::Text(t) => t.file_hash(),
            RowsInner::Sheet(s) => s.file_hash(),
        }
    }
}

impl Iterator for Rows {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            RowsInner::Text(t) => t.next(),
            RowsInner::Sheet(s) => s.next().map(Ok),
        }
    }
}

/// SHA-256 of a whole file, hex.
pub(crate) fn hash_file(path: &Path) -> Result<String, ImportError> {
    use sha2::{Digest, Sha256};
    let mut file = File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(hex(&hasher.finalize()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
