//! The customer's statement (对账单) read through the import pipeline: the
//! same reader (CSV/TSV/xlsx/xls/ods, any encoding), header-row detection and
//! header synonyms, with the statement's own field set (`fields.rs`), a
//! mapping saved with its sign convention (`mapping.rs`), row by row checks
//! that name the row and column (`rows.rs`), and the conversion to the
//! engine's lines in our sign (`side.rs`).

mod fields;
mod mapping;
pub mod prepare;
mod rows;
mod side;

use std::path::Path;

use chrono::NaiveDate;

pub use fields::{StatementField, recognise};
pub use mapping::{StatementMapping, StatementMappingError};
pub use rows::{OpeningRow, TheirRow};
pub use side::TheirSide;

use super::{ImportError, Layout, MAX_PROBLEMS, RowProblem, Source};
use crate::domain::{Problem, Severity, Text};
use crate::reconcile::{SignConvention, TheirAmount};
use rows::{Parsed, RowReader};

/// A statement as read: its lines in their sign, the opening row, and every
/// problem (errors refuse the statement, warnings are shown).
#[derive(Clone, Debug)]
pub struct StatementFile {
    pub file_name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub file_hash: String,
    pub sheet: Option<String>,
    pub header_row: u64,
    pub mapping: StatementMapping,
    pub rows: Vec<TheirRow>,
    pub opening: Option<OpeningRow>,
    pub problems: Vec<RowProblem>,
    /// Rows of totals (合计, 承前页 …) left out.
    pub totals_skipped: usize,
}

/// Opens the file and finds its header row by the statement's headers.
pub fn open(
    path: &Path,
    sheet: Option<&str>,
    header_row: Option<u64>,
) -> Result<(Source, Layout), ImportError> {
    let source = Source::open(path)?;
    let layout = super::layout_by(&source, sheet, header_row, |rows| {
        super::header::detect_by(rows, |cell| recognise(cell).is_some())
    })?;
    Ok((source, layout))
}

/// Reads every row below the header with `mapping` (already validated).
pub fn read(
    source: &Source,
    layout: &Layout,
    mapping: &StatementMapping,
) -> Result<StatementFile, ImportError> {
    let reader = RowReader { mapping };
    let mut file = StatementFile {
        file_name: source.file_name(),
        file_hash: String::new(),
        sheet: layout.sheet.clone(),
        header_row: layout.header_row,
        mapping: mapping.clone(),
        rows: Vec::new(),
        opening: None,
        problems: Vec::new(),
        totals_skipped: 0,
    };
    let mut rows = source.rows(layout.sheet.as_deref())?;
    for row in rows.by_ref() {
        let row = row?;
        if row.number <= layout.header_row {
            continue;
        }
        match reader.read(&row) {
            Parsed::Blank => {}
            Parsed::Total => file.totals_skipped += 1,
            Parsed::Refused(problems) => file.push_problems(problems),
            Parsed::Line(line, warnings) => {
                file.push_problems(warnings);
                if is_zero(line.raw) {
                    file.push_problems(vec![zero_line(&line, mapping)]);
                } else {
                    file.rows.push(line);
                }
            }
            Parsed::Opening(opening, warnings) => {
                file.push_problems(warnings);
                // A second opening row (a new page or year) is taken as a carry.
                if file.opening.is_none() && file.rows.is_empty() {
                    file.opening = Some(opening);
                } else {
                    file.totals_skipped += 1;
                }
            }
        }
    }
    file.file_hash = rows.file_hash()?;
    Ok(file)
}

fn is_zero(raw: TheirAmount) -> bool {
    match raw {
        TheirAmount::Signed(m) => m.fen() == 0,
        TheirAmount::DebitCredit { debit, credit } => debit.fen() == 0 && credit.fen() == 0,
    }
}

fn zero_line(line: &TheirRow, mapping: &StatementMapping) -> RowProblem {
    let column = [
        StatementField::Amount,
        StatementField::Debit,
        StatementField::Credit,
    ]
    .into_iter()
    .filter_map(|f| mapping.column_of(f))
    .filter_map(|c| mapping.headers.get(c).cloned())
    .collect::<Vec<_>>()
    .join("/");
    let p = Problem::warning(
        "amount",
        "statement.zero",
        Text::new(
            "The amount is zero: the row is left out",
            "金额为零：该行不参与对账",
        ),
    );
    RowProblem {
        row: line.row,
        column,
        field: "amount".into(),
        severity: p.severity,
        code: p.code,
        message: p.message,
    }
}

impl StatementFile {
    fn push_problems(&mut self, problems: Vec<RowProblem>) {
        let room = MAX_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(problems.into_iter().take(room));
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    pub fn errors(&self) -> impl Iterator<Item = &RowProblem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// First and last date of the statement (the opening row's date counts
    /// as its start): the period a reconciliation defaults to.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self.rows.iter().map(|r| r.date);
        let first = dates
            .clone()
            .chain(self.opening.as_ref().and_then(|o| o.date))
            .min()?;
        let last = dates.max().unwrap_or(first);
        Some((first, last))
    }

    /// Every line's amount as written, for `detect_sign_convention`.
    pub fn raw_amounts(&self) -> Vec<TheirAmount> {
        self.rows.iter().map(|r| r.raw).collect()
    }

    /// The sign the mapping fixes, else the one `detect` offers.
    pub fn sign_or(&self, detect: impl FnOnce() -> SignConvention) -> (SignConvention, bool) {
        match self.mapping.sign {
            Some(sign) => (sign, false),
            None => (detect(), true),
        }
    }
}
