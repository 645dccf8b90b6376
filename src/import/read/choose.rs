//! Which sheet of a workbook holds the data when none is named. Workbooks
//! from other software often open on a 说明 / notes / instructions sheet, or
//! carry a cover sheet before the list: the data sheet is the one whose
//! header names columns kehu knows (customer or ledger columns), then the one
//! with the most rows of two or more cells; the first sheet on a tie.

use super::super::header::SEARCH_ROWS;
use super::super::{ledger, mapping};
use super::Row;
use crate::domain::classification::Catalog;

/// Recognised header cells in a row that count as "a header": two could be
/// a notes row naming one field; three is a header.
const HEADER_CELLS: usize = 3;

/// How much a sheet looks like data, compared as a tuple: whether one of its
/// top rows is a header, then its rows of two or more filled cells, then how
/// many columns that header names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Score {
    has_header: bool,
    table_rows: usize,
    known: usize,
}

/// Scores a sheet from its top rows and its count of rows of two or more
/// filled cells.
pub(super) fn score(top: &[Row], table_rows: usize) -> Score {
    let catalog = Catalog::default();
    let known = top
        .iter()
        .take(SEARCH_ROWS)
        .map(|row| {
            row.cells
                .iter()
                .filter(|c| is_known_header(c, &catalog))
                .count()
        })
        .max()
        .unwrap_or(0);
    Score {
        has_header: known >= HEADER_CELLS,
        table_rows,
        known,
    }
}

fn is_known_header(cell: &str, catalog: &Catalog) -> bool {
    let cell = cell.trim();
    !cell.is_empty()
        && (mapping::recognise(cell, catalog).is_some()
            || ledger::mapping::recognise(cell).is_some())
}
