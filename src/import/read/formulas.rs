//! Formula cells saved without their calculated value. Excel and WPS save
//! the value with every formula; files written by scripts and some exports
//! do not, and calamine then reads the cell as empty — a credit limit of
//! `=B2*2` would import as nothing, without a word. Such a sheet is refused,
//! naming the first such cell.

use std::path::Path;

use calamine::{Data, Range};

use super::super::header::column_letter;
use super::super::{ImportError, Refusal};
use crate::domain::Text;

/// The first formula cell (in row order) with no value, and how many more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Uncalculated {
    /// 0-based, absolute (row 0 is Excel's row 1).
    pub row: u32,
    pub col: u32,
    pub formula: String,
    pub more: usize,
}

pub(super) fn find(values: &Range<Data>, formulas: &Range<String>) -> Option<Uncalculated> {
    let (start_row, start_col) = formulas.start()?;
    let mut found: Option<Uncalculated> = None;
    for (r, c, formula) in formulas.used_cells() {
        if formula.trim().is_empty() {
            continue;
        }
        let at = (start_row + r as u32, start_col + c as u32);
        let empty = match values.get_value(at) {
            None | Some(Data::Empty) => true,
            Some(Data::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if !empty {
            continue;
        }
        match found.as_mut() {
            Some(f) => f.more += 1,
            None => {
                found = Some(Uncalculated {
                    row: at.0,
                    col: at.1,
                    formula: formula.clone(),
                    more: 0,
                })
            }
        }
    }
    found
}

pub(super) fn refusal(path: &Path, sheet: &str, gap: &Uncalculated) -> ImportError {
    let row = u64::from(gap.row) + 1;
    let column = column_letter(gap.col as usize);
    let (more_en, more_zh) = match gap.more {
        0 => (String::new(), String::new()),
        n => (
            format!(" ({n} more formula cells have no value either)"),
            format!("（另有 {n} 个公式单元格也没有值）"),
        ),
    };
    ImportError::Refused(Box::new(Refusal {
        path: path.to_path_buf(),
        row: Some(row),
        column: Some(column.clone()),
        code: "import.formula_without_value",
        message: Text::new(
            format!(
                "sheet “{sheet}”, cell {column}{row} holds a formula (={}) saved without its \
                 calculated value{more_en}, so it would import as empty. Open the file in Excel \
                 or WPS, let it calculate, save it, and import again.",
                gap.formula
            ),
            format!(
                "工作表“{sheet}”的 {column}{row} 单元格是公式（={}），但保存时没有计算结果{more_zh}，\
                 导入后会变成空值。请用 Excel 或 WPS 打开该文件，重新计算并保存后再导入。",
                gap.formula
            ),
        ),
    }))
}
