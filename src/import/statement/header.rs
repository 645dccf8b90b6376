//! The top of a statement: its header row among titles (joined when it
//! spans two rows, 金额 over 借方 | 贷方), and the year of a date split into
//! 月 and 日 columns.

use super::fields::recognise;
use super::mapping::{StatementMapping, date_part};
use super::period::StatedPeriod;
use crate::import::Row;
use crate::import::header::{SEARCH_ROWS, detect_by};

/// The year of a date split into 月 and 日 columns: from the 期间 line (a
/// period into the next year puts its earlier months there), else from a
/// `2026年` cell above or in the header.
pub fn fill_year(mapping: &mut StatementMapping, top: &[Row], period: Option<&StatedPeriod>) {
    use chrono::Datelike;
    let Some(parts) = mapping.date_parts.as_mut() else {
        return;
    };
    if parts.year.is_some() {
        return;
    }
    if let Some(p) = period {
        parts.year = Some(p.from.year());
        parts.next_year_before = (p.to.year() > p.from.year()).then(|| p.from.month());
        return;
    }
    parts.year = top.iter().flat_map(|r| &r.cells).find_map(|c| {
        let t = c.trim().trim_end_matches('度');
        let digits = t.strip_suffix('年')?.trim();
        (digits.len() == 4)
            .then(|| digits.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1900..=2200).contains(y))
    });
}

/// The header row among the first rows: the one naming the most statement
/// columns.
pub(super) fn detect_header(rows: &[Row]) -> Option<usize> {
    let top = &rows[..rows.len().min(SEARCH_ROWS)];
    detect_by(top, |cell| recognise(cell).is_some())
}

/// A header over two rows (金额 merged over 借方 | 贷方, or 日期 merged down
/// over two rows): the row below the header joins it when every cell it
/// fills names a column. Gives the index of the last header row and the
/// joined headers.
pub(super) fn join_header_rows(rows: &[Row], index: usize) -> (usize, Vec<String>) {
    let mut headers = crate::import::header::headers_of(&rows[index]);
    let Some(below) = rows.get(index + 1) else {
        return (index, headers);
    };
    let filled: Vec<(usize, &str)> = below
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.trim()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let names_columns = !filled.is_empty()
        && filled
            .iter()
            .all(|(_, c)| recognise(c).is_some() || date_part(c).is_some());
    if !names_columns {
        return (index, headers);
    }
    for (i, cell) in filled {
        if i >= headers.len() {
            headers.resize_with(i + 1, String::new);
        }
        headers[i] = cell.to_string();
    }
    // Columns still unnamed keep their letter, as `headers_of` gives them.
    for (i, h) in headers.iter_mut().enumerate() {
        if h.is_empty() {
            *h = crate::import::header::column_letter(i);
        }
    }
    (index + 1, headers)
}
