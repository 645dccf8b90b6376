//! The grammar of `kehu reconcile`: the run's flags and the saved sessions'
//! subcommands.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::super::Format;
use super::super::args::FormatArg;
use crate::reconcile::SignConvention;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReconcileArgs {
    #[command(subcommand)]
    pub action: Option<ReconcileCmd>,
    /// The customer's code.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
    /// The customer's statement: .csv/.txt (UTF-8, UTF-16 or GBK) or .xlsx/.xls/.ods.
    #[arg(long, value_name = "FILE")]
    pub statement: Option<PathBuf>,
    /// First day of the period (default: the statement's first date).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the period (default: the statement's last date).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Dates this many days apart still match (±).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub tolerance_days: u32,
    /// A saved statement mapping (columns and sign convention).
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    /// Map columns by hand: 'Header=field,…' (date, doc, description, debit,
    /// credit, amount, balance, direction, ignore).
    #[arg(long, value_name = "'Header=field,…'")]
    pub map: Option<String>,
    /// Their sign convention, over the mapping's and the detected one.
    #[arg(long, value_enum)]
    pub sign: Option<SignArg>,
    /// Save the mapping used, with the sign convention, under this name.
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    /// Sheet of a workbook (default: the one holding the data, not a notes sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Row number of the header row (default: found).
    #[arg(long, value_name = "N")]
    pub header_row: Option<u64>,
    /// The year of dates the statement gives as 月 and 日 only, when it names
    /// none (no 2026年 or 期间 line above the header).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: Option<i32>,
    /// Save the reconciliation as a draft session.
    #[arg(long)]
    pub save: bool,
    /// Write the reconciliation statement (余额调节表) to REPORT.xlsx, .csv or .pdf.
    #[arg(long, value_name = "REPORT")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SignArg {
    /// Their 贷方 raises what they owe us (a payables ledger): the usual case.
    TheirCreditIsOurDebit,
    /// Their debit is our debit (a statement in our own terms).
    Same,
}

impl SignArg {
    pub(super) fn convention(self) -> SignConvention {
        match self {
            SignArg::TheirCreditIsOurDebit => SignConvention::TheirCreditIsOurDebit,
            SignArg::Same => SignConvention::Same,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ReconcileCmd {
    /// A customer's saved reconciliations, latest period first.
    History {
        /// Customer code (C000001).
        code: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// A saved reconciliation; --out writes its reconciliation statement.
    Show {
        /// The reconciliation's number (see history).
        session: i64,
        /// Also write the reconciliation statement to this .xlsx, .csv or .pdf.
        #[arg(long, value_name = "REPORT")]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Confirm a saved draft: it becomes read-only and the customer's ledger
    /// is locked up to the period's end (entries there can only be reversed).
    Confirm {
        /// The reconciliation's number (see history).
        session: i64,
        /// Why a reconciliation that does not close is confirmed anyway
        /// (required then; a supervisor's call once operators exist).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
}
