//! Finding the header row: files start with titles ("客户档案 2026年11月"),
//! blank lines and notes before the row that names the columns.

use std::path::Path;

use super::mapping::recognise;
use super::read::Row;
use super::{ImportError, Refusal};
use crate::domain::Text;
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

/// The first two columns of the header row with the same (non-empty)
/// header, as (earlier, later) indexes. A mapping and `--map` find a column
/// by its header, so the later one would be left out without a word.
pub fn duplicate(header: &Row) -> Option<(usize, usize)> {
    let names: Vec<String> = header
        .cells
        .iter()
        .map(|c| c.trim().to_lowercase())
        .collect();
    names.iter().enumerate().find_map(|(later, name)| {
        if name.is_empty() {
            return None;
        }
        names[..later]
            .iter()
            .position(|n| n == name)
            .map(|earlier| (earlier, later))
    })
}

/// Refuses a header row that names two columns alike (see `duplicate`).
pub fn refuse_duplicates(path: &Path, header: &Row) -> Result<(), ImportError> {
    let Some((earlier, later)) = duplicate(header) else {
        return Ok(());
    };
    let (a, b) = (column_letter(earlier), column_letter(later));
    let name = header.cell(later).trim();
    let row = header.number;
    Err(ImportError::Refused(Box::new(Refusal {
        path: path.to_path_buf(),
        row: Some(row),
        column: Some(b.clone()),
        code: "import.duplicate_header",
        message: Text::new(
            format!(
                "columns {a} and {b} of the header row (row {row}) are both headed “{name}”, so \
                 one of them would be left out. Rename one (e.g. “{name}2”) and import again."
            ),
            format!(
                "表头行（第 {row} 行）的 {a} 列和 {b} 列都叫“{name}”，其中一列会被漏掉。\
                 请把其中一列改名（如“{name}2”）后重新导入。"
            ),
        ),
    })))
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
    fn duplicate_headers_are_found_case_and_spaces_aside() {
        assert_eq!(
            duplicate(&row(3, &["名称", "手机", "", "", " 手机 "])),
            Some((1, 4))
        );
        assert_eq!(duplicate(&row(3, &["Email", "email"])), Some((0, 1)));
        assert_eq!(duplicate(&row(3, &["名称", "", "", "手机"])), None);
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
