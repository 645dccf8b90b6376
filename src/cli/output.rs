//! Printing data as an aligned table (by display width, so 华强 takes four
//! columns), JSON or CSV.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Failure, Format};
use crate::domain::money::Money;
use crate::domain::{Lang, Problems, Severity};

/// Rows of text under headers, in the chosen format. JSON is `json` (the
/// typed records) so keys and types stay those of the core.
pub fn print_rows<T: Serialize>(
    format: Format,
    headers: &[&str],
    rows: &[Vec<String>],
    json: &T,
) -> Result<(), Failure> {
    let text = match format {
        Format::Table => table(headers, rows),
        Format::Json => to_json(json)?,
        Format::Csv => csv_text(headers, rows)?,
    };
    print!("{text}");
    Ok(())
}

pub fn to_json<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure::data(format!("cannot write JSON: {e}")))
}

pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width())));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> Result<String, Failure> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::data(format!("cannot write CSV: {e}"));
    writer.write_record(headers).map_err(fail)?;
    for row in rows {
        writer.write_record(row).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::data(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One line per problem: `error: tax_id: …` — field first, so a script can grep it.
pub fn problems_text(problems: &Problems) -> String {
    problems
        .iter()
        .map(|p| {
            let level = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("{level}: {}: {} [{}]", p.field, p.message.en, p.code)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A credit limit (or credit available) as a cell: in a table, the words a
/// bookkeeper reads (not controlled / 0.00 (cash only)); in CSV, the value
/// itself (empty when not controlled) so the file imports back.
pub fn limit_cell(limit: Option<Money>, format: Format, lang: Lang) -> String {
    match (format, limit) {
        (Format::Table, Some(m)) if m != Money::ZERO => m.to_string(),
        (Format::Table, _) => crate::domain::ledger::credit::limit_label(limit, lang),
        (_, limit) => limit.map(|m| m.to_string()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_chinese_by_display_width() {
        let text = table(
            &["code", "name", "credit"],
            &[
                vec!["C000001".into(), "华强电子".into(), "50,000.00".into()],
                vec!["C000002".into(), "ABC Ltd".into(), "0.00".into()],
            ],
        );
        let lines: Vec<&str> = text.lines().collect();
        // 华强电子 is 8 columns wide, so the credit column starts at the same
        // display column on every line.
        let col = |line: &str, needle: &str| line[..line.find(needle).unwrap()].width();
        assert_eq!(col(lines[1], "50,000.00"), col(lines[0], "credit"));
        assert_eq!(col(lines[2], "0.00"), col(lines[0], "credit"));
    }
}
