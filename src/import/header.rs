//! Finding the header row: files start with titles ("客户档案 2026年11月"),
//! blank lines and notes before the row that names the columns.

use super::mapping::recognise;
use super::read::Row;
use crate::domain::classification::Catalog;

/// How many rows from the top are searched.
pub const SEARCH_ROWS: usize = 30;

/// The index in `rows` of the header row: the row naming the most known
/// columns (the earliest on a tie). When no row names any, the first row
/// that is as wide as the data below it. `None` when every row is blank.
pub fn detect(rows: &[Row], catalog: &Catalog) -> Option<usize> {
    detect_by(rows, |c| recognise(c, catalog).is_some())
}

/// `detect` with another notion of a known header (a ledger file's columns).
pub fn detect_by(rows: &[Row], known_header: impl Fn(&str) -> bool) -> Option<usize> {
    let rows = &rows[..rows.len().min(SEARCH_ROWS)];
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let known = row.cells.iter().filter(|c| known_header(c)).count();
        if known > 0 && best.is_none_or(|(_, k)| known > k) {
            best = Some((i, known));
        }
    }
    if let Some((i, _)) = best {
        return Some(i);
    }
    // Nothing recognised: titles and notes fill one cell, headers fill the row.
    let widest = rows.iter().map(Row::filled_len).max().unwrap_or(0);
    if widest == 0 {
        return None;
    }
    rows.iter().position(|r| {
        let filled = r.cells.iter().filter(|c| !c.trim().is_empty()).count();
        filled * 2 >= widest && filled >= widest.min(2)
    })
}

/// The header cells, trimmed, with an empty header named by its column
/// letter so every column can still be mapped by hand.
pub fn headers_of(row: &Row) -> Vec<String> {
    row.cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let t = c.trim();
            if t.is_empty() {
                column_letter(i)
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// Excel's column name: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u64, cells: &[&str]) -> Row {
        Row::of(number, cells, &[])
    }

    #[test]
    fn title_and_blank_rows_are_skipped() {
        let rows = vec![
            row(1, &["客户档案 2026年11月", "", ""]),
            row(2, &["", "", ""]),
            row(3, &["序号", "公司名称", "纳税人识别号"]),
            row(4, &["1", "深圳市华强电子有限公司", "914403001922038216"]),
        ];
        assert_eq!(detect(&rows, &Catalog::default()), Some(2));
    }

    #[test]
    fn unknown_headers_fall_back_to_the_first_full_row() {
        let rows = vec![
            row(1, &["导出于 2026-11-23"]),
            row(2, &["甲", "乙", "丙"]),
            row(3, &["1", "2", "3"]),
        ];
        assert_eq!(detect(&rows, &Catalog::default()), Some(1));
        assert_eq!(detect(&[row(1, &["", ""])], &Catalog::default()), None);
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        let headers = headers_of(&row(1, &["名称", " ", "税号"]));
        assert_eq!(headers, vec!["名称", "B", "税号"]);
    }
}
