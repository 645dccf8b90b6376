//! `kehu import --kind invoices FILE…`: the tax platform's issued-invoice
//! exports and 数电票 XML files into the ledger, all files in one batch.
//! Exit codes as the other imports: 0 nothing rejected, 1 invoices or rows
//! rejected, 2 an unreadable file or our company not set.

use std::path::PathBuf;

use serde::Serialize;

use super::import::{ImportArgs, import_failure, lang};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::domain::{Lang, Severity};
use crate::import::invoices::{self, InvoiceProblem};
use crate::messages::Message;

/// Problems listed in table form; JSON lists every one.
const TABLE_PROBLEMS: usize = 200;

pub fn import_invoices(cli: &Cli, args: &ImportArgs, files: Vec<PathBuf>) -> CliResult {
    let mut store = open_store(cli)?;
    let report = if args.dry_run {
        invoices::plan(&mut store, &files)
    } else {
        invoices::commit(&mut store, &files)
    }
    .map_err(import_failure)?;
    let lang = lang(cli);
    match args.format {
        Format::Json => output::raw(&output::to_json(&JsonReport::of(&report, lang))?)?,
        _ => print_table(&report, lang)?,
    }
    if report.rejected > 0 {
        return Err(Failure {
            message: String::new(),
            code: 1,
        });
    }
    Ok(())
}

/// The report with each problem's text in the run's language.
#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    report: &'a invoices::InvoiceReport,
    messages: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    file: &'a str,
    row: u64,
    column: &'a str,
    number: &'a str,
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

impl<'a> JsonReport<'a> {
    fn of(report: &'a invoices::InvoiceReport, lang: Lang) -> JsonReport<'a> {
        JsonReport {
            report,
            messages: report
                .problems
                .iter()
                .map(|p| JsonProblem {
                    file: &p.file,
                    row: p.row,
                    column: &p.column,
                    number: &p.number,
                    severity: p.severity,
                    code: p.code,
                    message: p.message.get(lang),
                })
                .collect(),
        }
    }
}

fn print_table(report: &invoices::InvoiceReport, lang: Lang) -> Result<(), Failure> {
    output::say(Message::new("invoice.summary").with("files", report.files.join(", ")))?;
    let result = if report.dry_run {
        "invoice.summary.result_dry"
    } else {
        "invoice.summary.result"
    };
    output::say(
        Message::new(result)
            .with("invoices", report.invoices)
            .with("taken", report.taken)
            .with("credit_notes", report.credit_notes)
            .with("already", report.already_imported)
            .with("voided_skipped", report.voided_skipped)
            .with("voided_reversed", report.voided_reversed)
            .with("other", report.other_seller.len())
            .with("rejected", report.rejected)
            .with("warnings", report.warnings),
    )?;
    for c in &report.created_customers {
        output::say(
            Message::new("invoice.summary.created")
                .with("code", &c.code)
                .with("name", &c.name)
                .with("tax_id", &c.tax_id)
                .with("number", &c.number),
        )?;
    }
    for b in &report.found_by_name {
        output::say(
            Message::new("invoice.summary.by_name")
                .with("number", &b.number)
                .with("code", &b.code)
                .with("name", &b.buyer_name)
                .with("tax_id", &b.buyer_tax_id),
        )?;
    }
    for o in &report.other_seller {
        let code = if o.row == 0 {
            "invoice.summary.other_seller_file"
        } else {
            "invoice.summary.other_seller"
        };
        output::say(
            Message::new(code)
                .with("number", &o.number)
                .with("file", &o.file)
                .with("row", o.row)
                .with("seller", &o.seller_name)
                .with("seller_tax_id", &o.seller_tax_id),
        )?;
    }
    for p in report.problems.iter().take(TABLE_PROBLEMS) {
        output::say(problem_line(p, lang))?;
    }
    if report.problems.len() > TABLE_PROBLEMS {
        output::say(
            Message::new("import.more_problems")
                .with("more", report.problems.len() - TABLE_PROBLEMS),
        )?;
    }
    if report.dry_run {
        output::say(Message::new("import.summary.dry_run"))?;
    } else if let Some(batch) = report.batch {
        output::say(Message::new("import.summary.batch").with("batch", batch))?;
    }
    Ok(())
}

fn problem_line(p: &InvoiceProblem, lang: Lang) -> Message {
    let severity = match p.severity {
        Severity::Error => "invoice.severity.error",
        Severity::Warning => "invoice.severity.warning",
    };
    // An XML file has no rows: its problems name the element.
    let code = if p.row == 0 {
        "invoice.summary.problem_file"
    } else {
        "invoice.summary.problem"
    };
    Message::new(code)
        .with_msg("severity", Message::new(severity))
        .with("file", &p.file)
        .with("row", p.row)
        .with("column", &p.column)
        .with("number", &p.number)
        .with("message", p.message.get(lang))
        .with("code", p.code)
}
