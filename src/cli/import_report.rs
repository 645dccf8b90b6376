//! Printing an import's result: a summary and the problems as a table, or
//! the JSON summary (`rows`, `inserted`, `updated`, `skipped`, `rejected`,
//! `problems[{row, column, field, severity, message}]`), or problems as CSV.

use serde::Serialize;

use super::{Failure, Format, output};
use crate::domain::classification::Catalog;
use crate::domain::{Lang, Severity};
use crate::import::{Layout, NewValue, Report, Settings, Source, Target};

/// Problems listed in table form; JSON and CSV list every kept one.
const TABLE_PROBLEMS: usize = 200;

#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    sheet: &'a Option<String>,
    header_row: u64,
    dry_run: bool,
    committed: bool,
    batch: Option<i64>,
    rows: u64,
    inserted: u64,
    updated: u64,
    skipped: u64,
    rejected: u64,
    /// Rows with a similar-name warning (each listed in `problems`, up to the cap).
    similar_name_rows: u64,
    /// Valid rows not written because the run wrote nothing (0 for a dry run).
    not_written: u64,
    warnings: u64,
    problems: Vec<JsonProblem<'a>>,
    problems_omitted: u64,
    duplicates: Vec<JsonDuplicate<'a>>,
    stopped_at: Option<u64>,
    /// The template's example row, recognised and not imported.
    example_row: Option<u64>,
    /// Classification values the dimensions did not have, each once.
    new_values: &'a [NewValue],
    backup: Option<String>,
    rejects_file: Option<String>,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    row: u64,
    column: &'a str,
    field: &'a str,
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDuplicate<'a> {
    row: u64,
    code: &'a str,
    name: &'a str,
    matched_by: &'a str,
    /// The earlier row of this file the row repeats (its customer has no code yet).
    earlier_row: Option<u64>,
    action: &'a str,
}

/// `columns`: "header → target" per column, for the summary.
pub fn print_report(
    source: &Source,
    layout: &Layout,
    columns: &[String],
    report: &Report,
    format: Format,
    lang: Lang,
) -> Result<(), Failure> {
    let problems = report.problems.iter().map(|p| JsonProblem {
        row: p.row,
        column: &p.column,
        field: &p.field,
        severity: p.severity,
        code: p.code,
        message: p.message.get(lang),
    });
    match format {
        Format::Json => {
            let json = JsonReport {
                file: &report.file,
                sheet: &report.sheet,
                header_row: layout.header_row,
                dry_run: report.dry_run,
                committed: report.committed,
                batch: report.batch,
                rows: report.rows,
                inserted: report.inserted,
                updated: report.updated,
                skipped: report.skipped,
                rejected: report.rejected,
                similar_name_rows: report.similar_name_rows,
                not_written: report.not_written,
                warnings: report.warnings,
                problems: problems.collect(),
                problems_omitted: report.problems_omitted,
                duplicates: report
                    .duplicates
                    .iter()
                    .map(|d| JsonDuplicate {
                        row: d.row,
                        code: &d.existing.code,
                        name: &d.existing.name,
                        matched_by: d.existing.by.key(),
                        earlier_row: d.earlier_row,
                        action: d.action,
                    })
                    .collect(),
                stopped_at: report.stopped_at,
                example_row: report.example_row,
                new_values: &report.new_values,
                backup: report.backup.as_ref().map(|p| p.display().to_string()),
                rejects_file: report
                    .rejects_file
                    .as_ref()
                    .map(|p| p.display().to_string()),
            };
            output::raw(&output::to_json(&json)?)?;
            Ok(())
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = problems.map(problem_cells).collect();
            output::print_rows(format, &PROBLEM_HEADERS, &rows, &())
        }
        Format::Table => {
            output::out!("{}", summary(source, layout, columns, report))?;
            // Similar names are counted once in the summary, not a line each.
            let listed = report.problems.iter().filter(|p| p.code != SIMILAR).count();
            let rows: Vec<Vec<String>> = problems
                .filter(|p| p.code != SIMILAR)
                .take(TABLE_PROBLEMS)
                .map(problem_cells)
                .collect();
            if !rows.is_empty() {
                output::outln!()?;
                output::out!("{}", output::table(&PROBLEM_HEADERS, &rows))?;
                let more = listed.saturating_sub(TABLE_PROBLEMS) as u64 + report.problems_omitted;
                if more > 0 {
                    output::outln!(
                        "… and {more} more (see --format json, or --rejects OUT for the rejected rows)"
                    )?;
                }
            }
            Ok(())
        }
    }
}

const SIMILAR: &str = "name.similar";

const PROBLEM_HEADERS: [&str; 6] = ["row", "column", "field", "severity", "code", "message"];

fn problem_cells(p: JsonProblem) -> Vec<String> {
    vec![
        p.row.to_string(),
        p.column.to_string(),
        p.field.to_string(),
        match p.severity {
            Severity::Error => "error".into(),
            Severity::Warning => "warning".into(),
        },
        p.code.to_string(),
        p.message.to_string(),
    ]
}

/// "序号 → (ignored), 公司名称 → name, …" for a customer mapping.
pub fn customer_columns(settings: &Settings, lang: Lang, catalog: &Catalog) -> Vec<String> {
    let mapping = &settings.mapping;
    mapping
        .headers
        .iter()
        .zip(&mapping.targets)
        .map(|(h, t)| match t {
            Target::Ignore => format!("{h} → {}", t.label(lang, catalog)),
            _ => format!("{h} → {}", t.key()),
        })
        .collect()
}

fn summary(source: &Source, layout: &Layout, columns: &[String], report: &Report) -> String {
    let (inserted, updated) = match report.dry_run {
        true => ("would be inserted", "would be updated"),
        false => ("inserted", "updated"),
    };
    let not_written = match report.not_written {
        0 => String::new(),
        n => format!(", {n} valid but not written"),
    };
    let mut lines = vec![
        format!("file     {} ({})", report.file, source.describe()),
        format!("sheet    {}", layout.sheet.as_deref().unwrap_or("-")),
        format!("header   row {}: {}", layout.header_row, columns.join(", ")),
        format!(
            "result   {} rows: {} {inserted}, {} {updated}, {} skipped, {} rejected{not_written}, {} warnings",
            report.rows,
            report.inserted,
            report.updated,
            report.skipped,
            report.rejected,
            report.warnings
        ),
    ];
    let outcome = if report.dry_run {
        "dry run: nothing was written".to_string()
    } else if let Some(row) = report.stopped_at {
        format!("stopped at row {row} (a duplicate, --on-duplicate stop): nothing was written")
    } else if report.cancelled {
        "cancelled: nothing was written".to_string()
    } else if let Some(batch) = report.batch {
        format!("committed as batch {batch} (undo with: kehu import undo {batch})")
    } else if report.committed {
        "committed".to_string()
    } else if report.inserted + report.updated == 0 {
        "no row to write: nothing was written (no backup, no batch)".to_string()
    } else {
        "all or nothing: rows were rejected, so nothing was written".to_string()
    };
    lines.push(format!("         {outcome}"));
    if report.similar_name_rows > 0 {
        lines.push(format!(
            "similar  {} rows have names like a stored customer's or an earlier row's; \
             listed in the report (--format json or csv)",
            group_thousands(report.similar_name_rows)
        ));
    }
    for v in &report.new_values {
        let action = match (v.action, &v.mapped_to) {
            ("added", _) if report.dry_run => "would be added".to_string(),
            ("unused", _) => "not added (no row written carries it)".to_string(),
            ("refused", _) => "refused (--strict-values)".to_string(),
            ("mapped", Some(to)) => format!("read as “{to}”"),
            ("emptied", _) => "left empty".to_string(),
            (other, _) => other.to_string(),
        };
        lines.push(format!(
            "new      {} “{}”: {} row(s) from row {}, {action}",
            v.column, v.value, v.rows, v.first_row
        ));
    }
    if let Some(row) = report.example_row {
        lines.push(format!(
            "         row {row} is the template's example row: not imported"
        ));
    }
    if let Some(backup) = &report.backup {
        lines.push(format!("backup   {}", backup.display()));
    }
    if let Some(rejects) = &report.rejects_file {
        lines.push(format!("rejects  {}", rejects.display()));
    }
    lines.join("\n") + "\n"
}

/// 480112 → "480,112".
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
