//! What a ledger row's cells say, read on the reading thread: the entry as
//! text (dates without their time, the type from `--entry-type` when the
//! cell is empty), parsed once without the customer's rules, and document
//! numbers Excel turned into numbers.

use super::LedgerSettings;
use super::mapping::LedgerField;
use crate::domain::ledger::{EntryData, EntryInput, EntryRules, parse_entry};
use crate::domain::{Problem, Text};
use crate::import::read::Row;

/// A row's entry as the reading thread makes it, so the writing thread
/// neither copies the cells nor parses them: the entry as text, and as
/// parsed without the customer's rules when that found no problem at all
/// (the writer applies the rules: `domain::ledger::with_rules`).
pub struct Prepared {
    pub input: EntryInput,
    pub parsed: Option<EntryData>,
}

/// `None` for a blank row.
pub fn prepare(settings: &LedgerSettings, row: &Row) -> Option<Prepared> {
    if row.is_blank() {
        return None;
    }
    let input = entry_input(settings, row);
    let (parsed, problems) = parse_entry(&input, &EntryRules::default());
    Some(Prepared {
        parsed: parsed.filter(|_| problems.0.is_empty()),
        input,
    })
}

pub fn cell<'r>(settings: &LedgerSettings, row: &'r Row, field: LedgerField) -> &'r str {
    settings
        .mapping
        .column_of(field)
        .map_or("", |c| row.cell(c).trim())
}

/// The row's entry as text, its type from `--entry-type` when the cell is empty.
pub fn entry_input(settings: &LedgerSettings, row: &Row) -> EntryInput {
    let kind = match cell(settings, row, LedgerField::Type) {
        "" => settings
            .default_kind
            .map(|k| k.key().to_string())
            .unwrap_or_default(),
        typed => typed.to_string(),
    };
    EntryInput {
        kind,
        date: date_only(cell(settings, row, LedgerField::Date)),
        doc_no: cell(settings, row, LedgerField::DocNo).to_string(),
        amount: cell(settings, row, LedgerField::Amount).to_string(),
        due_date: date_only(cell(settings, row, LedgerField::DueDate)),
        memo: cell(settings, row, LedgerField::Memo).to_string(),
    }
}

/// A workbook date cell with a time ("2026-11-01 00:00:00") as its date.
fn date_only(text: &str) -> String {
    match text.split_once(' ') {
        Some((date, time)) if time.contains(':') => date.to_string(),
        _ => text.to_string(),
    }
}

/// An invoice number Excel turned into a number in scientific form
/// (全电发票 numbers have 20 digits): no longer exact.
pub fn mangled_doc_no(row: &Row, col: Option<usize>) -> Option<Problem> {
    let text = row.cell(col?).trim();
    if !crate::import::numbers::is_scientific(text) {
        return None;
    }
    Some(Problem::error(
        "doc_no",
        "import.number_mangled",
        Text::new(
            format!(
                "Excel stored this document number as a number (it shows as “{text}”), so it is \
                 no longer exact. Format the column as Text in Excel (Format Cells → Text), type \
                 or paste the numbers again, and import the file again."
            ),
            format!(
                "Excel 把单据号存成了数字（显示为“{text}”），号码已不准确。请在 Excel 中把该列设置为\
                 文本格式（设置单元格格式 → 文本），重新输入或粘贴单据号后再导入。"
            ),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_lose_their_time_and_scientific_doc_numbers_are_caught() {
        assert_eq!(date_only("2026-11-01 00:00:00"), "2026-11-01");
        assert_eq!(date_only("2026年11月1日"), "2026年11月1日");
        let row = |cell: &str, numeric: bool| Row::of(5, &[cell], &[numeric]);
        assert!(mangled_doc_no(&row("2.44202E+19", true), Some(0)).is_some());
        assert!(mangled_doc_no(&row("2.44202E+19", false), Some(0)).is_some());
        assert!(mangled_doc_no(&row("12345678", true), Some(0)).is_none());
        assert!(mangled_doc_no(&row("FP-E+1", false), Some(0)).is_none());
        assert!(mangled_doc_no(&row("FP-0001", false), Some(0)).is_none());
        assert!(mangled_doc_no(&row("2.44202E+19", true), None).is_none());
    }
}
