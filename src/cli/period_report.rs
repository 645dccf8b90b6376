//! `kehu report reconciliation --month 2026-09 | --year 2026`: which
//! customers were reconciled for the period, confirmed by whom, differences
//! still open, customers never reconciled.

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use super::documents::document_lang;
use super::stats::{ReportOut, checked_out, print_grid, write_grid};
use super::{Cli, CliResult, Failure, open_store, output};
use crate::messages::Message;
use crate::report;

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Reconciliation across customers for a month or a year (对账情况表).
    Reconciliation(PeriodArgs),
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// The month: 2026-09.
    #[arg(
        long,
        value_name = "YYYY-MM",
        conflicts_with = "year",
        required_unless_present = "year"
    )]
    pub month: Option<String>,
    /// The year: 2026.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,
    #[command(flatten)]
    pub output: ReportOut,
}

/// First and last day of `--month` or `--year`.
fn period(args: &PeriodArgs) -> Result<(NaiveDate, NaiveDate), Failure> {
    if let Some(m) = &args.month {
        let bad = || Failure::usage_msg(Message::new("recon_period.bad_month").with("given", m));
        let first = NaiveDate::parse_from_str(&format!("{}-01", m.trim()), "%Y-%m-%d")
            .map_err(|_| bad())?;
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .ok_or_else(bad)?;
        return Ok((first, next.pred_opt().ok_or_else(bad)?));
    }
    let y = args.year.as_deref().unwrap_or_default();
    let bad = || Failure::usage_msg(Message::new("recon_period.bad_year").with("given", y));
    let year: i32 = y.trim().parse().map_err(|_| bad())?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
    let last = NaiveDate::from_ymd_opt(first.year(), 12, 31).ok_or_else(bad)?;
    Ok((first, last))
}

pub fn run(cli: &Cli, cmd: &ReportCmd) -> CliResult {
    let ReportCmd::Reconciliation(args) = cmd;
    let (from, to) = period(args)?;
    let (rules, kind) = checked_out(cli, &args.output)?;
    let store = open_store(cli)?;
    let report = store.reconciliation_period(from, to)?;
    if let Some(path) = &args.output.out {
        let grid = report::reconciliation_period_grid(&report, document_lang(cli));
        write_grid(cli, &store, (path, kind, &rules), &grid)?;
        output::tell(
            Message::new("recon_period.wrote")
                .with("path", path.display())
                .with("count", report.rows.len()),
        );
    }
    let grid = report::reconciliation_period_grid(&report, super::import::lang(cli));
    print_grid(args.output.format.format, &grid, &report)
}
