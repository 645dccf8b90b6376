//! From a statement file and a customer to a reconciliation: the steps the
//! CLI and the TUI share. Reading (with a saved mapping or the headers),
//! then the period (default: the statement's own dates), the sign convention
//! (the mapping's, else detected from the totals), our side from the ledger,
//! and the automatic match.

use std::path::PathBuf;

use chrono::NaiveDate;
use thiserror::Error;

use super::{PeriodSource, StatementFile, StatementMapping, StatementMappingError, TheirSide};
use crate::domain::Lang;
use crate::import::{ImportError, RowProblem};
use crate::reconcile::{
    MatchOptions, ReconcileError, Reconciliation, SignConvention, detect_sign_convention,
    docs_in_descriptions, match_lines, match_owned,
};
use crate::store::{OurSide, SavedStatementMapping, SessionSource, Store, StoreError};

/// How to read the statement file.
#[derive(Clone, Debug, Default)]
pub struct ReadRequest {
    pub path: PathBuf,
    pub sheet: Option<String>,
    pub header_row: Option<u64>,
    /// A saved statement mapping to start from.
    pub mapping: Option<String>,
    /// `Header=field,…` over it.
    pub map: Option<String>,
    /// The year of dates given as 月 and 日 only, when the file names none.
    pub year: Option<i32>,
}

#[derive(Debug, Error)]
pub enum PrepareError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{0}")]
    Mapping(#[from] StatementMappingError),
    /// Rows that cannot be read: the statement is refused as a whole, since
    /// a line left out would show as a difference that is not there.
    #[error("{} row(s) of the statement cannot be read", .0.len())]
    Rows(Vec<RowProblem>),
    #[error("the statement has no lines to reconcile")]
    NoLines,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", .0.text().en)]
    Engine(#[from] ReconcileError),
}

impl PrepareError {
    /// The file cannot be used at all (not a spreadsheet, no header, no date
    /// or amount column): a usage problem rather than bad data.
    pub fn is_unreadable(&self) -> bool {
        match self {
            PrepareError::Import(e) => e.is_unreadable(),
            PrepareError::Mapping(_) => true,
            _ => false,
        }
    }

    /// One line per problem in `lang`, each naming row and column.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            PrepareError::Rows(problems) => problems
                .iter()
                .map(|p| match lang {
                    Lang::En => format!("row {}, column {}: {}", p.row, p.column, p.message.en),
                    Lang::Zh => format!("第 {} 行，{}列：{}", p.row, p.column, p.message.zh),
                })
                .collect(),
            PrepareError::Engine(e) => vec![e.text().get(lang).to_string()],
            PrepareError::Store(StoreError::Invalid(problems)) => problems
                .iter()
                .map(|p| p.message(lang).to_string())
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Opens and reads the statement; rows that cannot be read refuse it.
pub fn read_statement(store: &Store, request: &ReadRequest) -> Result<StatementFile, PrepareError> {
    let saved = match &request.mapping {
        Some(name) => Some(store.statement_mapping(name)?),
        None => None,
    };
    read_with(request, saved.as_ref())
}

/// `read_statement` with the saved mapping already looked up: needs no
/// database, so a screen can run it on a worker thread.
pub fn read_with(
    request: &ReadRequest,
    saved: Option<&SavedStatementMapping>,
) -> Result<StatementFile, PrepareError> {
    let (source, layout) =
        super::open(&request.path, request.sheet.as_deref(), request.header_row)?;
    let mut mapping = StatementMapping::auto(&layout.headers);
    if let Some(saved) = saved {
        mapping.apply_saved(saved);
    }
    if let Some(spec) = &request.map {
        mapping.apply_spec(spec)?;
    }
    mapping.validate()?;
    if let (Some(year), Some(parts)) = (request.year, mapping.date_parts.as_mut()) {
        parts.year = Some(year);
    }
    let file = super::read(&source, &layout, &mapping)?;
    if file.has_errors() {
        return Err(PrepareError::Rows(file.errors().cloned().collect()));
    }
    if file.rows.is_empty() {
        return Err(PrepareError::NoLines);
    }
    Ok(file)
}

/// The period: as given, else the statement's own first and last date. A
/// period that ends before it starts is refused when our side is read.
pub fn period(
    file: &StatementFile,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate), PrepareError> {
    period_with_source(file, from, to).map(|(from, to, _)| (from, to))
}

/// `period` and where it came from (both given: `Given`; else the
/// statement's own: its title line, its balance rows or its lines).
pub fn period_with_source(
    file: &StatementFile,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate, PeriodSource), PrepareError> {
    if let (Some(from), Some(to)) = (from, to) {
        return Ok((from, to, PeriodSource::Given));
    }
    let (first, last, source) = file.default_period().ok_or(PrepareError::NoLines)?;
    Ok((from.unwrap_or(first), to.unwrap_or(last), source))
}

/// The sign the statement's mapping fixes, else the one the totals suggest
/// (and whether it was detected).
pub fn suggest_sign(ours: &OurSide, file: &StatementFile) -> (SignConvention, bool) {
    file.sign_or(|| {
        let raw: Vec<_> = file
            .rows
            .iter()
            .filter(|r| r.date >= ours.from && r.date <= ours.to)
            .map(|r| r.raw)
            .collect();
        detect_sign_convention(&ours.lines, &raw)
    })
}

/// Everything a reconciliation screen or report starts from.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub ours: OurSide,
    pub theirs: TheirSide,
    pub file: StatementFile,
    pub sign: SignConvention,
    /// The sign was detected (no saved mapping fixed it).
    pub sign_detected: bool,
    pub source: SessionSource,
    pub reconciliation: Reconciliation,
    /// Their lines that took one of our document numbers from 摘要.
    pub docs_from_descriptions: usize,
    /// The statement's rows read (`file.rows` is empty after [`match_moving`]).
    pub lines_read: usize,
}

/// Reads our side of `customer_id` for the period and matches it against
/// the statement read with `sign`.
pub fn reconcile(
    store: &Store,
    customer_id: i64,
    file: StatementFile,
    (from, to): (NaiveDate, NaiveDate),
    sign: Option<SignConvention>,
    options: &MatchOptions,
) -> Result<Prepared, PrepareError> {
    let ours = store.reconcile_ours(customer_id, from, to)?;
    match_sides(ours, file, sign, options)
}

/// [`reconcile`] by [`match_moving`]: the lines only in the reconciliation.
pub fn reconcile_moving(
    store: &Store,
    customer_id: i64,
    file: StatementFile,
    (from, to): (NaiveDate, NaiveDate),
    sign: Option<SignConvention>,
    options: &MatchOptions,
) -> Result<Prepared, PrepareError> {
    let ours = store.reconcile_ours(customer_id, from, to)?;
    match_moving(ours, file, sign, options)
}

/// Matches our side (already read for the period) against the statement:
/// needs no database, so a screen can run it on a worker thread.
pub fn match_sides(
    ours: OurSide,
    file: StatementFile,
    sign: Option<SignConvention>,
    options: &MatchOptions,
) -> Result<Prepared, PrepareError> {
    matched(ours, file, sign, options, Keep::Lines)
}

/// [`match_sides`] for a caller that needs only the reconciliation's lines:
/// both sides' lines move into it and the statement's rows are dropped once
/// their side is read, so `ours.lines`, `theirs.lines` and `file.rows` come
/// back empty (`lines_read` keeps the count). At 100,000 lines a side that
/// is two copies of every line less.
pub fn match_moving(
    ours: OurSide,
    file: StatementFile,
    sign: Option<SignConvention>,
    options: &MatchOptions,
) -> Result<Prepared, PrepareError> {
    matched(ours, file, sign, options, Keep::Nothing)
}

/// What `Prepared` keeps besides the reconciliation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Lines,
    Nothing,
}

fn matched(
    mut ours: OurSide,
    file: StatementFile,
    sign: Option<SignConvention>,
    options: &MatchOptions,
    keep: Keep,
) -> Result<Prepared, PrepareError> {
    let (customer_id, from, to) = (ours.customer_id, ours.from, ours.to);
    let (sign, sign_detected) = match sign {
        Some(sign) => (sign, false),
        None => suggest_sign(&ours, &file),
    };
    let mut theirs = file.their_side(sign, from, to, ours.opening)?;
    let mut file = file;
    let lines_read = file.rows.len();
    if keep == Keep::Nothing {
        file.rows = Vec::new();
    }
    for (closing, check) in [(false, theirs.opening_check), (true, theirs.closing_check)] {
        if let Some(c) = check.filter(|c| !c.agrees()) {
            let column = (file.mapping)
                .column_of(super::StatementField::Balance)
                .and_then(|col| file.mapping.headers.get(col).cloned())
                .unwrap_or_default();
            let p = super::balance_problem(closing, c.row, &column, c.stated, c.computed);
            file.problems.push(p);
        }
    }
    let docs_from_descriptions = docs_in_descriptions(&ours.lines, &mut theirs.lines);
    let reconciliation = match keep {
        Keep::Lines => match_lines(&ours.lines, &theirs.lines, options)?,
        Keep::Nothing => match_owned(
            std::mem::take(&mut ours.lines),
            std::mem::take(&mut theirs.lines),
            options,
        )?,
    }
    .with_openings(ours.opening, theirs.opening)?;
    let source = SessionSource {
        customer_id,
        from,
        to,
        file_name: file.file_name.clone(),
        file_hash: file.file_hash.clone(),
        sign,
    };
    Ok(Prepared {
        ours,
        theirs,
        file,
        sign,
        sign_detected,
        source,
        reconciliation,
        docs_from_descriptions,
        lines_read,
    })
}
