//! `kehu review list|approve|reject`: new customers and credit-limit raises
//! awaiting a supervisor (审核).

use clap::Subcommand;

use super::args::FormatArg;
use super::{Cli, CliResult, open_store, output};
use crate::messages::Message;

#[derive(Debug, Subcommand)]
pub enum ReviewCmd {
    /// What awaits review: new customers (待审核) and credit-limit raises.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Approve (supervisor): the new customer becomes active, a pending credit limit applies.
    Approve {
        /// Customer code (C000001).
        code: String,
    },
    /// Reject with a reason (supervisor): the new customer is archived, a pending credit limit dropped.
    Reject {
        /// Customer code (C000001).
        code: String,
        /// Why (kept in the audit trail).
        #[arg(long)]
        reason: String,
    },
}

pub fn run(cli: &Cli, cmd: &ReviewCmd) -> CliResult {
    let mut store = open_store(cli)?;
    let reviewed = match cmd {
        ReviewCmd::List { format } => {
            let items = store.review_queue()?;
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    vec![
                        i.code.clone(),
                        i.name.clone(),
                        i.kind.clone(),
                        i.old.clone().unwrap_or_default(),
                        i.new.clone().unwrap_or_default(),
                        i.requested_by.clone().unwrap_or_default(),
                        i.requested_at.clone(),
                    ]
                })
                .collect();
            return output::print_rows(
                format.format,
                &[
                    "code",
                    "name",
                    "kind",
                    "old",
                    "new",
                    "requested_by",
                    "requested_at",
                ],
                &rows,
                &items,
            );
        }
        ReviewCmd::Approve { code } => (store.approve_review(code)?, "review.approved"),
        ReviewCmd::Reject { code, reason } => {
            (store.reject_review(code, reason)?, "review.rejected")
        }
    };
    let (r, code) = reviewed;
    output::say(
        Message::new(code)
            .with("code", &r.code)
            .with("name", &r.name),
    )?;
    if let Some(limit) = &r.credit_limit {
        let line = if code == "review.approved" {
            "review.limit_approved"
        } else {
            "review.limit_rejected"
        };
        output::say(Message::new(line).with("limit", limit))?;
    }
    Ok(())
}
