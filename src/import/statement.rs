//! The customer's statement (对账单) read through the import pipeline: the
//! same reader (CSV/TSV/xlsx/xls/ods, any encoding), header-row detection and
//! header synonyms, with the statement's own field set (`fields.rs`), a
//! mapping saved with its sign convention (`mapping.rs`), row by row checks
//! that name the row and column (`rows.rs`), and the conversion to the
//! engine's lines in our sign (`side.rs`).
//!
//! Rows are classified by what they are (`classify.rs`, the words of
//! `labels.rs`): lines, balance rows (opening, closing, checkpoints), totals,
//! page carries, titles and footers skipped with the reason; the header may
//! span two rows and the date two columns (`header.rs`); the period is read
//! from the title lines (`period.rs`).

mod classify;
mod fields;
mod header;
mod labels;
mod mapping;
mod period;
pub mod prepare;
mod rows;
mod side;

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use classify::{
    Classified, ClassifiedStatement, SkippedRow, balance_problem, classify, classify_cells,
};
pub use fields::{StatementField, recognise};
pub use mapping::{DateParts, StatementMapping, StatementMappingError};
pub use period::{StatedPeriod, stated_period};
pub use rows::{BalanceLabel, BalanceRow, SkipReason, TheirRow};
pub use side::{BalanceCheck, TheirSide};

use super::{ImportError, Layout, MAX_PROBLEMS, Row, RowProblem, Source};
use crate::domain::Severity;
use crate::reconcile::{SignConvention, TheirAmount};

/// A statement as read: its lines in their sign, the opening and closing
/// balance rows, the rows skipped and why, and every problem (errors refuse
/// the statement, warnings are shown).
#[derive(Clone, Debug)]
pub struct StatementFile {
    pub file_name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub file_hash: String,
    pub sheet: Option<String>,
    /// The (last) header row.
    pub header_row: u64,
    pub mapping: StatementMapping,
    pub rows: Vec<TheirRow>,
    pub opening: Option<BalanceRow>,
    pub closing: Option<BalanceRow>,
    /// Balance rows between the lines, with the number of lines above each.
    pub checkpoints: Vec<(usize, BalanceRow)>,
    pub skipped: Vec<SkippedRow>,
    pub problems: Vec<RowProblem>,
    /// The period the title lines state.
    pub stated_period: Option<StatedPeriod>,
}

/// Where a default period comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodSource {
    /// `--from/--to` or the TUI's fields.
    Given,
    /// A title line (期间：…).
    Title,
    /// The opening and closing rows (dated, or the months of the lines).
    BalanceRows,
    /// The first and last line.
    Lines,
}

impl PeriodSource {
    pub fn key(self) -> &'static str {
        match self {
            PeriodSource::Given => "given",
            PeriodSource::Title => "title",
            PeriodSource::BalanceRows => "balance_rows",
            PeriodSource::Lines => "lines",
        }
    }
}

/// Opens the file and finds its header row by the statement's headers; a
/// header over two rows (金额 over 借方 | 贷方) is joined into one.
pub fn open(
    path: &Path,
    sheet: Option<&str>,
    header_row: Option<u64>,
) -> Result<(Source, Layout), ImportError> {
    let source = Source::open(path)?;
    let mut layout = match sheet {
        Some(_) => super::layout_by(&source, sheet, header_row, header::detect_header)?,
        None => data_sheet(&source, header_row)?,
    };
    if let Some(index) = layout
        .preview
        .iter()
        .position(|r| r.number == layout.header_row)
    {
        let (last, headers) = header::join_header_rows(&layout.preview, index);
        layout.header_row = layout.preview[last].number;
        layout.headers = headers;
    }
    Ok((source, layout))
}

/// The first sheet whose header names a statement's columns: a workbook
/// often opens with a 说明 (notes) sheet before the data.
fn data_sheet(source: &Source, header_row: Option<u64>) -> Result<Layout, ImportError> {
    let first = super::layout_by(source, None, header_row, header::detect_header);
    let readable = |l: &Layout| StatementMapping::auto(&l.headers).validate().is_ok();
    if first.as_ref().is_ok_and(readable) {
        return first;
    }
    for name in source.sheets().iter().skip(1) {
        let layout = super::layout_by(source, Some(name), header_row, header::detect_header);
        if let Ok(layout) = layout
            && readable(&layout)
        {
            return Ok(layout);
        }
    }
    first
}

/// Reads every row below the header with `mapping` (already validated).
pub fn read(
    source: &Source,
    layout: &Layout,
    mapping: &StatementMapping,
) -> Result<StatementFile, ImportError> {
    let stated_period = layout
        .preview
        .iter()
        .take_while(|r| r.number < layout.header_row)
        .flat_map(|r| &r.cells)
        .find_map(|c| stated_period(c));
    let mut rows = source.rows(layout.sheet.as_deref())?;
    let mut below = Vec::new();
    for row in rows.by_ref() {
        let row = row?;
        if row.number > layout.header_row {
            below.push(row);
        }
    }
    let mut mapping = mapping.clone();
    let top: Vec<Row> = layout
        .preview
        .iter()
        .take_while(|r| r.number <= layout.header_row)
        .cloned()
        .collect();
    header::fill_year(&mut mapping, &top, stated_period.as_ref());
    let classified = classify(&mapping, &below);
    let mut file = StatementFile {
        file_name: source.file_name(),
        file_hash: rows.file_hash()?,
        sheet: layout.sheet.clone(),
        header_row: layout.header_row,
        mapping,
        rows: classified.rows,
        opening: classified.opening,
        closing: classified.closing,
        checkpoints: classified.checkpoints,
        skipped: classified.skipped,
        problems: Vec::new(),
        stated_period,
    };
    file.push_problems(classified.problems);
    Ok(file)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d)
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

    /// First and last date of the lines.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self.rows.iter().map(|r| r.date);
        Some((dates.clone().min()?, dates.max()?))
    }

    /// The period the statement itself gives: its title line's; else from
    /// its balance rows (an opening row's date; without a date, the first
    /// day of the first line's month, so our entries of that month before
    /// their first line stay inside the period; a closing row likewise ends
    /// the last line's month); else its first and last line.
    pub fn default_period(&self) -> Option<(NaiveDate, NaiveDate, PeriodSource)> {
        if let Some(p) = &self.stated_period {
            return Some((p.from, p.to, PeriodSource::Title));
        }
        let (first, last) = self.date_range()?;
        let from = match &self.opening {
            Some(o) => o
                .date
                .filter(|d| *d <= first)
                .unwrap_or(first_of_month(first)),
            None => first,
        };
        let to = match &self.closing {
            Some(c) => c.date.filter(|d| *d >= last).unwrap_or(last_of_month(last)),
            None => last,
        };
        let source = if (from, to) == (first, last) {
            PeriodSource::Lines
        } else {
            PeriodSource::BalanceRows
        };
        Some((from, to, source))
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
