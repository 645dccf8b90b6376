//! `kehu stats --by DIMENSION` and `kehu ledger search`: reports across
//! customers, printed or written to xlsx / csv / PDF.

use std::path::{Path, PathBuf};

use clap::Args;

use super::args::FormatArg;
use super::documents::{doc_failure, document_lang, kit, write_pdf};
use super::ledger::{customer_id, date_arg, today};
use super::outfiles::{refused, rules};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::documents;
use crate::domain::Lang;
use crate::domain::ledger::EntryKind;
use crate::domain::money::Money;
use crate::messages::Message;
use crate::outfile::{self, Format as OutFormat, Rules};
use crate::report::{self, Grid};
use crate::store::{ClassBy, ClassValue, Page, Period, SearchFilter, Store, amount_range};

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// A classification dimension (industry, 行业 …) or activity (活跃度).
    #[arg(long, value_name = "DIMENSION")]
    pub by: String,
    /// First day of the period for invoiced and received (default: no limit).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the period (default: no limit).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Receivable, overdue and activity as of this date (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub output: ReportOut,
}

/// Where a report goes: printed as `--format`, and to `--out` when given.
#[derive(Debug, Args)]
pub struct ReportOut {
    /// Also write the report to FILE.xlsx, FILE.csv or FILE.pdf (a search: every entry found).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// First entry date.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last entry date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// invoice, receipt, credit, prepayment, adjustment or opening (发票, 收款 … too).
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Customers holding a classification value: industry=制造业, activity=dormant.
    #[arg(long = "class", value_name = "DIM=VALUE")]
    pub class: Option<String>,
    /// Part of the document number.
    #[arg(long, value_name = "TEXT")]
    pub doc: Option<String>,
    /// The amount as typed, or a range MIN..MAX (either end may be left out).
    #[arg(long, value_name = "A|MIN..MAX")]
    pub amount: Option<String>,
    /// One customer's entries (code).
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
    /// At most this many entries printed (a file gets them all).
    #[arg(long, default_value_t = 200)]
    pub limit: u64,
    /// Skip this many entries first.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    #[command(flatten)]
    pub output: ReportOut,
}

fn optional_date(field: &str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, Failure> {
    text.map(|t| date_arg(field, Some(t))).transpose()
}

/// The rules for `--out` and its format, checked before the database is opened.
pub(super) fn checked_out(
    cli: &Cli,
    output: &ReportOut,
) -> Result<(Rules, Option<OutFormat>), Failure> {
    let rules = rules(cli, output.force)?;
    let kind = match output.out.as_deref() {
        Some(path) => Some(
            outfile::check(path, OutFormat::SHEETS_OR_PDF, &rules).map_err(|e| refused(cli, e))?,
        ),
        None => None,
    };
    Ok((rules, kind))
}

/// Writes a report grid to `path`: PDF through the documents (our letterhead),
/// xlsx / csv through the report writers.
pub(super) fn write_grid(
    cli: &Cli,
    store: &Store,
    (path, kind, rules): (&Path, Option<OutFormat>, &Rules),
    grid: &Grid,
) -> CliResult {
    if kind == Some(OutFormat::Pdf) {
        let kit = kit(cli, store)?;
        let bytes = documents::report_pdf(&kit, &grid.document()).map_err(doc_failure)?;
        write_pdf(cli, path, rules, &bytes)
    } else {
        outfile::write(path, OutFormat::SHEETS, rules, |tmp, _| grid.write(tmp))
            .map_err(|e| refused(cli, e))?;
        Ok(())
    }
}

pub(super) fn print_grid<T: serde::Serialize>(format: Format, grid: &Grid, json: &T) -> CliResult {
    let table = grid.table();
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    output::print_rows(format, &headers, &table.rows, json)
}

pub fn run(cli: &Cli, args: &StatsArgs) -> CliResult {
    let (rules, kind) = checked_out(cli, &args.output)?;
    let store = open_store(cli)?;
    let period = Period {
        from: optional_date("from", args.from.as_deref())?,
        to: optional_date("to", args.to.as_deref())?,
    };
    let as_of = date_arg("as_of", args.as_of.as_deref())?;
    let by = store.class_by(&args.by)?;
    let stats = store.stats(&by, period, as_of)?;
    if let Some(path) = &args.output.out {
        let grid = report::stats_grid(&stats, document_lang(cli));
        write_grid(cli, &store, (path, kind, &rules), &grid)?;
        output::tell(
            Message::new("stats.wrote")
                .with("path", path.display())
                .with("rows", stats.rows.len())
                .with("customers", stats.totals.customers),
        );
    }
    print_grid(
        args.output.format.format,
        &report::stats_grid(&stats, super::import::lang(cli)),
        &stats,
    )
}

/// `DIM=VALUE` as a dimension and one of its values.
pub(super) fn class_arg(store: &Store, text: &str) -> Result<(ClassBy, ClassValue), Failure> {
    if !text.contains('=') {
        // A usage error here (exit 2); the store words it the same.
        return Err(Failure::usage_msg(
            Message::new("class.filter_form").with("given", text),
        ));
    }
    Ok(store.class_filter(text)?)
}

fn amount_arg(text: &str) -> Result<(Money, Money), Failure> {
    amount_range(text).map_err(|e| super::ledger::option_failure("amount", e.text(), e.code()))
}

pub fn search(cli: &Cli, args: &SearchArgs) -> CliResult {
    let (rules, kind) = checked_out(cli, &args.output)?;
    let store = open_store(cli)?;
    let today = today();
    let filter = SearchFilter {
        period: Period {
            from: optional_date("from", args.from.as_deref())?,
            to: optional_date("to", args.to.as_deref())?,
        },
        kind: match &args.kind {
            Some(k) => Some(EntryKind::parse(k).ok_or_else(|| {
                Failure::usage_msg(Message::new("search.unknown_type").with("type", k))
            })?),
            None => None,
        },
        class: args
            .class
            .as_deref()
            .map(|c| class_arg(&store, c))
            .transpose()?,
        doc: args.doc.clone(),
        amount: args.amount.as_deref().map(amount_arg).transpose()?,
        customer_id: args
            .customer
            .as_deref()
            .map(|c| customer_id(&store, c))
            .transpose()?,
        today: Some(today),
    };
    if let Some(path) = &args.output.out {
        let hits = store.search_ledger(&filter, Page::default())?;
        let grid = report::search_grid(&hits, filter.period, document_lang(cli));
        write_grid(cli, &store, (path, kind, &rules), &grid)?;
        output::tell(
            Message::new("search.wrote")
                .with("path", path.display())
                .with("count", hits.len()),
        );
        return Ok(());
    }
    let page = Page {
        limit: Some(args.limit),
        offset: args.offset,
    };
    let hits = store.search_ledger(&filter, page)?;
    let lang: Lang = super::import::lang(cli);
    print_grid(
        args.output.format.format,
        &report::search_grid(&hits, filter.period, lang),
        &hits,
    )?;
    if args.output.format.format == Format::Table {
        let (count, sum) = store.count_ledger(&filter)?;
        if count > hits.len() as u64 {
            output::tell(
                Message::new("search.more")
                    .with("shown", hits.len())
                    .with("count", count)
                    .with("sum", sum.grouped()),
            );
        }
    }
    Ok(())
}
