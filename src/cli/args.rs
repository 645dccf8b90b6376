//! Command-line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod ledger;
pub use ledger::{AddArgs, AgingArgs, BalanceArgs, LedgerCmd, OverdueArgs, StatementArgs};

#[derive(Debug, Parser)]
#[command(
    name = "kehu",
    version,
    about = "客户 — customer accounts for the bookkeeper, in the terminal"
)]
pub struct Cli {
    /// Database file (default: kehu/kehu.db in your data folder).
    #[arg(long, global = true, env = "KEHU_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Name recorded in the audit trail (default: the OS user).
    #[arg(long, global = true, env = "KEHU_OPERATOR", value_name = "NAME")]
    pub operator: Option<String>,
    /// UI language: zh or en (default: config file, then LANG).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// A file holding the passphrase of an encrypted database (else
    /// KEHU_DB_KEY, `key_file` in the config, or a prompt).
    #[arg(long, global = true, env = "KEHU_DB_KEY_FILE", value_name = "PATH")]
    pub key_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, show, edit, archive or delete customers.
    #[command(subcommand)]
    Customer(CustomerCmd),
    /// Check a tax ID (统一社会信用代码, legacy taxpayer number) or resident ID.
    CheckId(CheckIdArgs),
    /// Fill the database with about 200 sample customers and their ledgers to try kehu on.
    Demo,
    /// Named presets of field values for new customers.
    #[command(subcommand)]
    Template(TemplateCmd),
    /// Classification dimensions (行业, 规模, 地区, 渠道, 信用等级) and their values.
    #[command(subcommand)]
    Class(ClassCmd),
    /// Receivables ledger: add, list, allocate, reverse, edit, confirm entries.
    #[command(subcommand)]
    Ledger(LedgerCmd),
    /// Balance, credit used and credit available: one customer or all.
    Balance(BalanceArgs),
    /// Outstanding by how long past due (账龄), as of a date.
    Aging(AgingArgs),
    /// Invoices past due, longest overdue first.
    Overdue(OverdueArgs),
    /// Statement of account (对账单) for a period, to FILE.xlsx, FILE.csv or FILE.pdf.
    Statement(StatementArgs),
    /// Settings kept in the database.
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Import customers from a CSV or Excel file; undo an import; list past imports.
    Import(super::import::ImportArgs),
    /// Write every customer to an .xlsx or .csv file that imports back as is.
    Export {
        /// The file to write (.xlsx, or .csv in UTF-8 with BOM).
        out: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Reconcile a customer's statement against the ledger (对账); history,
    /// show and confirm saved reconciliations.
    Reconcile(super::reconcile::ReconcileArgs),
    /// Print a shell completion script: kehu completions bash > ~/.local/share/bash-completion/completions/kehu
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Take a checked backup of the database (into the backups folder, or --out FILE); list backups.
    Backup(super::backup::BackupArgs),
    /// Replace the database with a backup (the current one is kept as a backup first).
    Restore(super::backup::RestoreArgs),
    /// The audit trail of every customer, the ledger, reconciliations,
    /// sign-ins and refusals; restore a deleted customer.
    Audit(super::audit::AuditArgs),
    /// Operators and their roles (会计 bookkeeper, 主管 supervisor).
    #[command(subcommand)]
    Operator(super::operator::OperatorCmd),
    /// New customers and credit-limit raises awaiting a supervisor (审核): list, approve, reject.
    #[command(subcommand)]
    Review(super::review::ReviewCmd),
    /// Encrypt the database at rest (SQLCipher) with a new passphrase
    /// (KEHU_NEW_DB_KEY or typed twice).
    Encrypt(super::encryption::EncryptArgs),
    /// Turn an encrypted database back into a plain one.
    Decrypt(super::encryption::DecryptArgs),
    /// Give an encrypted database a new passphrase.
    Rekey,
    /// Reminder letters (催款函) as PDF: one overdue customer, or --all into
    /// one file (--out) or one file each (--out-dir).
    Remind(super::remind::RemindArgs),
    /// Statistics by a classification dimension or activity (活跃度):
    /// customers, invoiced and received in a period, receivable and overdue now.
    Stats(super::stats::StatsArgs),
    /// Period reports across customers: reconciliation --month 2026-09 | --year 2026.
    #[command(subcommand)]
    Report(super::period_report::ReportCmd),
}

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// Show or set the credit-limit ceiling (a typo guard; default 100,000,000.00).
    CreditCeiling {
        /// The new ceiling (omit it to show the current one).
        amount: Option<String>,
    },
    /// Show or set the credit limit above which only a supervisor may set one
    /// (default 100,000.00; applies once operators exist).
    SupervisorCreditLimit {
        /// The new limit (omit it to show the current one).
        amount: Option<String>,
    },
    /// Show or set how far over its limit a bookkeeper's override may take an
    /// account; beyond it only a supervisor (default 10,000.00).
    SupervisorOverrideExcess {
        /// The new amount (omit it to show the current one).
        amount: Option<String>,
    },
    /// Show or set whether new customers start pending review (待审核) until
    /// a supervisor approves them (default off).
    ReviewNewCustomers {
        /// on or off (omit it to show the current setting).
        #[arg(value_parser = ["on", "off"])]
        state: Option<String>,
    },
    /// Show or set our company (本公司): the sender on statements and
    /// reminders, the seller on invoices imported from the tax platform.
    /// Options given change those fields only; an empty value clears one.
    Company(CompanyArgs),
}

#[derive(Debug, Args)]
pub struct CompanyArgs {
    /// Full legal name (as on the business licence).
    #[arg(long)]
    pub name: Option<String>,
    /// 统一社会信用代码.
    #[arg(long)]
    pub tax_id: Option<String>,
    /// Address (地址) printed on documents.
    #[arg(long)]
    pub address: Option<String>,
    /// Phone (电话) printed on documents.
    #[arg(long)]
    pub phone: Option<String>,
    /// Bank (开户行).
    #[arg(long = "bank")]
    pub bank_name: Option<String>,
    /// Bank account (银行账号).
    #[arg(long = "account")]
    pub bank_account: Option<String>,
    /// Contact person (联系人) named on reminder letters.
    #[arg(long)]
    pub contact: Option<String>,
    /// A seal or logo image (PNG or JPEG) for documents.
    #[arg(long)]
    pub seal: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer; every problem is reported at once.
    Add {
        /// Full legal name (as on the business licence).
        #[arg(long)]
        name: String,
        /// 统一社会信用代码, legacy taxpayer number or (individuals) resident ID.
        #[arg(long)]
        tax_id: Option<String>,
        /// Start from this template's values.
        #[arg(long)]
        template: Option<String>,
        /// Any field as key=value (credit_limit=50000, industry=制造业 …); repeatable.
        #[arg(long = "field", short = 'f', value_name = "KEY=VALUE")]
        fields: Vec<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List customers (archived ones only with --status archived or --all).
    List {
        /// Matches name, short name, code, mnemonic, tax ID, phone and contact.
        #[arg(long)]
        search: Option<String>,
        /// active, on_hold, archived or pending_review.
        #[arg(long)]
        status: Option<String>,
        /// Include archived customers.
        #[arg(long)]
        all: bool,
        /// Only customers holding this classification value, e.g.
        /// industry=制造业 or activity=dormant (活跃度=休眠); repeatable, all must hold.
        #[arg(long = "class", value_name = "DIM=VALUE")]
        class: Vec<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Every field, the classification and the audit history of one customer.
    Show {
        /// Customer code (C000001).
        code: String,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change fields: --field key=value (an empty value clears the field).
    Edit {
        /// Customer code (C000001).
        code: String,
        /// A field as key=value (credit_limit=50000, notes= …); repeatable.
        #[arg(long = "field", short = 'f', value_name = "KEY=VALUE", required = true)]
        fields: Vec<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Archive: hidden from lists, history kept, tax ID free for a new record.
    Archive {
        /// Customer code (C000001).
        code: String,
    },
    /// Bring an archived or on-hold customer back to active.
    Unarchive {
        /// Customer code (C000001).
        code: String,
    },
    /// Put on hold (停用): no new invoices.
    Hold {
        /// Customer code (C000001).
        code: String,
    },
    /// Delete a customer that has no ledger entries (a snapshot stays in the audit trail).
    Delete {
        /// Customer code (C000001).
        code: String,
    },
    /// Merge duplicate DROP into KEEP (supervisor): ledger entries, allocations and
    /// reconciliations move to KEEP, DROP is archived pointing at it; --undo ID undoes.
    Merge {
        /// The customer kept (C000001).
        #[arg(required_unless_present = "undo")]
        keep: Option<String>,
        /// The duplicate merged into KEEP and archived.
        #[arg(required_unless_present = "undo")]
        drop: Option<String>,
        /// A field KEEP takes from DROP (phone, tax_id, industry …, or phone=from-drop); repeatable.
        #[arg(short, long = "field", value_name = "KEY")]
        fields: Vec<String>,
        /// Why, kept in the audit trail.
        #[arg(long)]
        reason: Option<String>,
        /// Undo merge ID (as printed by the merge) while nothing new touched either customer.
        #[arg(long, value_name = "ID", conflicts_with_all = ["keep", "drop", "fields", "reason"])]
        undo: Option<i64>,
    },
}

#[derive(Debug, Args)]
pub struct CheckIdArgs {
    /// The ID to check (quote it if it has spaces).
    pub id: String,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCmd {
    /// Save a template: kehu template save "VIP wholesale" -f credit_limit=200000 -f payment_days=60
    Save {
        /// The template's name.
        name: String,
        /// A field value as key=value; repeatable.
        #[arg(long = "field", short = 'f', value_name = "KEY=VALUE", required = true)]
        fields: Vec<String>,
    },
    /// The saved templates and their values.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Delete a template (customers made from it keep their values).
    Delete {
        /// The template's name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClassCmd {
    /// Dimensions and their values.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Add a dimension: kehu class add-dimension province 省份 Province
    AddDimension {
        /// Code used in files and --field (ASCII, e.g. province).
        code: String,
        /// Chinese label.
        name_zh: String,
        /// English label.
        name_en: String,
    },
    /// Rename a dimension's labels (its code stays).
    RenameDimension {
        /// The dimension's code.
        code: String,
        /// New Chinese label.
        name_zh: String,
        /// New English label.
        name_en: String,
    },
    /// Retire a dimension: customers keep their values, no new ones are given.
    RetireDimension {
        /// The dimension's code.
        code: String,
    },
    /// Add a value to a dimension (or bring a retired one back).
    AddValue {
        /// The dimension's code.
        dimension: String,
        /// The value, e.g. 制造业.
        value: String,
    },
    /// Rename a value; customers that have it follow.
    Rename {
        /// The dimension's code.
        dimension: String,
        /// The value's current name.
        old: String,
        /// Its new name.
        new: String,
    },
    /// Retire a value: kept on customers that have it, no longer offered.
    Retire {
        /// The dimension's code.
        dimension: String,
        /// The value to retire.
        value: String,
    },
    /// Delete a value no customer uses.
    Delete {
        /// The dimension's code.
        dimension: String,
        /// The value to delete.
        value: String,
    },
}
