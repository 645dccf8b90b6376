//! Grammar of the ledger commands: `kehu ledger …`, `balance`, `aging`,
//! `overdue`, `statement`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::FormatArg;

#[derive(Debug, Subcommand)]
pub enum LedgerCmd {
    /// Add an entry: kehu ledger add C000001 --type invoice --date 2024-03-05 --doc INV-001 --amount 12,800.00
    Add(AddArgs),
    /// A customer's entries with running balance, outstanding and due dates.
    List {
        /// Customer code (C000001).
        code: String,
        /// Days overdue are counted to this date (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Allocate credit to open invoices (核销). Without --from: every unapplied
    /// receipt, credit note and prepayment, oldest first.
    Allocate {
        /// Customer code (C000001).
        code: String,
        /// The receipt, credit note or prepayment to allocate (DOC or type:DOC).
        #[arg(long, value_name = "DOC")]
        from: Option<String>,
        /// An invoice to allocate to, optionally with an amount; repeatable, in order.
        /// Without it: open invoices oldest first.
        #[arg(long = "to", value_name = "DOC[=AMOUNT]", requires = "from")]
        to: Vec<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Reverse an entry (冲销) with a new one of opposite amount; the way to
    /// correct an entry a reconciliation confirmed.
    Reverse {
        /// Customer code (C000001).
        code: String,
        /// The entry: DOC, or type:DOC when the number is used by two types.
        doc: String,
        /// Why it is reversed (kept in the audit trail).
        #[arg(long)]
        reason: String,
        /// Date of the reversal (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Document number of the reversal (default: DOC-R).
        #[arg(long, value_name = "NO")]
        reversal_doc: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change an entry that no reconciliation has confirmed yet.
    Edit {
        /// Customer code (C000001).
        code: String,
        /// The entry: DOC, or type:DOC.
        doc: String,
        /// New entry date.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// New document number.
        #[arg(long, value_name = "NO")]
        new_doc: Option<String>,
        /// New amount (positive; signed for adjustments and openings).
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// New due date.
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// New memo.
        #[arg(long)]
        memo: Option<String>,
        /// Why a credit-limit refusal is overridden, if the change needs it.
        #[arg(long, value_name = "REASON")]
        override_reason: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Record that a reconciliation confirmed the ledger up to a date:
    /// entries up to then can only be reversed, not edited.
    Confirm {
        /// Customer code (C000001).
        code: String,
        /// Last date confirmed (entries up to it are locked).
        #[arg(long, value_name = "DATE")]
        until: String,
    },
    /// Who changed what in a customer's ledger.
    History {
        /// Customer code (C000001).
        code: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Entries across customers (账目查询) by period, type, classification,
    /// document number, amount or customer, in date order.
    Search(super::super::stats::SearchArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Customer code.
    pub code: String,
    /// invoice, receipt, credit, prepayment, adjustment or opening (发票, 收款, 红字, 预收, 调整, 期初 work too).
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: String,
    /// Entry date: 2024-03-05, 2024/3/5, 20240305 or 2024年3月5日.
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// Document number (invoice, receipt or voucher number); unique per customer and type.
    #[arg(long, value_name = "NO")]
    pub doc: String,
    /// Positive; the type gives the direction. Signed for adjustments and openings.
    #[arg(long, allow_hyphen_values = true)]
    pub amount: String,
    /// Due date (default: the date plus the customer's payment days).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Memo; for an adjustment, its required reason.
    #[arg(long, alias = "reason")]
    pub memo: Option<String>,
    /// Issue an invoice over the credit limit anyway; the reason is recorded.
    #[arg(long, value_name = "REASON")]
    pub override_reason: Option<String>,
    /// Allocate a receipt or credit note to these invoices (DOC[=AMOUNT], repeatable)
    /// instead of the oldest open ones.
    #[arg(long, value_name = "DOC[=AMOUNT]", conflicts_with = "no_allocate")]
    pub allocate: Vec<String>,
    /// Leave the entry unallocated for now.
    #[arg(long)]
    pub no_allocate: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// One customer; all customers when left out.
    pub code: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct AgingArgs {
    /// Age as of this date (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Also write the report to FILE.xlsx or FILE.csv.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct OverdueArgs {
    /// Overdue as of this date (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct StatementArgs {
    /// Customer code (C000001).
    pub code: String,
    /// First day of the period.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day of the period.
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// FILE.xlsx, FILE.csv (UTF-8 with BOM) or FILE.pdf (to sign and return);
    /// without it the statement is printed.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatArg,
}
