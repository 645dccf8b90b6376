//! Customers in bulk from the files that really arrive: CSV/TSV/TXT in UTF-8,
//! UTF-16 or GBK, and xlsx/xls/ods workbooks. No UI here: the CLI and the TUI
//! wizard drive the same steps —
//!
//! 1. [`Source::open`] works out the file kind, encoding, delimiter and sheets;
//! 2. [`Source::preview`] shows the first rows; [`layout`] finds (or takes) the header row;
//! 3. [`Mapping::auto`] maps columns by header, then edits, saved mappings, `--map`;
//! 4. [`plan`] runs every row through the repository's validation in a
//!    transaction that is rolled back: counts, problems per row, duplicates;
//! 5. [`commit`] runs it again for real (backup first, progress, cancel),
//!    records the batch for `undo`, and streams rejected rows to a file.

mod commit;
pub mod encoding;
mod error;
mod export;
mod file_keys;
pub mod guard;
pub mod header;
pub mod invoices;
pub mod ledger;
pub mod mapping;
mod numbers;
mod parse;
mod pipeline;
mod plan;
mod prepare;
pub mod read;
mod rejects;
mod run;
pub mod statement;
mod template;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::domain::classification::Catalog;
use crate::domain::{Lang, Severity, Text};
use crate::store::Existing;

pub use commit::{Control, Progress, commit, plan};
pub use error::{ImportError, Refusal};
pub use export::export;
pub use mapping::{Mapping, MappingError, Target};
pub use read::{FileKind, Row, Rows, Source, WorkbookKind};
pub use rejects::save_rejects;
pub use template::write_template;

/// Database backups kept beside the database (the newest).
pub const KEEP_BACKUPS: usize = 10;

/// Page cache for a ledger import's transaction: the entry indexes of a
/// million rows stay mostly in memory, well inside the 300 MB an import may use.
pub const DEFAULT_CACHE_KIB: i64 = 96 * 1024;

/// Page cache for a customer import. Its randomly ordered indexes are built
/// after a large load (store/deferred_indexes.rs) and the rest grow at their
/// ends, so a small cache does as well — measured a little faster than 32
/// or 96 MiB — and leaves room for the keys held in memory (1M rows: 168 MB
/// peak with this, 329 MB with 96 MiB).
pub const CUSTOMER_CACHE_KIB: i64 = 8 * 1024;

/// What to do with a row that matches a customer already in the database.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Leave the stored customer as it is (the default).
    #[default]
    Skip,
    /// Write the row's mapped, non-empty fields over it, audited like an edit.
    Update,
    /// Stop the whole import at the first such row; nothing is written.
    Stop,
}

impl Policy {
    pub fn key(self) -> &'static str {
        match self {
            Policy::Skip => "skip",
            Policy::Update => "update",
            Policy::Stop => "stop",
        }
    }
}

/// Where the data starts: the header row found (or given) and its columns.
#[derive(Clone, Debug)]
pub struct Layout {
    pub sheet: Option<String>,
    /// Row number as the user sees it.
    pub header_row: u64,
    pub headers: Vec<String>,
    /// The rows read to find it, for a preview.
    pub preview: Vec<Row>,
}

/// Reads the top of the file (or sheet) and finds the header row, or takes
/// `header_row` (1-based, as the user sees it) when given.
pub fn layout(
    source: &Source,
    sheet: Option<&str>,
    header_row: Option<u64>,
    catalog: &Catalog,
) -> Result<Layout, ImportError> {
    let layout = layout_by(source, sheet, header_row, |rows| {
        header::detect(rows, catalog)
    })?;
    layout.refuse_duplicate_headers(source)?;
    Ok(layout)
}

impl Layout {
    /// Refuses a header row naming two columns alike (customer and ledger
    /// files; a statement's two-row header may repeat 金额 under 借方/贷方).
    pub fn refuse_duplicate_headers(&self, source: &Source) -> Result<(), ImportError> {
        match self.preview.iter().find(|r| r.number == self.header_row) {
            Some(header) => header::refuse_duplicates(source.path(), header),
            None => Ok(()),
        }
    }
}

/// `layout` with another way to find the header row (a ledger file's, a
/// customer statement's).
pub fn layout_by(
    source: &Source,
    sheet: Option<&str>,
    header_row: Option<u64>,
    detect: impl Fn(&[Row]) -> Option<usize>,
) -> Result<Layout, ImportError> {
    let sheet = source.sheet_name(sheet)?;
    let wanted = header_row.unwrap_or(0) as usize;
    let mut preview = Vec::new();
    for row in source.rows(sheet.as_deref())? {
        let row = row?;
        let enough = preview.len() >= header::SEARCH_ROWS && row.number as usize > wanted;
        if enough {
            break;
        }
        preview.push(row);
    }
    if preview.iter().all(Row::is_blank) {
        return Err(ImportError::Empty {
            path: source.path().to_path_buf(),
        });
    }
    let index =
        match header_row {
            Some(n) => preview.iter().position(|r| r.number == n).ok_or_else(|| {
                ImportError::NoSuchRow {
                    path: source.path().to_path_buf(),
                    row: n,
                    rows: preview.last().map_or(0, |r| r.number),
                }
            })?,
            None => detect(&preview).ok_or_else(|| ImportError::NoHeader {
                path: source.path().to_path_buf(),
                searched: header::SEARCH_ROWS,
            })?,
        };
    Ok(Layout {
        sheet,
        header_row: preview[index].number,
        headers: header::headers_of(&preview[index]),
        preview,
    })
}

/// Everything a run needs besides the file and the database.
#[derive(Clone, Debug)]
pub struct Settings {
    pub sheet: Option<String>,
    pub header_row: u64,
    pub mapping: Mapping,
    pub policy: Policy,
    /// Commit nothing if any row is rejected.
    pub all_or_nothing: bool,
    /// Where to write the rejected rows (CSV or XLSX by extension).
    pub rejects: Option<PathBuf>,
    /// Language of the messages in the rejects file's `error` column.
    pub lang: Lang,
    /// SQLite page cache for the import transaction, in KiB.
    pub cache_kib: i64,
    /// Refuse rows whose classification value its dimension does not have
    /// (`--strict-values`); by default such a value is added.
    pub strict_values: bool,
    /// What to do with each new classification value, by (dimension code,
    /// value as in the file); a value not listed is added (unless strict).
    pub value_choices: BTreeMap<(String, String), ValueChoice>,
    /// New customers start `pending_review` (`--review`; with the review
    /// setting on they always do).
    pub review: bool,
}

/// What becomes of a classification value its dimension does not have yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueChoice {
    /// Add it to the dimension (with the rows, in the same transaction).
    Add,
    /// Read it as this existing value.
    MapTo(String),
    /// Leave the field empty on those rows.
    Empty,
}

/// A classification value the file uses that its dimension does not have,
/// listed once however many rows carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewValue {
    /// The dimension's code.
    pub dimension: String,
    /// The column it was read from.
    pub column: String,
    pub value: String,
    pub first_row: u64,
    /// Rows that carry it.
    pub rows: u64,
    /// `added` (a plan: would be), `unused` (no row written carries it),
    /// `refused` (`--strict-values`), `mapped` (to `mapped_to`) or `emptied`.
    pub action: &'static str,
    pub mapped_to: Option<String>,
}

impl Settings {
    pub fn new(layout: &Layout, mapping: Mapping) -> Settings {
        Settings {
            sheet: layout.sheet.clone(),
            header_row: layout.header_row,
            mapping,
            policy: Policy::Skip,
            all_or_nothing: false,
            rejects: None,
            lang: Lang::default(),
            cache_kib: CUSTOMER_CACHE_KIB,
            strict_values: false,
            value_choices: BTreeMap::new(),
            review: false,
        }
    }
}

/// One problem with one row: where (row as the user sees it, column header),
/// which field, how bad, and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub row: u64,
    /// The column header ("" when the problem is about the whole row).
    pub column: String,
    pub field: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: Text,
}

/// A row that matched a customer already in the database, and what was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub row: u64,
    /// The customer matched; for a repeat of an earlier row of this file its
    /// code is empty (it has none until the import commits): see `earlier_row`.
    pub existing: Existing,
    /// The earlier row of this file that the row repeats.
    pub earlier_row: Option<u64>,
    /// `skipped`, `updated`, `unchanged`, `rejected` or `stopped`.
    pub action: &'static str,
}

/// The result of a plan or a commit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub file: String,
    pub sheet: Option<String>,
    pub dry_run: bool,
    /// Data rows read (blank rows are not counted).
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub skipped: u64,
    pub rejected: u64,
    pub warnings: u64,
    /// Rows that matched a customer (stored or an earlier row) and were not
    /// rejected: skipped, updated or where a stop ended the run.
    pub duplicate_rows: u64,
    /// Rows neither rejected nor duplicates that drew a warning.
    pub warned_rows: u64,
    /// Rows whose name looks like a stored customer's or an earlier row's
    /// (warnings `name.similar`): counted once in a summary.
    pub similar_name_rows: u64,
    /// Rows that were valid but not written because the run wrote nothing
    /// (all or nothing with rejected rows, a stop, a cancel): `inserted` and
    /// `updated` say what was written, so they are 0 then.
    pub not_written: u64,
    /// The first problems found (see `problems_omitted`), in row order.
    pub problems: Vec<RowProblem>,
    pub problems_omitted: u64,
    pub duplicates: Vec<Duplicate>,
    /// Whether the rows were written (false for a plan, a cancel, a stop, or
    /// "all or nothing" with rejected rows).
    pub committed: bool,
    pub batch: Option<i64>,
    pub backup: Option<PathBuf>,
    pub rejects_file: Option<PathBuf>,
    pub cancelled: bool,
    /// The row where `--on-duplicate stop` ended the run.
    pub stopped_at: Option<u64>,
    /// The template's example row, left in the file and not imported (nor
    /// counted in `rows`).
    pub example_row: Option<u64>,
    /// Classification values the dimensions do not have yet, each once.
    pub new_values: Vec<NewValue>,
    pub file_hash: String,
    /// A commit written with a rollback journal, alone with the file
    /// (`store::load_mode`), not in WAL beside another connection.
    #[serde(skip)]
    pub rollback_journal: bool,
}

/// Problems (and duplicates) kept in a report; the rest are only counted, so
/// a million bad rows do not fill the memory.
pub const MAX_PROBLEMS: usize = 50_000;
