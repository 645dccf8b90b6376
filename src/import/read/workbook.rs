//! Workbooks through calamine (xlsx, xlsm, xlsb, xls, ods): the sheet list and
//! a sheet's cells as the text the user sees in Excel.

use std::path::Path;
use std::sync::{Arc, Mutex};

use calamine::{Data, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook};

use super::super::{ImportError, Refusal};
use super::{Row, formulas};
use crate::domain::Text;

mod cells;
use cells::cell_text;

/// The container a workbook came in, found from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    /// ZIP: xlsx, xlsm, xlsb or ods.
    Zip,
    /// OLE compound file: xls (or a Word/PowerPoint file).
    Compound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkbookKind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl WorkbookKind {
    pub fn name(self) -> &'static str {
        match self {
            WorkbookKind::Xlsx => "xlsx",
            WorkbookKind::Xlsb => "xlsb",
            WorkbookKind::Xls => "xls",
            WorkbookKind::Ods => "ods",
        }
    }
}

pub(super) fn sniff(sample: &[u8]) -> Option<Family> {
    if sample.starts_with(b"PK\x03\x04") {
        Some(Family::Zip)
    } else if sample.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Family::Compound)
    } else {
        None
    }
}

type FileSheets = Sheets<std::io::BufReader<std::fs::File>>;

fn open_as(path: &Path, kind: WorkbookKind) -> Result<FileSheets, String> {
    guarded(|| open_unguarded(path, kind))
}

const DAMAGED: &str = "the file is damaged or cut short";

/// calamine panics on some damaged files (see `guard`): an error instead.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    crate::import::guard::catching(f).unwrap_or_else(|panic| Err(format!("{DAMAGED} ({panic})")))
}

fn open_unguarded(path: &Path, kind: WorkbookKind) -> Result<FileSheets, String> {
    Ok(match kind {
        WorkbookKind::Xlsx => {
            Sheets::Xlsx(open_workbook::<Xlsx<_>, _>(path).map_err(|e| e.to_string())?)
        }
        WorkbookKind::Xlsb => {
            Sheets::Xlsb(open_workbook::<Xlsb<_>, _>(path).map_err(|e| e.to_string())?)
        }
        WorkbookKind::Xls => {
            Sheets::Xls(open_workbook::<Xls<_>, _>(path).map_err(|e| e.to_string())?)
        }
        WorkbookKind::Ods => {
            Sheets::Ods(open_workbook::<Ods<_>, _>(path).map_err(|e| e.to_string())?)
        }
    })
}

/// An opened workbook and the last sheet read from it. Opening parses the
/// shared strings and reading a sheet parses all of it, so both are kept for
/// the steps that follow (preview, header, plan, commit) instead of redone.
pub(super) struct Cache {
    book: Mutex<Option<FileSheets>>,
    sheet: Mutex<Option<(String, Arc<Sheet>)>>,
}

/// A sheet's cells, and its first formula cell saved without a value.
pub(super) struct Sheet {
    cells: Range<Data>,
    uncalculated: Option<formulas::Uncalculated>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("workbook::Cache")
    }
}

impl Cache {
    /// The cells of `sheet`, read once.
    fn range(
        &self,
        path: &Path,
        kind: WorkbookKind,
        sheet: &str,
    ) -> Result<Arc<Sheet>, ImportError> {
        let unreadable = |message: String| ImportError::Workbook {
            path: path.to_path_buf(),
            message,
        };
        // A panic elsewhere cannot leave these half-written: take them anyway.
        let mut cached = self.sheet.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((name, range)) = cached.as_ref()
            && name == sheet
        {
            return Ok(Arc::clone(range));
        }
        // One sheet at a time: switching sheets in a preview frees the last one.
        *cached = None;
        let mut book = self.book.lock().unwrap_or_else(|p| p.into_inner());
        if book.is_none() {
            *book = Some(open_as(path, kind).map_err(unreadable)?);
        }
        let Some(book) = book.as_mut() else {
            return Err(unreadable("the workbook could not be opened".into()));
        };
        // calamine may panic on a damaged file: guarded turns that into an error.
        let cells = guarded(|| book.worksheet_range(sheet).map_err(|e| e.to_string()))
            .map_err(|e| unreadable(format!("sheet “{sheet}”: {e}")))?;
        // A sheet whose formulas cannot be listed is read by its values alone.
        let uncalculated = guarded(|| book.worksheet_formula(sheet).map_err(|e| e.to_string()))
            .ok()
            .and_then(|f| formulas::find(&cells, &f));
        let range = Arc::new(Sheet {
            cells,
            uncalculated,
        });
        *cached = Some((sheet.to_string(), Arc::clone(&range)));
        Ok(range)
    }
}

impl Cache {
    /// Keeps `range` as the last sheet read (the data sheet chosen after
    /// reading every sheet, so the steps after do not read it again).
    fn keep(&self, sheet: &str, range: Arc<Sheet>) {
        let mut cached = self.sheet.lock().unwrap_or_else(|p| p.into_inner());
        *cached = Some((sheet.to_string(), range));
    }
}

/// The sheet that looks most like data (see choose.rs); `None` when no sheet
/// can be read (the caller falls back to the first, whose error is then shown).
pub(super) fn data_sheet(
    path: &Path,
    kind: WorkbookKind,
    cache: &Cache,
    sheets: &[String],
) -> Option<String> {
    let mut best: Option<(super::choose::Score, &String, Arc<Sheet>)> = None;
    for name in sheets {
        let Ok(range) = cache.range(path, kind, name) else {
            continue;
        };
        let rows = SheetRows::of(path, Arc::clone(&range));
        let table_rows = range
            .cells
            .rows()
            .filter(|r| r.iter().filter(|c| !is_blank(c)).nth(1).is_some())
            .count();
        let top: Vec<Row> = rows.take(super::super::header::SEARCH_ROWS).collect();
        let score = super::choose::score(&top, table_rows);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, name, range));
        }
    }
    let (_, name, range) = best?;
    cache.keep(name, range);
    Some(name.clone())
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Tries the formats of the family (the extension's first) and lists the sheets.
pub(super) fn open(
    path: &Path,
    family: Family,
) -> Result<(WorkbookKind, Vec<String>, Cache), ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let candidates: &[WorkbookKind] = match family {
        Family::Compound => &[WorkbookKind::Xls],
        Family::Zip if ext == "ods" => &[WorkbookKind::Ods, WorkbookKind::Xlsx, WorkbookKind::Xlsb],
        Family::Zip if ext == "xlsb" => {
            &[WorkbookKind::Xlsb, WorkbookKind::Xlsx, WorkbookKind::Ods]
        }
        Family::Zip => &[WorkbookKind::Xlsx, WorkbookKind::Ods, WorkbookKind::Xlsb],
    };
    // calamine would follow a damaged compound file's chains without end.
    if family == Family::Compound
        && let Err(damage) = super::cfb_check::check_file(path)
    {
        return Err(ImportError::NotSpreadsheet {
            path: path.to_path_buf(),
            what: format!("{DAMAGED} ({damage})"),
        });
    }
    let mut first_error = None;
    for kind in candidates {
        match open_as(path, *kind) {
            Ok(book) => {
                let sheets = book.sheet_names();
                let cache = Cache {
                    book: Mutex::new(Some(book)),
                    sheet: Mutex::new(None),
                };
                return Ok((*kind, sheets, cache));
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let protected = first_error
        .as_deref()
        .is_some_and(|e| e.to_ascii_lowercase().contains("password"))
        || (family == Family::Compound && is_encrypted_ooxml(path));
    if protected {
        return Err(ImportError::Refused(Box::new(Refusal {
            path: path.to_path_buf(),
            row: None,
            column: None,
            code: "import.password_protected",
            message: Text::new(
                "the workbook is password-protected. Open it in Excel or WPS with its password, \
                 save a copy without one (File → Info → Protect Workbook → Encrypt with \
                 Password, clear the password) and import that copy.",
                "该工作簿设有打开密码。请用 Excel 或 WPS 输入密码打开，另存一份不设密码的副本\
                 （文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），再导入该副本。",
            ),
        })));
    }
    let what = match family {
        Family::Zip => "it is a ZIP archive but not an Excel or OpenDocument workbook",
        Family::Compound => "it is an old Office file but not an Excel workbook (a Word .doc?)",
    };
    Err(ImportError::NotSpreadsheet {
        path: path.to_path_buf(),
        what: format!("{what}: {}", first_error.unwrap_or_default()),
    })
}

/// An xlsx saved with a password is not a ZIP but an OLE compound file
/// holding an `EncryptedPackage` stream (MS-OFFCRYPTO); its name is in the
/// directory, stored in UTF-16LE.
fn is_encrypted_ooxml(path: &Path) -> bool {
    const NAME: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    std::fs::read(path).is_ok_and(|bytes| memchr::memmem::find(&bytes, NAME).is_some())
}

/// One sheet, read whole by calamine (a sheet is bounded by Excel's row limit),
/// handed out row by row. calamine's range starts at the first used cell, not
/// A1: its offset is added back so rows and columns are those Excel shows.
pub(super) struct SheetRows {
    path: std::path::PathBuf,
    range: Arc<Sheet>,
    next: usize,
    first_row: u64,
    /// Empty columns left of the range (B3:F9 starts one column in).
    first_col: usize,
}

impl SheetRows {
    pub fn open(
        path: &Path,
        kind: WorkbookKind,
        cache: &Cache,
        sheet: &str,
    ) -> Result<SheetRows, ImportError> {
        let range = cache.range(path, kind, sheet)?;
        if let Some(gap) = &range.uncalculated {
            return Err(formulas::refusal(path, sheet, gap));
        }
        Ok(SheetRows::of(path, range))
    }

    fn of(path: &Path, range: Arc<Sheet>) -> SheetRows {
        let (first_row, first_col) = range
            .cells
            .start()
            .map_or((0, 0), |(row, col)| (u64::from(row), col as usize));
        SheetRows {
            path: path.to_path_buf(),
            range,
            next: 0,
            first_row,
            first_col,
        }
    }

    pub fn fraction_done(&self) -> f64 {
        let height = self.range.cells.height();
        if height == 0 {
            1.0
        } else {
            self.next as f64 / height as f64
        }
    }

    pub fn file_hash(&mut self) -> Result<String, ImportError> {
        super::hash_file(&self.path)
    }
}

impl Iterator for SheetRows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let cells_in = &self.range.cells;
        if self.next >= cells_in.height() {
            return None;
        }
        let width = cells_in.width();
        let mut cells = vec![String::new(); self.first_col];
        let mut numeric = vec![false; self.first_col];
        cells.reserve(width);
        numeric.reserve(width);
        for col in 0..width {
            let (text, number) = cells_in
                .get((self.next, col))
                .map_or((String::new(), false), cell_text);
            cells.push(text);
            numeric.push(number);
        }
        let number = self.first_row + self.next as u64 + 1;
        self.next += 1;
        Some(Row {
            number,
            cells,
            numeric,
        })
    }
}
