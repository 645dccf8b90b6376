//! `kehu audit [--customer CODE] [--operator NAME] [--action A …] [--from D
//! --to D] [--limit N] [--format table|json|csv]`: every audit trail as one
//! list; `kehu audit restore ID`: a deleted customer back as a new one.

use clap::{Args, Subcommand};

use super::args::FormatArg;
use super::customer::print_one;
use super::{Cli, CliResult, Failure, open_store, output};
use crate::domain::date::parse_date;
use crate::store::{AUDIT_ACTIONS, AuditFilter};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub action: Option<AuditCmd>,
    /// One customer's rows (also a deleted customer's code).
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
    /// Rows written by this operator.
    #[arg(long = "by", visible_alias = "who", value_name = "NAME")]
    pub by: Option<String>,
    /// create, update, status, delete, merge, confirm, allocate, reverse,
    /// override, save, adjust, import, sign_in, sign_in_failed, refused,
    /// operator_add, operator_passwd, operator_retire, setting, restore;
    /// repeatable.
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
    /// From this day on.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to and including this day.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only the newest N rows (default: 500 in a table, all in json/csv).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Bring a deleted customer back, as a new customer, from the snapshot in
    /// audit row ID (see `kehu audit --action delete`).
    Restore {
        /// The audit row of the deletion.
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Rows a table shows when no --limit is given.
const TABLE_ROWS: usize = 500;

pub fn run(cli: &Cli, args: &AuditArgs) -> CliResult {
    if let Some(AuditCmd::Restore { id, format }) = &args.action {
        let mut store = open_store(cli)?;
        let saved = store.restore_deleted(*id)?;
        output::note!(
            "restored audit row {id} as {} {}",
            saved.customer.data.code,
            saved.customer.data.name
        );
        return print_one(&saved.customer, format.format, super::import::lang(cli));
    }
    // `sign-in` reads as `sign_in`: actions are typed both ways.
    let actions: Vec<String> = args
        .actions
        .iter()
        .map(|a| a.trim().to_ascii_lowercase().replace('-', "_"))
        .collect();
    for action in &actions {
        if !AUDIT_ACTIONS.contains(&action.as_str()) {
            return Err(Failure::usage_msg(
                crate::messages::Message::new("audit.unknown_action")
                    .with("action", action)
                    .with("actions", AUDIT_ACTIONS.join(", ")),
            ));
        }
    }
    let date = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| {
                parse_date(t).map_err(|e| {
                    let reason = super::render(
                        crate::messages::Message::new("cli.flag_problem")
                            .with("flag", flag)
                            .with_text("reason", e.text()),
                    );
                    Failure::usage(format!("{reason} [{}]", e.code()))
                })
            })
            .transpose()
    };
    let format = args.format.format;
    let filter = AuditFilter {
        customer: args.customer.clone(),
        operator: args.by.clone(),
        actions,
        from: date("from", &args.from)?,
        to: date("to", &args.to)?,
        limit: args
            .limit
            .or((format == super::Format::Table).then_some(TABLE_ROWS)),
    };
    let store = open_store(cli)?;
    let records = store.audit_log(&filter)?;
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.at.clone(),
                r.operator.clone(),
                r.source.clone(),
                r.id.to_string(),
                r.action.clone(),
                r.customer.clone().unwrap_or_default(),
                r.subject.clone(),
                r.old.clone().unwrap_or_default(),
                r.new.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::print_rows(
        format,
        &[
            "at", "operator", "source", "id", "action", "customer", "subject", "old", "new",
        ],
        &rows,
        &records,
    )
}
