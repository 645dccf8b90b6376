//! Printing an import's result: a summary and the problems as a table, or
//! the JSON summary (`rows`, `inserted`, `updated`, `skipped`, `rejected`,
//! `problems[{row, column, field, severity, message}]`), or problems as CSV.

use crate::messages::Message;
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
                    output::say(Message::new("import.more_problems").with("more", more))?;
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
    let result = if report.dry_run {
        Message::new("import.summary.result_dry")
    } else if report.not_written > 0 {
        Message::new("import.summary.result_not_written").with("not_written", report.not_written)
    } else {
        Message::new("import.summary.result")
    };
    let mut lines = vec![
        Message::new("import.summary.file")
            .with("file", &report.file)
            .with("kind", source.describe()),
        Message::new("import.summary.sheet").with("sheet", layout.sheet.as_deref().unwrap_or("-")),
        Message::new("import.summary.header")
            .with("row", layout.header_row)
            .with("columns", columns.join(", ")),
        result
            .with("rows", report.rows)
            .with("inserted", report.inserted)
            .with("updated", report.updated)
            .with("skipped", report.skipped)
            .with("rejected", report.rejected)
            .with("warnings", report.warnings),
    ];
    let outcome = if report.dry_run {
        Message::new("import.summary.dry_run")
    } else if let Some(row) = report.stopped_at {
        Message::new("import.summary.stopped").with("row", row)
    } else if report.cancelled {
        Message::new("import.summary.cancelled")
    } else if let Some(batch) = report.batch {
        Message::new("import.summary.batch").with("batch", batch)
    } else if report.committed {
        Message::new("import.summary.committed")
    } else if report.not_written > 0 {
        // Valid rows left unwritten: all or nothing met a rejected row.
        Message::new("import.summary.all_or_nothing")
    } else {
        Message::new("import.summary.nothing_to_write")
    };
    let mut text: Vec<String> = lines.drain(..).map(super::render).collect();
    text.push(format!("         {}", super::render(outcome)));
    if report.similar_name_rows > 0 {
        text.push(super::render(
            Message::new("import.summary.similar")
                .with("count", group_thousands(report.similar_name_rows)),
        ));
    }
    for v in &report.new_values {
        let action = match (v.action, &v.mapped_to) {
            ("added", _) if report.dry_run => Message::new("import.new_value.would_add"),
            ("added", _) => Message::new("import.new_value.added"),
            ("unused", _) => Message::new("import.new_value.unused"),
            ("refused", _) => Message::new("import.new_value.refused"),
            ("mapped", Some(to)) => Message::new("import.new_value.mapped").with("to", to),
            ("emptied", _) => Message::new("import.new_value.emptied"),
            (other, _) => Message::new("import.new_value.other").with("action", other),
        };
        text.push(super::render(
            Message::new("import.summary.new_value")
                .with("column", &v.column)
                .with("value", &v.value)
                .with("rows", v.rows)
                .with("first_row", v.first_row)
                .with_msg("action", action),
        ));
    }
    if let Some(row) = report.example_row {
        text.push(super::render(
            Message::new("import.summary.example_row").with("row", row),
        ));
    }
    if let Some(backup) = &report.backup {
        text.push(super::render(
            Message::new("import.summary.backup").with("path", backup.display()),
        ));
    }
    if let Some(rejects) = &report.rejects_file {
        text.push(super::render(
            Message::new("import.summary.rejects").with("path", rejects.display()),
        ));
    }
    text.join("\n") + "\n"
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
