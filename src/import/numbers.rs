//! Tax IDs and bank accounts that Excel turned into numbers: shown in
//! scientific form (9.14403E+17), given a `.0`, or stored in a number cell
//! where digits past the 15th and leading zeros are gone. The generic
//! "bad character" error would not tell the user what happened or how to fix
//! the file, so these get their own.

use crate::domain::field::Field;
use crate::domain::tax_id;
use crate::domain::{Problem, Text};

use super::mapping::Target;
use super::read::Row;

/// Tax IDs and bank accounts that Excel stored as numbers: scientific form
/// (9.14403E+17), a trailing `.0`, or any numeric cell (digits past the 15th
/// and leading zeros are gone). Each is an error that says how to fix the file.
pub(super) fn mangled_numbers(row: &Row, targets: &[Target]) -> Vec<Problem> {
    let mut found = Vec::new();
    for field in [Field::TaxId, Field::BankAccount] {
        let Some(col) = targets.iter().position(|t| *t == Target::Field(field)) else {
            continue;
        };
        let text = crate::domain::trim::trim(row.cell(col));
        if text.is_empty() {
            continue;
        }
        let scientific = is_scientific(text);
        let dot_zero = text
            .strip_suffix(".0")
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if !(scientific || dot_zero || row.was_number(col)) {
            continue;
        }
        // A valid tax ID as typed is trusted whatever its shape.
        if field == Field::TaxId && !row.was_number(col) && tax_id::check(text).valid {
            continue;
        }
        let (what_en, what_zh) = match field {
            Field::TaxId => ("tax ID", "税号"),
            _ => ("bank account", "银行账号"),
        };
        let how = if scientific {
            ("it shows as", "显示为")
        } else if dot_zero {
            ("it ends in .0", "末尾多了 .0")
        } else {
            (
                "leading zeros and digits after the 15th are lost",
                "前导 0 和第 15 位之后的数字已丢失",
            )
        };
        found.push(Problem::error(
            field.key(),
            "import.number_mangled",
            Text::new(
                format!(
                    "Excel stored this {what_en} as a number ({} “{text}”), so it is no longer exact. \
                     Format the column as Text in Excel (Format Cells → Text), type or paste the \
                     {what_en}s again, and import the file again.",
                    how.0
                ),
                format!(
                    "Excel 把{what_zh}存成了数字（{}“{text}”），号码已不准确。请在 Excel 中把该列设置为\
                     文本格式（设置单元格格式 → 文本），重新输入或粘贴{what_zh}后再导入。",
                    how.1
                ),
            ),
        ));
    }
    found
}

/// Excel's scientific form: one digit, optional decimals, E, exponent
/// (`9.14403E+17`, `6E+18`). A USCC such as 911100000000002E81 is not one.
pub(super) fn is_scientific(text: &str) -> bool {
    // Nearly every ID has no E: one byte search settles it, where splitting
    // on a set of chars decodes each one (~290 instructions a cell).
    let Some(at) = memchr::memchr2(b'E', b'e', text.as_bytes()) else {
        return false;
    };
    let (mantissa, exponent) = (&text[..at], &text[at + 1..]);
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    int.len() == 1
        && int.bytes().all(|b| (b'1'..=b'9').contains(&b))
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&exponent.len())
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str], numeric: &[bool]) -> Row {
        Row::of(7, cells, numeric)
    }

    #[test]
    fn numbers_excel_mangled_are_named_as_such() {
        let targets = [
            Target::Field(Field::TaxId),
            Target::Field(Field::BankAccount),
        ];
        let codes = |r: &Row| -> Vec<String> {
            mangled_numbers(r, &targets)
                .iter()
                .map(|p| p.field.clone())
                .collect()
        };
        assert_eq!(
            codes(&row(&["9.14403E+17", "6222021234567890.0"], &[])),
            ["tax_id", "bank_account"]
        );
        assert!(codes(&row(&["914403001922038216", "6222 0212 3456 7890"], &[])).is_empty());
        // A bank account in a numeric cell lost its leading zero even when it looks fine.
        assert_eq!(
            codes(&row(&["", "20000123456789"], &[false, true])),
            ["bank_account"]
        );
        let p = &mangled_numbers(&row(&["9.14403E+17"], &[]), &targets)[0];
        assert!(
            p.message.en.contains("Format the column as Text"),
            "{}",
            p.message.en
        );
        assert!(p.message.zh.contains("文本"));
    }

    #[test]
    fn scientific_forms() {
        assert!(is_scientific("9.14403E+17"));
        assert!(is_scientific("6e18"));
        assert!(is_scientific("6.22202E+18"));
        // Valid credit codes that happen to hold an E between digits.
        assert!(!is_scientific("911100000000002E81"));
        let targets = [Target::Field(Field::TaxId)];
        assert!(mangled_numbers(&row(&["911100000000002E81"], &[]), &targets).is_empty());
        assert!(!is_scientific("91440300MA5E1234X"));
        assert!(!is_scientific("E+17"));
        assert!(!is_scientific("1.2E"));
        assert!(!is_scientific("913201000000000005"));
        assert!(!is_scientific(""));
        assert!(is_scientific("1.5e+9"), "the first E or e splits");
        assert!(!is_scientific("1E5e5"));
    }
}
