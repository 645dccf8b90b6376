//! `kehu import --kind invoices FILE…`: the tax platform's issued-invoice
//! exports and 数电票 XML files into the ledger, all files in one batch.
//! Exit codes as the other imports: 0 nothing rejected, 1 invoices or rows
//! rejected, 2 an unreadable file or our company not set.

use std::path::PathBuf;

use serde::Serialize;

use super::import::{ImportArgs, import_failure, lang};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::domain::{Lang, Severity};
use crate::import::invoices;

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
    for line in invoices::summary(report, lang, TABLE_PROBLEMS) {
        output::say(line)?;
    }
    Ok(())
}
